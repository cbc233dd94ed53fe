import type { IncomingMessage, ServerResponse } from "node:http";
import { Probot, Server } from "probot";
import { SmeeClient } from "smee-client";
import type { Env } from "./env.js";

/** A Node handler as Probot's server chains them: true when it answered. */
type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** What Probot's setup app (`probot/lib/apps/setup.js`) is given; Probot 14 exports `run` but not the factory. */
type SetupAppFactory = (options: {
  host: string;
  port: number;
  log: Probot["log"];
  SmeeClient?: typeof SmeeClient;
  updateEnv?: (env: Record<string, string>) => Record<string, string>;
}) => () => Promise<Handler>;

/**
 * The webhook URL the manifest registers (ADR 0074):
 * - `SHIPSHAPE_PUBLIC_URL` set: the server's own address plus the webhook path;
 * - else `WEBHOOK_PROXY_URL` (a smee.io channel you already have);
 * - else undefined: Probot opens a new smee.io channel for local development.
 */
export function manifestHookUrl(params: { publicUrl: string | undefined; webhookPath: string; proxyUrl: string | undefined }): string | undefined {
  if (params.publicUrl) return `${params.publicUrl.replace(/\/+$/, "")}${params.webhookPath}`;
  return params.proxyUrl;
}

export interface SetupMode {
  port: number;
  stop(): Promise<void>;
}

/**
 * Probot's setup flow (no APP_ID yet): its pages register the app from `app.yml`, plus `/healthz`
 * so a container or load balancer sees the process is up. Built from Probot's own setup app, the
 * way `run()` does it, because `run()` lets nothing else answer in setup mode.
 */
export async function startSetupMode(params: {
  env: Env;
  /** Where the app and its private key are written once registered (Probot's `.env` writer by default). */
  updateEnv?: (env: Record<string, string>) => Record<string, string>;
  Smee?: typeof SmeeClient;
}): Promise<SetupMode> {
  const { env } = params;
  const hookUrl = manifestHookUrl({ publicUrl: env.publicUrl, webhookPath: env.server.webhookPath, proxyUrl: env.webhookProxyUrl });
  // Probot's manifest takes its hook URL from WEBHOOK_PROXY_URL (and opens no smee channel when
  // it is set). This server proxies nothing: it is built without `webhookProxy`.
  if (hookUrl) process.env.WEBHOOK_PROXY_URL = hookUrl;
  const setupModule = (await import(new URL("./apps/setup.js", import.meta.resolve("probot")).href)) as { setupAppFactory: SetupAppFactory };
  const level = env.probot.LOG_LEVEL;
  const bootstrap = new Probot({ appId: 1, privateKey: "unused in setup mode", logLevel: level === undefined || level === "silent" ? "info" : level });
  await bootstrap.ready();
  const log = bootstrap.log;
  const server = new Server({
    host: env.server.host ?? "0.0.0.0",
    port: env.server.port,
    webhookPath: env.server.webhookPath,
    log,
    Probot: Probot.defaults({ appId: 1, privateKey: "unused in setup mode", log }),
  });
  server.addHandler((req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/healthz") return false;
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ status: "ok", mode: "setup" }));
    return true;
  });
  await server.loadHandlerFactory(
    setupModule.setupAppFactory({
      host: env.server.host ?? "localhost",
      port: env.server.port,
      log: log.child({ name: "setup" }),
      SmeeClient: params.Smee ?? SmeeClient,
      ...(params.updateEnv ? { updateEnv: params.updateEnv } : {}),
    }),
  );
  await server.start();
  log.info(
    hookUrl
      ? `Setup mode: the app will be registered with webhooks sent to ${hookUrl}`
      : "Setup mode: the app will be registered with webhooks sent to a new smee.io channel (local development); set SHIPSHAPE_PUBLIC_URL on a server",
  );
  return { port: server.port, stop: () => server.stop() };
}
