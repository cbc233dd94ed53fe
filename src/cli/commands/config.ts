import { readFile, stat } from "node:fs/promises";
import { formatProblem } from "../../config/config-check-result.js";
import { tooLarge } from "../../config/too-large.js";
import { CONFIG_PATH } from "../../config/config-path.js";
import { MAX_REPO_FILE_BYTES } from "../../github/get-file-text.js";
import { parseConfigText } from "../../config/parse-config.js";
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
    let text: string;
    try {
      // The same cap as the check: a file GitHub would refuse is refused here, before it is read.
      const { size } = await stat(file);
      if (size > MAX_REPO_FILE_BYTES) {
        context.err(`Fix 1 problem in ${file}:`);
        context.err(`  ${file}:1: ${tooLarge({ size, limit: MAX_REPO_FILE_BYTES })}`);
        return 1;
      }
      text = await readFile(file, "utf8");
    } catch (error) {
      context.err(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
      return 1;
    }
    const result = parseConfigText(text, file);
    if (result.ok) {
      context.out(`${file} is valid.`);
      return 0;
    }
    const count = result.problems.length === 1 ? "1 problem" : `${result.problems.length} problems`;
    context.err(`Fix ${count} in ${file}:`);
    for (const problem of result.problems) context.err(`  ${formatProblem(problem)}`);
    return 1;
  },
};
