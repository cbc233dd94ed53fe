/** What a user may do in a repository, as GitHub reports it. */
export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** Write access: what a slash command asks of whoever overrides a check (`/shipshape skip`). */
export function canWrite(permission: Permission): boolean {
  return permission === "admin" || permission === "maintain" || permission === "write";
}
