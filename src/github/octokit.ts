import type { ProbotOctokit } from "probot";

/** The Octokit Probot hands out (`context.octokit`): every GitHub call goes through one. */
export type GitHub = ProbotOctokit;

export interface RepoParams {
  owner: string;
  repo: string;
}
