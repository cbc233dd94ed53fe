import { Probot, ProbotOctokit } from "probot";
import type { AppDeps } from "../../src/app-deps.js";
import { createMemoryBudget } from "../../src/lib/byte-budget.js";
import { createCaches } from "../../src/gather/caches.js";
import { shipshape } from "../../src/index.js";
import { openStore, type Db } from "../../src/store/db.js";
import { createTelemetry } from "../../src/lib/telemetry.js";

export interface TestApp {
  probot: Probot;
  deps: AppDeps;
  db: Db;
  /** Moves the app's clock. */
  setNow(iso: string): void;
  close(): Promise<void>;
}

/**
 * The real app on an in-memory store, authenticated with a plain token so tests need no JWT
 * dance, with Octokit's retries and throttling off so a test sees each request exactly once.
 */
export async function createTestApp(options: { db?: Db; now?: string; deps?: Partial<AppDeps> } = {}): Promise<TestApp> {
  const db = options.db ?? (await openStore({ dataDir: ":memory:" }));
  let now = new Date(options.now ?? "2024-06-03T10:00:00Z");
  const deps: AppDeps = {
    db,
    now: () => now,
    caches: createCaches({ now: () => now.getTime(), configTtlMs: 60_000 }),
    telemetry: createTelemetry(),
    memory: createMemoryBudget(),
    settings: { apiToken: "test-token", backfillDays: 90, dataDir: ":memory:" },
    ...options.deps,
  };
  const probot = new Probot({
    githubToken: "test",
    logLevel: "fatal",
    // A function, not an object: Probot merges its own throttle options over object defaults.
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...(options.throttle as object), enabled: false },
    })) as typeof ProbotOctokit,
  });
  await probot.load(shipshape(deps));
  return {
    probot,
    deps,
    db,
    setNow: (iso) => {
      now = new Date(iso);
    },
    close: () => db.close(),
  };
}
