import type { AuthThrottle } from "./auth-throttle.js";
import { tooManyAttempts } from "./router.js";
import type { HttpRequest, HttpResponse, Route } from "./types.js";
import type { Db } from "../store/db.js";
import { createDashboardSession, deleteDashboardSession } from "../store/dashboard-sessions.js";
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE, SESSION_SECONDS, checkAccess, logoutToken, newSecret, safeNext, sameSecret, tokenFingerprint, type Access } from "./dashboard-access.js";
import { readCookies, setCookie } from "../lib/cookies.js";
import { parseRange } from "../dashboard/date-range.js";
import { scopeName, type FiguresSource, type Scope } from "../reporting/figures.js";
import { isoDate } from "../reporting/format.js";
import { filterPulls, parsePullFilters } from "../reporting/pull-list.js";
import { pullsPage } from "../dashboard/pulls-page.js";
import { PAGE_HEADERS, type Viewer } from "../dashboard/layout.js";
import { loginPage } from "../dashboard/login-page.js";
import { messagePage } from "../dashboard/message-page.js";
import { overviewPage } from "../dashboard/overview-page.js";
import { scopePage } from "../dashboard/scope-page.js";
import { cameOverHttps, isSameOrigin } from "../dashboard/request-origin.js";
import type { ViewerScope } from "../auth/viewer-scope.js";
import type { SignInSettings } from "../auth/sign-in-settings.js";
import { createGitHubSignIn, GITHUB_SESSION_PREFIX, type GitHubSignIn } from "./github-sign-in.js";
import { endGitHubSession, finishGitHubSignIn, startGitHubSignIn } from "./github-sign-in-routes.js";

export interface DashboardDeps {
  db: Db;
  now: () => Date;
  apiToken: string | undefined;
  source: FiguresSource;
  /** Backoff for wrong tokens (bearer or sign-in form) per address; none when absent. */
  throttle?: AuthThrottle | undefined;
  /** GitHub's web address (`GHE_PROTOCOL://GHE_HOST`) for PR links with no stored `html_url`; https://github.com when absent. */
  githubWebUrl?: string | undefined;
  /** The metrics API's routes, which the dashboard's export links answer through (with the page's own access). */
  exports?: Route[];
  /** Sign-in with GitHub (`GITHUB_CLIENT_ID` / `GITHUB_CLIENT_SECRET`); without it, the token form only. */
  signIn?: SignInSettings | undefined;
  /** `SHIPSHAPE_PUBLIC_URL`: where GitHub sends the browser back (`/dashboard/callback`); else the request's origin. */
  publicUrl?: string | undefined;
}

const DEFAULT_DAYS = 90;
const OVERVIEW_DAYS = 30;

