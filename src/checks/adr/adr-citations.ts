import { RE2JS } from "re2js";
import type { Config } from "../../config/schema.js";
import { urlGlobMatches } from "./url-glob.js";

/** The ways a PR description points at an ADR. */
export interface AdrCitations {
  /** Matches of `adr.references`, with the ADR number they name (null: the match has no digits). */
  references: Array<{ text: string; number: number | null }>;
  /** Links to a file in the ADR directory: the text as written and the file name it names. */
  files: Array<{ text: string; name: string }>;
  /** URLs matching `adr.links` (ADRs kept in Confluence, Notion, ...). */
  links: string[];
}

/** Stops a link's path: whitespace, Markdown and HTML delimiters, a query or fragment. */
const PATH_END = new Set([..." \t\r\n()[]<>\"'`#?|"]);
const TRAILING_PUNCTUATION = /[.,;:!]+$/;
const URL_PATTERN = /https?:\/\/[^\s<>()[\]"'`|]+/g;

/** Everything in `body` that cites an ADR, each found once, in order of appearance. */
export function adrCitations(body: string, config: Pick<Config["adr"], "references" | "links" | "directory">): AdrCitations {
  return {
    references: references(body, config.references),
    files: directoryLinks(body, config.directory),
    links: config.links.length === 0 ? [] : urls(body).filter((url) => config.links.some((glob) => urlGlobMatches(glob, url))),
  };
}

/**
 * How people cite ADRs whatever `adr.references` says: `ADR 7`, `ADR 0007`, `ADR #7`, `adr-0007`,
 * `ADR_7` (ADR 0020). One bounded character class between the word and the digits: linear.
 */
/** Citations kept from one description: far more than any PR cites, and it bounds the work. */
const MAX_REFERENCES = 200;
const BUILT_IN_REFERENCE = /\bADR[ \t]?[-_#]?[ \t]?\d{1,7}\b/gi;

function references(body: string, patterns: readonly string[]): AdrCitations["references"] {
  const found = new Map<string, number | null>();
  for (const pattern of patterns) {
    // User-supplied: RE2 matches in linear time whatever the pattern (no ReDoS).
    const matcher = compiled(pattern).matcher(body);
    while (matcher.find()) {
      const text = matcher.group() ?? "";
      if (text === "" || found.has(text)) continue;
      if (found.size >= MAX_REFERENCES) break;
      found.set(text, lastNumber(text));
    }
  }
  for (const match of body.matchAll(BUILT_IN_REFERENCE)) {
    if (found.size >= MAX_REFERENCES) break;
    // A longer match of the same citation (`ADR-0007` found by a pattern) already counts.
    if ([...found.keys()].some((text) => text.includes(match[0]) || match[0].includes(text))) continue;
    found.set(match[0], lastNumber(match[0]));
  }
  return [...found].map(([text, number]) => ({ text, number }));
}

/** The last run of digits in `text` (`ADR-0012` -> 12), scanned by hand to stay linear. */
function lastNumber(text: string): number | null {
  let end = text.length;
  while (end > 0 && !isDigit(text.charAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isDigit(text.charAt(start - 1))) start--;
  return start === end ? null : Number(text.slice(start, end));
}

function isDigit(char: string): boolean {
  return char >= "0" && char <= "9";
}

const cache = new Map<string, RE2JS>();
function compiled(pattern: string): RE2JS {
  let regex = cache.get(pattern);
  if (!regex) {
    // Case-insensitive by default (`adr-7` cites like `ADR-7`); `(?-i)` in a pattern turns that off.
    regex = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, regex);
  }
  return regex;
}

/** `docs/adr/0012-x.md`, `./docs/adr/0012-x.md` and `https://github.com/o/r/blob/main/docs/adr/0012-x.md`. */
function directoryLinks(body: string, directory: string): AdrCitations["files"] {
  const prefix = `${directory}/`;
  const found = new Map<string, string>();
  for (let at = body.indexOf(prefix); at !== -1; at = body.indexOf(prefix, at + 1)) {
    const before = at === 0 ? " " : body.charAt(at - 1);
    if (!/[\s/([<"'`]/.test(before)) continue; // inside a longer path, e.g. mydocs/adr/
    let end = at + prefix.length;
    while (end < body.length && !PATH_END.has(body.charAt(end))) end++;
    const rest = body.slice(at + prefix.length, end).replace(TRAILING_PUNCTUATION, "");
    if (rest === "" || rest.endsWith("/")) continue; // the directory itself
    const text = prefix + rest;
    if (!found.has(text)) found.set(text, decode(rest));
  }
  return [...found].map(([text, name]) => ({ text, name }));
}

function urls(body: string): string[] {
  const found = new Set<string>();
  for (const match of body.matchAll(URL_PATTERN)) found.add(match[0].replace(TRAILING_PUNCTUATION, ""));
  return [...found];
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
