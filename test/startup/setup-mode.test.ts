import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "../../src/env.js";
import { manifestHookUrl, startSetupMode } from "../../src/setup-mode.js";

/**
 * Set-up as a newcomer meets it: `npm start` without app credentials serves Probot's setup page
 * (and `/healthz`), and the manifest that page posts to GitHub carries the webhook URL the app
 * will really receive deliveries at.
 */
const scratch = mkdtempSync(path.join(tmpdir(), "shipshape-setup-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const CLEARED = ["DATABASE_URL", "REDIS_URL", "NODE_ENV", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "APP_ID", "WEBHOOK_SECRET", "WEBHOOK_PROXY_URL", "SHIPSHAPE_PUBLIC_URL", "WEBHOOK_PATH", "PROJECT_DOMAIN", "NO_SMEE_SETUP", "GH_ORG", "GHE_HOST"];

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CLEARED) delete env[key];
  // No network here: a smee.io channel can never be opened, so each case that needs none says so.
  return { ...env, SHIPSHAPE_DATA_DIR: path.join(scratch, `data-${Math.random().toString(36).slice(2)}`), SHIPSHAPE_DISABLE_REDELIVERY: "1", LOG_LEVEL: "info", ...extra };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** Starts `src/main.ts` and resolves with its output so far once `ready` shows in it. */
function startApp(env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let out = "";
    const timer = setTimeout(() => reject(new Error(`not ready within 60 s: ${out}`)), 60_000);
    const watch = (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve({ output: () => out });
      }
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/** The manifest JSON Probot's setup page posts to GitHub (the hidden `manifest` field). */
async function postedManifest(port: number): Promise<{ hook_attributes: { url: string }; redirect_url: string; name: string; default_events: string[] }> {
  const page = await (await fetch(`http://127.0.0.1:${port}/probot`)).text();
  const field = /name="manifest"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="manifest"/.exec(page) ?? /id="manifest"[^>]*value='([^']*)'/.exec(page);
  const raw = field?.[1] ?? field?.[2];
  if (!raw) throw new Error(`no manifest field in the setup page: ${page.slice(0, 500)}`);
  return JSON.parse(raw.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
}

describe("setup mode through the real process (no APP_ID)", () => {
  it("answers /healthz 200 and registers webhooks at SHIPSHAPE_PUBLIC_URL + the webhook path on a server", async () => {
    const port = await freePort();
    await startApp(childEnv({ PORT: String(port), SHIPSHAPE_PUBLIC_URL: "https://shipshape.acme.test/" }), /Setup mode: /);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", mode: "setup" });
    const manifest = await postedManifest(port);
    expect(manifest.hook_attributes.url).toBe("https://shipshape.acme.test/api/github/webhooks");
    // The rest still comes from app.yml.
    expect(manifest.name).toBe("Shipshape");
    expect(manifest.default_events).toContain("pull_request");
    expect(manifest.redirect_url).toBe(`http://127.0.0.1:${port}/probot/setup`);
  }, 70_000);

  it("follows WEBHOOK_PATH on a server", async () => {
    const port = await freePort();
    await startApp(childEnv({ PORT: String(port), SHIPSHAPE_PUBLIC_URL: "https://acme.test/shipshape", WEBHOOK_PATH: "/hooks/github" }), /Setup mode: /);
    expect((await postedManifest(port)).hook_attributes.url).toBe("https://acme.test/shipshape/hooks/github");
  }, 70_000);

  it("registers the smee.io channel given in WEBHOOK_PROXY_URL for local development", async () => {
    const port = await freePort();
    await startApp(childEnv({ PORT: String(port), WEBHOOK_PROXY_URL: "https://smee.io/AbCdEf123" }), /Setup mode: /);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await postedManifest(port)).hook_attributes.url).toBe("https://smee.io/AbCdEf123");
  }, 70_000);

  it("refuses a SHIPSHAPE_PUBLIC_URL that is not an address, with one line", async () => {
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env: childEnv({ PORT: "0", SHIPSHAPE_PUBLIC_URL: "shipshape.acme.test" }), stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("exit", (code) => resolve({ code, stderr }));
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('SHIPSHAPE_PUBLIC_URL must be the server\'s address such as https://shipshape.example.com (no query), not "shipshape.acme.test"');
  }, 70_000);
});

