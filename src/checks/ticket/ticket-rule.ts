import type { RuleResult } from "../../model/checks.js";
import { commitTexts, findTicketReferences, payloadTexts } from "./find-ticket-references.js";
import { isExempt } from "./is-exempt.js";
import type { TicketConfig } from "./ticket-config.js";
import { enabledProviders } from "./providers/index.js";
import { deniedJiraKeys } from "./providers/jira.js";
import { exemptResult, failResult, passResult } from "./render-ticket-result.js";
import type { IssueKind, TicketReference } from "../../model/ticket-references.js";

/** What the ticket rule judges: the PR as the payload has it, plus what was read from GitHub. */
export interface TicketFacts {
  owner: string;
  repo: string;
  /** The GitHub host the app talks to (`github.com` when absent): issue URLs count only there. */
  host?: string;
  title: string;
  headRef: string;
  body: string;
  labels: readonly string[];
  /** `isBot`: GitHub's `user.type === "Bot"`; bots are exempt whatever their login. */
  author: { login: string; isBot?: boolean };
  draft: boolean;
  /** The PR's commits; undefined when they were not read (another source already had a ticket). */
  commits?: ReadonlyArray<{ sha: string; message: string }>;
  /** With `verify`: what GitHub said about each GitHub reference, by its id (#12, acme/api#7). */
  verdicts?: Readonly<Record<string, IssueKind>>;
}

/** ADR 0010: holds when any enabled source has a reference of an enabled provider. Pure. */
export function ticketRule(facts: TicketFacts, tickets: TicketConfig): RuleResult {
  const exemption = isExempt(facts, tickets.exempt);
  if (exemption) return exemptResult(exemption, tickets);
  const found = ticketReferences(facts, tickets);
  const accepted = found.filter((ref) => isAccepted(ref, facts.verdicts, tickets.verify));
  // Unverified ones (another reference already held, or the lookup budget was spent) are not listed.
  const rejected = found.filter((ref) => !isAccepted(ref, facts.verdicts, tickets.verify) && facts.verdicts?.[ref.id] !== undefined);
  const searched = { sources: tickets.sources, commits: facts.commits?.length, branch: facts.headRef };
  if (accepted.length > 0) return passResult({ accepted, rejected, verdicts: facts.verdicts ?? {}, searched });
  return failResult({ rejected, verdicts: facts.verdicts ?? {}, searched, tickets, denied: deniedKeys(facts, tickets) });
}

/** Every reference in the enabled sources; commit messages only when they were read. */
export function ticketReferences(facts: TicketFacts, tickets: TicketConfig): TicketReference[] {
  const context = { owner: facts.owner, repo: facts.repo, host: facts.host ?? "github.com" };
  return findTicketReferences({ texts: searchedTexts(facts, tickets), providers: enabledProviders(tickets.providers), context });
}

/** With Jira on and no `keys`: keys written like tickets that are on the non-ticket list (`ES-123`). */
function deniedKeys(facts: TicketFacts, tickets: TicketConfig): string[] {
  if (!tickets.providers.some((entry) => entry === "jira" || (typeof entry === "object" && "jira" in entry && !(entry.jira?.keys && entry.jira.keys.length > 0)))) return [];
  return [...new Set(searchedTexts(facts, tickets).flatMap(({ text, place }) => deniedJiraKeys(text, place)))].slice(0, 5);
}

function searchedTexts(facts: TicketFacts, tickets: TicketConfig) {
  const texts = payloadTexts(facts, tickets.sources);
  if (tickets.sources.includes("commits") && facts.commits) texts.push(...commitTexts(facts.commits));
  return texts;
}

/** With `verify`, a GitHub reference counts only when GitHub says it is an issue. */
export function isAccepted(ref: TicketReference, verdicts: TicketFacts["verdicts"], verify: boolean): boolean {
  if (!verify || ref.provider !== "github") return true;
  return verdicts?.[ref.id] === "issue";
}
