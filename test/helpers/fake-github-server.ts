import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomBytes } from "node:crypto";
import { defineMetricsRoutes, FakeMetricsState } from "./fake-metrics-routes.js";

/** One request the app sent, as the fake saw and answered it. */
export interface SeenRequest {
  method: string;
  /** Path without the GHE `/api/v3` prefix and without the query. */
  path: string;
  /** `METHOD /route/:template`, for counting requests by kind. */
  route: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** Installation whose token authenticated the request, when it used one. */
  installation?: number;
  /** The token in the Authorization header, when one was sent. */
  token?: string | undefined;
  /** `performance.now()` when the request arrived. */
  at: number;
  /** The `Accept` header: the contents API answers the raw form only when asked for it. */
  accept?: string;
}

export interface FakeCheckRun {
  id: number;
  owner: string;
  repo: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: unknown;
}

export interface FakeComment {
  id: number;
  owner: string;
  repo: string;
  issue_number: number;
  body: string;
  user: { login: string; type: string };
}

/** A fault the fake answers instead of the real response, `times` times. */
export interface Fault {
  kind: "502" | "secondary-limit";
  times: number;
  /** Seconds in `retry-after` for a secondary limit (GitHub sends 60; tests use 1). */
  retryAfter?: number;
  /** Only requests with one of these methods (default: any). */
  methods?: string[];
}

/** A GitHub user the fake OAuth flow can sign in, and the installations (with their repositories) they can reach. */
export interface FakeOAuthUser {
  login: string;
  installations: Array<{ id: number; account: string; repos: string[] }>;
}

interface FakeGrant {
  login: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  used: boolean;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (request: SeenRequest, params: string[]) => Reply;

const SECONDARY_LIMIT_MESSAGE = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

/**
 * A GitHub REST API on loopback with zero latency, for the bench and the scale tests: it answers
 * the calls Shipshape makes for pull-request events from in-memory state, records and counts
 * every request, answers 501 (kept in `unhandled`) for anything else, and injects 502s and
 * secondary rate limits on demand. Point the app at it with `GHE_HOST` + `GHE_PROTOCOL=http`.
 */
export class FakeGitHubServer {
  readonly requests: SeenRequest[] = [];
  readonly unhandled: SeenRequest[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly comments: FakeComment[] = [];
  /** Failed deliveries `GET /app/hook/deliveries` lists; redelivery requests land in `redeliveries`. */
  readonly hookDeliveries: Array<{ id: number; guid: string; status_code: number; event: string; action?: string; delivered_at: string }> = [];
  readonly redeliveries: number[] = [];
  /** Files per `owner/repo:path` on the default branch; absent = 404. */
  readonly files = new Map<string, string>();
  /** Number of files a PR lists; default 5. */
  readonly prFileCounts = new Map<number, number>();
  /** File names a PR lists, when a test needs particular ones (else `prFileCounts` generated names). */
  readonly prFileNames = new Map<number, string[]>();
  /** Deployment sources and teams the delivery metrics read (workflow runs, releases, compares, teams). */
  readonly metrics = new FakeMetricsState();
  /** Milliseconds every answer is held back (0 = none), to keep work in flight in fault tests. */
  latencyMs = 0;
  /** The GitHub App's OAuth client the token endpoint accepts. */
  oauthClient = { id: "Iv1.fakeclient", secret: "fake-client-secret" };
  /** Users by login; `signedInAs` is the one the authorize page signs in (as if they clicked "Authorize"). */
  readonly oauthUsers = new Map<string, FakeOAuthUser>();
  signedInAs: string | undefined;
  /** Lifetimes GitHub gives user tokens (8 hours) and refresh tokens (6 months), in seconds. */
  userTokenSeconds = 8 * 3600;
  refreshTokenSeconds = 184 * 24 * 3600;
  readonly #grants = new Map<string, FakeGrant>();
  readonly #userTokens = new Map<string, { login: string; expiresAt: number }>();
  readonly #refreshTokens = new Map<string, { login: string; expiresAt: number; used: boolean }>();
  readonly #faults: Fault[] = [];
  readonly #holds: Array<{ matches: (request: SeenRequest) => boolean; waiting: Array<() => void>; released: boolean }> = [];
  readonly #tokens = new Map<string, number>();
  readonly #routes: Array<{ method: string; name: string; regex: RegExp; handler: Handler }> = [];
  #server: Server | undefined;
  #nextId = 1;

  constructor() {
    this.#defineRoutes();
  }

  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => void this.#serve(req, res));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    this.#server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** `127.0.0.1:port`, the value for `GHE_HOST`. */
  get host(): string {
    const address = this.#server?.address() as AddressInfo | null;
    if (!address) throw new Error("fake GitHub is not started");
    return `127.0.0.1:${address.port}`;
  }

  /** The REST base URL an Octokit would use for this fake as a GHE server. */
  get baseUrl(): string {
    return `http://${this.host}/api/v3`;
  }

  /** Answers the next matching requests with a fault instead of the real response. */
  inject(fault: Fault): this {
    this.#faults.push({ ...fault });
    return this;
  }

  /**
   * Holds back the answer to every request `matches` accepts (they stay open, as a hanging GitHub
   * would leave them) until the returned function is called. Held requests are in `requests` at once.
   */
  hold(matches: (request: SeenRequest) => boolean): () => void {
    const hold = { matches, waiting: [] as Array<() => void>, released: false };
    this.#holds.push(hold);
    return () => {
      hold.released = true;
      this.#holds.splice(this.#holds.indexOf(hold), 1);
      for (const resume of hold.waiting.splice(0)) resume();
    };
  }

  /** Adds a user the OAuth flow can sign in. */
  addOAuthUser(user: FakeOAuthUser): this {
    this.oauthUsers.set(user.login, user);
    return this;
  }

  /** Ends every user token now, as eight hours passing would (refresh tokens keep working). */
  expireUserTokens(): void {
    for (const token of this.#userTokens.values()) token.expiresAt = 0;
  }

  /** Forgets recorded requests (state such as check runs stays). */
  clearRequests(): void {
    this.requests.length = 0;
    this.unhandled.length = 0;
  }

  /** Requests counted by route, e.g. `{ "POST /repos/:owner/:repo/check-runs": 3 }`. */
  countByRoute(requests: readonly SeenRequest[] = this.requests): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const request of requests) counts[request.route] = (counts[request.route] ?? 0) + 1;
    return counts;
  }

