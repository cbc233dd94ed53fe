import { STAGE_PHASES, type StagePhase } from "../../metrics/definitions.js";
import type { PhaseWeek } from "../../reporting/figures.js";
import { formatDuration } from "../../reporting/format.js";
import { escapeHtml } from "../escape-html.js";
import { durationUnit, n, niceScale } from "./scale.js";

export const PHASE_COLOURS: Record<StagePhase, string> = { coding: "#4e79a7", pickup: "#f28e2b", review: "#59a14f", deploy: "#9c6ade" };

const WIDTH = 720;
const HEIGHT = 280;
const LEFT = 64;
const BOTTOM = 46;
const TOP = 18;

/**
 * Stacked bars, one per week: the median of each phase, bottom to top in the order work flows.
 * Every segment carries `data-week`, `data-phase` and `data-value` (milliseconds).
 */
export function phaseBarsSvg(weeks: PhaseWeek[], drill?: (filter: { week?: string; phase?: StagePhase }) => string): string {
  if (weeks.every((w) => w.count === 0)) return `<p class="empty">No merged pull requests in this range.</p>`;
  const totals = weeks.map((w) => STAGE_PHASES.reduce((sum, p) => sum + (w.phases[p] ?? 0), 0));
  const unit = durationUnit(Math.max(...totals));
  const scale = niceScale(Math.max(...totals), unit.ms);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (ms: number) => TOP + plotHeight - (ms / scale.max) * plotHeight;
  const slot = (WIDTH - LEFT) / weeks.length;
  const barWidth = Math.min(48, slot * 0.7);
  const labelEvery = Math.ceil(weeks.length / 12);

  const grid = scale.ticks
    .map((t) => `<line x1="${LEFT}" x2="${WIDTH}" y1="${n(y(t))}" y2="${n(y(t))}" class="grid"/><text x="${LEFT - 6}" y="${n(y(t) + 4)}" class="axis" text-anchor="end">${n(t / unit.ms)}${unit.suffix}</text>`)
    .join("");
  const bars = weeks
    .map((week, i) => {
      const x = LEFT + i * slot + (slot - barWidth) / 2;
      let base = 0;
      const segments = STAGE_PHASES.map((phase) => {
        const value = week.phases[phase];
        if (value === null) return "";
        const top = y(base + value);
        const height = y(base) - top;
        base += value;
        const tip = `${week.week} ${phase}: ${formatDuration(value)} (median of ${week.count} PRs)`;
        const rect = `<rect class="seg" x="${n(x)}" y="${n(top)}" width="${n(barWidth)}" height="${n(height)}" fill="${PHASE_COLOURS[phase]}" data-week="${week.week}" data-phase="${phase}" data-value="${value}"><title>${escapeHtml(tip)}</title></rect>`;
        return drill ? `<a href="${escapeHtml(drill({ week: week.week, phase }))}">${rect}</a>` : rect;
      }).join("");
      const text = `<text x="${n(x + barWidth / 2)}" y="${HEIGHT - 10}" class="axis" text-anchor="middle">${shortDate(week.week)}</text>`;
      const label = i % labelEvery !== 0 ? "" : drill && week.count > 0 ? `<a href="${escapeHtml(drill({ week: week.week }))}">${text}</a>` : text;
      return `<g class="week" data-week="${week.week}" data-count="${week.count}" data-cycle="${week.cycle ?? ""}">${segments}${label}</g>`;
    })
    .join("");
  return `<svg class="chart" id="phase-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Median time in each phase per week">${grid}${bars}</svg>${legend(drill)}`;
}

/** The phases' colours; with `drill`, each phase links to the PRs sorted by it. */
function legend(drill?: (filter: { phase?: StagePhase }) => string): string {
  const item = (p: StagePhase) => {
    const text = `<span class="swatch" style="background:${PHASE_COLOURS[p]}"></span>${p}`;
    return `<li>${drill ? `<a href="${escapeHtml(drill({ phase: p }))}" data-phase="${p}">${text}</a>` : text}</li>`;
  };
  return `<ul class="legend">${STAGE_PHASES.map(item).join("")}</ul>`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function shortDate(isoDay: string): string {
  const [, month, day] = isoDay.split("-");
  return `${MONTHS[Number(month) - 1] ?? month} ${Number(day)}`;
}
