import type { FileFacts } from "../model/pull-request-facts.js";
import type { GitHub } from "./octokit.js";

/** GitHub's pulls/{n}/files endpoint returns at most 3,000 files, 100 a page. */
export const MAX_PR_FILES = 3000;

export async function listPullRequestFiles(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
  number: number;
  onRequest?: (count: number) => void;
}): Promise<FileFacts[]> {
  const { octokit, owner, repo, number, onRequest } = params;
  const files: FileFacts[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
    owner,
    repo,
    pull_number: number,
    per_page: 100,
  })) {
    onRequest?.(1);
    for (const file of page.data) {
      files.push({
        filename: file.filename,
        ...(file.previous_filename ? { previousFilename: file.previous_filename } : {}),
        status: file.status,
        additions: file.additions,
        deletions: file.deletions,
        ...(file.patch === undefined ? {} : { patch: file.patch }),
      });
    }
    if (files.length >= MAX_PR_FILES || page.data.length < 100) break;
  }
  return files.slice(0, MAX_PR_FILES);
}
