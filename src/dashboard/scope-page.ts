import { doraBadgesHtml } from "./charts/dora-badges.js";
import { hygieneFlowSvg, hygieneSharesSvg } from "./charts/hygiene-bars.js";
import { phaseBarsSvg } from "./charts/phase-bars.js";
import { sizeBarsSvg } from "./charts/size-bars.js";
import { rangeFormHtml } from "./date-range.js";
import { definitionsHtml } from "./definitions.js";
import { scopeName, type HygieneFigure, type ScopeFigures, type WaitingPullRequest } from "../reporting/figures.js";
import { formatDuration } from "../reporting/format.js";
import { escapeHtml } from "./escape-html.js";
import { freshnessHtml } from "./freshness.js";
import { layout, type Viewer } from "./layout.js";
import { exportLinksHtml, pullsPath, rangeQuery, scopePath } from "./links.js";
import { pullRequestUrl } from "../lib/pull-request-url.js";

/** `/dashboard/:owner` and `/dashboard/:owner/:repo`: every chart of one scope over the chosen range. */
export function scopePage(params: { figures: ScopeFigures; now: Date; viewer: Viewer; githubWebUrl?: string }): string {
  const { figures, now } = params;
  // PR links: each repository's stored `html_url`, else GitHub's configured web address (ADR 0074).
  const host = params.githubWebUrl ?? "https://github.com";
  const { scope } = figures;
  const name = scopeName(scope);
  const action = scopePath(scope);
  const crumbs = [{ href: "/dashboard", label: "All" }, { href: scopePath({ owner: scope.owner }), label: scope.owner }];
  if (scope.repo) crumbs.push({ href: action, label: scope.repo });
  if (scope.team !== undefined) crumbs.push({ href: action, label: `team ${scope.team}` });
  const merged = figures.weeks.reduce((sum, w) => sum + w.count, 0);
  const range = rangeQuery(figures.range);
  const drill = (filter: { week?: string; phase?: string }) =>
    `${pullsPath(scope)}?${range}${filter.week ? `&week=${filter.week}` : ""}${filter.phase ? `&phase=${filter.phase}` : ""}`;
  const body = `<h1>${escapeHtml(name)}</h1>
${rangeFormHtml({ action, range: figures.range, now })}
${freshnessHtml(figures.freshness, now)}
${teamsHtml(figures)}
<div class="grid">
<section class="card wide" id="cycle"><h2>Cycle time per week <small>(<a href="${escapeHtml(`${pullsPath(scope)}?${range}`)}">${merged} merged PRs</a>)</small></h2>${phaseBarsSvg(figures.weeks, drill)}<p class="hint">Click a bar to see that week's PRs, a phase to see the PRs that spent longest in it.</p>${definitionsHtml("cycle")}</section>
<section class="card wide" id="dora"><h2>DORA keys</h2>${doraBadgesHtml(figures.dora)}${definitionsHtml("dora")}</section>
<section class="card" id="waiting"><h2>Waiting longest for review</h2>${waitingTable(figures.waiting, now, !scope.repo, host)}${staleNote(figures.waitingStale)}${definitionsHtml("waiting")}</section>
<section class="card" id="size"><h2>PR size</h2>${sizeBarsSvg(figures.sizes)}${definitionsHtml("size")}</section>
<section class="card" id="hygiene"><h2>Hygiene: passing share</h2>${hygieneSharesSvg(figures.hygiene)}${missedList(figures.hygiene, !scope.repo, host)}${definitionsHtml("hygiene")}</section>
<section class="card" id="hygiene-flow"><h2>Hygiene x flow: cycle time</h2>${hygieneFlowSvg(figures.hygiene)}${definitionsHtml("hygiene")}</section>
</div>
${exportLinksHtml(scope, figures.range)}`;
  return layout({ title: name, crumbs, viewer: params.viewer, body });
}

/** An organisation's teams, each linked to its page; a team's page says whose PRs it shows. */
function teamsHtml(figures: ScopeFigures): string {
  const { scope, range } = figures;
  if (scope.team !== undefined) return `<p class="muted team-note">PRs of the team's members and of its repositories; DORA keys and waiting PRs of the repositories it worked in.</p>`;
  if (figures.teams.length === 0) return "";
  const links = figures.teams.map((team) => `<a href="${escapeHtml(`${scopePath({ owner: scope.owner, team })}?${rangeQuery(range)}`)}" data-team="${escapeHtml(team)}">${escapeHtml(team)}</a>`);
  return `<p class="teams">Teams: ${links.join(" · ")}</p>`;
}

function staleNote(stale: number): string {
  return stale === 0 ? "" : `<p class="muted stale" data-stale="${stale}">${stale} more ${stale === 1 ? "PR waits" : "PRs wait"} for review with no activity within the cut-off (stale, not listed).</p>`;
}

function missedList(hygiene: HygieneFigure[], showRepo: boolean, host: string): string {
  const rows = hygiene
    .filter((h) => h.missed.length > 0)
    .map((h) => {
      const links = h.missed.map((pr) => `<a href="${escapeHtml(pullRequestUrl(pr, host))}">${escapeHtml(showRepo ? `${pr.repo}#${pr.number}` : `#${pr.number}`)}</a>`);
      return `<li data-check="${h.check}">${h.check}: ${links.join(" ")}${h.failed > h.missed.length ? " …" : ""}</li>`;
    });
  return rows.length === 0 ? "" : `<p class="missed-title">Latest misses</p><ul class="missed">${rows.join("")}</ul>`;
}

function waitingTable(waiting: WaitingPullRequest[], now: Date, showRepo: boolean, host: string): string {
  if (waiting.length === 0) return `<p class="empty">Nothing active is waiting for review.</p>`;
  const rows = waiting
    .map((pr) => {
      const waited = now.getTime() - Date.parse(pr.readyAt);
      const label = showRepo ? `${pr.repo}#${pr.number}` : `#${pr.number}`;
      const title = pr.title ? ` ${escapeHtml(pr.title)}` : "";
      return `<tr data-pr="${escapeHtml(`${pr.repo}#${pr.number}`)}" data-value="${waited}"><td><a href="${escapeHtml(pullRequestUrl(pr, host))}">${escapeHtml(label)}</a>${title}</td><td>${escapeHtml(pr.author)}</td><td class="num">${formatDuration(waited)}</td></tr>`;
    })
    .join("");
  return `<div class="table-wrap"><table id="waiting-table"><thead><tr><th>Pull request</th><th>Author</th><th class="num">Waiting</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}
