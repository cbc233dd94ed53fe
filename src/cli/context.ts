import type { Db } from "../store/db.js";

/** What a CLI command is given: output streams, the environment, and lazy access to the store. */
export interface CliContext {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
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
