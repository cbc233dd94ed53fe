import { describe, expect, it } from "vitest";
import { StartupError, readSettings, webhookSecret } from "../src/env.js";

describe("start-up settings", () => {
  it.each([
    [{ NODE_ENV: "production" }, "no secret"],
    [{ NODE_ENV: "production", WEBHOOK_SECRET: "development" }, "Probot's development default"],
    [{ NODE_ENV: "production", WEBHOOK_SECRET: "" }, "an empty secret"],
  ] as Array<[NodeJS.ProcessEnv, string]>)("refuses to start in production with %o (%s)", (env) => {
    expect(() => webhookSecret(env)).toThrow(StartupError);
    expect(() => webhookSecret(env)).toThrow("Refusing to start: NODE_ENV=production needs a real WEBHOOK_SECRET");
  });

  it("accepts a real secret in production, and falls back to Probot's default in development", () => {
    expect(webhookSecret({ NODE_ENV: "production", WEBHOOK_SECRET: "s3cret" })).toBe("s3cret");
    expect(webhookSecret({})).toBe("development");
  });

  it("reads Shipshape's variables with their defaults and rejects nonsense", () => {
    expect(readSettings({})).toEqual({ apiToken: undefined, backfillDays: 90, backfillShare: 0.5, dataDir: "data", webhookBodyBudgetBytes: 64 * 1024 * 1024, inflateBudgetBytes: 320 * 1024 * 1024, trackers: { jira: new Map(), linear: new Map() }, githubHost: "github.com", reviewActiveDays: 30 });
    expect(
      readSettings({ SHIPSHAPE_API_TOKEN: "t", SHIPSHAPE_BACKFILL_DAYS: "30", SHIPSHAPE_BACKFILL_RATE_SHARE: "0.25", SHIPSHAPE_DATA_DIR: "/var/lib/shipshape" }),
    ).toEqual({
      apiToken: "t",
      backfillDays: 30,
      backfillShare: 0.25,
      dataDir: "/var/lib/shipshape",
      webhookBodyBudgetBytes: 64 * 1024 * 1024,
      inflateBudgetBytes: 320 * 1024 * 1024,
      trackers: { jira: new Map(), linear: new Map() },
      githubHost: "github.com",
      reviewActiveDays: 30,
    });
    expect(readSettings({ SHIPSHAPE_REVIEW_ACTIVE_DAYS: "14" })).toMatchObject({ reviewActiveDays: 14 });
    expect(() => readSettings({ SHIPSHAPE_REVIEW_ACTIVE_DAYS: "0" })).toThrow('SHIPSHAPE_REVIEW_ACTIVE_DAYS must be a whole number of days from 1 to 3650, not "0"');
    expect(readSettings({ GHE_HOST: "ghe.acme.corp" })).toMatchObject({ githubHost: "ghe.acme.corp" });
    expect(() => readSettings({ SHIPSHAPE_BACKFILL_DAYS: "ninety" })).toThrow("SHIPSHAPE_BACKFILL_DAYS must be a whole number");
    expect(readSettings({ SHIPSHAPE_WEBHOOK_BODY_BUDGET_MB: "100", SHIPSHAPE_INFLATE_BUDGET_MB: "16" })).toMatchObject({ webhookBodyBudgetBytes: 100 * 1024 * 1024, inflateBudgetBytes: 16 * 1024 * 1024 });
    expect(() => readSettings({ SHIPSHAPE_WEBHOOK_BODY_BUDGET_MB: "10" })).toThrow('SHIPSHAPE_WEBHOOK_BODY_BUDGET_MB must be a whole number of megabytes from 25 to 65536, not "10"');
    expect(() => readSettings({ SHIPSHAPE_INFLATE_BUDGET_MB: "lots" })).toThrow("SHIPSHAPE_INFLATE_BUDGET_MB must be a whole number of megabytes from 1 to 65536");
    expect(() => readSettings({ SHIPSHAPE_BACKFILL_RATE_SHARE: "1.5" })).toThrow("SHIPSHAPE_BACKFILL_RATE_SHARE must be a fraction above 0 and at most 1");
  });
});
