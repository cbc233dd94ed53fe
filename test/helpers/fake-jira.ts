import { send, startFakeTracker } from "./fake-tracker.js";

interface JiraIssueState {
  summary: string;
  status: string;
  /** Jira's status category key: new, indeterminate or done. */
  category: "new" | "indeterminate" | "done";
  issuetype?: string;
}

const CATEGORY_NAMES = { new: "To Do", indeterminate: "In Progress", done: "Done" } as const;

/**
 * A Jira on loopback that answers `GET /rest/api/{2,3}/issue/{key}` from its state, in the shapes
 * Atlassian documents (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get),
 * checks the `Authorization` header it was given, and records every request. Anything else is 404.
 */
export async function startFakeJira(options: { authorization: string }) {
  const tracker = await startFakeTracker<JiraIssueState>({
    scripted: (res, [status, headers]) => send(res, status, status === 429 ? { errorMessages: ["Rate limit exceeded."] } : "<html>Service Unavailable</html>", headers),
    answer: ({ req, res, issues }) => {
      // Jira Cloud answers bad credentials with 401 and this text (not JSON).
      if (req.headers.authorization !== options.authorization) return send(res, 401, "Client must be authenticated to access this resource.", { "content-type": "text/plain" });
      const url = new URL(req.url ?? "/", "http://jira");
      const match = /^\/rest\/api\/([23])\/issue\/([^/]+)$/.exec(url.pathname);
      const key = match ? decodeURIComponent(match[2] ?? "") : "";
      const issue = issues.get(key);
      if (!match || !issue) return send(res, 404, { errorMessages: ["Issue does not exist or you do not have permission to see it."], errors: {} });
      return send(res, 200, {
        id: "10001",
        key,
        self: `http://jira/rest/api/${match[1]}/issue/10001`,
        fields: {
          summary: issue.summary,
          issuetype: { name: issue.issuetype ?? "Story" },
          status: { name: issue.status, statusCategory: { key: issue.category, name: CATEGORY_NAMES[issue.category] } },
        },
      });
    },
  });
  return { ...tracker, url: tracker.origin };
}
