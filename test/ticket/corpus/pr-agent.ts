import { GITHUB_ONLY, type CorpusCase } from "./case.js";

// qodo-ai/pr-agent's ticket extraction (ticket compliance): GitHub issue URLs and `#123` in the
// description, and the issue number a branch starts with (`123-slug`, `feature/123-slug`).
const SOURCE = "qodo-ai/pr-agent ticket extraction tests";

const cases: Array<[string, CorpusCase["pr"], CorpusCase["expected"], string[]?]> = [
  ["issue URL in the description", { body: "Ticket: https://github.com/acme/api/issues/123" }, "pass", ["github:#123"]],
  ["issue URL of another repo", { body: "See https://github.com/acme/web/issues/45" }, "pass", ["github:acme/web#45"]],
  ["short reference in the description", { body: "Closes #123" }, "pass", ["github:#123"]],
  ["branch that starts with the issue number", { branch: "123-fix-login" }, "pass", ["github:#123"]],
  ["issue number after a folder in the branch", { branch: "feature/123-fix-login" }, "pass", ["github:#123"]],
  ["issue number after a user folder", { branch: "jdoe/456-retry" }, "pass", ["github:#456"]],
  ["pull-request URL is not a ticket", { body: "Follow-up to https://github.com/acme/api/pull/77" }, "fail"],
  ["branch without a number", { branch: "feature/fix-login" }, "fail"],
  ["issue URL on another host", { body: "Tracked in https://gitlab.com/acme/api/issues/12" }, "fail"],
];

export const prAgent: CorpusCase[] = cases.map(([name, pr, expected, ids]) => ({ source: SOURCE, name, pr, expected, tickets: GITHUB_ONLY, ...(ids ? { ids } : {}) }));
