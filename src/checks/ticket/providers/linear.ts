import { keyCandidates } from "../key-candidates.js";
import type { Match, Matcher } from "../../../model/ticket-references.js";

/** Linear's magic words (Linear Docs, GitHub integration): closing, then non-closing. */
const MAGIC_WORDS =
  "close|closes|closed|closing|fix|fixes|fixed|fixing|resolve|resolves|resolved|resolving|complete|completes|completed|completing|" +
  "implement|implements|implemented|implementing|linear issue|" +
  "ref|refs|references|part of|related to|relates to|contributes to|towards?";
/** Words that keep Linear from linking the IDs after them. */
const SKIP_WORDS = "skip|ignore";

const ID = "[A-Za-z][A-Za-z0-9]*-[0-9]+";
// "ENG-1, ENG-2 and ENG-3", "ENG-1, DES-5, and ENG-6", "ENG-1 & ENG-2": at most 20 more.
const LIST = `(${ID}(?:(?:[ \\t]*,[ \\t]*(?:and[ \\t]+)?|[ \\t]+and[ \\t]+|[ \\t]*&[ \\t]*)${ID}){0,20})`;
const after = (words: string) => new RegExp(`(?<![A-Za-z])(?:${words}):?[ \\t]+${LIST}`, "gi");
/** The list of IDs after a magic word (`Fixes ENG-1, ENG-2`) in group 1: where Linear links IDs in a body or commit message. */
export const AFTER_MAGIC_WORD = after(MAGIC_WORDS);
/** The list of IDs after a skip word (`skip ENG-1`) in group 1: Linear never links those. */
export const AFTER_SKIP_WORD = after(SKIP_WORDS);
const ISSUE_URL = /https?:\/\/linear\.app\/[A-Za-z0-9_-]+\/issue\/([A-Za-z][A-Za-z0-9]*-[1-9][0-9]{0,9})(?![0-9])/g;

/**
 * Linear issue IDs of the configured teams: anywhere in the title and branch (Linear's own branch
 * names are `user/eng-123-title`), in the body and commit messages only after a magic word, as
 * Linear itself links them; issue URLs count everywhere. IDs after a skip word (`skip ENG-1`,
 * `ignore ENG-1`) do not count in that text, as Linear does not link them.
 */
export function linearMatcher(options: { teams: readonly string[] }): Matcher {
  const teams = new Set(options.teams.map((team) => team.toUpperCase()));
  const idsIn = (text: string, anyCase: boolean) =>
    keyCandidates(text, { anyCase }).flatMap(({ key, shorter, number }) => {
      const team = [key, ...shorter].find((form) => teams.has(form));
      return team === undefined ? [] : [`${team}-${number}`];
    });
  const toMatch = (id: string): Match => ({ provider: "linear", id: id.toUpperCase() });

  return (text, place) => {
    const skipped = new Set([...text.matchAll(AFTER_SKIP_WORD)].flatMap((m) => idsIn(m[1] ?? "", true)));
    const ids: string[] = [...text.matchAll(ISSUE_URL)].map((m) => (m[1] ?? "").toUpperCase()).filter((id) => teams.has(id.slice(0, id.lastIndexOf("-"))));
    if (place === "title" || place === "branch") {
      ids.push(...idsIn(text, place === "branch"));
    } else {
      for (const m of text.matchAll(AFTER_MAGIC_WORD)) ids.push(...idsIn(m[1] ?? "", true));
    }
    return ids.filter((id) => !skipped.has(id)).map(toMatch);
  };
}
