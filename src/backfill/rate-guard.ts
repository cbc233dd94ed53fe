import type { RateLimitWatcher } from "../github/watch-rate-limit.js";
import { observeRate, rateFromHeaders, rateWait, type RateObservation, type RateWindow } from "./rate-budget.js";

/** Time as the backfill sees it: injected, so tests never really wait. */
export interface BackfillClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Keeps the backfill within `share` of each rate-limit window: counts requests, folds every
 * answer's headers into the window, and before a request sleeps until the reset once the
 * remaining requests reach the reserve left for webhooks.
 */
export class RateGuard implements RateLimitWatcher {
  readonly #windows = new Map<string, RateWindow>();
  #requests = 0;

  constructor(
    private readonly options: {
      share: number;
      clock: BackfillClock;
      /** Told before each wait (logs, the job's `waiting_until`). */
      onWait?: (wait: { resource: string; until: number; window: RateWindow }) => Promise<void> | void;
    },
  ) {}

  /** Requests answered so far (GitHub counts them against the limit). */
  get requests(): number {
    return this.#requests;
  }

  window(resource: string): RateWindow | undefined {
    return this.#windows.get(resource);
  }

  observe(seen: RateObservation): void {
    this.#windows.set(seen.resource, observeRate(this.#windows.get(seen.resource), seen, this.options.share));
  }

  async before(resource: string): Promise<void> {
    const { clock } = this.options;
    for (;;) {
      const window = this.#windows.get(resource);
      const wait = rateWait(window, clock.now());
      if (wait <= 0 || !window) return;
      await this.options.onWait?.({ resource, until: clock.now() + wait, window });
      await clock.sleep(wait);
    }
  }

  after(resource: string, headers: Record<string, string | number | undefined>): void {
    this.#requests += 1;
    const seen = rateFromHeaders(headers, resource);
    if (seen) this.observe(seen);
  }
}
