import { z } from "zod";
import type { Settings } from "./app-deps.js";
import { DEFAULT_PARKED, DEFAULT_WORKERS, DEFAULT_WORKERS_PER_INSTALLATION, DEFAULT_WORKERS_WHILE_RECEIVING } from "./inbox/worker.js";
import { readDigestSchedule, readDigestSettings, type DigestSettings } from "./digest/digest-settings.js";
import type { OpenStoreOptions } from "./store/db.js";
import { readTrackerCredentials } from "./trackers/tracker-credentials.js";
import { githubHosts } from "./auth/oauth.js";
import type { SignInSettings } from "./auth/sign-in-settings.js";

/** Thrown when the environment does not allow a safe start; its message is the line(s) printed, one per bad variable. */
export class StartupError extends Error {}

/** Probot's development default; never acceptable in production. */
const DEVELOPMENT_SECRET = "development";

/** A variable that is unset or empty counts as unset: `.env` files leave listed variables empty. */
const text = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : value));

/** A whole number within [min, max], or `fallback` when unset; `describe` words the one error line. */
function wholeNumber(name: string, range: { min: number; max: number; fallback: number; describe: string }) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw === undefined || raw === "" ? range.fallback : Number(raw);
      if (Number.isInteger(value) && value >= range.min && value <= range.max) return value;
      ctx.addIssue({ code: "custom", message: `${name} must be ${range.describe} from ${range.min} to ${range.max}, not "${raw}"` });
      return z.NEVER;
    });
}

/** Whole megabytes as bytes; the cap of 64 GB keeps a typo from disabling the budget. */
function megabytes(name: string, range: { min: number; fallback: number }) {
  return wholeNumber(name, { ...range, max: 65_536, describe: "a whole number of megabytes" }).transform((value) => value * 1024 * 1024);
}

/** One of `values`, or unset. */
function oneOf<T extends string>(name: string, values: readonly T[]) {
  return text
    .refine((value) => value === undefined || (values as readonly string[]).includes(value), { message: `${name} must be one of ${values.join(", ")}` })
    .transform((value) => value as T | undefined);
}

/**
 * Every variable Shipshape reads, Probot's included (see `.env.example`). Each parser turns the
 * raw string into its typed value or adds one issue whose message is the whole line shown at start.
 */
