import { example } from "../helpers/examples.js";
import type { FakeGitHub } from "../helpers/fake-github.js";

export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const PR = 2;
export const BASE = "master";

/** Only the ADR check runs, so each test sees exactly the ADR check's requests. */
export const ADR_ONLY = "tickets:\n  enabled: false\ncoverage:\n  enabled: false\n";

type Payload = Record<string, unknown> & { pull_request: Record<string, unknown> };

export interface PrState {
  title: string;
  body: string;
  labels: string[];
  sha: string;
}

/** A `pull_request.<action>` delivery for PR #2 of the example repository, in the state given. */
export function prEvent(action: string, state: PrState, extra: Record<string, unknown> = {}): { id: string; name: "pull_request"; payload: Payload } {
  const opened = example<Payload>("pull_request", "opened");
  const payload = action === "edited" ? { ...opened, action: "edited" } : example<Payload>("pull_request", action);
  const pr = opened.pull_request as { head: Record<string, unknown>; base: Record<string, unknown> } & Record<string, unknown>;
  payload.repository = opened.repository;
  payload.pull_request = {
    ...pr,
    title: state.title,
    body: state.body,
    labels: state.labels.map((name, i) => ({ id: i + 1, name, color: "ededed" })),
    head: { ...pr.head, sha: state.sha },
  };
  Object.assign(payload, extra);
  return { id: `${action}-${Math.random().toString(36).slice(2)}`, name: "pull_request", payload };
}

/** Serves a directory listing of `path` at `ref` with an ETag, as GitHub's contents API does. */
export function hasDirectory(github: FakeGitHub, path: string, names: string[], ref = BASE): void {
  const pattern = new RegExp(`^/repos/${OWNER}/${REPO}/contents/${path.split("/").join("(?:/|%2F)")}$`, "i");
  github.route("GET", pattern, (request) => {
    if ((request.query.ref ?? "") !== ref) return [404, { message: "Not Found" }];
    const entries = names.map((name, i) => ({ name, path: `${path}/${name}`, type: "file", sha: `${i}`.padStart(40, "b"), size: 100 }));
    return [200, entries, { etag: `"listing-${names.length}"` }];
  });
}

/** "METHOD /path" of each request, the query left out. */
export function calls(github: FakeGitHub, from = 0): string[] {
  return github.requests.slice(from).map((request) => `${request.method} ${decodeURIComponent(request.path)}`);
}
