import type { CliContext } from "../../src/cli/context.js";
import { parseEnv } from "../../src/env.js";
import type { Db } from "../../src/store/db.js";

/** A CLI context on `db` that collects what a command prints, line by line. */
export function cliContext(db: () => Db): { context: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, context: { out: (line) => out.push(line), err: (line) => err.push(line), env: parseEnv({}), db: async () => db(), interactive: false } };
}