/** `/dashboard…`: public routes that check the bearer header or the session cookie themselves. */
export function dashboardRoutes(deps: DashboardDeps): Route[] {
  const signIn = deps.signIn ? createGitHubSignIn(deps.signIn, deps.publicUrl) : undefined;
  // Every page gets what its viewer may see (ADR 0076); `request.viewer` cuts the export links,
  // which answer through the /api/v1 routes, to the same scope.
  const page = (build: (viewer: Viewer, request: HttpRequest, sees: ViewerScope) => Promise<HttpResponse>) => async (request: HttpRequest) => {
    const access = await checkAccess(request, { db: deps.db, apiToken: deps.apiToken, now: deps.now().getTime(), throttle: deps.throttle, signIn });
    if (access.kind === "throttled") return tooManyAttempts(access.retryAfterSeconds);
    if (access.kind === "denied") return denied(access, request, signIn !== undefined);
    request.viewer = access.scope;
    return build(access.kind === "session" ? { logoutToken: access.logoutToken } : access.kind === "github" ? { logoutToken: access.logoutToken, login: access.login } : {}, request, access.scope);
  };
  const githubWebUrl = deps.githubWebUrl ?? "https://github.com";
  const scopeRoute = (scopeOf: (params: Record<string, string>) => Scope) =>
    page(async (viewer, request, sees) => {
      const now = deps.now();
      const parsed = parseRange(request.query, now, DEFAULT_DAYS);
      if ("error" in parsed) return badRange(parsed.error);
      const scope = scopeOf(request.params);
      // `/dashboard/acme/pulls` is the organisation's PR list, unless acme has a repository named pulls (that the viewer sees).
      if (scope.repo === "pulls") {
        const repoPulls = await deps.source.pulls({ scope, range: parsed.range, viewer: sees });
        if (repoPulls === null) return pullsResponse({ owner: scope.owner }, { viewer, sees }, request);
      }
      const figures = await deps.source.figures({ scope, range: parsed.range, now, viewer: sees });
      if (!figures.known) return unknownScope(scope);
      return html(200, scopePage({ figures, now, viewer, githubWebUrl }));
    });
  const pullsResponse = async (scope: Scope, { viewer, sees }: { viewer: Viewer; sees: ViewerScope }, request: HttpRequest) => {
    const now = deps.now();
    const parsed = parseRange(request.query, now, DEFAULT_DAYS);
    if ("error" in parsed) return badRange(parsed.error);
    const filters = parsePullFilters(request.query);
    if ("error" in filters) return html(400, messagePage({ title: "That filter does not work", message: `${filters.error}.` }));
    const pulls = await deps.source.pulls({ scope, range: parsed.range, viewer: sees });
    if (pulls === null) return unknownScope(scope);
    const list = filterPulls(pulls, filters.filters);
    return html(200, pullsPage({ scope, range: parsed.range, filters: filters.filters, list, githubWebUrl, now, viewer }));
  };
  const exportRoute = page(async (_viewer, request) => {
    const { owner = "", repo, team, file = "" } = request.params;
    const match = /^(pulls|cycle-time|dora)\.(csv|json)$/.exec(file);
    const scope: Scope = team !== undefined ? { owner, team } : repo === undefined ? { owner } : { owner, repo };
    const base = team !== undefined ? "/api/v1/orgs/:owner/teams/:team" : repo === undefined ? "/api/v1/orgs/:owner" : "/api/v1/repos/:owner/:repo";
    const api = match ? deps.exports?.find((route) => route.pattern === `${base}/${match[1]}`) : undefined;
    if (!match || !api) return html(404, messagePage({ title: "No such export", message: `Pick an export link on the page: ${scopeName(scope)} has ${repo === undefined && team === undefined ? "cycle-time and dora" : "pulls, cycle-time and dora"}, each .csv or .json.` }));
    const parsed = parseRange(request.query, deps.now(), DEFAULT_DAYS);
    if ("error" in parsed) return badRange(parsed.error);
    const query = new URLSearchParams({ from: parsed.range.from.toISOString(), to: parsed.range.to.toISOString(), format: match[2] ?? "csv" });
    if (match[1] === "cycle-time") query.set("bucket", "week");
    const answer = await api.handle({ ...request, query });
    const name = `${scopeName(scope)}-${match[1]}-${isoDate(parsed.range.from)}-${isoDate(new Date(parsed.range.to.getTime() - 1))}`.replace(/[^A-Za-z0-9._-]+/g, "-");
    return { ...answer, headers: { ...answer.headers, "cache-control": "no-store", "x-content-type-options": "nosniff", "content-disposition": `attachment; filename="${name}.${match[2]}"` } };
  });
  return [
    {
      method: "GET",
      pattern: "/dashboard/login",
      auth: "public",
      // `?with=token`: the operator's token form, also when sign-in with GitHub is on.
      handle: async (request) => (signIn && request.query.get("with") !== "token" ? startGitHubSignIn(signIn, request, deps.now().getTime()) : showLoginForm(request, 200, { github: signIn !== undefined })),
    },
    { method: "POST", pattern: "/dashboard/login", auth: "public", handle: (request) => login(deps, request, signIn !== undefined) },
    { method: "POST", pattern: "/dashboard/logout", auth: "public", handle: (request) => logout(deps, request, signIn) },
    ...(signIn ? [{ method: "GET" as const, pattern: "/dashboard/callback", auth: "public" as const, handle: (request: HttpRequest) => finishGitHubSignIn({ db: deps.db, signIn, request, now: deps.now().getTime() }) }] : []),
    {
      method: "GET",
      pattern: "/dashboard",
      auth: "public",
      handle: page(async (viewer, request, sees) => {
        const now = deps.now();
        const parsed = parseRange(request.query, now, OVERVIEW_DAYS);
        if ("error" in parsed) return badRange(parsed.error);
        const rows = await deps.source.overview({ range: parsed.range, now, viewer: sees });
        return html(200, overviewPage({ rows, range: parsed.range, now, viewer }));
      }),
    },
    { method: "GET", pattern: "/dashboard/:owner", auth: "public", handle: scopeRoute((p) => ({ owner: p.owner ?? "" })) },
    { method: "GET", pattern: "/dashboard/:owner/:repo", auth: "public", handle: scopeRoute((p) => ({ owner: p.owner ?? "", repo: p.repo ?? "" })) },
    { method: "GET", pattern: "/dashboard/:owner/export/:file", auth: "public", handle: exportRoute },
    { method: "GET", pattern: "/dashboard/:owner/:repo/pulls", auth: "public", handle: page((viewer, request, sees) => pullsResponse({ owner: request.params.owner ?? "", repo: request.params.repo ?? "" }, { viewer, sees }, request)) },
    { method: "GET", pattern: "/dashboard/:owner/:repo/export/:file", auth: "public", handle: exportRoute },
    // After the repository routes: a repository named "teams" keeps its PR list (a team named "pulls" has no page).
    { method: "GET", pattern: "/dashboard/:owner/teams/:team", auth: "public", handle: scopeRoute((p) => ({ owner: p.owner ?? "", team: p.team ?? "" })) },
    { method: "GET", pattern: "/dashboard/:owner/teams/:team/pulls", auth: "public", handle: page((viewer, request, sees) => pullsResponse({ owner: request.params.owner ?? "", team: request.params.team ?? "" }, { viewer, sees }, request)) },
    { method: "GET", pattern: "/dashboard/:owner/teams/:team/export/:file", auth: "public", handle: exportRoute },
  ];
}

