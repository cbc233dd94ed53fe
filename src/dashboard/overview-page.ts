import { sparklineSvg } from "./charts/sparkline.js";
import { rangeFormHtml } from "./date-range.js";
import { definitionsHtml } from "./definitions.js";
import type { DateRange, DoraFigure, OverviewRow } from "../reporting/figures.js";
import { DORA_TITLES } from "../reporting/dora-titles.js";
import { formatAgo, formatDoraValue, formatDuration, formatMoment, trend } from "../reporting/format.js";
import { escapeHtml } from "./escape-html.js";
import { backfillHtml } from "./freshness.js";
import { layout, type Viewer } from "./layout.js";
import { exportLinksHtml, pullsPath, scopePath } from "./links.js";

const SHORT: Record<DoraFigure["key"], string> = { deployment_frequency: "Deploys", lead_time: "Lead", change_failure_rate: "CFR", time_to_restore: "Restore", failed_deployment_recovery_time: "Recovery" };

/** `/dashboard`: every repository, the one that needs attention most first (ADR 0054). */
export function overviewPage(params: { rows: OverviewRow[]; range: DateRange; now: Date; viewer: Viewer }): string {
  const { now } = params;
  const rows = params.rows.map((r) => {
    const name = `${r.scope.owner}/${r.scope.repo}`;
    const t = trend(r.cycleMedian, r.previousCycleMedian);
    const trendClass = t.better === null ? "flat" : t.better ? "better" : "worse";
    const dora = r.dora
      .map((d) => `<span class="band band-${d.band ?? "none"}" data-key="${d.key}" data-band="${d.band ?? ""}" title="${escapeHtml(`${DORA_TITLES[d.key]}: ${formatDoraValue(d)} (${d.band ?? "no data"})`)}">${SHORT[d.key]} ${escapeHtml(formatDoraValue(d))}</span>`)
      .join(" ");
    const waiting = r.waiting.active > 0 ? `<a href="${escapeHtml(`${scopePath(r.scope)}#waiting`)}">${r.waiting.active}</a>` : "0";
    const stale = r.waiting.stale > 0 ? ` <small class="muted">+${r.waiting.stale} stale</small>` : "";
    const updated = r.lastUpdatedAt ? `<time datetime="${r.lastUpdatedAt}" title="${formatMoment(new Date(r.lastUpdatedAt), now)}">${formatAgo(new Date(r.lastUpdatedAt), now)}</time>` : "never";
    const backfill = r.backfill && r.backfill.state !== "done" ? `<div class="row-note">${backfillHtml(r.backfill, now)}</div>` : "";
    const reasons = r.reasons.length > 0 ? r.reasons.map((reason) => `<span class="reason">${escapeHtml(reason)}</span>`).join(" ") : `<span class="muted">nothing stands out</span>`;
    return (
      `<tr data-scope="${escapeHtml(name)}" data-attention="${r.attention}" data-count="${r.count}" data-value="${r.cycleMedian ?? ""}" data-waiting="${r.waiting.active}" data-stale="${r.waiting.stale}">` +
      `<td class="repo-name"><a href="${escapeHtml(scopePath(r.scope))}">${escapeHtml(name)}</a>${backfill}</td>` +
      `<td class="reasons" data-label="Needs attention">${reasons}</td>` +
      `<td class="num" data-label="Merged"><a href="${escapeHtml(pullsPath(r.scope))}">${r.count}</a></td>` +
      `<td class="num" data-label="Cycle time">${formatDuration(r.cycleMedian)} <span class="trend ${trendClass}">${t.label}</span></td>` +
      `<td data-label="12 weeks">${sparklineSvg(r.sparkline, `Median cycle time of ${name}, last 12 weeks`)}</td>` +
      `<td class="dora-cell" data-label="DORA keys">${dora}</td>` +
      `<td class="num" data-label="Waiting for review">${waiting}${stale}</td>` +
      `<td data-label="Updated">${updated}</td></tr>`
    );
  });
  const owners = [...new Set(params.rows.map((r) => r.scope.owner))];
  const orgs = owners
    .map((owner) => `<li><a href="${escapeHtml(scopePath({ owner }))}">${escapeHtml(owner)}</a> <small>(organisation)</small> ${exportLinksHtml({ owner }, params.range)}</li>`)
    .join("");
  const table = rows.length
    ? `<div class="table-wrap"><table id="scopes"><thead><tr><th>Repository</th><th>Needs attention</th><th class="num">Merged</th><th class="num">Cycle time</th><th>12 weeks</th><th>DORA keys</th><th class="num">Waiting for review</th><th>Updated</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`
    : `<p class="empty">Shipshape has no repositories yet. Install the app on a repository, or run <code>shipshape backfill owner/repo</code>.</p>`;
  const body = `<h1>Delivery overview</h1>${rangeFormHtml({ action: "/dashboard", range: params.range, now })}
<section class="card" id="repositories"><h2>Repositories, most in need of attention first</h2>${table}${orgs ? `<ul class="orgs">${orgs}</ul>` : ""}${definitionsHtml("overview")}</section>`;
  return layout({ title: "Overview", viewer: params.viewer, body });
}
