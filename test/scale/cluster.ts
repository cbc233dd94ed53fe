import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { appEnv, freePort } from "../../bench/apps.js";
import type { Delivery } from "../../bench/deliveries.js";
import { afterAll, beforeAll } from "vitest";
import { FakeGitHubServer } from "../helpers/fake-github-server.js";
import { scratchDatabase } from "../../bench/scratch-database.js";
import { sendDelivery } from "../../bench/send.js";
import { openStore, type Db } from "../../src/store/db.js";
import { getDelivery, type StoredDelivery } from "../../src/store/deliveries.js";

/** The PostgreSQL the scale tests run on; without it they are skipped, and say so. */
export const SCALE_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const SKIP_REASON = "skipped: set TEST_DATABASE_URL=postgres://… (a server this user may create databases on) to run the scale tests";
if (!SCALE_DATABASE_URL) console.warn(`test/scale: ${SKIP_REASON}`);

/**
 * One Shipshape process as `npm start` runs it (from source through tsx), on the shared database,
 * talking to the fake GitHub. Restartable after a crash.
 */
export class AppProcess {
  #child: ChildProcess | undefined;
  #port = 0;
  #stderr = "";
  #stdout = "";
  readonly #dataDir = mkdtempSync(path.join(tmpdir(), "shipshape-scale-"));

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get webhooks(): string {
    return `${this.url}/api/github/webhooks`;
  }

  /** What the process wrote to stdout (its log lines), the first 64 KB. */
  get stdout(): string {
    return this.#stdout;
  }

  /** The last few KB the process wrote to stderr (for failure messages). */
  get stderr(): string {
    return this.#stderr;
  }

  get alive(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  async start(): Promise<this> {
    this.#port = this.#port || (await freePort());
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { ...process.env, ...this.env, PORT: String(this.#port), SHIPSHAPE_DATA_DIR: this.#dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => (this.#stdout = (this.#stdout + chunk.toString()).slice(0, 65_536)));
    child.stderr?.on("data", (chunk: Buffer) => (this.#stderr = (this.#stderr + chunk.toString()).slice(-4000)));
    this.#child = child;
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}: ${this.#stderr}`);
      const response = await fetch(`${this.url}/healthz`);
      return response.ok;
    }, 60_000);
    return this;
  }

  /** `kill -9`: no shutdown hook runs, claimed deliveries stay claimed until their lease expires. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const child = this.#child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  }

  async readyz(): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}/readyz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async metrics(): Promise<string> {
    return (await fetch(`${this.url}/metrics`)).text();
  }

  async stop(): Promise<void> {
    await this.kill("SIGTERM");
    rmSync(this.#dataDir, { recursive: true, force: true });
  }
}

/** `count` app processes on one database, pointed at one fake GitHub. */
export async function startCluster(params: { count: number; github: FakeGitHubServer; databaseUrl: string; env?: Record<string, string> }): Promise<AppProcess[]> {
  const env = appEnv(params.github, { DATABASE_URL: params.databaseUrl, ...params.env });
  const processes = Array.from({ length: params.count }, (_, i) => new AppProcess(`app-${i + 1}`, env));
  // One at a time: the first runs the migrations, and two cores are shared with the test.
  for (const app of processes) await app.start();
  return processes;
}

/**
 * Round-robin over the processes still alive, like a load balancer with health checks; a
 * delivery that gets no 2xx (a process died, the database was down) is sent again, as GitHub's
 * redelivery would, until `deadlineMs`.
 */
export async function deliverAll(processes: readonly AppProcess[], deliveries: readonly Delivery[], options: { concurrency: number; deadlineMs?: number }): Promise<{ retried: number }> {
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  let next = 0;
  let turn = 0;
  let retried = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++] as Delivery;
      for (;;) {
        const alive = processes.filter((app) => app.alive);
        const app = alive[turn++ % Math.max(1, alive.length)];
        const status = app ? await sendDelivery(app.webhooks, delivery).then((result) => result.status, () => 0) : 0;
        if (status >= 200 && status < 300) break;
        if (Date.now() > deadline) throw new Error(`delivery ${delivery.id} was never accepted (last status ${status})`);
        retried++;
        await sleep(200);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { retried };
}

/** Opens the shared database to look at the inbox the way an operator would. */
export function openShared(databaseUrl: string): Promise<Db> {
  return openStore({ databaseUrl, poolSize: 2 });
}

/** Waits until every one of `ids` is finished in the inbox; their rows. */
export async function waitForProcessed(db: Db, ids: readonly string[], timeoutMs: number): Promise<StoredDelivery[]> {
  let rows: StoredDelivery[] = [];
  await eventually(async () => {
    rows = (await Promise.all(ids.map((id) => getDelivery(db, id)))).filter((row): row is StoredDelivery => row !== undefined);
    return rows.length === ids.length && rows.every((row) => row.status === "done" || row.status === "dead");
  }, timeoutMs);
  return rows;
}

export async function eventually(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * `count` app processes on a scratch database and a fake GitHub, started before the suite and
 * stopped (database dropped) after it. Read the fields inside tests, once `beforeAll` has run.
 */
export function useCluster(count: number): { github: FakeGitHubServer; processes: AppProcess[]; db: Db } {
  return useClusterWith(count, {});
}

/** `useCluster` with extra environment for every process (e.g. `REDIS_URL`). */
export function useClusterWith(count: number, env: Record<string, string>): { github: FakeGitHubServer; processes: AppProcess[]; db: Db } {
  const cluster = { processes: [] } as unknown as { github: FakeGitHubServer; processes: AppProcess[]; db: Db };
  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
  beforeAll(async () => {
    cluster.github = await new FakeGitHubServer().start();
    scratch = await scratchDatabase(SCALE_DATABASE_URL as string, "shipshape_scale");
    cluster.processes = await startCluster({ count, github: cluster.github, databaseUrl: scratch.url, env });
    cluster.db = await openShared(scratch.url);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(cluster.processes.map((app) => app.stop()));
    await cluster.db?.close();
    await scratch?.drop();
    await cluster.github?.stop();
  }, 60_000);
  return cluster;
}

/**
 * A redis-server of the test's own on a fixed port, so it can be killed and started again at the
 * same address (nothing saved: it comes back empty, as a restarted cache does).
 */
export class RedisServer {
  #child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async create(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it and waits until it accepts connections. */
  async start(): Promise<void> {
    const child = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    this.#child = child;
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode} (port ${this.port} taken?)`);
      return canConnect(this.port);
    }, 10_000, 50);
  }

  /** `kill -9`, and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
