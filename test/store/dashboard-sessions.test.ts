import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { createDashboardSession, deleteDashboardSession, isDashboardSessionValid } from "../../src/store/dashboard-sessions.js";
import { stores } from "../helpers/stores.js";

describe.each(stores)("dashboard sessions on $name", ({ open }) => {
  let db: Db;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.close());

  it("a created session is valid until it expires, and only for the token it was opened with", async () => {
    await createDashboardSession(db, { id: "s-1", tokenFingerprint: "fp-1", now: 100, expiresAt: 200 });
    expect(await isDashboardSessionValid(db, { id: "s-1", tokenFingerprint: "fp-1", now: 199 })).toBe(true);
    expect(await isDashboardSessionValid(db, { id: "s-1", tokenFingerprint: "fp-1", now: 200 })).toBe(false);
    expect(await isDashboardSessionValid(db, { id: "s-1", tokenFingerprint: "fp-2", now: 150 })).toBe(false);
    expect(await isDashboardSessionValid(db, { id: "unknown", tokenFingerprint: "fp-1", now: 150 })).toBe(false);
  });

  it("stores the id's hash, not the id", async () => {
    await createDashboardSession(db, { id: "secret-session-id", tokenFingerprint: "fp", now: 1, expiresAt: 2 });
    const rows = await db.kysely.selectFrom("dashboard_sessions").select("id_hash").execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id_hash).not.toContain("secret-session-id");
  });

  it("creating a session drops the expired ones", async () => {
    await createDashboardSession(db, { id: "old", tokenFingerprint: "fp", now: 100, expiresAt: 150 });
    await createDashboardSession(db, { id: "new", tokenFingerprint: "fp", now: 150, expiresAt: 300 });
    expect(await db.kysely.selectFrom("dashboard_sessions").select("expires_at").execute()).toEqual([{ expires_at: 300 }]);
  });

  it("deleteDashboardSession: the session is no longer valid; others stay", async () => {
    await createDashboardSession(db, { id: "a", tokenFingerprint: "fp", now: 1, expiresAt: 100 });
    await createDashboardSession(db, { id: "b", tokenFingerprint: "fp", now: 1, expiresAt: 100 });
    await deleteDashboardSession(db, { id: "a" });
    expect(await isDashboardSessionValid(db, { id: "a", tokenFingerprint: "fp", now: 2 })).toBe(false);
    expect(await isDashboardSessionValid(db, { id: "b", tokenFingerprint: "fp", now: 2 })).toBe(true);
  });
});
