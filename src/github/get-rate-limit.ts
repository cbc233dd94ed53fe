import type { GitHub } from "./octokit.js";

export interface RateLimitResource {
  resource: string;
  limit: number;
  remaining: number;
  /** Epoch ms. */
  resetAt: number;
}

/** The installation's REST (`core`) and GraphQL limits; this request is free (not counted by GitHub). */
export async function getRateLimit(octokit: GitHub): Promise<RateLimitResource[]> {
  const { data } = await octokit.request("GET /rate_limit");
  const resources = data.resources as Record<string, { limit: number; remaining: number; reset: number } | undefined>;
  return ["core", "graphql"].flatMap((resource) => {
    const entry = resources[resource];
    return entry ? [{ resource, limit: entry.limit, remaining: entry.remaining, resetAt: entry.reset * 1_000 }] : [];
  });
}
