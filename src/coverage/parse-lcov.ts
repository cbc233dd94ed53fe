import { LineHits } from "../model/line-hits.js";
import { checkLine } from "./limits.js";
import { LIMITS } from "../model/coverage-limits.js";
import { addBranches, type BranchData, emptyReport, fileEntry, mergeBranches } from "./model.js";
import { type CoverageReport, type FileCoverage } from "../model/coverage-report.js";
import { CoverageParseError } from "./parse-error.js";

/** Scratch slots beyond four per line of the record: further jumps go to the file's sparse hits. */
const SCRATCH_SLACK = 4096;
/** Lines whose branches are counted in the typed scratch arrays; a branch on a later line goes to the map directly. */
const BRANCH_SCRATCH = 1 << 16;

/**
 * LCOV tracefiles (geninfo's format: `SF:`, `DA:line,hits`, `BRDA:line,block,branch,taken`,
 * `end_of_record`), scanned line by line over the raw bytes — no decoding, splitting or regexes;
 * only file paths become strings. That is what keeps it several times faster than line-splitting
 * parsers.
 */
export function parseLcov(bytes: Uint8Array, name: string): CoverageReport {
  const report = emptyReport();
  report.formats.push("lcov");
  let file: FileCoverage | undefined;
  // Hits of the current record go into a reused typed scratch buffer and become the file's array
  // once, at its exact size, when the record ends: growing arrays line by line cost more in
  // copies and garbage collection than the whole scan. The buffer only grows while the record's
  // lines are packed; a line far past them (`DA:150000000,1`) goes straight to the file's hits,
  // which keep it sparse.
  let scratch = new Int32Array(SCRATCH_SLACK).fill(-1);
  let maxLine = 0;
  let linesInScratch = 0;
  const flush = () => {
    if (!file || maxLine === 0) return;
    if (file.hits.size === 0) {
      const exact: number[] = new Array<number>(maxLine + 1);
      exact[0] = -1;
      for (let line = 1; line <= maxLine; line++) exact[line] = scratch[line] as number;
      file.hits = LineHits.fromDense(exact, linesInScratch);
    } else {
      // The same SF in a second record, or lines that went past the scratch buffer: add up.
      const hits = file.hits;
      for (let line = 1; line <= maxLine; line++) if ((scratch[line] as number) >= 0) hits.add(line, scratch[line] as number);
    }
    scratch.fill(-1, 0, maxLine + 1);
    maxLine = 0;
    linesInScratch = 0;
  };
  // Branches of the current record, folded into the file when it ends: gcov writes several records
  // for one file (a header in several objects), whose branches are the same ones again, not more.
  let record: BranchData = { branchesTotal: 0, branchesCovered: 0 };
  let branchesFromBrda = false;
  // BRDA counts of the record per line, in two reused typed arrays (a Map lookup and update per
  // BRDA line cost a fifth of the whole parse): the record's per-line map is built once, at its
  // end, in the order the lines first appeared. Lines past the arrays go straight to the map.
  const branchTotal = new Int32Array(BRANCH_SCRATCH);
  const branchCovered = new Int32Array(BRANCH_SCRATCH);
  const branchLines: number[] = [];
  const collectBranches = () => {
    if (branchLines.length === 0) return;
    const map = (record.lineBranches ??= new Map());
    let total = 0;
    let covered = 0;
    for (const line of branchLines) {
      const lineTotal = branchTotal[line] as number;
      const lineCovered = branchCovered[line] as number;
      map.set(line, { covered: lineCovered, total: lineTotal });
      total += lineTotal;
      covered += lineCovered;
      branchTotal[line] = 0;
      branchCovered[line] = 0;
    }
    record.branchesTotal += total;
    record.branchesCovered += covered;
    branchLines.length = 0;
  };
  const flushBranches = () => {
    collectBranches();
    if (file && branchesFromBrda && file.lineBranches === undefined && file.branchesTotal === 0) {
      // The file's first record with branches (the usual case): its map becomes the file's, uncopied.
      if (record.lineBranches) file.lineBranches = record.lineBranches;
      file.branchesTotal = record.branchesTotal;
      file.branchesCovered = record.branchesCovered;
    } else if (file && (branchesFromBrda || record.branchesTotal > 0)) mergeBranches(file, record);
    record = { branchesTotal: 0, branchesCovered: 0 };
    branchesFromBrda = false;
  };
  let pos = 0;
  const length = bytes.length;
  while (pos < length) {
    let end = bytes.indexOf(10, pos);
    if (end < 0) end = length;
    let lineEnd = end;
    if (lineEnd > pos && (bytes[lineEnd - 1] as number) === 13) lineEnd--;
    const c0 = bytes[pos] as number;
    if (c0 === 68 && (bytes[pos + 1] as number) === 65 && (bytes[pos + 2] as number) === 58) {
      // DA:<line>,<hits>[,<checksum>]
      if (!file) throw new CoverageParseError(name, `line data before any SF: record at byte ${pos}`);
      // Inlined digit loops: this branch runs once per line of a multi-megabyte report.
      let i = pos + 3;
      let line = 0;
      let code = bytes[i] as number;
      while (code >= 48 && code <= 57) {
        line = line * 10 + code - 48;
        code = bytes[++i] as number;
      }
      if (code !== 44 || i === pos + 3) throw new CoverageParseError(name, `malformed DA record at byte ${pos}`);
      let count = 0;
      code = bytes[++i] as number;
      // Some generators write negative or fractional counts; anything not a count is "not run".
      while (code >= 48 && code <= 57) {
        count = count * 10 + code - 48;
        code = bytes[++i] as number;
      }
      if (line > 0) {
        if (line >= scratch.length) {
          checkLine(line, name, file.path);
          if (line > SCRATCH_SLACK + 4 * linesInScratch) {
            file.hits.add(line, count);
            pos = end + 1;
            continue;
          }
          const grown = new Int32Array(Math.min(Math.max(line + 1, scratch.length * 2), LIMITS.maxLine + 1)).fill(-1);
          grown.set(scratch);
          scratch = grown;
        }
        const current = scratch[line] as number;
        if (current < 0) linesInScratch++;
        scratch[line] = (current < 0 ? 0 : current) + count;
        if (line > maxLine) maxLine = line;
      }
    } else if (c0 === 66 && ascii(bytes, pos, "BRDA:")) {
      if (!file) throw new CoverageParseError(name, `branch data before any SF: record at byte ${pos}`);
      if (!branchesFromBrda) {
        // BRDA lines replace the record's BRF/BRH totals, whichever comes first.
        branchesFromBrda = true;
        record = { branchesTotal: 0, branchesCovered: 0 };
      }
      // BRDA:<line>,<block>,<branch>,<taken>: taken is "-" (never reached) or a count.
      let line = 0;
      for (let i = pos + 5; i < lineEnd && (bytes[i] as number) >= 48 && (bytes[i] as number) <= 57; i++) line = line * 10 + (bytes[i] as number) - 48;
      const taken = bytes.lastIndexOf(44, lineEnd - 1) + 1;
      const first = bytes[taken] as number;
      const covered = taken < lineEnd && first !== 45 && !(first === 48 && taken + 1 === lineEnd) ? 1 : 0;
      if (line > 0 && line < BRANCH_SCRATCH) {
        if ((branchTotal[line] as number) === 0) branchLines.push(line);
        branchTotal[line] = (branchTotal[line] as number) + 1;
        branchCovered[line] = (branchCovered[line] as number) + covered;
      } else if (line > 0) addBranches(record, line, covered, 1);
    } else if (c0 === 83 && (bytes[pos + 1] as number) === 70 && (bytes[pos + 2] as number) === 58) {
      const path = Buffer.from(bytes.buffer, bytes.byteOffset + pos + 3, lineEnd - pos - 3).toString("utf8").trim();
      if (path.length === 0) throw new CoverageParseError(name, `empty SF: record at byte ${pos}`);
      flush();
      flushBranches();
      file = fileEntry(report, path, name);
    } else if (c0 === 66 && !branchesFromBrda && file && (ascii(bytes, pos, "BRF:") || ascii(bytes, pos, "BRH:"))) {
      let value = 0;
      for (let i = pos + 4; i < lineEnd && (bytes[i] as number) >= 48 && (bytes[i] as number) <= 57; i++) value = value * 10 + (bytes[i] as number) - 48;
      if ((bytes[pos + 2] as number) === 70) record.branchesTotal = value;
      else record.branchesCovered = value;
    } else if (c0 === 101 && ascii(bytes, pos, "end_of_record")) {
      flush();
      flushBranches();
      file = undefined;
    }
    // TN, FN, FNDA, FNF, FNH, LF, LH, VER and blank lines carry nothing the figures need.
    pos = end + 1;
  }
  flush();
  flushBranches();
  if (report.files.size === 0) throw new CoverageParseError(name, "an LCOV file with no SF: records");
  return report;
}

/** True when the text starts like an LCOV tracefile. */
export function looksLikeLcov(head: string): boolean {
  return /^(?:\s*(?:#[^\n]*|VER:[^\n]*|TN:[^\n]*)\n)*\s*SF:/.test(head);
}

function ascii(bytes: Uint8Array, pos: number, token: string): boolean {
  for (let i = 0; i < token.length; i++) if (bytes[pos + i] !== token.charCodeAt(i)) return false;
  return true;
}
