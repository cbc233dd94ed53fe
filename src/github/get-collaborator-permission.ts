import type { Permission } from "../model/permission.js";
import type { GitHub } from "./octokit.js";

/**
 * The user's permission on the repository. `permission` is GitHub's legacy field (maintain shows
 * as write, triage as read); `role_name` is the precise one, used when present.
 */
export async function getCollaboratorPermission(params: { octokit: GitHub; owner: string; repo: string; username: string }): Promise<Permission> {
  const { octokit, owner, repo, username } = params;
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
    const role = (data as { role_name?: string }).role_name;
    return isPermission(role) ? role : isPermission(data.permission) ? data.permission : "none";
  } catch (error) {
    // GitHub answers 404 for a user who is not a collaborator (or does not exist).
    if ((error as { status?: number }).status === 404) return "none";
    throw error;
  }
}

function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && ["admin", "maintain", "write", "triage", "read", "none"].includes(value);
}
