import type { DigestContent } from "./digest-lines.js";

/** A Teams incoming-webhook body: one Adaptive Card in the `message` + `attachments` envelope. */
export interface TeamsMessage {
  type: "message";
  attachments: { contentType: "application/vnd.microsoft.card.adaptive"; contentUrl: null; content: Record<string, unknown> }[];
}

/** Adaptive Card 1.4 (what Teams webhooks render): TextBlocks and FactSets only. */
export function renderTeams(content: DigestContent): TeamsMessage {
  const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: "TextBlock", text: value, wrap: true, ...extra });
  const heading = (value: string) => text(value, { weight: "Bolder", spacing: "Medium" });
  const facts = (rows: { label: string; value: string }[]) => ({ type: "FactSet", facts: rows.map((r) => ({ title: r.label, value: r.value })) });
  const waiting = content.waiting.length === 0 ? [text("Nothing is waiting for review.")] : content.waiting.map((w) => text(`[${w.label}](${w.url}) ${w.detail}`));
  const card = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    msteams: { width: "Full" },
    body: [
      text(content.title, { size: "Large", weight: "Bolder" }),
      text(content.headline),
      facts(content.phases),
      heading("DORA keys"),
      facts(content.dora),
      heading("Waiting longest for review"),
      ...waiting,
      heading("Hygiene"),
      text(content.hygiene),
      text(content.footer, { isSubtle: true, size: "Small" }),
    ],
  };
  return { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }] };
}
