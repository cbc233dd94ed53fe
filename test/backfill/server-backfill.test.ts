import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getBackfillJob } from "../../src/store/backfill-jobs.js";
import { getPullRequest } from "../../src/store/pull-requests.js";
import { example } from "../helpers/examples.js";
import { GITHUB_API, deliver, eventually, startServer } from "../helpers/server.js";
import { FakeHistory, makePullRequestNode } from "./fake-history.js";

type Server = Awaited<ReturnType<typeof startServer>>;
const DAY = 86_400_000;

describe("the app as `npm start` builds it", () => {
  let server: Server;
  let github: FakeHistory;
  let release: () => void;

  beforeEach(async () => {
    github = new FakeHistory(GITHUB_API).install();
    const merged = new Date(Date.now() - 2 * DAY).toISOString();
    github.mergedCount = 1;
    github.pullRequests = [makePullRequestNode({ number: 12, createdAt: merged, updatedAt: merged, mergedAt: merged, closedAt: merged })];
    github.gate = new Promise<void>((resolve) => (release = resolve));
    server = await startServer({ SHIPSHAPE_BACKFILL_DAYS: "14" });
  });
  afterEach(async () => {
    release();
    await server.stop();
  });

  it("installation.created: a backfill runs in the background, /readyz shows it until it is done", async () => {
    expect((await deliver(server.url, { event: "installation", id: "inst-1", payload: example("installation", "created") })).status).toBe(202);

    type Ready = { backfills: { running: number; jobs: Array<{ repo: string; phase: string; done: number; total: number | null }> } };
    const readyz = async () => (await (await fetch(`${server.url}/readyz`, { headers: { authorization: "Bearer api-token" } })).json()) as Ready;
    await eventually(async () => (await readyz()).backfills.running === 1, "backfill job visible in /readyz");
    expect((await readyz()).backfills.jobs).toEqual([expect.objectContaining({ repo: "Codertocat/Hello-World", phase: "pull_requests", done: 0 })]);

    // Anyone may probe readiness; only the token holder learns which repositories are backfilled.
    const publicBody = await (await fetch(`${server.url}/readyz`)).text();
    expect(JSON.parse(publicBody)).toMatchObject({ status: "ready", backfills: { running: 1 } });
    expect(JSON.parse(publicBody).backfills).toEqual({ running: 1, failed_count: 0 });
    expect(publicBody).not.toContain("Hello-World");
    const wrongToken = (await (await fetch(`${server.url}/readyz`, { headers: { authorization: "Bearer nope" } })).json()) as Ready;
    expect(wrongToken.backfills).toEqual({ running: 1, failed_count: 0 });

    release();
    await eventually(async () => (await readyz()).backfills.running === 0, "backfill finished");
    expect((await readyz()).backfills.jobs).toEqual([]);
    expect(await getBackfillJob(server.deps.db, 186853002)).toMatchObject({ state: "done", done: 1, total: 1, days: 14, installationId: 957387 });
    expect(await getPullRequest(server.deps.db, { repoId: 186853002, number: 12 })).toMatchObject({ author: "octocat" });
    expect(github.requests.some((r) => r.path === "/app/installations/957387/access_tokens")).toBe(true);
    expect(github.unhandled).toEqual([]);
  });
});
