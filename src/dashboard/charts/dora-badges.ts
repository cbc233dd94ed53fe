import type { DoraFigure } from "../../reporting/figures.js";
import { DORA_TITLES } from "../../reporting/dora-titles.js";
import { formatDoraValue, trend } from "../../reporting/format.js";
import { escapeHtml } from "../escape-html.js";

/** One card per DORA key: value, band badge, and the change against the window before. */
export function doraBadgesHtml(figures: DoraFigure[]): string {
  const cards = figures.map((f) => {
    const t = trend(f.value, f.previous, f.key === "deployment_frequency");
    const trendClass = t.better === null ? "flat" : t.better ? "better" : "worse";
    const band = f.band ?? "none";
    return (
      `<div class="dora" data-key="${f.key}" data-value="${f.value ?? ""}" data-band="${f.band ?? ""}" data-previous="${f.previous ?? ""}">` +
      `<div class="dora-title">${DORA_TITLES[f.key]}</div>` +
      `<div class="dora-value">${escapeHtml(formatDoraValue(f))}</div>` +
      `<span class="band band-${band}">${f.band ?? "no data"}</span>` +
      (t.label ? ` <span class="trend ${trendClass}" title="against the window before: ${escapeHtml(formatDoraValue({ key: f.key, value: f.previous }))}">${t.label}</span>` : "") +
      `</div>`
    );
  });
  return `<div class="dora-grid">${cards.join("")}</div>`;
}
