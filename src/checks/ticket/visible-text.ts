/**
 * The text of a Markdown body as GitHub shows it, for finding references (ADR 0014): HTML
 * comments, code (fenced, indented, spans, `<code>`/`<pre>`) and quotations (`>` block quotes
 * with their lazy continuation lines, `<blockquote>`) are removed, since GitHub links nothing
 * there and PR templates keep their examples there. Line-based and linear in the input; where
 * it cannot tell, it keeps the text (a reference it keeps is shown; one it drops would block a PR).
 */
export function visibleText(markdown: string): string {
  const withoutHtml = removeHtmlElements(removeHtmlComments(markdown));
  const kept = removeCodeAndQuoteBlocks(withoutHtml);
  return kept.split(/\n[ \t]*\n/).map(removeCodeSpans).join("\n\n");
}

/** `<!-- ... -->`; one left open hides the rest, as GitHub's renderer does for an HTML block. */
function removeHtmlComments(text: string): string {
  let out = "";
  let from = 0;
  for (;;) {
    const open = text.indexOf("<!--", from);
    if (open < 0) return out + text.slice(from);
    out += `${text.slice(from, open)} `;
    const close = text.indexOf("-->", open + 4);
    if (close < 0) return out;
    from = close + 3;
  }
}

// Tag names are short, so `[^>]{0,200}` bounds each attempt; no nested quantifiers.
const ELEMENT_TAG = /<(\/?)(blockquote|pre|code)(?=[\s>/])[^>]{0,200}>/gi;

/** `<code>`, `<pre>` and `<blockquote>` elements (Dependabot quotes release notes this way), nested or not. */
function removeHtmlElements(text: string): string {
  let out = "";
  let from = 0;
  let depth = 0;
  for (const m of text.matchAll(ELEMENT_TAG)) {
    const closing = m[1] === "/";
    if (depth === 0 && !closing) out += `${text.slice(from, m.index)} `;
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth === 0) from = m.index + m[0].length;
  }
  return depth === 0 ? out + text.slice(from) : out;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const QUOTE = /^ {0,3}>/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)/;
const INDENTED = /^(?: {4}|\t| {0,3}\t)/;
const BLANK = /^[ \t]*$/;
// Lines that end a block quote's lazy continuation: another block starts.
const BLOCK_START = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|[-*_](?:[ \t]*[-*_]){2,}[ \t]*$|<)/;

/** Fenced and indented code blocks and `>` block quotes, line by line. */
function removeCodeAndQuoteBlocks(text: string): string {
  const out: string[] = [];
  let fence: { char: string; length: number } | null = null;
  let quote = false;
  let indentedCode = false;
  let list = false;
  let previousBlank = true;
  for (const line of text.split(/\r?\n/)) {
    const blank = BLANK.test(line);
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = null;
      out.push("");
      continue;
    }
    if (indentedCode && (blank || INDENTED.test(line))) {
      out.push("");
      continue;
    }
    indentedCode = false;
    const open = FENCE_OPEN.exec(line);
    if (open?.[1] && !(open[1][0] === "`" && (open[2] ?? "").includes("`"))) {
      fence = { char: open[1][0] ?? "`", length: open[1].length };
      quote = false;
      previousBlank = false;
      out.push("");
      continue;
    }
    if (QUOTE.test(line)) {
      quote = true;
      previousBlank = false;
      out.push("");
      continue;
    }
    if (blank) {
      quote = false;
      previousBlank = true;
      out.push("");
      continue;
    }
    if (quote && !BLOCK_START.test(line) && !LIST_ITEM.test(line)) {
      out.push(""); // a lazy continuation line belongs to the quote
      continue;
    }
    quote = false;
    if (INDENTED.test(line) && previousBlank && !list) {
      indentedCode = true;
      out.push("");
      continue;
    }
    if (LIST_ITEM.test(line)) list = true;
    else if (previousBlank && !INDENTED.test(line)) list = false;
    previousBlank = false;
    out.push(line);
  }
  return out.join("\n");
}

/**
 * Code spans: a run of N backticks up to the next run of exactly N. Each run length keeps its own
 * pointer into the runs found, so the scan stays linear however many runs go unmatched.
 */
function removeCodeSpans(paragraph: string): string {
  if (!paragraph.includes("`")) return paragraph;
  const runs: Array<{ start: number; length: number }> = [];
  for (const m of paragraph.matchAll(/`+/g)) runs.push({ start: m.index, length: m[0].length });
  const byLength = new Map<number, number[]>();
  runs.forEach((run, index) => {
    const list = byLength.get(run.length) ?? [];
    list.push(index);
    byLength.set(run.length, list);
  });
  const next = new Map<number, number>();
  let out = "";
  let from = 0;
  let index = 0;
  while (index < runs.length) {
    const run = runs[index];
    if (!run) break;
    const same = byLength.get(run.length) ?? [];
    let pointer = next.get(run.length) ?? 0;
    while (pointer < same.length && (same[pointer] ?? 0) <= index) pointer += 1;
    next.set(run.length, pointer);
    const closing = same[pointer];
    if (closing === undefined) {
      index += 1;
      continue;
    }
    const end = runs[closing];
    if (!end) break;
    out += `${paragraph.slice(from, run.start)} `;
    from = end.start + end.length;
    index = closing + 1;
  }
  return out + paragraph.slice(from);
}
