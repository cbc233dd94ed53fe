import { bucketStart } from "../metrics/bucket.js";
import { PHASES, type Phase } from "../metrics/definitions.js";
import { CHECK_KEYS, type CheckKey } from "../model/checks.js";
import type { PullListItem } from "./figures.js";
import { SIZE_LABELS } from "./figures-from-rows.js";

/** What a hygiene filter asks for: the check passed (success), failed (failure, neutral), was skipped, or has no outcome. */
export const HYGIENE_FILTERS = ["passed", "failed", "skipped", "none"] as const;
export type HygieneFilter = (typeof HYGIENE_FILTERS)[number];

/** The PR list's filters, from the page's query (`author`, `size`, `ticket|adr|coverage`, `week`, `phase`). */
export interface PullFilters {
  author?: string;
  size?: string;
  hygiene: Partial<Record<CheckKey, HygieneFilter>>;
  /** Monday (UTC) of the week merged, `YYYY-MM-DD`. */
  week?: string;
  /** Sort by this phase, longest first (else newest merge first); PRs without it are left out. */
  phase?: Phase;
}

const SHOWN = 200;

/** Reads the filters; a value that can never match is an error naming what would. */
export function parsePullFilters(query: URLSearchParams): { filters: PullFilters } | { error: string } {
  const filters: PullFilters = { hygiene: {} };
  const author = query.get("author")?.trim();
  if (author) filters.author = author;
  const size = query.get("size");
  if (size) {
    if (!SIZE_LABELS.includes(size)) return { error: `size must be one of ${SIZE_LABELS.join(", ")}, not "${size}"` };
    filters.size = size;
  }
  for (const check of CHECK_KEYS) {
    const value = query.get(check);
    if (!value) continue;
    if (!(HYGIENE_FILTERS as readonly string[]).includes(value)) return { error: `${check} must be one of ${HYGIENE_FILTERS.join(", ")}, not "${value}"` };
    filters.hygiene[check] = value as HygieneFilter;
  }
  const week = query.get("week");
  if (week) {
    const monday = /^\d{4}-\d{2}-\d{2}$/.test(week) ? Date.parse(`${week}T00:00:00Z`) : NaN;
    if (Number.isNaN(monday) || bucketStart(monday, "week") !== monday) return { error: `week must be the Monday a week starts, like 2024-05-20, not "${week}"` };
    filters.week = week;
  }
  const phase = query.get("phase");
  if (phase) {
    if (!(PHASES as readonly string[]).includes(phase)) return { error: `phase must be one of ${PHASES.join(", ")}, not "${phase}"` };
    filters.phase = phase as Phase;
  }
  return { filters };
}

function hygieneMatches(outcome: string | null, wanted: HygieneFilter): boolean {
  if (wanted === "passed") return outcome === "success";
  if (wanted === "failed") return outcome === "failure" || outcome === "neutral";
  if (wanted === "skipped") return outcome === "skipped";
  return outcome === null || outcome === "pending";
}

/** The PRs that match every filter, in the list's order, the first 200 shown; `total` counts every match. */
export function filterPulls(prs: readonly PullListItem[], filters: PullFilters): { shown: PullListItem[]; total: number; authors: string[] } {
  const authors = [...new Set(prs.map((pr) => pr.author).filter((a): a is string => a !== null))].sort((a, b) => a.localeCompare(b));
  const author = filters.author?.toLowerCase();
  const matches = prs.filter(
    (pr) =>
      (author === undefined || pr.author?.toLowerCase() === author) &&
      (filters.size === undefined || pr.size === filters.size) &&
      (filters.week === undefined || new Date(bucketStart(Date.parse(pr.mergedAt), "week")).toISOString().slice(0, 10) === filters.week) &&
      (filters.phase === undefined || pr.phases[filters.phase] !== null) &&
      Object.entries(filters.hygiene).every(([check, wanted]) => hygieneMatches(pr.hygiene[check as CheckKey], wanted)),
  );
  const phase = filters.phase;
  const sorted = phase
    ? [...matches].sort((a, b) => (b.phases[phase] ?? 0) - (a.phases[phase] ?? 0) || b.mergedAt.localeCompare(a.mergedAt))
    : [...matches].sort((a, b) => b.mergedAt.localeCompare(a.mergedAt) || a.number - b.number);
  return { shown: sorted.slice(0, SHOWN), total: matches.length, authors };
}
