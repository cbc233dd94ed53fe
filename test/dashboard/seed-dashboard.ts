import type { Db } from "../../src/store/db.js";
import { recordRepository } from "../../src/store/metric-repos.js";
import type { DeploymentsTable, PullRequestOutcomesTable, PullRequestsTable } from "../../src/store/tables.js";

export const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** "Now" of the seeded history: Monday 3 June 2024, 10:00 UTC. */
export const SEEDED_NOW = "2024-06-03T10:00:00Z";

/**
 * A small history with hand-computed figures (docs in each row): acme/api deploys to production,
 * acme/web never does. Weekly medians of acme/api: week of 20 May coding 8h, pickup 5.5h, review
 * 3.5h, deploy 3h (2 PRs); week of 27 May coding 4h, pickup 1h, review 1h, deploy 1h (1 PR).
 */
export async function seedDashboard(db: Db): Promise<void> {
  await recordRepository(db, { repoId: 1, owner: "acme", name: "api", at: at("2024-01-01T00:00:00Z") });
  await recordRepository(db, { repoId: 2, owner: "acme", name: "web", at: at("2024-01-01T00:00:00Z") });
  const prs: SeedRow[] = [
    // coding 10h, pickup 3h, review 5h, deploy 2h: 60 lines (S); ticket and coverage pass.
    pr({ repo_id: 1, number: 1, first_commit_at: at("2024-05-20T00:00:00Z"), opened_at: at("2024-05-20T10:00:00Z"), first_review_at: at("2024-05-20T13:00:00Z"), merged_at: at("2024-05-20T18:00:00Z"), deployed_at: at("2024-05-20T20:00:00Z"), additions: 50, deletions: 10, ticket_outcome: "success", coverage_outcome: "success" }),
    // coding 6h, pickup 8h, review 2h, deploy 4h: 520 lines (L); ticket and coverage fail.
    pr({ repo_id: 1, number: 2, first_commit_at: at("2024-05-21T00:00:00Z"), opened_at: at("2024-05-21T06:00:00Z"), first_review_at: at("2024-05-21T14:00:00Z"), merged_at: at("2024-05-21T16:00:00Z"), deployed_at: at("2024-05-21T20:00:00Z"), additions: 500, deletions: 20, ticket_outcome: "failure", coverage_outcome: "failure" }),
    // coding 4h, pickup 1h, review 1h, deploy 1h: 6 lines (XS); ticket passes, coverage exempt.
    pr({ repo_id: 1, number: 3, first_commit_at: at("2024-05-27T00:00:00Z"), opened_at: at("2024-05-27T04:00:00Z"), first_review_at: at("2024-05-27T05:00:00Z"), merged_at: at("2024-05-27T06:00:00Z"), deployed_at: at("2024-05-27T07:00:00Z"), additions: 5, deletions: 1, ticket_outcome: "success", coverage_outcome: "skipped" }),
    // acme/web, no production deployments: cycle ends at merge (9h).
    pr({ repo_id: 2, number: 1, first_commit_at: at("2024-04-29T00:00:00Z"), opened_at: at("2024-04-29T02:00:00Z"), first_review_at: at("2024-04-29T03:00:00Z"), merged_at: at("2024-04-29T09:00:00Z"), additions: 120, deletions: 30 }),
    // Waiting for review since 1 June 10:00 (48h at SEEDED_NOW).
    pr({ repo_id: 1, number: 5, title: "Retry payment webhooks", first_commit_at: at("2024-06-01T08:00:00Z"), opened_at: at("2024-06-01T10:00:00Z") }),
    // Not waiting: a draft, and a bot's PR.
    pr({ repo_id: 1, number: 6, draft: 1, opened_at: at("2024-05-30T10:00:00Z"), ready_at: null }),
    pr({ repo_id: 1, number: 7, author: "renovate[bot]", author_is_bot: 1, opened_at: at("2024-05-29T10:00:00Z") }),
  ];
  const deployments: DeploymentsTable[] = [
    deployment(1, at("2024-05-01T12:00:00Z"), "success"),
    deployment(2, at("2024-05-20T19:50:00Z"), "success"),
    deployment(3, at("2024-05-21T19:50:00Z"), "success"),
    deployment(4, at("2024-05-27T06:50:00Z"), "success"),
    deployment(5, at("2024-05-28T12:00:00Z"), "failure"),
  ];
  await db.kysely.insertInto("pull_requests").values(prs.map(({ ticket_outcome: _t, adr_outcome: _a, coverage_outcome: _c, ...row }) => row)).execute();
  const outcomes: PullRequestOutcomesTable[] = prs.flatMap((row) =>
    (["ticket", "adr", "coverage"] as const).flatMap((check) => {
      const outcome = row[`${check}_outcome`];
      return outcome ? [{ repo_id: row.repo_id, number: row.number, check_key: check, outcome }] : [];
    }),
  );
  await db.kysely.insertInto("pull_request_outcomes").values(outcomes).execute();
  await db.kysely.insertInto("deployments").values(deployments).execute();
}

