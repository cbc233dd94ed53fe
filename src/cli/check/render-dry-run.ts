import type { DryRunCheck } from "../../pipeline/dry-run-checks.js";

/** One judged PR: the name it is shown by, and its checks. */
export interface JudgedPull {
  repository: string;
  title: string;
  checks: DryRunCheck[];
}

/**
 * `--format json`: one `{ checks }` entry per PR, an array when the input was an array, else the
 * one object (so `jq .checks` works on a single PR). Keys as the README names them.
 */
export function renderJson(pulls: readonly JudgedPull[], many: boolean): string {
  const entries = pulls.map((pull) => ({
    checks: pull.checks.map(({ name, conclusion, title, summary, references }) => ({ name, conclusion, title, summary, references })),
  }));
  return JSON.stringify(many ? entries : entries[0], null, 2);
}

/**
 * `--format text`: each check as its check run reads on GitHub (name and conclusion, the title
 * line, then the summary), then one line saying what would fail.
 */
export function renderText(pulls: readonly JudgedPull[], many: boolean): string {
  const blocks: string[] = [];
  pulls.forEach((pull, index) => {
    const heading = `${pull.repository}: ${pull.title}${many ? ` (PR ${index + 1} of ${pulls.length})` : ""}`;
    blocks.push([heading, "=".repeat(Math.min(heading.length, 100))].join("\n"));
    if (pull.checks.length === 0) blocks.push("No check is enabled in this configuration.");
    for (const check of pull.checks) blocks.push(`${check.name}: ${check.conclusion}\n${check.title}\n\n${check.summary}`);
  });
  blocks.push(verdictLine(pulls, many));
  return blocks.join("\n\n");
}

function verdictLine(pulls: readonly JudgedPull[], many: boolean): string {
  const failing = pulls.flatMap((pull, index) => pull.checks.filter((check) => check.conclusion === "failure").map((check) => (many ? `${check.name} on PR ${index + 1}` : check.name)));
  if (failing.length === 0) return many ? `No check would fail on these ${pulls.length} PRs.` : "No check would fail.";
  return `${failing.length === 1 ? "1 check" : `${failing.length} checks`} would fail: ${failing.join(", ")}.`;
}
