import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportCommand } from "../../src/cli/commands/report.js";
import { leadTime, PHASES } from "../../src/metrics/definitions.js";
import { distribution } from "../../src/metrics/percentile.js";
import { bucketStart } from "../../src/metrics/bucket.js";
import type { Db } from "../../src/store/db.js";
import type { Bucket } from "../../src/metrics/bucket.js";
import { cycleTimeReport as computeCycleTime } from "../../src/metrics/cycle-time-report.js";
import { doraReport as computeDora } from "../../src/metrics/dora-report.js";
import { pullRequestPhases } from "../../src/metrics/pull-request-phases.js";
import type { CheckKey } from "../../src/model/checks.js";
import { listCycleTimeDays } from "../../src/store/cycle-time-days.js";
import { listDoraFacts } from "../../src/store/dora-facts.js";
import type { MetricScope } from "../../src/store/metric-scope.js";
import { listPullRequestRows as listStoredRows } from "../../src/store/pull-request-rows.js";
import { seedMetrics } from "../helpers/seed-metrics.js";
import { stores } from "../helpers/stores.js";
import { parseEnv } from "../../src/env.js";

// Store-then-compute, as the routes do it: the store returns rows, src/metrics computes.
const listPullRequestRows = async (db: Db, scope: MetricScope) => pullRequestPhases(await listStoredRows(db, scope));
const cycleTimeReport = async (db: Db, params: MetricScope & { bucket: Bucket | "all"; groupBy?: CheckKey }) => computeCycleTime(await listCycleTimeDays(db, params), params);
const doraReport = async (db: Db, scope: MetricScope) => computeDora(await listDoraFacts(db, scope), scope);

