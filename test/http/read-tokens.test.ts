import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenCommand } from "../../src/cli/commands/token.js";
import { createRouter } from "../../src/http/router.js";
import { json } from "../../src/http/types.js";
import { readTokenScope } from "../../src/store/read-tokens.js";
import { cliContext } from "../helpers/cli-context.js";
import { seedMetrics } from "../helpers/seed-metrics.js";
import { startServer } from "../helpers/server.js";

const END = Date.parse("2024-06-03T00:00:00Z");
const WINDOW = "from=2024-05-01&to=2024-06-03";

describe("scoped read tokens on /api/v1 (issue 19, ADR 0059)", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const { context, out } = cliContext(() => server.deps.db);
  beforeAll(async () => {
    server = await startServer();
    await seedMetrics(server.deps.db, { prs: 5, repoId: 1, owner: "acme", name: "api", end: END, days: 30 });
    await seedMetrics(server.deps.db, { prs: 7, repoId: 2, owner: "acme", name: "web", end: END, days: 30 });
    await seedMetrics(server.deps.db, { prs: 3, repoId: 3, owner: "other", name: "x", end: END, days: 30 });
  });
  afterAll(() => server.stop());

  const get = (path: string, token: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const merged = async (path: string, token: string) => {
    const response = await get(`${path}/rework?${WINDOW}`, token);
    expect(response.status).toBe(200);
    return ((await response.json()) as { merged: number }).merged;
  };
  async function create(target: string, ...flags: string[]): Promise<string> {
    expect(await tokenCommand.run(["create", "--read", target, ...flags], context)).toBe(0);
    const token = out.pop()!;
    expect(token).toMatch(/^shpread_[A-Za-z0-9_-]{43}$/);
    return token;
  }

  // What the operator's token sees; a scoped token must see the same, or less.
  const all = { api: 0, web: 0, acme: 0 };
  it("the operator token still sees every repository and organisation", async () => {
    all.api = await merged("/api/v1/repos/acme/api", "api-token");
    all.web = await merged("/api/v1/repos/acme/web", "api-token");
    all.acme = await merged("/api/v1/orgs/acme", "api-token");
    expect(all.api).toBeGreaterThan(0);
    expect(all.web).toBeGreaterThan(0);
    expect(all.acme).toBe(all.api + all.web);
    expect(await merged("/api/v1/orgs/other", "api-token")).toBeGreaterThan(0);
    expect((await get("/api/v1/orgs/acme/teams", "api-token")).status).toBe(200);
  });

  it("an owner token reads that owner's repos and organisation; another owner is 404, as if never recorded", async () => {
    const token = await create("acme");
    expect(await merged("/api/v1/repos/acme/api", token)).toBe(all.api);
    expect(await merged("/api/v1/repos/ACME/web", token)).toBe(all.web);
    expect(await merged("/api/v1/orgs/acme", token)).toBe(all.acme);
    expect((await get("/api/v1/orgs/acme/teams", token)).status).toBe(200);
    const outside = await get(`/api/v1/repos/other/x/rework?${WINDOW}`, token);
    expect(outside.status).toBe(404);
    const neverSeen = await get(`/api/v1/repos/nobody/x/rework?${WINDOW}`, "api-token");
    expect(await outside.json()).toEqual({ error: "Shipshape has recorded nothing for other/x yet: is the app installed there?" });
    expect(neverSeen.status).toBe(404);
    expect((await get(`/api/v1/orgs/other/dora?${WINDOW}`, token)).status).toBe(404);
    expect((await get("/api/v1/orgs/other/teams", token)).status).toBe(404);
  });

  it("a repo token reads that repo; its organisation's figures count only it; sibling repos are 404", async () => {
    const token = await create("acme/api");
    expect(await merged("/api/v1/repos/acme/api", token)).toBe(all.api);
    expect(await merged("/api/v1/orgs/acme", token)).toBe(all.api);
    const pulls = await get(`/api/v1/repos/acme/api/pulls?${WINDOW}`, token);
    expect(pulls.status).toBe(200);
    expect(((await pulls.json()) as { pulls: unknown[] }).pulls.length).toBeGreaterThan(0);
    expect((await get(`/api/v1/repos/acme/web/pulls?${WINDOW}`, token)).status).toBe(404);
    expect((await get(`/api/v1/repos/other/x/cycle-time?${WINDOW}`, token)).status).toBe(404);
    expect((await get(`/api/v1/orgs/other/rework?${WINDOW}`, token)).status).toBe(404);
    // The team list describes the whole organisation: not for a token of one repo.
    expect((await get("/api/v1/orgs/acme/teams", token)).status).toBe(404);
  });

  it("a revoked token, an unknown one and a read token on the upload route get 401", async () => {
    const token = await create("acme");
    expect(await merged("/api/v1/repos/acme/api", token)).toBe(all.api);
    expect(await tokenCommand.run(["list"], context)).toBe(0);
    const id = out.find((line) => line.includes(" read ") && line.endsWith("-"))!.split(" ")[0]!;
    expect(await tokenCommand.run(["revoke", id], context)).toBe(0);
    expect(out.pop()).toBe(`Revoked read token ${id}: requests with it now get 401.`);
    // The store keeps no secret: only the scope decides, and this one is revoked.
    const revoked = await get(`/api/v1/repos/acme/api/rework?${WINDOW}`, token);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ error: "this read token was revoked: ask the operator for a new one (`shipshape token create --read owner`)" });
    const unknown = await get(`/api/v1/repos/acme/api/rework?${WINDOW}`, `shpread_${"A".repeat(43)}`);
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/^unknown read token/);

    const live = await create("acme/api");
    const upload = await fetch(`${server.url}/api/v1/repos/acme/api/coverage?sha=${"a".repeat(40)}&branch=main`, { method: "POST", headers: { authorization: `Bearer ${live}` }, body: "SF:a\nDA:1,1\nend_of_record\n" });
    expect(upload.status).toBe(401);
  });

  it("a read token is refused (403) on an API route that writes, while the operator token passes", async () => {
    const token = await create("acme");
    let writes = 0;
    const router = createRouter({
      routes: [{ method: "POST", pattern: "/api/v1/repos/:owner/:repo/write", auth: "api", handle: async () => (writes++, json(200, { ok: true })) }],
      apiToken: "api-token",
      readTokens: (given) => readTokenScope(server.deps.db, given),
    });
    const http: Server = createServer((req, res) => void router(req, res));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/v1/repos/acme/api/write`;
      const refused = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}` } });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ error: "read tokens only read: send Authorization: Bearer $SHIPSHAPE_API_TOKEN to change anything" });
      expect(writes).toBe(0);
      expect((await fetch(url, { method: "POST", headers: { authorization: "Bearer api-token" } })).status).toBe(200);
      expect(writes).toBe(1);
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});

