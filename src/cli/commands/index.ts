import type { CliCommand } from "../context.js";

/** Every `shipshape` subcommand, one line each. */
export const commands: CliCommand[] = [];
