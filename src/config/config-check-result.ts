import type { Annotation, RuleResult } from "../model/checks.js";
import type { ConfigProblem } from "./parse-config.js";
import { escapeMarkdown } from "../lib/markdown-text.js";
import { ANNOTATIONS_PER_REQUEST } from "../model/github-limits.js";

/** One line per problem, as the CLI prints them and the check summary lists them. */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}${problem.column ? `:${problem.column}` : ""}` : problem.file;
  return `${where}: ${problem.path ? `${problem.path}: ` : ""}${problem.message}`;
}

/**
 * A check lists the first 50 problems (one request's worth of annotations): a file of thousands
 * of typos costs one check-run write, not a hundred, and the CLI lists every one.
 */
export const MAX_LISTED_PROBLEMS = ANNOTATIONS_PER_REQUEST;

/**
 * The `shipshape/config` result. `source` says which file was judged: the default branch's
 * (which blocks every other check) or the PR's new version (caught before it is merged).
 */
export function configCheckResult(params: { problems: ConfigProblem[]; source: "default-branch" | "pull-request"; file: string }): RuleResult {
  const { problems, source, file } = params;
  if (problems.length === 0) {
    return {
      outcome: "pass",
      title: source === "pull-request" ? `${file} in this PR is valid` : `${file} is valid`,
      summary:
        source === "pull-request"
          ? `The new \`${file}\` parses and matches the schema; it takes effect once merged to the default branch.`
          : `\`${file}\` on the default branch parses and matches the schema.`,
    };
  }
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const shown = problems.slice(0, MAX_LISTED_PROBLEMS);
  const rest = problems.length - shown.length;
  const list =
    shown.map((problem) => `- ${escapeMarkdown(formatProblem(problem))}`).join("\n") +
    (rest > 0 ? `\n- … and ${rest} more: \`shipshape config validate ${file}\` lists them all.` : "");
  const consequence =
    source === "default-branch"
      ? "Until it is fixed on the default branch, Shipshape runs no other check on this repository's pull requests."
      : "Merging it would stop every Shipshape check on this repository until it is fixed.";
  return {
    outcome: "fail",
    title: `Fix ${count} in ${file}`,
    summary: `${consequence}\n\n${list}\n\nCheck a version before pushing it with Shipshape's CLI, \`shipshape config validate ${file}\`; every key is described in Shipshape's README.`,
    // Only lines of the file in this repository: an annotation cannot point into another repository.
    annotations: shown.filter((problem) => problem.line !== undefined && problem.file === file).map((problem) => toAnnotation(problem)),
  };
}

function toAnnotation(problem: ConfigProblem): Annotation {
  return {
    path: problem.file,
    start_line: problem.line ?? 1,
    end_line: problem.line ?? 1,
    annotation_level: "failure",
    title: problem.path || "shipshape.yml",
    message: problem.message,
  };
}
