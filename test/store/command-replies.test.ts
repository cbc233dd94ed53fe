import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { claimCommandReply, pruneCommandReplies, releaseCommandReplies } from "../../src/store/command-replies.js";
import { stores } from "../helpers/stores.js";

describe.each(stores)("command reply claims on $name", ({ open }) => {
  let db: Db;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.close());

  it("claimCommandReply: true for the first claim of a key only", async () => {
    expect(await claimCommandReply(db, { key: "comment:1", now: 10 })).toBe(true);
    expect(await claimCommandReply(db, { key: "comment:1", now: 20 })).toBe(false);
    expect(await claimCommandReply(db, { key: "comment:2", now: 20 })).toBe(true);
  });

  it("releaseCommandReplies: the released keys can be claimed again, the others cannot; no keys is a no-op", async () => {
    await claimCommandReply(db, { key: "a", now: 1 });
    await claimCommandReply(db, { key: "b", now: 1 });
    await releaseCommandReplies(db, []);
    await releaseCommandReplies(db, ["a"]);
    expect(await claimCommandReply(db, { key: "a", now: 2 })).toBe(true);
    expect(await claimCommandReply(db, { key: "b", now: 2 })).toBe(false);
  });

  it("pruneCommandReplies: forgets claims older than `before` and counts them", async () => {
    await claimCommandReply(db, { key: "old", now: 100 });
    await claimCommandReply(db, { key: "edge", now: 200 });
    await claimCommandReply(db, { key: "new", now: 300 });
    expect(await pruneCommandReplies(db, { before: 200 })).toBe(1);
    expect(await claimCommandReply(db, { key: "old", now: 400 })).toBe(true);
    expect(await claimCommandReply(db, { key: "edge", now: 400 })).toBe(false);
    expect(await pruneCommandReplies(db, { before: 0 })).toBe(0);
  });
});
