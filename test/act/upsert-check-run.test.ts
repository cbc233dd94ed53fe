import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CheckRunState } from "../../src/model/checks.js";
import { upsertCheckRun } from "../../src/act/upsert-check-run.js";
import { openStore, type Db } from "../../src/store/db.js";
import { FakeGitHub } from "../helpers/fake-github.js";

const repo = { id: 1, owner: "acme", name: "api" };
const sha = "c".repeat(40);
const now = new Date("2024-06-03T10:00:00Z");
const state = (conclusion: "success" | "failure", annotations = 0): CheckRunState => ({
  name: "shipshape/ticket",
  status: "completed",
  conclusion,
  output: {
    title: conclusion === "success" ? "Linked to ENG-1" : "Add a ticket reference to the title, e.g. ENG-123",
    summary: "x".repeat(70_000),
    annotations: Array.from({ length: annotations }, (_, i) => ({ path: "a.ts", start_line: i + 1, end_line: i + 1, annotation_level: "warning" as const, message: `line ${i + 1}` })),
  },
});

describe("upsertCheckRun", () => {
  let db: Db;
  let github: FakeGitHub;
  const octokit = new ProbotOctokit({ auth: { token: "t" }, throttle: { enabled: false }, retry: { enabled: false } } as never);
  beforeEach(async () => {
    db = await openStore({ dataDir: ":memory:" });
    github = new FakeGitHub().install();
  });
  afterEach(() => db.close());

  const upsert = (s: CheckRunState) => upsertCheckRun({ octokit, db, repo, headSha: sha, state: s, now });

  it("creates once, updates in place, sends nothing when nothing changed", async () => {
    expect(await upsert(state("failure"))).toBe("created");
    expect(await upsert(state("failure"))).toBe("unchanged");
    expect(await upsert(state("success"))).toBe("updated");
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /repos/acme/api/check-runs", `PATCH /repos/acme/api/check-runs/${github.checkRuns[0]?.id}`]);
    expect(github.checkRuns).toHaveLength(1);
  });

  it("cuts the summary to GitHub's 65,535 characters and sends annotations 50 a request", async () => {
    await upsert(state("failure", 120));
    const bodies = github.requests.map((r) => r.body as { output: { summary: string; annotations?: unknown[] } });
    expect(bodies[0]?.output.summary.length).toBe(65_535);
    expect(bodies.map((b) => b.output.annotations?.length)).toEqual([50, 50, 20]);
    expect(github.checkRuns[0]?.annotations).toHaveLength(120);
  });

  it("after a create whose answer was lost, finds the check run instead of creating a second", async () => {
    let first = true;
    github.route("POST", /\/check-runs$/, (request) => {
      const body = request.body as { name: string; head_sha: string; status: string };
      github.checkRuns.push({ id: 77, name: body.name, head_sha: body.head_sha, status: body.status, conclusion: null, output: {}, annotations: [] });
      if (first) {
        first = false;
        return [502, { message: "Bad Gateway" }]; // GitHub created it; we never heard back
      }
      return [201, { id: 78 }];
    });
    await expect(upsert(state("failure"))).rejects.toMatchObject({ status: 502 });
    expect(await upsert(state("failure"))).toBe("updated");
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /repos/acme/api/check-runs",
      `GET /repos/acme/api/commits/${sha}/check-runs`,
      "PATCH /repos/acme/api/check-runs/77",
    ]);
    expect(github.checkRuns).toHaveLength(1);
  });
});
