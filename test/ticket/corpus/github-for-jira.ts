import { JIRA_ONLY, type CorpusCase } from "./case.js";

// atlassian/github-for-jira: the issue-key parser's tests (src/jira/util, "jiraIssueKeyParser"):
// keys in titles, branches and commit messages, `_` and brackets as separators, several keys
// per text, lower case accepted when the project is known. Restated here, not copied.
const SOURCE = "atlassian/github-for-jira issue-key parser tests";

const cases: Array<[string, CorpusCase["pr"], CorpusCase["expected"], string[]?, CorpusCase["tickets"]?]> = [
  ["key at the start of a title", { title: "JRA-123 Fix the login" }, "pass", ["jira:JRA-123"]],
  ["key at the end of a title", { title: "Fix the login JRA-123" }, "pass", ["jira:JRA-123"]],
  ["key in square brackets", { title: "[JRA-123] Fix the login" }, "pass", ["jira:JRA-123"]],
  ["key in parentheses", { title: "Fix the login (JRA-123)" }, "pass", ["jira:JRA-123"]],
  ["key after a hash", { title: "#JRA-123 Fix the login" }, "pass", ["jira:JRA-123"]],
  ["key followed by a colon", { title: "JRA-123: Fix the login" }, "pass", ["jira:JRA-123"]],
  ["two keys in one title", { title: "JRA-123 JRA-456 Fix both" }, "pass", ["jira:JRA-123", "jira:JRA-456"]],
  ["keys separated by commas", { title: "JRA-123,JRA-456 Fix both" }, "pass", ["jira:JRA-123", "jira:JRA-456"]],
  ["key surrounded by underscores", { title: "_JRA-123_ Fix the login" }, "pass", ["jira:JRA-123"]],
  ["underscore between prefix and key in a branch", { branch: "feature_ABC-123" }, "pass", ["jira:ABC-123"]],
  ["underscore between key and slug in a branch", { branch: "ABC-123_fix_login" }, "pass", ["jira:ABC-123"]],
  ["slash before the key in a branch", { branch: "feature/ABC-123-fix-login" }, "pass", ["jira:ABC-123"]],
  ["lower-case key in a branch", { branch: "feature/abc-123-fix-login" }, "pass", ["jira:ABC-123"]],
  ["key in a commit message", { commits: ["ABC-123 fix the login"] }, "pass", ["jira:ABC-123"]],
  ["key on the second line of a commit", { commits: ["Fix the login\n\nABC-123"] }, "pass", ["jira:ABC-123"]],
  ["digits inside the project key", { title: "A1B2-3 fix" }, "pass", ["jira:A1B2-3"]],
  ["a number alone is not a key", { title: "123-456 fix" }, "fail"],
  ["a key without a number is not a key", { title: "JRA- fix" }, "fail"],
  ["letters glued after the number", { title: "JRA-123abc fix" }, "fail"],
  ["lower-case key in a title counts with keys", { title: "abc-123 fix the login" }, "pass", ["jira:ABC-123"], { providers: [{ jira: { keys: ["ABC"] } }] }],
  ["lower-case key in a commit counts with keys", { commits: ["abc-123: fix the login"] }, "pass", ["jira:ABC-123"], { providers: [{ jira: { keys: ["ABC"] } }] }],
  ["underscore prefix with keys", { branch: "feature_ABC-123" }, "pass", ["jira:ABC-123"], { providers: [{ jira: { keys: ["ABC"] } }] }],
  ["key of another project with keys", { title: "XYZ-123 fix" }, "fail", undefined, { providers: [{ jira: { keys: ["ABC"] } }] }],
  ["key in the body", { body: "This implements ABC-123." }, "pass", ["jira:ABC-123"]],
];

export const githubForJira: CorpusCase[] = cases.map(([name, pr, expected, ids, tickets]) => ({
  source: SOURCE,
  name,
  pr,
  expected,
  tickets: tickets ?? JIRA_ONLY,
  ...(ids ? { ids } : {}),
}));
