import { CHECK_KEYS, type CheckKey } from "../model/checks.js";
import type { TeamScope } from "./team-scope.js";

/** Which PRs, deployments and incidents a metric query covers. Times are epoch ms, `to` exclusive. */
export interface MetricScope {
  repoIds: readonly number[];
  from: number;
  to: number;
  /** PRs by bots are left out unless this is true. */
  includeBots?: boolean;
  /** Only the PRs of this team (its repositories' and its members'); deployments and incidents are not narrowed. */
  team?: TeamScope;
}

/** What a cycle-time report may be grouped by: the outcome of one check of the registry. */
export const GROUP_BY: readonly CheckKey[] = CHECK_KEYS;
export type GroupBy = CheckKey;
