import type { GitHub } from "./octokit.js";

/** The largest repository file Shipshape reads (its config, an ADR): 256 KB. */
export const MAX_REPO_FILE_BYTES = 256 * 1024;

/** A repository file as Shipshape reads it: its text, or only its size when that is over the cap. */
export type RepoFile = { kind: "file"; text: string } | { kind: "too-large"; size: number; limit: number } | { kind: "missing" };

/**
 * The file at `ref` (default branch when omitted). One request for the JSON form, which carries
 * the file's `size` next to its base64 content (GitHub leaves the content out past 1 MB), so a
 * file over `maxBytes` is never decoded or parsed: a 16 MB `shipshape.yml` once blocked the event
 * loop for 20 s. A directory or a submodule is `missing`.
 */
export async function getFileText(params: { octokit: GitHub; owner: string; repo: string; path: string; ref?: string; maxBytes?: number }): Promise<RepoFile> {
  const { octokit, owner, repo, path, ref, maxBytes = MAX_REPO_FILE_BYTES } = params;
  let data: unknown;
  try {
    const response = await octokit.rest.repos.getContent({ owner, repo, path, ...(ref ? { ref } : {}) });
    data = response.data;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return { kind: "missing" };
    throw error;
  }
  // A server that answers the raw form anyway (a proxy, an old GHES): capped after the fact.
  if (typeof data === "string") return capped(data, Buffer.byteLength(data), maxBytes);
  if (data instanceof ArrayBuffer) return data.byteLength > maxBytes ? { kind: "too-large", size: data.byteLength, limit: maxBytes } : { kind: "file", text: Buffer.from(data).toString("utf8") };
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { kind: "missing" };
  const file = data as { type?: unknown; size?: unknown; content?: unknown; encoding?: unknown };
  if (file.type !== "file") return { kind: "missing" };
  const size = typeof file.size === "number" ? file.size : Number.POSITIVE_INFINITY;
  if (size > maxBytes) return { kind: "too-large", size, limit: maxBytes };
  if (file.encoding !== "base64" || typeof file.content !== "string") return { kind: "too-large", size, limit: maxBytes };
  const text = Buffer.from(file.content, "base64").toString("utf8");
  return capped(text, Buffer.byteLength(text), maxBytes);
}

function capped(text: string, size: number, limit: number): RepoFile {
  return size > limit ? { kind: "too-large", size, limit } : { kind: "file", text };
}
