import type { Figure } from "./figure.js";

/** A figure that could not be measured in this run, with the reason (never silently left out). */
export function notMeasured(name: string, budget: string, reason: string): Figure {
  return { name, value: Number.NaN, unit: "", budget, ok: false, note: `not measured: ${reason}` };
}

/** The plain-text table `npm run bench` prints: figure, value, budget, baseline, verdict. */
export function formatFigures(figures: readonly Figure[]): string {
  const lines: string[] = [];
  for (const figure of figures) {
    const measured = Number.isNaN(figure.value) ? "—" : `${figure.value} ${figure.unit}`.trim();
    const verdict = Number.isNaN(figure.value) ? "SKIPPED" : figure.ok ? "ok" : "OVER BUDGET";
    lines.push(`${verdict.padEnd(11)} ${figure.name}`);
    lines.push(`            measured ${measured}   budget ${figure.budget}`);
    if (figure.baseline) lines.push(`            baseline ${figure.baseline.value} ${figure.baseline.unit} (${figure.baseline.name})`);
    if (figure.note) lines.push(`            ${figure.note}`);
  }
  const over = figures.filter((figure) => !Number.isNaN(figure.value) && !figure.ok).length;
  const skipped = figures.filter((figure) => Number.isNaN(figure.value)).length;
  lines.push("");
  lines.push(`${figures.length} figures: ${figures.length - over - skipped} within budget, ${over} over budget, ${skipped} not measured`);
  return lines.join("\n");
}