function badRange(error: string): HttpResponse {
  return html(400, messagePage({ title: "That date range does not work", message: error }));
}

function unknownScope(scope: Scope): HttpResponse {
  const name = scopeName(scope);
  if (scope.team !== undefined) {
    return html(404, messagePage({ title: `Nothing known of ${name}`, message: `Define team "${scope.team}" in metrics.teams of ${scope.owner}'s .github repository (or set metrics.teams.github: true): Shipshape knows no such team of ${scope.owner}.` }));
  }
  return html(404, messagePage({ title: `Nothing known of ${name}`, message: `Check the name, or install Shipshape on ${name}: it has recorded no pull request or deployment there yet.` }));
}

function denied(access: Extract<Access, { kind: "denied" }>, request: HttpRequest, github: boolean): HttpResponse {
  const next = request.path + (request.query.size > 0 ? `?${request.query.toString()}` : "");
  // One Set-Cookie per response (the router's headers are single-valued): the stale session
  // cookie is simply replaced at the next sign-in.
  if (access.reason === "stale-session") return showLoginForm(request, 401, { github, error: "Your session has ended or is not valid any more. Sign in again.", next });
  const message = access.reason === "no-credentials" && github ? SIGN_IN_WITH_GITHUB : DENIED_MESSAGES[access.reason];
  return { ...html(401, messagePage({ title: "Sign-in required", message, next, github })), headers: { ...PAGE_HEADERS, "www-authenticate": "Bearer" } };
}

const DENIED_MESSAGES: Record<Exclude<Extract<Access, { kind: "denied" }>["reason"], "stale-session">, string> = {
  "wrong-token": "The bearer token sent does not match SHIPSHAPE_API_TOKEN.",
  "unknown-read-token": "Check the read token was copied whole: Shipshape knows no such token (the operator makes one with shipshape token create --read owner).",
  "revoked-read-token": "Ask the operator for a new read token: this one was revoked (shipshape token create --read owner).",
  "no-credentials": "The dashboard needs the API token: send Authorization: Bearer $SHIPSHAPE_API_TOKEN, or sign in once in this browser.",
};
const SIGN_IN_WITH_GITHUB = "Sign in with GitHub to see the repositories your GitHub account can reach (operators: the API token, as a bearer header or once in this browser).";

function showLoginForm(request: HttpRequest, status: number, options: { github: boolean; error?: string; next?: string }): HttpResponse {
  const csrf = newSecret();
  const cookie = setCookie({ name: LOGIN_CSRF_COOKIE, value: csrf, path: "/dashboard/login", maxAgeSeconds: 3600, secure: cameOverHttps(request.headers) });
  const body = loginPage({ csrf, next: safeNext(options.next ?? request.query.get("next")), github: options.github, ...(options.error === undefined ? {} : { error: options.error }) });
  return { status, headers: { ...PAGE_HEADERS, "set-cookie": cookie }, body };
}

