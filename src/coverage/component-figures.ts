import { globMatcher } from "../lib/glob.js";
import { code } from "../lib/markdown-text.js";
import type { FileCoverage } from "../model/coverage-report.js";
import type { CoverageComponent } from "./component-prefixes.js";
import { fmt, round1, signed } from "./figure-format.js";
import type { ComponentFigures, CoverageFacts, CoverageFigures } from "./coverage-facts.js";

export type { ComponentFigures } from "./coverage-facts.js";

/** Most components named in the check's title; the rest are counted. */
export const TITLE_MAX_COMPONENTS = 3;

/** One component's figures, judged by its own targets. */
type JudgedFacts = CoverageFacts & { head: ReadonlyMap<string, FileCoverage> };

/**
 * The facts narrowed to one component: the report's files, the base's and the PR's whose paths
 * its globs match, and its own targets, each falling back to the coverage section's. A component's
 * `threshold` or `max_drop` is its allowed drop; without either the section's applies.
 */
export function componentFacts(facts: JudgedFacts, component: CoverageComponent): JudgedFacts {
  const isIn = globMatcher(component.paths);
  const { config } = facts;
  const own = { patch: component.patch ?? {}, project: component.project ?? {} };
  return {
    ...facts,
    head: new Map([...facts.head].filter(([path]) => isIn(path))),
    base: facts.base && { ...facts.base, files: new Map([...facts.base.files].filter(([path]) => isIn(path))) },
    prFiles: facts.prFiles.filter((file) => isIn(file.filename)),
    config: {
      ...config,
      patch: {
        target: own.patch.target ?? config.patch.target,
        threshold: own.patch.threshold ?? config.patch.threshold ?? 0,
        informational: own.patch.informational ?? config.patch.informational ?? false,
      },
      project: {
        max_drop: own.project.threshold ?? own.project.max_drop ?? config.project.threshold ?? config.project.max_drop,
        informational: own.project.informational ?? config.project.informational ?? false,
      },
    },
  };
}

/** What each missed component figure says in the title, its name first. */
export function componentMisses(components: readonly ComponentFigures[], coverTitle: (figures: CoverageFigures) => string): string[] {
  const misses: string[] = [];
  for (const { name, figures, patchInformational, projectInformational } of components) {
    const parts: string[] = [];
    if (figures.patchMiss && figures.patchPct !== null && figures.target !== null) {
      const cover = coverTitle(figures);
      parts.push(`${cover.charAt(0).toLowerCase()}${cover.slice(1)} (patch ${fmt(figures.patchPct)}%, target ${fmt(figures.target)}%)${patchInformational ? ", informational" : ""}`);
    }
    if (figures.projectMiss && figures.delta !== null) parts.push(`project dropped ${fmt(-figures.delta)} pts; allowed ${fmt(figures.allowedDrop)}${projectInformational ? ", informational" : ""}`);
    if (parts.length > 0) misses.push(`Component ${name}: ${parts.join(", ")}`);
  }
  if (misses.length <= TITLE_MAX_COMPONENTS) return misses;
  return [...misses.slice(0, TITLE_MAX_COMPONENTS), `${misses.length - TITLE_MAX_COMPONENTS} more component(s) miss`];
}

/** The components as a Markdown table: each one's patch and project figure against its own targets, and its verdict. */
export function componentsTable(components: readonly ComponentFigures[]): string[] {
  if (components.length === 0) return [];
  const rows = components.map(({ name, figures, patchInformational, projectInformational, fails }) => {
    const patch =
      figures.patchPct === null
        ? "n/a (no changed lines)"
        : `${fmt(figures.patchPct)}% of ${figures.patch.coverable} changed lines (target ${figures.target === null ? "auto: no base" : `${fmt(figures.target)}%`})`;
    const project =
      figures.headPct === null
        ? "n/a (not in the report)"
        : `${fmt(round1(figures.headPct))}% (${figures.delta === null ? "base unknown" : `${signed(figures.delta)} pts, allowed drop ${fmt(figures.allowedDrop)}`})`;
    const missed = [
      ...(figures.patchMiss ? [`patch misses: cover ${figures.linesToCover} more${patchInformational ? " (informational)" : ""}`] : []),
      ...(figures.projectMiss ? [`project misses${projectInformational ? " (informational)" : ""}`] : []),
    ];
    const verdict = missed.length === 0 ? "holds" : `${fails ? "fails" : "neutral"}: ${missed.join(", ")}`;
    return `| ${code(name)} | ${patch} | ${project} | ${verdict} |`;
  });
  return ["| Component | Patch | Project | Verdict |", "|---|---|---|---|", ...rows];
}
