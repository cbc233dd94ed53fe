import type { IncomingHttpHeaders } from "node:http";

/**
 * Whether a state-changing request comes from a page of this very host (CSRF defence besides
 * SameSite cookies): the Origin header, else the Referer, must name the Host the request was sent
 * to. A request with neither (curl, scripts) is not a browser forging anything and passes.
 */
export function isSameOrigin(headers: IncomingHttpHeaders): boolean {
  const source = headerValue(headers.origin) ?? headerValue(headers.referer);
  if (source === undefined) return true;
  const host = headerValue(headers["x-forwarded-host"]) ?? headerValue(headers.host);
  if (source === "null" || host === undefined) return false;
  try {
    return new URL(source).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/** True when the browser says it is on HTTPS (Origin or forwarding proxy): the session cookie is then `Secure`. */
export function cameOverHttps(headers: IncomingHttpHeaders): boolean {
  const source = headerValue(headers.origin) ?? headerValue(headers.referer) ?? "";
  return source.startsWith("https:") || headerValue(headers["x-forwarded-proto"]) === "https";
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
