import type { CheckName, CheckRunState, Mode, Override, RuleResult } from "../model/checks.js";
import { escapeMarkdown } from "../lib/markdown-text.js";

/**
 * Turns a rule's result into the check run to post: the one place where outcomes become
 * conclusions. Returns null when there is nothing to post.
 */
export function toCheckRun(params: { name: CheckName; result: RuleResult; mode: Mode }): CheckRunState | null {
  const { name, result, mode } = params;
  switch (result.outcome) {
    case "silent":
      return null;
    case "pending":
      return { name, status: "in_progress", output: textOf(result) };
    case "pass":
      return { name, status: "completed", conclusion: "success", output: textOf(result) };
    case "fail":
      return { name, status: "completed", conclusion: mode === "required" ? "failure" : "neutral", output: textOf(result) };
    case "exempt":
      return { name, status: "completed", conclusion: "skipped", output: textOf(result) };
    case "neutral":
      return { name, status: "completed", conclusion: "neutral", output: textOf(result) };
  }
}

/** An override by a writer wins over whatever the rule decided. */
export function applyOverride(result: RuleResult, override: Override | undefined): RuleResult {
  if (!override) return result;
  return {
    outcome: "exempt",
    title: `Skipped by @${override.user}: ${oneLine(override.reason)}`,
    summary:
      `@${override.user} skipped this check with \`/shipshape skip ${override.check}\` on ${override.at}.\n\n` +
      `Reason: ${escapeMarkdown(override.reason)}\n\nA new \`/shipshape skip\` replaces it; \`/shipshape unskip ${override.check}\` undoes it (\`/shipshape refresh\` does not).`,
  };
}

function textOf(result: Exclude<RuleResult, { outcome: "silent" }>) {
  const { title, summary, text, annotations } = result;
  return {
    title,
    summary,
    ...(text === undefined ? {} : { text }),
    ...(annotations === undefined ? {} : { annotations }),
  };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
