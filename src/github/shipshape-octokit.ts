import { ProbotOctokit } from "probot";

/** How often a request that hit a secondary rate limit is retried before it fails. */
export const SECONDARY_LIMIT_RETRIES = 3;

interface ThrottleHooks {
  onRequest?: (status: number) => void;
  onRateLimitRemaining?: (installationId: string, remaining: number) => void;
}

/**
 * Probot's Octokit with two changes:
 * - throttling is keyed per installation (`throttle.id`), so one busy organisation's write queue
 *   (about one write a second) never delays another's; stock Probot shares one queue per process;
 * - secondary rate limits are retried after `retry-after` (stock Probot only logs them).
 * With `queues` (the pacing queues the server builds: in this process, or shared through Redis
 * with `REDIS_URL`, and telling a delivery while it waits, ADR 0078), requests are paced on them.
 */
export function shipshapeOctokit(hooks: ThrottleHooks = {}, queues?: Record<string, unknown>): typeof ProbotOctokit {
  const Octokit = ProbotOctokit.defaults((options: Record<string, unknown>) => {
    const installation = installationOf(options);
    const throttle = (options.throttle ?? {}) as Record<string, unknown>;
    return {
      ...options,
      throttle: {
        ...throttle,
        ...queues,
        id: installation,
        onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, octokit: { log: { warn(message: string): void } }, retryCount: number) => {
          octokit.log.warn(`Secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s (${installation})`);
          return retryCount < SECONDARY_LIMIT_RETRIES;
        },
      },
    };
  }) as typeof ProbotOctokit;

  return Octokit.plugin((octokit, options) => {
    const installation = installationOf(options as Record<string, unknown>);
    octokit.hook.after("request", (response) => {
      hooks.onRequest?.(response.status);
      const remaining = Number(response.headers["x-ratelimit-remaining"]);
      if (Number.isFinite(remaining)) hooks.onRateLimitRemaining?.(installation, remaining);
    });
    octokit.hook.error("request", (error) => {
      hooks.onRequest?.((error as { status?: number }).status ?? 0);
      throw error;
    });
  }) as typeof ProbotOctokit;
}

/** The throttling key of an Octokit instance: its installation, or the app itself (JWT). */
function installationOf(options: Record<string, unknown>): string {
  const auth = options.auth as { installationId?: number | string } | undefined;
  return auth?.installationId === undefined ? "app" : `installation-${auth.installationId}`;
}
