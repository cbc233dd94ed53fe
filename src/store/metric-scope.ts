/** Which PRs, deployments and incidents a metric query covers. Times are epoch ms, `to` exclusive. */
export interface MetricScope {
  repoIds: readonly number[];
  from: number;
  to: number;
  /** PRs by bots are left out unless this is true. */
  includeBots?: boolean;
}

export const GROUP_BY = ["ticket", "adr", "coverage"] as const;
export type GroupBy = (typeof GROUP_BY)[number];
