import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorizeUrl, githubHosts, newPkce, newState, pkceChallenge } from "../../src/auth/oauth.js";

describe("oauth helpers", () => {
  it("github.com by default, GHE web host and /api/v3 otherwise", () => {
    expect(githubHosts(undefined, undefined)).toEqual({ web: "https://github.com", api: "https://api.github.com" });
    expect(githubHosts("ghe.acme.test", "http")).toEqual({ web: "http://ghe.acme.test", api: "http://ghe.acme.test/api/v3" });
  });

  it("PKCE S256 matches RFC 7636's example and fresh pairs differ", () => {
    expect(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    const a = newPkce();
    expect(a.verifier).toHaveLength(43);
    expect(a.challenge).toBe(createHash("sha256").update(a.verifier).digest("base64url"));
    expect(newPkce().verifier).not.toBe(a.verifier);
    expect(newState()).not.toBe(newState());
  });

  it("authorize URL carries client, redirect, state and the S256 challenge", () => {
    const url = new URL(
      authorizeUrl(githubHosts("ghe.acme.test", "https"), { clientId: "Iv1.abc", redirectUri: "https://ship.test/dashboard/callback", state: "st", challenge: "ch" }),
    );
    expect(url.origin + url.pathname).toBe("https://ghe.acme.test/login/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "Iv1.abc",
      redirect_uri: "https://ship.test/dashboard/callback",
      state: "st",
      code_challenge: "ch",
      code_challenge_method: "S256",
    });
  });
});
