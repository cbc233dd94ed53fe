import type { RuleResult } from "../../model/checks.js";
import type { Exemption } from "./is-exempt.js";
import { enabledProviders } from "./providers/index.js";
import type { TicketConfig } from "./ticket-config.js";
import type { IssueKind, TicketReference } from "../../model/ticket-references.js";
import { code, escapeMarkdown } from "../../lib/markdown-text.js";

interface Searched {
  sources: readonly string[];
  /** How many commit messages were read; undefined when none were. */
  commits: number | undefined;
  branch: string;
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

export function passResult(params: { accepted: TicketReference[]; rejected: TicketReference[]; verdicts: Record<string, IssueKind>; searched: Searched }): RuleResult {
  const { accepted, rejected, verdicts, searched } = params;
  const ids = [...new Set(accepted.map((ref) => ref.id))];
  const shown = ids.slice(0, 3).join(", ") + (ids.length > 3 ? ` and ${ids.length - 3} more` : "");
  return {
    outcome: "pass",
    title: `Linked to ${shown}`,
    summary: [
      `This PR links ${ids.length === 1 ? "a ticket" : `${ids.length} tickets`}, so reviewers and release notes can trace why it exists.`,
      "",
      ...accepted.map(line),
      ...rejectedLines(rejected, verdicts),
      "",
      searchedLine(searched),
    ].join("\n"),
  };
}

export function failResult(params: {
  rejected: TicketReference[];
  verdicts: Record<string, IssueKind>;
  searched: Searched;
  tickets: TicketConfig;
  /** Keys written like tickets whose project key is on the non-ticket list (`ES-123`). */
  denied?: readonly string[];
}): RuleResult {
  const { rejected, verdicts, searched, tickets, denied = [] } = params;
  const providers = enabledProviders(tickets.providers);
  const target = tickets.sources.includes("title") ? "the title" : tickets.sources.includes("branch") ? "the branch name" : tickets.sources.includes("body") ? "the description" : "a commit message";
  return {
    outcome: "fail",
    title:
      denied[0] === undefined
        ? `Add a ticket reference to ${target}, e.g. ${providers[0]?.example ?? "ENG-123"}`
        : `Add a ticket reference to ${target}, or list ${denied[0].slice(0, denied[0].lastIndexOf("-"))} in jira.keys if ${denied[0]} is one`,
    summary: [
      "This repository asks every pull request to link the ticket it belongs to, and none was found.",
      ...deniedLines(denied),
      ...rejectedLines(rejected, verdicts),
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

function line(ref: TicketReference): string {
  return `- ${escapeMarkdown(ref.id)} (${PROVIDER_LABELS[ref.provider]}) in the ${ref.where}`;
}

function deniedLines(denied: readonly string[]): string[] {
  if (denied.length === 0) return [];
  const keys = [...new Set(denied.map((id) => id.slice(0, id.lastIndexOf("-"))))];
  return [
    "",
    `Not counted: ${denied.map((id) => code(id)).join(", ")}. ${keys.map((key) => code(key)).join(", ")} ${keys.length === 1 ? "is" : "are"} on Shipshape's list of common non-tickets (standards, versions, branch words).`,
    `If ${keys.length === 1 ? "it is your Jira project key" : "one is your Jira project key"}, list your keys in \`.github/shipshape.yml\`: \`tickets.providers: [{ jira: { keys: [${keys.join(", ")}] } }]\`; then only those keys count.`,
  ];
}

function rejectedLines(rejected: TicketReference[], verdicts: Record<string, IssueKind>): string[] {
  if (rejected.length === 0) return [];
  return [
    "",
    "Not counted (`verify: true`):",
    ...rejected.map((ref) => `- ${escapeMarkdown(ref.id)} in the ${ref.where}: ${verdicts[ref.id] === "pull-request" ? "a pull request, not an issue" : "no such issue (or Shipshape cannot see its repository)"}`),
  ];
}

function searchedLine(searched: Searched): string {
  const parts = searched.sources.flatMap((source) => {
    if (source === "branch") return [`the branch ${code(searched.branch)}`];
    if (source === "commits") return searched.commits === undefined ? [] : [`${searched.commits} commit message${searched.commits === 1 ? "" : "s"}`];
    return [source === "body" ? "the description" : "the title"];
  });
  return `Searched: ${parts.join(", ")}.`;
}

function howToExempt(tickets: TicketConfig): string {
  const label = tickets.exempt.labels[0];
  const viaLabel = label ? `add the label ${code(label)}, or ` : "";
  return `No ticket for this one? ${viaLabel}someone with write access can comment \`/shipshape skip ticket <reason>\`.`;
}
