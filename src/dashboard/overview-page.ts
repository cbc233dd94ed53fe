import { rangeFormHtml } from "./date-range.js";
import { definitionsHtml } from "./definitions.js";
import { scopeName, type DateRange, type ScopeSummary } from "../reporting/figures.js";
import { formatDuration, trend } from "../reporting/format.js";
import { escapeHtml } from "./escape-html.js";
import { layout, type Viewer } from "./layout.js";

/** `/dashboard`: every organisation and repository with merged PRs, with cycle time and its trend. */
export function overviewPage(params: { summaries: ScopeSummary[]; range: DateRange; now: Date; viewer: Viewer }): string {
  const rows = [...params.summaries]
    .sort((a, b) => scopeName(a.scope).localeCompare(scopeName(b.scope)))
    .map((s) => {
      const name = scopeName(s.scope);
      const t = trend(s.cycleMedian, s.previousCycleMedian);
      const trendClass = t.better === null ? "flat" : t.better ? "better" : "worse";
      const href = `/dashboard/${s.scope.repo ? `${encodeURIComponent(s.scope.owner)}/${encodeURIComponent(s.scope.repo)}` : encodeURIComponent(s.scope.owner)}`;
      const indent = s.scope.repo ? ` style="padding-left:1.5rem"` : "";
      return `<tr data-scope="${escapeHtml(name)}" data-count="${s.count}" data-value="${s.cycleMedian ?? ""}"><td${indent}><a href="${escapeHtml(href)}">${escapeHtml(s.scope.repo ?? s.scope.owner)}</a>${s.scope.repo ? "" : " <small>(organisation)</small>"}</td><td class="num">${s.count}</td><td class="num">${formatDuration(s.cycleMedian)}</td><td class="num"><span class="trend ${trendClass}">${t.label || "—"}</span></td></tr>`;
    })
    .join("");
  const table = rows
    ? `<div class="table-wrap"><table id="scopes"><thead><tr><th>Organisation / repository</th><th class="num">Merged PRs</th><th class="num">Median cycle time</th><th class="num">vs window before</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : `<p class="empty">Shipshape has no merged pull requests in this range yet. Install the app on a repository, or run <code>shipshape backfill owner/repo</code>.</p>`;
  const body = `<h1>Delivery overview</h1>${rangeFormHtml({ action: "/dashboard", range: params.range, now: params.now })}<section class="card">${table}${definitionsHtml("cycle")}</section>`;
  return layout({ title: "Overview", viewer: params.viewer, body });
}