export const envSchema = z.object({
  // Probot's own: passed on to createProbot unchanged, checked here so a typo fails at start.
  APP_ID: text.refine((value) => value === undefined || /^[1-9]\d*$/.test(value), { message: "APP_ID must be the GitHub App's numeric id" }),
  PRIVATE_KEY: text,
  PRIVATE_KEY_PATH: text,
  WEBHOOK_SECRET: text,
  WEBHOOK_PATH: text.refine((value) => value === undefined || value.startsWith("/"), { message: "WEBHOOK_PATH must be a path starting with /" }),
  // 0 asks for any free port (tests, benchmarks).
  PORT: wholeNumber("PORT", { min: 0, max: 65_535, fallback: 3000, describe: "a whole number" }),
  HOST: text,
  GHE_HOST: text,
  GHE_PROTOCOL: oneOf("GHE_PROTOCOL", ["https", "http"]),
  // Read by Shipshape, not passed to Probot: Shipshape builds the Redis connection itself (ADR 0068).
  REDIS_URL: text.refine((value) => value === undefined || /^rediss?:\/\//.test(value), { message: "REDIS_URL must be a redis:// or rediss:// URL" }),
  LOG_LEVEL: oneOf("LOG_LEVEL", ["trace", "debug", "info", "warn", "error", "fatal", "silent"]),
  LOG_FORMAT: oneOf("LOG_FORMAT", ["json", "pretty"]),
  LOG_LEVEL_IN_STRING: oneOf("LOG_LEVEL_IN_STRING", ["true", "false"]),
  LOG_MESSAGE_KEY: text,
  SENTRY_DSN: text,
  NODE_ENV: text,
  // Shipshape's.
  DATABASE_URL: text,
  SHIPSHAPE_DATA_DIR: text.transform((value) => value ?? "data"),
  SHIPSHAPE_API_TOKEN: text,
  SHIPSHAPE_BACKFILL_DAYS: wholeNumber("SHIPSHAPE_BACKFILL_DAYS", { min: 0, max: 3650, fallback: 90, describe: "a whole number of days" }),
  SHIPSHAPE_BACKFILL_RATE_SHARE: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const share = raw ? Number(raw) : 0.5;
      if (share > 0 && share <= 1) return share;
      ctx.addIssue({ code: "custom", message: `SHIPSHAPE_BACKFILL_RATE_SHARE must be a fraction above 0 and at most 1, not "${raw}"` });
      return z.NEVER;
    }),
  // "Waiting longest for review" lists only PRs active within this many days (ADR 0055).
  SHIPSHAPE_REVIEW_ACTIVE_DAYS: wholeNumber("SHIPSHAPE_REVIEW_ACTIVE_DAYS", { min: 1, max: 3650, fallback: 30, describe: "a whole number of days" }),
  SHIPSHAPE_WORKERS: wholeNumber("SHIPSHAPE_WORKERS", { min: 1, max: 1000, fallback: DEFAULT_WORKERS, describe: "a whole number of workers" }),
  SHIPSHAPE_WORKERS_PER_INSTALLATION: wholeNumber("SHIPSHAPE_WORKERS_PER_INSTALLATION", { min: 1, max: 1000, fallback: DEFAULT_WORKERS_PER_INSTALLATION, describe: "a whole number of workers" }),
  // 0 turns parking off: a delivery waiting on GitHub's pacing then holds its worker slot (ADR 0078).
  SHIPSHAPE_WORKERS_PARKED: wholeNumber("SHIPSHAPE_WORKERS_PARKED", { min: 0, max: 10_000, fallback: DEFAULT_PARKED, describe: "a whole number of deliveries" }),
  // At or above SHIPSHAPE_WORKERS: the workers never make room for the intake (ADR 0080).
  SHIPSHAPE_WORKERS_WHILE_RECEIVING: wholeNumber("SHIPSHAPE_WORKERS_WHILE_RECEIVING", { min: 1, max: 1000, fallback: DEFAULT_WORKERS_WHILE_RECEIVING, describe: "a whole number of workers" }),
  // Below 25 MB a webhook GitHub may legitimately send could never be read.
  SHIPSHAPE_WEBHOOK_BODY_BUDGET_MB: megabytes("SHIPSHAPE_WEBHOOK_BODY_BUDGET_MB", { min: 25, fallback: 64 }),
  SHIPSHAPE_INFLATE_BUDGET_MB: megabytes("SHIPSHAPE_INFLATE_BUDGET_MB", { min: 1, fallback: 320 }),
  // Any value disables it, as documented ("set to 1").
  SHIPSHAPE_DISABLE_REDELIVERY: text.transform((value) => value !== undefined),
  // Webhook problems are warnings (digest-settings.ts); a bad schedule stops the start. Parsed after the schema.
  SHIPSHAPE_DIGEST_WEBHOOKS: text,
  SHIPSHAPE_DIGEST_SCHEDULE: text,
  // Ticket systems' credentials per owner (ADR 0013): secrets, so a bad entry names its owner, never its value.
  SHIPSHAPE_JIRA: text,
  SHIPSHAPE_LINEAR: text,
  // Where people and GitHub reach this server (ADR 0074): the manifest's webhook URL and the dashboard links in texts.
  SHIPSHAPE_PUBLIC_URL: text.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (url && (url.protocol === "https:" || url.protocol === "http:") && !url.search && !url.hash) return value.replace(/\/+$/, "");
    ctx.addIssue({ code: "custom", message: `SHIPSHAPE_PUBLIC_URL must be the server's address such as https://shipshape.example.com (no query), not "${value}"` });
    return z.NEVER;
  }),
  // Sign in with GitHub (ADR 0057): the GitHub App's OAuth client; both or neither, checked after the schema.
  GITHUB_CLIENT_ID: text,
  GITHUB_CLIENT_SECRET: text,
  // Seals user tokens and the pending sign-in; the webhook secret when unset.
  SHIPSHAPE_SESSION_SECRET: text.refine((value) => value === undefined || value.length >= 16, {
    message: "SHIPSHAPE_SESSION_SECRET must be at least 16 characters (a random string: openssl rand -hex 32); user tokens are sealed with a key derived from it",
  }),
  // Probot's smee.io channel for local development: webhooks sent there are forwarded to this process.
  WEBHOOK_PROXY_URL: text.refine((value) => value === undefined || /^https?:\/\/[^\s]+$/.test(value), { message: "WEBHOOK_PROXY_URL must be a smee.io channel URL such as https://smee.io/AbC123" }),
});

