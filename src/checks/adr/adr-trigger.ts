import { globMatcher } from "../../lib/glob.js";
import type { Config } from "../../config/schema.js";
import type { FileFacts } from "../../model/pull-request-facts.js";

/** Why a pull request needs an ADR. */
export type AdrTrigger =
  | { kind: "label"; label: string }
  /** `paths`: every changed file that matched, in the order GitHub lists them. */
  | { kind: "paths"; paths: string[] };

/** The first of the PR's labels that asks for an ADR; GitHub label names are case-insensitive. */
export function adrLabel(labels: readonly string[], config: Pick<Config["adr"], "labels">): string | undefined {
  const wanted = new Set(config.labels.map((label) => label.toLowerCase()));
  return labels.find((label) => wanted.has(label.toLowerCase()));
}

/**
 * Whether the PR needs an ADR, and why: a label wins over paths (it is the more deliberate
 * signal). Paths are matched against every changed file, and against the old name of a renamed
 * one, so moving an architectural file away still counts.
 */
export function adrTrigger(params: {
  labels: readonly string[];
  files: readonly Pick<FileFacts, "filename" | "previousFilename">[];
  config: Pick<Config["adr"], "labels" | "paths">;
}): AdrTrigger | null {
  const label = adrLabel(params.labels, params.config);
  if (label !== undefined) return { kind: "label", label };
  if (params.config.paths.length === 0) return null;
  const matches = globMatcher(params.config.paths);
  const paths: string[] = [];
  for (const file of params.files) {
    if (matches(file.filename)) paths.push(file.filename);
    else if (file.previousFilename !== undefined && matches(file.previousFilename)) paths.push(file.previousFilename);
  }
  return paths.length > 0 ? { kind: "paths", paths } : null;
}
