import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import type { CliContext } from "../../src/cli/context.js";
import { parseEnv } from "../../src/env.js";
import { claimBackfillJob, createBackfillJob, finishBackfillJob, getBackfillJob, saveBackfillStep } from "../../src/store/backfill-jobs.js";
import type { Db } from "../../src/store/db.js";
import { stores } from "../helpers/stores.js";
import { FakeHistory, makePullRequestNode } from "./fake-history.js";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
const DAY = 86_400_000;
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

// Issue 18: a `shipshape backfill` (or app) process died holding the job; the next run must finish
// it from its cursor once the lease has run out, and must never steal a job whose lease is live.
describe.each(stores)("shipshape backfill and a job another process holds, on $name", (store) => {
  let db: Db;
  let fake: FakeHistory;
  let out: string[];
  let err: string[];
  let onErr: (line: string) => void;

  const context = (): CliContext => ({
    out: (line) => void out.push(line),
    err: (line) => {
      err.push(line);
      onErr(line);
    },
    env: parseEnv({ APP_ID: "12345", PRIVATE_KEY: privateKey }),
    interactive: false,
    db: async () => db,
  });

  /** The job as a process `worker` left it: the first page (PR 3) stored, its lease held until `leaseEnds`. */
  const leftBy = async (worker: string, leaseEnds: number) => {
    const startedAt = Date.now() - 10 * MINUTE;
    await createBackfillJob(db, { repoId: 1, owner: "acme", repo: "shop", installationId: 99, days: 30, now: startedAt });
    expect(await claimBackfillJob(db, { repoId: 1, worker, now: startedAt, leaseMs: MINUTE })).toBe(true);
    const step = { phase: "pull_requests" as const, cursor: "pr-1", done: 1, total: 3, requests: 2 };
    expect(await saveBackfillStep(db, { repoId: 1, worker, now: startedAt, leaseMs: leaseEnds - startedAt, step })).toBe(true);
  };

  const importedNumbers = async () => (await db.kysely.selectFrom("pull_requests").select("number").orderBy("number").execute()).map((row) => row.number);
  const requestLines = () => fake.requests.map((r) => `${r.method} ${r.path}`);

  beforeEach(async () => {
    db = await store.open();
    out = [];
    err = [];
    onErr = () => undefined;
    fake = new FakeHistory().install();
    const now = Date.now();
    fake.mergedCount = 3;
    fake.pullRequests = [3, 2, 1].map((number) =>
      makePullRequestNode({ number, createdAt: iso(now - (number + 2) * DAY), updatedAt: iso(now - number * DAY), mergedAt: iso(now - number * DAY), closedAt: iso(now - number * DAY) }),
    );
    fake.route("GET", /^\/repos\/acme\/shop\/installation$/, () => [200, { id: 99, account: { login: "acme" } }]);
  });
  afterEach(() => db.close());

  // What every run here reads before it can tell whether the job is free: the installation, a token,
  // the repository, its settings (the organisation's file as fallback) and, for the teams, the organisation's file again.
  const START = [
    "GET /repos/acme/shop/installation",
    "POST /app/installations/99/access_tokens",
    "GET /repos/acme/shop",
    "GET /repos/acme/shop/contents/.github%2Fshipshape.yml",
    "GET /repos/acme/.github/contents/.github%2Fshipshape.yml",
    "GET /repos/acme/.github/contents/.github%2Fshipshape.yml",
  ];
  // The import itself: the rate limit, then one GraphQL page each of PRs, deployments and incident issues.
  const IMPORT = ["GET /rate_limit", "POST /graphql", "POST /graphql", "POST /graphql"];

  it("finishes a job left running with a lease that ran out, from the cursor the dead process saved", async () => {
    await leftBy("dead", Date.now() - 5 * MINUTE);

    expect(await runCli(["backfill", "acme/shop", "--days", "30"], context())).toBe(0);

    expect(await getBackfillJob(db, 1)).toMatchObject({ state: "done", phase: "done", done: 3, total: 3, attempts: 2, lockedUntil: null, lastError: null });
    // Only the pages after the saved cursor were read, and only their PRs were imported here.
    expect(fake.queries("BackfillPullRequests").map((q) => q.variables.after)).toEqual(["pr-1"]);
    expect(await importedNumbers()).toEqual([1, 2]);
    expect(err).toEqual([]);
    expect(out.at(-1)).toMatch(/^Imported acme\/shop, last 30 days: 3 merged PRs, 0 production deployments, 0 incidents \(\d+ GitHub requests\)\.$/);
    expect(requestLines()).toEqual([...START, ...IMPORT]);
    expect([fake.queries("BackfillDeployments").length, fake.queries("BackfillIncidents").length]).toEqual([1, 1]);
    expect(fake.unhandled).toEqual([]);
  });

  it("does not steal a job whose lease is live: it follows it until the other process finishes", async () => {
    await leftBy("other", Date.now() + 30 * MINUTE);
    let heldWhenFinished: string | null | undefined;
    onErr = (line) => {
      if (!line.includes("being imported by another Shipshape process")) return;
      // The other process finishes a little later, while this one follows it.
      setTimeout(() => {
        void (async () => {
          heldWhenFinished = (await db.kysely.selectFrom("backfill_jobs").select("locked_by").where("repo_id", "=", 1).executeTakeFirst())?.locked_by;
          await saveBackfillStep(db, { repoId: 1, worker: "other", now: Date.now(), leaseMs: MINUTE, step: { phase: "done", cursor: null, done: 2 } });
          await finishBackfillJob(db, { repoId: 1, worker: "other", now: Date.now() });
        })();
      }, 300);
    };

    expect(await runCli(["backfill", "acme/shop", "--days", "30"], context())).toBe(0);

    expect(heldWhenFinished).toBe("other");
    expect(err).toEqual(["acme/shop is being imported by another Shipshape process; following its progress."]);
    expect(await getBackfillJob(db, 1)).toMatchObject({ state: "done", done: 3, attempts: 1 });
    // Nothing imported by this process: no page of PRs read, no row written.
    expect(fake.queries("BackfillPullRequests")).toEqual([]);
    expect(await importedNumbers()).toEqual([]);
    expect(out.at(-1)).toMatch(/^Imported acme\/shop, last 30 days: 3 merged PRs/);
    expect(requestLines()).toEqual(START);
    expect(fake.unhandled).toEqual([]);
  });

  it("takes the job over while following it, once the other process stops renewing its lease", async () => {
    await leftBy("other", Date.now() + 1_000);

    expect(await runCli(["backfill", "acme/shop", "--days", "30"], context())).toBe(0);

    expect(err).toEqual([
      "acme/shop is being imported by another Shipshape process; following its progress.",
      "acme/shop: the other process stopped renewing its lease; continuing the import here.",
    ]);
    expect(await getBackfillJob(db, 1)).toMatchObject({ state: "done", done: 3, total: 3, attempts: 2 });
    expect(fake.queries("BackfillPullRequests").map((q) => q.variables.after)).toEqual(["pr-1"]);
    expect(await importedNumbers()).toEqual([1, 2]);
    // The first try read the settings and found the job taken; the take-over reads them again.
    expect(requestLines()).toEqual([...START, ...START.slice(3), ...IMPORT]);
    expect(fake.unhandled).toEqual([]);
  });
});
