import type { CoverageReport, ReportFormat } from "../model/coverage-report.js";
import { normalisePath } from "./normalise-path.js";
import { parseClover } from "./parse-clover.js";
import { parseCobertura } from "./parse-cobertura.js";
import { CoverageParseError } from "./parse-error.js";
import { parseGoProfile } from "./parse-go.js";
import { parseIstanbul, parseIstanbulSummary } from "./parse-istanbul.js";
import { looksLikeLcov, parseLcov } from "./parse-lcov.js";
import { parseJacoco } from "./parse-jacoco.js";

export const SUPPORTED_FORMATS = "LCOV, Cobertura XML, JaCoCo XML, Clover XML, Istanbul JSON (coverage-final.json or coverage-summary.json) or a Go cover profile";

/** The format of a report from its first bytes, or null when it does not look like one. */
export function detectFormat(bytes: Buffer): ReportFormat | null {
  const head = bytes.subarray(0, 4096).toString("latin1").replace(/^\u00ef\u00bb\u00bf/, "").trimStart();
  if (head.startsWith("<")) {
    const root = /<([A-Za-z_][\w.-]*)((?:\s[^>]*)?)>/.exec(head.replace(/<[?!][^>]*>/g, ""));
    if (root?.[1] === "report") return "jacoco";
    if (root?.[1] === "coverage") return /\sclover=/.test(root[2] ?? "") || /<project[\s>]/.test(head) ? "clover" : "cobertura";
    return null;
  }
  if (head.startsWith("{")) return /"total"\s*:\s*\{\s*"lines"/.test(head) ? "istanbul-summary" : "istanbul";
  if (head.startsWith("mode:")) return "go";
  return looksLikeLcov(head) ? "lcov" : null;
}

/**
 * Parses one report, its format detected from its content (never its name), with every path
 * normalised. Throws `CoverageParseError` naming `name` when the bytes are not a report.
 */
export function parseReport(bytes: Buffer, name: string): CoverageReport {
  if (bytes.length === 0) throw new CoverageParseError(name, `empty file; expected ${SUPPORTED_FORMATS}`);
  // A UTF-8 byte-order mark, as Windows tools write it.
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const head = body.subarray(0, 4096).toString("latin1").trimStart();
  const report = parseByContent(body, head, name);
  return normalised(report);
}

function parseByContent(bytes: Buffer, head: string, name: string): CoverageReport {
  // LCOV is scanned as bytes; the others as latin1 text (one char a byte, the cheapest decode).
  if (looksLikeLcov(head)) return parseLcov(bytes, name);
  const text = bytes.toString("latin1");
  if (head.startsWith("<")) {
    const root = /<([A-Za-z_][\w.-]*)((?:\s[^>]*)?)>/.exec(head.replace(/<[?!][^>]*>/g, ""));
    const element = root?.[1];
    if (element === "report") return parseJacoco(text, name);
    if (element === "coverage") {
      // Clover's root is <coverage clover="…"> (or generated= with a <project> child); Cobertura's has line-rate.
      if (/\sclover=/.test(root?.[2] ?? "") || /<project[\s>]/.test(head)) return parseClover(text, name);
      return parseCobertura(text, name);
    }
    throw new CoverageParseError(name, `XML with root <${element ?? "?"}> is not a coverage report; expected ${SUPPORTED_FORMATS}`);
  }
  if (head.startsWith("{")) return parseJson(text, name);
  if (head.startsWith("mode:")) return parseGoProfile(text, name);
  throw new CoverageParseError(name, `not a coverage report; expected ${SUPPORTED_FORMATS}`);
}

function parseJson(text: string, name: string): CoverageReport {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "latin1").toString("utf8"));
  } catch (error) {
    throw new CoverageParseError(name, `invalid JSON (${(error as Error).message})`);
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new CoverageParseError(name, "JSON that is not an Istanbul coverage object");
  const record = json as Record<string, unknown>;
  const total = record.total as { lines?: unknown } | undefined;
  if (total && typeof total === "object" && total.lines) return parseIstanbulSummary(record, name);
  return parseIstanbul(record, name);
}

function normalised(report: CoverageReport): CoverageReport {
  const files = new Map<string, (typeof report.files extends Map<string, infer F> ? F : never)>();
  for (const file of report.files.values()) {
    const path = normalisePath(file.path);
    const existing = files.get(path);
    if (existing) {
      // Two spellings of one file (./a.ts and a.ts): merge their lines.
      existing.hits.addAll(file.hits);
    } else files.set(path, { ...file, path });
  }
  return { files, formats: report.formats };
}
