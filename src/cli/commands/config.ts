import { CONFIG_PATH } from "../../config/config-path.js";
import { readConfigFile } from "../read-config-file.js";
import type { CliCommand } from "../context.js";

export const configCommand: CliCommand = {
  name: "config",
  summary: "config validate [file]: check a shipshape.yml the way the shipshape/config check does",
  usage: [
    "Usage: shipshape config validate [file]",
    "",
    `Validates a Shipshape configuration file (default: ${CONFIG_PATH}) and prints each problem`,
    "with its line, exactly as the shipshape/config check run reports it. Exits 1 when invalid.",
  ].join("\n"),
  async run(args, context) {
    const [verb, file = CONFIG_PATH, ...rest] = args;
    if (verb !== "validate" || rest.length > 0) {
      context.err("Usage: shipshape config validate [file]");
      return 2;
    }
    const result = await readConfigFile(file);
    if (result.kind === "valid") {
      context.out(`${file} is valid.`);
      return 0;
    }
    if (result.kind === "unreadable") context.err(result.line);
    else for (const line of result.lines) context.err(line);
    return 1;
  },
};