const PROBOT_KEYS = ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "WEBHOOK_PATH", "GHE_HOST", "GHE_PROTOCOL", "LOG_LEVEL", "LOG_FORMAT", "LOG_LEVEL_IN_STRING", "LOG_MESSAGE_KEY", "SENTRY_DSN"] as const;

/** The variables Probot reads itself (typed as Probot declares them), for `createProbot({ env })`. */
export type ProbotEnv = Pick<NodeJS.ProcessEnv, (typeof PROBOT_KEYS)[number]>;

/** The environment, parsed once at start: what the server and the CLI are built from. */
export interface Env {
  /** Shipshape's settings handed to the app (`AppDeps.settings`). */
  settings: Settings;
  /** Where the store is: PostgreSQL when `DATABASE_URL` is set, else SQLite in the data folder. */
  store: OpenStoreOptions;
  /** Probot's variables, for building the app's client. */
  probot: ProbotEnv;
  /** Redis for GitHub pacing shared across replicas (`REDIS_URL`); undefined: each process paces alone. */
  redisUrl: string | undefined;
  /** The webhook secret as given (Probot's development default when unset). */
  webhookSecret: string;
  production: boolean;
  /** `SHIPSHAPE_PUBLIC_URL` without a trailing slash: the address GitHub and people reach this server at. */
  publicUrl: string | undefined;
  /** `WEBHOOK_PROXY_URL`: a smee.io channel forwarded to this process (local development). */
  webhookProxyUrl: string | undefined;
  server: {
    port: number;
    /** Interface to listen on; undefined: all. */
    host: string | undefined;
    webhookPath: string;
    workers: number;
    /** Of `workers`, at most this many on one installation's deliveries. */
    workersPerInstallation: number;
    /** Deliveries waiting on GitHub's pacing beside the `workers` running ones (they hold no worker); 0: none. */
    workersParked: number;
    /** Slots while deliveries arrive and the process is out of CPU (ADR 0080). */
    workersWhileReceiving: number;
    /** False when `SHIPSHAPE_DISABLE_REDELIVERY` is set. */
    redeliver: boolean;
  };
  /** The weekly digest's targets and schedule, and the problems found in them (logged, not fatal). */
  digest: { settings: DigestSettings; problems: string[] };
}

