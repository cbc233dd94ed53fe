import type { Config } from "../config/schema.js";
import { compileGlob } from "../lib/glob.js";
import type { ReportPrefixes } from "../model/coverage-report.js";

/** One `coverage.components` entry. */
export type CoverageComponent = Config["coverage"]["components"][number];

/**
 * The path prefixes for a report that arrives as the artifact named `artifact` (the first
 * component whose `artifact` glob matches it) or as an upload flagged with a component: its
 * `prefix` for every package-relative path, and every component's prefix for the JaCoCo module of
 * its name. Undefined when no component gives a prefix.
 */
export function componentPrefixes(components: readonly CoverageComponent[], source: { artifact: string } | { component: CoverageComponent }): ReportPrefixes | undefined {
  const modules = new Map<string, string>();
  for (const component of components) if (component.prefix !== undefined) modules.set(component.name, component.prefix);
  const owner = "component" in source ? source.component : components.find((component) => component.artifact !== undefined && compileGlob(component.artifact).matches(source.artifact));
  const prefix = owner?.prefix;
  if (prefix === undefined && modules.size === 0) return undefined;
  return { ...(prefix === undefined ? {} : { prefix }), ...(modules.size === 0 ? {} : { modules }) };
}

/** The component an upload's `flag` (or `component`) names, or a one-line reason why there is none. */
export function componentByFlag(components: readonly CoverageComponent[], flag: string, repo: string): { component: CoverageComponent } | { error: string } {
  const component = components.find((candidate) => candidate.name === flag);
  if (component) return { component };
  const known = components.map((candidate) => candidate.name);
  const name = JSON.stringify(flag.slice(0, 64));
  return {
    error: `add a component named ${name} to coverage.components in .github/shipshape.yml, or upload without the flag: ${repo} has ${known.length > 0 ? `only ${known.join(", ")}` : "no components"}`,
  };
}
