import { CoverageParseError } from "./parse-error.js";

export interface XmlHandler {
  /** An element opened; its attributes are `text.slice(start, end)` (read them with `attr`). */
  open(name: string, start: number, end: number, selfClosing: boolean): void;
  /** An element closed; `at` is the index of its `</` (text content ends there). */
  close(name: string, at: number): void;
}

/**
 * A minimal pull scanner for coverage XML: elements and attributes only. It never reads a DTD,
 * never resolves an entity beyond the five predefined ones and character references, and
 * refuses a DOCTYPE with an internal subset, where entity-expansion attacks live. Coverage tools
 * write plain, machine-generated XML, so this is all they need, at hundreds of MB/s.
 */
export function scanXml(text: string, name: string, handler: XmlHandler): string {
  const stack: string[] = [];
  let root = "";
  let pos = 0;
  const length = text.length;
  for (;;) {
    const lt = text.indexOf("<", pos);
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      pos = skipTo(text, "?>", lt, name) + 2;
    } else if (next === 33 /* ! */) {
      if (text.startsWith("<!--", lt)) pos = skipTo(text, "-->", lt, name) + 3;
      else if (text.startsWith("<![CDATA[", lt)) pos = skipTo(text, "]]>", lt, name) + 3;
      else if (text.startsWith("<!DOCTYPE", lt)) {
        const gt = skipTo(text, ">", lt, name);
        const bracket = text.indexOf("[", lt);
        if (bracket >= 0 && bracket < gt) throw new CoverageParseError(name, "XML with an inline DTD (entity declarations) is refused");
        pos = gt + 1;
      } else throw new CoverageParseError(name, `malformed XML markup at byte ${lt}`);
    } else if (next === 47 /* / */) {
      const gt = skipTo(text, ">", lt, name);
      const closing = text.slice(lt + 2, gt).trim();
      const open = stack.pop();
      if (open !== closing) throw new CoverageParseError(name, `malformed XML: </${closing}> closes <${open ?? "nothing"}> at byte ${lt}`);
      handler.close(closing, lt);
      pos = gt + 1;
    } else {
      let nameEnd = lt + 1;
      for (;;) {
        const code = text.charCodeAt(nameEnd);
        if (code === 32 || code === 62 || code === 47 || code === 10 || code === 13 || code === 9 || Number.isNaN(code)) break;
        nameEnd++;
      }
      const element = text.slice(lt + 1, nameEnd);
      const gt = readAttributes(text, nameEnd, name);
      const selfClosing = text.charCodeAt(gt - 1) === 47;
      if (stack.length === 0) {
        if (root !== "") throw new CoverageParseError(name, `malformed XML: a second root element <${element}>`);
        root = element;
      }
      handler.open(element, nameEnd, selfClosing ? gt - 1 : gt, selfClosing);
      if (selfClosing) handler.close(element, gt);
      else stack.push(element);
      pos = gt + 1;
    }
    if (pos > length) break;
  }
  if (root === "") throw new CoverageParseError(name, "not XML: no root element");
  if (stack.length > 0) throw new CoverageParseError(name, `truncated XML: <${stack[stack.length - 1]}> is never closed`);
  return root;
}

function skipTo(text: string, token: string, from: number, name: string): number {
  const at = text.indexOf(token, from);
  if (at < 0) throw new CoverageParseError(name, `truncated XML: markup at byte ${from} never ends`);
  return at;
}

// The attributes of the tag being reported to `open`, as offsets into the text: one pass per tag
// finds them and the real end of the tag (a `>` may appear inside a quoted value).
const nameStarts: number[] = [];
const nameEnds: number[] = [];
const valueStarts: number[] = [];
const valueEnds: number[] = [];
let attributeCount = 0;

function readAttributes(text: string, from: number, name: string): number {
  attributeCount = 0;
  let i = from;
  for (;;) {
    let code = text.charCodeAt(i);
    while (code === 32 || code === 10 || code === 13 || code === 9) code = text.charCodeAt(++i);
    if (code === 62 /* > */) return i;
    if (code === 47 /* / */ && text.charCodeAt(i + 1) === 62) return i + 1;
    if (Number.isNaN(code)) throw new CoverageParseError(name, `truncated XML: a tag at byte ${from} never ends`);
    const eq = text.indexOf("=", i);
    if (eq < 0) throw new CoverageParseError(name, `truncated XML: a tag at byte ${from} never ends`);
    let nameEnd = eq;
    while (text.charCodeAt(nameEnd - 1) === 32) nameEnd--;
    let q = eq + 1;
    while (text.charCodeAt(q) === 32) q++;
    const quote = text.charCodeAt(q);
    if (quote !== 34 && quote !== 39) throw new CoverageParseError(name, `malformed XML attribute at byte ${i}`);
    const close = text.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (close < 0) throw new CoverageParseError(name, `truncated XML: an attribute at byte ${i} never ends`);
    nameStarts[attributeCount] = i;
    nameEnds[attributeCount] = nameEnd;
    valueStarts[attributeCount] = q + 1;
    valueEnds[attributeCount] = close;
    attributeCount++;
    i = close + 1;
  }
}

/**
 * The value of attribute `key` of the element being opened (call it only inside `open`), entity
 * references decoded; undefined when absent. `start`/`end` are accepted for symmetry and ignored.
 */
export function attr(text: string, _start: number, _end: number, key: string): string | undefined {
  for (let n = 0; n < attributeCount; n++) {
    const nameStart = nameStarts[n] as number;
    if ((nameEnds[n] as number) - nameStart !== key.length || !text.startsWith(key, nameStart)) continue;
    const raw = text.slice(valueStarts[n], valueEnds[n]);
    return raw.includes("&") ? decodeEntities(raw) : raw;
  }
  return undefined;
}

/** The attribute as a non-negative integer, or `fallback`. */
export function intAttr(text: string, start: number, end: number, key: string, fallback = 0): number {
  const value = attr(text, start, end, key);
  if (value === undefined) return fallback;
  const parsed = Number.parseInt(value, 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else is left as written. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return safeCodePoint(Number.parseInt(ref.slice(2), 16), whole);
    if (ref.startsWith("#")) return safeCodePoint(Number.parseInt(ref.slice(1), 10), whole);
    return PREDEFINED[ref] ?? whole;
  });
}

function safeCodePoint(code: number, whole: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}
