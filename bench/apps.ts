import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { Probot, Server } from "probot";
import { parseEnv } from "../src/env.js";
import { createShipshapeServer, type ShipshapeServer } from "../src/server.js";
import type { FakeGitHubServer } from "../test/helpers/fake-github-server.js";

export const BENCH_SECRET = "bench-webhook-secret";
export const BENCH_APP_ID = "4242";

let privateKey: string | undefined;

/** A throwaway RSA key: the app signs real JWTs, the fake GitHub accepts any. */
export function benchPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return privateKey;
}

/** The environment the app gets in the bench and the scale tests: a real App pointed at the fake GitHub. */
export function appEnv(github: FakeGitHubServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    APP_ID: BENCH_APP_ID,
    PRIVATE_KEY: benchPrivateKey(),
    WEBHOOK_SECRET: BENCH_SECRET,
    GHE_HOST: github.host,
    GHE_PROTOCOL: "http",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "fatal",
    SHIPSHAPE_DISABLE_REDELIVERY: "1",
    ...extra,
  };
}

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

/** Shipshape in this process, as `npm start` builds it, on a fresh SQLite folder unless `DATABASE_URL` is given. */
export async function startShipshape(github: FakeGitHubServer, extra: Record<string, string> = {}): Promise<RunningApp & { server: ShipshapeServer }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "shipshape-bench-"));
  const server = await createShipshapeServer(parseEnv({ ...appEnv(github, { SHIPSHAPE_DATA_DIR: dataDir, ...extra }) }));
  const { port } = await server.start();
  return {
    server,
    url: `http://127.0.0.1:${port}/api/github/webhooks`,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The baseline: a Probot 14 app that does nothing with the deliveries it receives, served by
 * Probot's own server with the same secret and log level. Probot answers after its handlers ran.
 */
export async function startDoNothingProbot(github: FakeGitHubServer): Promise<RunningApp> {
  const log = pino({ level: "fatal" });
  const server = new Server({
    Probot: Probot.defaults({ appId: BENCH_APP_ID, privateKey: benchPrivateKey(), secret: BENCH_SECRET, baseUrl: github.baseUrl, log }),
    log,
    host: "127.0.0.1",
    // Probot's Server treats port 0 as "unset" (3000), so pick a free one.
    port: await freePort(),
  });
  await server.load((app) => {
    app.onAny(async () => undefined);
  });
  const http = await server.start();
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/api/github/webhooks`,
    stop: () => server.stop(),
  };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no free port");
  return address.port;
}
