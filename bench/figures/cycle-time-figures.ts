import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cycleTimeReport } from "../../src/metrics/cycle-time-report.js";
import { doraReport } from "../../src/metrics/dora-report.js";
import { listCycleTimeDays } from "../../src/store/cycle-time-days.js";
import { listDoraFacts } from "../../src/store/dora-facts.js";
import { listTeams, replaceTeams } from "../../src/store/teams.js";
import { openStore, type Db } from "../../src/store/db.js";
import { seedMetrics } from "../../test/helpers/seed-metrics.js";
import type { Figure } from "../figure.js";
import { notMeasured } from "../report.js";
import { scratchDatabase } from "../scratch-database.js";
import { percentile } from "../send.js";
import { round } from "./delivery-figures.js";

const PRS = 100_000;
const RUNS = 10;
const BUDGET_MS = 200;
const OVER = `over ${PRS.toLocaleString("en")} PRs (one repo, a year`;
const NAME = `cycle-time report ${OVER}, weekly buckets)`;
const REPORTS = [
  { key: "cycle", name: NAME },
  { key: "team", name: `cycle-time report by team ${OVER}, 4 teams of 10 authors, weekly buckets)` },
  { key: "dora", name: `DORA keys ${OVER}, deployments from GitHub Deployments and a "Deploy" workflow, reverts and incidents)` },
] as const;

/**
 * The reports over 100,000 seeded PRs, on SQLite and (when a server is given) PostgreSQL: cycle time,
 * cycle time grouped by team, and the DORA keys with two deployment sources and revert incidents.
 * Each is read and computed as the API serves it.
 */
export async function cycleTimeFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), "shipshape-bench-sqlite-"));
  try {
    figures.push(...(await measure("SQLite", await openStore({ dataDir }))));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!url) {
    for (const report of REPORTS) figures.push(notMeasured(`${report.name}, PostgreSQL`, `<= ${BUDGET_MS} ms`, "no PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to postgres://… to measure it"));
    return figures;
  }
  const scratch = await scratchDatabase(url, "shipshape_bench");
  try {
    figures.push(...(await measure("PostgreSQL", await openStore({ databaseUrl: scratch.url }))));
  } finally {
    await scratch.drop();
  }
  return figures;
}

async function measure(label: string, db: Db): Promise<Figure[]> {
  try {
    const seedStarted = performance.now();
    const { from, to, repoId } = await seedMetrics(db, { prs: PRS, repoId: 4242, seed: 100_000, mixedSources: true, revertEvery: 500 });
    const owner = "acme";
    await replaceTeams(db, { owner, source: "config", at: to, teams: [0, 1, 2, 3].map((t) => ({ name: `team-${t}`, members: Array.from({ length: 10 }, (_, i) => `dev${t * 10 + i}`), repos: [] })) });
    const seedMs = performance.now() - seedStarted;
    const scope = { repoIds: [repoId], from, to };
    const runs: Record<(typeof REPORTS)[number]["key"], () => Promise<number>> = {
      cycle: async () => cycleTimeReport(await listCycleTimeDays(db, scope), { ...scope, bucket: "week" }).length,
      team: async () => {
        const [days, teams] = await Promise.all([listCycleTimeDays(db, { ...scope, groupBy: "team" }), listTeams(db, owner)]);
        return cycleTimeReport(days, { ...scope, bucket: "week", groupBy: "team", teams }).length;
      },
      dora: async () => {
        const keys = doraReport(await listDoraFacts(db, scope), scope);
        return keys.deployment_frequency.deployments + keys.change_failure_rate.failures * 1e6;
      },
    };
    const figures: Figure[] = [];
    for (const report of REPORTS) {
      const run = runs[report.key];
      await run();
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        size = await run();
        times.push(performance.now() - started);
      }
      const median = percentile(times, 50);
      const what = report.key === "dora" ? `${size % 1e6} deployments, ${Math.floor(size / 1e6)} change failures counted` : `${size} rows`;
      figures.push({
        name: `${report.name}, ${label}`,
        value: round(median),
        unit: "ms",
        budget: `<= ${BUDGET_MS} ms`,
        ok: median <= BUDGET_MS,
        note: `median of ${RUNS} warm runs, slowest ${round(Math.max(...times))} ms; ${what}; seeding took ${round(seedMs / 1000)} s`,
      });
    }
    return figures;
  } finally {
    await db.close();
  }
}
