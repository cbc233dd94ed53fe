import { backfillProgress } from "../store/backfill-jobs.js";
import type { Db } from "../store/db.js";
import type { ReadinessProbe } from "./health-routes.js";

/** `/readyz` for anyone: how many backfills run; with the API token: which repositories, and how far. */
export function backfillProbe(db: Db): ReadinessProbe {
  return async () => {
    const jobs = await backfillProgress(db);
    return { counts: { running: jobs.length }, details: { jobs } };
  };
}
