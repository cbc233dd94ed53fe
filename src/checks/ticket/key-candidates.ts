/** A `KEY-123` shaped token that stands alone in its text. */
export interface KeyCandidate {
  /** Upper-cased project or team key. */
  key: string;
  number: string;
  start: number;
  end: number;
}

// Built-in regex, but with no nested quantifiers: a word is scanned at most twice, so it stays linear.
const CANDIDATE = /(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9_]*)-([1-9][0-9]{0,9})(?![0-9])/g;

/**
 * Tokens shaped like Jira keys and Linear IDs that stand alone: not inside a longer word or
 * number (`ENG-123abc`, `v1.ENG-2.3`), not the tail of another key (`STAR-11072-For-5.2` yields
 * STAR-11072 only). `anyCase` accepts lower case, as branch names have (`feature/eng-123-x`).
 */
export function keyCandidates(text: string, options: { anyCase: boolean }): KeyCandidate[] {
  const found: KeyCandidate[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const [whole, key = "", number = ""] = match;
    const start = match.index;
    const end = start + whole.length;
    if (!options.anyCase && key !== key.toUpperCase()) continue;
    if (!standsAlone(text, start, end)) continue;
    found.push({ key: key.toUpperCase(), number, start, end });
  }
  return found;
}

function standsAlone(text: string, start: number, end: number): boolean {
  const after = text.charAt(end);
  if (/[A-Za-z]/.test(after)) return false; // ENG-12abc
  if ((after === "." || after === ",") && /[0-9]/.test(text.charAt(end + 1))) return false; // LODASH-4.17
  if (after === "." && /[A-Za-z]/.test(text.charAt(end + 1))) return false; // node-20.x
  if (text.charAt(start - 1) === "-" && /[0-9]/.test(text.charAt(start - 2))) return false; // STAR-11072-For-5
  if (text.charAt(start - 1) === "." && /[0-9]/.test(text.charAt(start - 2))) return false; // 1.2.ENG-3
  return true;
}