describe("setup mode in-process: a new smee.io channel when nothing is set", () => {
  it("opens a channel through smee-client (installed, not fetched at run time) and registers it", async () => {
    const saved = process.env.WEBHOOK_PROXY_URL;
    delete process.env.WEBHOOK_PROXY_URL;
    const written: Record<string, string>[] = [];
    let channels = 0;
    class FakeSmee {
      static async createChannel(): Promise<string> {
        channels += 1;
        return "https://smee.io/NewChannel42";
      }
    }
    const port = await freePort();
    const setup = await startSetupMode({
      env: parseEnv({ PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" }),
      Smee: FakeSmee as never,
      updateEnv: (env) => {
        written.push(env);
        Object.assign(process.env, env);
        return env;
      },
    });
    try {
      expect(channels).toBe(1);
      // Written to .env (here: captured), so the next `npm start` forwards from the same channel.
      expect(written).toEqual([{ WEBHOOK_PROXY_URL: "https://smee.io/NewChannel42" }]);
      expect((await postedManifest(port)).hook_attributes.url).toBe("https://smee.io/NewChannel42");
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await setup.stop();
      if (saved === undefined) delete process.env.WEBHOOK_PROXY_URL;
      else process.env.WEBHOOK_PROXY_URL = saved;
    }
  }, 30_000);

  it("picks the hook URL: public URL first, then the proxy channel, else none", () => {
    expect(manifestHookUrl({ publicUrl: "https://a.test/", webhookPath: "/api/github/webhooks", proxyUrl: "https://smee.io/x" })).toBe("https://a.test/api/github/webhooks");
    expect(manifestHookUrl({ publicUrl: undefined, webhookPath: "/api/github/webhooks", proxyUrl: "https://smee.io/x" })).toBe("https://smee.io/x");
    expect(manifestHookUrl({ publicUrl: undefined, webhookPath: "/api/github/webhooks", proxyUrl: undefined })).toBeUndefined();
  });
});

describe("with APP_ID and WEBHOOK_PROXY_URL the app forwards the channel's deliveries to itself", () => {
  let sse: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (sse ? sse.close(resolve) : resolve(undefined)));
    sse = undefined;
  });

  it("a signed delivery sent through the channel reaches the webhook path and is accepted", async () => {
    const key = path.join(scratch, "app.pem");
    writeFileSync(key, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }));
    // A stand-in for smee.io: an event stream that sends one delivery once the client connects.
    const body = { zen: "Keep it logically awesome.", hook_id: 1, hook: { id: 1 } };
    const signature = `sha256=${createHmac("sha256", "s3cret").update(JSON.stringify(body)).digest("hex")}`;
    const streams: ServerResponse[] = [];
    sse = createServer((req, res) => {
      if (req.url !== "/channel") return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write("event: ready\ndata: {}\n\n");
      streams.push(res);
      setTimeout(() => res.write(`data: ${JSON.stringify({ "x-github-event": "ping", "x-github-delivery": "smee-delivery-1", "x-hub-signature-256": signature, body })}\n\n`), 300);
    });
    sse.closeAllConnections = sse.closeAllConnections.bind(sse);
    await new Promise<void>((resolve) => sse!.listen(0, "127.0.0.1", resolve));
    const source = `http://127.0.0.1:${(sse.address() as AddressInfo).port}/channel`;
    const port = await freePort();
    const app = await startApp(childEnv({ APP_ID: "1", PRIVATE_KEY_PATH: key, WEBHOOK_SECRET: "s3cret", PORT: String(port), WEBHOOK_PROXY_URL: source }), /POST http:\/\/127\.0\.0\.1:\d+\/api\/github\/webhooks - \d+/);
    expect(app.output()).toContain(`Forwarding webhooks from ${source} to http://127.0.0.1:${port}/api/github/webhooks`);
    expect(app.output()).toMatch(new RegExp(`POST http://127\\.0\\.0\\.1:${port}/api/github/webhooks - 2\\d\\d`));
    for (const stream of streams) stream.end();
    sse.closeAllConnections();
  }, 70_000);
});
