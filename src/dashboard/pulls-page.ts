import { PHASES, STAGE_PHASES, type Phase } from "../metrics/definitions.js";
import { CHECKS, CHECK_KEYS } from "../model/checks.js";
import { SIZE_LABELS } from "../reporting/figures-from-rows.js";
import { scopeName, type DateRange, type PullListItem, type Scope } from "../reporting/figures.js";
import { formatDuration, formatMoment, isoDate } from "../reporting/format.js";
import { HYGIENE_FILTERS, type PullFilters } from "../reporting/pull-list.js";
import { definitionsHtml } from "./definitions.js";
import { escapeHtml } from "./escape-html.js";
import { layout, type Viewer } from "./layout.js";
import { exportLinksHtml, pullsPath, rangeQuery, scopePath } from "./links.js";
import { pullRequestUrl } from "../lib/pull-request-url.js";

const DAY = 86_400_000;
const OUTCOME_WORD: Record<string, string> = { success: "passed", failure: "failed", neutral: "failed", skipped: "skipped", pending: "pending" };

/** `/dashboard/:owner[/:repo]/pulls`: the merged PRs of the range with their phases, filtered by a plain GET form. */
export function pullsPage(params: {
  scope: Scope;
  range: DateRange;
  filters: PullFilters;
  list: { shown: PullListItem[]; total: number; authors: string[] };
  /** GitHub's web address (`GHE_PROTOCOL://GHE_HOST`): PR links when no `html_url` was stored. */
  githubWebUrl: string;
  now: Date;
  viewer: Viewer;
}): string {
  const { scope, range, filters, list, now } = params;
  const name = scopeName(scope);
  const crumbs = [{ href: "/dashboard", label: "All" }, { href: scopePath({ owner: scope.owner }), label: scope.owner }];
  if (scope.repo) crumbs.push({ href: scopePath(scope), label: scope.repo });
  crumbs.push({ href: pullsPath(scope), label: "pull requests" });
  const showRepo = !scope.repo;
  const sortPhase = filters.phase;
  const phaseHead = PHASES.map((p) => `<th class="num${p === sortPhase ? " sorted" : ""}">${p}</th>`).join("");
  const rows = list.shown
    .map((pr) => {
      const label = showRepo ? `${pr.repo}#${pr.number}` : `#${pr.number}`;
      const phases = PHASES.map((p) => `<td class="num${p === sortPhase ? " sorted" : ""}" data-phase="${p}" data-value="${pr.phases[p] ?? ""}">${formatDuration(pr.phases[p])}</td>`).join("");
      const hygiene = CHECK_KEYS.map((check) => {
        const outcome = pr.hygiene[check];
        const word = outcome === null ? "—" : (OUTCOME_WORD[outcome] ?? outcome);
        return `<span class="outcome outcome-${escapeHtml(word)}" data-check="${check}" data-outcome="${escapeHtml(outcome ?? "")}">${check} ${escapeHtml(word)}</span>`;
      }).join(" ");
      return (
        `<tr data-pr="${escapeHtml(`${pr.repo}#${pr.number}`)}" data-author="${escapeHtml(pr.author ?? "")}" data-size="${pr.size ?? ""}">` +
        `<td><a href="${escapeHtml(pullRequestUrl(pr, params.githubWebUrl))}">${escapeHtml(label)}</a> ${escapeHtml(pr.title ?? "")}</td>` +
        `<td>${escapeHtml(pr.author ?? "unknown")}</td><td><time datetime="${pr.mergedAt}">${formatMoment(new Date(pr.mergedAt), now)}</time></td>${phases}` +
        `<td class="num" title="${pr.lines ?? ""} lines">${pr.size ?? "—"}</td><td class="hygiene">${hygiene}</td></tr>`
      );
    })
    .join("");
  const table = rows
    ? `<div class="table-wrap"><table id="pulls-table"><thead><tr><th>Pull request</th><th>Author</th><th>Merged</th>${phaseHead}<th class="num">Size</th><th>Hygiene</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : `<p class="empty">No merged pull request matches these filters in this range.</p>`;
  const count = `<p class="count" data-total="${list.total}">${list.total === list.shown.length ? `${list.total} pull requests` : `Showing ${list.shown.length} of ${list.total} pull requests; narrow the filters or export the range for all of them`}${sortPhase ? `, longest ${sortPhase} first` : ", newest merge first"}.</p>`;
  const body = `<h1>${escapeHtml(name)}: merged pull requests</h1>
${filterForm(params)}
<section class="card" id="pulls">${count}${table}${exportLinksHtml(scope, range)}${definitionsHtml("pulls")}</section>`;
  return layout({ title: `${name} pull requests`, crumbs, viewer: params.viewer, body });
}

function filterForm(params: { scope: Scope; range: DateRange; filters: PullFilters; list: { authors: string[] } }): string {
  const { filters } = params;
  const select = (nameAttr: string, label: string, values: readonly string[], selected: string | undefined, any = "any") =>
    `<label>${label}<select name="${nameAttr}"><option value="">${any}</option>${values.map((v) => `<option value="${escapeHtml(v)}"${v === selected ? " selected" : ""}>${escapeHtml(v)}</option>`).join("")}</select></label>`;
  const authors = filters.author && !params.list.authors.includes(filters.author) ? [...params.list.authors, filters.author] : params.list.authors;
  const week = filters.week
    ? `<input type="hidden" name="week" value="${filters.week}"><span class="chip" data-week="${filters.week}">week of ${new Date(`${filters.week}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })} <a href="${escapeHtml(clearWeekHref(params))}" aria-label="Show every week">×</a></span>`
    : "";
  return `<form class="range filters" method="get" action="${escapeHtml(pullsPath(params.scope))}">
<label>From<input type="date" name="from" value="${isoDate(params.range.from)}" required></label>
<label>To<input type="date" name="to" value="${isoDate(new Date(params.range.to.getTime() - DAY))}" required></label>
${select("author", "Author", authors, filters.author)}
${select("size", "Size", SIZE_LABELS, filters.size)}
${CHECK_KEYS.map((check) => select(check, CHECKS[check].label, HYGIENE_FILTERS, filters.hygiene[check])).join("\n")}
${select("phase", "Sort by", [...STAGE_PHASES, "cycle"] satisfies Phase[], filters.phase, "newest merge")}
${week}<button class="primary" type="submit">Filter</button> <a href="${escapeHtml(`${pullsPath(params.scope)}?${rangeQuery(params.range)}`)}">Clear filters</a></form>`;
}

function clearWeekHref(params: { scope: Scope; range: DateRange; filters: PullFilters }): string {
  const query = new URLSearchParams(rangeQuery(params.range));
  const { filters } = params;
  if (filters.author) query.set("author", filters.author);
  if (filters.size) query.set("size", filters.size);
  for (const [check, value] of Object.entries(filters.hygiene)) query.set(check, value);
  if (filters.phase) query.set("phase", filters.phase);
  return `${pullsPath(params.scope)}?${query.toString()}`;
}
