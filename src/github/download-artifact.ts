import type { GitHub } from "./octokit.js";

/** Artifacts larger than this (compressed) are not downloaded. */
export const MAX_ARTIFACT_BYTES = 100 * 1024 * 1024;

export class ArtifactTooLargeError extends Error {}

/**
 * Downloads an artifact's zip. GitHub answers the API request with a 302 to a short-lived
 * storage URL; we take the redirect by hand and fetch it at once, without our credentials
 * (the URL is pre-signed), counting bytes as they arrive so an oversized one is dropped early.
 */
export async function downloadArtifact(params: { octokit: GitHub; owner: string; repo: string; artifactId: number; maxBytes?: number; fetch?: typeof globalThis.fetch }): Promise<Buffer> {
  const { octokit, owner, repo, artifactId } = params;
  const maxBytes = params.maxBytes ?? MAX_ARTIFACT_BYTES;
  const response = await octokit.request("GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}", {
    owner,
    repo,
    artifact_id: artifactId,
    archive_format: "zip",
    request: { redirect: "manual", parseSuccessResponseBody: false },
  });
  const location = (response.headers as Record<string, string | undefined>).location;
  if (!location) throw new Error(`GitHub gave no download location for artifact ${artifactId} (status ${response.status})`);
  const download = await (params.fetch ?? globalThis.fetch)(location, { redirect: "follow" });
  if (!download.ok || !download.body) throw new Error(`artifact ${artifactId} download failed with status ${download.status}`);
  const declared = Number(download.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new ArtifactTooLargeError(`artifact ${artifactId} is ${declared} bytes; the limit is ${maxBytes}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of download.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new ArtifactTooLargeError(`artifact ${artifactId} is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
