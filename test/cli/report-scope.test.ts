import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/main.js";
import { parseEnv } from "../../src/env.js";
import type { Db } from "../../src/store/db.js";
import { seedMetrics } from "../helpers/seed-metrics.js";
import { stores } from "../helpers/stores.js";

describe.each(stores)("report and digest name an organisation or a repository ($name)", (store) => {
  let db: Db;
  const end = Date.now();
  beforeAll(async () => {
    db = await store.open();
    await seedMetrics(db, { prs: 40, days: 20, end });
    await seedMetrics(db, { prs: 30, days: 20, end, repoId: 2, name: "api", seed: 7 });
  });
  afterAll(() => db.close());

  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const context: CliContext = { out: (line) => void out.push(line), err: (line) => void err.push(line), env: parseEnv({}), interactive: false, db: async () => db };
    const code = await runCli(args, context);
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  it("reports an organisation over all its repositories", async () => {
    const org = JSON.parse((await run(["report", "acme", "--format", "json"])).out);
    const shop = JSON.parse((await run(["report", "acme/shop", "--format", "json"])).out);
    const api = JSON.parse((await run(["report", "acme/api", "--format", "json"])).out);
    expect(org).toMatchObject({ organisation: "acme", repos: 2 });
    expect(shop.repo).toBe("acme/shop");
    expect(org.phases.cycle.count).toBe(shop.phases.cycle.count + api.phases.cycle.count);
    expect(org.phases.cycle.count).toBeGreaterThan(0);
    const table = await run(["report", "acme"]);
    expect(table.code).toBe(0);
    expect(table.out.split("\n")[0]).toMatch(/^acme \(2 repositories\): PRs merged \d{1,2} [A-Z][a-z]{2}( \d{4})? \.\. \d{1,2} [A-Z][a-z]{2} \(UTC\), bots excluded$/);
    expect(table.out).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it.each([
    [["report", "nobody"], "Nothing recorded for nobody yet: check the organisation's name, install the app there, or run `shipshape backfill nobody/<repo>`."],
    [["report", "acme/nothing"], "Nothing recorded for acme/nothing yet: check the repository's name, install the app there, or run `shipshape backfill acme/nothing`."],
    [["digest", "acme/nothing"], "Nothing recorded for acme/nothing yet: check the repository's name, install the app there, or run `shipshape backfill acme/nothing`."],
    [["digest", "nobody"], "Nothing recorded for nobody yet: check the organisation's name, install the app there, or run `shipshape backfill nobody/<repo>`."],
  ])("%j is an error, not an empty report", async (args, message) => {
    expect(await run(args)).toEqual({ code: 1, out: "", err: message });
  });

  it("still prints the digest of a known repository", async () => {
    const digest = await run(["digest", "acme/shop"]);
    expect(digest.code).toBe(0);
    expect(digest.out).toContain("Shipshape weekly: acme/shop");
  });

  it("refuses a name that is neither", async () => {
    expect(await run(["report", "acme/shop/extra"])).toMatchObject({ code: 2, err: expect.stringContaining("Name an organisation or a repository") });
  });
});
