#!/usr/bin/env node
import { parseEnv, StartupError } from "../env.js";
import { processContext, runCli } from "./main.js";

// The CLI's one read of the environment, as main.ts is the server's: a bad variable stops here.
let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  console.error(error instanceof StartupError ? error.message : error);
  process.exit(1);
}
const context = processContext(env);
runCli(process.argv.slice(2), context)
  .then(async (code) => {
    await context.closeDb();
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    context.err(error instanceof Error ? error.message : String(error));
    await context.closeDb().catch(() => undefined);
    process.exitCode = 1;
  });
