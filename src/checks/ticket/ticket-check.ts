import type { CheckDefinition, EvaluateInput, TrackerAccess } from "../check-definition.js";
import type { PullRequestData } from "../../gather/pull-request-data.js";
import type { Caches } from "../../gather/caches.js";
import { getJiraIssue } from "../../trackers/get-jira-issue.js";
import { getLinearIssue } from "../../trackers/get-linear-issue.js";
import { isExempt } from "./is-exempt.js";
import { isAccepted, ticketReferences, ticketRule, type TicketFacts } from "./ticket-rule.js";
import type { TicketConfig } from "./ticket-config.js";
import { isVerified, lookupKey, verifyPlan, type VerifyPlan } from "./verify-plan.js";
import type { TicketLookup, TicketReference } from "../../model/ticket-references.js";
import { NO_TRACKER_CREDENTIALS } from "../../trackers/tracker-credentials.js";
import { DEFAULT_TRACKER_IO } from "../../trackers/request-tracker.js";

/** References looked up per evaluation with `verify`: bounds the requests one PR can cause. */
export const MAX_VERIFIED = 5;

/** Triggers after which cached lookups are not trusted (the user asked to look again). */
const FRESH_TRIGGERS = new Set(["refresh", "check_run.rerequested", "check_suite.rerequested"]);

/**
 * `shipshape/ticket` (ADR 0010, ADR 0013, ADR 0014). Gathers in as few requests as possible: title, branch,
 * body, labels come from the payload; commit messages are read only when those found nothing, then
 * the issues GitHub links to the PR (one GraphQL request) only when still nothing counts; with
 * `verify`, references are looked up (cached) in GitHub, Jira and Linear until one counts. Then
 * the pure `ticketRule` decides.
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

  const trackers: TrackerAccess = input.trackers ?? { credentials: NO_TRACKER_CREDENTIALS, io: DEFAULT_TRACKER_IO, warn: () => {} };
  const owner = pr.repo.owner.toLowerCase();
  const plan = verifyPlan(tickets.verify, { jira: trackers.credentials.jira.has(owner), linear: trackers.credentials.linear.has(owner) });
  const lookups: Record<string, TicketLookup> = {};
  const verifying = Object.keys(plan).length > 0;
  if (verifying) Object.assign(facts, { plan, lookups });
  const lookUp = new LookUp({ input, plan, lookups, trackers, fresh: FRESH_TRIGGERS.has(input.trigger) });
  const holds = () => ticketReferences(facts, tickets).some((ref) => isAccepted(ref, facts));
  const verify = async () => {
    if (verifying && !holds()) await lookUp.pending(ticketReferences(facts, tickets));
  };

  await verify();
  if (!holds() && tickets.sources.includes("commits")) {
    // One page of 100 first; the rest (up to GitHub's 250) only when that page has no reference.
    const first = await data.firstCommits();
    facts.commits = first.commits;
    await verify();
    if (!holds() && !first.complete) {
      facts.commits = await data.commits();
      await verify();
    }
  }
  if (!holds() && tickets.providers.includes("github")) {
    // Issues linked in the Development sidebar count without any text: one request, only now.
    const linked = await readLinkedIssues(data, lookUp.fresh);
    if (linked) {
      facts.linked = linked.map(({ ref }) => ref);
      for (const { ref, lookup } of linked) lookups[lookupKey(ref)] ??= lookup;
    }
  }
  return facts;
}

/** GitHub's links, or undefined when GitHub could not say (the check then judges the text alone). */
async function readLinkedIssues(data: PullRequestData, fresh: boolean) {
  try {
    return await data.linkedIssues({ fresh });
  } catch {
    return undefined;
  }
}

/** Looks references up, each at most once per evaluation and at most `MAX_VERIFIED` in all. */
class LookUp {
  #looked = 0;
  readonly fresh: boolean;

  constructor(private readonly params: { input: EvaluateInput; plan: VerifyPlan; lookups: Record<string, TicketLookup>; trackers: TrackerAccess; fresh: boolean }) {
    this.fresh = params.fresh;
  }

  /** Looks up references not yet judged, until one counts or the budget is spent. */
  async pending(refs: TicketReference[]): Promise<void> {
    const { plan, lookups } = this.params;
    for (const ref of refs) {
      if (this.#looked >= MAX_VERIFIED) return;
      if (!isVerified(ref.provider) || !plan[ref.provider] || lookups[lookupKey(ref)]) continue;
      lookups[lookupKey(ref)] = await this.#one(ref);
      this.#looked += 1;
      if (isAccepted(ref, { plan, lookups })) return;
    }
  }

  async #one(ref: TicketReference): Promise<TicketLookup> {
    const { input, trackers } = this.params;
    const owner = input.pr.repo.owner.toLowerCase();
    if (ref.provider === "github") return ref.issue ? input.data.issue(ref.issue, { fresh: this.fresh }) : { kind: "missing" };
    const system = ref.provider === "jira" ? "Jira" : "Linear";
    const variable = ref.provider === "jira" ? "SHIPSHAPE_JIRA" : "SHIPSHAPE_LINEAR";
    const jira = trackers.credentials.jira.get(owner);
    const linear = trackers.credentials.linear.get(owner);
    let load: (() => Promise<TicketLookup>) | undefined;
    if (ref.provider === "jira" && jira) load = () => getJiraIssue({ site: jira, key: ref.id, io: trackers.io });
    if (ref.provider === "linear" && linear) load = () => getLinearIssue({ workspace: linear, id: ref.id, io: trackers.io });
    if (!load) {
      this.#warnOnce(`${ref.provider} ${owner}`, `ticket verification: ${input.pr.repo.owner}/${input.pr.repo.name} asks for ${system} verification but ${variable} has no entry for ${owner}`);
      return { kind: "misconfigured", reason: `Shipshape has no ${system} credentials for ${input.pr.repo.owner}` };
    }
    const lookup = await cachedLookup(input.caches, `${ref.provider} ${owner} ${ref.id}`, load, this.fresh);
    if (lookup.kind === "misconfigured") {
      this.#warnOnce(`${ref.provider} ${owner}`, `ticket verification: ${lookup.reason} for ${owner}; fix its entry in ${variable}`);
    }
    return lookup;
  }

  /** One operator-facing line per (system, owner) and hour, however many PRs hit it. */
  #warnOnce(key: string, line: string): void {
    const warned = this.params.input.caches.trackerWarnings;
    if (warned.get(key)) return;
    warned.set(key, true);
    this.params.trackers.warn(line);
  }
}

/** Definite answers (found, missing) are cached; an outage or refused credentials are asked again next time. */
async function cachedLookup(caches: Caches, key: string, load: () => Promise<TicketLookup>, fresh: boolean): Promise<TicketLookup> {
  const cached = fresh ? undefined : caches.tickets.get(key);
  if (cached) return cached;
  const lookup = await load();
  if (lookup.kind === "found" || lookup.kind === "missing") caches.tickets.set(key, lookup);
  return lookup;
}
