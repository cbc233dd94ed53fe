import type { GitHub } from "./octokit.js";

/** A file's text at `ref` (default branch when omitted), or null when there is no such file. */
export async function getFileText(params: { octokit: GitHub; owner: string; repo: string; path: string; ref?: string }): Promise<string | null> {
  const { octokit, owner, repo, path, ref } = params;
  try {
    const response = await octokit.rest.repos.getContent({
      owner,
      repo,
      path,
      ...(ref ? { ref } : {}),
      mediaType: { format: "raw" },
    });
    const data: unknown = response.data;
    if (typeof data === "string") return data;
    if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
    return null; // a directory or a submodule
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}
