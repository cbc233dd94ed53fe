import { JIRA_NON_TICKETS } from "./jira-non-tickets.js";
import { keyCandidates, type KeyCandidate } from "./key-candidates.js";
import { AFTER_MAGIC_WORD, AFTER_SKIP_WORD } from "./providers/linear.js";
import type { Place } from "../../model/ticket-references.js";

/**
 * Why something written like a Linear issue ID did not count (ADR 0073):
 * - `team`: its team is not in `linear.teams` (`DES-12` with `teams: [ENG]`), where an ID would count;
 * - `magic-word`: an ID of a listed team in a body or commit message with no magic word before it;
 * - `case`: a listed team's ID in lower case in the title (`eng-12`), which counts in capitals only;
 * - `dash`: a listed team's ID without its dash (`ENG 12`, `ENG_12`).
 */
export type LinearMissReason = "team" | "magic-word" | "case" | "dash";

export interface LinearMiss {
  reason: LinearMissReason;
  /** As written in the text. */
  written: string;
  /** The ID it would be (`ENG-12`). */
  id: string;
  /** `title`, `branch`, `body` or `commit abc1234`. */
  where: string;
}

// "ENG 12", "ENG_12": capitals only, so that ordinary words followed by a number are left alone.
const WITHOUT_DASH = /(?<![A-Za-z0-9_-])([A-Z][A-Z0-9]*)[ _]([1-9][0-9]{0,9})(?![0-9A-Za-z-])/g;

/** The near misses of one text for Linear teams `teams`, by reason, each in the order written. Pure, linear in the text. */
export function linearNearMisses(params: { text: string; place: Place; where: string; teams: readonly string[] }): LinearMiss[] {
  const { text, place, where } = params;
  const listed = new Set(params.teams.map((team) => team.toUpperCase()));
  const teamOf = (candidate: KeyCandidate) => [candidate.key, ...candidate.shorter].find((form) => listed.has(form));
  const skipped = new Set([...text.matchAll(AFTER_SKIP_WORD)].flatMap((m) => keyCandidates(m[1] ?? "", { anyCase: true })).flatMap(idForms));
  const miss = (reason: LinearMissReason, written: string, id: string): LinearMiss[] => (skipped.has(id) ? [] : [{ reason, written, id, where }]);
  const inBody = place === "body" || place === "commit";
  // Where Linear would link an ID: the title (capitals) and the branch, or the lists after a magic word.
  const linked = inBody
    ? [...text.matchAll(AFTER_MAGIC_WORD)].flatMap((m) => keyCandidates(m[1] ?? "", { anyCase: true }))
    : keyCandidates(text, { anyCase: place === "branch" });
  const misses: LinearMiss[] = linked.flatMap((candidate) => {
    if (teamOf(candidate) !== undefined) return [];
    const key = candidate.shorter.at(-1) ?? candidate.key;
    return key.length < 2 || JIRA_NON_TICKETS.has(key) ? [] : miss("team", `${key}-${candidate.number}`, `${key}-${candidate.number}`);
  });
  if (place === "title") {
    const capitals = new Set(linked.map((candidate) => candidate.start));
    for (const candidate of keyCandidates(text, { anyCase: true })) {
      const team = teamOf(candidate);
      if (team !== undefined && !capitals.has(candidate.start)) misses.push(...miss("case", text.slice(candidate.start, candidate.end), `${team}-${candidate.number}`));
    }
  }
  if (inBody) {
    const counted = new Set(linked.flatMap(idForms));
    for (const candidate of keyCandidates(text, { anyCase: false })) {
      const team = teamOf(candidate);
      const id = `${team}-${candidate.number}`;
      if (team !== undefined && !counted.has(id)) misses.push(...miss("magic-word", id, id));
    }
  }
  if (place !== "branch") {
    for (const m of text.matchAll(WITHOUT_DASH)) {
      if (listed.has(m[1] ?? "")) misses.push(...miss("dash", m[0], `${m[1]}-${m[2]}`));
    }
  }
  return misses;
}

/** `feature_ENG-1` stands for `FEATURE_ENG-1` and `ENG-1`. */
function idForms(candidate: KeyCandidate): string[] {
  return [candidate.key, ...candidate.shorter].map((form) => `${form}-${candidate.number}`);
}
