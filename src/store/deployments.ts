import { DEPLOYMENT_SOURCES, type DeploymentSource } from "../model/deployment-source.js";
import type { Db } from "./db.js";
import type { DeploymentsTable } from "./tables.js";

export interface DeploymentRecord {
  repoId: number;
  deploymentId: number;
  environment: string;
  /** Whether `environment` is one of the repo's `metrics.production_environments` when recorded. */
  production: boolean;
  sha: string;
  ref: string | null;
  createdAt: number;
  /** Latest status by its own timestamp (success, failure, error, in_progress, …). */
  status: string | null;
  statusAt: number | null;
  /** First `success` status. */
  succeededAt: number | null;
  /** First `failure` or `error` status. */
  failedAt: number | null;
  /** True once the PRs this deployment shipped were marked deployed (against `linkedAfter`). */
  prsMarked: boolean;
  /** Where the deployment was read from (`metrics.deployments`). */
  source: DeploymentSource;
  /** The predecessor its commits were last compared with; null: none, or not linked yet. */
  linkedAfter: number | null;
}

/** Stores a deployment (immutable on GitHub: a second record of the same id changes nothing). */
export async function recordDeployment(
  db: Db,
  params: { repoId: number; deploymentId: number; environment: string; production: boolean; sha: string; ref: string | null; createdAt: number; source?: DeploymentSource },
): Promise<void> {
  await db.kysely
    .insertInto("deployments")
    .values({
      deployment_id: params.deploymentId,
      repo_id: params.repoId,
      environment: params.environment,
      production: params.production ? 1 : 0,
      sha: params.sha,
      ref: params.ref,
      created_at: params.createdAt,
      status: null,
      status_at: null,
      succeeded_at: null,
      failed_at: null,
      prs_marked: 0,
      source: params.source ?? "github_deployments",
      linked_after: null,
    })
    .onConflict((oc) => oc.column("deployment_id").doNothing())
    .execute();
}

/**
 * Folds a deployment status into its deployment (recorded first): the latest status by time
 * wins, and the first success and first failure are kept whatever the arrival order.
 */
export async function recordDeploymentStatus(db: Db, params: { deploymentId: number; state: string; at: number }): Promise<DeploymentRecord | undefined> {
  return db.withLock(`metrics:deployment:${params.deploymentId}`, async () => {
    const stored = await getDeployment(db, params.deploymentId);
    if (!stored) return undefined;
    const newer = stored.statusAt === null || params.at >= stored.statusAt;
    const next: DeploymentRecord = {
      ...stored,
      status: newer ? params.state : stored.status,
      statusAt: newer ? params.at : stored.statusAt,
      succeededAt: params.state === "success" ? earliest(stored.succeededAt, params.at) : stored.succeededAt,
      failedAt: params.state === "failure" || params.state === "error" ? earliest(stored.failedAt, params.at) : stored.failedAt,
    };
    await db.kysely
      .updateTable("deployments")
      .set({ status: next.status, status_at: next.statusAt, succeeded_at: next.succeededAt, failed_at: next.failedAt })
      .where("deployment_id", "=", params.deploymentId)
      .execute();
    return next;
  });
}

export async function getDeployment(db: Db, deploymentId: number): Promise<DeploymentRecord | undefined> {
  const row = await db.kysely.selectFrom("deployments").selectAll().where("deployment_id", "=", deploymentId).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

type Neighbour = Pick<DeploymentRecord, "repoId" | "deploymentId" | "succeededAt">;

/**
 * The successful production deployment of the repo that succeeded last before `deployment` did
 * (equal times are ordered by key, so two deployments are never each other's predecessor).
 */
export function previousSuccessfulDeployment(db: Db, deployment: Neighbour): Promise<DeploymentRecord | undefined> {
  return neighbourDeployment(db, deployment, "before");
}

/** The successful production deployment of the repo that succeeded first after `deployment` did. */
export function nextSuccessfulDeployment(db: Db, deployment: Neighbour): Promise<DeploymentRecord | undefined> {
  return neighbourDeployment(db, deployment, "after");
}

/** The nearest successful production deployment on one side of `deployment`, by success time then key. */
async function neighbourDeployment(db: Db, deployment: Neighbour, side: "before" | "after"): Promise<DeploymentRecord | undefined> {
  const at = deployment.succeededAt;
  if (at === null) return undefined;
  const beyond = side === "before" ? "<" : ">";
  const order = side === "before" ? "desc" : "asc";
  const row = await db.kysely
    .selectFrom("deployments")
    .selectAll()
    .where("repo_id", "=", deployment.repoId)
    .where("production", "=", 1)
    .where((eb) => eb.or([eb("succeeded_at", beyond, at), eb.and([eb("succeeded_at", "=", at), eb("deployment_id", beyond, deployment.deploymentId)])]))
    .orderBy("succeeded_at", order)
    .orderBy("deployment_id", order)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/**
 * Stores the commits a deployment added over `linkedAfter` (its predecessor then; null: none),
 * replacing those of an earlier comparison, and marks the deployment linked.
 */
export async function saveDeploymentCommits(db: Db, params: { repoId: number; deploymentId: number; linkedAfter: number | null; shas: readonly string[] }): Promise<void> {
  const shas = [...new Set(params.shas)];
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom("deployment_commits").where("deployment_id", "=", params.deploymentId).execute();
    // Chunks keep the insert under SQLite's bound-parameter limit.
    for (let i = 0; i < shas.length; i += 300) {
      const rows = shas.slice(i, i + 300).map((sha) => ({ deployment_id: params.deploymentId, repo_id: params.repoId, sha }));
      await trx.insertInto("deployment_commits").values(rows).execute();
    }
    await trx.updateTable("deployments").set({ prs_marked: 1, linked_after: params.linkedAfter }).where("deployment_id", "=", params.deploymentId).execute();
  });
}

