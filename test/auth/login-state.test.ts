import { describe, expect, it } from "vitest";
import { LOGIN_STATE_MS, UsedStates, checkCallback, sealPendingLogin } from "../../src/auth/login-state.js";
import { newPkce, newState } from "../../src/auth/oauth.js";
import { deriveSealKey, seal } from "../../src/auth/seal.js";

const key = deriveSealKey("a session secret of some length", "login-state");
const now = 1_000_000;

function pending() {
  return { state: newState(), verifier: newPkce().verifier, next: "/dashboard/acme", expiresAt: now + LOGIN_STATE_MS };
}

describe("checkCallback", () => {
  it("accepts the state its own cookie holds, once", () => {
    const p = pending();
    const cookie = sealPendingLogin(key, p);
    const used = new UsedStates();
    expect(checkCallback(key, { cookie, state: p.state, now, used })).toEqual({ ok: true, pending: p });
    expect(checkCallback(key, { cookie, state: p.state, now: now + 1, used })).toEqual({ ok: false, reason: "replayed" });
  });

  it("refuses a forged state, a forged or foreign cookie, a missing cookie and an ended one", () => {
    const p = pending();
    const cookie = sealPendingLogin(key, p);
    const used = new UsedStates();
    expect(checkCallback(key, { cookie, state: newState(), now, used })).toEqual({ ok: false, reason: "state-mismatch" });
    expect(checkCallback(key, { cookie, state: null, now, used })).toEqual({ ok: false, reason: "state-mismatch" });
    expect(checkCallback(key, { cookie: undefined, state: p.state, now, used })).toEqual({ ok: false, reason: "no-cookie" });
    const flipped = `${cookie.slice(0, -2)}${cookie.endsWith("A") ? "B" : "A"}A`;
    expect(checkCallback(key, { cookie: flipped, state: p.state, now, used })).toEqual({ ok: false, reason: "forged" });
    const other = sealPendingLogin(deriveSealKey("another secret, also long", "login-state"), p);
    expect(checkCallback(key, { cookie: other, state: p.state, now, used })).toEqual({ ok: false, reason: "forged" });
    expect(checkCallback(key, { cookie: seal(key, "not json"), state: p.state, now, used })).toEqual({ ok: false, reason: "forged" });
    expect(checkCallback(key, { cookie, state: p.state, now: p.expiresAt, used })).toEqual({ ok: false, reason: "expired" });
    // None of the refusals used the state up: the real callback still works.
    expect(checkCallback(key, { cookie, state: p.state, now, used }).ok).toBe(true);
  });
});

describe("UsedStates", () => {
  it("forgets states once they have ended and keeps at most its limit", () => {
    const used = new UsedStates(2);
    expect(used.take("a", 10, 0)).toBe(true);
    expect(used.take("a", 10, 5)).toBe(false);
    expect(used.take("a", 20, 10)).toBe(true);
    expect(used.take("b", 20, 10)).toBe(true);
    expect(used.take("c", 20, 10)).toBe(true);
    expect(used.take("c", 20, 11)).toBe(false);
    expect(used.take("b", 20, 11)).toBe(false);
  });
});
