import type { Db } from "../../src/store/db.js";
import { recordRepository } from "../../src/store/metric-repos.js";
import { deploymentKey } from "../../src/model/deployment-source.js";
import type { DeploymentsTable, IncidentsTable, PullRequestOutcomesTable, PullRequestRevertsTable, PullRequestsTable } from "../../src/store/tables.js";

const H = 3_600_000;
const D = 24 * H;

export interface SeedMetricsOptions {
  /** How many merged PRs (spread evenly over `days` before `end`). */
  prs: number;
  repoId?: number;
  owner?: string;
  name?: string;
  /** Epoch ms the history ends at. */
  end?: number;
  days?: number;
  /** PRNG seed: the same seed gives the same rows. */
  seed?: number;
  /** Every third day's deployment comes from a "Deploy" workflow's run instead of GitHub Deployments. */
  mixedSources?: boolean;
  /** Every n-th PR reverts the PR before it (a change failure of the deployment that shipped it). */
  revertEvery?: number;
}

/**
 * Fills the store with `prs` synthetic merged PRs (5 % by bots, hygiene outcomes mixed), a
 * production deployment a day that ships the PRs merged since the previous one (1 in 10 failed)
 * and an incident a week, in bulk inserts: 100,000 PRs take seconds. For query tests and the
 * benchmark's 100,000-PR report figure.
 */
export async function seedMetrics(db: Db, options: SeedMetricsOptions): Promise<{ from: number; to: number; repoId: number }> {
  const { prs, repoId = 1, owner = "acme", name = "shop", end = Date.parse("2024-06-03T00:00:00Z"), days = 365, seed = 42, mixedSources = false, revertEvery } = options;
  const random = mulberry32(seed);
  const start = end - days * D;
  await recordRepository(db, { repoId, owner, name, at: start });

  const deployments: DeploymentsTable[] = [];
  for (let day = 0; day < days; day++) {
    const createdAt = start + day * D + 17 * H;
    const fails = random() < 0.1;
    const fromWorkflow = mixedSources && day % 3 === 2;
    const id = repoId * 1_000_000 + day;
    deployments.push({
      deployment_id: fromWorkflow ? deploymentKey("workflow_runs", id) : id, repo_id: repoId, environment: "production", production: 1, sha: `d${repoId}-${day}`, ref: "main", created_at: createdAt,
      status: fails ? "failure" : "success", status_at: createdAt + 600_000, succeeded_at: fails ? null : createdAt + 600_000, failed_at: fails ? createdAt + 600_000 : null, prs_marked: 1, source: fromWorkflow ? "workflow_runs" : "github_deployments", linked_after: null,
    });
  }
  const successes = deployments.filter((d) => d.succeeded_at !== null);
  const outcomes = ["success", "success", "success", "failure", "skipped", null];
  const rows: PullRequestsTable[] = [];
  const outcomeRows: PullRequestOutcomesTable[] = [];
  for (let i = 0; i < prs; i++) {
    const mergedAt = start + Math.floor(((i + random()) / prs) * days * D);
    const review = mergedAt - Math.floor(random() * 30 * H);
    const ready = review - Math.floor(random() * 20 * H);
    const opened = ready - (random() < 0.2 ? Math.floor(random() * 10 * H) : 0);
    const deployment = successes.find((d) => d.created_at >= mergedAt);
    const pick = () => outcomes[Math.floor(random() * outcomes.length)] ?? null;
    rows.push({
      repo_id: repoId, number: i + 1, author: `dev${i % 40}`, author_is_bot: random() < 0.05 ? 1 : 0, title: `Change ${i + 1}`, draft: 0, head_sha: `h${i}`, base_ref: "main",
      merge_commit_sha: `m${repoId}-${i}`, first_commit_at: opened - Math.floor(random() * 48 * H), first_commit_fetched: 1, opened_at: opened, ready_at: ready,
      first_review_at: random() < 0.9 ? review : null, first_approval_at: review, merged_at: mergedAt, closed_at: mergedAt,
      deployed_at: deployment?.succeeded_at ?? null, additions: Math.floor(random() * 400), deletions: Math.floor(random() * 100), changed_files: 1 + Math.floor(random() * 20),
      snapshot_at: mergedAt,
    });
    // Drawn in the order the columns once were, so a seed gives the same history as before.
    for (const check of ["ticket", "adr", "coverage"]) {
      const outcome = pick();
      if (outcome !== null) outcomeRows.push({ repo_id: repoId, number: i + 1, check_key: check, outcome });
    }
  }
  const reverts: PullRequestRevertsTable[] = [];
  if (revertEvery) for (let n = revertEvery; n <= prs; n += revertEvery) reverts.push({ repo_id: repoId, number: n, target_number: n - 1, target_sha: null });
  const incidents: IncidentsTable[] = [];
  for (let week = 0; week < days / 7; week++) {
    const openedAt = start + week * 7 * D + 20 * H;
    incidents.push({ repo_id: repoId, number: 1_000_000 + week, title: "Outage", opened_at: openedAt, closed_at: openedAt + Math.floor(random() * 10 * H), snapshot_at: openedAt, labelled: 1, gone_at: null });
  }
  await insertChunked(db, "pull_requests", rows);
  await insertChunked(db, "pull_request_outcomes", outcomeRows);
  await insertChunked(db, "deployments", deployments);
  await insertChunked(db, "incidents", incidents);
  await insertChunked(db, "pull_request_reverts", reverts);
  return { from: start, to: end, repoId };
}

type SeededTable = "pull_requests" | "pull_request_outcomes" | "deployments" | "incidents" | "pull_request_reverts";

async function insertChunked(db: Db, table: SeededTable, rows: Array<PullRequestsTable | PullRequestOutcomesTable | DeploymentsTable | IncidentsTable | PullRequestRevertsTable>): Promise<void> {
  // 1,000 rows x 26 columns stays under both databases' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 1000) {
    await db.kysely.insertInto(table).values(rows.slice(i, i + 1000) as never).execute();
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
