import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { findPullRequestsByHead, recordPullRequestHead } from "../../src/store/pull-request-heads.js";
import { stores } from "../helpers/stores.js";

describe.each(stores)("pull request heads on $name", ({ open }) => {
  let db: Db;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.close());

  it("findPullRequestsByHead: the PRs seen with that head in that repository, none for an unknown head", async () => {
    await recordPullRequestHead(db, { repoId: 1, headSha: "a".repeat(40), prNumber: 7, at: 10 });
    await recordPullRequestHead(db, { repoId: 1, headSha: "a".repeat(40), prNumber: 8, at: 11 });
    await recordPullRequestHead(db, { repoId: 2, headSha: "a".repeat(40), prNumber: 9, at: 12 });
    await recordPullRequestHead(db, { repoId: 1, headSha: "b".repeat(40), prNumber: 7, at: 13 });
    expect((await findPullRequestsByHead(db, { repoId: 1, headSha: "a".repeat(40) })).sort((x, y) => x - y)).toEqual([7, 8]);
    expect(await findPullRequestsByHead(db, { repoId: 2, headSha: "a".repeat(40) })).toEqual([9]);
    expect(await findPullRequestsByHead(db, { repoId: 1, headSha: "c".repeat(40) })).toEqual([]);
  });

  it("recordPullRequestHead: recording the same head twice keeps one row (redeliveries)", async () => {
    await recordPullRequestHead(db, { repoId: 1, headSha: "a".repeat(40), prNumber: 7, at: 10 });
    await recordPullRequestHead(db, { repoId: 1, headSha: "a".repeat(40), prNumber: 7, at: 20 });
    expect(await findPullRequestsByHead(db, { repoId: 1, headSha: "a".repeat(40) })).toEqual([7]);
  });
});
