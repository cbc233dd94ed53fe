/** Read tokens start with this, so secret scanners and people can tell one from an upload token. */
export const READ_TOKEN_PREFIX = "shpread_";

/** The read token an `Authorization: Bearer shpread_…` header presents; undefined for any other header. */
export function presentedReadToken(header: string | undefined): string | undefined {
  const given = header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
  return given?.startsWith(READ_TOKEN_PREFIX) ? given : undefined;
}

/** What `shipshape token create --read X` grants: one owner's repositories, or one repository. */
export type ReadTarget = { kind: "owner"; owner: string } | { kind: "repo"; owner: string; name: string };

// GitHub's limits: owners up to 39 characters, repository names up to 100.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** Parses `acme` or `acme/api`; anything else is an error that says what to type. */
export function parseReadTarget(input: string): ReadTarget {
  const parts = input.trim().split("/");
  const [owner, name] = parts;
  if (parts.length <= 2 && owner !== undefined && OWNER.test(owner)) {
    if (name === undefined) return { kind: "owner", owner };
    if (NAME.test(name) && name !== "." && name !== "..") return { kind: "repo", owner, name };
  }
  throw new Error(`Give --read an owner (acme) or a repository (acme/api): "${input.slice(0, 200)}" is neither.`);
}

export function readTargetText(target: ReadTarget): string {
  return target.kind === "owner" ? target.owner : `${target.owner}/${target.name}`;
}
