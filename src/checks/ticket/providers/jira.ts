import { JIRA_NON_TICKETS } from "../jira-non-tickets.js";
import { keyCandidates, type KeyCandidate } from "../key-candidates.js";
import type { Matcher, Place } from "../../../model/ticket-references.js";

/**
 * Jira keys (ADRs 0010, 0013): `ENG-123` standing alone, upper case except in branch names. With
 * `keys`, only those project keys count, in any case and anywhere; without, any key of two or
 * more characters that is not a well-known non-ticket (UTF-8, SHA-256, EIP-1559, ...).
 */
export function jiraMatcher(options: { keys?: readonly string[] | undefined }): Matcher {
  const allowed = options.keys && options.keys.length > 0 ? new Set(options.keys.map((key) => key.toUpperCase())) : undefined;
  return (text, place) =>
    keyCandidates(text, { anyCase: allowed !== undefined || place === "branch" }).flatMap((candidate) => {
      const key = allowed ? [candidate.key, ...candidate.shorter].find((form) => allowed.has(form)) : withoutKeys(candidate);
      return key === undefined ? [] : [{ provider: "jira" as const, id: `${key}-${candidate.number}` }];
    });
}

/**
 * Keys written like tickets that did not count only because their key is a well-known non-ticket
 * (`ES-123`): a repository whose real key is one of those needs `keys`, and the failure says so.
 */
export function deniedJiraKeys(text: string, place: Place): string[] {
  return keyCandidates(text, { anyCase: place === "branch" })
    .filter((candidate) => withoutKeys(candidate) === undefined && candidate.key.length >= 2 && JIRA_NON_TICKETS.has(lastForm(candidate)))
    .map((candidate) => `${lastForm(candidate)}-${candidate.number}`);
}

/**
 * With `keys`: tickets of other projects (`ABC-12` when `keys: [PAY]`), which did not count only
 * because their key is not listed; well-known non-tickets are left out, they were never meant.
 */
export function unlistedJiraKeys(text: string, place: Place, keys: readonly string[]): string[] {
  const allowed = new Set(keys.map((key) => key.toUpperCase()));
  return keyCandidates(text, { anyCase: place === "branch" })
    .filter((candidate) => ![candidate.key, ...candidate.shorter].some((form) => allowed.has(form)))
    .flatMap((candidate) => {
      const key = withoutKeys(candidate);
      return key === undefined ? [] : [`${key}-${candidate.number}`];
    });
}

/** Without `keys`: the key after dropping leading non-ticket words (`feature_ABC` is ABC), if it counts. */
function withoutKeys(candidate: KeyCandidate): string | undefined {
  const forms = [candidate.key, ...candidate.shorter];
  for (const form of forms) {
    const first = form.split("_")[0] ?? form;
    if (form.includes("_") && JIRA_NON_TICKETS.has(first)) continue;
    return form.length >= 2 && !JIRA_NON_TICKETS.has(form) ? form : undefined;
  }
  return undefined;
}

function lastForm(candidate: KeyCandidate): string {
  return candidate.shorter.at(-1) ?? candidate.key;
}
