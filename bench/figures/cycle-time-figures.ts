import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cycleTimeReport } from "../../src/metrics/cycle-time-report.js";
import { listCycleTimeDays } from "../../src/store/cycle-time-days.js";
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
const NAME = `cycle-time report over ${PRS.toLocaleString("en")} PRs (one repo, a year, weekly buckets)`;

/** The cycle-time report over 100,000 seeded PRs, on SQLite and (when a server is given) PostgreSQL. */
export async function cycleTimeFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), "shipshape-bench-sqlite-"));
  try {
    figures.push(await measure("SQLite", await openStore({ dataDir })));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!url) {
    figures.push(notMeasured(`${NAME}, PostgreSQL`, `<= ${BUDGET_MS} ms`, "no PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to postgres://… to measure it"));
    return figures;
  }
  const scratch = await scratchDatabase(url, "shipshape_bench");
  try {
    figures.push(await measure("PostgreSQL", await openStore({ databaseUrl: scratch.url })));
  } finally {
    await scratch.drop();
  }
  return figures;
}

async function measure(label: string, db: Db): Promise<Figure> {
  try {
    const seedStarted = performance.now();
    const { from, to, repoId } = await seedMetrics(db, { prs: PRS, repoId: 4242, seed: 100_000 });
    const seedMs = performance.now() - seedStarted;
    const params = { repoIds: [repoId], from, to, bucket: "week" as const };
    // Read and computed, as the API serves it.
    const run = async () => cycleTimeReport(await listCycleTimeDays(db, params), params);
    await run();
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      rows = (await run()).length;
      times.push(performance.now() - started);
    }
    const median = percentile(times, 50);
    return {
      name: `${NAME}, ${label}`,
      value: round(median),
      unit: "ms",
      budget: `<= ${BUDGET_MS} ms`,
      ok: median <= BUDGET_MS,
      note: `median of ${RUNS} warm runs, slowest ${round(Math.max(...times))} ms; ${rows} weekly rows; seeding took ${round(seedMs / 1000)} s`,
    };
  } finally {
    await db.close();
  }
}
