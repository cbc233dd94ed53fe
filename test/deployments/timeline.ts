import { expect } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import type { Db } from "../../src/store/db.js";
import { example } from "../helpers/examples.js";
import type { FakeGitHub } from "../helpers/fake-github.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Payload = Record<string, any>;
export const REPO_ID = 186853002;
export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const t = (iso: string) => Date.parse(iso);
export const sha = (name: string) => name.padEnd(40, "0");

/** A webhook delivery: its event name and payload. */
export interface Delivery {
  name: string;
  payload: Payload;
}

/**
 * The default branch as one line of commits, oldest first: GitHub's compare answers what is
 * reachable from head and not from base (nothing when head is behind, as a rollback is).
 */
export function linearHistory(github: FakeGitHub, commits: readonly string[]): void {
  github.route("GET", /^\/repos\/Codertocat\/Hello-World\/compare\/([0-9a-z]+)\.\.\.([0-9a-z]+)$/, (_request, m) => {
    const base = commits.indexOf(m[1]!);
    const head = commits.indexOf(m[2]!);
    if (base < 0 || head < 0) return [404, { message: "Not Found" }];
    const between = head > base ? commits.slice(base + 1, head + 1) : [];
    return [200, { status: head > base ? "ahead" : head === base ? "identical" : "behind", total_commits: between.length, commits: between.map((c) => ({ sha: c })) }];
  });
}

/** `pull_request.closed`, merged, built from the opened example (the package has no merged one). */
export function merged(number: number, at: string, mergeCommitSha: string, baseRef = "master"): Delivery {
  const payload = example<Payload>("pull_request", "opened");
  payload.action = "closed";
  payload.number = number;
  Object.assign(payload.pull_request, {
    number,
    id: 900_000 + number,
    state: "closed",
    merged: true,
    merged_at: at,
    closed_at: at,
    created_at: new Date(t(at) - 6 * 3_600_000).toISOString(),
    updated_at: at,
    merge_commit_sha: mergeCommitSha,
    merged_by: { login: "octocat", type: "User" },
  });
  payload.pull_request.base.ref = baseRef;
  return { name: "pull_request", payload };
}

/** `deployment_status.created` of a GitHub deployment. */
export function deploymentStatus(id: number, deployedSha: string, state: string, at: string, environment = "production"): Delivery {
  const payload = example<Payload>("deployment_status", "created");
  Object.assign(payload.deployment, { id, sha: deployedSha, environment, created_at: at, updated_at: at });
  Object.assign(payload.deployment_status, { state, environment, created_at: at, updated_at: at });
  return { name: "deployment_status", payload };
}

/** Delivers in order, each as a new delivery id (a redelivery is the same payload again). */
export async function deliver(app: TestApp, deliveries: readonly Delivery[]): Promise<void> {
  for (const delivery of deliveries) await app.probot.receive({ id: `d-${Math.random().toString(36).slice(2)}`, name: delivery.name, payload: structuredClone(delivery.payload) } as never);
}

/** The orders a timeline is replayed in: as it happened, reversed, and shuffled with fixed seeds. */
export function orders<T>(items: readonly T[]): Array<{ name: string; items: T[] }> {
  const shuffled = (seed: number) => {
    let state = seed;
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  return [
    { name: "as it happened", items: [...items] },
    { name: "reversed", items: [...items].reverse() },
    { name: "shuffled (seed 7)", items: shuffled(7) },
    { name: "shuffled (seed 42)", items: shuffled(42) },
  ];
}

/** A test app on `db` whose config turns the checks off, so only the metrics requests remain. */
export async function metricsApp(github: FakeGitHub, db: Db, config = ""): Promise<TestApp> {
  github.hasConfig(OWNER, REPO, `tickets:\n  enabled: false\nadr:\n  enabled: false\ncoverage:\n  enabled: false\n${config}`);
  return createTestApp({ db, now: "2026-03-01T00:00:00Z" });
}

/** The stored deploy time of each PR, by number. */
export async function deployedAtOf(db: Db, numbers: readonly number[]): Promise<Record<number, string | null>> {
  const rows = await db.kysely.selectFrom("pull_requests").select(["number", "deployed_at"]).where("repo_id", "=", REPO_ID).execute();
  const byNumber = new Map(rows.map((row) => [row.number, row.deployed_at]));
  expect(rows.length).toBeGreaterThan(0);
  return Object.fromEntries(numbers.map((n) => [n, byNumber.get(n) == null ? null : new Date(Number(byNumber.get(n))).toISOString()]));
}

/** The repository every delivery is about (the pull_request example's: default branch master). */
export function repository(): Payload {
  return example<Payload>("pull_request", "opened").repository;
}

/** `workflow_run.completed` of a workflow run on the repo. */
export function workflowRun(params: { id: number; name: string; path: string; sha: string; conclusion: string; at: string; branch?: string }): Delivery {
  const payload = example<Payload>("workflow_run", "completed");
  payload.repository = repository();
  const started = new Date(t(params.at) - 5 * 60_000).toISOString();
  Object.assign(payload.workflow_run, {
    id: params.id,
    name: params.name,
    path: params.path,
    head_sha: params.sha,
    head_branch: params.branch ?? "master",
    status: "completed",
    conclusion: params.conclusion,
    created_at: started,
    run_started_at: started,
    updated_at: params.at,
    pull_requests: [],
  });
  return { name: "workflow_run", payload };
}

/** `issues.labeled` (incident) or `issues.closed` of issue `number`. */
export function incident(number: number, openedAt: string, closedAt: string | null): Delivery {
  const payload = example<Payload>("issues", "labeled");
  payload.repository = repository();
  payload.action = closedAt === null ? "labeled" : "closed";
  Object.assign(payload.issue, { number, labels: [{ name: "incident" }], created_at: openedAt, updated_at: closedAt ?? openedAt, closed_at: closedAt, state: closedAt === null ? "open" : "closed" });
  return { name: "issues", payload };
}

/** A GET of the metrics API as the HTTP server answers it, JSON parsed. */
export async function metricsApi(app: TestApp, path: string, query: string): Promise<Payload> {
  const { metricsRoutes } = await import("../../src/http/metrics-routes.js");
  const route = metricsRoutes(app.deps).find((candidate) => candidate.pattern === path.replace(`/${OWNER}/${REPO}/`, "/:owner/:repo/"))!;
  const response = await route.handle({ method: "GET", path, params: { owner: OWNER, repo: REPO }, query: new URLSearchParams(query), headers: {}, body: async () => Buffer.alloc(0) });
  return JSON.parse(String(response.body)) as Payload;
}
