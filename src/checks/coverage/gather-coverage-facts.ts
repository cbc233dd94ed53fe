import { hasLineData, type CoverageFacts, type RunsFacts } from "../../coverage/judge-coverage.js";
import type { Caches } from "../../gather/caches.js";
import type { PullRequestData } from "../../gather/pull-request-data.js";
import { commitsWithCoverage, listCoverageRuns, loadCoverage, loadFileTotals, repoKey } from "../../store/coverage.js";
import type { Db } from "../../store/db.js";
import type { Config } from "../../config/schema.js";
import type { PullRequestFacts } from "../../model/pull-request-facts.js";

/**
 * Gathers what the coverage rule needs, cheapest first: the store says whether the head has a
 * report or runs at all (no GitHub request); only then the PR's files and, when the base commit
 * itself has no report, one page of its ancestors.
 */
export async function gatherCoverageFacts(params: { pr: PullRequestFacts; config: Config; data: PullRequestData; db: Db; caches: Pick<Caches, "coverageReports"> }): Promise<CoverageFacts | null> {
  const { pr, config, data, db } = params;
  const repo = repoKey(pr.repo.owner, pr.repo.name);
  const runRows = await listCoverageRuns(db, { repo, sha: pr.headSha });
  const head = await loadCoverage(db, { repo, sha: pr.headSha, recent: params.caches.coverageReports });
  if (!head && runRows.length === 0) return null;
  const latest = runRows[runRows.length - 1];
  const runs: RunsFacts = {
    pending: latest?.others_pending ?? 0,
    withoutArtifact: runRows.filter((run) => run.outcome === "no-artifact").map((run) => run.run_name),
    errors: runRows.filter((run) => run.outcome === "error" && run.detail).flatMap((run) => (run.detail ?? "").split("\n")),
  };
  const facts: CoverageFacts = { headSha: pr.headSha, runs, head: head?.files ?? null, headFormats: head?.formats ?? [], base: null, prFiles: [], config: config.coverage };
  // Waiting, no report, or a report without line data: judged without the PR's files or a base.
  if (runs.pending > 0 || !head || !hasLineData(head.files)) return facts;
  facts.prFiles = await data.files();
  facts.base = await findBase({ db, data, repo, pr });
  return facts;
}

async function findBase(params: { db: Db; data: PullRequestData; repo: string; pr: PullRequestFacts }): Promise<CoverageFacts["base"]> {
  const { db, data, repo, pr } = params;
  if ((await commitsWithCoverage(db, { repo, shas: [pr.baseSha] })).size > 0) {
    return { sha: pr.baseSha, how: "base-sha", files: await loadFileTotals(db, { repo, sha: pr.baseSha }) };
  }
  const ancestors = (await data.ancestors(pr.baseSha)).filter((sha) => sha !== pr.headSha);
  const withCoverage = await commitsWithCoverage(db, { repo, shas: ancestors });
  const sha = ancestors.find((candidate) => withCoverage.has(candidate));
  return sha ? { sha, how: "ancestor", files: await loadFileTotals(db, { repo, sha }) } : null;
}
