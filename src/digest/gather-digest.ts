import type { FiguresSource, PhaseWeek, Scope, ScopeFigures } from "../reporting/figures.js";
import { digestWeek } from "./period.js";

const DAY = 86_400_000;

/** What a weekly digest says: last week's figures beside the four weeks before. */
export interface Digest {
  scope: Scope;
  /** ISO week summarised, e.g. `2024-W23`. */
  period: string;
  week: ScopeFigures;
  /** Medians over the four weeks before `week`. */
  previous: PhaseWeek;
}

/** Gathers the digest sent at `now`: the last complete week, and the four weeks before it. */
export async function gatherDigest(params: { source: FiguresSource; scope: Scope; now: Date }): Promise<Digest> {
  const { from, to, period } = digestWeek(params.now);
  // The operator configures where a digest goes (or runs the CLI): it counts every repository of the scope.
  const viewer = { kind: "all" } as const;
  const week = await params.source.figures({ scope: params.scope, range: { from, to }, now: params.now, viewer });
  const before = await params.source.figures({ scope: params.scope, range: { from: new Date(from.getTime() - 28 * DAY), to: from }, now: params.now, viewer });
  return { scope: params.scope, period, week, previous: before.total };
}
