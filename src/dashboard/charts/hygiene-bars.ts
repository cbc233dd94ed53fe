import type { HygieneFigure } from "../../reporting/figures.js";
import { formatDuration, formatPercent } from "../../reporting/format.js";
import { escapeHtml } from "../escape-html.js";
import { durationUnit, n, niceScale } from "./scale.js";

const WIDTH = 360;
const ROW = 34;
const LEFT = 78;
const RIGHT = 48;

/** Share of judged PRs that passed each check. Each bar: `data-check`, `data-value` (0..1), `data-passed`, `data-failed`. */
export function hygieneSharesSvg(figures: HygieneFigure[]): string {
  const height = figures.length * ROW + 8;
  const plot = WIDTH - LEFT - RIGHT;
  const rows = figures
    .map((f, i) => {
      const judged = f.passed + f.failed;
      const share = judged === 0 ? null : f.passed / judged;
      const y = 4 + i * ROW;
      const width = share === null ? 0 : share * plot;
      return (
        `<text x="${LEFT - 8}" y="${y + 19}" class="axis" text-anchor="end">${f.check}</text>` +
        `<rect class="track" x="${LEFT}" y="${y + 6}" width="${plot}" height="18"/>` +
        `<rect class="bar pass" x="${LEFT}" y="${y + 6}" width="${n(width)}" height="18" data-check="${f.check}" data-value="${share ?? ""}" data-passed="${f.passed}" data-failed="${f.failed}"><title>${escapeHtml(`${f.check}: ${f.passed} of ${judged} PRs passed`)}</title></rect>` +
        `<text x="${WIDTH - RIGHT + 6}" y="${y + 19}" class="axis">${formatPercent(share)}</text>`
      );
    })
    .join("");
  return `<svg class="chart" id="hygiene-chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Share of pull requests passing each check">${rows}</svg>`;
}

/**
 * Hygiene x flow: median cycle time of the PRs that passed each check beside those that failed it.
 * Each bar: `data-check`, `data-outcome` (passed|failed), `data-value` (milliseconds), `data-count`.
 */
export function hygieneFlowSvg(figures: HygieneFigure[]): string {
  const values = figures.flatMap((f) => [f.passedCycleMedian ?? 0, f.failedCycleMedian ?? 0]);
  const unit = durationUnit(Math.max(0, ...values));
  const scale = niceScale(Math.max(0, ...values), unit.ms);
  const height = figures.length * (ROW + 14) + 8;
  const plot = WIDTH - LEFT - RIGHT;
  const rows = figures
    .map((f, i) => {
      const y = 4 + i * (ROW + 14);
      const bar = (outcome: "passed" | "failed", value: number | null, count: number, dy: number) =>
        `<rect class="bar ${outcome === "passed" ? "pass" : "fail"}" x="${LEFT}" y="${y + dy}" width="${n(((value ?? 0) / scale.max) * plot)}" height="14" data-check="${f.check}" data-outcome="${outcome}" data-value="${value ?? ""}" data-count="${count}"><title>${escapeHtml(`${f.check} ${outcome}: median cycle ${formatDuration(value)} over ${count} PRs`)}</title></rect>` +
        `<text x="${n(LEFT + ((value ?? 0) / scale.max) * plot + 4)}" y="${y + dy + 11}" class="axis small">${formatDuration(value)}</text>`;
      return `<text x="${LEFT - 8}" y="${y + 22}" class="axis" text-anchor="end">${f.check}</text>` + bar("passed", f.passedCycleMedian, f.passed, 4) + bar("failed", f.failedCycleMedian, f.failed, 22);
    })
    .join("");
  return `<svg class="chart" id="hygiene-flow-chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Median cycle time of pull requests that passed or failed each check">${rows}</svg><ul class="legend"><li><span class="swatch pass"></span>passed</li><li><span class="swatch fail"></span>failed</li></ul>`;
}
