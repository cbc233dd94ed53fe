import type { GitHub } from "../github/octokit.js";
import { getFileText, MAX_REPO_FILE_BYTES, type RepoFile } from "../github/get-file-text.js";
import { CONFIG_PATH } from "../config/config-path.js";
import { tooLarge } from "../config/too-large.js";
import type { BoundedCache } from "../lib/bounded-cache.js";
import { configCacheKey } from "./config-cache.js";
import { extendsTarget, type ExtendsTarget } from "../config/extends-target.js";
import { mergeConfigs } from "../config/merge-configs.js";
import { extendsProblems, locateInLineOrder, readConfigDocument, validateConfigObject, type ConfigProblem, type ConfigResult } from "../config/parse-config.js";

/** Longest `_extends` chain followed; a longer one is a problem of the file that goes past it. */
export const MAX_EXTENDS_DEPTH = 5;

/**
 * The repository's configuration, with `context.config`'s semantics: the repo's file on its
 * default branch, else the organisation's `.github` repo's file; `_extends` followed (only to
 * another `shipshape.yml`) and merged as Probot merges. Every file's size is checked before it
 * is decoded or parsed. A broken file comes back as problems located at their lines, never as an
 * exception; an extended file's problems are counted, not listed, since that repository may be
 * private and this check run is not.
 */
export async function loadConfig(params: { octokit: GitHub; owner: string; repo: string; cache?: BoundedCache<ConfigResult> }): Promise<ConfigResult> {
  const { owner, repo, cache } = params;
  if (!cache) return readAndValidate(params);
  const key = configCacheKey(owner, repo);
  const cached = cache.get(key);
  if (cached) return cached;
  // Two handlers of one delivery (coverage and deployments on `workflow_run`) ask at once: one read.
  let pending = inFlight.get(cache);
  if (!pending) inFlight.set(cache, (pending = new Map()));
  const running = pending.get(key);
  if (running) return running;
  const reading = readAndValidate(params)
    .then((result) => {
      cache.set(key, result);
      return result;
    })
    .finally(() => pending.delete(key));
  pending.set(key, reading);
  return reading;
}

/** Reads under way per cache and repository, so concurrent misses share one set of requests. */
const inFlight = new WeakMap<BoundedCache<ConfigResult>, Map<string, Promise<ConfigResult>>>();

type Read = (target: ExtendsTarget) => Promise<RepoFile>;

async function readAndValidate(params: { octokit: GitHub; owner: string; repo: string }): Promise<ConfigResult> {
  const { octokit, owner, repo } = params;
  const read: Read = (target) => getFileText({ octokit, ...target, maxBytes: MAX_REPO_FILE_BYTES });
  let target: ExtendsTarget = { owner, repo, path: CONFIG_PATH };
  let file = await read(target);
  if (file.kind === "missing" && repo !== ".github") {
    target = { owner, repo: ".github", path: CONFIG_PATH };
    file = await read(target);
  }
  if (file.kind === "missing") return validateConfigObject(undefined);
  // The repo's own file is named as users know it; the organisation's by its repository.
  const label = target.repo === repo ? CONFIG_PATH : describe(target);
  return followChain({ read, owner, first: { target, file, label } });
}

async function followChain(params: { read: Read; owner: string; first: { target: ExtendsTarget; file: RepoFile; label: string } }): Promise<ConfigResult> {
  const { read, owner, first } = params;
  const own = judgeOwnFile(first.file, first.label, owner);
  if (!own.ok) return own;
  const values: unknown[] = [own.value];
  const seen = new Set([key(first.target)]);
  let next = own.extends;
  let from = first.label;
  while (next) {
    if (seen.has(key(next))) return fail({ file: from, path: "_extends", message: `_extends loops back to ${describe(next)}` });
    if (seen.size > MAX_EXTENDS_DEPTH) return fail({ file: from, path: "_extends", message: `_extends is followed at most ${MAX_EXTENDS_DEPTH} files deep` });
    seen.add(key(next));
    const label = describe(next);
    const judged = judgeExtendedFile(await read(next), label, owner);
    if (!judged.ok) return judged;
    values.push(judged.value);
    next = judged.extends;
    from = label;
  }
  // Each file is valid on its own; the merge can still break a rule (a list grown past its cap).
  const merged = validateConfigObject(mergeConfigs(values.reverse()), first.label);
  return merged;
}

type Judged = { ok: true; value: unknown; extends?: ExtendsTarget } | { ok: false; problems: ConfigProblem[] };

/** The repository's (or the organisation's) own file: every problem listed at its line. */
function judgeOwnFile(file: RepoFile, label: string, owner: string): Judged {
  if (file.kind === "too-large") return fail({ file: label, path: "", line: 1, message: tooLarge(file) });
  if (file.kind === "missing") return { ok: true, value: {} };
  const document = readConfigDocument(file.text, label);
  if (!document.ok) return document;
  const problems = [...extendsProblems(document.value, label, owner), ...invalid(document.value, label)];
  if (problems.length > 0) return { ok: false, problems: locateInLineOrder(problems, document.locate) };
  return { ok: true, value: document.value, ...extendsOf(document.value, owner) };
}

/** A file reached through `_extends`: problems counted with their lines, never its keys or values. */
function judgeExtendedFile(file: RepoFile, label: string, owner: string): Judged {
  if (file.kind === "too-large") return fail({ file: label, path: "", message: `the extended file ${label} is ${kb(file.size)} KB; the limit is ${kb(file.limit)} KB` });
  if (file.kind === "missing") return fail({ file: label, path: "_extends", message: `the extended file ${label} does not exist, or Shipshape's installation cannot read it` });
  const document = readConfigDocument(file.text, label);
  const problems = document.ok ? locateInLineOrder([...extendsProblems(document.value, label, owner), ...invalid(document.value, label)], document.locate) : document.problems;
  if (problems.length === 0 && document.ok) return { ok: true, value: document.value, ...extendsOf(document.value, owner) };
  const lines = [...new Set(problems.flatMap((problem) => (problem.line === undefined ? [] : [problem.line])))].sort((a, b) => a - b);
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const at = lines.length > 0 ? ` (line${lines.length === 1 ? "" : "s"} ${lines.join(", ")})` : "";
  return fail({ file: label, path: "_extends", message: `the extended file ${label} has ${count}${at}; fix them there, where \`shipshape config validate\` lists them` });
}

function extendsOf(value: unknown, owner: string): { extends?: ExtendsTarget } {
  if (typeof value !== "object" || value === null || !("_extends" in value)) return {};
  const target = extendsTarget((value as { _extends: unknown })._extends, owner);
  return target.ok ? { extends: target.target } : {};
}

function invalid(value: unknown, file: string): ConfigProblem[] {
  const result = validateConfigObject(value, file);
  return result.ok ? [] : result.problems;
}

function fail(problem: ConfigProblem): { ok: false; problems: ConfigProblem[] } {
  return { ok: false, problems: [problem] };
}

function kb(bytes: number): number {
  return Math.ceil(bytes / 1024);
}

function describe(target: ExtendsTarget): string {
  return `${target.owner}/${target.repo}:${target.path}`;
}

function key(target: ExtendsTarget): string {
  return describe(target).toLowerCase();
}
