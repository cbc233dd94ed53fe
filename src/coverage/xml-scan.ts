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
      const top = stack[stack.length - 1];
      // The usual case, </name> closing the open element, compares without allocating a string.
      const closing = top !== undefined && gt === lt + 2 + top.length && text.startsWith(top, lt + 2) ? top : text.slice(lt + 2, gt).trim();
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
      const element = internName(text, lt + 1, nameEnd);
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

// Element names seen lately: a report repeats a handful of names millions of times, and reusing
// the string spares an allocation per element.
const recentNames: string[] = [];

function internName(text: string, start: number, end: number): string {
  const length = end - start;
  for (const known of recentNames) if (known.length === length && text.startsWith(known, start)) return known;
  const name = text.slice(start, end);
  if (recentNames.length >= 16) recentNames.pop();
  recentNames.unshift(name);
  return name;
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
  const n = findAttribute(text, key);
  if (n < 0) return undefined;
  const raw = text.slice(valueStarts[n], valueEnds[n]);
  return raw.includes("&") ? decodeEntities(raw) : raw;
}

function findAttribute(text: string, key: string): number {
  for (let n = 0; n < attributeCount; n++) {
    const nameStart = nameStarts[n] as number;
    if ((nameEnds[n] as number) - nameStart === key.length && text.startsWith(key, nameStart)) return n;
  }
  return -1;
}

/** The attribute as a non-negative integer (read in place, no string made), or `fallback`. */
export function intAttr(text: string, _start: number, _end: number, key: string, fallback = 0): number {
  const n = findAttribute(text, key);
  if (n < 0) return fallback;
  let i = valueStarts[n] as number;
  const end = valueEnds[n] as number;
  while (text.charCodeAt(i) === 32) i++;
  let value = 0;
  const from = i;
  for (let code = text.charCodeAt(i); i < end && code >= 48 && code <= 57; code = text.charCodeAt(++i)) value = value * 10 + code - 48;
  return i === from ? fallback : value;
}

/** True when the attribute is exactly `expected` (compared in place). */
export function attrIs(text: string, key: string, expected: string): boolean {
  const n = findAttribute(text, key);
  if (n < 0) return false;
  const start = valueStarts[n] as number;
  return (valueEnds[n] as number) - start === expected.length && text.startsWith(expected, start);
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
