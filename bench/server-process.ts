import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./apps.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

/** What `npm start` runs (after its build step): the compiled app, no TypeScript loader. */
export const SHIPSHAPE_COMMAND = ["dist/src/main.js"];
/** The same app from source, for tests that must not depend on a build. */
export const SHIPSHAPE_SOURCE_COMMAND = ["--import", "tsx", "src/main.ts"];

export interface ServerProcessOptions {
  /** Arguments to `node`, run from the repository root. */
  command: string[];
  env: Record<string, string>;
  /** GET path answered 2xx once the process serves webhooks: `/healthz` (Shipshape), `/ping` (Probot's Server). */
  readyPath: string;
}

/**
 * One app in a process of its own, on a free port and a fresh data folder: the bench's
 * contestants are real servers behind real HTTP, as GitHub reaches them.
 */
export class ServerProcess {
  #child: ChildProcess | undefined;
  #stderr = "";
  readonly #dataDir = mkdtempSync(path.join(tmpdir(), "shipshape-bench-"));

  private constructor(
    readonly name: string,
    readonly port: number,
  ) {}

  static async start(name: string, options: ServerProcessOptions): Promise<ServerProcess> {
    const server = new ServerProcess(name, await freePort());
    await server.#spawn(options);
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get webhooks(): string {
    return `${this.url}/api/github/webhooks`;
  }

  async #spawn(options: ServerProcessOptions): Promise<void> {
    const child = spawn(process.execPath, options.command, {
      cwd: root,
      env: { ...process.env, ...options.env, HOST: "127.0.0.1", PORT: String(this.port), SHIPSHAPE_DATA_DIR: this.#dataDir },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk: Buffer) => (this.#stderr = (this.#stderr + chunk.toString()).slice(-4000)));
    this.#child = child;
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode} before serving: ${this.#stderr.trim()}`);
      const ok = await fetch(`${this.url}${options.readyPath}`).then((response) => response.ok, () => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${this.name} did not answer ${options.readyPath} within 90 s: ${this.#stderr.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The inbox counts `/readyz` reports (Shipshape only). */
  async inbox(): Promise<{ pending: number; processing: number; dead_letters: number }> {
    const body = (await (await fetch(`${this.url}/readyz`)).json()) as { inbox: { pending: number; processing: number; dead_letters: number } };
    return body.inbox;
  }

  /** Waits until the shared inbox has nothing pending or processing; throws after `timeoutMs`. */
  async waitForEmptyInbox(timeoutMs: number): Promise<{ dead_letters: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const inbox = await this.inbox();
      if (inbox.pending === 0 && inbox.processing === 0) return inbox;
      if (Date.now() > deadline) throw new Error(`${this.name}: inbox not empty after ${timeoutMs} ms (${JSON.stringify(inbox)})`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** SIGTERM (the app's graceful stop), then SIGKILL if it hangs; the data folder is removed. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.#dataDir, { recursive: true, force: true });
  }
}
