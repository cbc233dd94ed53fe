import type { WorkingHours } from "../metrics/working-hours.js";
import type { Db } from "./db.js";

/** Remembers a repository's `metrics.working_hours` (null: none set), so the API can apply it without GitHub. */
export async function saveWorkingHours(db: Db, params: { repoId: number; workingHours: WorkingHours | null; at: number }): Promise<void> {
  const working_hours = params.workingHours === null ? null : JSON.stringify(params.workingHours);
  await db.kysely
    .insertInto("metric_repo_settings")
    .values({ repo_id: params.repoId, working_hours, updated_at: params.at })
    .onConflict((oc) => oc.column("repo_id").doUpdateSet({ working_hours, updated_at: params.at }))
    .execute();
}

/** The working hours of each repository that set them. */
export async function listWorkingHours(db: Db, repoIds: readonly number[]): Promise<Map<number, WorkingHours>> {
  if (repoIds.length === 0) return new Map();
  const rows = await db.kysely.selectFrom("metric_repo_settings").select(["repo_id", "working_hours"]).where("repo_id", "in", repoIds).where("working_hours", "is not", null).execute();
  return new Map(rows.map((row) => [row.repo_id, JSON.parse(row.working_hours!) as WorkingHours]));
}
