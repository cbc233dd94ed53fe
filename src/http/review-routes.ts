import type { AppDeps } from "../app-deps.js";
import { json, type HttpRequest, type HttpResponse, type Route } from "./types.js";
import { DEFINITIONS } from "../metrics/definitions.js";
import { REVIEWER_COLUMNS, REWORK_COLUMNS, reviewerRows, reworkRows } from "../metrics/report-tables.js";
import { pullRequestRework, reviewerLoad, reworkFigures } from "../metrics/rework.js";
import type { Cell } from "../metrics/csv.js";
import { listPullRequestRows } from "../store/pull-request-rows.js";
import { listReviews } from "../store/reviews.js";
import type { StoredTeam } from "../store/teams.js";
import { byPullRequest, csv, iso, resolveMetricRequest, scopes, wantsCsv } from "./metric-request.js";

const REVIEW_DEFINITIONS = { rework: DEFINITIONS.rework, review_cycles: DEFINITIONS.review_cycles, merged_without_review: DEFINITIONS.merged_without_review, review_load: DEFINITIONS.review_load };

/** Rework and merged-without-review figures (`/rework`) and review load per reviewer (`/reviewers`), for every scope (ADR 0064). */
export function reviewRoutes(deps: AppDeps): Route[] {
  const api = (pattern: string, handle: (request: HttpRequest) => Promise<HttpResponse>): Route => ({ method: "GET", pattern, auth: "api", handle });
  return [
    ...scopes("rework").map((pattern) =>
      api(pattern, async (request) => {
        const { scope, params, name } = await resolveMetricRequest(deps, request);
        const [stored, reviews] = await Promise.all([listPullRequestRows(deps.db, scope), listReviews(deps.db, { ...scope, of: "merged" })]);
        const byPr = byPullRequest(reviews);
        const figures = reworkFigures(
          stored.rows.map(({ record }) => ({
            reviewed: record.firstReviewAt !== null && record.mergedAt !== null && record.firstReviewAt <= record.mergedAt,
            rework: pullRequestRework({ author: record.author ?? "", mergedAt: record.mergedAt, reviews: byPr.get(`${record.repoId}#${record.number}`) ?? [] }),
          })),
        );
        if (wantsCsv(request)) return csv(REWORK_COLUMNS, reworkRows(figures));
        return json(200, { scope: name, from: iso(params.from), to: iso(params.to), ...figures, definitions: REVIEW_DEFINITIONS });
      }),
    ),
    ...scopes("reviewers").map((pattern) =>
      api(pattern, async (request) => {
        const { scope, params, name } = await resolveMetricRequest(deps, request);
        const reviews = await listReviews(deps.db, { ...scope, of: "submitted" });
        const loads = reviewerLoad(reviews.map((review) => ({ ...review, pr: `${review.repoId}#${review.number}` })));
        if (wantsCsv(request)) return csv(REVIEWER_COLUMNS, reviewerRows(loads));
        return json(200, { scope: name, from: iso(params.from), to: iso(params.to), reviewers: loads, definitions: REVIEW_DEFINITIONS });
      }),
    ),
  ];
}

export const TEAM_COLUMNS = ["team", "members", "repositories"] as const;

/** The teams of an organisation; members and repository counts (the members' logins are in JSON only, CSV cells stay flat). */
export function teamRows(teams: readonly StoredTeam[]): Array<Record<(typeof TEAM_COLUMNS)[number], Cell> & { logins: string[] }> {
  return teams.map((team) => ({ team: team.name, members: team.logins.length, repositories: team.repoIds.length, logins: team.logins }));
}
