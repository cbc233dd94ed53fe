import type { DirectoryEntry } from "../../github/list-directory.js";
import { slugify } from "./adr-slug.js";

/** A numbered ADR file name, taken apart: `ADR-012-use-postgres.md`, `0012-use-postgres.md`. */
export interface AdrFileName {
  name: string;
  /** `ADR-`, `adr_`, or "" (MADR and adr-tools). */
  prefix: string;
  /** The number as written, with its zero padding. */
  digits: string;
  number: number;
  separator: string;
  extension: string;
}

const ADR_FILE = /^((?:adr)[-_]?)?(\d{1,9})(?:([-_])[^/]*)?\.(md|markdown|mdx|rst|adoc|txt)$/i;

export function parseAdrFileName(name: string): AdrFileName | null {
  const match = ADR_FILE.exec(name);
  if (!match?.[2]) return null;
  return {
    name,
    prefix: match[1] ?? "",
    digits: match[2],
    number: Number(match[2]),
    separator: match[3] ?? "-",
    extension: match[4] ?? "md",
  };
}

/** The numbered ADR files of a directory listing, highest number last. */
export function numberedAdrs(entries: readonly DirectoryEntry[]): Array<AdrFileName & { entry: DirectoryEntry }> {
  return entries
    .filter((entry) => entry.type === "file")
    .flatMap((entry) => {
      const parsed = parseAdrFileName(entry.name);
      return parsed ? [{ ...parsed, entry }] : [];
    })
    .sort((a, b) => a.number - b.number || a.name.localeCompare(b.name));
}

/** The suggested file for a new ADR. */
export interface AdrSuggestion {
  path: string;
  number: number;
  /** The number as the directory writes it (`0013`, `013`, `13`). */
  digits: string;
}

/**
 * The next ADR's file: one past the highest number (gaps are left alone: numbers of withdrawn
 * ADRs are not reused), in the style of the newest file (prefix, zero padding, separator,
 * extension); MADR's `0001-title.md` when the directory has none.
 */
export function nextAdrFile(params: { entries: readonly DirectoryEntry[]; directory: string; title: string }): AdrSuggestion {
  const adrs = numberedAdrs(params.entries);
  const newest = adrs[adrs.length - 1];
  const number = (newest?.number ?? 0) + 1;
  // The directory's padding: the widest zero-padded number; none when no number is padded.
  const width = newest ? Math.max(0, ...adrs.filter((adr) => adr.digits.startsWith("0") && adr.digits.length > 1).map((adr) => adr.digits.length)) : 4;
  const digits = String(number).padStart(width, "0");
  const prefix = newest?.prefix ?? "";
  const separator = newest?.separator ?? "-";
  const extension = newest?.extension ?? "md";
  return { path: `${params.directory}/${prefix}${digits}${separator}${slugify(params.title)}.${extension}`, number, digits };
}
