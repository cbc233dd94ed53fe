import type { IncomingHttpHeaders } from "node:http";

/** Cookies of a request by name; a malformed pair is skipped, never thrown on. */
export function readCookies(headers: IncomingHttpHeaders): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (headers.cookie ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    try {
      if (!cookies.has(name)) cookies.set(name, decodeURIComponent(pair.slice(at + 1).trim()));
    } catch {
      continue;
    }
  }
  return cookies;
}

/**
 * A `Set-Cookie` value: always HttpOnly, SameSite=Strict unless `sameSite: "Lax"` (cookies that must
 * survive the way back from GitHub's sign-in, a cross-site navigation); `secure` over HTTPS.
 */
export function setCookie(params: { name: string; value: string; path: string; maxAgeSeconds: number; secure: boolean; sameSite?: "Strict" | "Lax" }): string {
  const parts = [`${params.name}=${encodeURIComponent(params.value)}`, `Path=${params.path}`, `Max-Age=${params.maxAgeSeconds}`, "HttpOnly", `SameSite=${params.sameSite ?? "Strict"}`];
  if (params.secure) parts.push("Secure");
  return parts.join("; ");
}
