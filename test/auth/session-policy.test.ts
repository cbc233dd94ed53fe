import { describe, expect, it } from "vitest";
import { SCOPE_MAX_AGE_MS, nextSessionStep, scopeFromInstallations, type SessionTimes } from "../../src/auth/session-policy.js";

const base: SessionTimes = { now: 1_000_000_000, expiresAt: 2_000_000_000, revokedAt: null, refreshedAt: 1_000_000_000, tokenExpiresAt: 1_500_000_000, hasRefreshToken: true };

describe("nextSessionStep", () => {
  it("uses a fresh session and re-reads the scope once it is older than the limit", () => {
    expect(nextSessionStep(base)).toEqual({ kind: "use" });
    expect(nextSessionStep({ ...base, now: base.refreshedAt + SCOPE_MAX_AGE_MS - 1 })).toEqual({ kind: "use" });
    expect(nextSessionStep({ ...base, now: base.refreshedAt + SCOPE_MAX_AGE_MS })).toEqual({ kind: "reread-scope" });
  });

  it("refreshes an ended user token when it has a refresh token, else sends to sign-in", () => {
    expect(nextSessionStep({ ...base, now: 1_500_000_000 })).toEqual({ kind: "refresh-token" });
    // A minute early, so the token does not end between the check and the call.
    expect(nextSessionStep({ ...base, now: 1_500_000_000 - 30_000 })).toEqual({ kind: "refresh-token" });
    expect(nextSessionStep({ ...base, now: 1_500_000_000, hasRefreshToken: false })).toEqual({ kind: "sign-in-again", reason: "token-ended" });
    expect(nextSessionStep({ ...base, tokenExpiresAt: null, now: 1_900_000_000 })).toEqual({ kind: "reread-scope" });
  });

  it("refuses revoked and expired sessions before anything else", () => {
    expect(nextSessionStep({ ...base, revokedAt: 5 })).toEqual({ kind: "sign-in-again", reason: "revoked" });
    expect(nextSessionStep({ ...base, now: 2_000_000_000 })).toEqual({ kind: "sign-in-again", reason: "expired" });
  });
});

describe("scopeFromInstallations", () => {
  it("keeps the repositories GitHub listed, lower case and once each, and grants no whole owner", () => {
    expect(
      scopeFromInstallations([
        { repos: [{ owner: "Acme", name: "API" }, { owner: "acme", name: "web" }] },
        { repos: [{ owner: "acme", name: "api" }, { owner: "Globex", name: "shop" }] },
      ]),
    ).toEqual({ owners: [], repos: ["acme/api", "acme/web", "globex/shop"] });
  });
});
