/**
 * Merges configuration objects as Probot's `context.config` does (deepmerge's defaults): later
 * objects win, nested objects merge key by key, arrays concatenate. `configs` runs from the most
 * distant `_extends` to the repository's own file.
 */
export function mergeConfigs(configs: readonly unknown[]): unknown {
  return configs.reduce<unknown>((merged, next) => mergeTwo(merged, next), {});
}

function mergeTwo(target: unknown, source: unknown): unknown {
  if (Array.isArray(target) && Array.isArray(source)) return [...target, ...source];
  if (!isPlainObject(target) || !isPlainObject(source)) return source;
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) out[key] = key in target ? mergeTwo(target[key], value) : value;
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
