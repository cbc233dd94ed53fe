import { readFile } from "node:fs/promises";
import { fileTotals, mergeReports, percent, sumTotals, type PartialsRule } from "../../coverage/model.js";
import { CoverageParseError } from "../../coverage/parse-error.js";
import { readUpload, UploadRefusedError } from "../../coverage/read-upload.js";
import type { CoverageReport, Totals } from "../../model/coverage-report.js";
import type { CliCommand } from "../context.js";

const USAGE = "Usage: shipshape coverage read FILE… [--partials miss|hit] [--format text|json]";

/** What `coverage read --format json` prints (documented in docs/coverage.md). */
export interface CoverageReadOutput {
  format: string[];
  total: { covered: number; coverable: number; partial: number; percent: number | null };
  files: Array<{ path: string; covered: number; coverable: number; partial: number }>;
  warnings: string[];
}

export const coverageCommand: CliCommand = {
  name: "coverage",
  summary: "coverage read FILE…: show what shipshape/coverage reads from coverage reports, offline",
  usage: [
    USAGE,
    "",
    "Reads coverage reports (LCOV, Cobertura, JaCoCo, Clover, Istanbul JSON, Go profiles; plain, gzipped",
    "or a zip of several) exactly as the shipshape/coverage check does: format detected from content,",
    "paths normalised, several files merged. Prints each file's covered and coverable lines and the total.",
    "Nothing is sent anywhere.",
    "",
    "  --partials miss|hit  a line that ran with a branch not taken counts as not covered (miss, the",
    "                       default, Codecov's rule) or as covered (hit); as coverage.partials",
    "  --format text|json   a table (default) or JSON for scripts",
  ].join("\n"),
  async run(args, context) {
    const parsed = parseArgs(args);
    if (typeof parsed === "string") {
      context.err(parsed);
      context.err(USAGE);
      return 2;
    }
    let merged: CoverageReport | null = null;
    const problems: string[] = [];
    for (const file of parsed.files) {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        problems.push(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
        continue;
      }
      try {
        // One report at a time on the user's own machine: no shared budget to hold bytes against (the
        // per-entry and per-archive caps of the check still apply).
        const report = await readUpload(bytes, file, async (held) => ({ bytes: held, grow: () => true, release: () => undefined }));
        merged = merged ? mergeReports(merged, report) : report;
      } catch (error) {
        if (error instanceof CoverageParseError || error instanceof UploadRefusedError) problems.push(error.message);
        else throw error;
      }
    }
    if (problems.length > 0) {
      context.err(`Fix ${problems.length === 1 ? "1 report" : `${problems.length} reports`}: shipshape/coverage could not read ${problems.length === 1 ? "it" : "them"}.`);
      for (const problem of problems) context.err(`  ${problem}`);
      return 1;
    }
    const output = describe(merged!, parsed.partials);
    if (parsed.format === "json") context.out(JSON.stringify(output, null, 2));
    else for (const line of textLines(output, parsed.partials)) context.out(line);
    return 0;
  },
};

function parseArgs(args: string[]): { files: string[]; partials: PartialsRule; format: "text" | "json" } | string {
  const [verb, ...rest] = args;
  if (verb !== "read") return verb === undefined ? "Name a verb: read." : `Unknown verb "${verb}".`;
  const files: string[] = [];
  let partials: PartialsRule = "miss";
  let format: "text" | "json" = "text";
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const [flag, inline] = arg.startsWith("--") ? (arg.split("=", 2) as [string, string | undefined]) : [arg, undefined];
    if (flag === "--partials" || flag === "--format") {
      const value = inline ?? rest[++i];
      if (flag === "--partials") {
        if (value !== "miss" && value !== "hit") return `--partials takes miss or hit, not ${value === undefined ? "nothing" : `"${value}"`}.`;
        partials = value;
      } else {
        if (value !== "text" && value !== "json") return `--format takes text or json, not ${value === undefined ? "nothing" : `"${value}"`}.`;
        format = value;
      }
    } else if (arg.startsWith("--")) return `Unknown option ${arg}.`;
    else files.push(arg);
  }
  if (files.length === 0) return "Name at least one report file.";
  return { files, partials, format };
}

function describe(report: CoverageReport, partials: PartialsRule): CoverageReadOutput {
  const files = [...report.files.values()].map((file) => ({ path: file.path, totals: fileTotals(file) })).sort((a, b) => a.path.localeCompare(b.path));
  const total = sumTotals(files.map((file) => file.totals));
  const warnings: string[] = [];
  if (report.formats.includes("go")) warnings.push("Go profiles are counted in lines, as Codecov counts them; `go test -cover` prints statements, so its percentage differs.");
  if (report.formats.includes("istanbul-summary")) warnings.push("coverage-summary.json has totals only: it counts for the project figure, never for patch coverage. Upload coverage-final.json or lcov.info too.");
  if (total.linesTotal === 0) warnings.push("No coverable line in these reports: shipshape/coverage would be neutral (an empty report, a total-only summary, or function records only).");
  const absolute = files.filter((file) => file.path.startsWith("/") || /^[A-Za-z]:\//.test(file.path)).length;
  if (absolute > 0) warnings.push(`${absolute} path(s) are still absolute: they are matched to the PR's files by their tail; add a coverage.paths fix ("before::after") if they do not end with the repository's paths.`);
  return {
    format: report.formats,
    total: figures(total, partials),
    files: files.map(({ path, totals }) => {
      const { percent: _percent, ...rest } = figures(totals, partials);
      return { path, ...rest };
    }),
    warnings,
  };
}

function figures(totals: Totals, partials: PartialsRule): CoverageReadOutput["total"] {
  const pct = percent(totals, partials);
  return {
    covered: partials === "miss" ? totals.linesCovered - totals.linesPartial : totals.linesCovered,
    coverable: totals.linesTotal,
    partial: totals.linesPartial,
    percent: pct === null ? null : Math.round(pct * 100) / 100,
  };
}

function textLines(output: CoverageReadOutput, partials: PartialsRule): string[] {
  const { total } = output;
  const headline =
    total.percent === null
      ? "No coverable lines: shipshape/coverage would be neutral."
      : `Total: ${total.covered} of ${total.coverable} lines covered (${total.percent.toFixed(2)}%)${total.partial > 0 ? `, ${total.partial} partial counted as ${partials === "miss" ? "not covered" : "covered"} (--partials ${partials})` : ""}.`;
  const width = Math.min(80, Math.max(4, ...output.files.map((file) => file.path.length)));
  const row = (path: string, covered: string, coverable: string, partial: string, pct: string) =>
    `${path.padEnd(width)}  ${covered.padStart(7)}  ${coverable.padStart(9)}  ${partial.padStart(7)}  ${pct.padStart(7)}`;
  const lines = [headline, "", row("File", "Covered", "Coverable", "Partial", "Percent")];
  for (const file of output.files) {
    lines.push(row(file.path, String(file.covered), String(file.coverable), String(file.partial), file.coverable === 0 ? "n/a" : `${((100 * file.covered) / file.coverable).toFixed(2)}%`));
  }
  lines.push(row("Total", String(total.covered), String(total.coverable), String(total.partial), total.percent === null ? "n/a" : `${total.percent.toFixed(2)}%`));
  lines.push("", `Formats: ${output.format.join(", ") || "none"}.`);
  for (const warning of output.warnings) lines.push(`Warning: ${warning}`);
  return lines;
}
