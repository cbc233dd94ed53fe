import type { RuleResult } from "../../model/checks.js";
import type { Exemption } from "./is-exempt.js";
import { enabledProviders } from "./providers/index.js";
import type { TicketConfig } from "./ticket-config.js";
import type { TicketReference } from "../../model/ticket-references.js";
import type { ReferenceVerdict } from "./verify-plan.js";
import { code, escapeMarkdown } from "../../lib/markdown-text.js";
import { linearMissLines, linearMissTitle, type LinearMisses } from "./linear-miss-texts.js";

interface Searched {
  sources: readonly string[];
  /** How many commit messages were read; undefined when none were. */
  commits: number | undefined;
  branch: string;
  /** Whether GitHub's own links (the Development sidebar) were read. */
  linked: boolean;
}

/** One reference with what it counts for (`referenceVerdict`). */
export interface JudgedReference {
  ref: TicketReference;
  verdict: ReferenceVerdict;
}

const PROVIDER_LABELS: Record<TicketReference["provider"], string> = {
  github: "GitHub",
  jira: "Jira",
  linear: "Linear",
  asana: "Asana",
  "azure-boards": "Azure Boards",
  shortcut: "Shortcut",
  pattern: "pattern",
};

export function passResult(params: { judged: JudgedReference[]; searched: Searched }): RuleResult {
  const { judged, searched } = params;
  const accepted = judged.filter(({ verdict }) => verdict.state === "accepted");
  const ids = [...new Set(accepted.map(({ ref }) => ref.id))];
  const shown = ids.slice(0, 3).join(", ") + (ids.length > 3 ? ` and ${ids.length - 3} more` : "");
  return {
    outcome: "pass",
    title: `Linked to ${shown}`,
    summary: [
      `This PR links ${ids.length === 1 ? "a ticket" : `${ids.length} tickets`}, so reviewers and release notes can trace why it exists.`,
      "",
      ...accepted.map(line),
      ...otherLines(judged),
      "",
      searchedLine(searched),
    ].join("\n"),
  };
}

/**
 * No reference counted, and at least one could not be looked up: `neutral`, never a failure during
 * someone else's outage or because of the operator's settings (ADR 0013).
 */
export function unverifiedResult(params: { judged: JudgedReference[]; searched: Searched }): RuleResult {
  const { judged, searched } = params;
  const unverified = judged.flatMap(({ ref, verdict }) => (verdict.state === "unverified" ? [{ ref, lookup: verdict.lookup }] : []));
  const ids = new Set(unverified.map(({ ref }) => ref.id));
  const outage = unverified.find(({ lookup }) => lookup.kind === "unreachable");
  const first = outage ?? unverified[0];
  const more = ids.size > 1 ? ` (and ${ids.size - 1} more)` : "";
  const misconfigured = !outage;
  return {
    outcome: "neutral",
    title: misconfigured
      ? `Ticket verification is misconfigured: could not verify ${first?.ref.id ?? "the ticket"}${more}`
      : `Could not verify ${first?.ref.id ?? "the ticket"}: ${first?.lookup.reason ?? "no answer"}${more}`,
    summary: [
      misconfigured
        ? "Nothing for you to fix in this PR: the Shipshape operator needs to fix the ticket system's credentials, and the check does not fail PRs meanwhile."
        : "Nothing for you to fix in this PR: re-run the check once the ticket system answers again. It does not fail PRs during someone else's outage.",
      "",
      ...judged.map(({ ref, verdict }) => (verdict.state === "unverified" ? `- ${escapeMarkdown(ref.id)} (${PROVIDER_LABELS[ref.provider]}) in the ${ref.where}: could not verify: ${escapeMarkdown(verdict.lookup.reason)}` : undefined)).filter((text): text is string => text !== undefined),
      ...otherLines(judged),
      "",
      searchedLine(searched),
    ].join("\n"),
  };
}

