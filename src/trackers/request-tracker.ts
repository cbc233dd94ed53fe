/** How long one request to a ticket system may take before the reference counts as unverified. */
export const TRACKER_TIMEOUT_MS = 10_000;
/** The longest `Retry-After` Shipshape waits for once; a longer one leaves the reference unverified. */
export const MAX_RETRY_AFTER_MS = 5_000;

/** How a tracker call reaches the network; injected so tests and the CLI choose. */
export interface TrackerIo {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_TRACKER_IO: TrackerIo = {
  fetch: (input, init) => fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** An answer with a body, or why there is none, worded for the check ("Jira answered 503"). */
export type TrackerResponse = { ok: true; status: number; json: unknown } | { ok: false; status?: number; reason: string; json?: unknown };

/**
 * One request to a ticket system, with a timeout; a 429 is retried once after its `Retry-After`
 * when that is at most `MAX_RETRY_AFTER_MS`, else given up (ADR 0013). Never throws.
 */
export async function requestTracker(params: { system: string; url: string; init: RequestInit; io: TrackerIo }): Promise<TrackerResponse> {
  const { system, url, init, io } = params;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await io.fetch(url, { ...init, signal: AbortSignal.timeout(TRACKER_TIMEOUT_MS) });
    } catch (error) {
      const name = (error as Error).name;
      return { ok: false, reason: name === "TimeoutError" ? `${system} did not answer within ${TRACKER_TIMEOUT_MS / 1000} s` : `${system} could not be reached` };
    }
    if (response.status === 429) {
      const wait = retryAfterMs(response.headers.get("retry-after"));
      await response.body?.cancel();
      if (attempt === 0 && wait !== undefined && wait <= MAX_RETRY_AFTER_MS) {
        await io.sleep(wait);
        continue;
      }
      return { ok: false, status: 429, reason: `${system} answered 429 (rate limited${wait !== undefined ? `, retry after ${Math.ceil(wait / 1000)} s` : ""})` };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    if (response.ok && json === undefined) return { ok: false, status: response.status, reason: `${system} answered ${response.status} without JSON` };
    return response.ok ? { ok: true, status: response.status, json } : { ok: false, status: response.status, reason: `${system} answered ${response.status}`, json };
  }
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
