import { describe, expect, it } from "vitest";
import { appEnv } from "../../bench/apps.js";
import { scratchDatabase } from "../../bench/scratch-database.js";
import { FakeGitHubServer } from "../helpers/fake-github-server.js";
import { AppProcess, SCALE_DATABASE_URL, SKIP_REASON } from "./cluster.js";

const REDIS_URL = process.env.TEST_REDIS_URL;
const SKIP = !SCALE_DATABASE_URL ? SKIP_REASON : !REDIS_URL ? "skipped: set TEST_REDIS_URL=redis://… to run it (CI sets it)" : "";

const WARNING = /Set REDIS_URL when running more than one replica/g;

describe.skipIf(Boolean(SKIP))(`the start-up pacing warning in a real process ${SKIP}`, () => {
  it("is logged exactly once with DATABASE_URL and no REDIS_URL, and not at all with REDIS_URL", async () => {
    const github = await new FakeGitHubServer().start();
    const scratch = await scratchDatabase(SCALE_DATABASE_URL as string, "shipshape_warning");
    const alone = new AppProcess("alone", appEnv(github, { DATABASE_URL: scratch.url, LOG_LEVEL: "warn" }));
    const shared = new AppProcess("shared", appEnv(github, { DATABASE_URL: scratch.url, REDIS_URL: REDIS_URL as string, LOG_LEVEL: "warn" }));
    try {
      await alone.start();
      await shared.start();
      // Past the start: a warning logged later (or twice) would show here.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(alone.stdout.match(WARNING) ?? [], alone.stdout).toHaveLength(1);
      expect(shared.stdout.match(WARNING) ?? [], shared.stdout).toHaveLength(0);
    } finally {
      await alone.stop();
      await shared.stop();
      await scratch.drop();
      await github.stop();
    }
  }, 120_000);
});
