const DAY = 86_400_000;
const MINUTE = 60_000;

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A team's working week: `metrics.working_hours` of `.github/shipshape.yml`, validated. */
export interface WorkingHours {
  /** An IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  days: readonly Weekday[];
  /** Minutes after local midnight, `start < end` (no shift spans midnight). */
  startMinute: number;
  endMinute: number;
}

/** The week used by `hours=working` where a repository sets none: Monday to Friday, 09:00-17:00 UTC. */
export const DEFAULT_WORKING_HOURS: WorkingHours = { timeZone: "UTC", days: ["mon", "tue", "wed", "thu", "fri"], startMinute: 9 * 60, endMinute: 17 * 60 };

/** Working milliseconds between two instants (epoch ms); 0 when `to <= from`. */
export type WorkingSpan = (from: number, to: number) => number;

/**
 * The working time between two instants under `hours`, read in its time zone with `Intl`, so a
 * day on which the clocks change keeps its local 09:00-17:00 (it is 8 hours of work, never 7 or 9).
 * The local day's window is worked out once per day and kept for the life of the returned function
 * (one report), so 100,000 PRs cost arithmetic, not 100,000 time-zone lookups.
 */
export function workingSpan(hours: WorkingHours): WorkingSpan {
  const format = new Intl.DateTimeFormat("en-US", { timeZone: hours.timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  const workDays = new Set(hours.days.map((day) => WEEKDAYS.indexOf(day) + 1));
  const windows = new Map<number, readonly [number, number] | null>();
  /** The wall clock of `instant` in the zone, as if it were UTC (epoch ms). */
  const wallClock = (instant: number): number => {
    const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  };
  /** The instant at which the zone's clocks show `wall` (epoch ms as if UTC); in a spring-forward gap, the instant the gap ends. */
  const instantOf = (wall: number): number => {
    const first = wall - (wallClock(wall) - wall);
    const offset = wallClock(first) - first;
    const second = wall - offset;
    return wallClock(second) === wall ? second : Math.max(first, second);
  };
  const windowOf = (localDay: number) => {
    if (!windows.has(localDay)) {
      const weekday = ((new Date(localDay * DAY).getUTCDay() + 6) % 7) + 1;
      windows.set(localDay, workDays.has(weekday) ? [instantOf(localDay * DAY + hours.startMinute * MINUTE), instantOf(localDay * DAY + hours.endMinute * MINUTE)] : null);
    }
    return windows.get(localDay)!;
  };
  return (from, to) => {
    if (!(to > from)) return 0;
    let total = 0;
    const last = Math.floor(wallClock(to) / DAY);
    for (let day = Math.floor(wallClock(from) / DAY); day <= last; day++) {
      const window = windowOf(day);
      if (window) total += Math.max(0, Math.min(to, window[1]) - Math.max(from, window[0]));
    }
    return total;
  };
}

/** `hours` from the config's `"09:00-17:30"` form; undefined when it is not one. */
export function parseHourRange(text: string): { startMinute: number; endMinute: number } | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) return undefined;
  const startMinute = Number(match[1]) * 60 + Number(match[2]);
  const endMinute = Number(match[3]) * 60 + Number(match[4]);
  return startMinute < endMinute && endMinute <= 24 * 60 ? { startMinute, endMinute } : undefined;
}
