import type { CheckDefinition, EvaluateInput } from "../check-definition.js";
import type { PullRequestData } from "../../gather/pull-request-data.js";
import { isExempt } from "./is-exempt.js";
import { isAccepted, ticketReferences, ticketRule, type TicketFacts } from "./ticket-rule.js";
import type { TicketConfig } from "./ticket-config.js";
import type { IssueKind, TicketReference } from "../../model/ticket-references.js";

/** GitHub references looked up per evaluation with `verify`: bounds the requests one PR can cause. */
export const MAX_VERIFIED = 5;

/** Triggers after which cached issue lookups are not trusted (the user asked to look again). */
const FRESH_TRIGGERS = new Set(["refresh", "check_run.rerequested", "check_suite.rerequested"]);

/**
 * `shipshape/ticket` (ADR 0010). Gathers in as few requests as possible: title, branch, body,
 * labels come from the payload; commit messages are read only when those found nothing; with
 * `verify`, GitHub references are looked up (cached). Then the pure `ticketRule` decides.
 */
export const ticketCheck: CheckDefinition = {
  key: "ticket",
  enabled: (config) => config.tickets.enabled,
  mode: (config) => config.tickets.mode,
  async evaluate(input) {
    const tickets = input.config.tickets;
    const facts = await gatherTicketFacts(input, tickets);
    return { result: ticketRule(facts, tickets) };
  },
};

async function gatherTicketFacts(input: EvaluateInput, tickets: TicketConfig): Promise<TicketFacts> {
  const { pr, data } = input;
  const facts: TicketFacts = {
    owner: pr.repo.owner,
    repo: pr.repo.name,
    host: input.githubHost ?? "github.com",
    title: pr.title,
    headRef: pr.headRef,
    body: pr.body,
    labels: pr.labels,
    author: pr.author,
    draft: pr.draft,
  };
  if (isExempt(facts, tickets.exempt)) return facts;

  const fresh = FRESH_TRIGGERS.has(input.trigger);
  const verdicts: Record<string, IssueKind> = {};
  const found = () => ticketReferences({ ...facts, verdicts }, tickets);
  const holds = (refs: TicketReference[]) => refs.some((ref) => isAccepted(ref, verdicts, tickets.verify));

  if (tickets.verify && !holds(found())) await verify(found(), verdicts, data, fresh);
  if (!holds(found()) && tickets.sources.includes("commits")) {
    // One page of 100 first; the rest (up to GitHub's 250) only when that page has no reference.
    const first = await data.firstCommits();
    facts.commits = first.commits;
    if (tickets.verify && !holds(found())) await verify(found(), verdicts, data, fresh);
    if (!holds(found()) && !first.complete) {
      facts.commits = await data.commits();
      if (tickets.verify && !holds(found())) await verify(found(), verdicts, data, fresh);
    }
  }
  return tickets.verify ? { ...facts, verdicts } : facts;
}

/** Looks up GitHub references not yet judged, until one is an issue or the budget is spent. */
async function verify(refs: TicketReference[], verdicts: Record<string, IssueKind>, data: PullRequestData, fresh: boolean): Promise<void> {
  const pending = refs.filter((ref) => ref.provider === "github" && ref.issue && verdicts[ref.id] === undefined);
  let looked = Object.keys(verdicts).length;
  for (const ref of pending) {
    if (looked >= MAX_VERIFIED || Object.values(verdicts).includes("issue")) return;
    if (ref.issue) verdicts[ref.id] = await data.issue(ref.issue, { fresh });
    looked += 1;
  }
}
