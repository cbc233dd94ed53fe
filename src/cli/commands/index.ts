import type { CliCommand } from "../context.js";
import { configCommand } from "./config.js";
import { deliveriesCommand } from "./deliveries.js";

/** Every `shipshape` subcommand, one line each. */
export const commands: CliCommand[] = [
  configCommand,
  deliveriesCommand,
];
