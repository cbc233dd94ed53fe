import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBackfillRunner } from "../../src/backfill/backfill-runner.js";
import { storeFiguresSource } from "../../src/reporting/load-figures.js";
import { pullsPage } from "../../src/dashboard/pulls-page.js";
import { getBackfillJob } from "../../src/store/backfill-jobs.js";
import { listKnownRepositories } from "../../src/store/dashboard.js";
import type { Db } from "../../src/store/db.js";
import { stores } from "../helpers/stores.js";
import { FakeHistory, makePullRequestNode, testOctokit } from "./fake-history.js";

const NOW = Date.parse("2024-06-03T10:00:00Z");
const GHE = "http://git.acme.corp:8080/acme/shop";

// Issue 18: a repository known only from a backfill (no webhook yet) still links its PRs where
// GitHub serves them: the GraphQL answer's repository `url` is stored as its html_url.
describe.each(stores)("the backfill stores the repository's web address, on $name", (store) => {
  let db: Db;
  let fake: FakeHistory;

  beforeEach(async () => {
    db = await store.open();
    fake = new FakeHistory().install();
    fake.mergedCount = 2;
    fake.pullRequests = [8, 7].map((number) => makePullRequestNode({ number }));
  });
  afterEach(() => db.close());

  const runImport = async () => {
    const runner = createBackfillRunner({
      db,
      days: 30,
      auth: async () => testOctokit(),
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      clock: { now: () => NOW, sleep: async () => undefined },
    });
    await runner.enqueue({ installationId: 5, repos: [{ id: 31, owner: "acme", name: "shop" }] });
    await runner.idle();
  };

  it("from the PR pages, and the dashboard's PR list links there", async () => {
    fake.repositoryUrl = GHE;
    await runImport();

    expect(await getBackfillJob(db, 31)).toMatchObject({ state: "done", done: 2 });
    const [query] = fake.requests.filter((r) => r.path === "/graphql").map((r) => String((r.body as { query: string }).query));
    expect(query).toMatch(/repository\(owner: \$owner, name: \$repo\) \{\s+url\s/);
    expect(await listKnownRepositories(db)).toEqual([{ repoId: 31, owner: "acme", name: "shop", htmlUrl: GHE }]);
    const range = { from: new Date("2024-05-01T00:00:00Z"), to: new Date("2024-06-04T00:00:00Z") };
    const pulls = await storeFiguresSource(db).pulls({ scope: { owner: "acme", repo: "shop" }, range, viewer: { kind: "all" } });
    // Both merged at the same moment: their order is not the point.
    expect(pulls?.map((pr) => pr.url).sort()).toEqual([`${GHE}/pull/7`, `${GHE}/pull/8`]);
    const html = pullsPage({ scope: { owner: "acme", repo: "shop" }, range, filters: { hygiene: {} }, list: { shown: pulls ?? [], total: 2, authors: [] }, githubWebUrl: "https://github.com", now: new Date(NOW), viewer: {} });
    expect(html).toContain(`href="${GHE}/pull/8"`);
    expect(html).not.toContain("https://github.com/acme/shop");
  });

  it("keeps no address when GitHub gives none: links fall back to the configured host", async () => {
    await runImport();
    expect(await listKnownRepositories(db)).toEqual([{ repoId: 31, owner: "acme", name: "shop", htmlUrl: null }]);
    const pulls = await storeFiguresSource(db).pulls({ scope: { owner: "acme", repo: "shop" }, range: { from: new Date("2024-05-01T00:00:00Z"), to: new Date("2024-06-04T00:00:00Z") }, viewer: { kind: "all" } });
    expect(pulls?.map((pr) => pr.url)).toEqual([null, null]);
  });
});
