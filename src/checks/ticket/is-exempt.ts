import { compileGlob } from "../../lib/glob.js";
import type { Config } from "../../config/schema.js";

/** Why a PR is not judged, as data for the output. */
export type Exemption =
  | { kind: "label"; label: string }
  | { kind: "author"; login: string }
  | { kind: "bot"; login: string }
  | { kind: "branch"; branch: string; glob: string }
  | { kind: "draft" };

/**
 * The first exemption that applies to the PR, or null. Labels and logins compare without case
 * (GitHub treats them so); bots (`user.type === "Bot"`, whatever their login: a self-hosted
 * Renovate is `renovate-bot`) are exempt, since their bodies cite upstream issues (ADR 0014);
 * branch globs are matched in linear time (`release/*` matches `release/1.2`).
 */
export function isExempt(
  pr: { labels: readonly string[]; author: { login: string; isBot?: boolean }; headRef: string; draft: boolean },
  exempt: Config["tickets"]["exempt"],
): Exemption | null {
  const labels = new Set(pr.labels.map((label) => label.toLowerCase()));
  const label = exempt.labels.find((candidate) => labels.has(candidate.toLowerCase()));
  if (label !== undefined) return { kind: "label", label };
  const login = pr.author.login.toLowerCase();
  if (exempt.authors.some((author) => author.toLowerCase() === login)) return { kind: "author", login: pr.author.login };
  if (pr.author.isBot === true) return { kind: "bot", login: pr.author.login };
  const glob = exempt.branches.find((candidate) => compileGlob(candidate).matches(pr.headRef));
  if (glob !== undefined) return { kind: "branch", branch: pr.headRef, glob };
  if (exempt.drafts && pr.draft) return { kind: "draft" };
  return null;
}
