import type { AppDeps } from "../app-deps.js";
import { HttpError, type HttpRequest, type HttpResponse } from "./types.js";
import { toCsv, type Cell } from "../metrics/csv.js";
import type { ReviewFact } from "../metrics/rework.js";
import { parseQueryParams } from "../metrics/query-params.js";
import { DEFAULT_WORKING_HOURS, workingSpan, type WorkingSpan } from "../metrics/working-hours.js";
import type { MetricScope } from "../store/metric-scope.js";
import { findOrganisationRepositories, findRepositoryId } from "../store/metric-repos.js";
import { canSeeOwner, canSeeRepo, visibleRepos, type ViewerScope } from "../auth/viewer-scope.js";
import { listWorkingHours } from "../store/repo-settings.js";
import { listTeams, type StoredTeam } from "../store/teams.js";

/**
 * What a metrics route asks about: the window and options of the query, and the repositories (a
 * repo, an organisation, or an organisation's team) with their name as answers show it.
 */
export async function resolveMetricRequest(deps: AppDeps, request: HttpRequest) {
  const params = parseQueryParams(request.query, deps.now());
  if (!params.ok) throw new HttpError(400, params.reason);
  const { owner, repo, team: teamName } = request.params as { owner: string; repo?: string; team?: string };
  const viewer = viewerOf(request);
  let name = repo ? `${owner}/${repo}` : owner;
  // Outside the viewer's scope reads exactly as never recorded (ADR 0059): a 404 reveals nothing.
  const visible = repo ? canSeeRepo(viewer, owner, repo) : canSeeOwner(viewer, owner);
  const repoIds = !visible
    ? []
    : repo
      ? [await findRepositoryId(deps.db, { owner, name: repo })].filter((id): id is number => id !== undefined)
      : visibleRepos(viewer, await findOrganisationRepositories(deps.db, owner)).map((row) => row.repoId);
  if (repoIds.length === 0) throw notRecorded(name);
  let team: StoredTeam | undefined;
  if (teamName !== undefined) {
    team = (await listTeams(deps.db, owner)).find((candidate) => candidate.name.toLowerCase() === teamName.toLowerCase());
    if (!team) {
      throw new HttpError(404, `Define team "${teamName}" in metrics.teams of ${owner}'s .github repository (or set metrics.teams.github: true): Shipshape knows no such team of ${owner}.`);
    }
    name = `${owner}/teams/${team.name}`;
  }
  const scope: MetricScope = { repoIds, from: params.from, to: params.to, includeBots: params.includeBots, ...(team ? { team } : {}) };
  return { params, name, owner, team, scope };
}

const viewerOf = (request: HttpRequest): ViewerScope => request.viewer ?? { kind: "all" };

function notRecorded(name: string): HttpError {
  return new HttpError(404, `Shipshape has recorded nothing for ${name} yet: is the app installed there?`);
}

/**
 * For answers about a whole organisation that cannot be cut down to some of its repositories (its
 * team list): only a viewer of every repository of `owner` gets one, others get the 404 of an unknown owner.
 */
export function requireWholeOwner(request: HttpRequest, owner: string): void {
  const viewer = viewerOf(request);
  if (viewer.kind === "some" && !viewer.owners.has(owner.toLowerCase())) throw notRecorded(owner);
}

/** `hours=working`: pickup and review in working hours (ADR 0065); `calendar`, the default, as they are. */
export function wantsWorkingHours(request: HttpRequest): boolean {
  const hours = request.query.get("hours") ?? "calendar";
  if (hours !== "calendar" && hours !== "working") throw new HttpError(400, `hours: "${hours}" is not one of calendar, working`);
  return hours === "working";
}

/** Each repository's working-hours span: its `metrics.working_hours`, else Monday-Friday 09:00-17:00 UTC. */
export async function workingSpans(deps: AppDeps, repoIds: readonly number[]): Promise<(repoId: number) => WorkingSpan> {
  const hours = await listWorkingHours(deps.db, repoIds);
  const fallback = workingSpan(DEFAULT_WORKING_HOURS);
  const spans = new Map([...hours].map(([repoId, week]) => [repoId, workingSpan(week)]));
  return (repoId) => spans.get(repoId) ?? fallback;
}

export function wantsCsv(request: HttpRequest): boolean {
  const format = request.query.get("format");
  if (format !== null && format !== "csv" && format !== "json") throw new HttpError(400, `format: "${format}" is not one of json, csv`);
  if (format !== null) return format === "csv";
  return String(request.headers.accept ?? "").includes("text/csv");
}

export function csv(columns: readonly string[], rows: ReadonlyArray<Record<string, Cell>>): HttpResponse {
  return { status: 200, headers: { "content-type": "text/csv; charset=utf-8" }, body: toCsv(columns, rows) };
}

/** Every scope a figure is asked for: a repository, an organisation, a team of an organisation. */
export const scopes = (figure: string, which: { repo?: boolean } = {}) =>
  [...(which.repo === false ? [] : [`/api/v1/repos/:owner/:repo/${figure}`]), `/api/v1/orgs/:owner/${figure}`, `/api/v1/orgs/:owner/teams/:team/${figure}`];

/** Reviews keyed `repoId#number`, as `pullRequestPhases` reads them. */
export function byPullRequest(reviews: readonly (ReviewFact & { repoId: number; number: number })[]): Map<string, ReviewFact[]> {
  const map = new Map<string, ReviewFact[]>();
  for (const review of reviews) {
    const key = `${review.repoId}#${review.number}`;
    const list = map.get(key);
    if (list) list.push(review);
    else map.set(key, [review]);
  }
  return map;
}

export const iso = (time: number) => new Date(time).toISOString();
