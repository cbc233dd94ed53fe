import type { Db } from "./db.js";

/**
 * Remembers a repository's current owner/name, so the API can find it by name (any case), and
 * its web address when the caller has one (`repository.html_url`: GitHub Enterprise Server's host).
 */
export async function recordRepository(db: Db, params: { repoId: number; owner: string; name: string; at: number; htmlUrl?: string | undefined }): Promise<void> {
  const row = {
    repo_id: params.repoId,
    owner: params.owner,
    name: params.name,
    owner_key: params.owner.toLowerCase(),
    full_name_key: `${params.owner}/${params.name}`.toLowerCase(),
    updated_at: params.at,
    ...(params.htmlUrl ? { html_url: params.htmlUrl } : {}),
  };
  await db.kysely
    .insertInto("metric_repos")
    .values(row)
    .onConflict((oc) =>
      oc.column("repo_id").doUpdateSet({ owner: row.owner, name: row.name, owner_key: row.owner_key, full_name_key: row.full_name_key, updated_at: row.updated_at, ...(params.htmlUrl ? { html_url: params.htmlUrl } : {}) }),
    )
    .execute();
}

/** Stores a known repository's web address (the backfill's GraphQL `url`, same as a payload's `html_url`). */
export async function recordRepositoryUrl(db: Db, params: { repoId: number; htmlUrl: string }): Promise<void> {
  await db.kysely.updateTable("metric_repos").set({ html_url: params.htmlUrl }).where("repo_id", "=", params.repoId).execute();
}

/** The id of `owner/name` (the most recently seen one, should a renamed repo's name be reused). */
export async function findRepositoryId(db: Db, params: { owner: string; name: string }): Promise<number | undefined> {
  const row = await db.kysely
    .selectFrom("metric_repos")
    .select("repo_id")
    .where("full_name_key", "=", `${params.owner}/${params.name}`.toLowerCase())
    .orderBy("updated_at", "desc")
    .executeTakeFirst();
  return row?.repo_id;
}

/** Ids of every repository of `owner` seen so far. */
export async function findOrganisationRepositoryIds(db: Db, owner: string): Promise<number[]> {
  return (await findOrganisationRepositories(db, owner)).map((row) => row.repoId);
}

/** Every repository of `owner` seen so far, with its current name (to filter by what a viewer may see). */
export async function findOrganisationRepositories(db: Db, owner: string): Promise<Array<{ repoId: number; owner: string; name: string }>> {
  const rows = await db.kysely.selectFrom("metric_repos").select(["repo_id", "owner", "name"]).where("owner_key", "=", owner.toLowerCase()).execute();
  return rows.map((row) => ({ repoId: row.repo_id, owner: row.owner, name: row.name }));
}
