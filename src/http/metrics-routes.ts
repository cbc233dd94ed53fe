import type { AppDeps } from "../app-deps.js";
import { HttpError, json, type HttpRequest, type HttpResponse, type Route } from "./types.js";
import { cycleTimeReport } from "../metrics/cycle-time-report.js";
import { doraReport } from "../metrics/dora-report.js";
import { pullRequestPhases } from "../metrics/pull-request-phases.js";
import { listCycleTimeDays } from "../store/cycle-time-days.js";
import { listDoraFacts } from "../store/dora-facts.js";
import { findOrganisationRepositoryIds, findRepositoryId } from "../store/metric-repos.js";
import { listPullRequestRows } from "../store/pull-request-rows.js";
import { toCsv, type Cell } from "../metrics/csv.js";
import { DEFINITIONS } from "../metrics/definitions.js";
import { parseQueryParams } from "../metrics/query-params.js";
import { CYCLE_TIME_COLUMNS, DORA_COLUMNS, PULL_COLUMNS, cycleTimeRows, doraRows, pullRow } from "../metrics/report-tables.js";

/** The metrics API of ADR 0040: JSON by default, CSV with `Accept: text/csv` or `?format=csv`. */
export function metricsRoutes(deps: AppDeps): Route[] {
  const api = (pattern: string, handle: (request: HttpRequest) => Promise<HttpResponse>): Route => ({ method: "GET", pattern, auth: "api", handle });
  return [
    api("/api/v1/definitions", async () => json(200, { definitions: DEFINITIONS })),
    api("/api/v1/repos/:owner/:repo/pulls", async (request) => {
      const { scope, params, name } = await resolve(deps, request);
      const state = request.query.get("state") ?? "merged";
      if (state !== "merged" && state !== "opened") throw new HttpError(400, `state: "${state}" is not one of merged, opened`);
      const rows = pullRequestPhases(await listPullRequestRows(deps.db, { ...scope, state })).map(pullRow);
      if (wantsCsv(request)) return csv(PULL_COLUMNS, rows);
      return json(200, { repo: name, from: iso(params.from), to: iso(params.to), state, pulls: rows });
    }),
    ...["/api/v1/repos/:owner/:repo/cycle-time", "/api/v1/orgs/:owner/cycle-time"].map((pattern) =>
      api(pattern, async (request) => {
        const { scope, params, name } = await resolve(deps, request);
        const report = { ...scope, bucket: params.bucket, groupBy: params.groupBy };
        const rows = cycleTimeRows(cycleTimeReport(await listCycleTimeDays(deps.db, report), report));
        if (wantsCsv(request)) return csv(CYCLE_TIME_COLUMNS, rows);
        return json(200, { scope: name, from: iso(params.from), to: iso(params.to), bucket: params.bucket, group_by: params.groupBy ?? null, rows, definitions: DEFINITIONS });
      }),
    ),
    ...["/api/v1/repos/:owner/:repo/dora", "/api/v1/orgs/:owner/dora"].map((pattern) =>
      api(pattern, async (request) => {
        const { scope, params, name } = await resolve(deps, request);
        const keys = doraReport(await listDoraFacts(deps.db, scope), scope);
        if (wantsCsv(request)) return csv(DORA_COLUMNS, doraRows(keys));
        return json(200, { scope: name, from: iso(params.from), to: iso(params.to), ...keys, definitions: DEFINITIONS });
      }),
    ),
  ];
}

async function resolve(deps: AppDeps, request: HttpRequest) {
  const params = parseQueryParams(request.query, deps.now());
  if (!params.ok) throw new HttpError(400, params.reason);
  const { owner, repo } = request.params as { owner: string; repo?: string };
  const repoIds = repo ? [await findRepositoryId(deps.db, { owner, name: repo })].filter((id): id is number => id !== undefined) : await findOrganisationRepositoryIds(deps.db, owner);
  const name = repo ? `${owner}/${repo}` : owner;
  if (repoIds.length === 0) throw new HttpError(404, `Shipshape has recorded nothing for ${name} yet: is the app installed there?`);
  return { params, name, scope: { repoIds, from: params.from, to: params.to, includeBots: params.includeBots } };
}

function wantsCsv(request: HttpRequest): boolean {
  const format = request.query.get("format");
  if (format !== null && format !== "csv" && format !== "json") throw new HttpError(400, `format: "${format}" is not one of json, csv`);
  if (format !== null) return format === "csv";
  return String(request.headers.accept ?? "").includes("text/csv");
}

function csv(columns: readonly string[], rows: ReadonlyArray<Record<string, Cell>>): HttpResponse {
  return { status: 200, headers: { "content-type": "text/csv; charset=utf-8" }, body: toCsv(columns, rows) };
}

const iso = (time: number) => new Date(time).toISOString();
