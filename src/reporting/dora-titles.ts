import type { DoraKeyName } from "./figures.js";

/** The title of each DORA key, as the dashboard cards and the digest lines show it. */
export const DORA_TITLES: Record<DoraKeyName, string> = {
  deployment_frequency: "Deployment frequency",
  lead_time: "Lead time for changes",
  change_failure_rate: "Change failure rate",
  time_to_restore: "Time to restore (incidents)",
  failed_deployment_recovery_time: "Failed deployment recovery time",
};
