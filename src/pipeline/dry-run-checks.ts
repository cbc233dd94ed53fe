import { adrResult } from "../checks/adr/adr-result.js";
import { adrLabel, adrTrigger } from "../checks/adr/adr-trigger.js";
import { decideAdr, needsListing, type AdrFacts } from "../checks/adr/decide-adr.js";
import { checks } from "../checks/index.js";
import { toCheckRun } from "../checks/to-check-run.js";
import { isExempt } from "../checks/ticket/is-exempt.js";
import type { TicketConfig } from "../checks/ticket/ticket-config.js";
import { ticketReferences, ticketRule, type TicketFacts } from "../checks/ticket/ticket-rule.js";
import type { Config } from "../config/schema.js";
import type { DirectoryEntry } from "../github/list-directory.js";
import { code } from "../lib/markdown-text.js";
import type { AdrStyle } from "../model/adr-style.js";
import { CHECKS, type CheckKey, type CheckName, type Conclusion, type RuleResult } from "../model/checks.js";
import type { FileFacts, PullRequestFacts } from "../model/pull-request-facts.js";
import type { ProviderName } from "../model/ticket-references.js";

/** GitHub lists at most 250 commits of a PR; the app reads no more, nor does the dry run. */
export const MAX_DRY_RUN_COMMITS = 250;

/** One pull request as `shipshape check` is given it: what the webhook payload and GitHub would say. */
export interface DryRunFacts {
  pr: PullRequestFacts;
  /** The PR's commit messages, oldest first. */
  commits: readonly string[];
  files: readonly FileFacts[];
  /** The ADR directory of a local checkout: undefined without one, null when the checkout has no such directory. */
  adrListing: readonly DirectoryEntry[] | null | undefined;
  /** The layout of the newest ADR in that directory, for the suggested template. */
  adrStyle: AdrStyle;
}

export interface DryRunReference {
  provider: ProviderName;
  id: string;
  where: string;
}

/** One check as the app would post it: the conclusion and the texts of its check run. */
export interface DryRunCheck {
  name: CheckName;
  conclusion: Conclusion;
  title: string;
  summary: string;
  /** The ticket references found (ticket check); [] for the others. */
  references: DryRunReference[];
}

/**
 * What the app's checks would conclude on this PR, from the same pure rules and texts, without
 * GitHub or any network: what the app would look up is said to be skipped in the summary. Only
 * enabled checks are listed (the app posts nothing for a disabled one). Pure.
 */
export function dryRunChecks(facts: DryRunFacts, config: Config): DryRunCheck[] {
  const judge: Record<CheckKey, () => { result: RuleResult; references: DryRunReference[] }> = {
    ticket: () => ticketDryRun(facts, config.tickets),
    adr: () => ({ result: adrDryRun(facts, config.adr), references: [] }),
    coverage: () => ({ result: coverageDryRun(config.coverage), references: [] }),
  };
  return checks.flatMap((check) => {
    if (!check.enabled(config)) return [];
    const { result, references } = judge[check.key]();
    const name = CHECKS[check.key].name;
    const state = toCheckRun({ name, result, mode: check.mode(config) });
    if (!state) return [];
    return [{ name, conclusion: state.conclusion ?? "neutral", title: state.output.title, summary: state.output.summary, references }];
  });
}

/**
 * As the app's ticket check gathers: title, branch and body first, the commit messages only when
 * those have no reference (so the "Searched:" line reads as the app's would). Verification is
 * network: references count as found, and the summary says they were not looked up.
 */
function ticketDryRun(facts: DryRunFacts, configured: TicketConfig): { result: RuleResult; references: DryRunReference[] } {
  const { pr } = facts;
  const tickets: TicketConfig = { ...configured, verify: false };
  const base: TicketFacts = { owner: pr.repo.owner, repo: pr.repo.name, title: pr.title, headRef: pr.headRef, body: pr.body, labels: pr.labels, author: pr.author, draft: pr.draft };
  const exempt = isExempt(base, tickets.exempt) !== null;
  const readCommits = !exempt && tickets.sources.includes("commits") && ticketReferences(base, tickets).length === 0;
  // Without SHAs, a commit is named by its position: "commit 3" is the PR's third commit.
  const ticketFacts: TicketFacts = readCommits ? { ...base, commits: facts.commits.slice(0, MAX_DRY_RUN_COMMITS).map((message, index) => ({ sha: String(index + 1), message })) } : base;
  const result = ticketRule(ticketFacts, tickets);
  const references = exempt ? [] : ticketReferences(ticketFacts, tickets).map(({ provider, id, where }) => ({ provider, id, where }));
  if (!configured.verify || result.outcome === "silent" || result.outcome === "exempt") return { result, references };
  const note = "Verification skipped: a dry run makes no network requests, so no reference was looked up. With `verify: true` the app counts a GitHub reference only when it names an existing issue, not a pull request.";
  return { result: { ...result, summary: `${result.summary}\n\n${note}` }, references };
}

/** As the app's ADR check gathers: the PR's files only when a label or `adr.paths` make them matter, the listing only when needed. */
function adrDryRun(facts: DryRunFacts, adr: Config["adr"]): RuleResult {
  const { pr } = facts;
  const labelled = adrLabel(pr.labels, adr) !== undefined;
  const files = adr.paths.length > 0 || labelled ? facts.files : [];
  const adrFacts: AdrFacts = { title: pr.title, body: pr.body, labels: pr.labels, files, listing: undefined, baseRef: pr.baseRef };
  const applies = adrTrigger({ labels: pr.labels, files, config: adr }) !== null;
  const listingNeeded = applies && needsListing(adrFacts, adr);
  if (listingNeeded) adrFacts.listing = facts.adrListing;
  const decision = decideAdr(adrFacts, adr);
  const style = decision.kind === "missing" ? facts.adrStyle : "nygard";
  const result = adrResult(decision, { config: adr, baseRef: pr.baseRef, style });
  if (!listingNeeded || facts.adrListing !== undefined || result.outcome === "silent") return result;
  const note =
    `Dry run without \`--repo-dir\`: the ADRs in ${code(`${adr.directory}/`)} were not listed, so a citation of an existing ADR was not checked ` +
    "and the suggested number starts from 1. Run again with `--repo-dir` on a checkout of the base branch to judge as the app does.";
  return { ...result, summary: `${result.summary}\n\n${note}` };
}

/** The app judges coverage from the report CI sends; offline there is none, so the check is skipped, never failed. */
function coverageDryRun(coverage: Config["coverage"]): RuleResult {
  return {
    outcome: "exempt",
    title: "Coverage not judged in a dry run: it needs your CI's coverage report",
    summary:
      `The app judges coverage when CI's report arrives (an artifact matching ${code(coverage.artifact)}, or an upload): ` +
      `at least ${coverage.patch.target}% of the changed coverable lines covered, and total coverage down by at most ${coverage.project.max_drop} points against the base. ` +
      "A dry run has no report, so this check is skipped and never counted as a failure.",
  };
}
