import type { DateRange } from "../reporting/figures.js";
import { isoDate } from "../reporting/format.js";
import { escapeHtml } from "./escape-html.js";

const DAY = 86_400_000;
const MAX_DAYS = 731;

/** The range a page shows: `from` and `to` (inclusive days, UTC) from the query, else the last `defaultDays`. */
export function parseRange(query: URLSearchParams, now: Date, defaultDays: number): { range: DateRange } | { error: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const toText = query.get("to");
  const fromText = query.get("from");
  const to = toText ? parseDay(toText) : today;
  if (to === null) return { error: `"to" must be a date like 2024-06-30, not "${toText}"` };
  const from = fromText ? parseDay(fromText) : to - (defaultDays - 1) * DAY;
  if (from === null) return { error: `"from" must be a date like 2024-06-01, not "${fromText}"` };
  if (from > to) return { error: `"from" (${isoDate(new Date(from))}) is after "to" (${isoDate(new Date(to))})` };
  if ((to - from) / DAY + 1 > MAX_DAYS) return { error: `a range spans at most ${MAX_DAYS} days` };
  return { range: { from: new Date(from), to: new Date(to + DAY) } };
}

function parseDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || isoDate(new Date(ms)) !== text ? null : ms;
}

/** The plain GET form that picks the range, with presets: no script needed. */
export function rangeFormHtml(params: { action: string; range: DateRange; now: Date }): string {
  const from = isoDate(params.range.from);
  const to = isoDate(new Date(params.range.to.getTime() - DAY));
  const presets = [30, 90, 180, 365]
    .map((days) => {
      const start = isoDate(new Date(Date.parse(`${isoDate(params.now)}T00:00:00Z`) - (days - 1) * DAY));
      return `<a href="${escapeHtml(`${params.action}?from=${start}&to=${isoDate(params.now)}`)}">${days} days</a>`;
    })
    .join("");
  return `<form class="range" method="get" action="${escapeHtml(params.action)}">
<label>From<input type="date" name="from" value="${from}" required></label>
<label>To<input type="date" name="to" value="${to}" required></label>
<button class="primary" type="submit">Show</button>
<span class="presets">Last ${presets}</span></form>`;
}
