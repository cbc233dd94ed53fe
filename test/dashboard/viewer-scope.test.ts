import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopeOf, type ViewerScope } from "../../src/auth/viewer-scope.js";
import { scopeName } from "../../src/reporting/figures.js";
import { AuthThrottle, FREE_AUTH_FAILURES } from "../../src/http/auth-throttle.js";
import { storeFiguresSource } from "../../src/reporting/load-figures.js";
import type { Db } from "../../src/store/db.js";
import { createReadToken, revokeReadToken } from "../../src/store/read-tokens.js";
import { replaceTeams } from "../../src/store/teams.js";
import { stores } from "../helpers/stores.js";
import { startDashboard, type RunningDashboard } from "./dashboard-fixtures.js";
import { SEEDED_NOW, seedDashboard, seedSecondOwner, seedStaleAndFailed } from "./seed-dashboard.js";

const OPERATOR = { authorization: "Bearer s3cret-token" };
const RANGE = "from=2024-04-29&to=2024-06-02";

/** Every kind of dashboard route, for repositories and owners inside and outside a scope. */
const ROUTES = [
  "/dashboard",
  "/dashboard/acme",
  "/dashboard/acme/api",
  "/dashboard/acme/web",
  "/dashboard/acme/never",
  "/dashboard/acme/pulls",
  "/dashboard/acme/api/pulls",
  "/dashboard/acme/web/pulls",
  "/dashboard/acme/teams/Frontend",
  "/dashboard/acme/teams/payments",
  "/dashboard/acme/teams/Frontend/pulls",
  "/dashboard/acme/teams/payments/pulls",
  "/dashboard/globex",
  "/dashboard/globex/shop",
  "/dashboard/globex/pulls",
  "/dashboard/globex/shop/pulls",
  "/dashboard/globex/teams/shopfront",
  "/dashboard/globex/teams/shopfront/pulls",
  "/dashboard/acme/export/cycle-time.csv",
  "/dashboard/acme/export/dora.json",
  "/dashboard/acme/api/export/pulls.csv",
  "/dashboard/acme/web/export/pulls.json",
  "/dashboard/acme/teams/Frontend/export/pulls.csv",
  "/dashboard/acme/teams/payments/export/dora.json",
  "/dashboard/globex/export/cycle-time.json",
  "/dashboard/globex/shop/export/dora.csv",
  "/dashboard/globex/teams/shopfront/export/pulls.json",
];

/** Two owners, three repositories, teams in both, a stale PR and a failed backfill (acme/web). */
async function seedAll(db: Db): Promise<void> {
  await seedDashboard(db);
  await seedStaleAndFailed(db);
  await seedSecondOwner(db);
  const at = Date.parse(SEEDED_NOW);
  await replaceTeams(db, { owner: "acme", source: "config", at, teams: [{ name: "Frontend", members: [], repos: ["web"] }, { name: "payments", members: [], repos: ["api"] }] });
  await replaceTeams(db, { owner: "globex", source: "config", at, teams: [{ name: "shopfront", members: [], repos: ["shop"] }] });
}

/** The same store as if Shipshape had never recorded `repos` ("owner/name"): every row keyed by their ids is removed. */
async function forget(db: Db, repos: string[]): Promise<void> {
  const known = await db.kysely.selectFrom("metric_repos").select(["repo_id", "owner", "name"]).execute();
  const ids = known.filter((r) => repos.includes(`${r.owner}/${r.name}`)).map((r) => r.repo_id);
  expect(ids).toHaveLength(repos.length);
  const tables = (await db.kysely.introspection.getTables()).filter((t) => t.columns.some((c) => c.name === "repo_id"));
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["metric_repos", "pull_requests", "deployments", "backfill_jobs"]));
  for (const table of tables) {
    await db.kysely
      .deleteFrom(table.name as "pull_requests")
      .where("repo_id", "in", ids)
      .execute();
  }
}

async function get(app: RunningDashboard, path: string, headers: Record<string, string>) {
  const response = await fetch(`${app.url}${path}?${RANGE}`, { headers });
  return { status: response.status, type: response.headers.get("content-type"), disposition: response.headers.get("content-disposition"), body: await response.text() };
}

