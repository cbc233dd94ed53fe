/**
 * A "nice" upper bound for an axis (1, 2, 2.5 or 5 times a power of ten of the unit) and its
 * ticks; `whole` keeps every tick a whole number of units (counts of PRs).
 */
export function niceScale(max: number, unit = 1, options: { whole?: boolean } = {}): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: unit, ticks: [0, unit] };
  const raw = options.whole ? Math.max(1, max / unit / 4) : max / unit / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiples = options.whole && power === 1 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = (multiples.map((m) => m * power).find((s) => s >= raw) ?? 10 * power) * unit;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(t);
  return { max: top, ticks };
}

/** Milliseconds per unit of a duration axis: hours up to three days, days beyond. */
export function durationUnit(maxMs: number): { ms: number; suffix: string } {
  return maxMs > 72 * 3_600_000 ? { ms: 86_400_000, suffix: "d" } : { ms: 3_600_000, suffix: "h" };
}

/** A number as an SVG coordinate: short, stable. */
export function n(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
