import type { CliCommand } from "../context.js";
import { configCommand } from "./config.js";
import { deliveriesCommand } from "./deliveries.js";
import { digestCommand } from "./digest.js";

/** Every `shipshape` subcommand, one line each. */
export const commands: CliCommand[] = [
  configCommand,
  deliveriesCommand,
  digestCommand,
];
