import nock from "nock";

/** A request the app sent to the fake GitHub. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

type Reply = [status: number, body?: unknown, headers?: Record<string, string>];
type RouteHandler = (request: RecordedRequest, match: RegExpExecArray) => Reply | Promise<Reply>;

interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string; annotations?: unknown[] };
  annotations: unknown[];
}

interface Comment {
  id: number;
  issue_number: number;
  body: string;
  user: { login: string; type: string };
}

/**
 * A small, state-backed GitHub for handler tests: answers the REST calls Shipshape makes from its
 * state, records every request, and answers 501 (recorded in `unhandled`) for anything else so a
 * test notices requests it did not expect. Extend it with `route()` and intent-named helpers.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly unhandled: RecordedRequest[] = [];
  readonly checkRuns: CheckRun[] = [];
  readonly comments: Comment[] = [];
  /** Reactions Shipshape added to PR comments (`/shipshape` commands it carried out), in order. */
  readonly reactions: Array<{ commentId: number; content: string }> = [];
  readonly #files = new Map<string, string>();
  readonly #prFiles = new Map<number, unknown[]>();
  readonly #prCommits = new Map<number, unknown[]>();
  readonly #permissions = new Map<string, string>();
  readonly #linkedIssues = new Map<number, unknown[]>();
  readonly #routes: Array<{ method: string; regex: RegExp; handler: RouteHandler }> = [];
  #nextId = 1000;

  constructor(readonly baseUrl = "https://api.github.com") {
    this.#defaultRoutes();
  }

  /** Starts answering requests to `baseUrl` (nock intercepts Octokit's fetch). */
  install(): this {
    const scope = nock(this.baseUrl).persist();
    const dispatch = (method: string, uri: string, body: unknown, headers: RecordedRequest["headers"]) => this.#dispatch(method, uri, body, headers);
    for (const method of ["get", "post", "patch", "put", "delete"] as const) {
      scope[method](/.*/).reply(async function (uri, body, callback) {
        try {
          const [status, replyBody, headers] = await dispatch(method.toUpperCase(), uri, body, { ...this.req.headers });
          const text = typeof replyBody === "string" ? replyBody : JSON.stringify(replyBody ?? "");
          callback(null, [status, text, { "content-type": "application/json; charset=utf-8", ...headers }]);
        } catch (error) {
          callback(error as Error, [500, ""]);
        }
      });
    }
    return this;
  }

  /** Adds (or overrides, when added later) a route: `fake.route("GET", /^\/repos\/o\/r\/x$/, () => [200, {...}])`. */
  route(method: string, regex: RegExp, handler: RouteHandler): this {
    this.#routes.unshift({ method, regex, handler });
    return this;
  }

  // ---- intent-named state helpers -------------------------------------------------------------

  /** `path` in `owner/repo` at `ref` ("" = default branch). */
  hasFile(owner: string, repo: string, path: string, text: string, ref = ""): this {
    this.#files.set(`${owner}/${repo}@${ref}:${path}`, text);
    return this;
  }

  hasConfig(owner: string, repo: string, yaml: string): this {
    return this.hasFile(owner, repo, ".github/shipshape.yml", yaml);
  }

  hasPullRequestFiles(number: number, files: Array<{ filename: string; status?: string; additions?: number; deletions?: number; patch?: string; previous_filename?: string }>): this {
    this.#prFiles.set(
      number,
      files.map((file) => ({ status: "modified", additions: 1, deletions: 0, changes: 1, sha: "0".repeat(40), ...file })),
    );
    return this;
  }

  hasCommits(number: number, commits: Array<{ sha?: string; message: string; date?: string; login?: string }>): this {
    this.#prCommits.set(
      number,
      commits.map((commit, i) => ({
        sha: commit.sha ?? `${String(i + 1).padStart(7, "0")}${"a".repeat(33)}`,
        commit: { message: commit.message, author: { name: "A", email: "a@example.com", date: commit.date ?? "2024-01-01T00:00:00Z" } },
        author: commit.login ? { login: commit.login, type: "User" } : null,
      })),
    );
    return this;
  }

  /**
   * Issues linked to PR `number` in its Development sidebar, as GraphQL `closingIssuesReferences`
   * lists them (https://docs.github.com/en/graphql/reference/objects#pullrequest). None by default.
   */
  hasLinkedIssues(number: number, issues: Array<{ owner: string; repo: string; number: number; title: string; state?: "OPEN" | "CLOSED" }>): this {
    this.#linkedIssues.set(
      number,
      issues.map((issue) => ({
        number: issue.number,
        title: issue.title,
        state: issue.state ?? "OPEN",
        url: `https://github.com/${issue.owner}/${issue.repo}/issues/${issue.number}`,
        repository: { name: issue.repo, owner: { login: issue.owner } },
      })),
    );
    return this;
  }

  hasPermission(login: string, permission: "admin" | "maintain" | "write" | "triage" | "read" | "none"): this {
    this.#permissions.set(login, permission);
    return this;
  }

  // ---- assertions helpers ---------------------------------------------------------------------

  /** Requests that change something on GitHub. */
  writes(): RecordedRequest[] {
    return this.requests.filter((request) => request.method !== "GET");
  }

  checkRun(name: string, headSha?: string): CheckRun | undefined {
    return this.checkRuns.find((run) => run.name === name && (headSha === undefined || run.head_sha === headSha));
  }

  // ---- routing --------------------------------------------------------------------------------

  async #dispatch(method: string, uri: string, body: unknown, headers: RecordedRequest["headers"]): Promise<Reply> {
    const url = new URL(uri, this.baseUrl);
    const prefix = new URL(this.baseUrl).pathname.replace(/\/$/, "");
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || "/" : url.pathname;
    const request: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: typeof body === "string" && body.length > 0 ? safeJson(body) : body || undefined,
      headers,
    };
    this.requests.push(request);
    for (const route of this.#routes) {
      if (route.method !== method) continue;
      const match = route.regex.exec(path);
      if (match) return route.handler(request, match);
    }
    this.unhandled.push(request);
    return [501, { message: `fake GitHub has no route for ${method} ${path}` }];
  }

  #defaultRoutes(): void {
    this.route("POST", /^\/app\/installations\/(\d+)\/access_tokens$/, () => [
      201,
      { token: "ghs_test", expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {}, repository_selection: "all" },
    ]);
    // The root listing, as GitHub answers `contents` (the ADR check looks there for `.adr-dir` and
    // the well-known ADR directories when `adr.directory` is missing).
    this.route("GET", /^\/repos\/([^/]+)\/([^/]+)\/contents\/?$/, (request, m) => {
      const prefix = `${m[1]}/${m[2]}@${request.query.ref ?? ""}:`;
      const names = new Map<string, "file" | "dir">();
      for (const key of this.#files.keys()) {
        if (!key.startsWith(prefix)) continue;
        const [first = "", ...rest] = key.slice(prefix.length).split("/");
        names.set(first, rest.length > 0 ? "dir" : "file");
      }
      return [200, [...names].map(([name, type]) => ({ name, path: name, type, sha: "e".repeat(40), size: 0 }))];
    });
    this.route("GET", /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/, (request, m) => {
      const key = `${m[1]}/${m[2]}@${request.query.ref ?? ""}:${decodeURIComponent(m[3] ?? "")}`;
      const text = this.#files.get(key);
      if (text === undefined) return [404, { message: "Not Found" }];
      return [200, contentsFile(m[3] ?? "", text)];
    });
    this.route("GET", /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/, (request, m) =>
      paginate(this.#prFiles.get(Number(m[1])) ?? [], request, this.baseUrl),
    );
    this.route("GET", /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/commits$/, (request, m) =>
      paginate(this.#prCommits.get(Number(m[1])) ?? [], request, this.baseUrl),
    );
    this.route("POST", /^\/repos\/[^/]+\/[^/]+\/check-runs$/, (request) => {
      const body = request.body as Record<string, unknown>;
      const output = (body.output ?? {}) as CheckRun["output"];
      const run: CheckRun = {
        id: this.#nextId++,
        name: String(body.name),
        head_sha: String(body.head_sha),
        status: String(body.status ?? "queued"),
        conclusion: (body.conclusion as string | undefined) ?? null,
        output,
        annotations: [...(output.annotations ?? [])],
      };
      this.checkRuns.push(run);
      return [201, { id: run.id, name: run.name, head_sha: run.head_sha }];
    });
    this.route("PATCH", /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/, (request, m) => {
      const run = this.checkRuns.find((candidate) => candidate.id === Number(m[1]));
      if (!run) return [404, { message: "Not Found" }];
      const body = request.body as Record<string, unknown>;
      if (body.status) run.status = String(body.status);
      if (body.conclusion) run.conclusion = String(body.conclusion);
      if (body.output) {
        const output = body.output as CheckRun["output"];
        run.output = output;
        run.annotations.push(...(output.annotations ?? []));
      }
      return [200, { id: run.id }];
    });
    this.route("GET", /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/check-runs$/, (request, m) => {
      const runs = this.checkRuns.filter((run) => run.head_sha === m[1] && (!request.query.check_name || run.name === request.query.check_name));
      return [200, { total_count: runs.length, check_runs: runs.slice().reverse().map((run) => ({ id: run.id, name: run.name, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion })) }];
    });
    this.route("GET", /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/, (request, m) =>
      paginate(this.comments.filter((comment) => comment.issue_number === Number(m[1])), request, this.baseUrl),
    );
    this.route("POST", /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/, (request, m) => {
      const comment: Comment = {
        id: this.#nextId++,
        issue_number: Number(m[1]),
        body: String((request.body as { body: string }).body),
        user: { login: "shipshape[bot]", type: "Bot" },
      };
      this.comments.push(comment);
      return [201, comment];
    });
    this.route("PATCH", /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/, (request, m) => {
      const comment = this.comments.find((candidate) => candidate.id === Number(m[1]));
      if (!comment) return [404, { message: "Not Found" }];
      comment.body = String((request.body as { body: string }).body);
      return [200, comment];
    });
    // GraphQL: only the query the ticket check makes; any other is unhandled, so a test notices it.
    this.route("POST", /^(\/api)?\/graphql$/, (request) => {
      const { query, variables } = (request.body ?? {}) as { query?: string; variables?: { number?: number } };
      if (!query?.includes("query ClosingIssues")) {
        this.unhandled.push(request);
        return [501, { message: "fake GitHub answers only the ClosingIssues query" }];
      }
      const nodes = this.#linkedIssues.get(variables?.number ?? 0) ?? [];
      return [200, { data: { repository: { pullRequest: { closingIssuesReferences: { nodes } } } } }];
    });
    this.route("POST", /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)\/reactions$/, (request, m) => {
      const reaction = { commentId: Number(m[1]), content: String((request.body as { content: string }).content) };
      // GitHub answers 200 (not 201) with the existing reaction when the same user already reacted so.
      const again = this.reactions.some((r) => r.commentId === reaction.commentId && r.content === reaction.content);
      if (!again) this.reactions.push(reaction);
      return [again ? 200 : 201, { id: this.reactions.length, content: reaction.content, user: { login: "shipshape[bot]", type: "Bot" } }];
    });
    this.route("GET", /^\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/, (_request, m) => {
      const login = decodeURIComponent(m[1] ?? "");
      const permission = this.#permissions.get(login) ?? "none";
      return [200, { permission, role_name: permission, user: { login } }];
    });
  }
}

