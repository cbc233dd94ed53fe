import type { CorpusCase } from "./case.js";

// cleartax/jira-lint and its forks (e.g. btwrk/jira-lint): the branch must carry a key of the
// configured projects; keys are found in any case and upper-cased; other projects' keys and
// key-shaped words do not count. Restated from its README and utils tests.
const SOURCE = "cleartax/jira-lint README and utils tests";
const KEYS = { providers: [{ jira: { keys: ["BF", "ABC", "PB2", "P2P"] } }] } satisfies CorpusCase["tickets"];

const cases: Array<[string, CorpusCase["pr"], CorpusCase["expected"], string[]?]> = [
  ["project key in a branch", { branch: "dev/BF-18-fix-login" }, "pass", ["jira:BF-18"]],
  ["lower-case project key in a branch", { branch: "dev/bf-18-fix-login" }, "pass", ["jira:BF-18"]],
  ["key with digits", { branch: "pb2-1-retry" }, "pass", ["jira:PB2-1"]],
  ["key with a digit in the middle", { branch: "p2p-1" }, "pass", ["jira:P2P-1"]],
  ["mixed-case key in a title", { title: "abC-123 retry" }, "pass", ["jira:ABC-123"]],
  ["unlisted project", { branch: "feature/XY-33-retry" }, "fail"],
  ["listed key as the tail of a longer word", { branch: "feature/abcabc-33" }, "fail"],
  ["no key at all", { branch: "feature/retry-login" }, "fail"],
  ["lower-case listed key in the body", { body: "Work for abc-12 and pb2-7" }, "pass", ["jira:ABC-12", "jira:PB2-7"]],
];

export const jiraLint: CorpusCase[] = cases.map(([name, pr, expected, ids]) => ({ source: SOURCE, name, pr, expected, tickets: KEYS, ...(ids ? { ids } : {}) }));
