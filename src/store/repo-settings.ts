import type { IncidentSource } from "../model/incident-sources.js";
import type { WorkingHours } from "../metrics/working-hours.js";
import type { Db } from "./db.js";

/** What the API needs of a repository's config without asking GitHub: `metrics.working_hours` and `metrics.incidents`. */
export interface RepoSettings {
  workingHours: WorkingHours | null;
  incidents: readonly IncidentSource[];
}

/**
 * Remembers a repository's settings as its config was last read (webhook or backfill). Written
 * only when they changed, so the config read of every delivery costs one indexed read here.
 */
export async function saveRepoSettings(db: Db, params: { repoId: number; settings: RepoSettings; at: number }): Promise<void> {
  const working_hours = params.settings.workingHours === null ? null : JSON.stringify(params.settings.workingHours);
  const incidents = JSON.stringify([...params.settings.incidents].sort());
  const stored = await db.kysely.selectFrom("metric_repo_settings").select(["working_hours", "incidents"]).where("repo_id", "=", params.repoId).executeTakeFirst();
  if (stored && stored.working_hours === working_hours && stored.incidents === incidents) return;
  await db.kysely
    .insertInto("metric_repo_settings")
    .values({ repo_id: params.repoId, working_hours, incidents, updated_at: params.at })
    .onConflict((oc) => oc.column("repo_id").doUpdateSet({ working_hours, incidents, updated_at: params.at }))
    .execute();
}

/** The working hours of each repository that set them. */
export async function listWorkingHours(db: Db, repoIds: readonly number[]): Promise<Map<number, WorkingHours>> {
  if (repoIds.length === 0) return new Map();
  const rows = await db.kysely.selectFrom("metric_repo_settings").select(["repo_id", "working_hours"]).where("repo_id", "in", repoIds).where("working_hours", "is not", null).execute();
  return new Map(rows.map((row) => [Number(row.repo_id), JSON.parse(row.working_hours!) as WorkingHours]));
}

/** Each repository's `metrics.incidents` as last read; a repository not in the map counts every source. */
export async function listIncidentSources(db: Db, repoIds: readonly number[]): Promise<Map<number, IncidentSource[]>> {
  if (repoIds.length === 0) return new Map();
  const rows = await db.kysely.selectFrom("metric_repo_settings").select(["repo_id", "incidents"]).where("repo_id", "in", repoIds).where("incidents", "is not", null).execute();
  return new Map(rows.map((row) => [Number(row.repo_id), JSON.parse(row.incidents!) as IncidentSource[]]));
}
