import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_SECRET, appEnv } from "../../bench/apps.js";
import { DeliveryFactory } from "../../bench/deliveries.js";
import { FakeGitHubServer } from "../helpers/fake-github-server.js";
import { Prng } from "../../bench/prng.js";
import { sendDelivery } from "../../bench/send.js";
import { AppProcess, eventually, sleep } from "../scale/cluster.js";

/**
 * Item 3 of the hardening issue through a real app process: an 8 MB `shipshape.yml` on the
 * default branch took 4.4 s of blocked event loop to parse. Its size is now read first.
 */
describe("an 8 MB shipshape.yml on the default branch", () => {
  let github: FakeGitHubServer;
  let app: AppProcess;

  beforeAll(async () => {
    github = await new FakeGitHubServer().start();
    // A long list of labels: real YAML, as expensive to parse as the file.
    const head = "tickets:\n  exempt:\n    labels:\n";
    github.files.set("acme/orders:.github/shipshape.yml", head + "      - l\n".repeat(Math.floor((8 * 1024 * 1024 - head.length) / 10)));
    // 5,000 unknown keys: a small file with thousands of problems.
    github.files.set("acme/typos:.github/shipshape.yml", `tickets:\n${Array.from({ length: 5000 }, (_, i) => `  k${i}: 1`).join("\n")}\n`);
    app = await new AppProcess("huge-config", appEnv(github)).start();
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    await github?.stop();
  }, 30_000);

  it("fails shipshape/config with its size while /healthz keeps answering", async () => {
    const factory = new DeliveryFactory(BENCH_SECRET, new Prng(8));
    const headSha = "e".repeat(40);
    const delivery = await factory.pullRequest("opened", { installation: 8, owner: "acme", repo: "orders", repoId: 80_001, number: 3, headSha });
    expect((await sendDelivery(app.webhooks, delivery)).status).toBe(202);

    const posted = () => github.checkRuns.some((run) => run.head_sha === headSha && run.name === "shipshape/config" && run.status === "completed");
    let slowest = 0;
    const probing = (async () => {
      while (!posted()) {
        const started = performance.now();
        expect((await fetch(`${app.url}/healthz`)).ok).toBe(true);
        slowest = Math.max(slowest, performance.now() - started);
        await sleep(25);
      }
    })();
    await eventually(async () => posted(), 60_000, 50);
    await probing;

    const run = github.checkRuns.find((candidate) => candidate.head_sha === headSha && candidate.name === "shipshape/config");
    expect(run?.conclusion).toBe("failure");
    expect(JSON.stringify(run?.output)).toContain("the file is 8192 KB; the limit is 256 KB");
    expect(github.checkRuns.filter((candidate) => candidate.head_sha === headSha).map((candidate) => candidate.name)).toEqual(["shipshape/config"]);
    // The JSON form only (it carries `size`; past 1 MB GitHub leaves the content out).
    const reads = github.requests.filter((request) => request.path.includes("/contents/"));
    expect(reads.map((request) => request.accept)).not.toContainEqual(expect.stringContaining("raw"));
    expect(github.unhandled).toEqual([]);
    // Generous for two shared cores.
    expect(slowest).toBeLessThan(2_000);
  }, 120_000);

  it("lists the first 50 of 5,000 problems in one check-run write, annotations included", async () => {
    const factory = new DeliveryFactory(BENCH_SECRET, new Prng(9));
    const headSha = "f".repeat(40);
    const delivery = await factory.pullRequest("opened", { installation: 8, owner: "acme", repo: "typos", repoId: 80_002, number: 4, headSha });
    expect((await sendDelivery(app.webhooks, delivery)).status).toBe(202);
    await eventually(async () => github.checkRuns.some((run) => run.head_sha === headSha && run.name === "shipshape/config" && run.status === "completed"), 60_000, 50);

    const run = github.checkRuns.find((candidate) => candidate.head_sha === headSha && candidate.name === "shipshape/config");
    expect(run?.conclusion).toBe("failure");
    const output = run?.output as { title: string; summary: string; annotations: Array<{ start_line: number }> };
    expect(output.title).toBe("Fix 5000 problems in .github/shipshape.yml");
    expect(output.summary).toContain("tickets.k49: unknown key");
    expect(output.summary).not.toContain("tickets.k50:");
    expect(output.annotations.map((annotation) => annotation.start_line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(output.summary).toContain("… and 4950 more: `shipshape config validate .github/shipshape.yml` lists them all.");
    const writes = github.requests.filter((request) => request.path.includes("/typos/check-runs") && request.method !== "GET");
    expect(writes.map((request) => request.method)).toEqual(["POST"]);
    expect(github.unhandled).toEqual([]);
  }, 120_000);
});
