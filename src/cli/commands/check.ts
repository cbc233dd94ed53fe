import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { CONFIG_PATH } from "../../config/config-path.js";
import type { Config } from "../../config/schema.js";
import { validateConfigObject } from "../../config/parse-config.js";
import type { DirectoryEntry } from "../../github/list-directory.js";
import type { AdrStyle } from "../../model/adr-style.js";
import { dryRunChecks } from "../../pipeline/dry-run-checks.js";
import { dryRunPullRequest, parsePullRequestInput } from "../check/pull-request-input.js";
import { checkoutFile, openCheckout, readAdrDirectory } from "../check/read-checkout.js";
import { renderJson, renderText, type JudgedPull } from "../check/render-dry-run.js";
import type { CliCommand, CliContext } from "../context.js";
import { readConfigFile } from "../read-config-file.js";

/** The largest `--pr` file read: room for thousands of PRs with their patches, bounded all the same. */
export const MAX_PR_FILE_BYTES = 50 * 1024 * 1024;

const USAGE_LINE = "Usage: shipshape check --pr FILE [--config FILE] [--repo-dir DIR] [--format text|json]";

export const checkCommand: CliCommand = {
  name: "check",
  summary: "check --pr FILE [--config FILE] [--repo-dir DIR] [--format text|json]: dry-run the checks on a PR, offline",
  usage: [
    USAGE_LINE,
    "",
    "Judges one PR (a JSON object) or several (an array) as the app's shipshape/ticket, shipshape/adr",
    "and shipshape/coverage checks would, with the same rules and texts, without GitHub or any network.",
    "PR fields: repository (owner/repo), title, branch, base, body, commits (messages), labels, author,",
    "author_type (User|Bot), draft, files ([{ filename, status, patch }]).",
    "",
    `  --config FILE    the shipshape.yml to judge with (default: DIR/${CONFIG_PATH}, else the defaults)`,
    "  --repo-dir DIR   a local checkout of the base branch: its config and its ADR directory",
    "  --format         text (default: reads like the check runs) or json ({ checks: [...] } per PR)",
    "",
    "Coverage is reported as skipped (no report offline); ticket verification is reported as skipped.",
    "Exits 1 when a check would fail, 2 when the input or the options are wrong.",
  ].join("\n"),
  async run(args, context) {
    const options = parseOptions(args);
    if ("error" in options) {
      context.err(options.error);
      return 2;
    }

    const input = await readPullRequestFile(options.pr);
    if (!input.ok) {
      context.err(input.message);
      return 2;
    }

    const checkout = options.repoDir === undefined ? undefined : await openCheckout(options.repoDir);
    if (checkout && !checkout.ok) {
      context.err(checkout.message);
      return 2;
    }

    const config = await chooseConfig({ configFile: options.config, repoDir: options.repoDir, checkout: checkout?.checkout, context });
    if (typeof config === "number") return config;

    let adr: { listing: DirectoryEntry[] | null | undefined; style: AdrStyle } = { listing: undefined, style: "nygard" };
    if (checkout && config.adr.enabled) adr = await readAdrDirectory(checkout.checkout, config.adr.directory);

    const judged: JudgedPull[] = input.pulls.map((pull, index) => {
      const { pr, files } = dryRunPullRequest(pull, index);
      return { repository: pull.repository, title: pull.title, checks: dryRunChecks({ pr, files, commits: pull.commits, adrListing: adr.listing, adrStyle: adr.style }, config) };
    });
    context.out(options.format === "json" ? renderJson(judged, input.many) : renderText(judged, input.many));
    return judged.some((pull) => pull.checks.some((check) => check.conclusion === "failure")) ? 1 : 0;
  },
};

interface Options {
  pr: string;
  config?: string;
  repoDir?: string;
  format: "text" | "json";
}

function parseOptions(args: string[]): Options | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { pr: { type: "string" }, config: { type: "string" }, "repo-dir": { type: "string" }, format: { type: "string", default: "text" } },
    }));
  } catch (error) {
    // Node's first sentence ("Unknown option '--colour'"), without its advice on positionals.
    return { error: `${(error as Error).message.split(/\.\s|\n/)[0]}.\n${USAGE_LINE}` };
  }
  if (values.pr === undefined) return { error: `--pr FILE is required: a JSON file with one PR or an array of PRs.\n${USAGE_LINE}` };
  if (values.format !== "text" && values.format !== "json") return { error: `--format must be text or json, not "${values.format}".` };
  return {
    pr: values.pr,
    format: values.format,
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(values["repo-dir"] === undefined ? {} : { repoDir: values["repo-dir"] }),
  };
}

async function readPullRequestFile(file: string): Promise<ReturnType<typeof parsePullRequestInput>> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > MAX_PR_FILE_BYTES) return { ok: false, message: `${file}: the file is ${Math.ceil(size / 1024 / 1024)} MB; the limit is ${MAX_PR_FILE_BYTES / 1024 / 1024} MB` };
    text = await readFile(file, "utf8");
  } catch (error) {
    return { ok: false, message: `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}` };
  }
  const parsed = parsePullRequestInput(text);
  return parsed.ok ? parsed : { ok: false, message: `${file}: ${parsed.message}` };
}

/**
 * `--config`, else the checkout's `.github/shipshape.yml`, else the defaults; said on stderr so
 * stdout stays the result. A broken file prints the `shipshape/config` check's problems: exit 1.
 */
async function chooseConfig(params: { configFile: string | undefined; repoDir: string | undefined; checkout: { root: string } | undefined; context: CliContext }): Promise<Config | number> {
  const { configFile, repoDir, checkout, context } = params;
  let file = configFile;
  if (file === undefined && checkout && repoDir !== undefined) {
    const found = await checkoutFile(checkout, CONFIG_PATH);
    if (found !== null) file = path.join(repoDir, CONFIG_PATH);
  }
  if (file === undefined) {
    context.err(`Judged with the default configuration (no --config${repoDir === undefined ? "" : `, no ${CONFIG_PATH} in ${repoDir}`}).`);
    const defaults = validateConfigObject(undefined);
    if (!defaults.ok) throw new Error("the default configuration does not validate");
    return defaults.config;
  }
  const result = await readConfigFile(file);
  if (result.kind === "unreadable") {
    context.err(result.line);
    return 2;
  }
  if (result.kind === "invalid") {
    for (const line of result.lines) context.err(line);
    return 1;
  }
  context.err(`Judged with ${file}.`);
  if (result.extends !== undefined) {
    context.err(`Note: _extends ${result.extends} is not followed offline; only this file's own settings (and the defaults) apply.`);
  }
  return result.config;
}
