import type { Scope } from "../../reporting/figures.js";
import { DEFINITIONS, PHASES } from "../../metrics/definitions.js";
import { toCsv, type Cell } from "../../metrics/csv.js";
import { cycleTimeReport } from "../../metrics/cycle-time-report.js";
import { doraReport } from "../../metrics/dora-report.js";
import { listCycleTimeDays } from "../../store/cycle-time-days.js";
import { listDoraFacts } from "../../store/dora-facts.js";
import { formatDay } from "../../reporting/format.js";
import type { CliCommand } from "../context.js";
import { parseScope, recordedRepoIds } from "../recorded-scope.js";

const DAY = 86_400_000;

export const reportCommand: CliCommand = {
  name: "report",
  summary: "report owner[/repo] [--since 30d] [--format table|json|csv]: cycle time and DORA keys",
  usage: [
    "Usage: shipshape report owner[/repo] [--since 30d|2024-05-01] [--format table|json|csv]",
    "",
    "Cycle time, its phases (count, median, p75, p90) and the DORA four keys with their bands for the",
    "PRs of a repository, or of every repository of an organisation, merged since --since (default",
    "30d) up to now, from the store the app records into",
    "(DATABASE_URL or SHIPSHAPE_DATA_DIR).",
    "",
    "Definitions:",
    ...Object.values(DEFINITIONS).map((text) => `  ${text}`),
  ].join("\n"),
  async run(args, context) {
    const parsed = parseArgs(args, Date.now());
    if ("error" in parsed) {
      context.err(parsed.error);
      return 2;
    }
    const db = await context.db();
    const recorded = await recordedRepoIds(db, parsed.scope);
    if (!recorded.ok) {
      context.err(recorded.message);
      return 1;
    }
    const scope = { repoIds: recorded.repoIds, from: parsed.from, to: parsed.to };
    const [days, doraFacts] = await Promise.all([listCycleTimeDays(db, scope), listDoraFacts(db, scope)]);
    const [total] = cycleTimeReport(days, { ...scope, bucket: "all" });
    const dora = doraReport(doraFacts, scope);
    const phases = Object.fromEntries(PHASES.map((phase) => [phase, total?.phases[phase] ?? { count: 0, median: null, p75: null, p90: null }]));
    const from = new Date(parsed.from).toISOString();
    const to = new Date(parsed.to).toISOString();
    if (parsed.format === "json") {
      const named = parsed.scope.repo ? { repo: parsed.repo } : { organisation: parsed.repo, repos: recorded.repoIds.length };
      context.out(JSON.stringify({ ...named, from, to, phases: jsonPhases(phases), dora }, null, 2));
    } else if (parsed.format === "csv") {
      const rows: Array<Record<string, Cell>> = PHASES.map((phase) => ({ metric: phase, count: phases[phase]!.count, median_seconds: round(phases[phase]!.median), p75_seconds: round(phases[phase]!.p75), p90_seconds: round(phases[phase]!.p90) }));
      rows.push(
        { metric: "deployments_per_week", value: dora.deployment_frequency.per_week, count: dora.deployment_frequency.deployments, band: dora.deployment_frequency.band },
        { metric: "lead_time", median_seconds: dora.lead_time.median_seconds, count: dora.lead_time.changes, band: dora.lead_time.band },
        { metric: "change_failure_rate", value: dora.change_failure_rate.rate, count: dora.change_failure_rate.deployments, band: dora.change_failure_rate.band },
        { metric: "time_to_restore", median_seconds: dora.time_to_restore.median_seconds, count: dora.time_to_restore.incidents, band: dora.time_to_restore.band },
        {
          metric: "failed_deployment_recovery_time",
          median_seconds: dora.failed_deployment_recovery_time.median_seconds,
          count: dora.failed_deployment_recovery_time.recoveries,
          band: dora.failed_deployment_recovery_time.band,
        },
      );
      context.out(toCsv(["metric", "count", "median_seconds", "p75_seconds", "p90_seconds", "value", "band"], rows).trimEnd());
    } else {
      const repos = parsed.scope.repo ? "" : ` (${recorded.repoIds.length} ${recorded.repoIds.length === 1 ? "repository" : "repositories"})`;
      const now = new Date(parsed.to);
      context.out(`${parsed.repo}${repos}: PRs merged ${formatDay(new Date(parsed.from), now)} .. ${formatDay(now, now)} (UTC), bots excluded`);
      context.out("");
      context.out(table(["phase", "PRs", "median", "p75", "p90"], PHASES.map((phase) => [phase, String(phases[phase]!.count), duration(phases[phase]!.median), duration(phases[phase]!.p75), duration(phases[phase]!.p90)])));
      context.out("");
      const df = dora.deployment_frequency;
      context.out(
        table(["DORA key", "value", "band"], [
          ["deployment frequency", `${df.per_week.toFixed(1)}/week (${df.deployments} deployments on ${df.deploy_days} days)`, df.band ?? "-"],
          ["lead time for changes", duration(dora.lead_time.median_seconds), dora.lead_time.band ?? "-"],
          ["change failure rate", dora.change_failure_rate.rate === null ? "-" : `${(dora.change_failure_rate.rate * 100).toFixed(1)}% of ${dora.change_failure_rate.deployments}`, dora.change_failure_rate.band ?? "-"],
          ["time to restore (incidents)", duration(dora.time_to_restore.median_seconds), dora.time_to_restore.band ?? "-"],
          ["failed deployment recovery time", duration(dora.failed_deployment_recovery_time.median_seconds), dora.failed_deployment_recovery_time.band ?? "-"],
        ]),
      );
      context.out("");
      context.out("Definitions: shipshape report --help");
    }
    return 0;
  },
};

