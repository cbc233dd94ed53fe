import { BUCKETS, type Bucket } from "./bucket.js";
import { GROUP_BY, isGroupBy, type GroupBy } from "./group-by.js";

const DAY = 86_400_000;
const MAX_BUCKETS = 5_000;
const BUCKET_DAYS: Record<Bucket, number> = { day: 1, week: 7, month: 28 };

export type ParsedParams =
  | { ok: true; from: number; to: number; bucket: Bucket; groupBy: GroupBy | undefined; includeBots: boolean }
  | { ok: false; reason: string };

/**
 * Validates `from`, `to` (ISO-8601 dates or times, UTC; default: the 30 days up to now),
 * `bucket` (day|week|month, default week), `group_by` (a check key: ticket|adr|coverage, or size, or team) and `include_bots`.
 */
export function parseQueryParams(query: URLSearchParams, now: Date): ParsedParams {
  const to = parseTime(query.get("to"), now.getTime());
  if (typeof to === "string") return { ok: false, reason: `to: "${query.get("to")}" ${to} (e.g. 2024-06-30 or 2024-06-30T12:00:00Z)` };
  const from = parseTime(query.get("from"), to - 30 * DAY);
  if (typeof from === "string") return { ok: false, reason: `from: "${query.get("from")}" ${from} (e.g. 2024-06-01 or 2024-06-01T00:00:00Z)` };
  if (from >= to) return { ok: false, reason: "from must be before to" };
  const bucket = query.get("bucket") ?? "week";
  if (!(BUCKETS as readonly string[]).includes(bucket)) return { ok: false, reason: `bucket: "${bucket}" is not one of day, week, month` };
  // Every bucket of the range is a row (quiet ones too): a bounded answer.
  const buckets = Math.ceil((to - from) / (BUCKET_DAYS[bucket as Bucket] * DAY));
  if (buckets > MAX_BUCKETS) return { ok: false, reason: `bucket: ${bucket} splits this range into ${buckets.toLocaleString("en")} rows, more than ${MAX_BUCKETS.toLocaleString("en")}: pick a shorter range or a longer bucket` };
  const groupBy = query.get("group_by") ?? undefined;
  if (groupBy !== undefined && !isGroupBy(groupBy)) return { ok: false, reason: `group_by: "${groupBy}" is not one of ${GROUP_BY.join(", ")}` };
  const bots = query.get("include_bots") ?? "false";
  if (bots !== "true" && bots !== "false") return { ok: false, reason: `include_bots: "${bots}" is not true or false` };
  return { ok: true, from, to, bucket: bucket as Bucket, groupBy, includeBots: bots === "true" };
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * A date alone means midnight UTC; a time without a zone is read as UTC. Returns the reason when
 * the text is not a real date or time: `Date.parse` rolls 2026-09-31 over to October 1, so the
 * fields are checked one by one first.
 */
function parseTime(text: string | null, fallback: number): number | string {
  if (text === null || text === "") return fallback;
  const match = TIME.exec(text);
  if (!match) return "is not an ISO-8601 date or time";
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((field) => (field === undefined ? 0 : Number(field))) as [number, number, number, number, number, number];
  if (month < 1 || month > 12) return `is not a real date: there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `is not a real date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  if (hour > 23 || minute > 59 || second > 59) return "is not a real time: hours run 00-23, minutes and seconds 00-59";
  const zone = match[7];
  if (zone !== undefined && !/^(Z|[+-](0\d|1[0-4]):?[0-5]\d)$/.test(zone)) return `is not a real time: the offset ${zone} is out of range`;
  const withZone = match[4] !== undefined && zone === undefined ? `${text}Z` : text;
  const time = Date.parse(withZone.replace(" ", "T"));
  return Number.isNaN(time) ? "is not an ISO-8601 date or time" : time;
}
