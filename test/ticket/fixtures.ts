import { example } from "../helpers/examples.js";
import type { FakeGitHub, RecordedRequest } from "../helpers/fake-github.js";

export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const PR_NUMBER = 2;
export const HEAD_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
export const CHECK_RUNS_PATH = `/repos/${OWNER}/${REPO}/check-runs`;

export interface PullRequestShape {
  number: number;
  title: string;
  body: string | null;
  draft: boolean;
  state: string;
  labels: Array<{ name: string }>;
  user: { login: string; type: string };
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
}

export interface PullRequestPayload {
  action: string;
  number: number;
  pull_request: PullRequestShape;
  repository: { id: number; name: string; owner: { login: string } };
  changes?: Record<string, { from: string }>;
  label?: { name: string };
}

/**
 * A real `pull_request` payload (Codertocat/Hello-World#2) with the fields a test names changed.
 * `edited` is built from it by hand (the examples package has none), with GitHub's `changes`.
 */
export function pullRequestEvent(
  action: string,
  pr: Partial<{ title: string; body: string; headRef: string; labels: string[]; draft: boolean; author: string; headSha: string }> = {},
  changes?: Record<string, { from: string }>,
): PullRequestPayload {
  const payload = example<PullRequestPayload>("pull_request", "opened");
  payload.action = action;
  const pull = payload.pull_request;
  if (pr.title !== undefined) pull.title = pr.title;
  if (pr.body !== undefined) pull.body = pr.body;
  if (pr.headRef !== undefined) pull.head.ref = pr.headRef;
  if (pr.headSha !== undefined) pull.head.sha = pr.headSha;
  if (pr.labels !== undefined) pull.labels = pr.labels.map((name) => ({ name }));
  if (pr.draft !== undefined) pull.draft = pr.draft;
  if (pr.author !== undefined) pull.user = { ...pull.user, login: pr.author, type: pr.author.endsWith("[bot]") ? "Bot" : "User" };
  if (action === "edited") payload.changes = changes ?? {};
  return payload;
}

/** Serves `GET /repos/{owner}/{repo}/pulls/{n}` with the payload's PR, as the REST API would. */
export function servesPullRequest(github: FakeGitHub, pull: PullRequestShape): void {
  github.route("GET", new RegExp(`^/repos/${OWNER}/${REPO}/pulls/${pull.number}$`), () => [200, pull]);
}

/** Serves `GET /repos/{owner}/{repo}/issues/{n}`: "issue", "pull-request", or absent (404). */
export function servesIssues(github: FakeGitHub, issues: Record<string, "issue" | "pull-request">): void {
  github.route("GET", /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/, (_request, m) => {
    const kind = issues[`${m[1]}/${m[2]}#${m[3]}`];
    if (!kind) return [404, { message: "Not Found" }];
    return [200, { number: Number(m[3]), ...(kind === "pull-request" ? { pull_request: { url: "x" } } : {}) }];
  });
}

/** Requests that wrote the `shipshape/ticket` check run, as (method, path, body). */
export function ticketCheckWrites(github: FakeGitHub): Array<Pick<RecordedRequest, "method" | "path" | "body">> {
  const ids = new Set(github.checkRuns.filter((run) => run.name === "shipshape/ticket").map((run) => String(run.id)));
  return github
    .writes()
    .filter((request) => {
      if (request.method === "POST" && request.path === CHECK_RUNS_PATH) return (request.body as { name?: string }).name === "shipshape/ticket";
      const id = request.path.split("/").pop() ?? "";
      return request.path.startsWith(`${CHECK_RUNS_PATH}/`) && ids.has(id);
    })
    .map(({ method, path, body }) => ({ method, path, body }));
}

export function requested(github: FakeGitHub, method: string, path: string): number {
  return github.requests.filter((request) => request.method === method && request.path === path).length;
}
