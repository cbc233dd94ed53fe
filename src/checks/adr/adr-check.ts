import type { DirectoryEntry } from "../../github/list-directory.js";
import type { PullRequestData } from "../../gather/pull-request-data.js";
import type { BoundedCache } from "../../lib/bounded-cache.js";
import type { CheckDefinition, Evaluation } from "../check-definition.js";
import { adrCommentBody, adrSkippedCommentBody } from "./adr-comment.js";
import { newestAdr, type AdrSuggestion } from "./adr-files.js";
import { adrResult, type AdrTextParams } from "./adr-result.js";
import { adrStyle, adrTemplate, fillTemplate } from "./adr-template.js";
import { type AdrStyle } from "../../model/adr-style.js";
import { adrLabel, adrTrigger } from "./adr-trigger.js";
import { decideAdr, needsListing, type AdrFacts } from "./decide-adr.js";

/** The sticky comment's feature key: one ADR comment per PR. */
export const ADR_COMMENT_FEATURE = "adr";

/** Where teams keep ADRs when `adr.directory` is not there (MADR 3+, adr-tools, Nygard, backstage), in the order tried. */
export const WELL_KNOWN_ADR_DIRECTORIES = ["docs/decisions", "doc/adr", "docs/architecture/decisions", "architecture-decisions", "docs/architecture-decisions"] as const;

/** Template files beside the ADRs, most specific first (log4brains, MADR, adr-tools' numbering, backstage). */
const TEMPLATE_NAMES = ["template.md", "adr-template.md", "0000-template.md", "adr000-template.md"];

/**
 * `shipshape/adr` (ADR 0020). Gathers only what the verdict needs: the PR's files when a label
 * or `adr.paths` make them matter, the base branch's ADR directory (conditional on its ETag)
 * when nothing cheaper shows an ADR (and, when it does not exist, `.adr-dir` or a well-known
 * one), then for a missing ADR the repository's template or the newest ADR's layout (ADR 0021).
 */
export function createAdrCheck(): CheckDefinition {
  return {
    key: "adr",
    enabled: (config) => config.adr.enabled,
    mode: (config) => config.adr.mode,
    async evaluate(input): Promise<Evaluation> {
      const { pr, data } = input;
      let adr = input.config.adr;
      const labelled = adrLabel(pr.labels, adr) !== undefined;
      const files = adr.paths.length > 0 || labelled ? await data.files() : [];
      const today = input.now.toISOString().slice(0, 10);
      const facts: AdrFacts = { title: pr.title, body: pr.body, labels: pr.labels, files, listing: undefined, baseRef: pr.baseRef, today };
      const applies = adrTrigger({ labels: pr.labels, files, config: adr }) !== null;
      let directoryNote: AdrTextParams["directoryNote"];
      if (applies && needsListing(facts, adr)) {
        facts.listing = await data.directory(adr.directory, pr.baseRef);
        if (facts.listing === null) {
          const found = await findAdrDirectory(data, pr.baseRef);
          if (found && found.path !== adr.directory) {
            directoryNote = { configured: adr.directory, used: found.path, source: found.source };
            adr = { ...adr, directory: found.path };
            facts.listing = found.entries;
          }
        }
      }
      const decision = decideAdr(facts, adr);
      const texts: AdrTextParams = { config: adr, baseRef: pr.baseRef, style: "nygard", ...(directoryNote ? { directoryNote } : {}) };
      if (decision.kind === "missing") {
        const listing = facts.listing ?? [];
        texts.style = await layoutOf({ data, ref: pr.baseRef, listing, styles: input.caches.adrStyles });
        texts.template = await templateFor({ data, ref: pr.baseRef, listing, directory: adr.directory, cache: input.caches.adrTemplates, repo: `${pr.repo.owner}/${pr.repo.name}`, suggestion: decision.suggestion, title: decision.title, today, style: texts.style });
      }
      const result = adrResult(decision, texts);
      if (!adr.comment) return { result };
      if (input.override) {
        // Skipped: the existing comment says by whom and why; no comment is started for a skip.
        return { result, comment: { feature: ADR_COMMENT_FEATURE, body: adrSkippedCommentBody(decision, input.override), create: false, followsOverride: true } };
      }
      // Only a PR that needs an ADR and lacks one gets a new comment; the other texts edit it.
      return { result, comment: { feature: ADR_COMMENT_FEATURE, body: adrCommentBody(decision, texts), create: decision.kind === "missing" } };
    },
  };
}

