/** Where an `_extends` points: another repository's Shipshape config. */
export interface ExtendsTarget {
  owner: string;
  repo: string;
  path: string;
}

/** The paths `_extends` may name: a Shipshape config, never any other file of the repository. */
export const EXTENDABLE_PATHS = [".github/shipshape.yml", "shipshape.yml"] as const;

// Probot's syntax: `repo`, `owner/repo`, `owner/repo:path` (octokit-plugin-config's EXTENDS_REGEX).
const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w]{1,100})(?::([-_./\w]{1,200}))?$/i;

/**
 * The file an `_extends` value names, resolved against `owner`, or why it cannot be followed.
 * Only a `shipshape.yml` may be extended: the app reads it with the installation's token, and an
 * arbitrary file of a private repository (`acme/infra:deploy/prod.yml`) would have its key
 * names echoed into a public check run.
 */
export function extendsTarget(value: unknown, owner: string): { ok: true; target: ExtendsTarget } | { ok: false; message: string } {
  const usage = `"repo", "owner/repo" or "owner/repo:${EXTENDABLE_PATHS[0]}"`;
  if (typeof value !== "string") return { ok: false, message: `_extends must be a string: ${usage}` };
  const match = EXTENDS.exec(value.trim());
  if (!match) return { ok: false, message: `_extends must name a repository's Shipshape config: ${usage}` };
  const path = match[3] ?? EXTENDABLE_PATHS[0];
  if (!(EXTENDABLE_PATHS as readonly string[]).includes(path)) {
    return { ok: false, message: `_extends may only name a ${EXTENDABLE_PATHS.join(" or ")} file: ${usage}` };
  }
  return { ok: true, target: { owner: match[1] ?? owner, repo: match[2] as string, path } };
}
