import type { SizeBucket } from "../../reporting/figures.js";
import { escapeHtml } from "../escape-html.js";
import { n, niceScale } from "./scale.js";

const WIDTH = 360;
const HEIGHT = 200;
const LEFT = 32;
const BOTTOM = 36;
const TOP = 10;

/** Merged PRs per size bucket (lines added + removed). Each bar carries `data-bucket` and `data-value` (PRs). */
export function sizeBarsSvg(buckets: SizeBucket[]): string {
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return `<p class="empty">No merged pull requests in this range.</p>`;
  const scale = niceScale(Math.max(...buckets.map((b) => b.count)), 1, { whole: true });
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (count: number) => TOP + plotHeight - (count / scale.max) * plotHeight;
  const slot = (WIDTH - LEFT) / buckets.length;
  const grid = scale.ticks
    .map((t) => `<line x1="${LEFT}" x2="${WIDTH}" y1="${n(y(t))}" y2="${n(y(t))}" class="grid"/><text x="${LEFT - 6}" y="${n(y(t) + 4)}" class="axis" text-anchor="end">${n(t)}</text>`)
    .join("");
  const bars = buckets
    .map((bucket, i) => {
      const x = LEFT + i * slot + slot * 0.15;
      const range = bucket.max === null ? `${bucket.min}+ lines` : `${bucket.min}–${bucket.max - 1} lines`;
      return (
        `<rect class="bar" x="${n(x)}" y="${n(y(bucket.count))}" width="${n(slot * 0.7)}" height="${n(y(0) - y(bucket.count))}" data-bucket="${escapeHtml(bucket.label)}" data-value="${bucket.count}"><title>${escapeHtml(`${bucket.label} (${range}): ${bucket.count} PRs`)}</title></rect>` +
        `<text x="${n(x + slot * 0.35)}" y="${HEIGHT - 20}" class="axis" text-anchor="middle">${escapeHtml(bucket.label)}</text>` +
        `<text x="${n(x + slot * 0.35)}" y="${HEIGHT - 6}" class="axis small" text-anchor="middle">${bucket.max === null ? `${bucket.min}+` : `<${bucket.max}`}</text>`
      );
    })
    .join("");
  return `<svg class="chart" id="size-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Pull requests by size">${grid}${bars}</svg>`;
}