/**
 * What a Monday finds besides: acme/api#8 has waited for review since 1 March with no activity
 * since (stale at a 30-day cut-off), and acme/web's backfill failed on a 404.
 */
export async function seedStaleAndFailed(db: Db): Promise<void> {
  const { ticket_outcome: _t, adr_outcome: _a, coverage_outcome: _c, ...stale } = pr({ repo_id: 1, number: 8, title: "Abandoned idea", opened_at: at("2024-03-01T10:00:00Z") });
  await db.kysely.insertInto("pull_requests").values(stale).execute();
  await db.kysely
    .insertInto("backfill_jobs")
    .values({
      repo_id: 2, owner: "acme", repo: "web", installation_id: 7, state: "failed", phase: "deployments", cursor: null, since: at("2024-03-01T00:00:00Z"), days: 90, total: 40,
      done: 40, deployments: 0, incidents: 0, requests: 12, attempts: 5, started_at: at("2024-06-02T08:00:00Z"), updated_at: at("2024-06-02T08:05:00Z"), finished_at: at("2024-06-02T08:05:00Z"),
      waiting_until: null, locked_by: null, locked_until: null, last_error: "GitHub answered 404 for deployments of acme/web",
    })
    .execute();
}

/**
 * A second owner: globex/shop deploys to production, merged two PRs in May (cycle 6h and 12h)
 * and has one PR waiting for review since 2 June 09:00.
 */
export async function seedSecondOwner(db: Db): Promise<void> {
  await recordRepository(db, { repoId: 3, owner: "globex", name: "shop", at: at("2024-01-01T00:00:00Z") });
  const prs = [
    pr({ repo_id: 3, number: 1, first_commit_at: at("2024-05-22T00:00:00Z"), opened_at: at("2024-05-22T01:00:00Z"), first_review_at: at("2024-05-22T02:00:00Z"), merged_at: at("2024-05-22T05:00:00Z"), deployed_at: at("2024-05-22T06:00:00Z"), additions: 10, deletions: 2 }),
    pr({ repo_id: 3, number: 2, first_commit_at: at("2024-05-28T00:00:00Z"), opened_at: at("2024-05-28T03:00:00Z"), first_review_at: at("2024-05-28T05:00:00Z"), merged_at: at("2024-05-28T10:00:00Z"), deployed_at: at("2024-05-28T12:00:00Z"), additions: 300, deletions: 40 }),
    pr({ repo_id: 3, number: 3, title: "Globex checkout redesign", first_commit_at: at("2024-06-02T08:00:00Z"), opened_at: at("2024-06-02T09:00:00Z") }),
  ];
  await db.kysely.insertInto("pull_requests").values(prs.map(({ ticket_outcome: _t, adr_outcome: _a, coverage_outcome: _c, ...row }) => row)).execute();
  await db.kysely.insertInto("deployments").values([deployment(31, at("2024-05-22T05:50:00Z"), "success", 3), deployment(32, at("2024-05-28T11:50:00Z"), "failure", 3)]).execute();
}

/** A PR row with the outcomes of its checks, stored as rows of their own. */
type SeedRow = PullRequestsTable & Record<"ticket_outcome" | "adr_outcome" | "coverage_outcome", string | null>;

function pr(fields: Partial<SeedRow> & Pick<SeedRow, "repo_id" | "number">): SeedRow {
  const opened = fields.opened_at ?? null;
  return {
    author: "octocat", author_is_bot: 0, title: `Change ${fields.number}`, draft: 0, head_sha: `h${fields.number}`, base_ref: "main", merge_commit_sha: null,
    first_commit_at: null, first_commit_fetched: 1, opened_at: opened, ready_at: opened, first_review_at: null, first_approval_at: null, merged_at: null,
    closed_at: fields.merged_at ?? null, deployed_at: null, additions: null, deletions: null, changed_files: 1, ticket_outcome: null, adr_outcome: null,
    coverage_outcome: null, snapshot_at: opened, ...fields,
  };
}

function deployment(id: number, createdAt: number, status: "success" | "failure", repoId = 1): DeploymentsTable {
  const done = createdAt + 600_000;
  return {
    deployment_id: id, repo_id: repoId, environment: "production", production: 1, sha: `d${id}`, ref: "main", created_at: createdAt, status, status_at: done,
    succeeded_at: status === "success" ? done : null, failed_at: status === "failure" ? done : null, prs_marked: 1, source: "github_deployments", linked_after: null,
  };
}
