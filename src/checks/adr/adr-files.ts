import type { DirectoryEntry } from "../../github/list-directory.js";
import { slugify } from "./adr-slug.js";

/** A numbered ADR file name, taken apart: `ADR-012-use-postgres.md`, `0012-use-postgres.md`, `adr016-x.md`, `ADR-61.md`. */
export interface AdrFileName {
  name: string;
  /** `ADR-`, `adr_`, `adr` (backstage's `adr016-`), or "" (MADR and adr-tools). */
  prefix: string;
  /** The number as written, with its zero padding. */
  digits: string;
  number: number;
  separator: string;
  /** false for slug-less names (`ADR-61.md`). */
  slugged: boolean;
  extension: string;
}

const EXTENSION = "(md|markdown|mdx|rst|adoc|txt)";
const NUMBERED = new RegExp(`^((?:adr)[-_]?)?(\\d{1,7})(?:([-_])([^/]*))?\\.${EXTENSION}$`, "i");
const NUMBERED_FOLDER = /^((?:adr)[-_]?)?(\d{1,7})([-_])([^/.]+)$/i;
/** log4brains: `20240926-transition-to-simplified-git-flow.md`. */
const DATED = new RegExp(`^((?:19|20)\\d\\d)(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])([-_])([^/]+)\\.${EXTENSION}$`, "i");
/** Files that live beside ADRs and are not decisions: indexes, READMEs, templates. */
const NOT_A_DECISION = /^(?:readme|index|_?category_?)(?:\.|$)|^(?:adr)?[-_]?0*[-_]?templates?(?:[-_.]|$)/i;

export function parseAdrFileName(name: string): AdrFileName | null {
  if (NOT_A_DECISION.test(name) || DATED.test(name)) return null;
  const match = NUMBERED.exec(name);
  if (!match?.[2]) return null;
  return {
    name,
    prefix: match[1] ?? "",
    digits: match[2],
    number: Number(match[2]),
    separator: match[3] ?? "-",
    slugged: (match[4] ?? "") !== "",
    extension: match[5] ?? "md",
  };
}

/** One decision in the directory: a numbered file or folder (`0001-x/index.md`), or a dated file. */
export interface AdrRecord {
  entry: DirectoryEntry;
  /** The decision's file: the entry itself, or `index.md` inside a folder per decision. */
  path: string;
  /** null for dated ADRs (log4brains), which are cited by their file name. */
  number: number | null;
  name: AdrFileName | null;
  folder: boolean;
  /** `YYYYMMDD` of a dated ADR. */
  date?: string;
}

/**
 * The decisions of a directory listing: numbered ones by number (highest last), dated ones after
 * them by date. README, index, templates, images and unnumbered files are not decisions.
 */
export function adrRecords(entries: readonly DirectoryEntry[]): AdrRecord[] {
  const records: AdrRecord[] = [];
  for (const entry of entries) {
    if (entry.type === "dir") {
      const match = NUMBERED_FOLDER.exec(entry.name);
      if (!match?.[2] || NOT_A_DECISION.test(entry.name)) continue;
      const name: AdrFileName = { name: entry.name, prefix: match[1] ?? "", digits: match[2], number: Number(match[2]), separator: match[3] ?? "-", slugged: true, extension: "md" };
      records.push({ entry, path: `${entry.path}/index.md`, number: name.number, name, folder: true });
      continue;
    }
    if (entry.type !== "file") continue;
    const dated = DATED.exec(entry.name);
    if (dated && !NOT_A_DECISION.test(entry.name)) {
      records.push({ entry, path: entry.path, number: null, name: null, folder: false, date: `${dated[1]}${dated[2]}${dated[3]}` });
      continue;
    }
    const name = parseAdrFileName(entry.name);
    if (name) records.push({ entry, path: entry.path, number: name.number, name, folder: false });
  }
  return records.sort(
    (a, b) => (a.number === null ? 1 : 0) - (b.number === null ? 1 : 0) || (a.number ?? 0) - (b.number ?? 0) || (a.date ?? "").localeCompare(b.date ?? "") || a.entry.name.localeCompare(b.entry.name),
  );
}

/** The numbered decisions, highest number last. */
export function numberedAdrs(entries: readonly DirectoryEntry[]): Array<AdrFileName & { entry: DirectoryEntry; path: string }> {
  return adrRecords(entries).flatMap((record) => (record.name ? [{ ...record.name, entry: record.entry, path: record.path }] : []));
}

/** The ADR whose layout a new one should follow: the newest dated one in a dated directory, else the highest number. */
export function newestAdr(entries: readonly DirectoryEntry[]): AdrRecord | undefined {
  const records = adrRecords(entries);
  const dated = records.filter((record) => record.date !== undefined);
  return datedNaming(records) ? dated.at(-1) : records.filter((record) => record.number !== null).at(-1);
}

/** Dated names win when at least as many decisions are dated as numbered (log4brains moved from numbers to dates). */
function datedNaming(records: readonly AdrRecord[]): boolean {
  const dated = records.filter((record) => record.date !== undefined).length;
  return dated > 0 && dated >= records.length - dated;
}

/** The suggested file for a new ADR. */
export interface AdrSuggestion {
  path: string;
  /** null for a dated name (log4brains). */
  number: number | null;
  /** The number as the directory writes it (`0013`, `013`, `13`), or "" for a dated name. */
  digits: string;
  /** The prefix the directory writes before numbers (`adr`, `ADR-`), for templates that name it. */
  prefix: string;
}

/**
 * The next ADR's file, in the directory's naming: one past the highest number (gaps are left
 * alone: numbers of withdrawn ADRs are not reused), with the newest file's prefix, padding,
 * separator, extension, slug or none, file or folder; today's date for dated names (log4brains);
 * MADR's `0001-title.md` when the directory has none.
 */
export function nextAdrFile(params: { entries: readonly DirectoryEntry[]; directory: string; title: string; today?: string }): AdrSuggestion {
  const records = adrRecords(params.entries);
  const slug = slugify(params.title);
  if (datedNaming(records)) {
    const newest = records.filter((record) => record.date !== undefined).at(-1);
    const match = newest ? DATED.exec(newest.entry.name) : null;
    const date = (params.today ?? "1970-01-01").replaceAll("-", "");
    return { path: `${params.directory}/${date}${match?.[4] ?? "-"}${slug}.${match?.[6] ?? "md"}`, number: null, digits: "", prefix: "" };
  }
  const numbered = records.filter((record): record is AdrRecord & { name: AdrFileName } => record.name !== null);
  const newest = numbered.at(-1);
  const number = (newest?.number ?? 0) + 1;
  // The directory's padding: the widest zero-padded number; none when no number is padded.
  const width = newest ? Math.max(0, ...numbered.filter((adr) => adr.name.digits.startsWith("0") && adr.name.digits.length > 1).map((adr) => adr.name.digits.length)) : 4;
  const digits = String(number).padStart(width, "0");
  const name = newest?.name;
  const prefix = name?.prefix ?? "";
  const stem = name && !name.slugged ? `${prefix}${digits}` : `${prefix}${digits}${name?.separator ?? "-"}${slug}`;
  const file = newest?.folder ? `${stem}/index.md` : `${stem}.${name?.extension ?? "md"}`;
  return { path: `${params.directory}/${file}`, number, digits, prefix };
}
