import type { AdrEvidence, UnresolvedCitation } from "./decide-adr.js";
import type { AdrTrigger } from "./adr-trigger.js";
import { code } from "../../lib/markdown-text.js";

/** How many triggering paths the texts name before "and N more". */
export const PATHS_SHOWN = 5;

/** Inline code that survives backticks in the text (file names may hold any character). */
export { code } from "../../lib/markdown-text.js";

/** A fenced block that no line of `text` can close early. */
export function codeBlock(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/** "it has the `architecture` label" / "it changes `src/db/schema.ts` and 2 more files matching `adr.paths`". */
export function why(trigger: AdrTrigger): string {
  if (trigger.kind === "label") return `it has the ${code(trigger.label)} label`;
  const shown = trigger.paths.slice(0, PATHS_SHOWN).map(code);
  const more = trigger.paths.length - shown.length;
  const list = more > 0 ? `${shown.join(", ")} and ${more} more` : joinAnd(shown);
  return `it changes ${trigger.paths.length === 1 ? "a file" : "files"} that ${code("adr.paths")} marks as architectural: ${list}`;
}

/** "adds `docs/adr/0013-x.md`", "cites `ADR-12` (`docs/adr/0012-x.md`)", "links https://…". */
export function found(evidence: AdrEvidence): string {
  switch (evidence.kind) {
    case "file":
      return `${evidence.status === "added" || evidence.status === "renamed" || evidence.status === "copied" ? "adds" : "changes"} ${code(evidence.path)}`;
    case "reference":
      return evidence.text.endsWith(evidence.path) ? `links ${code(evidence.path)}` : `cites ${code(evidence.text)} (${code(evidence.path)})`;
    case "link":
      // An autolink only for a URL that cannot close it; anything else is shown as code.
      return /^https?:\/\/[^\s<>`]+$/.test(evidence.url) ? `links <${evidence.url}>` : `links ${code(evidence.url)}`;
  }
}

/** One sentence per citation that did not count. */
export function notFound(unresolved: readonly UnresolvedCitation[], params: { directory: string; baseRef: string }): string[] {
  return unresolved.map((citation) =>
    citation.reason === "no-directory"
      ? `The description cites ${code(citation.text)}, but ${code(params.directory)} does not exist on ${code(params.baseRef)}, so it does not count.`
      : `The description cites ${code(citation.text)}, but ${code(params.directory)} on ${code(params.baseRef)} has no such ADR, so it does not count.`,
  );
}

export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "the `architecture` label" / "any of the labels `architecture`, `adr`". */
export function labelsPhrase(labels: readonly string[]): string {
  if (labels.length === 1) return `the ${code(labels[0] ?? "")} label`;
  return `any of the labels ${labels.map(code).join(", ")}`;
}

/** Why the texts speak of another directory than `adr.directory`. */
export function directoryNoteText(note: { configured: string; used: string; source: ".adr-dir" | "well-known" }, baseRef: string): string {
  const where = note.source === ".adr-dir" ? `\`.adr-dir\` (adr-tools) names ${code(note.used)}` : `this repository keeps its ADRs in ${code(note.used)}`;
  return `${code(note.configured)} does not exist on ${code(baseRef)}, but ${where}, so Shipshape used that. Set \`adr.directory: ${note.used}\` in \`.github/shipshape.yml\` to make it explicit.`;
}
