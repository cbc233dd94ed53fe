import type { Settings } from "../app-deps.js";
import type { DigestSettings } from "../digest/digest-settings.js";
import type { Db, OpenStoreOptions } from "../store/db.js";

/** The environment as the commands use it, parsed once at start (`parseEnv` in `src/env.ts`). */
export interface CliEnv {
  settings: Settings;
  /** Where the app's store is (DATABASE_URL or SHIPSHAPE_DATA_DIR). */
  store: OpenStoreOptions;
  /** Probot's variables (APP_ID, PRIVATE_KEY, GHE_HOST…), to act as the app. */
  probot: Partial<NodeJS.ProcessEnv>;
  /** The digest's webhooks and schedule, with the problems found in them. */
  digest: { settings: DigestSettings; problems: string[] };
}

/** What a CLI command is given: output streams, the environment, and lazy access to the store. */
export interface CliContext {
  out: (line: string) => void;
  err: (line: string) => void;
  env: CliEnv;
  /** Opens the store named by the environment (DATABASE_URL or SHIPSHAPE_DATA_DIR) on first use. */
  db(): Promise<Db>;
  /** True when stdout is a terminal (progress bars, colours). */
  interactive: boolean;
}

/** A `shipshape <name> …` subcommand. Returns the process exit code. */
export interface CliCommand {
  name: string;
  /** One line for `shipshape --help`. */
  summary: string;
  /** Full usage text for `shipshape <name> --help`. */
  usage: string;
  run(args: string[], context: CliContext): Promise<number>;
}
