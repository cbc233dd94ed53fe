import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_SECRET, appEnv } from "../../bench/apps.js";
import { DeliveryFactory } from "../../bench/deliveries.js";
import { FakeGitHubServer } from "../helpers/fake-github-server.js";
import { Prng } from "../../bench/prng.js";
import { sendDelivery } from "../../bench/send.js";
import { AppProcess, eventually, sleep } from "../scale/cluster.js";

/**
 * The ReDoS of the issue through a real app process: `adr.paths: ["db/migrations/*-*-*-*.sql"]`
 * and a PR of 300 files named with 250 dashes. Under picomatch the ADR check took about 74 s
 * with `/healthz` blocked; on RE2 it answers at once.
 */
describe("an ADR path glob against pathological file names", () => {
  let github: FakeGitHubServer;
  let app: AppProcess;

  beforeAll(async () => {
    github = await new FakeGitHubServer().start();
    github.files.set("acme/orders:.github/shipshape.yml", 'adr:\n  paths: ["db/migrations/*-*-*-*.sql"]\n');
    github.prFileNames.set(7, Array.from({ length: 300 }, (_, i) => `db/migrations/${"-".repeat(250)}${i}.sq`));
    app = await new AppProcess("glob-redos", appEnv(github)).start();
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    await github?.stop();
  }, 30_000);

  it("judges the PR while /healthz keeps answering quickly", async () => {
    const factory = new DeliveryFactory(BENCH_SECRET, new Prng(250));
    const headSha = "d".repeat(40);
    const delivery = await factory.pullRequest("opened", { installation: 25, owner: "acme", repo: "orders", repoId: 250_001, number: 7, headSha });
    expect((await sendDelivery(app.webhooks, delivery)).status).toBe(202);

    let slowest = 0;
    const adrPosted = () => github.checkRuns.some((run) => run.head_sha === headSha && run.name === "shipshape/adr" && run.status === "completed");
    const probing = (async () => {
      while (!adrPosted()) {
        const started = performance.now();
        const response = await fetch(`${app.url}/healthz`);
        expect(response.ok).toBe(true);
        slowest = Math.max(slowest, performance.now() - started);
        await sleep(25);
      }
    })();
    await eventually(async () => adrPosted(), 60_000, 50);
    await probing;

    const adr = github.checkRuns.find((run) => run.head_sha === headSha && run.name === "shipshape/adr");
    // No file matches the glob, so no ADR is needed.
    expect(adr?.conclusion).toBe("success");
    expect(github.unhandled).toEqual([]);
    // Generous for two shared cores; the blocked loop of the issue held /healthz for over a minute.
    expect(slowest).toBeLessThan(2_000);
  }, 120_000);
});
