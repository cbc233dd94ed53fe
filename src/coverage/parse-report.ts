import type { CoverageReport, FileCoverage, ReportFormat, ReportPrefixes } from "../model/coverage-report.js";
import { mergeBranches } from "./model.js";
import { normalisePath } from "./normalise-path.js";
import { parseClover } from "./parse-clover.js";
import { parseCobertura } from "./parse-cobertura.js";
import { CoverageParseError } from "./parse-error.js";
import { parseGoProfile } from "./parse-go.js";
import { parseIstanbul, parseIstanbulSummary } from "./parse-istanbul.js";
import { looksLikeLcov, parseLcov } from "./parse-lcov.js";
import { parseJacoco } from "./parse-jacoco.js";

export const SUPPORTED_FORMATS = "LCOV, Cobertura XML, JaCoCo XML, Clover XML, Istanbul JSON (coverage-final.json or coverage-summary.json) or a Go cover profile";

/** Parses the bytes of a report already known to be in one format; `name` goes into its errors. */
type Parser = (bytes: Buffer, name: string) => CoverageReport;

// One parser per format, chosen by `detectFormat` alone: the content is sniffed in one place.
// LCOV is scanned as bytes; the others as latin1 text (one char a byte, the cheapest decode).
const PARSERS: Record<ReportFormat, Parser> = {
  lcov: (bytes, name) => parseLcov(bytes, name),
  cobertura: (bytes, name) => parseCobertura(bytes.toString("latin1"), name),
  jacoco: (bytes, name) => parseJacoco(bytes.toString("latin1"), name),
  clover: (bytes, name) => parseClover(bytes.toString("latin1"), name),
  istanbul: (bytes, name) => parseIstanbul(jsonObject(bytes, name), name),
  "istanbul-summary": (bytes, name) => parseIstanbulSummary(jsonObject(bytes, name), name),
  go: (bytes, name) => parseGoProfile(bytes.toString("latin1"), name),
};

/** The format of a report from its first bytes, or null when it does not look like one. */
export function detectFormat(bytes: Buffer): ReportFormat | null {
  const head = headOf(bytes);
  if (head.startsWith("<")) {
    const root = xmlRoot(head);
    if (root.element === "report") return "jacoco";
    // Clover's root is <coverage clover="…"> (or generated= with a <project> child); Cobertura's has line-rate.
    if (root.element === "coverage") return /\sclover=/.test(root.attributes) || /<project[\s>]/.test(head) ? "clover" : "cobertura";
    return null;
  }
  if (head.startsWith("{")) return /"total"\s*:\s*\{\s*"lines"/.test(head) ? "istanbul-summary" : "istanbul";
  if (head.startsWith("mode:")) return "go";
  return looksLikeLcov(head) ? "lcov" : null;
}

/**
 * Parses one report, its format detected from its content (never its name), with every path
 * normalised and, with `prefixes` (a monorepo component's), its package-relative paths prefixed.
 * Throws `CoverageParseError` naming `name` when the bytes are not a report.
 */
export function parseReport(bytes: Buffer, name: string, prefixes?: ReportPrefixes): CoverageReport {
  if (bytes.length === 0) throw new CoverageParseError(name, `empty file; expected ${SUPPORTED_FORMATS}`);
  // A UTF-8 byte-order mark, as Windows tools write it.
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const format = detectFormat(body);
  if (format === null) throw notAReport(headOf(body), name);
  return normalised(PARSERS[format](body, name), prefixes);
}

/** The first 4 KB as latin1 text, without a byte-order mark or leading blanks: enough to tell the format. */
function headOf(bytes: Buffer): string {
  return bytes.subarray(0, 4096).toString("latin1").replace(/^\u00ef\u00bb\u00bf/, "").trimStart();
}

function xmlRoot(head: string): { element: string | undefined; attributes: string } {
  const root = /<([A-Za-z_][\w.-]*)((?:\s[^>]*)?)>/.exec(head.replace(/<[?!][^>]*>/g, ""));
  return { element: root?.[1], attributes: root?.[2] ?? "" };
}

function notAReport(head: string, name: string): CoverageParseError {
  if (head.startsWith("<")) return new CoverageParseError(name, `XML with root <${xmlRoot(head).element ?? "?"}> is not a coverage report; expected ${SUPPORTED_FORMATS}`);
  return new CoverageParseError(name, `not a coverage report; expected ${SUPPORTED_FORMATS}`);
}

function jsonObject(bytes: Buffer, name: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new CoverageParseError(name, `invalid JSON (${(error as Error).message})`);
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new CoverageParseError(name, "JSON that is not an Istanbul coverage object");
  return json as Record<string, unknown>;
}

function normalised(report: CoverageReport, prefixes: ReportPrefixes | undefined): CoverageReport {
  const files = new Map<string, FileCoverage>();
  for (const file of report.files.values()) {
    const prefix = (file.module === undefined ? undefined : prefixes?.modules?.get(file.module)) ?? prefixes?.prefix;
    const path = prefix === undefined ? normalisePath(file.path) : prefixed(file.path, prefix);
    const existing = files.get(path);
    if (existing) {
      // Two spellings of one file (./a.ts and a.ts), or one path in two unprefixed modules: merge their lines.
      existing.hits.addAll(file.hits);
      mergeBranches(existing, file);
    } else {
      // The parser's own objects, renamed in place: a copy of each file cost a sixth of an LCOV
      // parse. The module is read while parsing only; stored files do not carry it.
      file.path = path;
      if (file.module !== undefined) delete file.module;
      files.set(path, file);
    }
  }
  return { files, formats: report.formats };
}

/**
 * A component's prefix in front of a package-relative path (`index.js` -> `packages/web/index.js`).
 * Absolute paths (a runner's checkout root is stripped, which makes them repo-relative already) and
 * paths that already start with the prefix are left as they are.
 */
function prefixed(raw: string, prefix: string): string {
  const path = normalisePath(raw);
  const slashed = raw.trim().replace(/\\/g, "/");
  if (slashed.startsWith("/") || slashed.startsWith("file://") || /^[A-Za-z]:\//.test(slashed)) return path;
  const folder = `${prefix.replace(/\/+$/, "")}/`;
  return path.startsWith(folder) ? path : normalisePath(folder + path);
}
