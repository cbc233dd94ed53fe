import { keyCandidates } from "../key-candidates.js";
import type { Match, Matcher } from "../../../model/ticket-references.js";

/** Linear's magic words: closing (fixes) and non-closing (part of, ref). */
const MAGIC_WORDS =
  "close|closes|closed|closing|fix|fixes|fixed|fixing|resolve|resolves|resolved|resolving|complete|completes|completed|completing|" +
  "ref|refs|references|part of|related to|relates to|contributes to|towards?";

// A magic word, then a list of IDs ("Fixes ENG-1, ENG-2 and ENG-3"); each ID is checked after.
const AFTER_MAGIC_WORD = new RegExp(
  `(?<![A-Za-z])(?:${MAGIC_WORDS}):?[ \\t]+((?:[A-Za-z][A-Za-z0-9]*-[0-9]+)(?:(?:[ \\t]*,[ \\t]*|[ \\t]+and[ \\t]+|[ \\t]*&[ \\t]*)[A-Za-z][A-Za-z0-9]*-[0-9]+){0,20})`,
  "gi",
);
const ISSUE_URL = /https?:\/\/linear\.app\/[A-Za-z0-9_-]+\/issue\/([A-Za-z][A-Za-z0-9]*-[1-9][0-9]{0,9})(?![0-9])/g;

/**
 * Linear issue IDs of the configured teams: anywhere in the title and branch (Linear's own branch
 * names are `user/eng-123-title`), in the body and commit messages only after a magic word, as
 * Linear itself links them; issue URLs count everywhere.
 */
export function linearMatcher(options: { teams: readonly string[] }): Matcher {
  const teams = new Set(options.teams.map((team) => team.toUpperCase()));
  const ofTeam = (id: string) => teams.has(id.slice(0, id.lastIndexOf("-")).toUpperCase());
  const toMatch = (id: string): Match => ({ provider: "linear", id: id.toUpperCase() });

  return (text, place) => {
    const ids: string[] = [...text.matchAll(ISSUE_URL)].map((m) => m[1] ?? "");
    if (place === "title" || place === "branch") {
      ids.push(...keyCandidates(text, { anyCase: place === "branch" }).map(({ key, number }) => `${key}-${number}`));
    } else {
      for (const m of text.matchAll(AFTER_MAGIC_WORD)) {
        ids.push(...keyCandidates(m[1] ?? "", { anyCase: true }).map(({ key, number }) => `${key}-${number}`));
      }
    }
    return ids.filter(ofTeam).map(toMatch);
  };
}
