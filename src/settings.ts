import type { Settings } from "./app-deps.js";

/** Thrown when the environment does not allow a safe start; its message is the one line printed. */
export class StartupError extends Error {}

/** Shipshape's own settings from the environment (Probot reads its own variables itself). */
export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const backfillDays = env.SHIPSHAPE_BACKFILL_DAYS === undefined || env.SHIPSHAPE_BACKFILL_DAYS === "" ? 90 : Number(env.SHIPSHAPE_BACKFILL_DAYS);
  if (!Number.isInteger(backfillDays) || backfillDays < 0 || backfillDays > 3650) {
    throw new StartupError(`SHIPSHAPE_BACKFILL_DAYS must be a whole number of days from 0 to 3650, not "${env.SHIPSHAPE_BACKFILL_DAYS}"`);
  }
  const backfillShare = env.SHIPSHAPE_BACKFILL_RATE_SHARE ? Number(env.SHIPSHAPE_BACKFILL_RATE_SHARE) : 0.5;
  if (!(backfillShare > 0 && backfillShare <= 1)) {
    throw new StartupError(`SHIPSHAPE_BACKFILL_RATE_SHARE must be a fraction above 0 and at most 1, not "${env.SHIPSHAPE_BACKFILL_RATE_SHARE}"`);
  }
  return {
    apiToken: env.SHIPSHAPE_API_TOKEN || undefined,
    backfillDays,
    backfillShare,
    dataDir: env.SHIPSHAPE_DATA_DIR || "data",
  };
}

/** Probot's development default; never acceptable in production. */
const DEVELOPMENT_SECRET = "development";

/** The webhook secret to verify signatures with, refusing a start that would accept forgeries. */
export function webhookSecret(env: NodeJS.ProcessEnv): string {
  const secret = env.WEBHOOK_SECRET;
  if (env.NODE_ENV === "production" && (!secret || secret === DEVELOPMENT_SECRET)) {
    throw new StartupError("Refusing to start: NODE_ENV=production needs a real WEBHOOK_SECRET (the one set on the GitHub App).");
  }
  return secret || DEVELOPMENT_SECRET;
}
