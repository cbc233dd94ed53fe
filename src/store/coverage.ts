import { LineHits } from "../model/line-hits.js";
import { decodeBranches, decodeRanges, encodeBranches, encodeRanges } from "./line-ranges.js";
import type { CoverageReport, FileCoverage, ReportFormat, StoredCoverage, Totals } from "../model/coverage-report.js";
import type { BoundedCache } from "../lib/bounded-cache.js";
import type { Db } from "./db.js";
import type { CoverageRunsTable } from "./tables.js";

/** Rows written per statement: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/** Repos are keyed by lowercase "owner/repo": GitHub names are case-insensitive. */
export function repoKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

/**
 * Replaces what is stored for (repo, sha) with what `merge` makes of it (the caller decides how
 * reports add up: `mergeForStorage`), and refreshes the commit's totals. Serialised per commit, so
 * two uploads of one commit never lose each other's files.
 */
export async function saveCoverageReport(db: Db, params: { repo: string; sha: string; branch: string | null; merge: (existing: CoverageReport | null) => StoredCoverage; now: number; recent?: RecentReports }): Promise<Totals> {
  const { repo, sha } = params;
  return db.withLock(`coverage:${repo}:${sha}`, async () => {
    const existing = await loadCoverage(db, { repo, sha, fresh: true });
    const stored = params.merge(existing);
    const merged = stored.report;
    const rows = stored.files.map(({ file, totals }) => fileRow({ repo, sha, file, totals }));
    const totals = stored.totals;
    await db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom("coverage_files").where("repo", "=", repo).where("sha", "=", sha).execute();
      for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto("coverage_files").values(rows.slice(i, i + CHUNK)).execute();
      const commit = {
        repo,
        sha,
        branch: params.branch,
        lines_total: totals.linesTotal,
        lines_covered: totals.linesCovered,
        branches_total: totals.branchesTotal,
        branches_covered: totals.branchesCovered,
        files: rows.length,
        formats: JSON.stringify(merged.formats),
        updated_at: params.now,
      };
      params.recent?.delete(`${repo}@${sha}`);
      await trx
        .insertInto("coverage_commits")
        .values(commit)
        .onConflict((oc) =>
          // An upload without a branch keeps the branch an earlier report named.
          oc.columns(["repo", "sha"]).doUpdateSet(params.branch === null ? { ...commit, branch: (eb) => eb.ref("coverage_commits.branch") } : commit),
        )
        .execute();
    });
    params.recent?.set(`${repo}@${sha}`, { updatedAt: params.now, report: merged });
    return totals;
  });
}

function fileRow(params: { repo: string; sha: string; file: FileCoverage; totals: Totals }) {
  const { repo, sha, file, totals } = params;
  return {
    repo,
    sha,
    path: file.path,
    lines_total: totals.linesTotal,
    lines_covered: totals.linesCovered,
    branches_total: totals.branchesTotal,
    branches_covered: totals.branchesCovered,
    covered: encodeRanges(file.hits, true),
    uncovered: encodeRanges(file.hits, false),
    branches: encodeBranches(file.lineBranches),
    lines_partial: totals.linesPartial,
  };
}

// The report this process stored last is usually judged right after (workflow_run -> check): it
// is kept (`AppDeps.caches.coverageReports`, keyed `repo@sha`), with its row's updated_at, so
// judging does not decode it back from the rows. Callers must not modify what loadCoverage
// returns unless they ask for `fresh`.
type RecentReports = BoundedCache<{ updatedAt: number; report: CoverageReport }>;

/** The merged report of a commit with its line data, or null when none was received. */
export async function loadCoverage(db: Db, params: { repo: string; sha: string; fresh?: boolean; recent?: RecentReports }): Promise<CoverageReport | null> {
  const commit = await db.kysely.selectFrom("coverage_commits").select(["formats", "updated_at"]).where("repo", "=", params.repo).where("sha", "=", params.sha).executeTakeFirst();
  if (!commit) return null;
  const cached = params.recent?.get(`${params.repo}@${params.sha}`);
  if (!params.fresh && cached && cached.updatedAt === Number(commit.updated_at)) return cached.report;
  const rows = await db.kysely.selectFrom("coverage_files").selectAll().where("repo", "=", params.repo).where("sha", "=", params.sha).execute();
  const files = new Map<string, FileCoverage>();
  for (const row of rows) {
    const hits = new LineHits();
    decodeRanges(row.covered, hits, 1);
    decodeRanges(row.uncovered, hits, 0);
    const file: FileCoverage = { path: row.path, hits, branchesTotal: Number(row.branches_total), branchesCovered: Number(row.branches_covered) };
    const lineBranches = decodeBranches(row.branches);
    if (lineBranches) file.lineBranches = lineBranches;
    // Summary-only files (Istanbul's summary JSON) have totals but no line data.
    if (hits.size === 0 && row.lines_total > 0) file.summary = { linesTotal: Number(row.lines_total), linesCovered: Number(row.lines_covered) };
    files.set(row.path, file);
  }
  return { files, formats: JSON.parse(commit.formats) as ReportFormat[] };
}

/** Per-file totals of a commit (enough for the project figure, with `ignore` applied later). */
export async function loadFileTotals(db: Db, params: { repo: string; sha: string }): Promise<Map<string, Totals>> {
  const rows = await db.kysely
    .selectFrom("coverage_files")
    .select(["path", "lines_total", "lines_covered", "lines_partial", "branches_total", "branches_covered"])
    .where("repo", "=", params.repo)
    .where("sha", "=", params.sha)
    .execute();
  return new Map(rows.map((row) => [row.path, { linesTotal: Number(row.lines_total), linesCovered: Number(row.lines_covered), linesPartial: Number(row.lines_partial), branchesTotal: Number(row.branches_total), branchesCovered: Number(row.branches_covered) }]));
}

/** Which of `shas` have a stored report. */
export async function commitsWithCoverage(db: Db, params: { repo: string; shas: readonly string[] }): Promise<Set<string>> {
  if (params.shas.length === 0) return new Set();
  const rows = await db.kysely.selectFrom("coverage_commits").select("sha").where("repo", "=", params.repo).where("sha", "in", [...params.shas]).execute();
  return new Set(rows.map((row) => row.sha));
}

/** Records what a finished workflow run contributed (idempotent per run). */
export async function recordCoverageRun(db: Db, row: CoverageRunsTable): Promise<void> {
  await db.kysely
    .insertInto("coverage_runs")
    .values(row)
    .onConflict((oc) => oc.columns(["repo", "sha", "run_id"]).doUpdateSet({ outcome: row.outcome, detail: row.detail, others_pending: row.others_pending, completed_at: row.completed_at, run_name: row.run_name }))
    .execute();
}

/** The finished runs of a commit, oldest first. */
export async function listCoverageRuns(db: Db, params: { repo: string; sha: string }): Promise<CoverageRunsTable[]> {
  const rows = await db.kysely.selectFrom("coverage_runs").selectAll().where("repo", "=", params.repo).where("sha", "=", params.sha).orderBy("completed_at").orderBy("run_id").execute();
  return rows.map((row) => ({ ...row, run_id: Number(row.run_id), completed_at: Number(row.completed_at) }));
}
