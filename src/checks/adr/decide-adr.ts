import type { Config } from "../../config/schema.js";
import type { DirectoryEntry } from "../../github/list-directory.js";
import type { FileFacts } from "../../model/pull-request-facts.js";
import { adrCitations } from "./adr-citations.js";
import { adrRecords, nextAdrFile, numberedAdrs, type AdrRecord, type AdrSuggestion } from "./adr-files.js";
import { adrTitle } from "./adr-slug.js";
import { adrTrigger, type AdrTrigger } from "./adr-trigger.js";

/** What the ADR rule is given: plain data gathered from the payload and GitHub. */
export interface AdrFacts {
  title: string;
  body: string;
  labels: readonly string[];
  /** The PR's changed files; [] when they were not needed (no label, no `adr.paths`). */
  files: readonly FileFacts[];
  /** The ADR directory on the base branch: null when it does not exist, undefined when not read. */
  listing: readonly DirectoryEntry[] | null | undefined;
  /** The base branch's name, for the texts. */
  baseRef: string;
  /** Today (YYYY-MM-DD), for dated ADR names (log4brains); given, so the rule reads no clock. */
  today?: string;
}

/** What shows that the PR has its ADR. */
export type AdrEvidence =
  | { kind: "file"; path: string; status: FileFacts["status"] }
  | { kind: "reference"; text: string; path: string }
  | { kind: "link"; url: string };

/** A citation that names no ADR on the base branch, and so does not count. */
export interface UnresolvedCitation {
  text: string;
  reason: "no-such-adr" | "no-directory";
}

export type AdrDecision =
  | { kind: "not-needed" }
  | { kind: "satisfied"; trigger: AdrTrigger; evidence: AdrEvidence[]; unresolved: UnresolvedCitation[] }
  | { kind: "missing"; trigger: AdrTrigger; unresolved: UnresolvedCitation[]; suggestion: AdrSuggestion; title: string; highest: number | null };

export type AdrConfig = Pick<Config["adr"], "labels" | "paths" | "directory" | "references" | "links">;

/** The ADR rule (ADR 0020): does the PR need an ADR, and does it have one? */
export function decideAdr(facts: AdrFacts, config: AdrConfig): AdrDecision {
  const trigger = adrTrigger({ labels: facts.labels, files: facts.files, config });
  if (!trigger) return { kind: "not-needed" };
  const { evidence, unresolved } = adrEvidence(facts, config);
  if (evidence.length > 0) return { kind: "satisfied", trigger, evidence, unresolved };
  const entries = facts.listing ?? [];
  const title = adrTitle(facts.title);
  const highest = numberedAdrs(entries).at(-1)?.number ?? null;
  return { kind: "missing", trigger, unresolved, suggestion: nextAdrFile({ entries, directory: config.directory, title, ...(facts.today ? { today: facts.today } : {}) }), title, highest };
}

/**
 * Every way the PR shows its ADR, cheapest first: a changed file under the directory, a link to an
 * outside page, then citations resolved against the listing (when it was read).
 */
export function adrEvidence(facts: Pick<AdrFacts, "body" | "files" | "listing">, config: Omit<AdrConfig, "labels" | "paths">): { evidence: AdrEvidence[]; unresolved: UnresolvedCitation[] } {
  const prefix = `${config.directory}/`;
  const evidence: AdrEvidence[] = facts.files
    .filter((file) => file.filename.startsWith(prefix) && file.status !== "removed")
    .map((file) => ({ kind: "file", path: file.filename, status: file.status }));
  const citations = adrCitations(facts.body, config);
  const unresolved: UnresolvedCitation[] = [];
  if (facts.listing !== undefined) {
    const adrs = numberedAdrs(facts.listing ?? []);
    // Only decisions count: citing the README, the index or the template is not citing an ADR.
    const records = adrRecords(facts.listing ?? []);
    const missing = (text: string) => unresolved.push({ text, reason: facts.listing === null ? "no-directory" : "no-such-adr" });
    for (const reference of citations.references) {
      const adr = reference.number === null ? undefined : adrs.find((candidate) => candidate.number === reference.number);
      if (adr) evidence.push({ kind: "reference", text: reference.text, path: adr.path });
      else missing(reference.text);
    }
    for (const link of citations.files) {
      const record = records.find((candidate) => namesRecord(candidate, link.name));
      if (record) evidence.push({ kind: "reference", text: link.text, path: record.path });
      else missing(link.text);
    }
    if (evidence.length === 0) {
      // A bare file name (`0007-use-postgres.md`, `20240926-git-flow`) names its ADR too.
      const named = records.find((record) => mentions(facts.body, record.entry.name) || mentions(facts.body, withoutExtension(record.entry.name)));
      if (named) {
        const text = mentions(facts.body, named.entry.name) ? named.entry.name : withoutExtension(named.entry.name);
        evidence.push({ kind: "reference", text, path: named.path });
        unresolved.splice(0, unresolved.length, ...unresolved.filter((citation) => !citation.text.includes(text)));
      }
    }
  }
  evidence.push(...citations.links.map((url): AdrEvidence => ({ kind: "link", url })));
  return { evidence, unresolved };
}

/** Whether the listing is needed to judge: only when nothing cheaper already shows an ADR. */
export function needsListing(facts: Pick<AdrFacts, "body" | "files">, config: Omit<AdrConfig, "labels" | "paths">): boolean {
  return adrEvidence({ ...facts, listing: undefined }, config).evidence.length === 0;
}

/** A link's path names a decision: its file, its file without extension, or its folder (with or without `index.md`). */
function namesRecord(record: AdrRecord, name: string): boolean {
  const entry = record.entry.name;
  if (name === entry || withoutExtension(entry) === name) return true;
  return record.folder && (name === `${entry}/` || name === `${entry}/index.md` || name === `${entry}/index`);
}

/** `name` appears in `body` as a whole word (not inside a longer name), case-insensitively. */
function mentions(body: string, name: string): boolean {
  if (name.length < 6) return false; // too short to be a file name rather than a word
  const haystack = body.toLowerCase();
  const needle = name.toLowerCase();
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = at === 0 ? " " : haystack.charAt(at - 1);
    const after = haystack.charAt(at + needle.length) || " ";
    if (!/[\p{L}\p{N}_-]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after) && !(after === "-" && /[\p{L}\p{N}]/u.test(haystack.charAt(at + needle.length + 1)))) return true;
  }
  return false;
}

function withoutExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}
