import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, createHmac } from "node:crypto";
import path from "node:path";
import { parseEnv } from "../../src/env.js";
import { createShipshapeServer, type ShipshapeServer } from "../../src/server.js";

let privateKey: string | undefined;

/** A throwaway RSA key for the app's JWT (Probot signs with it; the fake GitHub accepts any). */
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return privateKey;
}

export const WEBHOOK_SECRET = "test-secret";
/** The GitHub Enterprise host the app is aimed at: FakeGitHub(GITHUB_API) answers it. */
export const GHE_HOST = "github.test";
export const GITHUB_API = `https://${GHE_HOST}/api/v3`;

/** The app exactly as `npm start` builds it, on a free port, aimed at the fake GitHub. */
export async function startServer(env: NodeJS.ProcessEnv = {}): Promise<ShipshapeServer & { url: string }> {
  const server = await createShipshapeServer(parseEnv({
    APP_ID: "1",
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET,
    GHE_HOST,
    PORT: "0",
    HOST: "127.0.0.1",
    SHIPSHAPE_DATA_DIR: ":memory:",
    SHIPSHAPE_DISABLE_REDELIVERY: "1",
    SHIPSHAPE_API_TOKEN: "api-token",
    LOG_LEVEL: "fatal",
    ...env,
  }));
  const { port } = await server.start();
  return Object.assign(server, { url: `http://127.0.0.1:${port}` });
}

export function sign(body: string | Buffer, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** POSTs a signed delivery the way GitHub does. */
export async function deliver(url: string, params: { event: string; id: string; payload: unknown; signature?: string | null }): Promise<Response> {
  const body = JSON.stringify(params.payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": params.event,
    "x-github-delivery": params.id,
  };
  const signature = params.signature === undefined ? sign(body) : params.signature;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  return fetch(`${url}/api/github/webhooks`, { method: "POST", headers, body });
}

/** Waits until `predicate` holds, polling; fails with `message` after `timeoutMs`. */
export async function eventually(predicate: () => boolean | Promise<boolean>, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out: ${message}`);
}

/**
 * The environment of an app process on its own SQLite folder, aimed at a GitHub on loopback when
 * `githubPort` is given (else at none: the test makes no GitHub call), with the redelivery sweep off.
 */
export function childServerEnv(params: { dataDir: string; githubPort?: number }): NodeJS.ProcessEnv {
  return {
    APP_ID: "1",
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET,
    ...(params.githubPort === undefined ? {} : { GHE_HOST: `127.0.0.1:${params.githubPort}`, GHE_PROTOCOL: "http" }),
    PORT: "0",
    HOST: "127.0.0.1",
    SHIPSHAPE_DATA_DIR: params.dataDir,
    SHIPSHAPE_DISABLE_REDELIVERY: "1",
    LOG_LEVEL: "fatal",
  };
}

/** The app in a process of its own (test/helpers/child-server.ts), for tests that kill it or measure its memory. */
export function startChildServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("test", "helpers", "child-server.ts")], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (\d+)/.exec(output);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.once("exit", (code) => reject(new Error(`child exited early with ${code}: ${output}`)));
  });
}
