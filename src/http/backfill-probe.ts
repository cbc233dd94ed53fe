import { backfillProgress, listFailedBackfills } from "../store/backfill-jobs.js";
import type { Db } from "../store/db.js";
import type { ReadinessProbe } from "./health-routes.js";

/** `/readyz` for anyone: how many backfills run; with the API token: which repositories, and how far. */
export function backfillProbe(db: Db): ReadinessProbe {
  return async () => {
    const jobs = await backfillProgress(db);
    const failed = await listFailedBackfills(db);
    // The count for anyone; which repos and why only with the token (repo names may be private).
    return { counts: { running: jobs.length, failed_count: failed.length }, details: { jobs, failed } };
  };
}
