import { send, startFakeTracker } from "./fake-tracker.js";

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
  const tracker = await startFakeTracker<LinearIssueState>({
    scripted: (res, [status, headers]) =>
      send(res, status, status === 429 ? { errors: [{ message: "Rate limit exceeded", extensions: { code: "RATELIMITED" } }] } : "upstream connect error", headers),
    answer: ({ req, res, body, issues }) => {
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
    },
  });
  return { ...tracker, url: `${tracker.origin}/graphql` };
}
