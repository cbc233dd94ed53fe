import { bucketStart } from "../metrics/bucket.js";
import { phaseDurations } from "../metrics/definitions.js";
import type { DoraKeys } from "../metrics/dora.js";
import type { Db } from "../store/db.js";
import { countWaitingForReview, listKnownRepositories, listMergedFacts, listWaitingForReview, type MergedFactsRow } from "../store/dashboard.js";
import { listRepositoryFreshness, type RepositoryFreshness } from "../store/dashboard-freshness.js";
import { productionSince } from "../store/deployments.js";
import { doraReport } from "../metrics/dora-report.js";
import { listDoraFacts } from "../store/dora-facts.js";
import { findOrganisationRepositories, findRepositoryId } from "../store/metric-repos.js";
import { canSeeOwner, canSeeRepo, visibleRepos, type ViewerScope } from "../auth/viewer-scope.js";
import type { TeamScope } from "../store/team-scope.js";
import { listTeams, teamRepositoryIds, type StoredTeam } from "../store/teams.js";
import { attentionOf, byAttention } from "./attention.js";
import type { BackfillStatus, DoraFigure, FiguresSource, Freshness, OverviewRow, PullListItem, Scope, ScopeSummary } from "./figures.js";
import { hygieneFigures, linesChanged, medians, sizeBuckets, sizeLabel, type MergedPullRequest } from "./figures-from-rows.js";
import { isoDate } from "./format.js";
import { storedPullRequestUrl } from "../lib/pull-request-url.js";

const WAITING_SHOWN = 10;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const SPARKLINE_WEEKS = 12;

/**
 * The dashboard's figures from the metrics store: the metric definitions (`phaseDurations`,
 * `bucketStart`, `percentile`) over one narrow read of the merged PRs, and the DORA report.
 * `reviewActiveDays`: PRs waiting for review are listed only when active within it (ADR 0055).
 */
