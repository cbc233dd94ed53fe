import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BENCH_SECRET, startShipshape, type RunningApp } from "../../bench/apps.js";
import { DeliveryFactory } from "../../bench/deliveries.js";
import { Prng } from "../../bench/prng.js";
import { sendDelivery } from "../../bench/send.js";
import { waitForDelivery } from "../../bench/workload.js";
import type { ShipshapeServer } from "../../src/server.js";
import { FakeGitHubServer } from "../helpers/fake-github-server.js";
import { example } from "../helpers/examples.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
// Issue 16 / ADR 0079: the bench's fake GitHub answers what the delivery metrics read (teams,
// workflow runs, compares, releases) from its state, so no figure is measured over 501s or 404s.
const INSTALLATION = { id: 77, node_id: "I77" };
const sha = (n: number) => String(n).padStart(40, "a");

function inAcme(payload: any, repo: string): any {
  if (!payload.repository) payload.repository = { owner: {} };
  Object.assign(payload.repository, { id: repo === ".github" ? 1 : 2, name: repo, full_name: `acme/${repo}`, default_branch: "main" });
  Object.assign(payload.repository.owner, { login: "acme", name: "acme", type: "Organization" });
  payload.organization = { ...(payload.organization ?? {}), login: "acme" };
  payload.installation = INSTALLATION;
  return payload;
}

function deployRun(id: number, head: number): any {
  const payload = inAcme(example("workflow_run", "completed"), "shop");
  Object.assign(payload.workflow_run, { id, name: "Deploy", path: ".github/workflows/deploy.yml", head_sha: sha(head), head_branch: "main", status: "completed", conclusion: "success", event: "push", pull_requests: [] });
  Object.assign(payload.workflow, { name: "Deploy", path: ".github/workflows/deploy.yml" });
  return payload;
}

describe("the bench's fake GitHub and the delivery metrics", () => {
  let github: FakeGitHubServer;
  let app: RunningApp & { server: ShipshapeServer };
  const factory = new DeliveryFactory(BENCH_SECRET, new Prng(16));
  beforeEach(async () => {
    github = await new FakeGitHubServer().start();
    github.files.set("acme/.github:.github/shipshape.yml", "metrics:\n  teams:\n    github: true\n    members:\n      platform: [alice]\n");
    github.files.set("acme/shop:.github/shipshape.yml", "metrics:\n  deployments:\n    - workflow_runs:\n        workflows: [Deploy]\n");
    github.metrics.teams.set("acme", new Map([["mobile", ["bob"]]]));
    github.metrics.compares.set(`acme/shop@${sha(1)}...${sha(2)}`, [sha(2)]);
    app = await startShipshape(github);
  });
  afterEach(async () => {
    await app.stop();
    await github.stop();
  });

  it("teams and workflow-run deployments are answered from state: no 501, no 404 but missing files", async () => {
    const push = inAcme(example("push"), ".github");
    Object.assign(push, { ref: "refs/heads/main", commits: [{ ...push.commits[0], added: [], removed: [], modified: [".github/shipshape.yml"] }] });
    const membership = inAcme(example("membership", "added"), ".github");
    delete membership.repository;
    Object.assign(membership.team, { slug: "mobile", parent: null });
    Object.assign(membership, { scope: "team" });
    github.metrics.teams.get("acme")?.set("mobile", ["bob", "dana"]);
    for (const [event, payload] of [["push", push], ["membership", membership], ["workflow_run", deployRun(9001, 1)], ["workflow_run", deployRun(9002, 2)]] as const) {
      const delivery = await factory.other(event, payload);
      expect((await sendDelivery(app.url, delivery)).status).toBe(202);
      const row = await waitForDelivery(app.server.deps.db, delivery.id, 15_000);
      expect(row.status, `${event} delivery`).toBe("done");
    }

    const routes = github.requests.map((r) => `${r.route} ${r.status}`);
    expect(routes).toEqual(expect.arrayContaining(["GET /orgs/:org/teams 200", "GET /orgs/:org/teams/:slug/members 200", "GET /repos/:owner/:repo/compare/:basehead 200"]));
    expect(github.unhandled.map((r) => r.route)).toEqual([]);
    // 404 only for a file that is not there (a repo without its own config), as GitHub answers.
    expect(github.requests.filter((r) => r.status >= 400 && !(r.status === 404 && r.route.startsWith("GET /repos/:owner/:repo/contents/")))).toEqual([]);
  });

  it("a filtered runs list serves at most 1,000 runs, as GitHub does, while total_count counts every match", async () => {
    for (let i = 0; i < 1_200; i++) {
      const at = new Date(Date.parse("2026-11-01T00:00:00Z") + i * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      github.metrics.workflowRuns.push({ repo: "acme/shop", id: i + 1, workflow_id: 5, name: "Deploy", path: ".github/workflows/deploy.yml", head_sha: sha(i), head_branch: "main", status: "completed", conclusion: "success", created_at: at, run_started_at: at, updated_at: at });
    }
    const list = async (query: string) => (await (await fetch(`${github.baseUrl}/repos/acme/shop/actions/workflows/5/runs?${query}`)).json()) as { total_count: number; workflow_runs: Array<{ id: number }> };
    expect((await list("branch=main&status=completed&created=%3E%3D2026-11-01&per_page=100&page=10")).workflow_runs).toHaveLength(100);
    const past = await list("branch=main&status=completed&created=%3E%3D2026-11-01&per_page=100&page=11");
    expect(past).toEqual({ total_count: 1_200, workflow_runs: [] });
    // A range of creation times, both ends included, newest first.
    const range = await list("created=2026-11-01T00:00:00Z..2026-11-01T00:02:00Z&per_page=100&page=1");
    expect(range).toMatchObject({ total_count: 3 });
    expect(range.workflow_runs.map((r) => r.id)).toEqual([3, 2, 1]);
  });
});
