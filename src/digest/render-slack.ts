import type { DigestContent } from "./digest-lines.js";

/** A Slack incoming-webhook body: Block Kit `blocks` plus `text`, the notification fallback. */
export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

const mrkdwn = (text: string) => ({ type: "mrkdwn", text: cut(text, 2000) });

/** Slack Block Kit: header, the headline, phase and DORA fields (at most 10 each), waiting PRs, hygiene. */
export function renderSlack(content: DigestContent): SlackMessage {
  const waiting = content.waiting.length === 0 ? "Nothing is waiting for review." : content.waiting.map((w) => `• <${w.url}|${escape(w.label)}> ${escape(w.detail)}`).join("\n");
  const blocks = [
    { type: "header", text: { type: "plain_text", text: cut(content.title, 150), emoji: false } },
    { type: "section", text: mrkdwn(`*Cycle time.* ${escape(content.headline)}`) },
    { type: "section", fields: content.phases.slice(0, 10).map((p) => mrkdwn(`*${escape(p.label)}*\n${escape(p.value)}`)) },
    { type: "section", text: mrkdwn("*DORA keys*"), fields: content.dora.slice(0, 10).map((d) => mrkdwn(`*${escape(d.label)}*\n${escape(d.value)}`)) },
    { type: "divider" },
    { type: "section", text: mrkdwn(`*Waiting longest for review*\n${waiting}`) },
    { type: "section", text: mrkdwn(`*Hygiene.* ${escape(content.hygiene)}`) },
    { type: "context", elements: [mrkdwn(escape(content.footer))] },
  ];
  return { text: `${content.title}: ${content.headline}`, blocks };
}

/** Slack's three control characters in mrkdwn. */
function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
