import type { AdrStyle } from "../../model/adr-style.js";

/** The layout an existing ADR follows, read from its text. */
export function adrStyle(text: string): AdrStyle {
  const head = text.slice(0, 20_000);
  if (/^\|\s*Metadata\s*\|\s*Value\s*\|/im.test(head)) return "metadata-table";
  if (/^---\r?\n(?:[^\n]*\r?\n){0,20}?status:/i.test(head)) return "madr";
  if (/^#{2,3} +(?:Context and Problem Statement|Decision Outcome|Considered Options)\b/im.test(head)) return "madr";
  if (/^# *\d+\. +\S/m.test(head)) return "adr-tools";
  if (/^# *ADR[- ]?\d+ *: *\S/im.test(head)) return "adr-heading";
  return "nygard";
}

/** A short ADR to copy: title, status, context, decision, consequences, in the directory's layout. */
export function adrTemplate(params: { style: AdrStyle; title: string; number: number | null; digits?: string; date?: string }): string {
  const { style, title, number } = params;
  const date = params.date ?? "YYYY-MM-DD";
  if (style === "madr") {
    return [
      "---",
      "status: proposed",
      `date: ${date}`,
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
  const heading =
    number === null ? `# ${title}` : style === "adr-tools" ? `# ${number}. ${title}` : style === "adr-heading" ? `# ADR ${params.digits ?? String(number)}: ${title}` : `# ${title}`;
  const meta =
    style === "adr-tools"
      ? [`Date: ${date}`, ""]
      : style === "metadata-table"
        ? ["| Metadata | Value |", "|----------|-------|", `| Date     | ${date} |`, "| Author   | @… |", "| Status   | Proposed |", "| Tags     | … |", ""]
        : [];
  return [
    heading,
    "",
    ...meta,
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

/** A template longer than this is cut in the comment (a comment holds 65,536 characters). */
export const MAX_TEMPLATE_CHARS = 8_000;

/**
 * The repository's own template (adr-tools' `templates/template.md`, MADR's `adr-template.md`,
 * log4brains' `template.md`, backstage's `adr000-template.md`) with its placeholders filled: the
 * title, number, date and status; its front matter and headings are kept as they are.
 */
export function fillTemplate(params: { text: string; title: string; number: number | null; digits: string; prefix: string; date: string }): string {
  const { title, date } = params;
  const number = params.number === null ? "" : String(params.number);
  let text = params.text.replace(/\r\n/g, "\n").replace(/^\uFEFF/, "");
  if (text.length > MAX_TEMPLATE_CHARS) text = `${text.slice(0, text.lastIndexOf("\n", MAX_TEMPLATE_CHARS))}\n…`;
  // A template's own number (`adr000`, `ADR-0000`) becomes the new one.
  if (params.digits !== "") text = text.replace(/\b(adr[-_ ]?)0{2,}(?!\d)/gi, (_match, prefix: string) => `${prefix}${params.digits}`);
  const lines = text.split("\n");
  let inFrontMatter = lines[0] === "---";
  let titled = false;
  const filled = lines.map((line, i) => {
    if (i > 0 && inFrontMatter && line === "---") {
      inFrontMatter = false;
      return line;
    }
    if (inFrontMatter) return frontMatterLine(line, { title, date });
    if (!titled && /^# /.test(line)) {
      titled = true;
      return headingLine(line, { title, number });
    }
    const dated = /^(\s*[-*]?\s*\**Date\**\s*:\s*)(.*)$/i.exec(line);
    if (dated && isPlaceholder(dated[2] ?? "")) return `${dated[1] ?? ""}${date}`;
    if (line.trim() === "STATUS") return line.replace("STATUS", "Proposed");
    return line.replace(/\bDATE\b/g, date);
  });
  return filled.join("\n").replace(/\n+$/, "");
}

function frontMatterLine(line: string, values: { title: string; date: string }): string {
  const match = /^(\s*)([A-Za-z_-]+)(\s*:\s*)(.*)$/.exec(line);
  if (!match) return line;
  const [, indent = "", key = "", colon = "", value = ""] = match;
  const k = key.toLowerCase();
  if (k === "status" && isPlaceholder(value)) return `${indent}${key}${colon}proposed`;
  if (k === "date" && isPlaceholder(value)) return `${indent}${key}${colon}${values.date}`;
  if (k === "title") return `${indent}${key}${colon}${replaceTitle(value, values.title)}`;
  return line.replace(/[[{]TITLE[\]}]/g, values.title);
}

/** `# NUMBER. TITLE` (adr-tools), `# {short title …}` (MADR), `# [short title …]` (log4brains). */
function headingLine(line: string, values: { title: string; number: string }): string {
  let heading = line.replace(/\bNUMBER\b/g, values.number);
  const replaced = replaceTitle(heading, values.title);
  if (replaced !== heading) return replaced;
  heading = `# ${values.title}`;
  return heading;
}

function replaceTitle(text: string, title: string): string {
  if (/[[{]TITLE[\]}]/.test(text)) return text.replace(/[[{]TITLE[\]}]/g, title);
  if (/\bTITLE\b/.test(text)) return text.replace(/\bTITLE\b/g, title);
  return text.replace(/\[[^\]\n]*\]|\{[^}\n]*\}/, title);
}

/** A template's value still to fill in: `DATE`, `{YYYY-MM-DD …}`, `[YYYY-MM-DD …]`, `"{proposed | …}"`, empty. */
function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, "");
  return v === "" || /^(?:DATE|STATUS|YYYY-MM-DD)$/.test(v) || /^[[{].*[\]}]/.test(v) || /<!--/.test(v);
}
