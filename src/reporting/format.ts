import type { DoraFigure } from "./figures.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3d 4h", "5h 20m", "12m", "—" for nothing: two units at most, for a glance. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  if (ms < MINUTE) return ms <= 0 ? "0m" : "<1m";
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.round((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 && minutes < 60 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
}

export function formatPercent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return "—";
  return `${Math.round(share * 100)}%`;
}

/** Deployments per day, shown per day when at least daily, else per week. */
export function formatRate(perDay: number | null): string {
  if (perDay === null || !Number.isFinite(perDay)) return "—";
  if (perDay >= 1) return `${round1(perDay)}/day`;
  return `${round1(perDay * 7)}/week`;
}

export function formatDoraValue(figure: Pick<DoraFigure, "key" | "value">): string {
  if (figure.key === "deployment_frequency") return formatRate(figure.value);
  if (figure.key === "change_failure_rate") return formatPercent(figure.value);
  return formatDuration(figure.value);
}

export interface Trend {
  /** Relative change from previous to current, e.g. -0.25 for 25% less; null without both. */
  change: number | null;
  /** Whether the change is an improvement for this figure. */
  better: boolean | null;
  /** "▲ 25%", "▼ 10%", "= 0%", or "" when there is nothing to compare with. */
  label: string;
}

/** How a figure moved; `higherIsBetter` for deployment frequency, lower for durations and failures. */
export function trend(current: number | null, previous: number | null, higherIsBetter = false): Trend {
  if (current === null || previous === null || previous === 0) return { change: null, better: null, label: "" };
  const change = (current - previous) / previous;
  const rounded = Math.round(change * 100);
  if (rounded === 0) return { change, better: null, label: "= 0%" };
  const better = higherIsBetter ? change > 0 : change < 0;
  return { change, better, label: `${change > 0 ? "▲" : "▼"} ${Math.abs(rounded)}%` };
}

function round1(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** ISO date (YYYY-MM-DD) of a moment, UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2 Dec 14:02 UTC" (the year added when it is not `now`'s): a moment as people read it. */
export function formatMoment(at: Date, now: Date): string {
  const time = `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;
  return `${formatDay(at, now)} ${time} UTC`;
}

/** "2 Dec" (the year added when it is not `now`'s): a UTC day as people read it. */
export function formatDay(at: Date, now: Date): string {
  const year = at.getUTCFullYear() === now.getUTCFullYear() ? "" : ` ${at.getUTCFullYear()}`;
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]}${year}`;
}

/**
 * `trend` of two durations, "same" when both print the same: "▼ 1% vs 3d 22h" beside a
 * figure that also reads 3d 22h says the opposite of what the reader sees.
 */
export function durationTrend(current: number | null, previous: number | null): Trend & { same: boolean } {
  const same = current !== null && previous !== null && formatDuration(current) === formatDuration(previous);
  return same ? { change: null, better: null, label: "same", same } : { ...trend(current, previous), same };
}

/** "3h ago", "2d 4h ago", "just now": how long before `now`. */
export function formatAgo(at: Date, now: Date): string {
  const ms = now.getTime() - at.getTime();
  return ms < 60_000 ? "just now" : `${formatDuration(ms)} ago`;
}