type Args = { repo: string; scope: Scope; from: number; to: number; format: "table" | "json" | "csv" } | { error: string };

export function parseArgs(args: string[], now: number): Args {
  let repo: string | undefined;
  let since = "30d";
  let format = "table";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--since") since = args[++i] ?? "";
    else if (arg.startsWith("--since=")) since = arg.slice(8);
    else if (arg === "--format") format = args[++i] ?? "";
    else if (arg.startsWith("--format=")) format = arg.slice(9);
    else if (!arg.startsWith("-") && repo === undefined) repo = arg;
    else return { error: `Unknown argument ${arg}. Usage: shipshape report owner[/repo] [--since 30d] [--format table|json|csv]` };
  }
  const scope = parseScope(repo);
  if (!repo || !scope) return { error: "Name an organisation or a repository, e.g. shipshape report acme or shipshape report acme/shop" };
  if (!["table", "json", "csv"].includes(format)) return { error: `--format ${format}: use table, json or csv` };
  const days = /^(\d+)d$/.exec(since);
  const from = days ? now - Number(days[1]) * DAY : /^\d{4}-\d{2}-\d{2}$/.test(since) ? Date.parse(`${since}T00:00:00Z`) : NaN;
  // Date.parse rolls 2026-09-31 over to 1 October: a date must read back as typed.
  const realDate = days !== null || (!Number.isNaN(from) && new Date(from).toISOString().slice(0, 10) === since);
  if (Number.isNaN(from) || from >= now || !realDate) return { error: `--since ${since}: use a number of days (30d) or a past date (2024-05-01)` };
  return { repo, scope, from, to: now, format: format as "table" | "json" | "csv" };
}

function jsonPhases(phases: Record<string, { count: number; median: number | null; p75: number | null; p90: number | null }>) {
  return Object.fromEntries(Object.entries(phases).map(([phase, d]) => [phase, { count: d.count, median_seconds: round(d.median), p75_seconds: round(d.p75), p90_seconds: round(d.p90) }]));
}

const round = (value: number | null) => (value === null ? null : Math.round(value));

/** 90 -> "1m", 5400 -> "1.5h", 200000 -> "2.3d": readable at a glance. */
export function duration(seconds: number | null): string {
  if (seconds === null) return "-";
  if (seconds < 3600) return `${Math.round(seconds / 60)}m`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)}h`;
  return `${(seconds / 86_400).toFixed(1)}d`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
