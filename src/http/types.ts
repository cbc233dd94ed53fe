import type { IncomingHttpHeaders } from "node:http";
import type { ViewerScope } from "../auth/viewer-scope.js";

/** A request as routes see it: parsed URL, path parameters, and a size-capped body reader. */
export interface HttpRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The peer's IP address (the proxy's, behind one): the key of the wrong-token throttle. */
  remoteAddress?: string;
  /** Reads the body, refusing (413) past `limit` bytes, counted as they arrive. */
  body(limit?: number): Promise<Buffer>;
  /** What the caller may see, set by the router on `auth: "api"` routes (ADR 0059); unset means everything. */
  viewer?: ViewerScope;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * A route of Shipshape's own HTTP surface (API, dashboard, health, metrics).
 * `auth: "api"` routes answer 401 unless `Authorization: Bearer $SHIPSHAPE_API_TOKEN` matches;
 * `"public"` routes check nothing themselves (health, login form, upload-token routes).
 */
export interface Route {
  method: "GET" | "POST" | "HEAD";
  /** A path with `:name` segments, e.g. `/api/v1/repos/:owner/:repo/pulls`. */
  pattern: string;
  auth: "api" | "public";
  handle(request: HttpRequest): Promise<HttpResponse>;
}

/** An error a route throws to answer with a status and a one-line message (never a stack trace). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers, e.g. `retry-after` on a 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(value) };
}
