import { JIRA_NON_TICKETS } from "../jira-non-tickets.js";
import { keyCandidates } from "../key-candidates.js";
import type { Matcher } from "../../../model/ticket-references.js";

/**
 * Jira keys (ADR 0010): `ENG-123` standing alone, upper case except in branch names. With
 * `keys`, only those project keys count; without, any key of two or more characters that is not
 * a well-known non-ticket (UTF-8, SHA-256, ...).
 */
export function jiraMatcher(options: { keys?: readonly string[] | undefined }): Matcher {
  const allowed = options.keys && options.keys.length > 0 ? new Set(options.keys.map((key) => key.toUpperCase())) : undefined;
  return (text, place) =>
    keyCandidates(text, { anyCase: place === "branch" })
      .filter(({ key }) => (allowed ? allowed.has(key) : key.length >= 2 && !JIRA_NON_TICKETS.has(key)))
      .map(({ key, number }) => ({ provider: "jira", id: `${key}-${number}` }));
}