/** The commits stored for a deployment by its last comparison. */
export async function listDeploymentCommits(db: Db, deploymentId: number): Promise<string[]> {
  const rows = await db.kysely.selectFrom("deployment_commits").select("sha").where("deployment_id", "=", deploymentId).execute();
  return rows.map((row) => row.sha);
}

/**
 * When the earliest successful production deployment of the repo whose stored commits hold `sha`
 * succeeded; null when none does (yet).
 */
export async function earliestDeploymentOf(db: Db, params: { repoId: number; sha: string }): Promise<number | null> {
  const row = await db.kysely
    .selectFrom("deployment_commits as c")
    .innerJoin("deployments as d", "d.deployment_id", "c.deployment_id")
    .select((eb) => eb.fn.min<number>("d.succeeded_at").as("at"))
    .where("c.repo_id", "=", params.repoId)
    .where("c.sha", "=", params.sha)
    .where("d.production", "=", 1)
    .where("d.succeeded_at", "is not", null)
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

/** Successful production deployments of the repo that succeeded from `since` on, by success time. */
export async function listSuccessfulDeployments(db: Db, params: { repoId: number; since: number }): Promise<DeploymentRecord[]> {
  const rows = await db.kysely
    .selectFrom("deployments")
    .selectAll()
    .where("repo_id", "=", params.repoId)
    .where("production", "=", 1)
    .where("succeeded_at", ">=", params.since)
    .orderBy("succeeded_at")
    .orderBy("deployment_id")
    .execute();
  return rows.map(fromRow);
}

/** Production deployments of the repos created in [from, to), oldest first. */
export async function listProductionDeployments(db: Db, params: { repoIds: readonly number[]; from: number; to: number }): Promise<DeploymentRecord[]> {
  if (params.repoIds.length === 0) return [];
  const rows = await db.kysely
    .selectFrom("deployments")
    .selectAll()
    .where("repo_id", "in", params.repoIds)
    .where("production", "=", 1)
    .where("created_at", ">=", params.from)
    .where("created_at", "<", params.to)
    .orderBy("created_at")
    .execute();
  return rows.map(fromRow);
}

/**
 * Per repo, when its first successful production deployment was created: PRs merged before it
 * are left out of deploy time (ADR 0040). Repos without one are absent.
 */
export async function productionSince(db: Db, repoIds: readonly number[]): Promise<Map<number, number>> {
  if (repoIds.length === 0) return new Map();
  const rows = await db.kysely
    .selectFrom("deployments")
    .select(["repo_id", (eb) => eb.fn.min<number>("created_at").as("since")])
    .where("repo_id", "in", repoIds)
    .where("production", "=", 1)
    .where("succeeded_at", "is not", null)
    .groupBy("repo_id")
    .execute();
  return new Map(rows.map((row) => [Number(row.repo_id), Number(row.since)]));
}

function fromRow(row: DeploymentsTable): DeploymentRecord {
  return {
    repoId: Number(row.repo_id),
    deploymentId: Number(row.deployment_id),
    environment: row.environment,
    production: row.production === 1,
    sha: row.sha,
    ref: row.ref,
    createdAt: row.created_at,
    status: row.status,
    statusAt: row.status_at,
    succeededAt: row.succeeded_at,
    failedAt: row.failed_at,
    prsMarked: row.prs_marked === 1,
    source: (DEPLOYMENT_SOURCES as readonly string[]).includes(row.source) ? (row.source as DeploymentSource) : "github_deployments",
    linkedAfter: row.linked_after === null ? null : Number(row.linked_after),
  };
}

function earliest(a: number | null, b: number): number {
  return a === null ? b : Math.min(a, b);
}
