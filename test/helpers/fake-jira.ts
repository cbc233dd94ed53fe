import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the app sent to a fake ticket system. */
export interface TrackerRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  authorization: string | undefined;
  body: unknown;
}

/** A scripted answer that replaces the next normal one: e.g. [503], [429, { "retry-after": "1" }]. */
export type ScriptedReply = [status: number, headers?: Record<string, string>];

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
  const issues = new Map<string, JiraIssueState>();
  const requests: TrackerRequest[] = [];
  const script: ScriptedReply[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body });
      answer(req, res);
    });
  });
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const scripted = script.shift();
    if (scripted) return send(res, scripted[0], scripted[0] === 429 ? { errorMessages: ["Rate limit exceeded."] } : "<html>Service Unavailable</html>", scripted[1]);
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
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** An issue Jira knows. */
    hasIssue(key: string, issue: JiraIssueState) {
      issues.set(key, issue);
    },
    /** The next answers, whatever is asked (outages, rate limits). */
    answersNext(...replies: ScriptedReply[]) {
      script.push(...replies);
    },
    reset() {
      issues.clear();
      requests.length = 0;
      script.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        resolve(text);
      }
    });
  });
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/html" : "application/json", ...headers }).end(text);
}