describe.each(stores)("metric queries on $name", (store) => {
  let db: Db;
  let scope: { repoIds: number[]; from: number; to: number };
  beforeAll(async () => {
    db = await store.open();
    const seeded = await seedMetrics(db, { prs: 2000, days: 60, end: Date.now() });
    await seedMetrics(db, { prs: 300, days: 60, end: Date.now(), repoId: 2, name: "api", seed: 7 });
    scope = { repoIds: [seeded.repoId], from: seeded.from, to: seeded.to };
  });
  afterAll(() => db.close());

  it("cycle-time buckets equal the pure definitions applied to the per-PR rows", async () => {
    const rows = await listPullRequestRows(db, scope);
    expect(rows.length).toBeGreaterThan(1800);
    expect(rows.every((row) => !row.record.authorIsBot)).toBe(true);
    for (const groupBy of [undefined, "ticket"] as const) {
      const expected = new Map<string, Record<string, number[]>>();
      for (const row of rows) {
        const group = groupBy ? (row.record.hygiene.ticket ?? "unknown") : null;
        const key = `${bucketStart(row.record.mergedAt!, "week")}|${group}`;
        const cell = expected.get(key) ?? Object.fromEntries(PHASES.map((p) => [p, [] as number[]]));
        for (const phase of PHASES) if (row.phases[phase] !== null) cell[phase]!.push(row.phases[phase]! / 1000);
        expected.set(key, cell);
      }
      // A quiet (bucket, group) is a row with counts of 0: every week of the window, for each group seen anywhere in it.
      const groups = new Set([...expected.keys()].map((key) => key.split("|")[1]!));
      for (let start = bucketStart(scope.from, "week"); start < scope.to; start += 7 * 86_400_000) {
        for (const group of groups) {
          const key = `${start}|${group}`;
          if (!expected.has(key)) expected.set(key, Object.fromEntries(PHASES.map((p) => [p, [] as number[]])));
        }
      }
      const report = await cycleTimeReport(db, { ...scope, bucket: "week", groupBy });
      expect(report.map((r) => `${r.start}|${r.group}`).sort()).toEqual([...expected.keys()].sort());
      for (const row of report) {
        const cell = expected.get(`${row.start}|${row.group}`)!;
        for (const phase of PHASES) expect(row.phases[phase]).toEqual(distribution(cell[phase]!));
      }
    }
  });

  it("lead time for changes equals the written definition over each deployed PR, bots only on request", async () => {
    // The store reads deployed PRs as day columns (halves on PostgreSQL for a window over 4 weeks): each PR must count once.
    expect(scope.to - scope.from).toBeGreaterThan(28 * 86_400_000);
    const changes: number[] = [];
    for (const includeBots of [false, true]) {
      let query = db.kysely
        .selectFrom("pull_requests")
        .select(["first_commit_at", "opened_at", "deployed_at"])
        .where("repo_id", "in", scope.repoIds)
        .where("deployed_at", ">=", scope.from)
        .where("deployed_at", "<", scope.to);
      if (!includeBots) query = query.where("author_is_bot", "=", 0);
      const prs = await query.execute();
      const expected = prs.map((pr) => leadTime({ firstCommitAt: pr.first_commit_at, openedAt: pr.opened_at, deployedAt: pr.deployed_at })).filter((value): value is number => value !== null);
      expect(expected.length).toBeGreaterThan(1500);
      const keys = await doraReport(db, { ...scope, includeBots });
      expect(keys.lead_time.changes).toBe(expected.length);
      expect(keys.lead_time.median_seconds).toBe(Math.round(distribution(expected).median! / 1000));
      changes.push(keys.lead_time.changes);
    }
    expect(changes[1]).toBeGreaterThan(changes[0]!);
  });

  it("organisation scope covers every repo; bots only on request", async () => {
    const one = await cycleTimeReport(db, { ...scope, bucket: "all" });
    const both = await cycleTimeReport(db, { ...scope, repoIds: [1, 2], bucket: "all" });
    const withBots = await cycleTimeReport(db, { ...scope, bucket: "all", includeBots: true });
    expect(both[0]!.phases.review.count).toBeGreaterThan(one[0]!.phases.review.count);
    expect(withBots[0]!.phases.review.count).toBeGreaterThan(one[0]!.phases.review.count);
  });

  it("DORA keys come out with bands", async () => {
    const keys = await doraReport(db, scope);
    expect(keys.deployment_frequency.deployments).toBeGreaterThan(40);
    expect(keys.lead_time.changes).toBeGreaterThan(1500);
    expect(keys.change_failure_rate.rate).toBeGreaterThan(0);
    expect(keys.time_to_restore.incidents).toBeGreaterThan(5);
    for (const key of Object.values(keys)) expect(["elite", "high", "medium", "low"]).toContain(key.band);
  });

  it("shipshape report prints a table, JSON and CSV", async () => {
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await reportCommand.run(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: parseEnv({}), db: async () => db, interactive: false });
      return { code, out: out.join("\n"), err: err.join("\n") };
    };
    const table = await run(["acme/shop", "--since", "30d"]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^acme\/shop: PRs merged \d{1,2} [A-Z][a-z]{2}( \d{4})? \.\. \d{1,2} [A-Z][a-z]{2} \(UTC\)/);
    expect(table.out).toMatch(/\ncycle\s+\d+\s+[\d.]+[mhd]/);
    expect(table.out).toMatch(/lead time for changes\s+[\d.]+[mhd]\s+(elite|high|medium|low)/);
    const json = JSON.parse((await run(["ACME/Shop", "--format=json"])).out);
    expect(json.phases.cycle.count).toBeGreaterThan(500);
    expect((await run(["acme/shop", "--format", "csv"])).out.split(/\r?\n/)[0]).toBe("metric,count,median_seconds,p75_seconds,p90_seconds,value,band");
    expect(await run(["acme/nothing"])).toMatchObject({ code: 1, err: expect.stringContaining("Nothing recorded for acme/nothing") });
    expect(await run(["acme/shop", "--since", "soon"])).toMatchObject({ code: 2, err: expect.stringContaining("--since soon") });
  });
});