/**
 * `adr.directory` is missing on the base branch: adr-tools' `.adr-dir` names the directory, else
 * the first well-known one that exists. One root listing (ETag-cached), then only candidates
 * whose first folder the root has.
 */
async function findAdrDirectory(data: PullRequestData, ref: string): Promise<{ path: string; entries: DirectoryEntry[]; source: ".adr-dir" | "well-known" } | null> {
  const root = await data.directory("", ref);
  if (!root) return null;
  const adrDir = root.find((entry) => entry.name === ".adr-dir" && entry.type === "file");
  if (adrDir) {
    const file = await data.fileText(".adr-dir", ref);
    const path = file.kind === "file" ? (file.text.split(/\r?\n/)[0] ?? "").trim().replace(/^\.\//, "").replace(/\/+$/, "") : "";
    if (path !== "" && !path.split("/").includes("..")) {
      const entries = await data.directory(path, ref);
      if (entries) return { path, entries, source: ".adr-dir" };
    }
  }
  const folders = new Set(root.filter((entry) => entry.type === "dir").map((entry) => entry.name));
  for (const path of WELL_KNOWN_ADR_DIRECTORIES) {
    if (!folders.has(path.split("/")[0] ?? "")) continue;
    const entries = await data.directory(path, ref);
    if (entries) return { path, entries, source: "well-known" };
  }
  return null;
}

/** The layout of the newest ADR on the base branch; its blob SHA keys the cache, so it is read once. */
async function layoutOf(params: { data: PullRequestData; ref: string; listing: readonly DirectoryEntry[]; styles: BoundedCache<AdrStyle> }): Promise<AdrStyle> {
  const { data, ref, listing, styles } = params;
  const newest = newestAdr(listing);
  if (!newest || hasTemplate(listing)) return "nygard";
  const known = styles.get(newest.entry.sha);
  if (known) return known;
  // A file past the size cap is not read: its layout falls back to the default.
  const file = await data.fileText(newest.path, ref);
  const style = adrStyle(file.kind === "file" ? file.text : "");
  styles.set(newest.entry.sha, style);
  return style;
}

function templateEntry(listing: readonly DirectoryEntry[]): { path: string; sha: string } | undefined {
  const files = listing.filter((entry) => entry.type === "file");
  for (const name of TEMPLATE_NAMES) {
    const entry = files.find((candidate) => candidate.name.toLowerCase() === name);
    if (entry) return { path: entry.path, sha: entry.sha };
  }
  // adr-tools: a custom template lives in `templates/template.md` of the ADR directory.
  const folder = listing.find((entry) => entry.type === "dir" && entry.name === "templates");
  return folder ? { path: `${folder.path}/template.md`, sha: folder.sha } : undefined;
}

function hasTemplate(listing: readonly DirectoryEntry[]): boolean {
  return templateEntry(listing) !== undefined;
}

/** The template to show: the repository's own, filled in, read at most once per (repo, ref, blob); else one in the newest ADR's layout. */
async function templateFor(params: {
  data: PullRequestData;
  ref: string;
  listing: readonly DirectoryEntry[];
  directory: string;
  cache: BoundedCache<string>;
  repo: string;
  suggestion: AdrSuggestion;
  title: string;
  today: string;
  style: AdrStyle;
}): Promise<string> {
  const { data, ref, suggestion, title, today } = params;
  const generated = () => adrTemplate({ style: params.style, title, number: suggestion.number, digits: suggestion.digits, date: today });
  const entry = templateEntry(params.listing);
  if (!entry) return generated();
  const key = `${params.repo.toLowerCase()}@${ref}:${entry.path}#${entry.sha}`;
  const text = await params.cache.getOrLoad(key, async () => {
    const file = await data.fileText(entry.path, ref);
    return file.kind === "file" ? file.text : "";
  });
  if (text.trim() === "") return generated();
  return fillTemplate({ text, title, number: suggestion.number, digits: suggestion.digits, prefix: suggestion.prefix, date: today });
}

/** The ADR check as the registry runs it; its caches come with each evaluation (`AppDeps.caches`). */
export const adrCheck = createAdrCheck();
