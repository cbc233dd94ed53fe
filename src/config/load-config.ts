import type { GitHub } from "../github/octokit.js";
import { getFileText } from "../github/get-file-text.js";
import type { ConfigCache } from "./config-cache.js";
import { parseConfigText, validateConfigObject, type ConfigResult } from "./parse-config.js";

export const CONFIG_FILE = "shipshape.yml";
export const CONFIG_PATH = ".github/shipshape.yml";

/**
 * The repository's configuration, from its default branch (else the organisation's `.github`
 * repo; `_extends` followed), read through Probot's `context.config`. A broken file comes back
 * as problems located at their lines, never as an exception.
 */
export async function loadConfig(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
  /** Probot's `context.config(CONFIG_FILE)`. */
  readConfig: () => Promise<unknown>;
  cache?: ConfigCache;
}): Promise<ConfigResult> {
  const { owner, repo, cache } = params;
  const cached = cache?.get(owner, repo);
  if (cached) return cached;
  const result = await readAndValidate(params);
  cache?.set(owner, repo, result);
  return result;
}

async function readAndValidate(params: { octokit: GitHub; owner: string; repo: string; readConfig: () => Promise<unknown> }): Promise<ConfigResult> {
  let value: unknown;
  try {
    value = await params.readConfig();
  } catch (error) {
    // Probot's loader throws on YAML it cannot parse; re-read the text to say where.
    if (isHttpError(error)) throw error;
    return locateInRepoFile(params, validateConfigObject(undefined), (error as Error).message);
  }
  const result = validateConfigObject(value);
  if (result.ok) return result;
  return locateInRepoFile(params, result);
}

/** Re-parses the repository's own file to put line numbers on the problems (one extra read, only when broken). */
async function locateInRepoFile(
  params: { octokit: GitHub; owner: string; repo: string },
  fallback: ConfigResult,
  loaderMessage?: string,
): Promise<ConfigResult> {
  const text = await getFileText({ octokit: params.octokit, owner: params.owner, repo: params.repo, path: CONFIG_PATH });
  if (text !== null) {
    const located = parseConfigText(text, CONFIG_PATH);
    if (!located.ok) return located;
  }
  if (!fallback.ok) return fallback;
  return { ok: false, problems: [{ file: CONFIG_PATH, path: "", message: loaderMessage ?? "the configuration could not be read" }] };
}

function isHttpError(error: unknown): boolean {
  return typeof error === "object" && error !== null && "status" in error && typeof (error as { status: unknown }).status === "number";
}
