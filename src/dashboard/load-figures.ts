import type { DoraKeys } from "../metrics/dora.js";
import type { Db } from "../store/db.js";
import { cycleTimeReport } from "../store/cycle-time-report.js";
import { listKnownRepositories, listWaitingForReview } from "../store/dashboard.js";
import { doraReport } from "../store/dora-report.js";
import { findOrganisationRepositoryIds, findRepositoryId } from "../store/metric-repos.js";
import { listPullRequestRows, type PullRequestRow } from "../store/pull-request-rows.js";
import { PHASES, type DoraFigure, type FiguresSource, type Phase, type PhaseWeek, type Scope, type ScopeSummary } from "./figures.js";
import { hygieneFigures, medians, sizeBuckets, type MergedPullRequest } from "./figures-from-rows.js";
import { isoDate } from "./format.js";

const WAITING_SHOWN = 10;

/** The dashboard's figures from the metrics store, through the metrics queries. */
export function storeFiguresSource(db: Db): FiguresSource {
  return {
    async summaries(range) {
      const repos = await listKnownRepositories(db);
      const span = range.to.getTime() - range.from.getTime();
      const [now, before] = await Promise.all(
        [range.from.getTime(), range.from.getTime() - span].map((from) => listPullRequestRows(db, { repoIds: repos.map((r) => r.repoId), from, to: from + span })),
      );
      const nameOf = new Map(repos.map((r) => [r.repoId, { owner: r.owner, repo: r.name }]));
      return summarise({ now: now ?? [], before: before ?? [], nameOf });
    },

    async figures({ scope, range }) {
      const repoIds = await repositoryIds(db, scope);
      const from = range.from.getTime();
      const to = range.to.getTime();
      const span = to - from;
      const [weeks, rows, dora, doraBefore, waiting] = await Promise.all([
        cycleTimeReport(db, { repoIds, from, to, bucket: "week" }),
        listPullRequestRows(db, { repoIds, from, to }),
        doraReport(db, { repoIds, from, to }),
        doraReport(db, { repoIds, from: from - span, to: from }),
        listWaitingForReview(db, { repoIds, limit: WAITING_SHOWN }),
      ]);
      const merged = rows.map(toMerged);
      return {
        scope,
        range,
        total: medians(merged, isoDate(range.from)),
        weeks: weeks.map((w): PhaseWeek => ({
          week: isoDate(new Date(w.start)),
          count: w.phases.cycle.count,
          phases: Object.fromEntries(PHASES.map((p) => [p, seconds(w.phases[p].median)])) as Record<Phase, number | null>,
          cycle: seconds(w.phases.cycle.median),
        })),
        dora: doraFigures(dora, doraBefore),
        sizes: sizeBuckets(merged),
        waiting: waiting.map((w) => ({ repo: w.repo, number: w.number, title: w.title, author: w.author, readyAt: new Date(w.readyAt).toISOString() })),
        hygiene: hygieneFigures(merged),
      };
    },
  };
}

async function repositoryIds(db: Db, scope: Scope): Promise<number[]> {
  if (!scope.repo) return findOrganisationRepositoryIds(db, scope.owner);
  const id = await findRepositoryId(db, { owner: scope.owner, name: scope.repo });
  return id === undefined ? [] : [id];
}

function toMerged(row: PullRequestRow): MergedPullRequest {
  const { record } = row;
  return { phases: row.phases, additions: record.additions, deletions: record.deletions, hygiene: record.hygiene };
}

/** The cycle-time report speaks seconds; the dashboard milliseconds. */
function seconds(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000);
}

function doraFigures(now: DoraKeys, before: DoraKeys): DoraFigure[] {
  return [
    { key: "deployment_frequency", value: now.deployment_frequency.per_day, band: now.deployment_frequency.band, previous: before.deployment_frequency.per_day },
    { key: "lead_time", value: seconds(now.lead_time.median_seconds), band: now.lead_time.band, previous: seconds(before.lead_time.median_seconds) },
    { key: "change_failure_rate", value: now.change_failure_rate.rate, band: now.change_failure_rate.band, previous: before.change_failure_rate.rate },
    { key: "time_to_restore", value: seconds(now.time_to_restore.median_seconds), band: now.time_to_restore.band, previous: seconds(before.time_to_restore.median_seconds) },
  ];
}

/** One line per organisation and per repository with PRs merged in either window. */
function summarise(params: { now: PullRequestRow[]; before: PullRequestRow[]; nameOf: Map<number, { owner: string; repo: string }> }): ScopeSummary[] {
  const groups = new Map<string, { scope: Scope; now: MergedPullRequest[]; before: MergedPullRequest[] }>();
  const add = (rows: PullRequestRow[], which: "now" | "before") => {
    for (const row of rows) {
      const name = params.nameOf.get(row.record.repoId);
      if (!name) continue;
      for (const scope of [{ owner: name.owner }, { owner: name.owner, repo: name.repo }] as Scope[]) {
        const key = scope.repo ? `${scope.owner}/${scope.repo}` : scope.owner;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { scope, now: [], before: [] }));
        group[which].push(toMerged(row));
      }
    }
  };
  add(params.now, "now");
  add(params.before, "before");
  return [...groups.values()].map((g) => ({ scope: g.scope, count: g.now.length, cycleMedian: medians(g.now, "").cycle, previousCycleMedian: medians(g.before, "").cycle }));
}
