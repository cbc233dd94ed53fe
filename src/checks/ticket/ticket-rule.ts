import type { RuleResult } from "../../model/checks.js";
import { MAX_TEXT_CHARS, commitTexts, findTicketReferences, payloadTexts } from "./find-ticket-references.js";
import { isExempt } from "./is-exempt.js";
import type { TicketConfig } from "./ticket-config.js";
import { enabledProviders } from "./providers/index.js";
import { deniedJiraKeys, unlistedJiraKeys } from "./providers/jira.js";
import { linearNearMisses } from "./linear-near-misses.js";
import type { LinearMisses } from "./linear-miss-texts.js";
import { exemptResult, failResult, passResult, unverifiedResult, type JudgedReference } from "./render-ticket-result.js";
import { referenceVerdict, type VerifyPlan } from "./verify-plan.js";
import type { TicketLookup, TicketReference } from "../../model/ticket-references.js";

/** What the ticket rule judges: the PR as the payload has it, plus what was read from GitHub and the ticket systems. */
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
  /** Issues GitHub itself links to the PR (Development sidebar, `closingIssuesReferences`); undefined when not read. */
  linked?: readonly TicketReference[];
  /** With `verify`: which systems references are looked up in (from the config and the operator's credentials). */
  plan?: VerifyPlan;
  /** What each system answered, by `lookupKey` (`jira ENG-1`, `github #12`). */
  lookups?: Readonly<Record<string, TicketLookup>>;
}

/** ADR 0010, ADR 0013: holds when any enabled source has a reference of an enabled provider that its system (with `verify`) accepts. Pure. */
export function ticketRule(facts: TicketFacts, tickets: TicketConfig): RuleResult {
  const exemption = isExempt(facts, tickets.exempt);
  if (exemption) return exemptResult(exemption, tickets);
  const judged: JudgedReference[] = ticketReferences(facts, tickets).map((ref) => ({ ref, verdict: referenceVerdict(ref, facts.plan ?? {}, facts.lookups) }));
  const searched = { sources: tickets.sources, commits: facts.commits?.length, branch: facts.headRef, linked: facts.linked !== undefined };
  // References not looked up (another one already held, or the budget was spent) are not listed.
  const shown = judged.filter(({ verdict }) => verdict.state !== "pending");
  if (judged.some(({ verdict }) => verdict.state === "accepted")) return passResult({ judged: shown, searched });
  if (judged.some(({ verdict }) => verdict.state === "unverified")) return unverifiedResult({ judged: shown, searched });
  return failResult({ judged: shown, searched, tickets, denied: deniedKeys(facts, tickets), unlisted: unlistedKeys(facts, tickets), linear: linearMisses(facts, tickets) });
}

/** Every reference in the enabled sources (commit messages only when they were read), then GitHub's own links. */
export function ticketReferences(facts: TicketFacts, tickets: TicketConfig): TicketReference[] {
  const context = { owner: facts.owner, repo: facts.repo, host: facts.host ?? "github.com" };
  const found = findTicketReferences({ texts: searchedTexts(facts, tickets), providers: enabledProviders(tickets.providers), context });
  const known = new Set(found.map((ref) => ref.id));
  return [...found, ...(facts.linked ?? []).filter((ref) => !known.has(ref.id))];
}

/** With Jira on and no `keys`: keys written like tickets that are on the non-ticket list (`ES-123`). */
function deniedKeys(facts: TicketFacts, tickets: TicketConfig): string[] {
  if (!tickets.providers.some((entry) => entry === "jira" || (typeof entry === "object" && "jira" in entry && !(entry.jira?.keys && entry.jira.keys.length > 0)))) return [];
  return [...new Set(searchedTexts(facts, tickets).flatMap(({ text, place }) => deniedJiraKeys(text, place)))].slice(0, 5);
}

/** With Jira `keys`: keys of other projects written like tickets (`ABC-12` when `keys: [PAY]`), and the keys that count. */
function unlistedKeys(facts: TicketFacts, tickets: TicketConfig): { ids: string[]; keys: readonly string[] } | undefined {
  const keys = tickets.providers.flatMap((entry) => (typeof entry === "object" && "jira" in entry ? (entry.jira?.keys ?? []) : []));
  if (keys.length === 0) return undefined;
  const ids = [...new Set(searchedTexts(facts, tickets).flatMap(({ text, place }) => unlistedJiraKeys(text, place, keys)))].slice(0, 5);
  return ids.length === 0 ? undefined : { ids, keys };
}

/** With Linear teams: IDs of other teams, and the team's own IDs written where or how Linear does not link them. */
function linearMisses(facts: TicketFacts, tickets: TicketConfig): LinearMisses | undefined {
  const teams = tickets.providers.flatMap((entry) => (typeof entry === "object" && "linear" in entry ? entry.linear.teams : []));
  if (teams.length === 0) return undefined;
  const seen = new Set<string>();
  const misses = searchedTexts(facts, tickets)
    .flatMap(({ text, place, where }) => linearNearMisses({ text: text.slice(0, MAX_TEXT_CHARS), place, where, teams }))
    .filter((miss) => {
      const key = `${miss.reason} ${miss.written.toUpperCase()} ${miss.reason === "team" ? "" : miss.where}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
  return misses.length === 0 ? undefined : { misses: misses.slice(0, 5), teams };
}

function searchedTexts(facts: TicketFacts, tickets: TicketConfig) {
  const texts = payloadTexts(facts, tickets.sources);
  if (tickets.sources.includes("commits") && facts.commits) texts.push(...commitTexts(facts.commits));
  return texts;
}

/** Whether a reference counts as the PR's ticket, as far as is known now. */
export function isAccepted(ref: TicketReference, facts: Pick<TicketFacts, "plan" | "lookups">): boolean {
  return referenceVerdict(ref, facts.plan ?? {}, facts.lookups).state === "accepted";
}
