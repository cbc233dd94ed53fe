import type { CliCommand } from "../context.js";
import { backfillCommand } from "./backfill.js";
import { checkCommand } from "./check.js";
import { configCommand } from "./config.js";
import { coverageCommand } from "./coverage.js";
import { deliveriesCommand } from "./deliveries.js";
import { digestCommand } from "./digest.js";
import { reportCommand } from "./report.js";
import { sessionsCommand } from "./sessions.js";
import { tokenCommand } from "./token.js";

/** Every `shipshape` subcommand, one line each. */
export const commands: CliCommand[] = [
  backfillCommand,
  checkCommand,
  configCommand,
  coverageCommand,
  deliveriesCommand,
  digestCommand,
  reportCommand,
  sessionsCommand,
  tokenCommand,
];
