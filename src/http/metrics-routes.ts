import type { AppDeps } from "../app-deps.js";
import { HttpError, json, type HttpRequest, type HttpResponse, type Route } from "./types.js";
import { cycleTimeReport } from "../metrics/cycle-time-report.js";
import { doraReport } from "../metrics/dora-report.js";
import { pullRequestPhases } from "../metrics/pull-request-phases.js";
import { listCycleTimeDays } from "../store/cycle-time-days.js";
import { listDoraFacts } from "../store/dora-facts.js";
import { listPullRequestRows } from "../store/pull-request-rows.js";
import { listReviews } from "../store/reviews.js";
import { listTeams, teamRepositoryIds } from "../store/teams.js";
import { DEFINITIONS } from "../metrics/definitions.js";
import { CYCLE_TIME_COLUMNS, DORA_COLUMNS, PULL_COLUMNS, cycleTimeRows, doraRows, pullRow } from "../metrics/report-tables.js";
import { byPullRequest, csv, iso, requireWholeOwner, resolveMetricRequest, scopes, wantsCsv, wantsWorkingHours, workingSpans } from "./metric-request.js";
import { reviewRoutes, TEAM_COLUMNS, teamRows } from "./review-routes.js";

/** The metrics API of ADR 0040: JSON by default, CSV with `Accept: text/csv` or `?format=csv`. */
export function metricsRoutes(deps: AppDeps): Route[] {
  const api = (pattern: string, handle: (request: HttpRequest) => Promise<HttpResponse>): Route => ({ method: "GET", pattern, auth: "api", handle });
  return [
    api("/api/v1/definitions", async () => json(200, { definitions: DEFINITIONS })),
    ...["/api/v1/repos/:owner/:repo/pulls", "/api/v1/orgs/:owner/teams/:team/pulls"].map((pattern) =>
      api(pattern, async (request) => {
        const { scope, params, name } = await resolveMetricRequest(deps, request);
        const state = request.query.get("state") ?? "merged";
        if (state !== "merged" && state !== "opened") throw new HttpError(400, `state: "${state}" is not one of merged, opened`);
        const [stored, reviews, working] = await Promise.all([listPullRequestRows(deps.db, { ...scope, state }), listReviews(deps.db, { ...scope, of: state }), workingSpans(deps, scope.repoIds)]);
        const rows = pullRequestPhases(stored, { reviews: byPullRequest(reviews), working }).map(pullRow);
        if (wantsCsv(request)) return csv(PULL_COLUMNS, rows);
        return json(200, { repo: name, from: iso(params.from), to: iso(params.to), state, pulls: rows });
      }),
    ),
    ...scopes("cycle-time").map((pattern) =>
      api(pattern, async (request) => {
        const { scope, params, name, owner } = await resolveMetricRequest(deps, request);
        const hours = wantsWorkingHours(request) ? "working" : "calendar";
        const [days, teams, working] = await Promise.all([
          listCycleTimeDays(deps.db, { ...scope, groupBy: params.groupBy }),
          params.groupBy === "team" ? listTeams(deps.db, owner) : undefined,
          hours === "working" ? workingSpans(deps, scope.repoIds) : undefined,
        ]);
        const rows = cycleTimeRows(cycleTimeReport(days, { ...scope, bucket: params.bucket, groupBy: params.groupBy, teams, working }));
        if (wantsCsv(request)) return csv(CYCLE_TIME_COLUMNS, rows);
        return json(200, { scope: name, from: iso(params.from), to: iso(params.to), bucket: params.bucket, group_by: params.groupBy ?? null, hours, rows, definitions: DEFINITIONS });
      }),
    ),
    ...scopes("dora").map((pattern) =>
      api(pattern, async (request) => {
        const { scope, params, name, team } = await resolveMetricRequest(deps, request);
        // A team's DORA keys are those of the repositories it works in (ADR 0064).
        const repoIds = team ? await teamRepositoryIds(deps.db, { ...scope, team }) : scope.repoIds;
        const keys = doraReport(await listDoraFacts(deps.db, { ...scope, repoIds }), scope);
        if (wantsCsv(request)) return csv(DORA_COLUMNS, doraRows(keys));
        return json(200, { scope: name, from: iso(params.from), to: iso(params.to), ...keys, definitions: DEFINITIONS });
      }),
    ),
    api("/api/v1/orgs/:owner/teams", async (request) => {
      requireWholeOwner(request, request.params.owner!);
      const teams = await listTeams(deps.db, request.params.owner!);
      if (wantsCsv(request)) return csv(TEAM_COLUMNS, teamRows(teams).map(({ logins: _logins, ...row }) => row));
      return json(200, { owner: request.params.owner, teams: teamRows(teams) });
    }),
    ...reviewRoutes(deps),
  ];
}
