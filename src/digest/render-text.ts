import type { DigestContent } from "./digest-lines.js";

/** The digest as the CLI prints it. */
export function renderText(content: DigestContent): string {
  const width = Math.max(...[...content.phases, ...content.dora].map((r) => r.label.length));
  const row = (r: { label: string; value: string }) => `  ${r.label.padEnd(width)}  ${r.value}`;
  const waiting = content.waiting.length === 0 ? ["  Nothing is waiting for review."] : content.waiting.map((w) => `  ${w.label}  ${w.detail}`);
  return [content.title, "", content.headline, ...content.phases.map(row), "", "DORA keys", ...content.dora.map(row), "", "Waiting longest for review", ...waiting, "", content.hygiene, "", content.footer].join("\n");
}
