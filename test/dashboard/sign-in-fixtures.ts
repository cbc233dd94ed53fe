import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { githubHosts } from "../../src/auth/oauth.js";
import type { SignInSettings } from "../../src/auth/sign-in-settings.js";
import { dashboardRoutes } from "../../src/http/dashboard-routes.js";
import { createGitHubSignIn, GITHUB_SESSION_PREFIX } from "../../src/http/github-sign-in.js";
import { createRouter } from "../../src/http/router.js";
import type { FiguresSource } from "../../src/reporting/figures.js";
import type { Db } from "../../src/store/db.js";
import { findGitHubSession, type GitHubSession } from "../../src/store/github-sessions.js";
import { FakeGitHubServer, type SeenRequest } from "../helpers/fake-github-server.js";
import { fixedSource, makeScopeFigures } from "./dashboard-fixtures.js";

export const SESSION_SECRET = "a session secret for the sign-in tests";

/** The dashboard with sign-in on, against the fake GitHub (as a GHE host), on a clock the test moves. */
export interface SignInWorld {
  url: string;
  fake: FakeGitHubServer;
  db: Db;
  settings: SignInSettings;
  /** Milliseconds the app's clock is ahead of real time. */
  advance(ms: number): void;
  now(): number;
  /** The row a session cookie (`shipshape_session=gh.…`) names, tokens unsealed. */
  session(cookie: string): Promise<GitHubSession | undefined>;
  close(): Promise<void>;
}

export async function startSignInWorld(params: { db: Db; source?: FiguresSource; apiToken?: string; publicUrl?: string }): Promise<SignInWorld> {
  const fake = await new FakeGitHubServer().start();
  fake.addOAuthUser({ login: "ada", installations: [{ id: 11, account: "acme", repos: ["api", "web"] }, { id: 12, account: "Initech", repos: ["Payroll"] }] });
  fake.addOAuthUser({ login: "bob", installations: [{ id: 22, account: "globex", repos: ["shop"] }] });
  fake.signedInAs = "ada";
  let offset = 0;
  const now = () => Date.now() + offset;
  const settings: SignInSettings = { clientId: fake.oauthClient.id, clientSecret: fake.oauthClient.secret, hosts: githubHosts(fake.host, "http"), sessionSecret: SESSION_SECRET };
  const routes = dashboardRoutes({ db: params.db, now: () => new Date(now()), apiToken: params.apiToken ?? "s3cret-token", source: params.source ?? fixedSource(makeScopeFigures()), signIn: settings, publicUrl: params.publicUrl });
  const router = createRouter({ routes, apiToken: params.apiToken ?? "s3cret-token" });
  const server: Server = createServer((req, res) => {
    void router(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const sessionKey = createGitHubSignIn(settings, undefined).sessionKey;
  return {
    url: `http://127.0.0.1:${port}`,
    fake,
    db: params.db,
    settings,
    advance: (ms) => {
      offset += ms;
    },
    now,
    session: (cookie) => findGitHubSession(params.db, sessionKey, decodeURIComponent(cookie.replace(/^shipshape_session=/, "")).slice(GITHUB_SESSION_PREFIX.length)),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.stop();
    },
  };
}

/** The `name=value` part of a response's Set-Cookie. */
export function cookieOf(response: Response): string {
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** Steps 1 and 2 of a sign-in, as a browser would: our login redirect, then GitHub's authorize page sending it back. */
export async function startSignIn(world: SignInWorld, next = "/dashboard") {
  const login = await fetch(`${world.url}/dashboard/login?next=${encodeURIComponent(next)}`, { redirect: "manual" });
  const authorize = new URL(login.headers.get("location") ?? "");
  const back = await fetch(authorize, { redirect: "manual" });
  return { login, authorize, pending: cookieOf(login), callback: back.headers.get("location") ?? "" };
}

/** A whole sign-in: the session cookie (`shipshape_session=gh.…`) and the callback's answer. */
export async function signIn(world: SignInWorld, next = "/dashboard") {
  const started = await startSignIn(world, next);
  const answer = await fetch(started.callback, { redirect: "manual", headers: { cookie: started.pending } });
  return { ...started, answer, cookie: cookieOf(answer) };
}

/** What the fake GitHub was asked, as `METHOD /route` lines (the browser's authorize visits left out). */
export function askedOf(requests: readonly SeenRequest[]): string[] {
  return requests.filter((r) => r.route !== "GET /login/oauth/authorize").map((r) => r.route);
}

/** The logout form's CSRF token on a page. */
export function logoutTokenOf(html: string): string {
  return /action="\/dashboard\/logout"><input type="hidden" name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
}
