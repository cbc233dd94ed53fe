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
    // Below 25 MB a webhook GitHub may legitimately send could never be read.
    webhookBodyBudgetBytes: megabytes(env, "SHIPSHAPE_WEBHOOK_BODY_BUDGET_MB", { fallback: 64, min: 25 }),
    inflateBudgetBytes: megabytes(env, "SHIPSHAPE_INFLATE_BUDGET_MB", { fallback: 320, min: 1 }),
  };
}

function megabytes(env: NodeJS.ProcessEnv, name: string, range: { fallback: number; min: number }): number {
  const raw = env[name];
  const value = raw === undefined || raw === "" ? range.fallback : Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > 65_536) {
    throw new StartupError(`${name} must be a whole number of megabytes from ${range.min} to 65536, not "${raw}"`);
  }
  return value * 1024 * 1024;
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
