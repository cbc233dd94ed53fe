import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import type { CliContext } from "../../src/cli/context.js";
import { openStore, type Db } from "../../src/store/db.js";
import { seedDashboard } from "../dashboard/seed-dashboard.js";
import { slackMessage, teamsMessage } from "./message-shapes.js";
import { startReceiver } from "./webhook-receiver.js";
import { parseEnv } from "../../src/env.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function context(env: Record<string, string> = {}) {
  const db: Db = await openStore({ dataDir: ":memory:" });
  await seedDashboard(db);
  cleanups.push(() => db.close());
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { out: (l) => out.push(l), err: (l) => err.push(l), env: parseEnv(env), db: async () => db, interactive: false };
  return { ctx, out, err };
}

describe("shipshape digest", () => {
  it("prints the digest of a past week", async () => {
    const { ctx, out } = await context();
    expect(await runCli(["digest", "acme/api", "--week", "2024-W21"], ctx)).toBe(0);
    const text = out.join("\n").split("\n");
    expect(text[0]).toBe("Shipshape weekly: acme/api, 2024-W21");
    expect(text[2]).toBe("Median cycle time 20h over 2 merged PRs (no merged PRs in the 4 weeks before).");
    expect(text).toContain("  Coding                           8h · before —");
    expect(text).toContain("Merged PRs that failed a check: ticket: 1 of 2 (acme/api#2) · coverage: 1 of 2 (acme/api#2).");
  });

  it("prints the Slack or Teams body with --format", async () => {
    const { ctx, out } = await context();
    expect(await runCli(["digest", "acme", "--week", "2024-W21", "--format", "teams"], ctx)).toBe(0);
    expect(teamsMessage.parse(JSON.parse(out.join("\n"))).type).toBe("message");
  });

  it("--post posts to the webhooks configured for that owner/repo only", async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const { ctx, out } = await context({ SHIPSHAPE_DIGEST_WEBHOOKS: `acme/api=slack:${receiver.url}/api;acme=teams:${receiver.url}/org` });
    expect(await runCli(["digest", "acme/api", "--post", "--week", "2024-W21"], ctx)).toBe(0);
    expect(receiver.posts.map((p) => p.path)).toEqual(["/api"]);
    expect(slackMessage.parse(receiver.posts[0]?.body).text).toContain("acme/api, 2024-W21");
    expect(out).toEqual([`Posted the 2024-W21 digest of acme/api to the slack webhook ${receiver.url}/….`]);
  });

  it.each([
    [["digest"], 2, "Usage: shipshape digest owner[/repo]"],
    [["digest", "acme/api", "--week", "last"], 2, `--week must be an ISO week like 2024-W23, not "last".`],
    [["digest", "acme/api", "--post"], 1, "No webhook for acme/api in SHIPSHAPE_DIGEST_WEBHOOKS"],
    [["digest", "acme/api", "--frobnicate"], 2, "Unknown option '--frobnicate'"],
  ])("%j exits %i saying what to do", async (argv, code, message) => {
    const { ctx, err } = await context();
    expect(await runCli(argv, ctx)).toBe(code);
    expect(err.join("\n")).toContain(message);
  });
});
