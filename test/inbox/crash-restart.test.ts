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

/** A GitHub on loopback whose first check-run creation never answers: the app dies waiting. */
function startHangingGitHub(): Promise<{ server: Server; port: number; checkRunPosts: () => number; lookups: () => number; firstPostSeen: Promise<void> }> {
  let posts = 0;
  let lookups = 0;
  let seen!: () => void;
  const firstPostSeen = new Promise<void>((resolve) => (seen = resolve));
  const server = createServer((req, res) => {
    const url = req.url ?? "";
    req.resume();
    if (req.method === "POST" && url.endsWith("/access_tokens")) {
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ token: "t", expires_at: new Date(Date.now() + 3600e3).toISOString() }));
    } else if (req.method === "GET" && /\/contents\/\.github(%2F|\/)shipshape\.yml/.test(url)) {
      res.writeHead(200, { "content-type": "application/vnd.github.raw" }).end("tickets:\n  colour: red\n");
    } else if (req.method === "GET" && /\/commits\/[0-9a-f]{40}\/check-runs/.test(url)) {
      // The restarted process asks whether the create it never heard back from happened: it did not.
      lookups++;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ total_count: 0, check_runs: [] }));
    } else if (req.method === "GET" && /\/pulls\/\d+\/files/.test(url)) {
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
    } else if (req.method === "POST" && url.endsWith("/check-runs")) {
      posts++;
      if (posts === 1) {
        seen(); // never answered: the process is killed while waiting
        return;
      }
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: 42 }));
    } else {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "Not Found" }));
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port, checkRunPosts: () => posts, lookups: () => lookups, firstPostSeen })),
  );
}

describe("a process killed in the middle of work", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("finishes the delivery after a restart, once", async () => {
    const github = await startHangingGitHub();
    cleanups.push(() => new Promise((resolve) => github.server.close(resolve)));
    const dataDir = mkdtempSync(path.join(tmpdir(), "shipshape-crash-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = childServerEnv({ dataDir, githubPort: github.port });

    const first = await startChildServer(env);
    cleanups.push(() => first.child.kill("SIGKILL"));
    const response = await deliver(first.url, { event: "pull_request", id: "crash-1", payload: example("pull_request", "opened") });
    expect(response.status).toBe(202);
    await github.firstPostSeen;
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    github.server.closeAllConnections();

    const second = await startChildServer(env);
    cleanups.push(() => second.child.kill("SIGKILL"));
    await eventually(() => github.checkRunPosts() === 2, "the restarted process posts the check run", 15_000);
    await eventually(async () => (await fetch(`${second.url}/readyz`).then((r) => r.json()) as { inbox: { pending: number; processing: number } }).inbox.processing === 0, "inbox drained");
    second.child.kill("SIGTERM");
    await new Promise((resolve) => second.child.once("exit", resolve));

    const db = await openStore({ dataDir });
    cleanups.push(() => db.close());
    expect(await getDelivery(db, "crash-1")).toMatchObject({ status: "done", attempts: 2 });
    expect(github.checkRunPosts()).toBe(2);
    expect(github.lookups()).toBe(1);
  }, 60_000);
});
