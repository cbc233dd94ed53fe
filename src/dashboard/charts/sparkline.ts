import { formatDuration } from "../../reporting/format.js";
import { escapeHtml } from "../escape-html.js";
import { n } from "./scale.js";

const WIDTH = 120;
const HEIGHT = 28;
const PAD = 3;

/**
 * A small line of the median cycle time per week (no axis; its `<title>` and the table say the
 * numbers). Weeks without merged PRs break the line. `data-values` lists the milliseconds, empty for none.
 */
export function sparklineSvg(points: { week: string; cycle: number | null; count: number }[], label: string): string {
  const values = points.map((p) => p.cycle);
  const known = values.filter((v): v is number => v !== null);
  const data = `data-values="${values.map((v) => v ?? "").join(",")}"`;
  if (known.length === 0) return `<svg class="sparkline" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}: no merged PRs" ${data}><line x1="${PAD}" x2="${WIDTH - PAD}" y1="${HEIGHT - PAD}" y2="${HEIGHT - PAD}" class="grid"/></svg>`;
  const max = Math.max(...known);
  const step = (WIDTH - 2 * PAD) / Math.max(1, points.length - 1);
  const x = (i: number) => PAD + i * step;
  const y = (v: number) => HEIGHT - PAD - (max === 0 ? 0 : (v / max) * (HEIGHT - 2 * PAD));
  const runs: string[] = [];
  let run: string[] = [];
  points.forEach((p, i) => {
    if (p.cycle === null) {
      if (run.length) runs.push(run.join(" "));
      run = [];
    } else run.push(`${n(x(i))},${n(y(p.cycle))}`);
  });
  if (run.length) runs.push(run.join(" "));
  const lines = runs.map((r) => (r.includes(" ") ? `<polyline points="${r}" class="spark"/>` : `<circle cx="${r.split(",")[0]}" cy="${r.split(",")[1]}" r="1.6" class="spark-dot"/>`)).join("");
  const lastIndex = values.map((v) => v !== null).lastIndexOf(true);
  const last = values[lastIndex] ?? 0;
  const tip = points.map((p) => `${p.week}: ${formatDuration(p.cycle)} (${p.count} PRs)`).join("\n");
  return `<svg class="sparkline" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}" ${data}><title>${escapeHtml(tip)}</title><line x1="${PAD}" x2="${WIDTH - PAD}" y1="${HEIGHT - PAD}" y2="${HEIGHT - PAD}" class="grid"/>${lines}<circle cx="${n(x(lastIndex))}" cy="${n(y(last))}" r="2.2" class="spark-last"/></svg>`;
}
