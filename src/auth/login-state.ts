import { seal, unseal, type SealKey } from "./seal.js";
import { sameSecret } from "./same-secret.js";

/**
 * The sign-in's pending state, bound to the browser: GET /dashboard/login puts it in a sealed,
 * short-lived cookie (state, PKCE verifier, where to go after, when it ends); the callback opens
 * it and accepts only the same `state` in the URL before it exchanges the code. Pure.
 * Single use: the callback clears the cookie and remembers the state until it ends (UsedStates).
 */
export type PendingLogin = { state: string; verifier: string; next: string; expiresAt: number };

/** Ten minutes to click "Authorize" on GitHub. */
export const LOGIN_STATE_MS = 10 * 60 * 1000;

export function sealPendingLogin(key: SealKey, pending: PendingLogin): string {
  return seal(key, JSON.stringify(pending));
}

export type CallbackCheck = { ok: true; pending: PendingLogin } | { ok: false; reason: "no-cookie" | "forged" | "expired" | "state-mismatch" | "replayed" };

export function checkCallback(key: SealKey, input: { cookie: string | undefined; state: string | null; now: number; used: UsedStates }): CallbackCheck {
  if (!input.cookie) return { ok: false, reason: "no-cookie" };
  const plain = unseal(key, input.cookie);
  if (plain === null) return { ok: false, reason: "forged" };
  const pending = parsePending(plain);
  if (!pending) return { ok: false, reason: "forged" };
  if (pending.expiresAt <= input.now) return { ok: false, reason: "expired" };
  if (!sameSecret(input.state, pending.state)) return { ok: false, reason: "state-mismatch" };
  if (!input.used.take(pending.state, pending.expiresAt, input.now)) return { ok: false, reason: "replayed" };
  return { ok: true, pending };
}

function parsePending(plain: string): PendingLogin | undefined {
  try {
    const value = JSON.parse(plain) as Partial<PendingLogin>;
    if (typeof value.state === "string" && typeof value.verifier === "string" && typeof value.next === "string" && typeof value.expiresAt === "number") {
      return { state: value.state, verifier: value.verifier, next: value.next, expiresAt: value.expiresAt };
    }
  } catch {
    // not ours
  }
  return undefined;
}

/** States already used, kept until they would have expired anyway; at most `limit` of them (oldest dropped). */
export class UsedStates {
  readonly #seen = new Map<string, number>();
  constructor(private readonly limit = 10_000) {}

  /** True the first time a state is taken; false when it was taken before (a replay). */
  take(state: string, expiresAt: number, now: number): boolean {
    for (const [seen, until] of this.#seen) if (until <= now) this.#seen.delete(seen);
    if (this.#seen.has(state)) return false;
    if (this.#seen.size >= this.limit) {
      const oldest = this.#seen.keys().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
    this.#seen.set(state, expiresAt);
    return true;
  }
}
