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

function references(body: string, patterns: readonly string[]): AdrCitations["references"] {
  const found = new Map<string, number | null>();
  for (const pattern of patterns) {
    // User-supplied: RE2 matches in linear time whatever the pattern (no ReDoS).
    const matcher = compiled(pattern).matcher(body);
    while (matcher.find()) {
      const text = matcher.group() ?? "";
      if (text === "" || found.has(text)) continue;
      found.set(text, lastNumber(text));
    }
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
    regex = RE2JS.compile(pattern);
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
