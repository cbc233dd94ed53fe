import { z } from "zod";
import { formatPath } from "../../config/parse-config.js";
import type { FileFacts, PullRequestFacts } from "../../model/pull-request-facts.js";

const FILE_STATUSES = ["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"] as const;

/** One PR as `shipshape check --pr FILE` reads it (README "CLI"). Unknown keys are refused, as in the config. */
export const pullRequestInputSchema = z.strictObject({
  repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'expected "owner/repo"'),
  title: z.string(),
  branch: z.string().default(""),
  /** The base branch, for the texts ("cites no ADR that exists on main"). */
  base: z.string().min(1).default("main"),
  body: z.string().nullable().default(""),
  commits: z.array(z.string()).default([]),
  labels: z.array(z.string()).default([]),
  author: z.string().min(1).default("ghost"),
  author_type: z.enum(["User", "Bot"]).default("User"),
  draft: z.boolean().default(false),
  files: z
    .array(
      z.strictObject({
        filename: z.string().min(1),
        status: z.enum(FILE_STATUSES).default("modified"),
        previous_filename: z.string().min(1).optional(),
        patch: z.string().optional(),
      }),
    )
    .default([]),
});

export type PullRequestInput = z.infer<typeof pullRequestInputSchema>;

export type ParsedInput = { ok: true; many: boolean; pulls: PullRequestInput[] } | { ok: false; message: string };

/**
 * The `--pr` file's JSON, validated: either the PRs, or one line that says what is wrong and where
 * (`[2].author_type: expected "User" or "Bot"`).
 */
export function parsePullRequestInput(text: string): ParsedInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON: ${(error as Error).message}` };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { ok: false, message: "the array is empty: give one PR object, or an array of them" };
    // Item by item, so the message names the item at fault rather than a union of both shapes.
    const pulls: PullRequestInput[] = [];
    for (const [index, item] of value.entries()) {
      const parsed = pullRequestInputSchema.safeParse(item);
      if (!parsed.success) return { ok: false, message: describeIssue(parsed.error.issues[0], [index]) };
      pulls.push(parsed.data);
    }
    return { ok: true, many: true, pulls };
  }
  if (typeof value !== "object" || value === null) return { ok: false, message: "expected a PR object or an array of them" };
  const parsed = pullRequestInputSchema.safeParse(value);
  if (!parsed.success) return { ok: false, message: describeIssue(parsed.error.issues[0], []) };
  return { ok: true, many: false, pulls: [parsed.data] };
}

function describeIssue(issue: z.core.$ZodIssue | undefined, prefix: PropertyKey[]): string {
  if (!issue) return "invalid";
  const path = formatPath([...prefix, ...issue.path]);
  const at = path === "" ? "" : `${path}: `;
  if (issue.code === "unrecognized_keys") return `${at}unknown key${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((key) => `"${key}"`).join(", ")}: remove or rename`;
  if (issue.code === "invalid_value") return `${at}expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`;
  return `${at}${issue.message.replace(/^Invalid input: /, "")}`;
}

/** The facts the rules read, as the app builds them from a webhook payload. */
export function dryRunPullRequest(input: PullRequestInput, index: number): { pr: PullRequestFacts; files: FileFacts[] } {
  const [owner = "", name = ""] = input.repository.split("/");
  const pr: PullRequestFacts = {
    repo: { id: 0, owner, name, defaultBranch: input.base },
    number: index + 1,
    title: input.title,
    body: input.body ?? "",
    headRef: input.branch,
    headSha: "",
    baseRef: input.base,
    baseSha: "",
    labels: input.labels,
    // As `pullRequestFacts` decides from a payload's `user`.
    author: { login: input.author, isBot: input.author_type === "Bot" || input.author.endsWith("[bot]") },
    draft: input.draft,
    state: "open",
    merged: false,
  };
  const files = input.files.map((file): FileFacts => {
    const { additions, deletions } = countChanges(file.patch);
    return {
      filename: file.filename,
      status: file.status,
      additions,
      deletions,
      ...(file.previous_filename === undefined ? {} : { previousFilename: file.previous_filename }),
      ...(file.patch === undefined ? {} : { patch: file.patch }),
    };
  });
  return { pr, files };
}

/** Added and removed lines of a patch as GitHub's files listing gives it (hunks only, no file headers). */
function countChanges(patch: string | undefined): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const line of (patch ?? "").split("\n")) {
    if (line.startsWith("+")) additions++;
    else if (line.startsWith("-")) deletions++;
  }
  return { additions, deletions };
}