  /** Requests that change something (not GET/HEAD, not installation tokens). */
  writes(requests: readonly SeenRequest[] = this.requests): SeenRequest[] {
    return requests.filter((request) => request.method !== "GET" && request.method !== "HEAD" && !request.route.endsWith("/access_tokens") && !request.route.endsWith("/login/oauth/access_token"));
  }

  /** Check runs created per `sha name` key: a correct app never creates two for one key. */
  checkRunsCreatedPerKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const run of this.checkRuns) {
      const key = `${run.owner}/${run.repo}@${run.head_sha} ${run.name}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, "");
    const method = req.method ?? "GET";
    const text = Buffer.concat(chunks).toString("utf8");
    const token = /^(?:token|bearer) (.+)$/i.exec(String(req.headers.authorization ?? ""))?.[1];
    const request: SeenRequest = {
      method,
      path,
      route: `${method} ${path}`,
      query: Object.fromEntries(url.searchParams),
      body: text ? safeJson(text) : undefined,
      status: 0,
      installation: token === undefined ? undefined : this.#tokens.get(token),
      token,
      at: performance.now(),
      accept: String(req.headers.accept ?? ""),
    };
    const reply = this.#answer(request);
    request.status = reply.status;
    const hold = this.#holds.find((candidate) => candidate.matches(request));
    if (hold) {
      this.requests.push(request);
      await new Promise<void>((resolve) => hold.waiting.push(resolve));
    } else {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      this.requests.push(request);
    }
    const body = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      "content-type": "application/json; charset=utf-8",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      ...reply.headers,
    });
    res.end(body);
  }

  #answer(request: SeenRequest): Reply {
    const fault = this.#faults.find((candidate) => candidate.times > 0 && (!candidate.methods || candidate.methods.includes(request.method)) && !request.path.endsWith("/access_tokens"));
    for (const route of this.#routes) {
      if (route.method !== request.method) continue;
      const match = route.regex.exec(request.path);
      if (!match) continue;
      request.route = `${route.method} ${route.name}`;
      if (fault) {
        fault.times -= 1;
        if (fault.kind === "502") return { status: 502, body: { message: "Server Error" } };
        return { status: 403, body: { message: SECONDARY_LIMIT_MESSAGE, documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" }, headers: { "retry-after": String(fault.retryAfter ?? 1) } };
      }
      return route.handler(request, match.slice(1).map((part) => decodeURIComponent(part)));
    }
    this.unhandled.push(request);
    return { status: 501, body: { message: `fake GitHub has no route for ${request.method} ${request.path}` } };
  }

  #route(method: string, name: string, handler: Handler): void {
    const pattern = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:\w+\\\*/g, "(.+)").replace(/:\w+/g, "([^/]+)");
    this.#routes.push({ method, name, regex: new RegExp(`^${pattern}$`), handler });
  }

  #defineOAuthRoutes(): void {
    defineOAuth(this, (method, name, handler) => this.#route(method, name, handler), {
      grants: this.#grants,
      userTokens: this.#userTokens,
      refreshTokens: this.#refreshTokens,
      tokenOf: (request) => request.token,
    });
  }

  #defineRoutes(): void {
    this.#defineOAuthRoutes();
    defineMetricsRoutes((method, name, handler) => this.#route(method, name, handler), this.metrics);
    this.#route("POST", "/app/installations/:id/access_tokens", (_request, [id]) => {
      const token = `ghs_fake_${id}_${this.#nextId++}`;
      this.#tokens.set(token, Number(id));
      return { status: 201, body: { token, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: "all" } };
    });
    this.#route("GET", "/app/hook/deliveries", () => ({ status: 200, body: this.hookDeliveries }));
    this.#route("POST", "/app/hook/deliveries/:id/attempts", (_request, [id]) => {
      this.redeliveries.push(Number(id));
      return { status: 202, body: {} };
    });
    // The root listing, as GitHub answers `contents/` (the ADR check looks there for `.adr-dir`).
    this.#route("GET", "/repos/:owner/:repo/contents", (_request, [owner, repo]) => {
      const prefix = `${owner}/${repo}:`;
      const names = new Map<string, "file" | "dir">();
      for (const key of this.files.keys()) {
        if (!key.startsWith(prefix)) continue;
        const [first = "", ...rest] = key.slice(prefix.length).split("/");
        names.set(first, rest.length > 0 ? "dir" : "file");
      }
      return { status: 200, body: [...names].map(([name, type]) => ({ name, path: name, type, sha: "e".repeat(40), size: 0 })), headers: { etag: `"root-${names.size}"` } };
    });
    this.#route("GET", "/repos/:owner/:repo/contents/:path*", (request, [owner, repo, path = ""]) => {
      const text = this.files.get(`${owner}/${repo}:${path}`);
      if (text === undefined) return { status: 404, body: { message: "Not Found" } };
      if (request.accept?.includes("raw")) return { status: 200, body: text, headers: { "content-type": "application/vnd.github.raw; charset=utf-8" } };
      // The JSON form, as GitHub sends it: `size` always, the base64 content only up to 1 MB.
      const size = Buffer.byteLength(text);
      const inline = size <= 1024 * 1024;
      return {
        status: 200,
        body: { type: "file", name: path.split("/").pop(), path, sha: "f".repeat(40), size, encoding: inline ? "base64" : "none", content: inline ? Buffer.from(text).toString("base64") : "" },
      };
    });
    this.#route("GET", "/repos/:owner/:repo/pulls/:number/files", (request, [, , number]) => {
      const names = this.prFileNames.get(Number(number));
      const count = names?.length ?? this.prFileCounts.get(Number(number)) ?? 5;
      return page(this.baseUrl, request, count, (i) => ({
        sha: "0".repeat(40),
        filename: names?.[i] ?? `src/module-${Math.floor(i / 20)}/file-${i}.ts`,
        status: "modified",
        additions: 12,
        deletions: 3,
        changes: 15,
        patch: "@@ -10,3 +10,12 @@\n context\n-old\n+new line\n+another line",
      }));
    });
    this.#route("GET", "/repos/:owner/:repo/pulls/:number/commits", (request, [, , number]) =>
      page(this.baseUrl, request, 3, (i) => ({
        sha: `${String(number).padStart(6, "0")}${String(i).padStart(2, "0")}${"c".repeat(32)}`,
        commit: { message: `Change ${i} for ENG-${number}`, author: { name: "Dev", email: "dev@example.com", date: "2024-06-01T09:00:00Z" } },
        author: { login: "dev", type: "User" },
      })),
    );
    this.#route("GET", "/repos/:owner/:repo/pulls/:number", (_request, [owner, repo, number]) => ({
      status: 200,
      body: { number: Number(number), state: "open", draft: false, title: `Change ${number}`, body: "", head: { sha: "a".repeat(40), ref: "feature" }, base: { sha: "b".repeat(40), ref: "main", repo: { name: repo, owner: { login: owner } } }, user: { login: "dev", type: "User" }, labels: [] },
    }));
    this.#route("POST", "/repos/:owner/:repo/check-runs", (request, [owner = "", repo = ""]) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const run: FakeCheckRun = { id: this.#nextId++, owner, repo, name: String(body.name), head_sha: String(body.head_sha), status: String(body.status ?? "queued"), conclusion: (body.conclusion as string | undefined) ?? null, output: body.output };
      this.checkRuns.push(run);
      return { status: 201, body: { id: run.id, name: run.name, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion } };
    });
    this.#route("PATCH", "/repos/:owner/:repo/check-runs/:id", (request, [, , id]) => {
      const run = this.checkRuns.find((candidate) => candidate.id === Number(id));
      if (!run) return { status: 404, body: { message: "Not Found" } };
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (body.status) run.status = String(body.status);
      if (body.conclusion) run.conclusion = String(body.conclusion);
      if (body.output) run.output = body.output;
      return { status: 200, body: { id: run.id, name: run.name, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion } };
    });
    this.#route("GET", "/repos/:owner/:repo/commits/:sha/check-runs", (request, [owner, repo, sha]) => {
      const name = request.query.check_name;
      const runs = this.checkRuns.filter((run) => run.owner === owner && run.repo === repo && run.head_sha === sha && (!name || run.name === name));
      return { status: 200, body: { total_count: runs.length, check_runs: runs } };
    });
    this.#route("GET", "/repos/:owner/:repo/issues/:number/comments", (request, [owner, repo, number]) => {
      const comments = this.comments.filter((comment) => comment.owner === owner && comment.repo === repo && comment.issue_number === Number(number));
      return page(this.baseUrl, request, comments.length, (i) => comments[i]);
    });
    this.#route("POST", "/repos/:owner/:repo/issues/:number/comments", (request, [owner = "", repo = "", number]) => {
      const comment: FakeComment = { id: this.#nextId++, owner, repo, issue_number: Number(number), body: String((request.body as { body?: string } | undefined)?.body ?? ""), user: { login: "shipshape[bot]", type: "Bot" } };
      this.comments.push(comment);
      return { status: 201, body: comment };
    });
    this.#route("PATCH", "/repos/:owner/:repo/issues/comments/:id", (request, [, , id]) => {
      const comment = this.comments.find((candidate) => candidate.id === Number(id));
      if (!comment) return { status: 404, body: { message: "Not Found" } };
      comment.body = String((request.body as { body?: string } | undefined)?.body ?? "");
      return { status: 200, body: comment };
    });
    this.#route("GET", "/repos/:owner/:repo/issues/:number", (_request, [, , number]) => ({
      status: 200,
      body: { number: Number(number), state: "open", title: `Issue ${number}`, user: { login: "dev", type: "User" } },
    }));
    this.#route("GET", "/repos/:owner/:repo/collaborators/:login/permission", (_request, [, , login]) => ({
      status: 200,
      body: { permission: "write", role_name: "write", user: { login } },
    }));
  }
}

