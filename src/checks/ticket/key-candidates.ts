/** A `KEY-123` shaped token that stands alone in its text. */
export interface KeyCandidate {
  /** Upper-cased project or team key. */
  key: string;
  /**
   * The shorter keys after each `_` in it, longest first (`feature_ABC-1`: ABC), upper-cased:
   * `_` separates a key from what precedes it, as Atlassian's parser reads it (ADR 0014).
   */
  shorter: string[];
  number: string;
  start: number;
  end: number;
}

// Built-in regex, but with no nested quantifiers: a word is scanned at most twice, so it stays linear.
// `_` before a key separates it (`_JRA-123_`); inside a key it may be part of it (`PROJ_2-7`).
const CANDIDATE = /(?<![A-Za-z0-9])_*([A-Za-z][A-Za-z0-9_]*)-([1-9][0-9]{0,9})(?![0-9])/g;

/**
 * Tokens shaped like Jira keys and Linear IDs that stand alone: not inside a longer word or
 * number (`ENG-123abc`, `v1.ENG-2.3`), not the tail of another key (`STAR-11072-For-5.2` yields
 * STAR-11072 only). `anyCase` accepts lower case, as branch names have (`feature/eng-123-x`).
 */
export function keyCandidates(text: string, options: { anyCase: boolean }): KeyCandidate[] {
  const found: KeyCandidate[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const [whole, written = "", number = ""] = match;
    const end = match.index + whole.length;
    const start = end - written.length - number.length - 1;
    if (!standsAlone(text, start, end)) continue;
    const forms = keyForms(written).filter((form) => options.anyCase || form === form.toUpperCase());
    const [key, ...shorter] = forms;
    if (key === undefined) continue;
    found.push({ key: key.toUpperCase(), shorter: shorter.map((form) => form.toUpperCase()), number, start, end });
  }
  return found;
}

/** `feature_ABC`, then `ABC`: the written key and what follows each `_` that starts with a letter. */
function keyForms(written: string): string[] {
  const forms = [written];
  for (let at = written.indexOf("_"); at >= 0; at = written.indexOf("_", at + 1)) {
    const rest = written.slice(at + 1).replace(/^_+/, "");
    if (/^[A-Za-z]/.test(rest) && !forms.includes(rest)) forms.push(rest);
  }
  return forms;
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
