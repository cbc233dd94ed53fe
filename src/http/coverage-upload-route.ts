import { mergeForStorage } from "../coverage/merge-for-storage.js";
import type { AppDeps } from "../app-deps.js";
import { BudgetBusyError, BudgetTooSmallError, type ByteBudget } from "../lib/byte-budget.js";
import { HttpError, json, type HttpRequest, type Route } from "./types.js";
import { repoKey, saveCoverageReport } from "../store/coverage.js";
import { isValidUploadToken } from "../store/upload-tokens.js";
import { percent } from "../coverage/model.js";
import { type CoverageReport } from "../model/coverage-report.js";
import { CoverageParseError } from "../coverage/parse-error.js";
import type { ReserveBytes } from "../coverage/read-artifact.js";
import { readUpload, UploadRefusedError } from "../coverage/read-upload.js";
import { componentByFlag, componentPrefixes, type CoverageComponent } from "../coverage/component-prefixes.js";
import type { ReportPrefixes } from "../model/coverage-report.js";

/** The repo's `coverage.components`, read from its config (an upload's `flag` names one of them). */
export type ComponentsOf = (repo: { owner: string; repo: string }) => Promise<readonly CoverageComponent[]>;

/** Largest upload body, compressed or not. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export interface UploadedCoverage {
  owner: string;
  repo: string;
  sha: string;
  branch: string | null;
}

/**
 * `POST /api/v1/repos/{owner}/{repo}/coverage?sha=…&branch=…`: a report (plain, gzip or zip)
 * from any CI, authorised by the repo's upload token rather than the API token, so CI holds a
 * secret that can only upload. `afterUpload` lets the app post the check at once when it can.
 * `flag=…` (or `component=…`) names the `coverage.components` entry the report is for: its
 * package-relative paths get that component's prefix, read from the repo's config by `componentsOf`.
 */
export function coverageUploadRoute(deps: Pick<AppDeps, "db" | "now" | "memory" | "caches">, afterUpload?: (upload: UploadedCoverage) => Promise<void>, componentsOf?: ComponentsOf): Route {
  return {
    method: "POST",
    pattern: "/api/v1/repos/:owner/:repo/coverage",
    auth: "public",
    async handle(request) {
      const owner = request.params.owner ?? "";
      const repo = request.params.repo ?? "";
      const key = repoKey(owner, repo);
      const token = bearer(request);
      if (!token) throw new HttpError(401, `missing upload token: send Authorization: Bearer <token> (create one with \`shipshape token create ${owner}/${repo}\`)`);
      if (!(await isValidUploadToken(deps.db, { repo: key, token }))) throw new HttpError(401, `upload token not valid for ${owner}/${repo}: it was revoked or belongs to another repo`);
      const sha = request.query.get("sha") ?? "";
      if (!/^[0-9a-f]{40}$/i.test(sha)) throw new HttpError(400, "query parameter sha must be the full 40-character commit SHA the report is for");
      const branch = request.query.get("branch") || null;
      const name = request.query.get("name") || "upload";
      const flag = request.query.get("flag") || request.query.get("component") || null;
      const prefixes = flag === null ? undefined : await flaggedPrefixes({ owner, repo, flag, componentsOf });
      const report = await readUploadOrRefuse(await request.body(MAX_UPLOAD_BYTES), name, reserveNow(deps.memory.inflated), prefixes);
      const totals = await saveCoverageReport(deps.db, { repo: key, sha: sha.toLowerCase(), branch, merge: (existing) => mergeForStorage(existing, report), now: deps.now().getTime(), recent: deps.caches.coverageReports });
      await afterUpload?.({ owner, repo, sha: sha.toLowerCase(), branch });
      const pct = percent(totals);
      return json(201, { repo: `${owner}/${repo}`, sha: sha.toLowerCase(), branch, formats: report.formats, files: report.files.size, lines: { total: totals.linesTotal, covered: totals.linesCovered, percent: pct === null ? null : Math.round(pct * 100) / 100 } });
    },
  };
}

/**
 * CI can send again later, so an upload does not wait for the memory budget: past it, 503 with
 * `retry-after`; a need larger than the whole budget is 413.
 */
function reserveNow(budget: ByteBudget): ReserveBytes {
  return async (bytes) => {
    try {
      return await budget.take(bytes);
    } catch (error) {
      if (error instanceof BudgetBusyError) throw new HttpError(503, `busy inflating other coverage; ${error.message}`, { "retry-after": String(error.retryAfterSeconds) });
      if (error instanceof BudgetTooSmallError) throw new HttpError(413, `refused: ${error.message}`);
      throw error;
    }
  };
}

/** The flagged component's prefixes; a flag that names no component is the client's mistake (400). */
async function flaggedPrefixes(params: { owner: string; repo: string; flag: string; componentsOf: ComponentsOf | undefined }): Promise<ReportPrefixes | undefined> {
  const components = params.componentsOf ? await params.componentsOf({ owner: params.owner, repo: params.repo }) : [];
  const found = componentByFlag(components, params.flag, `${params.owner}/${params.repo}`);
  if ("error" in found) throw new HttpError(400, found.error);
  return componentPrefixes(components, { component: found.component });
}

/** A body that is not a readable report is the client's mistake (422); one inflating past its cap, 413. */
async function readUploadOrRefuse(body: Buffer, name: string, reserve: ReserveBytes, prefixes: ReportPrefixes | undefined): Promise<CoverageReport> {
  try {
    return await readUpload(body, name, reserve, prefixes);
  } catch (error) {
    if (error instanceof CoverageParseError) throw new HttpError(422, error.message);
    if (error instanceof UploadRefusedError) throw new HttpError(error.reason === "too-large" ? 413 : 422, error.message);
    throw error;
  }
}

function bearer(request: HttpRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^(?:Bearer|token)\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
