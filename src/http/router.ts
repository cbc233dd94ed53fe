import { timingSafeEqual, createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthThrottle } from "./auth-throttle.js";
import { HttpError, json, type HttpRequest, type HttpResponse, type Route } from "./types.js";
import { presentedReadToken } from "../auth/read-target.js";
import type { ViewerScope } from "../auth/viewer-scope.js";

/** Looks a read token up (ADR 0059): its scope, "revoked", or undefined when it is no token of ours. */
export type ReadTokenLookup = (token: string) => Promise<ViewerScope | "revoked" | undefined>;

/** Default cap of a request body read through `HttpRequest.body()`. */
export const DEFAULT_BODY_LIMIT = 25 * 1024 * 1024;

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

/**
 * Matches Shipshape's routes and answers them. Returns false when no route matches, so the
 * caller can fall through (Probot's handlers, 404).
 */
export function createRouter(params: { routes: Route[]; apiToken: string | undefined; readTokens?: ReadTokenLookup; throttle?: AuthThrottle; log?: { debug(message: string): void } }) {
  const compiled = params.routes.map(compile);
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const method = req.method ?? "GET";
    const url = parseUrl(req.url);
    if (!url) return badRequest(res, params.log, "the request path is not a valid URL");
    const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
    let pathMatched = false;
    for (const { route, regex, names } of compiled) {
      const match = regex.exec(pathname);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== method && !(route.method === "GET" && method === "HEAD")) continue;
      const routeParams = decodeParams(names, match);
      if (!routeParams) return badRequest(res, params.log, "the request path has malformed percent-encoding");
      const request: HttpRequest = {
        method,
        path: pathname,
        params: routeParams,
        query: url.searchParams,
        headers: req.headers,
        remoteAddress: req.socket.remoteAddress ?? "unknown",
        body: (limit = DEFAULT_BODY_LIMIT) => readBody(req, limit),
      };
      send(res, withApiHeaders(route, await answer(route, request, params)), method === "HEAD");
      return true;
    }
    if (pathMatched) {
      send(res, json(405, { error: `method ${method} not allowed here` }), false);
      return true;
    }
    return false;
  };
}

async function answer(route: Route, request: HttpRequest, params: { apiToken: string | undefined; readTokens?: ReadTokenLookup; throttle?: AuthThrottle }): Promise<HttpResponse> {
  try {
    if (route.auth === "api") {
      const address = request.remoteAddress ?? "unknown";
      const wait = params.throttle?.retryAfterSeconds(address) ?? 0;
      if (wait > 0) return tooManyAttempts(wait);
      const viewer = await viewerOf(route, request.headers.authorization, params);
      if (viewer.kind === "refused") {
        if (viewer.status === 401 && request.headers.authorization !== undefined) params.throttle?.failed(address);
        return json(viewer.status, { error: viewer.error }, viewer.status === 401 ? { "www-authenticate": "Bearer" } : {});
      }
      params.throttle?.succeeded(address);
      request.viewer = viewer.scope;
    }
    return await route.handle(request);
  } catch (error) {
    if (error instanceof HttpError) return json(error.status, { error: error.message }, error.headers);
    return json(500, { error: "internal error; see the app's log" });
  }
}

/**
 * Who is asking: the operator's token sees everything; a live read token sees its scope and may
 * only read (GET/HEAD); anything else is refused with the status and the one line to show.
 */
async function viewerOf(
  route: Route,
  header: string | undefined,
  params: { apiToken: string | undefined; readTokens?: ReadTokenLookup },
): Promise<{ kind: "viewer"; scope: ViewerScope } | { kind: "refused"; status: 401 | 403; error: string }> {
  const given = presentedReadToken(header);
  if (given !== undefined && params.readTokens) {
    const scope = await params.readTokens(given);
    if (scope === undefined) return { kind: "refused", status: 401, error: "unknown read token: check it was copied whole, or create one with `shipshape token create --read owner`" };
    if (scope === "revoked") return { kind: "refused", status: 401, error: "this read token was revoked: ask the operator for a new one (`shipshape token create --read owner`)" };
    if (route.method !== "GET") return { kind: "refused", status: 403, error: "read tokens only read: send Authorization: Bearer $SHIPSHAPE_API_TOKEN to change anything" };
    return { kind: "viewer", scope };
  }
  if (!isAuthorized(header, params.apiToken)) return { kind: "refused", status: 401, error: "missing or wrong bearer token: send Authorization: Bearer $SHIPSHAPE_API_TOKEN" };
  return { kind: "viewer", scope: { kind: "all" } };
}

/** The answer to an address that sent too many wrong tokens: wait, then try again. */
export function tooManyAttempts(retryAfterSeconds: number): HttpResponse {
  return json(429, { error: `too many wrong tokens from this address; try again in ${retryAfterSeconds} s` }, { "retry-after": String(retryAfterSeconds) });
}

/** API answers (JSON, CSV) are private data: never cached by a proxy, never content-sniffed. */
function withApiHeaders(route: Route, response: HttpResponse): HttpResponse {
  const base: Record<string, string> = { "x-content-type-options": "nosniff" };
  if (route.auth === "api") base["cache-control"] = "no-store";
  return { ...response, headers: { ...base, ...response.headers } };
}

function parseUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? "/", "http://localhost");
  } catch {
    return null;
  }
}

/** Path parameters, percent-decoded; null when one is malformed (`%E0%A4%A`), which is the client's fault. */
function decodeParams(names: string[], match: RegExpExecArray): Record<string, string> | null {
  try {
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]));
  } catch {
    return null;
  }
}

function badRequest(res: ServerResponse, log: { debug(message: string): void } | undefined, message: string): true {
  log?.debug(`400: ${message}`);
  send(res, { ...json(400, { error: message }), headers: { "content-type": "application/json; charset=utf-8", "x-content-type-options": "nosniff" } }, false);
  return true;
}

/** Constant-time bearer check; an unset token means every request is refused. */
export function isAuthorized(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith("Bearer ")) return false;
  const given = createHash("sha256").update(header.slice("Bearer ".length).trim()).digest();
  const expected = createHash("sha256").update(token).digest();
  return timingSafeEqual(given, expected);
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(segment.slice(1));
      return "([^/]+)";
    })
    .join("/");
  return { route, regex: new RegExp(`^${source}$`), names };
}

/** Reads a body, counting bytes as they arrive: an oversized one is refused before it is buffered. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new HttpError(413, `body larger than ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.destroy();
      throw new HttpError(413, `body larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, response: HttpResponse, headOnly: boolean): void {
  if (res.headersSent) return;
  res.writeHead(response.status, response.headers ?? {});
  res.end(headOnly ? undefined : response.body);
}
