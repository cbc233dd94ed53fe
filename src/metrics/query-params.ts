import { BUCKETS, type Bucket } from "./bucket.js";
import { GROUP_BY, isGroupBy, type GroupBy } from "./group-by.js";

const DAY = 86_400_000;

export type ParsedParams =
  | { ok: true; from: number; to: number; bucket: Bucket; groupBy: GroupBy | undefined; includeBots: boolean }
  | { ok: false; reason: string };

/**
 * Validates `from`, `to` (ISO-8601 dates or times, UTC; default: the 30 days up to now),
 * `bucket` (day|week|month, default week), `group_by` (a check key: ticket|adr|coverage, or size, or team) and `include_bots`.
 */
export function parseQueryParams(query: URLSearchParams, now: Date): ParsedParams {
  const to = parseTime(query.get("to"), now.getTime());
  if (to === undefined) return { ok: false, reason: `to: "${query.get("to")}" is not an ISO-8601 date or time (e.g. 2024-06-30 or 2024-06-30T12:00:00Z)` };
  const from = parseTime(query.get("from"), to - 30 * DAY);
  if (from === undefined) return { ok: false, reason: `from: "${query.get("from")}" is not an ISO-8601 date or time (e.g. 2024-06-01 or 2024-06-01T00:00:00Z)` };
  if (from >= to) return { ok: false, reason: "from must be before to" };
  const bucket = query.get("bucket") ?? "week";
  if (!(BUCKETS as readonly string[]).includes(bucket)) return { ok: false, reason: `bucket: "${bucket}" is not one of day, week, month` };
  const groupBy = query.get("group_by") ?? undefined;
  if (groupBy !== undefined && !isGroupBy(groupBy)) return { ok: false, reason: `group_by: "${groupBy}" is not one of ${GROUP_BY.join(", ")}` };
  const bots = query.get("include_bots") ?? "false";
  if (bots !== "true" && bots !== "false") return { ok: false, reason: `include_bots: "${bots}" is not true or false` };
  return { ok: true, from, to, bucket: bucket as Bucket, groupBy, includeBots: bots === "true" };
}

/** A date alone means midnight UTC; a time without a zone is read as UTC. */
function parseTime(text: string | null, fallback: number): number | undefined {
  if (text === null || text === "") return fallback;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
  const withZone = /T|\s/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text;
  const time = Date.parse(withZone);
  return Number.isNaN(time) ? undefined : time;
}
