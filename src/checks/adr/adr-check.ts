import type { DirectoryEntry } from "../../github/list-directory.js";
import type { PullRequestData } from "../../gather/pull-request-data.js";
import type { BoundedCache } from "../../lib/bounded-cache.js";
import type { CheckDefinition, Evaluation } from "../check-definition.js";
import { adrCommentBody, adrSkippedCommentBody } from "./adr-comment.js";
import { numberedAdrs } from "./adr-files.js";
import { adrResult } from "./adr-result.js";
import { adrStyle } from "./adr-template.js";
import { type AdrStyle } from "../../model/adr-style.js";
import { adrLabel, adrTrigger } from "./adr-trigger.js";
import { decideAdr, needsListing, type AdrFacts } from "./decide-adr.js";

/** The sticky comment's feature key: one ADR comment per PR. */
export const ADR_COMMENT_FEATURE = "adr";

/**
 * `shipshape/adr` (ADR 0020). Gathers only what the verdict needs: the PR's files when a label
 * or `adr.paths` make them matter, the base branch's ADR directory (conditional on its ETag)
 * when nothing cheaper shows an ADR, and the newest ADR's text (once per blob) to follow its
 * layout in the template.
 */
export function createAdrCheck(): CheckDefinition {
  return {
    key: "adr",
    enabled: (config) => config.adr.enabled,
    mode: (config) => config.adr.mode,
    async evaluate(input): Promise<Evaluation> {
      const { pr, config, data } = input;
      const styles = input.caches.adrStyles;
      const adr = config.adr;
      const labelled = adrLabel(pr.labels, adr) !== undefined;
      const files = adr.paths.length > 0 || labelled ? await data.files() : [];
      const facts: AdrFacts = { title: pr.title, body: pr.body, labels: pr.labels, files, listing: undefined, baseRef: pr.baseRef };
      const applies = adrTrigger({ labels: pr.labels, files, config: adr }) !== null;
      if (applies && needsListing(facts, adr)) {
        facts.listing = await data.directory(adr.directory, pr.baseRef);
      }
      const decision = decideAdr(facts, adr);
      const style = decision.kind === "missing" ? await layoutOf({ data, ref: pr.baseRef, listing: facts.listing, styles }) : "nygard";
      const texts = { config: adr, baseRef: pr.baseRef, style };
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

/** The layout of the newest ADR on the base branch; its blob SHA keys the cache, so it is read once. */
async function layoutOf(params: { data: PullRequestData; ref: string; listing: readonly DirectoryEntry[] | null | undefined; styles: BoundedCache<AdrStyle> }): Promise<AdrStyle> {
  const { data, ref, listing, styles } = params;
  const newest = numberedAdrs(listing ?? []).at(-1);
  if (!newest) return "nygard";
  const known = styles.get(newest.entry.sha);
  if (known) return known;
  // A file past the size cap is not read: its layout falls back to the default.
  const file = await data.fileText(newest.entry.path, ref);
  const style = adrStyle(file.kind === "file" ? file.text : "");
  styles.set(newest.entry.sha, style);
  return style;
}

/** The ADR check as the registry runs it; its style cache comes with each evaluation (`AppDeps.caches`). */
export const adrCheck = createAdrCheck();