describe.each(stores.map((s) => [s.name, s] as const))("dashboard pages cut to the viewer's scope on %s", (_name, store) => {
  const opened: { db?: Db; app: RunningDashboard }[] = [];
  const serve = async (hide: string[]) => {
    const db = await store.open();
    await seedAll(db);
    if (hide.length > 0) await forget(db, hide);
    const app = await startDashboard({ source: storeFiguresSource(db), db, now: SEEDED_NOW });
    opened.push({ db, app });
    return { db, app };
  };
  let full: { db: Db; app: RunningDashboard };
  beforeAll(async () => {
    full = await serve([]);
  });
  afterAll(async () => {
    for (const { db, app } of opened) {
      await app.close();
      await db?.close();
    }
  });

  const cases = [
    { label: "acme/api", target: { kind: "repo", owner: "acme", name: "api" } as const, hidden: ["acme/web", "globex/shop"], outside: /acme\/web|globex/ },
    { label: "acme", target: { kind: "owner", owner: "acme" } as const, hidden: ["globex/shop"], outside: /globex/ },
  ];

  it.each(cases)("a read token for $label sees every route as a store holding only its repositories shows it to the operator", async ({ target, hidden, outside }) => {
    const { token } = await createReadToken(full.db, { target, now: Date.parse(SEEDED_NOW) });
    const only = await serve(hidden);
    const scoped = { authorization: `Bearer ${token}` };
    for (const path of ROUTES) {
      const seen = await get(full.app, path, scoped);
      const expected = await get(only.app, path, OPERATOR);
      expect({ path, ...seen }).toEqual({ path, ...expected });
      // Outside the scope is the unknown scope's 404, and no page names a hidden repository.
      const isOutside = outside.test(path) || path.includes("/never");
      expect({ path, status: seen.status }).toEqual({ path, status: isOutside ? 404 : 200 });
      if (!isOutside) expect(seen.body).not.toMatch(outside);
    }
  });

  it("cuts an organisation's figures to the visible repository: acme for an acme/api token is acme/api's figures", async () => {
    const { token } = await createReadToken(full.db, { target: { kind: "repo", owner: "acme", name: "api" }, now: Date.parse(SEEDED_NOW) });
    const scoped = { authorization: `Bearer ${token}` };
    const merged = (html: string) => /(\d+) merged PRs/.exec(html)?.[1];
    const org = await get(full.app, "/dashboard/acme", scoped);
    const repo = await get(full.app, "/dashboard/acme/api", scoped);
    const whole = await get(full.app, "/dashboard/acme", OPERATOR);
    // acme/api merged 3 PRs in the range, acme/web 1; acme/web's failed backfill is not the token's business.
    expect([merged(org.body), merged(repo.body), merged(whole.body)]).toEqual(["3", "3", "4"]);
    expect(whole.body).toContain("GitHub answered 404 for deployments of acme/web");
    expect(org.body).not.toContain("acme/web");
    const cycle = (html: string) => [...html.matchAll(/<g class="week" data-week="([^"]+)" data-count="(\d+)" data-cycle="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(cycle(org.body)).toHaveLength(5);
    expect(cycle(org.body)).toEqual(cycle(repo.body));
    expect(cycle(org.body)).not.toEqual(cycle(whole.body));
  });

  it("answers the overview with the visible repositories only, and the operator with all of them", async () => {
    const { token } = await createReadToken(full.db, { target: { kind: "owner", owner: "ACME" }, now: Date.parse(SEEDED_NOW) });
    const rows = (html: string) => [...html.matchAll(/<tr data-scope="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(rows((await get(full.app, "/dashboard", { authorization: `Bearer ${token}` })).body)).toEqual(["acme/api", "acme/web"]);
    expect(rows((await get(full.app, "/dashboard", OPERATOR)).body)).toEqual(["acme/api", "acme/web", "globex/shop"]);
    expect((await get(full.app, "/dashboard/globex/shop", OPERATOR)).status).toBe(200);
    // The summaries (the digest's lines) obey the same scope.
    const range = { from: new Date("2024-04-29T00:00:00Z"), to: new Date("2024-06-03T00:00:00Z") };
    const names = async (viewer: ViewerScope) => (await storeFiguresSource(full.db).summaries({ range, viewer })).map((s) => scopeName(s.scope)).sort();
    expect(await names(scopeOf([], ["acme/api"]))).toEqual(["acme", "acme/api"]);
    expect(await names({ kind: "all" })).toEqual(["acme", "acme/api", "acme/web", "globex", "globex/shop"]);
  });

  it("refuses a revoked or unknown read token with what to do", async () => {
    const { id, token } = await createReadToken(full.db, { target: { kind: "owner", owner: "acme" }, now: Date.parse(SEEDED_NOW) });
    expect((await get(full.app, "/dashboard/acme", { authorization: `Bearer ${token}` })).status).toBe(200);
    await revokeReadToken(full.db, { id, now: Date.parse(SEEDED_NOW) });
    const revoked = await get(full.app, "/dashboard/acme", { authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toContain("Ask the operator for a new read token: this one was revoked");
    const unknown = await get(full.app, "/dashboard/acme", { authorization: `Bearer ${token}x` });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toContain("Check the read token was copied whole");
    expect(unknown.body).not.toContain(`id="phase-chart"`);
  });

  it("backs off an address that guesses read tokens, as it does for wrong operator tokens", async () => {
    const { token } = await createReadToken(full.db, { target: { kind: "owner", owner: "acme" }, now: Date.parse(SEEDED_NOW) });
    const app = await startDashboard({ source: storeFiguresSource(full.db), db: full.db, now: SEEDED_NOW, throttle: new AuthThrottle(() => Date.parse(SEEDED_NOW)) });
    opened.push({ app });
    for (let i = 0; i <= FREE_AUTH_FAILURES; i++) expect((await get(app, "/dashboard", { authorization: `Bearer shpread_guess${i}` })).status).toBe(401);
    const throttled = await get(app, "/dashboard", { authorization: `Bearer ${token}` });
    expect(throttled.status).toBe(429);
  });
});