export function storeFiguresSource(db: Db, options: { reviewActiveDays?: number } = {}): FiguresSource {
  const activeSince = (now: Date) => now.getTime() - (options.reviewActiveDays ?? 30) * DAY;
  return {
    async summaries({ range, viewer }) {
      const repos = visibleRepos(viewer, await listKnownRepositories(db));
      const repoIds = repos.map((r) => r.repoId);
      const span = range.to.getTime() - range.from.getTime();
      const nameOf = namesOf(repos);
      const [now, before] = await Promise.all([
        mergedPullRequests(db, { repoIds, from: range.from.getTime(), to: range.to.getTime(), nameOf }),
        mergedPullRequests(db, { repoIds, from: range.from.getTime() - span, to: range.from.getTime(), nameOf }),
      ]);
      return summarise({ now, before, nameOf });
    },

    async figures({ scope, range, now, viewer }) {
      const [{ repoIds, team }, repos] = await Promise.all([resolveScope(db, scope, viewer), listKnownRepositories(db)]);
      const nameOf = namesOf(repos);
      const from = range.from.getTime();
      const to = range.to.getTime();
      const span = to - from;
      const since = activeSince(now);
      // A team's PRs are narrowed to the team; its DORA keys, waiting PRs and freshness are those of the repositories it works in (ADR 0064).
      const [workedIn, workedInBefore] = team
        ? await Promise.all([teamRepositoryIds(db, { repoIds, from, to, team }), teamRepositoryIds(db, { repoIds, from: from - span, to: from, team })])
        : [repoIds, repoIds];
      const [merged, dora, doraBefore, waiting, waitingCounts, freshness, teams] = await Promise.all([
        mergedPullRequests(db, { repoIds, from, to, nameOf, team }),
        listDoraFacts(db, { repoIds: workedIn, from, to }).then((facts) => doraReport(facts, { from, to })),
        listDoraFacts(db, { repoIds: workedInBefore, from: from - span, to: from }).then((facts) => doraReport(facts, { from: from - span, to: from })),
        listWaitingForReview(db, { repoIds: workedIn, limit: WAITING_SHOWN, activeSince: since }),
        countWaitingForReview(db, { repoIds: workedIn, activeSince: since }),
        listRepositoryFreshness(db, workedIn),
        scope.repo || scope.team !== undefined ? [] : listTeams(db, scope.owner).then((all) => all.map((t) => t.name)),
      ]);
      // Every week of the range gets a bar, an empty one too: a quiet week is a fact, not a gap.
      const byWeek = new Map<number, MergedPullRequest[]>();
      for (let week = bucketStart(from, "week"); week < to; week += WEEK) byWeek.set(week, []);
      for (const pr of merged) {
        const week = bucketStart(pr.mergedAt, "week");
        const prs = byWeek.get(week);
        if (prs) prs.push(pr);
        else byWeek.set(week, [pr]);
      }
      return {
        scope: team ? { ...scope, team: team.name } : scope,
        known: repoIds.length > 0 && (scope.team === undefined || team !== undefined),
        range,
        total: medians(merged, isoDate(range.from)),
        weeks: [...byWeek.entries()].sort(([a], [b]) => a - b).map(([week, prs]) => medians(prs, isoDate(new Date(week)))),
        dora: doraFigures(dora, doraBefore),
        sizes: sizeBuckets(merged),
        waiting: waiting.map((w) => ({ repo: w.repo, number: w.number, title: w.title, author: w.author, readyAt: new Date(w.readyAt).toISOString(), url: w.url })),
        waitingStale: [...waitingCounts.values()].reduce((sum, c) => sum + c.stale, 0),
        hygiene: hygieneFigures(merged),
        freshness: freshnessOf(freshness, merged, nameOf),
        teams,
      };
    },

    async overview({ range, now, viewer }) {
      const repos = visibleRepos(viewer, await listKnownRepositories(db));
      const repoIds = repos.map((r) => r.repoId);
      const nameOf = namesOf(repos);
      const from = range.from.getTime();
      const to = range.to.getTime();
      const span = to - from;
      const sparkFrom = bucketStart(to - 1, "week") - (SPARKLINE_WEEKS - 1) * WEEK;
      const [merged, waiting, freshness, dora] = await Promise.all([
        mergedPullRequests(db, { repoIds, from: Math.min(from - span, sparkFrom), to, nameOf }),
        countWaitingForReview(db, { repoIds, activeSince: activeSince(now) }),
        listRepositoryFreshness(db, repoIds),
        Promise.all(
          repoIds.map(async (repoId) => {
            const [nowFacts, beforeFacts] = await Promise.all([listDoraFacts(db, { repoIds: [repoId], from, to }), listDoraFacts(db, { repoIds: [repoId], from: from - span, to: from })]);
            return doraFigures(doraReport(nowFacts, { from, to }), doraReport(beforeFacts, { from: from - span, to: from }));
          }),
        ),
      ]);
      const freshnessOfRepo = new Map(freshness.map((f) => [f.repoId, f]));
      const rows = repos.map((repo, i): OverviewRow => {
        const prs = merged.filter((pr) => pr.repoId === repo.repoId);
        const current = prs.filter((pr) => pr.mergedAt >= from);
        const before = prs.filter((pr) => pr.mergedAt >= from - span && pr.mergedAt < from);
        const sparkline = Array.from({ length: SPARKLINE_WEEKS }, (_, w) => {
          const start = sparkFrom + w * WEEK;
          const week = medians(prs.filter((pr) => pr.mergedAt >= start && pr.mergedAt < start + WEEK), isoDate(new Date(start)));
          return { week: week.week, cycle: week.cycle, count: week.count };
        });
        const fresh = freshnessOfRepo.get(repo.repoId);
        const row = {
          scope: { owner: repo.owner, repo: repo.name },
          count: current.length,
          cycleMedian: medians(current, "").cycle,
          previousCycleMedian: medians(before, "").cycle,
          sparkline,
          dora: dora[i] ?? [],
          waiting: waiting.get(repo.repoId) ?? { active: 0, stale: 0 },
          lastUpdatedAt: fresh?.lastUpdatedAt ? new Date(fresh.lastUpdatedAt).toISOString() : null,
          backfill: fresh ? backfillStatus(fresh, nameOf) : null,
        };
        return { ...row, ...attentionOf(row) };
      });
      return rows.sort(byAttention);
    },

    async pulls({ scope, range, viewer }) {
      const [{ repoIds, team }, repos] = await Promise.all([resolveScope(db, scope, viewer), listKnownRepositories(db)]);
      if (repoIds.length === 0 || (scope.team !== undefined && !team)) return null;
      const nameOf = namesOf(repos);
      const merged = await mergedPullRequests(db, { repoIds, from: range.from.getTime(), to: range.to.getTime(), nameOf, team });
      return merged.map((pr): PullListItem => {
        const lines = linesChanged(pr);
        return { repo: pr.repo, number: pr.number, url: pr.url ?? null, title: pr.title, author: pr.author, mergedAt: new Date(pr.mergedAt).toISOString(), phases: pr.phases, lines, size: sizeLabel(lines), hygiene: pr.hygiene };
      });
    },
  };
}

function backfillStatus(fresh: RepositoryFreshness, nameOf: NameOf): BackfillStatus | null {
  const job = fresh.backfill;
  if (!job) return null;
  return { repo: repoName(nameOf, fresh.repoId), state: job.state, phase: job.phase, done: job.done, total: job.total, updatedAt: new Date(job.updatedAt).toISOString(), lastError: job.lastError };
}

/** The newest fact of the scope's repositories, their unfinished or failed backfills, and the merged PRs still awaiting deployment. */
function freshnessOf(repos: RepositoryFreshness[], merged: Merged[], nameOf: NameOf): Freshness {
  const latest = Math.max(0, ...repos.map((r) => r.lastUpdatedAt ?? 0));
  return {
    lastUpdatedAt: latest > 0 ? new Date(latest).toISOString() : null,
    backfills: repos
      .map((r) => backfillStatus(r, nameOf))
      .filter((b): b is BackfillStatus => b !== null && b.state !== "done")
      .sort((a, b) => a.repo.localeCompare(b.repo)),
    merged: merged.length,
    awaitingDeployment: merged.filter((pr) => pr.awaitingDeployment).length,
  };
}

