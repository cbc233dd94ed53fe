import { readFile, stat } from "node:fs/promises";
import { formatProblem } from "../config/config-check-result.js";
import { parseConfigText, readConfigDocument } from "../config/parse-config.js";
import type { Config } from "../config/schema.js";
import { tooLarge } from "../config/too-large.js";
import { MAX_REPO_FILE_BYTES } from "../github/get-file-text.js";

/** A local `shipshape.yml`, judged as the `shipshape/config` check judges it. */
export type LocalConfig =
  | { kind: "valid"; config: Config; /** The `_extends` value, when the file has one (it is not followed offline). */ extends?: string }
  | { kind: "invalid"; /** "Fix 2 problems in FILE:" then one indented line per problem, as the check words them. */ lines: string[] }
  | { kind: "unreadable"; line: string };

/**
 * Reads and validates a configuration file from disk with the check's own parser, messages and
 * size cap (a file GitHub would refuse is refused here, by its size, before it is read). Used by
 * `shipshape config validate` and `shipshape check --config`.
 */
export async function readConfigFile(file: string): Promise<LocalConfig> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > MAX_REPO_FILE_BYTES) {
      return { kind: "invalid", lines: [`Fix 1 problem in ${file}:`, `  ${file}:1: ${tooLarge({ size, limit: MAX_REPO_FILE_BYTES })}`] };
    }
    text = await readFile(file, "utf8");
  } catch (error) {
    return { kind: "unreadable", line: `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}` };
  }
  const result = parseConfigText(text, file);
  if (!result.ok) {
    const count = result.problems.length === 1 ? "1 problem" : `${result.problems.length} problems`;
    return { kind: "invalid", lines: [`Fix ${count} in ${file}:`, ...result.problems.map((problem) => `  ${formatProblem(problem)}`)] };
  }
  const document = readConfigDocument(text, file);
  const value = document.ok ? document.value : undefined;
  const extendsValue = typeof value === "object" && value !== null && "_extends" in value ? (value as { _extends: unknown })._extends : undefined;
  return { kind: "valid", config: result.config, ...(typeof extendsValue === "string" ? { extends: extendsValue } : {}) };
}
