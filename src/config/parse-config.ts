import { LineCounter, isMap, isSeq, parseDocument, type Node } from "yaml";
import type { z } from "zod";
import { extendsTarget } from "./extends-target.js";
import { echoValue, humanIssueMessage, unknownKeyMessage } from "./human-issue.js";
import { configJsonSchemaObject, type JsonSchemaNode } from "./json-schema.js";
import { configSchema, type Config } from "./schema.js";

/** One thing wrong with a configuration file, located as precisely as the file allows. */
export interface ConfigProblem {
  /** The file the problem is in, e.g. `.github/shipshape.yml`. */
  file: string;
  /** Dotted key path, e.g. `tickets.providers[1]`; empty for the whole file. */
  path: string;
  /** 1-based line and column in `file`, when known. */
  line?: number;
  column?: number;
  message: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

/** Keys the loader understands that are not part of the schema. */
const LOADER_KEYS = ["_extends"];

/** A YAML file read into a value, with a way to put a key path back on its line. */
export type ConfigDocument =
  | { ok: true; value: unknown; locate: (path: string) => { line?: number; column?: number } }
  | { ok: false; problems: ConfigProblem[] };

/** Reads the YAML of a `shipshape.yml`: syntax errors and alias bombs become located problems. */
export function readConfigDocument(text: string, file: string): ConfigDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const at = lineCounter.linePos(error.pos[0]);
        return { file, path: "", line: at.line, column: at.col, message: `YAML syntax: ${firstLine(error.message)}` };
      }),
    };
  }
  try {
    const value: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
    return { ok: true, value, locate: (path) => locate(doc.contents, path, lineCounter) };
  } catch (error) {
    // yaml refuses alias chains that would expand exponentially ("billion laughs").
    return { ok: false, problems: [{ file, path: "", line: 1, column: 1, message: `YAML: ${firstLine((error as Error).message)}` }] };
  }
}

/**
 * Parses and validates the text of a `shipshape.yml`, locating every problem at its line. An
 * `_extends` is checked for where it points (see `extendsTarget`), not followed.
 */
export function parseConfigText(text: string, file = ".github/shipshape.yml"): ConfigResult {
  const document = readConfigDocument(text, file);
  if (!document.ok) return document;
  const problems = [...extendsProblems(document.value, file), ...validationProblems(document.value, file)];
  if (problems.length === 0) return validateConfigObject(document.value, file);
  return { ok: false, problems: locateInLineOrder(problems, document.locate) };
}

/** Puts each problem on its line, listed as the file reads, top to bottom (zod reports them in the schema's order). */
export function locateInLineOrder(problems: ConfigProblem[], locate: (path: string) => { line?: number; column?: number }): ConfigProblem[] {
  return problems
    .map((problem, index) => ({ problem: { ...problem, ...locate(problem.path) }, index }))
    .sort((a, b) => (a.problem.line ?? 0) - (b.problem.line ?? 0) || (a.problem.column ?? 0) - (b.problem.column ?? 0) || a.index - b.index)
    .map(({ problem }) => problem);
}

/** The problem with a file's `_extends`, if it has one that cannot be followed. */
export function extendsProblems(value: unknown, file: string, owner = "owner"): ConfigProblem[] {
  if (typeof value !== "object" || value === null || !("_extends" in value)) return [];
  const target = extendsTarget((value as { _extends: unknown })._extends, owner);
  return target.ok ? [] : [{ file, path: "_extends", message: target.message }];
}

function validationProblems(value: unknown, file: string): ConfigProblem[] {
  const result = validateConfigObject(value, file);
  return result.ok ? [] : result.problems;
}

/** Validates an already-parsed configuration object (as Probot's `context.config` returns it). */
export function validateConfigObject(value: unknown, file = ".github/shipshape.yml"): ConfigResult {
  if (value === null || value === undefined) return { ok: true, config: configSchema.parse({}) };
  if (typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, problems: [{ file, path: "", message: "expected a mapping of sections (tickets, adr, coverage, metrics)" }] };
  }
  const withoutLoaderKeys = Object.fromEntries(Object.entries(value).filter(([key]) => !LOADER_KEYS.includes(key)));
  const parsed = configSchema.safeParse(withoutLoaderKeys, { reportInput: true, error: humanIssueMessage });
  if (parsed.success) return { ok: true, config: parsed.data };
  // Built once per file, and only when a key is unknown: a file of 5,000 typos stays fast.
  let jsonSchema: JsonSchemaNode | undefined;
  const schema = () => (jsonSchema ??= configJsonSchemaObject());
  return { ok: false, problems: parsed.error.issues.flatMap((issue) => toProblems(issue, file, schema)) };
}

function toProblems(issue: z.core.$ZodIssue, file: string, schema: () => JsonSchemaNode): ConfigProblem[] {
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ file, path: path ? `${path}.${key}` : key, message: unknownKeyMessage({ key, at: issue.path, where: path, schema }) }));
  }
  if (issue.code === "invalid_union") {
    // A branch whose issues lie below the union's own path matched the shape (say `pattern:`)
    // and failed inside it: its message is the useful one.
    const deeper = issue.errors.find((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
    if (deeper) return deeper.flatMap((inner) => toProblems({ ...inner, path: [...issue.path, ...inner.path] }, file, schema));
    // A union with its own message (e.g. `patch.target`: a number or "auto") says it best.
    if (issue.message !== "Invalid input") return [{ file, path, message: `${issue.message}${echoValue(issue)}` }];
    return [{ file, path, message: `expected a provider: github, jira, linear, asana, azure-boards, shortcut, { jira: { keys: [...] } }, { linear: { teams: [...] } } or { pattern: "..." }${echoValue(issue)}` }];
  }
  return [{ file, path, message: `${issue.message.replace(/^Invalid input: /, "")}${echoValue(issue)}` }];
}

/** `["tickets", "providers", 1]` -> `tickets.providers[1]` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join("");
}

/** Finds the deepest node of `path` that exists in the document and returns its position. */
function locate(root: unknown, path: string, lineCounter: LineCounter): { line?: number; column?: number } {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let node = root as Node | null | undefined;
  let position = node?.range ? node.range[0] : undefined;
  for (const part of parts) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === part);
      if (!pair) break;
      position = (pair.key as Node).range?.[0] ?? position;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(part)] as Node | undefined;
      if (!item) break;
      position = item.range?.[0] ?? position;
      node = item;
    } else {
      break;
    }
  }
  if (position === undefined) return {};
  const at = lineCounter.linePos(position);
  return { line: at.line, column: at.col };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
