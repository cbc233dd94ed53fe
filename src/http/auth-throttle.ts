/** Wrong tokens an address may send before it has to wait. */
export const FREE_AUTH_FAILURES = 5;
/** The first wait, doubled by each further wrong token… */
export const FIRST_AUTH_BACKOFF_MS = 1_000;
/** …up to this. */
export const MAX_AUTH_BACKOFF_MS = 15 * 60_000;
/** Addresses remembered; past it the stalest is forgotten (memory stays bounded under a spray). */
export const MAX_THROTTLED_ADDRESSES = 10_000;

interface Entry {
  failures: number;
  until: number;
  lastAt: number;
}

/**
 * Per-address backoff for wrong bearer tokens and failed dashboard sign-ins, in memory per
 * process (a guesser spread over N replicas gets N times the attempts, still exponentially few).
 * While an address waits, its credentials are not even checked: the answer is 429.
 */
export class AuthThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds the address must still wait (0: it may try). */
  retryAfterSeconds(address: string): number {
    const entry = this.entries.get(address);
    if (!entry) return 0;
    const left = entry.until - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  failed(address: string): void {
    const now = this.now();
    const entry = this.entries.get(address) ?? { failures: 0, until: 0, lastAt: now };
    // An address quiet for the longest wait starts afresh.
    if (now - entry.lastAt > MAX_AUTH_BACKOFF_MS) entry.failures = 0;
    entry.failures += 1;
    entry.lastAt = now;
    const over = entry.failures - FREE_AUTH_FAILURES;
    if (over > 0) entry.until = now + Math.min(MAX_AUTH_BACKOFF_MS, FIRST_AUTH_BACKOFF_MS * 2 ** Math.min(over - 1, 30));
    this.entries.delete(address);
    this.entries.set(address, entry);
    if (this.entries.size > MAX_THROTTLED_ADDRESSES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  succeeded(address: string): void {
    this.entries.delete(address);
  }
}
