import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/db.js";
import { getDelivery } from "../../src/store/deliveries.js";
import { example } from "../helpers/examples.js";
import { childServerEnv, deliver, eventually, startChildServer } from "../helpers/server.js";

const POISON_SHA = "dead".repeat(10);
const FINE_SHA = "f00d".repeat(10);

interface PullRequestPayload {
  number: number;
  pull_request: { number: number; head: { sha: string } };
  installation: { id: number };
  repository: { id: number; name: string; full_name: string };
}

/** A PR opened in another installation each (one hanging write holds up only its own installation's queue). */
function pullRequest(number: number, sha: string, installation: number): PullRequestPayload {
  const payload = structuredClone(example<PullRequestPayload>("pull_request", "opened"));
  payload.installation = { ...payload.installation, id: installation };
  payload.repository = { ...payload.repository, id: 1000 + installation, name: `repo${installation}`, full_name: `Codertocat/repo${installation}` };
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.head.sha = sha;
  return payload;
}

/**
 * A GitHub on loopback that never answers the check run of POISON_SHA: the test kills the app
 * while it waits, as an out-of-memory abort would. Every other request is answered.
 */
function startGitHub(): Promise<{ server: Server; port: number; posts: (sha: string) => number; poisonSeen: () => Promise<void> }> {
  const posts = new Map<string, number>();
  let waiting: (() => void) | undefined;
  const server = createServer((req, res) => {
    const url = req.url ?? "";
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method === "POST" && url.endsWith("/access_tokens")) {
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ token: "t", expires_at: new Date(Date.now() + 3600e3).toISOString() }));
      } else if (req.method === "GET" && /\/contents\/\.github(%2F|\/)shipshape\.yml/.test(url)) {
        res.writeHead(200, { "content-type": "application/vnd.github.raw" }).end("tickets:\n  colour: red\n");
      } else if (req.method === "GET" && /\/commits\/[0-9a-f]{40}\/check-runs/.test(url)) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ total_count: 0, check_runs: [] }));
      } else if (req.method === "GET" && /\/pulls\/\d+\/files/.test(url)) {
        res.writeHead(200, { "content-type": "application/json" }).end("[]");
      } else if (req.method === "POST" && url.endsWith("/check-runs")) {
        const sha = (JSON.parse(Buffer.concat(chunks).toString()) as { head_sha: string }).head_sha;
        posts.set(sha, (posts.get(sha) ?? 0) + 1);
        if (sha === POISON_SHA) {
          waiting?.(); // never answered: the process dies handling it
          return;
        }
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: 42 }));
      } else {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "Not Found" }));
      }
    });
  });
  const poisonSeen = () => new Promise<void>((resolve) => (waiting = resolve));
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port, posts: (sha) => posts.get(sha) ?? 0, poisonSeen })));
}

describe("a delivery that kills its process every time", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("ends as a dead letter after the last attempt, while the other deliveries are processed", async () => {
    const github = await startGitHub();
    cleanups.push(() => new Promise((resolve) => github.server.close(resolve)));
    const dataDir = mkdtempSync(path.join(tmpdir(), "shipshape-poison-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = childServerEnv({ dataDir, githubPort: github.port });
    const maxAttempts = 6; // the worker's default

    let app = await startChildServer(env);
    let seen = github.poisonSeen();
    expect((await deliver(app.url, { event: "pull_request", id: "poison", payload: pullRequest(101, POISON_SHA, 1) })).status).toBe(202);
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      // Another tenant's delivery arrives while the poison is crash-looping.
      if (attempt === 4) expect((await deliver(app.url, { event: "pull_request", id: "fine", payload: pullRequest(102, FINE_SHA, 2) })).status).toBe(202);
      await seen;
      expect(github.posts(POISON_SHA)).toBe(attempt);
      app.child.kill("SIGKILL");
      await new Promise((resolve) => app.child.once("exit", resolve));
      github.server.closeAllConnections();
      seen = github.poisonSeen();
      app = await startChildServer(env);
    }
    const last = app;
    cleanups.push(() => last.child.kill("SIGKILL"));
    type Ready = { inbox: { pending: number; processing: number; dead_letters: number } };
    await eventually(async () => ((await fetch(`${last.url}/readyz`).then((r) => r.json())) as Ready).inbox.dead_letters === 1, "the poison becomes a dead letter", 15_000);
    await eventually(async () => {
      const { inbox } = (await fetch(`${last.url}/readyz`).then((r) => r.json())) as Ready;
      return inbox.pending === 0 && inbox.processing === 0;
    }, "the rest of the inbox drained");
    expect((await fetch(`${last.url}/healthz`)).status).toBe(200);
    last.child.kill("SIGTERM");
    await new Promise((resolve) => last.child.once("exit", resolve));

    const db = await openStore({ dataDir });
    cleanups.push(() => db.close());
    expect(await getDelivery(db, "poison")).toMatchObject({
      status: "dead",
      attempts: maxAttempts,
      last_error: `all ${maxAttempts} attempts used up; the last never finished (the process died or lost its lease while handling it)`,
    });
    expect(await getDelivery(db, "fine")).toMatchObject({ status: "done" });
    expect(github.posts(FINE_SHA)).toBe(1);
    // The dead letter was not tried a seventh time.
    expect(github.posts(POISON_SHA)).toBe(maxAttempts);
  }, 120_000);
});
