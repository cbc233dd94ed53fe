#!/usr/bin/env node
import { processContext, runCli } from "./main.js";

const context = processContext(process.env);
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
