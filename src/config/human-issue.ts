import type { z } from "zod";
import type { JsonSchemaNode } from "./json-schema.js";
import { nearestWord } from "../lib/nearest-word.js";

/**
 * zod's own phrasing ("Invalid option: expected one of \"a\"|\"b\"", "Too big: expected number
 * to be <=100") rewritten for the person fixing the file. Passed as the per-parse error map, so
 * the schema's own messages (which already speak to people) win over it.
 */
export function humanIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? `missing: add ${typeNoun(issue.expected)}` : `expected ${typeNoun(issue.expected)}`;
    case "invalid_value":
      return `expected ${oneOf(issue.values.map(show))}`;
    case "too_big":
      return `expected ${issue.inclusive === false ? "less than" : "at most"} ${sized(issue.origin, Number(issue.maximum))}`;
    case "too_small":
      return `expected ${issue.inclusive === false ? "more than" : "at least"} ${sized(issue.origin, Number(issue.minimum))}`;
    case "invalid_format":
      return issue.format === "regex" && "pattern" in issue ? `expected text matching ${String(issue.pattern)}` : undefined;
    default:
      return undefined;
  }
}

/** The rest of a problem's line after zod's message: what was found, and the likely intended value. */
export function echoValue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  if (input === undefined) return "";
  const shown = show(input);
  if (issue.message.includes(shown)) return "";
  const nearest = issue.code === "invalid_value" && typeof input === "string" ? nearestWord(input, issue.values.filter((value) => typeof value === "string")) : undefined;
  return `, got ${shown}${nearest ? `: did you mean ${show(nearest)}?` : ""}`;
}

/** The message for an unknown key: the nearest key of that mapping, or the keys it takes. */
export function unknownKeyMessage(params: { key: string; at: readonly PropertyKey[]; where: string; schema: () => JsonSchemaNode }): string {
  const { key, at, where, schema } = params;
  const nodes = nodesAt(schema(), at);
  const allowed = [...new Set(nodes.flatMap((node) => Object.keys(node.properties ?? {})))];
  // zod blames the key when a union's other branch fits better (`linear: {}` read as a Jira
  // entry without `jira`): the key is right, what it holds is not.
  const meant = nodes.map((node) => node.properties?.[key]).find((node) => node !== undefined);
  if (meant) return `the value of ${show(key)} does not fit: ${takes(meant)}`;
  const prefix = `unknown key ${show(key)}${where ? ` in ${where}` : ""}`;
  const nearest = nearestWord(key, allowed);
  if (nearest) return `${prefix}: did you mean ${show(nearest)}?`;
  if (allowed.length === 0) return `${prefix}: remove it or check its spelling`;
  return `${prefix}: remove it, or use one of ${allowed.join(", ")}`;
}

/** The schema nodes that may sit at `path`, through lists and every branch of a union. */
function nodesAt(node: JsonSchemaNode | undefined, path: readonly PropertyKey[]): JsonSchemaNode[] {
  if (!node) return [];
  const branches = [...(node.anyOf ?? []), ...(node.oneOf ?? [])];
  if (branches.length > 0) return branches.flatMap((branch) => nodesAt(branch, path));
  const [head, ...rest] = path;
  if (head === undefined) return [node];
  if (typeof head === "number") return nodesAt(node.items, rest);
  return nodesAt(node.properties?.[String(head)], rest);
}

/** What a mapping takes, e.g. `it takes teams (required)`. */
function takes(node: JsonSchemaNode): string {
  const keys = nodesAt(node, []).flatMap((branch) => Object.keys(branch.properties ?? {}));
  const required = new Set(nodesAt(node, []).flatMap((branch) => (Array.isArray(branch.required) ? (branch.required as string[]) : [])));
  if (keys.length === 0) return "see Shipshape's README for its form";
  return `it takes ${keys.map((name) => (required.has(name) ? `${name} (required)` : name)).join(", ")}`;
}

/** `a`, `a or b`, `a, b or c`. */
function oneOf(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1) ?? ""}`;
}

function typeNoun(expected: string): string {
  const nouns: Record<string, string> = {
    boolean: "true or false",
    number: "a number",
    int: "a whole number",
    string: "text",
    array: "a list",
    object: "a mapping of keys",
  };
  return nouns[expected] ?? expected;
}

function sized(origin: string, count: number): string {
  if (origin === "array" || origin === "set") return `${count} ${count === 1 ? "item" : "items"}`;
  if (origin === "string") return `${count} ${count === 1 ? "character" : "characters"}`;
  return String(count);
}

/** A value as the person wrote it, short enough for one line. */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length}`;
  if (value === null) return "an empty value";
  if (typeof value === "object") return "a mapping";
  return String(value);
}
