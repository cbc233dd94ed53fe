import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { getStickyComment, saveStickyComment } from "../../src/store/sticky-comments.js";
import { stores } from "../helpers/stores.js";

describe.each(stores)("sticky comments on $name", ({ open }) => {
  let db: Db;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.close());

  const row = { repo_id: 1, pr_number: 2, feature: "adr", comment_id: 100, body_hash: "h1", updated_at: 10 };

  it("getStickyComment: the saved row for (repo, PR, feature), nothing for another feature or PR", async () => {
    await saveStickyComment(db, row);
    expect(await getStickyComment(db, { repoId: 1, prNumber: 2, feature: "adr" })).toEqual(row);
    expect(await getStickyComment(db, { repoId: 1, prNumber: 2, feature: "coverage" })).toBeUndefined();
    expect(await getStickyComment(db, { repoId: 1, prNumber: 3, feature: "adr" })).toBeUndefined();
  });

  it("saveStickyComment: saving again for the same key replaces the comment id, hash and time", async () => {
    await saveStickyComment(db, row);
    await saveStickyComment(db, { ...row, comment_id: 101, body_hash: "h2", updated_at: 20 });
    expect(await getStickyComment(db, { repoId: 1, prNumber: 2, feature: "adr" })).toEqual({ ...row, comment_id: 101, body_hash: "h2", updated_at: 20 });
    expect(await db.kysely.selectFrom("sticky_comments").selectAll().execute()).toHaveLength(1);
  });
});
