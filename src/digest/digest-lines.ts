import { DORA_TITLES } from "../reporting/dora-titles.js";
import { STAGE_PHASES } from "../metrics/definitions.js";
import { scopeName } from "../reporting/figures.js";
import { durationTrend, formatDay, formatDoraValue, formatDuration } from "../reporting/format.js";
import type { Digest } from "./gather-digest.js";
import { pullRequestUrl } from "../lib/pull-request-url.js";

/** The digest's content as plain lines and facts, shared by the Slack, Teams and text renderings. */
export interface DigestContent {
  title: string;
  headline: string;
  phases: { label: string; value: string }[];
  dora: { label: string; value: string }[];
  waiting: { label: string; url: string; detail: string }[];
  hygiene: string;
  footer: string;
}

const MAX_WAITING = 5;

/** Where the digest's links point (ADR 0074): GitHub's web address (`GHE_PROTOCOL://GHE_HOST`) and the dashboard (`SHIPSHAPE_PUBLIC_URL`). */
export interface DigestLinks {
  /** For PRs of repositories with no stored `html_url`; https://github.com when absent. */
  githubWebUrl?: string | undefined;
  publicUrl?: string | undefined;
}

export function digestContent(digest: Digest, now: Date, links: DigestLinks = {}): DigestContent {
  const { week, previous } = digest;
  const name = scopeName(digest.scope);
  const t = durationTrend(week.total.cycle, previous.cycle);
  const compare =
    previous.cycle === null ? "no merged PRs in the 4 weeks before" : t.same ? "the same as over the 4 weeks before" : `${t.label ? `${t.label} ` : ""}vs ${formatDuration(previous.cycle)} over the 4 weeks before`;
  const headline =
    week.total.count === 0
      ? `No pull requests merged in week ${digest.period}.`
      : `Median cycle time ${formatDuration(week.total.cycle)} over ${week.total.count} merged PR${week.total.count === 1 ? "" : "s"} (${compare}).`;
  const phases = STAGE_PHASES.map((phase) => {
    const now = week.total.phases[phase];
    const before = previous.phases[phase];
    const change = durationTrend(now, before).label;
    return { label: capitalise(phase), value: `${formatDuration(now)}${change ? ` (${change})` : ""} · before ${formatDuration(before)}` };
  });
  const dora = week.dora.map((f) => ({ label: DORA_TITLES[f.key], value: `${formatDoraValue(f)}${f.band ? ` · ${f.band}` : ""}` }));
  const waiting = week.waiting.slice(0, MAX_WAITING).map((pr) => ({
    label: `${pr.repo}#${pr.number}`,
    // The stored address of the repository (GitHub Enterprise Server's host and protocol), else the configured one.
    url: pullRequestUrl(pr, links.githubWebUrl ?? "https://github.com"),
    detail: `${pr.title ?? ""} by ${pr.author}, waiting ${formatDuration(now.getTime() - Date.parse(pr.readyAt))}`.trim(),
  }));
  const misses = week.hygiene
    .filter((h) => h.failed > 0)
    .map((h) => `${h.check}: ${h.failed} of ${h.passed + h.failed}${h.missed.length > 0 ? ` (${h.missed.map((pr) => `${pr.repo}#${pr.number}`).join(", ")}${h.failed > h.missed.length ? ", …" : ""})` : ""}`);
  const hygiene = misses.length === 0 ? "No hygiene misses among the PRs merged this week." : `Merged PRs that failed a check: ${misses.join(" · ")}.`;
  const to = new Date(week.range.to.getTime() - 86_400_000);
  return {
    title: `Shipshape weekly: ${name}, ${digest.period}`,
    headline,
    phases,
    dora,
    waiting,
    hygiene,
    footer: `Week of ${formatDay(week.range.from, now)} to ${formatDay(to, now)} (UTC). Medians of merged PRs, bots left out. Definitions and charts: ${links.publicUrl ?? ""}/dashboard/${name}`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
