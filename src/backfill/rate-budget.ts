/** What GitHub said about one rate-limit resource (`core`, `graphql`) in its last answer. */
export interface RateObservation {
  resource: string;
  limit: number;
  remaining: number;
  /** When the window resets, epoch ms (`x-ratelimit-reset` is in seconds). */
  resetAt: number;
}

/** The backfill's allowance in one rate-limit window of one resource. */
export interface RateWindow extends RateObservation {
  /** Below this many remaining requests the backfill stops and waits for the reset. */
  reserve: number;
}

/**
 * Folds a new observation into the window. At the start of a window (first sight, a later reset
 * time, or more remaining than before: it was reset) the reserve is set to what the backfill must
 * leave for webhooks: `(1 - share)` of what remained then. Within a window the reserve stays put.
 */
export function observeRate(previous: RateWindow | undefined, seen: RateObservation, share: number): RateWindow {
  const newWindow = !previous || seen.resetAt > previous.resetAt + 1_000 || seen.remaining > previous.remaining;
  const reserve = newWindow ? Math.floor(seen.remaining * (1 - clampShare(share))) : previous.reserve;
  return { ...seen, reserve };
}

/** Milliseconds to wait before the next request: 0 while above the reserve or once the window has reset. */
export function rateWait(window: RateWindow | undefined, now: number): number {
  if (!window || now >= window.resetAt) return 0;
  if (window.remaining > window.reserve) return 0;
  // A second past the reset: GitHub's clock and ours differ a little.
  return window.resetAt - now + 1_000;
}

/** Reads the rate-limit headers of a GitHub answer; undefined when they are missing. */
export function rateFromHeaders(headers: Record<string, string | number | undefined>, fallbackResource: string): RateObservation | undefined {
  const remaining = Number(headers["x-ratelimit-remaining"]);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (!Number.isFinite(remaining) || !Number.isFinite(reset) || headers["x-ratelimit-remaining"] === undefined) return undefined;
  const limit = Number(headers["x-ratelimit-limit"]);
  const resource = headers["x-ratelimit-resource"];
  return {
    resource: typeof resource === "string" && resource.length > 0 ? resource : fallbackResource,
    limit: Number.isFinite(limit) ? limit : remaining,
    remaining,
    resetAt: reset * 1_000,
  };
}

function clampShare(share: number): number {
  if (!Number.isFinite(share)) return 0.5;
  return Math.min(1, Math.max(0, share));
}
