import { readFileSync } from "node:fs";
import nock from "nock";
import { example } from "../helpers/examples.js";
import type { FakeGitHub } from "../helpers/fake-github.js";
import { prFilesFromGitDiff } from "./pr-files.js";
import { makeZip } from "./make-zip.js";

export const fixture = (path: string) => readFileSync(new URL(`../fixtures/coverage/${path}`, import.meta.url));

export const HEAD = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
export const BASE = "a1b2c3d000000000000000000000000000000000";
export const BLOB_HOST = "https://artifacts.blob.example.test";

interface Payload {
  repository: { id: number; name: string; owner: { login: string } };
  workflow_run: Record<string, unknown> & { id: number; head_sha: string };
}

/** A real workflow_run.completed payload for a run of the PR's head. */
export function workflowRunCompleted(runId: number, name = "CI"): Payload {
  const payload = example<Payload>("workflow_run", "completed");
  const repoId = payload.repository.id;
  Object.assign(payload.workflow_run, {
    id: runId,
    name,
    head_sha: HEAD,
    head_branch: "feature/cart",
    updated_at: `2024-06-03T10:0${runId % 10}:00Z`,
    pull_requests: [{ number: 7, id: 1, url: "", head: { ref: "feature/cart", sha: HEAD, repo: { id: repoId, url: "", name: "x" } }, base: { ref: "main", sha: BASE, repo: { id: repoId, url: "", name: "x" } } }],
  });
  return payload;
}

/** The PR #7 GitHub answers for, its head HEAD and base BASE, with the fixtures' realistic diff. */
export function hasOpenPullRequest(github: FakeGitHub, payload: Payload): void {
  const { owner, name } = { owner: payload.repository.owner.login, name: payload.repository.name };
  const pr = example<{ pull_request: Record<string, unknown> }>("pull_request", "opened").pull_request;
  Object.assign(pr, { number: 7, state: "open", draft: false, head: { ref: "feature/cart", sha: HEAD }, base: { ref: "main", sha: BASE } });
  github.route("GET", new RegExp(`^/repos/${owner}/${name}/pulls/7$`), () => [200, pr]);
  const files = prFilesFromGitDiff(fixture("pr.diff").toString("utf8")).map((file) => ({
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    ...(file.patch === undefined ? {} : { patch: file.patch }),
    ...(file.previousFilename ? { previous_filename: file.previousFilename } : {}),
  }));
  github.hasPullRequestFiles(7, files);
}

/** The run's artifacts, each a real zip served from the storage host behind GitHub's 302. */
export function hasArtifacts(github: FakeGitHub, params: { owner: string; repo: string; runId: number; artifacts: Array<{ id: number; name: string; files: Array<{ name: string; data: Buffer | string }> }> }): void {
  const { owner, repo, runId, artifacts } = params;
  github.route("GET", new RegExp(`^/repos/${owner}/${repo}/actions/runs/${runId}/artifacts$`), () => [
    200,
    { total_count: artifacts.length, artifacts: artifacts.map((a) => ({ id: a.id, name: a.name, size_in_bytes: 1000, expired: false })) },
  ]);
  for (const artifact of artifacts) {
    github.route("GET", new RegExp(`^/repos/${owner}/${repo}/actions/artifacts/${artifact.id}/zip$`), () => [302, "", { location: `${BLOB_HOST}/${artifact.id}.zip?sig=short-lived` }]);
    nock(BLOB_HOST).get(`/${artifact.id}.zip`).query({ sig: "short-lived" }).reply(200, makeZip(artifact.files));
  }
}

/** The workflow runs of HEAD GitHub lists, with the given statuses. */
export function hasWorkflowRuns(github: FakeGitHub, params: { owner: string; repo: string; runs: Array<{ id: number; status: string }> }): void {
  github.route("GET", new RegExp(`^/repos/${params.owner}/${params.repo}/actions/runs$`), (request) => [
    200,
    { total_count: params.runs.length, workflow_runs: request.query.head_sha === HEAD ? params.runs : [] },
  ]);
}