export function failResult(params: {
  judged: JudgedReference[];
  searched: Searched;
  tickets: TicketConfig;
  /** Keys written like tickets whose project key is on the non-ticket list (`ES-123`). */
  denied?: readonly string[];
  /** With Jira `keys`: tickets of projects not listed (`ABC-12` when `keys: [PAY]`). */
  unlisted?: { ids: readonly string[]; keys: readonly string[] } | undefined;
  /** With Linear teams: what looked like a Linear ID and why it did not count. */
  linear?: LinearMisses | undefined;
}): RuleResult {
  const { judged, searched, tickets, denied = [], unlisted, linear } = params;
  const providers = enabledProviders(tickets.providers);
  const target = tickets.sources.includes("title") ? "the title" : tickets.sources.includes("branch") ? "the branch name" : tickets.sources.includes("body") ? "the description" : "a commit message";
  const rejected = judged.some(({ verdict }) => verdict.state === "rejected");
  const example = providers[0]?.example ?? "ENG-123";
  const linearMiss = linear?.misses[0];
  return {
    outcome: "fail",
    title: rejected
      ? `Link an open ticket: ${describeRejected(judged)}`
      : denied[0] !== undefined
        ? `Add a ticket reference to ${target}, or list ${projectKey(denied[0])} in jira.keys if ${denied[0]} is one`
        : unlisted?.ids[0] !== undefined
          ? `Add a ticket reference to ${target}, e.g. ${example}: ${unlisted.ids[0]} does not count, ${projectKey(unlisted.ids[0])} is not in jira.keys`
          : linearMiss
            ? linearMissTitle(linearMiss, { target, example })
            : `Add a ticket reference to ${target}, e.g. ${example}`,
    summary: [
      rejected
        ? `This repository asks every pull request to link an open ticket, and the ticket system does not accept the ones found. Add a reference to ${target}, e.g. ${providers[0]?.exampleMarkdown ?? "`ENG-123`"}.`
        : "This repository asks every pull request to link the ticket it belongs to, and none was found.",
      ...deniedLines(denied),
      ...unlistedLines(unlisted),
      ...linearMissLines(linear, target),
      ...otherLines(judged),
      "",
      searchedLine(searched),
      `What counts: ${providers.map((provider) => provider.describes).join("; ")}.`,
      "",
      howToExempt(tickets),
    ].join("\n"),
  };
}

export function exemptResult(exemption: Exemption, tickets: TicketConfig): RuleResult {
  const { title, why } = describeExemption(exemption);
  if (exemption.kind === "bot") return { outcome: "exempt", title, summary: why };
  return {
    outcome: "exempt",
    title,
    summary: `${why}\n\nExemptions are set in \`tickets.exempt\` of \`.github/shipshape.yml\` on the default branch.${exemption.kind === "draft" ? "" : `\n\n${howToExempt(tickets)}`}`,
  };
}

function describeExemption(exemption: Exemption): { title: string; why: string } {
  switch (exemption.kind) {
    case "label":
      return { title: `No ticket needed: labelled ${exemption.label}`, why: `The label ${code(exemption.label)} is listed in \`tickets.exempt.labels\`.` };
    case "author":
      return { title: `No ticket needed for PRs by ${exemption.login}`, why: `${code(exemption.login)} is listed in \`tickets.exempt.authors\`.` };
    case "bot":
      return {
        title: `No ticket needed for PRs by bots (${exemption.login})`,
        why: `${code(exemption.login)} is a bot account: its PRs cite upstream issues and changelogs, not this repository's tickets, so they are not judged.`,
      };
    case "branch":
      return { title: `No ticket needed on ${exemption.branch}`, why: `The branch ${code(exemption.branch)} matches ${code(exemption.glob)} in \`tickets.exempt.branches\`.` };
    case "draft":
      return { title: "Mark the PR ready for review to check its ticket", why: "Draft PRs are not judged (`tickets.exempt.drafts: true`); the check runs again when the PR is ready for review." };
  }
}

function line({ ref, verdict }: JudgedReference): string {
  const where = `- ${escapeMarkdown(ref.id)} (${PROVIDER_LABELS[ref.provider]}) in the ${ref.where}`;
  if (verdict.state !== "accepted" || !verdict.lookup) return where;
  return `${where}: ${ticketLink(verdict.lookup)}, ${escapeMarkdown(verdict.lookup.status)}`;
}

/** `ABC-12` -> `ABC` */
function projectKey(id: string): string {
  return id.slice(0, id.lastIndexOf("-"));
}

