import type { BackfillRunner } from "./model/backfill-runner.js";
import type { MemoryBudget } from "./lib/byte-budget.js";
import type { Caches } from "./gather/caches.js";
import type { SignInSettings } from "./auth/sign-in-settings.js";
import type { Db } from "./store/db.js";
import type { Telemetry } from "./lib/telemetry.js";
import type { TrackerCredentials } from "./trackers/tracker-credentials.js";
import type { TrackerIo } from "./trackers/request-tracker.js";

/** Settings read once from the environment at start (see `.env.example`). */
export interface Settings {
  /** Bearer token for `/api` and `/dashboard`; unset means those routes answer 401. */
  apiToken: string | undefined;
  /** Days of history imported on installation and by `shipshape backfill`. */
  backfillDays: number;
  /** Largest share (0-1) of an installation's remaining rate limit a backfill may spend; default 0.5. */
  backfillShare?: number;
  /** Folder for the SQLite file and other local data. */
  dataDir: string;
  /** Bytes of webhook bodies read at once before their signature is checked; default 64 MB. */
  webhookBodyBudgetBytes?: number;
  /** Bytes inflated at once from coverage artifacts and uploads; default 320 MB. */
  inflateBudgetBytes?: number;
  /** Jira and Linear credentials per owner (`SHIPSHAPE_JIRA`, `SHIPSHAPE_LINEAR`); none when unset. */
  trackers?: TrackerCredentials;
  /** The GitHub host the app talks to (`GHE_HOST`, else github.com): issue URLs count as tickets only there. */
  githubHost?: string;
  /** `GHE_PROTOCOL` (https unless set): with `githubHost`, where PR links point when no `html_url` was stored. */
  githubProtocol?: "https" | "http";
  /** The dashboard's "waiting for review" lists PRs active within this many days; older ones are counted as stale. Default 30. */
  reviewActiveDays?: number;
  /** `SHIPSHAPE_PUBLIC_URL`: texts posted to GitHub and the digest link the dashboard there; unset = no dashboard links. */
  publicUrl?: string | undefined;
  /** Sign-in with GitHub for the dashboard (`GITHUB_CLIENT_ID` / `GITHUB_CLIENT_SECRET`); unset = the token form only. */
  signIn?: SignInSettings | undefined;
}

/** What the app's handlers and routes are given: everything with state or I/O, injected. */
export interface AppDeps {
  db: Db;
  now: () => Date;
  /** Every cache of the process, made once by `createCaches`. */
  caches: Caches;
  telemetry: Telemetry;
  /** The process's memory budget (webhook bodies before authentication, inflated coverage): one per app. */
  memory: MemoryBudget;
  settings: Settings;
  /** How the ticket check reaches Jira and Linear (plain `fetch` unless given) and where it tells the operator about bad credentials. */
  trackers?: { io?: TrackerIo; warn?: (line: string) => void };
  /** Runs backfills in the background; without one the app builds its own from `app.auth`. */
  backfills?: BackfillRunner;
}