/**
 * A file as the contents API's JSON form describes it: `size` always, the base64 content only up
 * to 1 MB (past that GitHub sends `encoding: "none"` and an empty `content`).
 */
export function contentsFile(path: string, text: string): Record<string, unknown> {
  const decoded = decodeURIComponent(path);
  const size = Buffer.byteLength(text);
  const inline = size <= 1024 * 1024;
  return {
    type: "file",
    name: decoded.split("/").pop(),
    path: decoded,
    sha: "f".repeat(40),
    size,
    encoding: inline ? "base64" : "none",
    content: inline ? Buffer.from(text).toString("base64") : "",
  };
}

/** Serves `per_page`/`page` like GitHub, with a Link header when more pages follow. */
export function paginate(items: unknown[], request: RecordedRequest, baseUrl = "https://api.github.com"): Reply {
  const perPage = Number(request.query.per_page ?? 30);
  const page = Number(request.query.page ?? 1);
  const body = items.slice((page - 1) * perPage, page * perPage);
  if (page * perPage >= items.length) return [200, body];
  const next = new URL(baseUrl + request.path);
  for (const [key, value] of Object.entries({ ...request.query, page: String(page + 1) })) next.searchParams.set(key, value);
  return [200, body, { link: `<${next.toString()}>; rel="next"` }];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
