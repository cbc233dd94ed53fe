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

/**
 * A ticket system on loopback that answers from its issues, records every request, and lets a
 * test script the next answers (outages, rate limits). Each fake says how it answers: `scripted`
 * for a scripted status, `answer` for everything else, in its vendor's shapes.
 */
export async function startFakeTracker<Issue>(params: {
  scripted: (res: ServerResponse, reply: ScriptedReply) => void;
  answer: (params: { req: IncomingMessage; res: ServerResponse; body: unknown; issues: ReadonlyMap<string, Issue> }) => void;
}) {
  const issues = new Map<string, Issue>();
  const requests: TrackerRequest[] = [];
  const script: ScriptedReply[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body });
      const reply = script.shift();
      if (reply) params.scripted(res, reply);
      else params.answer({ req, res, body, issues });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    /** An issue the ticket system knows. */
    hasIssue(id: string, issue: Issue) {
      issues.set(id, issue);
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

function readBody(req: IncomingMessage): Promise<unknown> {
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
