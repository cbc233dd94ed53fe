const DAY = 86_400_000;

/** Weekday and UTC time of the weekly digest, from `SHIPSHAPE_DIGEST_SCHEDULE` (e.g. `mon 09:00`). */
export interface DigestSchedule {
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
  hour: number;
  minute: number;
}

/** Monday 00:00 UTC of the week holding `at`. */
export function weekStart(at: Date): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const isoWeekday = ((at.getUTCDay() + 6) % 7) + 1;
  return new Date(day - (isoWeekday - 1) * DAY);
}

/** ISO-8601 week label, e.g. `2024-W23` (the week of its Thursday decides the year). */
export function isoWeek(at: Date): string {
  const thursday = new Date(weekStart(at).getTime() + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(weekStart(new Date(Date.UTC(year, 0, 4))).getTime() + 3 * DAY);
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The last complete week before `now`: what a digest sent at `now` summarises. */
export function digestWeek(now: Date): { from: Date; to: Date; period: string } {
  const to = weekStart(now);
  const from = new Date(to.getTime() - 7 * DAY);
  return { from, to, period: isoWeek(from) };
}

/**
 * The period due at `now`, or null: due from this week's scheduled moment until the week ends,
 * so a process that was down at 09:00 still sends it later that week (once, thanks to the claim).
 */
export function duePeriod(now: Date, schedule: DigestSchedule): string | null {
  const start = weekStart(now).getTime();
  const moment = start + (schedule.weekday - 1) * DAY + schedule.hour * 3_600_000 + schedule.minute * 60_000;
  return now.getTime() >= moment ? digestWeek(now).period : null;
}

/** Monday 00:00 UTC of an ISO week label (`2024-W23`), or null when it is not one. */
export function parseIsoWeek(label: string): Date | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  const monday = new Date(weekStart(new Date(Date.UTC(year, 0, 4))).getTime() + (week - 1) * 7 * DAY);
  return week >= 1 && isoWeek(monday) === label ? monday : null;
}
