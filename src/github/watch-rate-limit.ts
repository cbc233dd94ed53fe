import type { GitHub } from "./octokit.js";

/** What a rate-limit watcher is told: which resource a request spends, and the answer's headers. */
export interface RateLimitWatcher {
  /** Called before every request; may wait (the backfill sleeps here when its share is spent). */
  before(resource: string): Promise<void>;
  /** Called with the headers of every answer, errors included (a 403 carries them too). */
  after(resource: string, headers: Record<string, string | number | undefined>): void;
}

/**
 * Hooks `watcher` into every request of `octokit`, pagination and GraphQL included. Use it on an
 * Octokit of one's own (`app.auth(id)`), never on a shared one: hooks cannot be removed.
 * `GET /rate_limit` is not counted by GitHub, so it is never held back.
 */
export function watchRateLimit(octokit: GitHub, watcher: RateLimitWatcher): void {
  octokit.hook.before("request", async (options) => {
    const url = String(options.url);
    if (url.endsWith("/rate_limit")) return;
    await watcher.before(resourceOf(url));
  });
  octokit.hook.after("request", (response, options) => {
    watcher.after(resourceOf(String(options.url)), response.headers as Record<string, string | number | undefined>);
  });
  octokit.hook.error("request", (error, options) => {
    const headers = (error as { response?: { headers?: Record<string, string | number | undefined> } }).response?.headers;
    if (headers) watcher.after(resourceOf(String(options.url)), headers);
    throw error;
  });
}

function resourceOf(url: string): string {
  return url.endsWith("/graphql") ? "graphql" : "core";
}
