const DAY = 86_400_000;

/** How often a window deployed, read as DevLake reads it (ADR 0041): days with a deployment, not deployments. */
export interface DeployDays {
  /** UTC days of the window with at least one successful production deployment. */
  days: number;
  /** Median over the window's weeks of the days deployed in each (lower median, as DevLake's `percent_rank() <= 0.5`). */
  medianPerWeek: number;
  /** The same over 30-day months. */
  medianPerMonth: number;
}

/**
 * Splits [from, to) into periods of `length` days counted back from `to` (the most recent weeks
 * are whole; a remainder at the start joins the oldest period, a window shorter than one period
 * is one period), counts the distinct UTC days deployed in each, scaled to `length` days, and
 * takes the lower median.
 */
function medianDaysPer(days: ReadonlySet<number>, window: { from: number; to: number }, length: number): number {
  const firstDay = Math.floor(window.from / DAY);
  const endDay = Math.ceil(window.to / DAY);
  const total = Math.max(1, endDay - firstDay);
  const periods = Math.max(1, Math.floor(total / length));
  const counts: number[] = [];
  for (let i = 0; i < periods; i++) {
    const end = endDay - i * length;
    const start = i === periods - 1 ? firstDay : end - length;
    let deployed = 0;
    for (const day of days) if (day >= start && day < end) deployed += 1;
    counts.push((deployed * length) / Math.max(1, end - start));
  }
  counts.sort((a, b) => a - b);
  return counts[Math.floor((counts.length - 1) / 2)] ?? 0;
}

/** The deploy days of a window from its successful production deployments' success times. */
export function deployDays(successTimes: readonly number[], window: { from: number; to: number }): DeployDays {
  const days = new Set(successTimes.filter((at) => at >= window.from && at < window.to).map((at) => Math.floor(at / DAY)));
  return { days: days.size, medianPerWeek: medianDaysPer(days, window, 7), medianPerMonth: medianDaysPer(days, window, 30) };
}
