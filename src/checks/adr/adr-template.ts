import type { AdrStyle } from "../../model/adr-style.js";

/** The layout an existing ADR follows, read from its text. */
export function adrStyle(text: string): AdrStyle {
  const head = text.slice(0, 20_000);
  if (/^---\r?\n(?:[^\n]*\r?\n){0,20}?status:/i.test(head)) return "madr";
  if (/^#{2,3} +(?:Context and Problem Statement|Decision Outcome|Considered Options)\b/im.test(head)) return "madr";
  if (/^# *\d+\. +\S/m.test(head)) return "adr-tools";
  return "nygard";
}

/** A short ADR to copy: title, status, context, decision, consequences, in the directory's layout. */
export function adrTemplate(params: { style: AdrStyle; title: string; number: number }): string {
  const { style, title, number } = params;
  if (style === "madr") {
    return [
      "---",
      "status: proposed",
      "---",
      "",
      `# ${title}`,
      "",
      "## Context and Problem Statement",
      "",
      "What problem does this change solve, and what forces are at play?",
      "",
      "## Decision Outcome",
      "",
      'Chosen option: "…", because …',
      "",
      "### Consequences",
      "",
      "* Good, because …",
      "* Bad, because …",
    ].join("\n");
  }
  return [
    style === "adr-tools" ? `# ${number}. ${title}` : `# ${title}`,
    "",
    "## Status",
    "",
    "Proposed",
    "",
    "## Context",
    "",
    "What problem does this change solve, and what forces are at play?",
    "",
    "## Decision",
    "",
    "What we will do, in full sentences: \"We will …\".",
    "",
    "## Consequences",
    "",
    "What becomes easier, what becomes harder, and what we will have to watch.",
  ].join("\n");
}
