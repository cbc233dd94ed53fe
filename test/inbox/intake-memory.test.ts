import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childServerEnv, deliver, startChildServer } from "../helpers/server.js";

const MB = 1024 * 1024;
const BODY = 24 * MB;

/** Opens a raw connection and sends a webhook's headers and the first `sendBytes` of a `length`-byte body. */
function startPost(url: string, params: { length: number; sendBytes: number; headers: Record<string, string> }): { socket: Socket; response: Promise<string> } {
  const { port } = new URL(url);
  const socket = connect(Number(port), "127.0.0.1");
  socket.on("error", () => undefined); // the app may close a refused connection while we still write
  const head = [`POST /api/github/webhooks HTTP/1.1`, `host: 127.0.0.1:${port}`, `content-type: application/json`, `content-length: ${params.length}`, ...Object.entries(params.headers).map(([k, v]) => `${k}: ${v}`)];
  socket.write(`${head.join("\r\n")}\r\n\r\n`);
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const pump = () => {
    while (sent < params.sendBytes && !socket.destroyed) {
      const n = Math.min(chunk.length, params.sendBytes - sent);
      sent += n;
      if (!socket.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void socket.once("drain", pump);
    }
  };
  pump();
  const response = new Promise<string>((resolve) => {
    let text = "";
    socket.on("data", (data: Buffer) => {
      text += data.toString("latin1");
      if (text.includes("\r\n\r\n")) resolve(text);
    });
    socket.on("close", () => resolve(text));
  });
  return { socket, response };
}

async function metricsText(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

/** Deliveries refused before their signature verified, as /metrics counts them. */
async function refusedCount(url: string): Promise<number> {
  const match = /^shipshape_deliveries_total\{event="unknown",outcome="rejected"\} (\d+)/m.exec(await metricsText(url));
  return Number(match?.[1] ?? 0);
}

async function rss(url: string): Promise<number> {
  const match = /^shipshape_process_resident_memory_bytes (\d+)/m.exec(await metricsText(url));
  return Number(match?.[1]);
}

describe("webhook intake in a real process, under hostile load", () => {
  let app: { child: ChildProcess; url: string };
  let github: Server;
  const githubRequests: string[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), "shipshape-intake-"));

  beforeAll(async () => {
    // Nothing here should reach GitHub: every request it gets is recorded and must stay none.
    github = createServer((req, res) => {
      githubRequests.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => github.listen(0, "127.0.0.1", resolve));
    app = await startChildServer(childServerEnv({ dataDir, githubPort: (github.address() as AddressInfo).port }));
  }, 60_000);

  afterAll(async () => {
    app?.child.kill("SIGKILL");
    await new Promise((resolve) => github.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
    expect(githubRequests).toEqual([]);
  });

  it("refuses a delivery without a signature before reading its body", async () => {
    // Only 64 KB of the declared 24 MB is ever sent: the 401 comes anyway.
    const posts = Array.from({ length: 12 }, (_, i) => startPost(app.url, { length: BODY, sendBytes: 64 * 1024, headers: { "x-github-event": "push", "x-github-delivery": `nosig-${i}` } }));
    const responses = await Promise.all(posts.map((post) => post.response));
    for (const post of posts) post.socket.destroy();
    for (const response of responses) {
      expect(response).toMatch(/^HTTP\/1\.1 401 /);
      expect(response.toLowerCase()).toContain("connection: close");
    }
  });

  it("12 concurrent unsigned 24 MB bodies do not raise its memory", async () => {
    const before = await rss(app.url);
    const refusedBefore = await refusedCount(app.url);
    const posts = Array.from({ length: 12 }, (_, i) => startPost(app.url, { length: BODY, sendBytes: BODY, headers: { "x-github-event": "push", "x-github-delivery": `nosig-full-${i}` } }));
    const responses = await Promise.all(posts.map((post) => post.response));
    for (const post of posts) post.socket.destroy();
    // Each is answered 401, or its connection cut while the client still wrote (TCP then drops the answer).
    expect(responses.filter((response) => response !== "" && !response.startsWith("HTTP/1.1 401 "))).toEqual([]);
    // The answers themselves may all be lost that way on a loaded machine; the app's own count is not.
    expect((await refusedCount(app.url)) - refusedBefore).toBe(12);
    // Before the fix this was +344 MB; nothing of the bodies is buffered now.
    expect((await rss(app.url)) - before).toBeLessThan(48 * MB);
  }, 60_000);

  it("12 concurrent forged-signature 24 MB bodies stay within the 64 MB budget; the rest get 503 with retry-after", async () => {
    const before = await rss(app.url);
    const posts = Array.from({ length: 12 }, (_, i) => startPost(app.url, { length: BODY, sendBytes: BODY, headers: { "x-github-event": "push", "x-github-delivery": `forged-${i}`, "x-hub-signature-256": `sha256=${"0".repeat(64)}` } }));
    const responses = await Promise.all(posts.map((post) => post.response));
    for (const post of posts) post.socket.destroy();
    const statuses = responses.map((response) => response.slice(9, 12));
    // 24 MB are declared by each: two fit the budget and are read (then 401); the others are refused
    // unread, with 503, or their connection is cut while the client still writes ("").
    expect(statuses.filter((status) => status !== "401" && status !== "503" && status !== "")).toEqual([]);
    expect(statuses.filter((status) => status === "503" || status === "").length).toBeGreaterThanOrEqual(9);
    expect(statuses).toContain("503");
    for (const response of responses.filter((r) => r.startsWith("HTTP/1.1 503"))) expect(response.toLowerCase()).toContain("retry-after: 30");
    // At most two bodies (48 MB) are held at once; generous slack for the allocator and GC.
    expect((await rss(app.url)) - before).toBeLessThan(160 * MB);
  }, 60_000);

  it("a signed delivery while the budget is used up gets 503 with retry-after, is not stored, and is taken when sent again", async () => {
    // Three stalled bodies declare 24 + 24 + 16 MB: the whole 64 MB budget, held while they trickle.
    const stalled = [BODY, BODY, 16 * MB].map((length, i) => startPost(app.url, { length, sendBytes: 1, headers: { "x-github-event": "push", "x-github-delivery": `stall-${i}`, "x-hub-signature-256": `sha256=${"0".repeat(64)}` } }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const payload = { zen: "Design for failure.", hook_id: 1 };
    const busy = await deliver(app.url, { event: "ping", id: "while-busy", payload });
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("30");
    expect(((await busy.json()) as { error: string }).error).toMatch(/^too many webhook bodies in flight: the webhook body memory budget is in use/);

    // The process still answers health checks promptly while the budget is used up.
    const started = performance.now();
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(5_000);

    for (const post of stalled) post.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // GitHub's redelivery (asked for by the app's sweep) sends the same delivery again: now stored, once.
    const again = await deliver(app.url, { event: "ping", id: "while-busy", payload });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ ok: true, delivery: "while-busy", duplicate: false });
  }, 30_000);

  it("10,000 distinct 12 KB X-GitHub-Event headers do not grow /metrics", async () => {
    const before = await metricsText(app.url);
    const padding = "x".repeat(12 * 1024);
    let next = 0;
    const statuses = new Map<number, number>();
    const sendOne = async (i: number) => {
      const forged = i % 2 === 1;
      const response = await fetch(`${app.url}/api/github/webhooks`, {
        method: "POST",
        headers: { "x-github-event": `e${i}${padding}`, "x-github-delivery": `flood-${i}`, ...(forged ? { "x-hub-signature-256": `sha256=${"0".repeat(64)}` } : {}) },
        body: "{}",
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    };
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < 10_000) await sendOne(next++);
      }),
    );
    expect(Object.fromEntries(statuses)).toEqual({ 401: 10_000 });
    const after = await metricsText(app.url);
    const series = (text: string) => text.split("\n").filter((line) => line.startsWith("shipshape_deliveries_total{"));
    expect(series(after).filter((line) => !line.startsWith('shipshape_deliveries_total{event="ping"'))).toEqual([expect.stringMatching(/^shipshape_deliveries_total\{event="unknown",outcome="(rejected|busy)"\} \d+$/), expect.stringMatching(/^shipshape_deliveries_total\{event="unknown",outcome="(rejected|busy)"\} \d+$/)]);
    expect(after).not.toContain(padding.slice(0, 100));
    // Only counter values change: the page is as long as before, give or take digits.
    expect(after.length - before.length).toBeLessThan(2_000);
  }, 180_000);
});
