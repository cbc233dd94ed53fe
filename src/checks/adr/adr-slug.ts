/** Conventional-commit types and draft markers that say nothing about the decision itself. */
const TYPE_PREFIX = /^(?:feat|fix|chore|docs|refactor|perf|test|build|ci|style|revert|wip|draft|adr)(?:\([^()]*\))?!?:\s*/i;
const TAG_PREFIX = /^\[[^\]]*\]\s*/;
const TICKET_PREFIX = /^[A-Z][A-Z0-9_]*-\d+(?:\s*[:–—-]\s*|\s+)/;
/** `… [ABC-123]`, `… (ABC-123)`, `… - ABC-123`, `… #123`: the ticket, not the decision. */
const TICKET_SUFFIX = /\s*(?:\[[A-Z][A-Z0-9_]*-\d+\]|\([A-Z][A-Z0-9_]*-\d+\)|[:–—-]?\s+[A-Z][A-Z0-9_]*-\d+|\(#\d+\)|\[#\d+\])$/;

/**
 * The decision's title from the PR title: without `feat(api):`, `[WIP]`, a leading or trailing ticket key,
 * which name the change, not the decision. Falls back to the PR title as written.
 */
export function adrTitle(prTitle: string): string {
  let title = prTitle.trim();
  for (let i = 0; i < 4; i++) {
    const next = title.replace(TYPE_PREFIX, "").replace(TAG_PREFIX, "").replace(TICKET_PREFIX, "").replace(TICKET_SUFFIX, "").trim();
    if (next === title) break;
    title = next;
  }
  if (title === "") title = prTitle.trim();
  return title === "" ? "Decision" : title.charAt(0).toUpperCase() + title.slice(1);
}

/**
 * A file-name slug: lower case, accents dropped (`é` -> `e`), letters and digits of any script
 * kept, everything else one `-`, cut at a word boundary to `max` characters.
 */
export function slugify(title: string, max = 60): string {
  const words = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/['’]/g, "")
    .replace(/&/g, " and ")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
  let slug = "";
  for (const word of words) {
    const next = slug === "" ? word : `${slug}-${word}`;
    if (next.length > max) {
      if (slug === "") slug = [...word].slice(0, max).join("");
      break;
    }
    slug = next;
  }
  return slug === "" ? "decision" : slug;
}