describe("shipshape token create --read / list / revoke", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const { context, out, err } = cliContext(() => server.deps.db);
  beforeAll(async () => {
    server = await startServer();
    await seedMetrics(server.deps.db, { prs: 1, repoId: 1, owner: "acme", name: "api", end: END, days: 2 });
  });
  afterAll(() => server.stop());

  it("refuses an owner or repo Shipshape never recorded unless --force, and says so in one line", async () => {
    expect(await tokenCommand.run(["create", "--read", "acme/typo"], context)).toBe(1);
    expect(err.pop()).toBe("Check the spelling of acme/typo, or add --force: Shipshape has recorded nothing for it, so the token would see nothing yet.");
    expect(await tokenCommand.run(["create", "--read", "nobody"], context)).toBe(1);
    expect(out).toHaveLength(0);
    expect(await tokenCommand.run(["create", "--read", "acme/typo", "--force"], context)).toBe(0);
    expect(out.pop()).toMatch(/^shpread_/);
    expect(err.pop()).toMatch(/^Read token rt_[0-9a-f]{12} for acme\/typo created\. It is shown only now/);
    expect(await tokenCommand.run(["create", "--read", "Acme"], context)).toBe(0);
    expect(await tokenCommand.run(["create", "--read", "acme/api"], context)).toBe(0);
  });

  it("refuses a malformed target and bad usage with exit code 2", async () => {
    expect(await tokenCommand.run(["create", "--read", "a/b/c"], context)).toBe(2);
    expect(err.pop()).toContain("Give --read an owner (acme) or a repository (acme/api)");
    expect(await tokenCommand.run(["create", "--read"], context)).toBe(2);
    expect(await tokenCommand.run(["list", "extra"], context)).toBe(2);
    expect(await tokenCommand.run(["revoke", "rt_nothex"], context)).toBe(2);
  });

  it("lists id, kind, scope, created and revoked of every token, never a secret; revokes one read token by id", async () => {
    out.length = 0;
    expect(await tokenCommand.run(["create", "acme/api"], context)).toBe(0);
    const upload = out.pop()!;
    expect(await tokenCommand.run(["create", "--read", "acme/api"], context)).toBe(0);
    const secret = out.pop()!;
    const id = /rt_[0-9a-f]{12}/.exec(err.pop()!)![0];
    expect(await tokenCommand.run(["list"], context)).toBe(0);
    expect(out[0]).toMatch(/^ID\s+KIND\s+SCOPE\s+CREATED\s+REVOKED$/);
    expect(out.filter((line) => / read /.test(line))).toHaveLength(4);
    expect(out.filter((line) => / upload /.test(line))).toHaveLength(1);
    expect(out.find((line) => line.startsWith(id))).toMatch(new RegExp(`^${id}\\s+read\\s+acme/api\\s+\\d{1,2} [A-Z][a-z]{2} \\d\\d:\\d\\d UTC\\s+-$`));
    expect(out.join("\n")).not.toContain(secret.slice("shpread_".length, 20));
    expect(out.join("\n")).not.toContain(upload.slice("shpcov_".length, 20));

    expect(await tokenCommand.run(["revoke", id], context)).toBe(0);
    expect(await tokenCommand.run(["revoke", id], context)).toBe(0);
    expect(out.pop()).toBe(`Read token ${id} was already revoked.`);
    expect(await tokenCommand.run(["revoke", "rt_000000000000"], context)).toBe(1);
    expect(err.pop()).toBe("No read token rt_000000000000: see `shipshape token list` for the ids.");
    out.length = 0;
    expect(await tokenCommand.run(["list"], context)).toBe(0);
    expect(out.find((line) => line.startsWith(id))).toMatch(/\d\d:\d\d UTC\s+\d{1,2} [A-Z][a-z]{2} \d\d:\d\d UTC$/);
    // Upload tokens keep their own commands.
    expect(await tokenCommand.run(["revoke", "acme/api"], context)).toBe(0);
    expect(out.pop()).toBe("Revoked 1 upload token of acme/api: uploads with it now get 401.");
  });
});
