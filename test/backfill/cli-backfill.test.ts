import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import type { CliContext } from "../../src/cli/context.js";
import { getBackfillJob } from "../../src/store/backfill-jobs.js";
import { listTeams } from "../../src/store/teams.js";
import { openStore, type Db } from "../../src/store/db.js";
import { FakeHistory, makePullRequestNode } from "./fake-history.js";
import { parseEnv } from "../../src/env.js";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe("shipshape backfill owner/repo", () => {
  let db: Db;
  let fake: FakeHistory;
  let out: string[];
  let err: string[];

  const context = (env: Record<string, string> = {}): CliContext => ({
    out: (line) => void out.push(line),
    err: (line) => void err.push(line),
    env: parseEnv({ APP_ID: "12345", PRIVATE_KEY: privateKey, ...env }),
    interactive: false,
    db: async () => db,
  });

  beforeEach(async () => {
    db = await openStore({ dataDir: ":memory:" });
    out = [];
    err = [];
    fake = new FakeHistory().install();
    const now = Date.now();
    fake.mergedCount = 2;
    fake.pullRequests = [
      makePullRequestNode({ number: 2, createdAt: iso(now - 3 * DAY), updatedAt: iso(now - 2 * DAY), mergedAt: iso(now - 2 * DAY), closedAt: iso(now - 2 * DAY) }),
      makePullRequestNode({ number: 1, createdAt: iso(now - 12 * DAY), updatedAt: iso(now - 10 * DAY), mergedAt: iso(now - 10 * DAY), closedAt: iso(now - 10 * DAY) }),
    ];
    fake.route("GET", /^\/repos\/(?:Acme\/Shop|acme\/shop)\/installation$/, () => [200, { id: 99, account: { login: "acme" } }]);
    fake.route("POST", /^\/app\/installations\/99\/access_tokens$/, () => [201, { token: "ghs_installation", expires_at: iso(now + 3_600_000), permissions: {}, repository_selection: "all" }]);
    fake.route("GET", /^\/repos\/(?:Acme\/Shop|acme\/shop)$/, () => [200, { id: 4242, name: "shop", full_name: "acme/shop", owner: { login: "acme" } }]);
  });
  afterEach(() => db.close());

  it("finds the installation with the app's JWT, imports as the installation, prints what it imported", async () => {
    expect(await runCli(["backfill", "Acme/Shop", "--days", "7"], context())).toBe(0);

    expect(out.at(-1)).toMatch(/^Imported acme\/shop, last 7 days: 1 merged PRs, 0 production deployments, 0 incidents \(\d+ GitHub requests\)\.$/);
    // Without a terminal, each page is a line instead of a bar.
    expect(out).toContain("backfill acme/shop: 1/2 merged PRs, 0 deployments, 0 incidents; next: deployments");
    expect(await getBackfillJob(db, 4242)).toMatchObject({ owner: "acme", repo: "shop", installationId: 99, state: "done", done: 1, days: 7 });
    expect(fake.requests.slice(0, 3).map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/Acme/Shop/installation",
      "POST /app/installations/99/access_tokens",
      "GET /repos/Acme/Shop",
    ]);
    expect(fake.unhandled).toEqual([]);
  });

  it("with a terminal, shows a progress bar instead of a line per page", async () => {
    expect(await runCli(["backfill", "acme/shop", "--days", "30"], { ...context(), interactive: true })).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^Imported acme\/shop, last 30 days: 2 merged PRs, 0 production deployments, 0 incidents/)]);
  });

  it("refuses without the app's credentials, and explains", async () => {
    expect(await runCli(["backfill", "acme/shop"], { ...context(), env: parseEnv({}) })).toBe(2);
    expect(err).toEqual(["Set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to the GitHub App's: the import reads GitHub as the app's installation."]);
    expect(fake.requests).toEqual([]);
  });

  it.each([
    [["backfill"], "Usage: shipshape backfill owner/repo [--days N] [--restart]"],
    [["backfill", "acme"], "Usage: shipshape backfill owner/repo [--days N] [--restart]"],
    [["backfill", "acme/shop", "--days", "two"], '--days must be a whole number of days from 1 to 3650, not "two".'],
  ])("%j is a usage error", async (argv, message) => {
    expect(await runCli(argv, context())).toBe(2);
    expect(err).toEqual([message]);
  });

  it("says so when the app is not installed on the repo", async () => {
    fake.route("GET", /^\/repos\/acme\/elsewhere\/installation$/, () => [404, { message: "Not Found" }]);
    expect(await runCli(["backfill", "acme/elsewhere"], context())).toBe(1);
    expect(err).toEqual(["Install the app on acme/elsewhere first: it has no installation there (or the repository does not exist)."]);
  });

  it("reads the organisation's teams before importing, so the history is grouped by team from day one (ADR 0064)", async () => {
    fake.hasConfig("acme", ".github", "metrics:\n  teams:\n    github: true\n    members:\n      shop-team: [octocat]\n");
    fake.route("GET", /^\/orgs\/acme\/teams$/, () => [200, [{ id: 1, slug: "platform" }]]);
    fake.route("GET", /^\/orgs\/acme\/teams\/platform\/members$/, () => [200, [{ login: "Carol" }]]);
    expect(await runCli(["backfill", "acme/shop", "--days", "14"], context())).toBe(0);
    expect(await listTeams(db, "acme")).toEqual([
      { name: "platform", logins: ["carol"], repoIds: [] },
      { name: "shop-team", logins: ["octocat"], repoIds: [] },
    ]);
    expect(fake.requests.filter((r) => r.path.startsWith("/orgs/") || r.path.startsWith("/repos/acme/.github/")).map((r) => `${r.method} ${r.path}`)).toEqual([
      // The repository's settings fall back to the organisation's file; the teams read it once more.
      "GET /repos/acme/.github/contents/.github%2Fshipshape.yml",
      "GET /repos/acme/.github/contents/.github%2Fshipshape.yml",
      "GET /orgs/acme/teams",
      "GET /orgs/acme/teams/platform/members",
    ]);
    expect(fake.unhandled).toEqual([]);
  });
});