async function login(deps: DashboardDeps, request: HttpRequest, github: boolean): Promise<HttpResponse> {
  const showLogin = (req: HttpRequest, status: number, error: string, next: string) => showLoginForm(req, status, { github, error, next });
  if (!isSameOrigin(request.headers)) return html(403, messagePage({ title: "Refused", message: "This sign-in did not come from a page of this dashboard." }));
  const form = new URLSearchParams((await request.body(16 * 1024)).toString("utf8"));
  const next = safeNext(form.get("next"));
  if (!sameSecret(form.get("csrf"), readCookies(request.headers).get(LOGIN_CSRF_COOKIE))) {
    return showLogin(request, 403, "The sign-in form had expired. Try again.", next);
  }
  const token = form.get("token") ?? "";
  if (!deps.apiToken) return showLogin(request, 401, "SHIPSHAPE_API_TOKEN is not set on the server, so nobody can sign in. Ask the operator to set it.", next);
  const address = request.remoteAddress ?? "unknown";
  const wait = deps.throttle?.retryAfterSeconds(address) ?? 0;
  if (wait > 0) {
    const page = showLogin(request, 429, `Too many wrong tokens from this address. Try again in ${wait} s.`, next);
    return { ...page, headers: { ...page.headers, "retry-after": String(wait) } };
  }
  if (!sameSecret(token.trim(), deps.apiToken)) {
    deps.throttle?.failed(address);
    return showLogin(request, 401, "That token does not match SHIPSHAPE_API_TOKEN.", next);
  }
  deps.throttle?.succeeded(address);
  const sessionId = newSecret();
  const now = deps.now().getTime();
  await createDashboardSession(deps.db, { id: sessionId, tokenFingerprint: tokenFingerprint(deps.apiToken), now, expiresAt: now + SESSION_SECONDS * 1000 });
  // The login CSRF cookie is left to expire by itself: one Set-Cookie per response.
  const cookie = setCookie({ name: SESSION_COOKIE, value: sessionId, path: "/dashboard", maxAgeSeconds: SESSION_SECONDS, secure: cameOverHttps(request.headers) });
  return { status: 303, headers: { location: next, "cache-control": "no-store", "set-cookie": cookie } };
}

async function logout(deps: DashboardDeps, request: HttpRequest, signIn: GitHubSignIn | undefined): Promise<HttpResponse> {
  if (!isSameOrigin(request.headers)) return html(403, messagePage({ title: "Refused", message: "This sign-out did not come from a page of this dashboard." }));
  const cookie = readCookies(request.headers).get(SESSION_COOKIE);
  // A GitHub session is ended without asking GitHub anything (checkAccess might refresh its token).
  const access = cookie?.startsWith(GITHUB_SESSION_PREFIX) ? undefined : await checkAccess(request, { db: deps.db, apiToken: deps.apiToken, now: deps.now().getTime() });
  const form = new URLSearchParams((await request.body(16 * 1024)).toString("utf8"));
  if (cookie !== undefined && access === undefined) {
    if (!sameSecret(form.get("csrf"), logoutToken(cookie))) return html(403, messagePage({ title: "Refused", message: "The sign-out form was not this session's." }));
    await endGitHubSession({ db: deps.db, signIn, cookie, now: deps.now().getTime() });
  }
  if (access?.kind === "session") {
    if (!sameSecret(form.get("csrf"), access.logoutToken)) return html(403, messagePage({ title: "Refused", message: "The sign-out form was not this session's." }));
    await deleteDashboardSession(deps.db, { id: access.sessionId });
  }
  const clear = setCookie({ name: SESSION_COOKIE, value: "", path: "/dashboard", maxAgeSeconds: 0, secure: cameOverHttps(request.headers) });
  // With sign-in on, not /dashboard/login itself: GitHub would sign an authorized user straight back in.
  return { status: 303, headers: { location: signIn ? "/dashboard/login?with=token" : "/dashboard/login", "cache-control": "no-store", "set-cookie": clear } };
}

function html(status: number, body: string): HttpResponse {
  return { status, headers: PAGE_HEADERS, body };
}
