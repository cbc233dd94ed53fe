import type { Provider } from "./providers/index.js";
import { visibleText } from "./visible-text.js";
import type { MatchContext, Place, TicketReference } from "../../model/ticket-references.js";

/** GitHub caps a PR body at 65,536 characters; longer texts (commit messages) are cut there. */
export const MAX_TEXT_CHARS = 65_536;
/** References kept per evaluation: enough to list, bounded whatever the input. */
export const MAX_REFERENCES = 50;

/** One text to search: the title, the branch, the body or one commit message. */
export interface SourceText {
  place: Place;
  /** As shown in the summary: "title", "branch", "body", "commit abc1234". */
  where: string;
  text: string;
}

/**
 * Every reference of every enabled provider in the given texts, each with where it was found,
 * without duplicates (the same ID in the same place once; two providers matching one ID, once).
 */
export function findTicketReferences(params: { texts: readonly SourceText[]; providers: readonly Provider[]; context: MatchContext }): TicketReference[] {
  const found: TicketReference[] = [];
  const seen = new Set<string>();
  for (const { place, where, text } of params.texts) {
    const capped = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
    for (const provider of params.providers) {
      for (const match of provider.match(capped, place, params.context)) {
        const key = `${where}\u0000${match.id.toUpperCase()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ ...match, where });
        if (found.length >= MAX_REFERENCES) return found;
      }
    }
  }
  return found;
}

/** The texts of the payload's sources, in the order they are searched; the body as GitHub shows it (ADR 0014). */
export function payloadTexts(pr: { title: string; headRef: string; body: string }, sources: readonly string[]): SourceText[] {
  const texts: SourceText[] = [];
  if (sources.includes("title")) texts.push({ place: "title", where: "title", text: pr.title });
  if (sources.includes("branch")) texts.push({ place: "branch", where: "branch", text: pr.headRef });
  if (sources.includes("body")) texts.push({ place: "body", where: "body", text: visibleText(pr.body.slice(0, MAX_TEXT_CHARS)) });
  return texts;
}

/** The texts of commit messages, each labelled with its short SHA. */
export function commitTexts(commits: ReadonlyArray<{ sha: string; message: string }>): SourceText[] {
  return commits.map((commit) => ({ place: "commit", where: `commit ${commit.sha.slice(0, 7)}`, text: commit.message }));
}
