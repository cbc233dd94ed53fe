import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, expect } from "vitest";
import type { AppDeps } from "../../src/app-deps.js";
import { createMemoryBudget } from "../../src/lib/byte-budget.js";
import { createCaches } from "../../src/gather/caches.js";
import { shipshape } from "../../src/index.js";
import { openStore, type Db } from "../../src/store/db.js";
import { createTelemetry } from "../../src/lib/telemetry.js";
import { FakeGitHub } from "./fake-github.js";
import type { TwinStores } from "./twin-stores.js";

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

/** What `useTestApp()` builds for each test. */
export interface UseTestAppOptions<G extends FakeGitHub = FakeGitHub> {
  now?: string;
  /** Dependencies to override; a function when they hold per-test state or need the test's store. */
  deps?: Partial<AppDeps> | ((db: Db) => Partial<AppDeps>);
  /** The fake GitHub to install, when a test needs a richer one (e.g. a GraphQL history). */
  github?: () => G;
}

/** The current test's app and fake GitHub; read their members inside hooks and tests only. */
export interface TestAppHandle<G extends FakeGitHub = FakeGitHub> {
  app: TestApp;
  github: G;
}

/**
 * The real app, an in-memory store and a fake GitHub, new for every test (docs/design.md, "Tests":
 * handlers driven through the real app, every GitHub request asserted). Teardown always asserts that
 * the fake answered every request and that nothing tried to leave for another host, so a test
 * cannot pass while the app makes a request nobody expected.
 *
 * The handle's `app` and `github` stand for the current test's instances, so a suite can
 * destructure them once: `const { app, github } = useTestApp();`.
 */
export function useTestApp<G extends FakeGitHub = FakeGitHub>(options: UseTestAppOptions<G> = {}): TestAppHandle<G> {
  let current: TestApp | undefined;
  const github = useFakeGitHub(options.github);
  beforeEach(async () => {
    const db = await openStore({ dataDir: ":memory:" });
    const deps = typeof options.deps === "function" ? options.deps(db) : options.deps;
    current = await createTestApp({ db, now: options.now, deps });
  });
  afterEach(async () => {
    const app = current;
    current = undefined;
    await app?.close();
  });
  return { app: lateBound(() => current, "app"), github };
}

/**
 * Two apps on two handles of ONE store (test/helpers/twin-stores.ts), as two processes would run,
 * sharing one fake GitHub; the same teardown assertions as `useTestApp()`.
 */
export function useTwinTestApps(twin: TwinStores, options: { now?: string } = {}): { first: TestApp; second: TestApp; github: FakeGitHub } {
  let current: { first: TestApp; second: TestApp; close(): Promise<void> } | undefined;
  const github = useFakeGitHub();
  beforeEach(async () => {
    const { a, b, close } = await twin.open();
    current = { first: await createTestApp({ db: a, now: options.now }), second: await createTestApp({ db: b, now: options.now }), close };
  });
  afterEach(async () => {
    const close = current?.close;
    current = undefined;
    // The twin closes its handles itself: SQLite's two apps share one.
    await close?.();
  });
  return { first: lateBound(() => current?.first, "first"), second: lateBound(() => current?.second, "second"), github };
}

/**
 * A fake GitHub installed for every test, with the teardown assertions: no request it had no
 * route for, and no request to another host (nock refuses those, and the app may swallow the
 * error, so they are recorded here).
 */
export function useFakeGitHub<G extends FakeGitHub = FakeGitHub>(create?: () => G): G {
  let current: G | undefined;
  const elsewhere: string[] = [];
  const onNoMatch = (request: { method?: string; host?: string; hostname?: string; path?: string; href?: string }) => {
    const host = request.hostname ?? request.host ?? "";
    if (/^(127\.0\.0\.1|localhost|\[?::1\]?)(:\d+)?$/.test(host)) return;
    elsewhere.push(`${request.method ?? "GET"} ${request.href ?? `${host}${request.path ?? ""}`}`);
  };
  beforeEach(() => {
    elsewhere.length = 0;
    current = (create?.() ?? (new FakeGitHub() as G)).install();
    nock.emitter.on("no match", onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener("no match", onNoMatch);
    const fake = current;
    current = undefined;
    expect(fake?.unhandled ?? [], "requests the fake GitHub had no route for").toEqual([]);
    expect(elsewhere, "requests to hosts no test answers").toEqual([]);
  });
  return lateBound(() => current, "github");
}

/** An object standing for whatever `get()` returns now, so a suite can hold it before its hooks run. */
function lateBound<T extends object>(get: () => T | undefined, name: string): T {
  const target = () => {
    const value = get();
    if (!value) throw new Error(`${name} exists only inside a test or its hooks`);
    return value;
  };
  return new Proxy({} as T, {
    get: (_, key) => {
      const value = target();
      const member = Reflect.get(value, key, value) as unknown;
      // Methods run on the real object: FakeGitHub keeps its state in private fields.
      return typeof member === "function" ? (member as (...args: unknown[]) => unknown).bind(value) : member;
    },
    set: (_, key, member) => Reflect.set(target(), key, member),
    has: (_, key) => Reflect.has(target(), key),
  });
}
