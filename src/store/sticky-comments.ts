import type { Db } from "./db.js";
import type { StickyCommentsTable } from "./tables.js";

export type StoredComment = StickyCommentsTable;

export async function getStickyComment(db: Db, key: { repoId: number; prNumber: number; feature: string }): Promise<StoredComment | undefined> {
  return db.kysely
    .selectFrom("sticky_comments")
    .selectAll()
    .where("repo_id", "=", key.repoId)
    .where("pr_number", "=", key.prNumber)
    .where("feature", "=", key.feature)
    .executeTakeFirst();
}

export async function saveStickyComment(db: Db, row: StoredComment): Promise<void> {
  await db.kysely
    .insertInto("sticky_comments")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["repo_id", "pr_number", "feature"]).doUpdateSet({
        comment_id: row.comment_id,
        body_hash: row.body_hash,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
