import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionsCommand } from "../../src/cli/commands/sessions.js";
import { deriveSealKey } from "../../src/auth/seal.js";
import type { Db } from "../../src/store/db.js";
import { createGitHubSession, findGitHubSession } from "../../src/store/github-sessions.js";
import { cliContext } from "../helpers/cli-context.js";
import { stores } from "../helpers/stores.js";

const key = deriveSealKey("a session secret of some length", "github-session");

describe.each(stores)("shipshape sessions list|revoke on $name", ({ open }) => {
  let db: Db;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.close());

  it("lists sessions without tokens, revokes one by id, and says what to type for a bad id", async () => {
    const empty = cliContext(() => db);
    expect(await sessionsCommand.run(["list"], empty.context)).toBe(0);
    expect(empty.out).toEqual(["No sign-in sessions: nobody has signed in to the dashboard with GitHub yet."]);

    const now = Date.UTC(2026, 11, 3, 9, 30);
    const ada = await createGitHubSession(db, key, { login: "ada", scope: { owners: [], repos: ["acme/api", "acme/web"] }, token: "ghu_secret_ada", refreshToken: "ghr_secret_ada", tokenExpiresAt: now + 3_600_000, now, expiresAt: now + 7 * 86_400_000 });
    const listed = cliContext(() => db);
    // Times as people read them, relative to the day the list is printed.
    vi.useFakeTimers({ toFake: ["Date"], now: now + 3_600_000 });
    try {
      expect(await sessionsCommand.run(["list"], listed.context)).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(listed.out).toEqual([
      "ID                LOGIN  SEES     CREATED          SCOPE READ       EXPIRES           REVOKED",
      `${ada.id}  ada    2 repos  3 Dec 09:30 UTC  3 Dec 09:30 UTC  10 Dec 09:30 UTC  -`,
    ]);
    expect(listed.out.join("\n")).not.toContain("ghu_secret_ada");

    const revoked = cliContext(() => db);
    expect(await sessionsCommand.run(["revoke", ada.id], revoked.context)).toBe(0);
    expect(revoked.out).toEqual([`Revoked session ${ada.id}: its next page asks to sign in again.`]);
    expect((await findGitHubSession(db, key, ada.secret))?.revokedAt).not.toBeNull();
    const again = cliContext(() => db);
    expect(await sessionsCommand.run(["revoke", ada.id], again.context)).toBe(0);
    expect(again.out).toEqual([`Session ${ada.id} was already revoked.`]);

    const unknown = cliContext(() => db);
    expect(await sessionsCommand.run(["revoke", "ses_000000000000"], unknown.context)).toBe(1);
    expect(unknown.err).toEqual(["No session ses_000000000000: see `shipshape sessions list` for the ids."]);
    const bad = cliContext(() => db);
    expect(await sessionsCommand.run(["revoke", "ada"], bad.context)).toBe(2);
    expect(bad.err[0]).toMatch(/^Give a session id like ses_0123456789ab/);
    const usage = cliContext(() => db);
    expect(await sessionsCommand.run(["drop"], usage.context)).toBe(2);
    expect(usage.err).toEqual(["Usage: shipshape sessions list | revoke <id>"]);
  });
});
