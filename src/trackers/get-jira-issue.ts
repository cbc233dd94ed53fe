import type { TicketLookup } from "../model/ticket-references.js";
import { requestTracker, type TrackerIo } from "./request-tracker.js";
import type { JiraSite } from "./tracker-credentials.js";

/** The fields of `GET /rest/api/{2,3}/issue/{key}?fields=status,issuetype,summary` Shipshape reads. */
interface JiraIssue {
  key: string;
  fields: {
    summary?: string;
    status?: { name?: string; statusCategory?: { key?: string; name?: string } };
    issuetype?: { name?: string };
  };
}

/**
 * Looks a Jira key up: `GET /rest/api/3/issue/{key}` on Cloud, `/rest/api/2/…` on Data Center,
 * asking only for status, issue type and summary. 404 is missing (Jira also answers 404 for an
 * issue the account may not browse); 401/403 are the operator's credentials; anything else
 * unanswered is unreachable. Never throws.
 */
export async function getJiraIssue(params: { site: JiraSite; key: string; io: TrackerIo }): Promise<TicketLookup> {
  const { site, key, io } = params;
  const url = `${site.baseUrl}/rest/api/${site.apiVersion}/issue/${encodeURIComponent(key)}?fields=status,issuetype,summary`;
  const response = await requestTracker({ system: "Jira", url, io, init: { headers: { authorization: site.authorization, accept: "application/json" } } });
  if (!response.ok) {
    if (response.status === 404) return { kind: "missing" };
    if (response.status === 401 || response.status === 403) return { kind: "misconfigured", reason: `Jira refused Shipshape's credentials (${response.status})` };
    return { kind: "unreachable", reason: response.reason };
  }
  const issue = response.json as Partial<JiraIssue>;
  const fields = issue.fields ?? {};
  return {
    kind: "found",
    title: fields.summary ?? key,
    status: fields.status?.name ?? "unknown",
    group: fields.status?.statusCategory?.key ?? "",
    url: `${site.baseUrl}/browse/${encodeURIComponent(issue.key ?? key)}`,
  };
}
