import type { TicketLookup } from "../model/ticket-references.js";
import { requestTracker, type TrackerIo } from "./request-tracker.js";
import type { LinearWorkspace } from "./tracker-credentials.js";

/** Linear's GraphQL `issue(id:)` takes an identifier such as ENG-123 as well as a UUID. */
const QUERY = "query Issue($id: String!) { issue(id: $id) { identifier title url state { name type } } }";

interface LinearAnswer {
  data?: { issue?: { identifier: string; title: string; url: string; state: { name: string; type: string } } | null } | null;
  errors?: Array<{ message?: string; extensions?: { code?: string; type?: string } }>;
}

/**
 * Looks a Linear issue up by its identifier. Linear answers a missing issue with an "Entity not
 * found" error (HTTP 200 or 400) and bad keys with 400/401 and `AUTHENTICATION_ERROR`. Never throws.
 */
export async function getLinearIssue(params: { workspace: LinearWorkspace; id: string; io: TrackerIo }): Promise<TicketLookup> {
  const { workspace, id, io } = params;
  const response = await requestTracker({
    system: "Linear",
    url: workspace.url,
    io,
    init: {
      method: "POST",
      headers: { authorization: workspace.apiKey, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: QUERY, variables: { id } }),
    },
  });
  if (!response.ok && response.status !== 400) {
    if (response.status === 401 || response.status === 403) return { kind: "misconfigured", reason: `Linear refused Shipshape's API key (${response.status})` };
    return { kind: "unreachable", reason: response.reason };
  }
  const answer = response.json as LinearAnswer | undefined;
  const errors = answer?.errors ?? [];
  if (errors.some((e) => /authenticat/i.test(`${e.extensions?.code ?? ""} ${e.extensions?.type ?? ""} ${e.message ?? ""}`))) {
    return { kind: "misconfigured", reason: "Linear refused Shipshape's API key" };
  }
  const issue = answer?.data?.issue;
  if (issue) return { kind: "found", title: issue.title, status: issue.state.name, group: issue.state.type, url: issue.url };
  if (errors.some((e) => /not found/i.test(`${e.message ?? ""} ${e.extensions?.code ?? ""}`)) || answer?.data?.issue === null) return { kind: "missing" };
  return { kind: "unreachable", reason: response.ok ? "Linear answered without the issue" : "Linear answered 400" };
}