/** The user-to-server token flow of a GitHub App, answered as GitHub answers it (errors of the token endpoint are 200 with `error`). */
function defineOAuth(
  fake: FakeGitHubServer,
  route: (method: string, name: string, handler: Handler) => void,
  state: { grants: Map<string, FakeGrant>; userTokens: Map<string, { login: string; expiresAt: number }>; refreshTokens: Map<string, { login: string; expiresAt: number; used: boolean }>; tokenOf: (request: SeenRequest) => string | undefined },
): void {
  route("GET", "/login/oauth/authorize", (request) => {
    const q = request.query;
    if (q.client_id !== fake.oauthClient.id || !q.redirect_uri) return { status: 404, body: "unknown client_id or missing redirect_uri" };
    if (q.code_challenge_method !== "S256" || !q.code_challenge) return { status: 400, body: "PKCE S256 challenge required" };
    const login = fake.signedInAs;
    if (!login || !fake.oauthUsers.has(login)) return { status: 403, body: "no test user signed in at the fake GitHub" };
    const code = `fakecode_${randomBytes(8).toString("hex")}`;
    state.grants.set(code, { login, clientId: q.client_id, redirectUri: q.redirect_uri, challenge: q.code_challenge, used: false });
    const back = new URL(q.redirect_uri);
    back.searchParams.set("code", code);
    if (q.state !== undefined) back.searchParams.set("state", q.state);
    return { status: 302, headers: { location: back.toString(), "content-type": "text/plain" } };
  });
  route("POST", "/login/oauth/access_token", (request) => {
    const body = formOrJson(request.body);
    const fail = (error: string): Reply => ({ status: 200, body: { error, error_description: error } });
    if (body.client_id !== fake.oauthClient.id || body.client_secret !== fake.oauthClient.secret) return fail("incorrect_client_credentials");
    let login: string;
    if (body.grant_type === "refresh_token") {
      const refresh = state.refreshTokens.get(body.refresh_token ?? "");
      if (!refresh || refresh.used || refresh.expiresAt <= Date.now()) return fail("bad_refresh_token");
      refresh.used = true;
      login = refresh.login;
    } else {
      const grant = state.grants.get(body.code ?? "");
      if (!grant || grant.used || grant.clientId !== body.client_id) return fail("bad_verification_code");
      grant.used = true;
      if (body.redirect_uri !== undefined && body.redirect_uri !== grant.redirectUri) return fail("redirect_uri_mismatch");
      if (!body.code_verifier || createHash("sha256").update(body.code_verifier).digest("base64url") !== grant.challenge) return fail("bad_verification_code");
      login = grant.login;
    }
    const accessToken = `ghu_fake_${randomBytes(12).toString("hex")}`;
    const refreshToken = `ghr_fake_${randomBytes(12).toString("hex")}`;
    state.userTokens.set(accessToken, { login, expiresAt: Date.now() + fake.userTokenSeconds * 1000 });
    state.refreshTokens.set(refreshToken, { login, expiresAt: Date.now() + fake.refreshTokenSeconds * 1000, used: false });
    return {
      status: 200,
      body: { access_token: accessToken, expires_in: fake.userTokenSeconds, refresh_token: refreshToken, refresh_token_expires_in: fake.refreshTokenSeconds, token_type: "bearer", scope: "" },
    };
  });
  const userOf = (request: SeenRequest): FakeOAuthUser | undefined => {
    const token = state.userTokens.get(state.tokenOf(request) ?? "");
    if (!token || token.expiresAt <= Date.now()) return undefined;
    return fake.oauthUsers.get(token.login);
  };
  const unauthorized: Reply = { status: 401, body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" } };
  route("GET", "/user", (request) => {
    const user = userOf(request);
    return user ? { status: 200, body: { login: user.login, id: 1000 + [...fake.oauthUsers.keys()].indexOf(user.login), type: "User" } } : unauthorized;
  });
  route("GET", "/user/installations", (request) => {
    const user = userOf(request);
    if (!user) return unauthorized;
    const installations = user.installations.map((i) => ({ id: i.id, account: { login: i.account, type: "Organization" }, target_type: "Organization" }));
    return { status: 200, body: { total_count: installations.length, installations } };
  });
  route("GET", "/user/installations/:id/repositories", (request, [id]) => {
    const user = userOf(request);
    if (!user) return unauthorized;
    const installation = user.installations.find((i) => i.id === Number(id));
    if (!installation) return { status: 404, body: { message: "Not Found" } };
    const repositories = installation.repos.map((name) => ({ name, full_name: `${installation.account}/${name}`, owner: { login: installation.account }, private: true }));
    return { status: 200, body: { total_count: repositories.length, repositories } };
  });
}

function formOrJson(body: unknown): Record<string, string | undefined> {
  if (typeof body === "string") return Object.fromEntries(new URLSearchParams(body));
  if (body && typeof body === "object") return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : undefined]));
  return {};
}

/** Serves `per_page`/`page` like GitHub, with a Link header while more pages follow. */
function page(baseUrl: string, request: SeenRequest, total: number, item: (index: number) => unknown): Reply {
  const perPage = Math.min(Number(request.query.per_page ?? 30), 100);
  const current = Number(request.query.page ?? 1);
  const start = (current - 1) * perPage;
  const body = Array.from({ length: Math.max(0, Math.min(perPage, total - start)) }, (_, i) => item(start + i));
  if (start + perPage >= total) return { status: 200, body };
  const params = new URLSearchParams({ ...request.query, page: String(current + 1) });
  return { status: 200, body, headers: { link: `<${baseUrl}${request.path}?${params.toString()}>; rel="next"` } };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