function unlistedLines(unlisted: { ids: readonly string[]; keys: readonly string[] } | undefined): string[] {
  if (!unlisted) return [];
  const projects = [...new Set(unlisted.ids.map(projectKey))];
  const listed = unlisted.keys.map((key) => code(key.toUpperCase())).join(", ");
  const one = projects.length === 1;
  return [
    "",
    `Not counted: ${unlisted.ids.map((id) => code(id)).join(", ")}. ${projects.map((key) => code(key)).join(", ")} ${one ? "is" : "are"} not in \`jira.keys\` of \`.github/shipshape.yml\`, which lists ${listed}: only tickets of those projects count.`,
    `If ${one ? "it is" : "they are"} your team's project${one ? "" : "s"} too, add ${one ? "it" : "them"} to \`keys\`: \`{ jira: { keys: [${[...unlisted.keys.map((key) => key.toUpperCase()), ...projects].join(", ")}] } }\`.`,
  ];
}

function deniedLines(denied: readonly string[]): string[] {
  if (denied.length === 0) return [];
  const keys = [...new Set(denied.map(projectKey))];
  return [
    "",
    `Not counted: ${denied.map((id) => code(id)).join(", ")}. ${keys.map((key) => code(key)).join(", ")} ${keys.length === 1 ? "is" : "are"} on Shipshape's list of common non-tickets (standards, versions, branch words).`,
    `If ${keys.length === 1 ? "it is your Jira project key" : "one is your Jira project key"}, list your keys in \`.github/shipshape.yml\`: \`tickets.providers: [{ jira: { keys: [${keys.join(", ")}] } }]\`; then only those keys count.`,
  ];
}

/** The ticket's title as a link to it: the title is the ticket system's user text, the URL is built by Shipshape. */
function ticketLink(lookup: { title: string; url: string }): string {
  return /^https?:\/\//.test(lookup.url) ? `[${escapeMarkdown(lookup.title)}](<${lookup.url.replace(/[<>\s]/g, encodeURIComponent)}>)` : escapeMarkdown(lookup.title);
}

function otherLines(judged: JudgedReference[]): string[] {
  const rejected = judged.flatMap(({ ref, verdict }) => (verdict.state === "rejected" ? [{ ref, verdict }] : []));
  if (rejected.length === 0) return [];
  return [
    "",
    "Not counted (`tickets.verify`):",
    ...rejected.map(({ ref, verdict }) => {
      const found = verdict.lookup?.kind === "found" || verdict.lookup?.kind === "pull-request" ? verdict.lookup : undefined;
      const title = found?.title && found.url ? ` ${ticketLink({ title: found.title, url: found.url })}${found.kind === "found" ? " is" : ","}` : "";
      return `- ${escapeMarkdown(ref.id)} (${PROVIDER_LABELS[ref.provider]}) in the ${ref.where}:${title} ${escapeMarkdown(verdict.why)}`;
    }),
  ];
}

function describeRejected(judged: JudgedReference[]): string {
  const rejected = judged.flatMap(({ ref, verdict }) => {
    if (verdict.state !== "rejected") return [];
    if (verdict.lookup?.kind === "found") return [`${ref.id} is ${verdict.lookup.status}`];
    return [verdict.lookup?.kind === "pull-request" ? `${ref.id} is a pull request` : `${ref.id} does not exist`];
  });
  const unique = [...new Set(rejected)];
  return unique.slice(0, 2).join("; ") + (unique.length > 2 ? ` and ${unique.length - 2} more` : "");
}

function searchedLine(searched: Searched): string {
  const parts = searched.sources.flatMap((source) => {
    if (source === "branch") return [`the branch ${code(searched.branch)}`];
    if (source === "commits") return searched.commits === undefined ? [] : [`${searched.commits} commit message${searched.commits === 1 ? "" : "s"}`];
    return [source === "body" ? "the description" : "the title"];
  });
  if (searched.linked) parts.push("the issues linked in GitHub's Development sidebar");
  return `Searched: ${parts.join(", ")}.`;
}

function howToExempt(tickets: TicketConfig): string {
  const label = tickets.exempt.labels[0];
  const viaLabel = label ? `add the label ${code(label)}, or ` : "";
  return `No ticket for this one? ${viaLabel}someone with write access can comment \`/shipshape skip ticket <reason>\`.`;
}
