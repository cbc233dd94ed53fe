import type { Config } from "../../config/schema.js";
import type { DirectoryEntry } from "../../github/list-directory.js";
import type { FileFacts } from "../../model/pull-request-facts.js";
import { adrCitations } from "./adr-citations.js";
import { nextAdrFile, numberedAdrs, type AdrSuggestion } from "./adr-files.js";
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
  return { kind: "missing", trigger, unresolved, suggestion: nextAdrFile({ entries, directory: config.directory, title }), title, highest };
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
    const files = (facts.listing ?? []).filter((entry) => entry.type === "file");
    const missing = (text: string) => unresolved.push({ text, reason: facts.listing === null ? "no-directory" : "no-such-adr" });
    for (const reference of citations.references) {
      const adr = reference.number === null ? undefined : adrs.find((candidate) => candidate.number === reference.number);
      if (adr) evidence.push({ kind: "reference", text: reference.text, path: adr.entry.path });
      else missing(reference.text);
    }
    for (const link of citations.files) {
      const entry = files.find((candidate) => candidate.name === link.name || withoutExtension(candidate.name) === link.name);
      if (entry) evidence.push({ kind: "reference", text: link.text, path: entry.path });
      else missing(link.text);
    }
  }
  evidence.push(...citations.links.map((url): AdrEvidence => ({ kind: "link", url })));
  return { evidence, unresolved };
}

/** Whether the listing is needed to judge: only when nothing cheaper already shows an ADR. */
export function needsListing(facts: Pick<AdrFacts, "body" | "files">, config: Omit<AdrConfig, "labels" | "paths">): boolean {
  return adrEvidence({ ...facts, listing: undefined }, config).evidence.length === 0;
}

function withoutExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}