/**
 * The repositories of a scope the viewer may see, and for a team's scope the team as stored
 * (undefined: no such team). Outside the viewer's scope reads as never recorded (ADR 0076): no
 * repositories, no team, so the page is the unknown scope's 404.
 */
async function resolveScope(db: Db, scope: Scope, viewer: ViewerScope): Promise<{ repoIds: number[]; team?: StoredTeam | undefined }> {
  if (scope.repo) {
    const id = canSeeRepo(viewer, scope.owner, scope.repo) ? await findRepositoryId(db, { owner: scope.owner, name: scope.repo }) : undefined;
    return { repoIds: id === undefined ? [] : [id] };
  }
  if (!canSeeOwner(viewer, scope.owner)) return { repoIds: [] };
  const repoIds = visibleRepos(viewer, await findOrganisationRepositories(db, scope.owner)).map((r) => r.repoId);
  if (scope.team === undefined || repoIds.length === 0) return { repoIds };
  const name = scope.team.toLowerCase();
  return { repoIds, team: (await listTeams(db, scope.owner)).find((t) => t.name.toLowerCase() === name) };
}

type Merged = MergedPullRequest & { repoId: number };
type NameOf = Map<number, { owner: string; repo: string; htmlUrl?: string | null }>;

function namesOf(repos: Array<{ repoId: number; owner: string; name: string; htmlUrl: string | null }>): NameOf {
  return new Map(repos.map((r) => [r.repoId, { owner: r.owner, repo: r.name, htmlUrl: r.htmlUrl }]));
}

/** Merged PRs of the repos with their phases, as ADR 0040 defines them (deploy time per repo's first production deployment). */
async function mergedPullRequests(db: Db, params: { repoIds: number[]; from: number; to: number; nameOf: NameOf; team?: TeamScope | undefined }): Promise<Merged[]> {
  const [rows, since] = await Promise.all([listMergedFacts(db, params), productionSince(db, params.repoIds)]);
  return rows.map((row: MergedFactsRow) => {
    const deploysSince = since.get(row.repoId) ?? null;
    return {
      repoId: row.repoId,
      repo: repoName(params.nameOf, row.repoId),
      url: storedPullRequestUrl(params.nameOf.get(row.repoId)?.htmlUrl, row.number),
      number: row.number,
      author: row.author,
      title: row.title,
      mergedAt: row.mergedAt,
      awaitingDeployment: deploysSince !== null && row.mergedAt >= deploysSince && row.deployedAt === null,
      phases: phaseDurations(row, deploysSince),
      additions: row.additions,
      deletions: row.deletions,
      hygiene: row.hygiene,
    };
  });
}

function repoName(nameOf: NameOf, repoId: number): string {
  const name = nameOf.get(repoId);
  return name ? `${name.owner}/${name.repo}` : String(repoId);
}

/** The DORA report speaks seconds; the dashboard milliseconds. */
function ms(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds * 1000);
}

function doraFigures(now: DoraKeys, before: DoraKeys): DoraFigure[] {
  return [
    { key: "deployment_frequency", value: now.deployment_frequency.per_day, band: now.deployment_frequency.band, previous: before.deployment_frequency.per_day },
    { key: "lead_time", value: ms(now.lead_time.median_seconds), band: now.lead_time.band, previous: ms(before.lead_time.median_seconds) },
    { key: "change_failure_rate", value: now.change_failure_rate.rate, band: now.change_failure_rate.band, previous: before.change_failure_rate.rate },
    { key: "time_to_restore", value: ms(now.time_to_restore.median_seconds), band: now.time_to_restore.band, previous: ms(before.time_to_restore.median_seconds) },
    {
      key: "failed_deployment_recovery_time",
      value: ms(now.failed_deployment_recovery_time.median_seconds),
      band: now.failed_deployment_recovery_time.band,
      previous: ms(before.failed_deployment_recovery_time.median_seconds),
    },
  ];
}

/** One line per organisation and per repository with PRs merged in either window. */
function summarise(params: { now: Merged[]; before: Merged[]; nameOf: NameOf }): ScopeSummary[] {
  const groups = new Map<string, { scope: Scope; now: Merged[]; before: Merged[] }>();
  const add = (prs: Merged[], which: "now" | "before") => {
    for (const pr of prs) {
      const name = params.nameOf.get(pr.repoId);
      if (!name) continue;
      for (const scope of [{ owner: name.owner }, { owner: name.owner, repo: name.repo }] as Scope[]) {
        const key = scope.repo ? `${scope.owner}/${scope.repo}` : scope.owner;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { scope, now: [], before: [] }));
        group[which].push(pr);
      }
    }
  };
  add(params.now, "now");
  add(params.before, "before");
  return [...groups.values()].map((g) => ({ scope: g.scope, count: g.now.length, cycleMedian: medians(g.now, "").cycle, previousCycleMedian: medians(g.before, "").cycle }));
}
