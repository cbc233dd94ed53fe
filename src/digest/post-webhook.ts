/** How a webhook post ended after its retries. */
export interface PostResult {
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
}

/** Waits between attempts: about 2 s, 10 s, 30 s, 60 s (five attempts in under two minutes). */
export const DEFAULT_RETRY_DELAYS_MS = [2_000, 10_000, 30_000, 60_000];

/**
 * POSTs a JSON body to an incoming webhook, retrying network errors, timeouts, 408, 429 (after
 * its Retry-After, capped at a minute) and 5xx with backoff. Other 4xx are the URL's or the
 * body's fault: retrying would not help, so the first answer is final. Never throws.
 */
export async function postWebhook(params: {
  url: string;
  body: unknown;
  fetch?: typeof fetch;
  delaysMs?: readonly number[];
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}): Promise<PostResult> {
  const doFetch = params.fetch ?? fetch;
  const delays = params.delaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const sleep = params.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let last: PostResult = { ok: false, attempts: 0 };
  for (let attempt = 1; attempt <= delays.length + 1; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const response = await doFetch(params.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params.body),
        signal: AbortSignal.timeout(params.timeoutMs ?? 10_000),
      });
      const text = (await response.text()).slice(0, 200);
      if (response.ok) return { ok: true, attempts: attempt, status: response.status };
      last = { ok: false, attempts: attempt, status: response.status, error: `HTTP ${response.status}${text ? `: ${text}` : ""}` };
      if (!isRetryable(response.status)) return last;
      const header = Number(response.headers.get("retry-after"));
      if (Number.isFinite(header) && header > 0) retryAfterMs = Math.min(header * 1000, 60_000);
    } catch (error) {
      last = { ok: false, attempts: attempt, error: error instanceof Error ? error.message : String(error) };
    }
    const delay = delays[attempt - 1];
    if (delay === undefined) break;
    await sleep(Math.max(delay, retryAfterMs ?? 0));
  }
  return last;
}

function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
