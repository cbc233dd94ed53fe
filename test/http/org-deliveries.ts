import { example } from "../helpers/examples.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Payload = Record<string, any>;
export const INSTALLATION = { id: 4242, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
export const REPOS = { api: 5001, web: 5002 } as const;
const H = 3_600_000;

/** A real payload moved into repository `acme/<name>` of the organisation acme, as an installed app receives it. */
function inAcme(payload: Payload, name: keyof typeof REPOS): Payload {
  Object.assign(payload.repository, { id: REPOS[name], name, full_name: `acme/${name}` });
  Object.assign(payload.repository.owner, { login: "acme", type: "Organization" });
  payload.organization = { login: "acme", id: 77 };
  payload.installation = INSTALLATION;
  return payload;
}

/** `pull_request.closed`, merged, by `author`: built from the opened example (the package has no merged one). */
export function mergedPr(params: { repo: keyof typeof REPOS; number: number; author: string; opened: string; merged: string }): Payload {
  const payload = inAcme(example<Payload>("pull_request", "opened"), params.repo);
  payload.action = "closed";
  payload.number = params.number;
  Object.assign(payload.pull_request, {
    number: params.number, id: 700_000 + params.number, state: "closed", draft: false, merged: true,
    created_at: params.opened, updated_at: params.merged, merged_at: params.merged, closed_at: params.merged,
    merge_commit_sha: `m${params.number}`.padEnd(40, "0"), merged_by: { login: "octocat", type: "User" },
  });
  Object.assign(payload.pull_request.user, { login: params.author, type: "User" });
  payload.sender = { ...payload.pull_request.user };
  return payload;
}

/** `pull_request_review.submitted` of PR `number` (by `author`) by `reviewer`. */
export function review(params: { repo: keyof typeof REPOS; number: number; author: string; reviewer: string; state: "approved" | "changes_requested" | "commented"; at: string }): Payload {
  const payload = inAcme(example<Payload>("pull_request_review", "submitted"), params.repo);
  Object.assign(payload.pull_request, { number: params.number, id: 700_000 + params.number });
  Object.assign(payload.pull_request.user, { login: params.author, type: "User" });
  Object.assign(payload.review, { id: Date.parse(params.at) / 1000 + params.number, state: params.state, submitted_at: params.at });
  Object.assign(payload.review.user, { login: params.reviewer, type: "User" });
  return payload;
}

/** ISO time `hours` after `base`. */
export const at = (base: string, hours: number) => new Date(Date.parse(base) + hours * H).toISOString();

/**
 * What merges in acme/api and acme/web read of configuration: each repository's own file (none,
 * so the organisation's; each cached five minutes) and the organisation's own, once, for its teams.
 */
export const CONFIG_READS = [
  "GET /repos/acme/api/contents/.github%2Fshipshape.yml",
  "GET /repos/acme/web/contents/.github%2Fshipshape.yml",
  ...Array.from({ length: 3 }, () => "GET /repos/acme/.github/contents/.github%2Fshipshape.yml"),
];
