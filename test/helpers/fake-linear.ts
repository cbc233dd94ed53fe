import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody, send, type ScriptedReply, type TrackerRequest } from "./fake-jira.js";

interface LinearIssueState {
  title: string;
  /** The workflow state's name, e.g. "In Progress". */
  state: string;
  /** Linear's state type: triage, backlog, unstarted, started, completed, canceled. */
  type: "triage" | "backlog" | "unstarted" | "started" | "completed" | "canceled";
}

/**
 * Linear's GraphQL API on loopback: answers `issue(id:)` from its state with the shapes and errors
 * Linear's API returns (https://developers.linear.app/docs/graphql/working-with-the-graphql-api:
 * a missing entity is an `Entity not found` error, a bad key `AUTHENTICATION_ERROR` with 400), and
 * records every request.
 */
export async function startFakeLinear(options: { apiKey: string }) {
  const issues = new Map<string, LinearIssueState>();
  const requests: TrackerRequest[] = [];
  const script: ScriptedReply[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body });
      const scripted = script.shift();
      if (scripted) return send(res, scripted[0], scripted[0] === 429 ? { errors: [{ message: "Rate limit exceeded", extensions: { code: "RATELIMITED" } }] } : "upstream connect error", scripted[1]);
      if (req.headers.authorization !== options.apiKey) {
        return send(res, 400, { errors: [{ message: "Authentication required, not authenticated", extensions: { type: "authentication error", code: "AUTHENTICATION_ERROR" } }] });
      }
      const id = String((body as { variables?: { id?: string } } | undefined)?.variables?.id ?? "");
      const issue = issues.get(id);
      if (!issue) {
        return send(res, 200, { errors: [{ message: "Entity not found: Issue", path: ["issue"], extensions: { type: "invalid input", code: "INPUT_ERROR", userPresentableMessage: "Could not find referenced Issue." } }], data: null });
      }
      return send(res, 200, {
        data: { issue: { identifier: id, title: issue.title, url: `https://linear.app/acme/issue/${id.toLowerCase()}`, state: { name: issue.state, type: issue.type } } },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    hasIssue(id: string, issue: LinearIssueState) {
      issues.set(id, issue);
    },
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
