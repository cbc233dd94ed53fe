import type { Db } from "./db.js";

/**
 * Claims `key` (a comment, or a commenter's refusal slot): true for the first caller only,
 * across processes.
 */
export async function claimCommandReply(db: Db, params: { key: string; now: number }): Promise<boolean> {
  const result = await db.kysely
    .insertInto("command_replies")
    .values({ reply_key: params.key, created_at: params.now })
    .onConflict((oc) => oc.column("reply_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Gives claims back (the reply could not be posted), so a retry of the delivery may post it. */
export async function releaseCommandReplies(db: Db, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.kysely.deleteFrom("command_replies").where("reply_key", "in", [...keys]).execute();
}

/** Forgets claims older than `before`; returns how many. */
export async function pruneCommandReplies(db: Db, params: { before: number }): Promise<number> {
  const result = await db.kysely.deleteFrom("command_replies").where("created_at", "<", params.before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