/**
 * Parses the environment (`process.env`, passed in once by `main.ts` and the CLI's `bin.ts`).
 * Throws a StartupError with one line per bad variable, so every mistake shows in one start.
 */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) throw new StartupError(parsed.error.issues.map((issue) => issue.message).join("\n"));
  const env = parsed.data;
  const trackers = readTrackerCredentials({ SHIPSHAPE_JIRA: env.SHIPSHAPE_JIRA, SHIPSHAPE_LINEAR: env.SHIPSHAPE_LINEAR });
  // Unlike the digest's, a bad credential stops the start: PRs would otherwise go unverified without anyone noticing.
  if (trackers.problems.length > 0) throw new StartupError(trackers.problems.join("\n"));
  // A schedule that cannot be read stops the start: a silent default would send the digest on the wrong day.
  const schedule = readDigestSchedule(env.SHIPSHAPE_DIGEST_SCHEDULE);
  if (typeof schedule === "string") throw new StartupError(`SHIPSHAPE_DIGEST_SCHEDULE: ${schedule}; fix it, or unset it for Monday 09:00 UTC.`);
  const signIn = readSignIn(env);
  if (typeof signIn === "string") throw new StartupError(signIn);
  const probot: ProbotEnv = {};
  for (const key of PROBOT_KEYS) {
    if (env[key] !== undefined) Object.assign(probot, { [key]: env[key] });
  }
  return {
    settings: {
      apiToken: env.SHIPSHAPE_API_TOKEN,
      backfillDays: env.SHIPSHAPE_BACKFILL_DAYS,
      backfillShare: env.SHIPSHAPE_BACKFILL_RATE_SHARE,
      dataDir: env.SHIPSHAPE_DATA_DIR,
      webhookBodyBudgetBytes: env.SHIPSHAPE_WEBHOOK_BODY_BUDGET_MB,
      inflateBudgetBytes: env.SHIPSHAPE_INFLATE_BUDGET_MB,
      trackers: trackers.credentials,
      githubHost: env.GHE_HOST ?? "github.com",
      ...(env.GHE_PROTOCOL ? { githubProtocol: env.GHE_PROTOCOL } : {}),
      reviewActiveDays: env.SHIPSHAPE_REVIEW_ACTIVE_DAYS,
      publicUrl: env.SHIPSHAPE_PUBLIC_URL,
      signIn,
    },
    publicUrl: env.SHIPSHAPE_PUBLIC_URL,
    webhookProxyUrl: env.WEBHOOK_PROXY_URL,
    store: { ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}), dataDir: env.SHIPSHAPE_DATA_DIR },
    probot,
    redisUrl: env.REDIS_URL,
    webhookSecret: env.WEBHOOK_SECRET ?? DEVELOPMENT_SECRET,
    production: env.NODE_ENV === "production",
    server: {
      port: env.PORT,
      host: env.HOST,
      webhookPath: env.WEBHOOK_PATH ?? "/api/github/webhooks",
      workers: env.SHIPSHAPE_WORKERS,
      workersPerInstallation: env.SHIPSHAPE_WORKERS_PER_INSTALLATION,
      workersParked: env.SHIPSHAPE_WORKERS_PARKED,
      workersWhileReceiving: env.SHIPSHAPE_WORKERS_WHILE_RECEIVING,
      redeliver: !env.SHIPSHAPE_DISABLE_REDELIVERY,
    },
    digest: readDigestSettings({ SHIPSHAPE_DIGEST_WEBHOOKS: env.SHIPSHAPE_DIGEST_WEBHOOKS, SHIPSHAPE_DIGEST_SCHEDULE: env.SHIPSHAPE_DIGEST_SCHEDULE }),
  };
}

/** Sign-in with GitHub from its variables: undefined when not configured, a line to print when half or unsafely configured. */
function readSignIn(env: z.output<typeof envSchema>): SignInSettings | undefined | string {
  const { GITHUB_CLIENT_ID: clientId, GITHUB_CLIENT_SECRET: clientSecret } = env;
  if (clientId === undefined && clientSecret === undefined) return undefined;
  if (clientId === undefined || clientSecret === undefined) {
    return `Set both GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (the GitHub App's client id and a client secret), or neither: sign-in with GitHub needs the pair, and ${clientId === undefined ? "GITHUB_CLIENT_ID" : "GITHUB_CLIENT_SECRET"} is missing.`;
  }
  const sessionSecret = env.SHIPSHAPE_SESSION_SECRET ?? env.WEBHOOK_SECRET;
  if (sessionSecret === undefined || sessionSecret.length < 16) {
    return "Set SHIPSHAPE_SESSION_SECRET to a random string of at least 16 characters (or a WEBHOOK_SECRET that long): sign-in with GitHub seals user tokens with a key derived from it.";
  }
  return { clientId, clientSecret, sessionSecret, hosts: githubHosts(env.GHE_HOST, env.GHE_PROTOCOL) };
}

/** The webhook secret to verify signatures with, refusing a start that would accept forgeries. */
export function requireWebhookSecret(env: Pick<Env, "webhookSecret" | "production">): string {
  if (env.production && env.webhookSecret === DEVELOPMENT_SECRET) {
    throw new StartupError("Refusing to start: NODE_ENV=production needs a real WEBHOOK_SECRET (the one set on the GitHub App).");
  }
  return env.webhookSecret;
}

/** Shipshape's own settings from raw variables (a view of `parseEnv`, for callers that need only these). */
export function readSettings(raw: Record<string, string | undefined>): Settings {
  return parseEnv(raw).settings;
}

/** The webhook secret from raw variables (a view of `parseEnv` and `requireWebhookSecret`). */
export function webhookSecret(raw: Record<string, string | undefined>): string {
  return requireWebhookSecret(parseEnv(raw));
}
