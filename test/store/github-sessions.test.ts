import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deriveSealKey } from "../../src/auth/seal.js";
import { canSeeRepo } from "../../src/auth/viewer-scope.js";
import type { Db } from "../../src/store/db.js";
import { createGitHubSession, findGitHubSession, listGitHubSessions, revokeGitHubSession, updateGitHubSession } from "../../src/store/github-sessions.js";
import { stores } from "../helpers/stores.js";

const key = deriveSealKey("a session secret of some length", "github-session");

describe.each(stores)("GitHub sessions (migration 0130) on $name", ({ open }) => {
  let db: Db;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.close());

  it("keeps the scope, seals the tokens, finds the session by its secret, updates and revokes it", async () => {
    const created = await createGitHubSession(db, key, {
      login: "ada",
      scope: { owners: [], repos: ["acme/api"] },
      token: "ghu_usertoken123",
      refreshToken: "ghr_refresh456",
      tokenExpiresAt: 50_000,
      now: 1_000,
      expiresAt: 100_000,
    });
    const stored = await db.kysely.selectFrom("github_sessions").selectAll().execute();
    const raw = JSON.stringify(stored);
    expect(raw).not.toContain("ghu_usertoken123");
    expect(raw).not.toContain("ghr_refresh456");
    expect(raw).not.toContain(created.secret);

    const found = await findGitHubSession(db, key, created.secret);
    expect(found).toMatchObject({ id: created.id, login: "ada", token: "ghu_usertoken123", refreshToken: "ghr_refresh456", tokenExpiresAt: 50_000, refreshedAt: 1_000, revokedAt: null });
    if (!found) throw new Error("session not found");
    expect(canSeeRepo(found.scope, "acme", "api")).toBe(true);
    expect(canSeeRepo(found.scope, "acme", "web")).toBe(false);
    expect(await findGitHubSession(db, key, `${created.secret}x`)).toBeUndefined();
    // Sealed with another key, the token does not open: the session must sign in again.
    expect((await findGitHubSession(db, deriveSealKey("another secret, also long", "github-session"), created.secret))?.token).toBeNull();

    await updateGitHubSession(db, key, { id: created.id, scope: { owners: [], repos: ["acme/web"] }, now: 2_000, tokens: { token: "ghu_new", refreshToken: "ghr_new", tokenExpiresAt: 90_000 } });
    const updated = await findGitHubSession(db, key, created.secret);
    expect(updated).toMatchObject({ token: "ghu_new", refreshToken: "ghr_new", tokenExpiresAt: 90_000, refreshedAt: 2_000 });
    if (!updated) throw new Error("session not found");
    expect(canSeeRepo(updated.scope, "acme", "web")).toBe(true);
    expect(canSeeRepo(updated.scope, "acme", "api")).toBe(false);

    expect(await listGitHubSessions(db)).toEqual([{ id: created.id, login: "ada", owners: 0, repos: 1, createdAt: 1_000, refreshedAt: 2_000, expiresAt: 100_000, revokedAt: null }]);
    expect(await revokeGitHubSession(db, { id: created.id, now: 3_000 })).toBe("revoked");
    expect(await revokeGitHubSession(db, { id: created.id, now: 4_000 })).toBe("already");
    expect(await revokeGitHubSession(db, { id: "ses_000000000000", now: 4_000 })).toBe("unknown");
    expect((await findGitHubSession(db, key, created.secret))?.revokedAt).toBe(3_000);
  });

  it("drops expired sessions when a new one opens", async () => {
    await createGitHubSession(db, key, { login: "old", scope: { owners: [], repos: [] }, token: "t", refreshToken: null, tokenExpiresAt: null, now: 1_000, expiresAt: 2_000 });
    await createGitHubSession(db, key, { login: "new", scope: { owners: [], repos: [] }, token: "t", refreshToken: null, tokenExpiresAt: null, now: 3_000, expiresAt: 9_000 });
    expect((await listGitHubSessions(db)).map((s) => s.login)).toEqual(["new"]);
  });
});
