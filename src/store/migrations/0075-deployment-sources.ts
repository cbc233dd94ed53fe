import type { Kysely } from "kysely";

// Deployments come from several sources (ADR 0044): each row says which. A deployment's PRs are
// recomputed whenever the deployment that precedes it changes (ADR 0042): `linked_after` is the
// predecessor it was last compared with (null: none), and `deployment_commits` keeps the commits
// the comparison found, so a merge recorded later finds its deployment without asking GitHub.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("deployments").addColumn("source", "text", (c) => c.notNull().defaultTo("github_deployments")).execute();
  await db.schema.alterTable("deployments").addColumn("linked_after", "bigint").execute();
  await db.schema
    .createTable("deployment_commits")
    .addColumn("deployment_id", "bigint", (c) => c.notNull())
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("sha", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("deployment_commits_pk", ["deployment_id", "sha"])
    .execute();
  await db.schema.createIndex("deployment_commits_sha").on("deployment_commits").columns(["repo_id", "sha"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("deployment_commits").execute();
  await db.schema.alterTable("deployments").dropColumn("linked_after").execute();
  await db.schema.alterTable("deployments").dropColumn("source").execute();
}
