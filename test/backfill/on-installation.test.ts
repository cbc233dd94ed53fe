import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBackfillRunner, type BackfillRunner } from "../../src/backfill/backfill-runner.js";
import { backfillProgress, getBackfillJob } from "../../src/store/backfill-jobs.js";
import type { Db } from "../../src/store/db.js";
import { findRepositoryId } from "../../src/store/metric-repos.js";
import { getPullRequest } from "../../src/store/pull-requests.js";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";
import { FakeHistory, makePullRequestNode, testOctokit } from "./fake-history.js";

const NOW = Date.parse("2024-06-03T10:00:00Z");

describe("installation events start a background backfill", () => {
  let db: Db;
  let runner: BackfillRunner;
  let release: () => void;
  const installations: number[] = [];
  const { app, github: fake } = useTestApp({
    github: () => new FakeHistory(),
    deps: (db) => {
      runner = createBackfillRunner({
        db,
        days: 30,
        auth: async (id) => {
          installations.push(id);
          return testOctokit();
        },
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
        clock: { now: () => NOW, sleep: async () => undefined },
      });
      return { backfills: runner };
    },
  });

  beforeEach(() => {
    db = app.db;
    fake.mergedCount = 1;
    fake.pullRequests = [makePullRequestNode({ number: 3 })];
    fake.hasConfig("Codertocat", "Hello-World", "metrics:\n  production_environments: [live]\n  incident_labels: [sev1]\n");
    // GraphQL answers only once the test says so: the delivery must not wait for them.
    fake.gate = new Promise<void>((resolve) => (release = resolve));
    installations.length = 0;
  });
  afterEach(async () => {
    release();
    await runner.stop();
  });

  it("installation.created: stores a job per repo, answers at once, imports in the background", async () => {
    await app.probot.receive({ id: "d-1", name: "installation", payload: example("installation", "created") } as never);

    expect(await backfillProgress(db)).toEqual([expect.objectContaining({ repo: "Codertocat/Hello-World", done: 0, total: null })]);
    release();
    await runner.idle();

    expect(installations).toEqual([957387]);
    expect(await getBackfillJob(db, 186853002)).toMatchObject({ state: "done", done: 1, days: 30 });
    expect(await getPullRequest(db, { repoId: 186853002, number: 3 })).toMatchObject({ author: "octocat" });
    expect(await findRepositoryId(db, { owner: "codertocat", name: "hello-world" })).toBe(186853002);
    // The repo's own metrics settings decide which deployments and issues count.
    expect(fake.queries("BackfillDeployments").map((q) => q.variables.environments)).toEqual([["live"]]);
    expect(fake.queries("BackfillIncidents").map((q) => q.variables.labels)).toEqual([["sev1"]]);
    expect(fake.unhandled).toEqual([]);
  });

  it("installation_repositories.added imports the added repos; a redelivery starts nothing twice", async () => {
    const payload = example("installation_repositories", "added");
    await app.probot.receive({ id: "d-2", name: "installation_repositories", payload } as never);
    await app.probot.receive({ id: "d-2", name: "installation_repositories", payload } as never);
    release();
    await runner.idle();

    expect(await getBackfillJob(db, 186853007)).toMatchObject({ owner: "Codertocat", repo: "Space", state: "done", done: 1, attempts: 1 });
    expect(fake.queries("BackfillPullRequests")).toHaveLength(1);
  });
});
