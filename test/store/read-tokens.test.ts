import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canSeeOwner, canSeeRepo } from "../../src/auth/viewer-scope.js";
import type { Db } from "../../src/store/db.js";
import { createReadToken, listReadTokens, readTokenScope, revokeReadToken } from "../../src/store/read-tokens.js";
import { stores } from "../helpers/stores.js";

describe.each(stores)("read tokens (migration 0105) on $name", ({ open }) => {
  let db: Db;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.close());

  it("keeps the scope and the hash, finds the token by its secret, and stops it once revoked", async () => {
    const owner = await createReadToken(db, { target: { kind: "owner", owner: "Acme" }, now: 1_000 });
    const repo = await createReadToken(db, { target: { kind: "repo", owner: "Acme", name: "API" }, now: 2_000 });
    const ownerScope = await readTokenScope(db, owner.token);
    const repoScope = await readTokenScope(db, repo.token);
    if (ownerScope === undefined || ownerScope === "revoked" || repoScope === undefined || repoScope === "revoked") throw new Error("tokens not found");
    expect(canSeeRepo(ownerScope, "acme", "web")).toBe(true);
    expect(canSeeRepo(repoScope, "acme", "api")).toBe(true);
    expect(canSeeRepo(repoScope, "acme", "web")).toBe(false);
    expect(canSeeOwner(repoScope, "ACME")).toBe(true);
    expect(await readTokenScope(db, `${owner.token}x`)).toBeUndefined();

    expect(await listReadTokens(db)).toEqual([
      { id: repo.id, scope: "acme/api", createdAt: 2_000, revokedAt: null },
      { id: owner.id, scope: "acme", createdAt: 1_000, revokedAt: null },
    ]);
    const stored = await db.kysely.selectFrom("read_tokens").select("token_hash").execute();
    expect(stored.map((row) => row.token_hash).join()).not.toContain(owner.token.slice(8));

    expect(await revokeReadToken(db, { id: owner.id, now: 3_000 })).toBe("revoked");
    expect(await revokeReadToken(db, { id: owner.id, now: 4_000 })).toBe("already");
    expect(await revokeReadToken(db, { id: "rt_000000000000", now: 4_000 })).toBe("unknown");
    expect(await readTokenScope(db, owner.token)).toBe("revoked");
    expect((await listReadTokens(db)).find((t) => t.id === owner.id)?.revokedAt).toBe(3_000);
  });
});
