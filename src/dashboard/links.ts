import type { DateRange, Scope } from "../reporting/figures.js";
import { isoDate } from "../reporting/format.js";
import { escapeHtml } from "./escape-html.js";

const DAY = 86_400_000;

/** `/dashboard/acme`, `/dashboard/acme/api` or `/dashboard/acme/teams/payments`, each name percent-encoded. */
export function scopePath(scope: Scope): string {
  if (scope.team !== undefined) return `/dashboard/${encodeURIComponent(scope.owner)}/teams/${encodeURIComponent(scope.team)}`;
  return scope.repo ? `/dashboard/${encodeURIComponent(scope.owner)}/${encodeURIComponent(scope.repo)}` : `/dashboard/${encodeURIComponent(scope.owner)}`;
}

/** The PR list of a scope: `/dashboard/acme/api/pulls`, `/dashboard/acme/pulls`. */
export function pullsPath(scope: Scope): string {
  return `${scopePath(scope)}/pulls`;
}

/** `from=…&to=…` of a range as the pages' forms write it (`to` is the last day shown). */
export function rangeQuery(range: DateRange): string {
  return `from=${isoDate(range.from)}&to=${isoDate(new Date(range.to.getTime() - DAY))}`;
}

/** The exports of a scope: the API's reports, served under the dashboard so the browser's session opens them. */
export function exportLinks(scope: Scope, range: DateRange): { report: string; format: "csv" | "json"; href: string }[] {
  const reports = scope.repo || scope.team !== undefined ? ["pulls", "cycle-time", "dora"] : ["cycle-time", "dora"];
  return reports.flatMap((report) => (["csv", "json"] as const).map((format) => ({ report, format, href: `${scopePath(scope)}/export/${report}.${format}?${rangeQuery(range)}` })));
}

/** "Export: pulls CSV · JSON, cycle-time CSV · JSON…", and the API address BI tools read. */
export function exportLinksHtml(scope: Scope, range: DateRange): string {
  const links = exportLinks(scope, range);
  const byReport = [...new Set(links.map((l) => l.report))].map((report) => {
    const formats = links.filter((l) => l.report === report).map((l) => `<a href="${escapeHtml(l.href)}" data-export="${report}.${l.format}" download>${l.format.toUpperCase()}</a>`);
    return `<span class="export">${report} ${formats.join(" · ")}</span>`;
  });
  const api = scope.repo
    ? `/api/v1/repos/${encodeURIComponent(scope.owner)}/${encodeURIComponent(scope.repo)}/…`
    : `/api/v1/orgs/${encodeURIComponent(scope.owner)}/${scope.team === undefined ? "" : `teams/${encodeURIComponent(scope.team)}/`}…`;
  return `<p class="exports">Export this range: ${byReport.join(" ")} <small>(BI tools: <code>${escapeHtml(api)}</code> with the bearer token)</small></p>`;
}
