import { z } from "zod";

/**
 * The payload fields Shipshape's handlers read, per event it handles (src/index.ts). A signed
 * delivery without one of them can never succeed however often it is retried, so the worker
 * dead-letters it at once with the field named instead of retrying a TypeError for minutes.
 * Only what the handlers rely on is required: GitHub adds fields freely, and those are let through.
 */
const login = z.object({ login: z.string() });
const repository = z.object({ name: z.string(), owner: login });
const sha = z.string().min(1);
const pullRequest = z.object({ number: z.number().int(), head: z.object({ sha, ref: z.string() }), base: z.object({ ref: z.string() }) });

const SCHEMAS: Record<string, z.ZodType> = {
  pull_request: z.object({ repository, pull_request: pullRequest }),
  pull_request_review: z.object({ repository, pull_request: pullRequest, review: z.object({ id: z.number() }) }),
  pull_request_review_comment: z.object({ repository, pull_request: pullRequest, comment: z.object({ id: z.number() }) }),
  issue_comment: z.object({ repository, issue: z.object({ number: z.number().int() }), comment: z.object({ body: z.string() }) }),
  issues: z.object({ repository, issue: z.object({ number: z.number().int() }) }),
  push: z.object({ repository, ref: z.string() }),
  workflow_run: z.object({ repository, workflow_run: z.object({ head_sha: sha }) }),
  check_suite: z.object({ repository, check_suite: z.object({ head_sha: sha }) }),
  check_run: z.object({ repository, check_run: z.object({ head_sha: sha }) }),
  deployment: z.object({ repository, deployment: z.object({ id: z.number(), sha }) }),
  deployment_status: z.object({ repository, deployment: z.object({ id: z.number(), sha }), deployment_status: z.object({ state: z.string() }) }),
  release: z.object({ repository, release: z.object({ tag_name: z.string() }) }),
  membership: z.object({ organization: login, team: z.object({ slug: z.string() }) }),
  team: z.object({ organization: login, team: z.object({ slug: z.string() }) }),
  installation: z.object({ installation: z.object({ id: z.number() }) }),
  installation_repositories: z.object({ installation: z.object({ id: z.number() }) }),
};

/** Why `payload` cannot be handled as `event` ("payload field pull_request.head.sha is missing"), or undefined when it can. */
export function payloadProblem(event: string, payload: unknown): string | undefined {
  const schema = SCHEMAS[event];
  if (!schema) return undefined;
  const result = schema.safeParse(payload);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (!issue) return "payload does not match its event";
  const field = issue.path.map(String).join(".");
  const value = at(payload, issue.path);
  if (value === undefined || value === null) return `payload field ${field} is missing`;
  const expected = issue.code === "invalid_type" ? issue.expected : undefined;
  return expected ? `payload field ${field} is not a ${expected} (got ${describeValue(value)})` : `payload field ${field} is not valid: ${issue.message}`;
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `"${value.slice(0, 40)}"`;
  return typeof value === "object" ? "an object" : String(value);
}
