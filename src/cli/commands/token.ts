import { parseReadTarget, readTargetText, type ReadTarget } from "../../auth/read-target.js";
import { repoKey } from "../../store/coverage.js";
import { findOrganisationRepositoryIds, findRepositoryId } from "../../store/metric-repos.js";
import { createReadToken, listReadTokens, revokeReadToken } from "../../store/read-tokens.js";
import { createUploadToken, listUploadTokens, revokeUploadTokens } from "../../store/upload-tokens.js";
import type { Db } from "../../store/db.js";
import type { CliCommand, CliContext } from "../context.js";
import { moment as day, printTable } from "./table.js";

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const READ_ID = /^rt_[0-9a-f]{12}$/;
const USAGE = "Usage: shipshape token create owner/repo | create --read owner[/repo] [--force] | list | revoke owner/repo | revoke <id>";

export const tokenCommand: CliCommand = {
  name: "token",
  summary: "token create|list|revoke: coverage upload tokens and scoped read tokens",
  usage: [
    "Usage: shipshape token create owner/repo                      (coverage upload token)",
    "       shipshape token create --read owner[/repo] [--force]   (read token for /api/v1)",
    "       shipshape token list",
    "       shipshape token revoke owner/repo                      (every upload token of the repo)",
    "       shipshape token revoke <id>                            (one read token, id from `token list`)",
    "",
    "An upload token is for POST /api/v1/repos/{owner}/{repo}/coverage?sha=…&branch=…",
    "A read token (shpread_…) reads /api/v1 for one owner's repositories or one repository, nothing else, and never writes.",
    "Send either as Authorization: Bearer <token>. Each is shown once: the store keeps only its SHA-256.",
    "--read refuses an owner or repo Shipshape has recorded nothing for (a typo?); --force creates it anyway.",
  ].join("\n"),
  async run(args, context) {
    const [verb, ...rest] = args;
    if (verb === "list" && rest.length === 0) return list(await context.db(), context);
    if (verb === "create" && rest[0] === "--read") return createRead(rest.slice(1), context);
    const [target, ...extra] = rest;
    if ((verb !== "create" && verb !== "revoke") || !target || extra.length > 0) return usage(context);
    if (verb === "revoke" && READ_ID.test(target)) return revokeRead(target, context);
    if (!REPO.test(target)) return usage(context);
    const db = await context.db();
    const key = repoKey(...(target.split("/") as [string, string]));
    if (verb === "create") {
      const token = await createUploadToken(db, { repo: key, now: Date.now() });
      context.out(token);
      context.err(`Upload token for ${target} created. It is shown only now: store it as a CI secret (e.g. SHIPSHAPE_UPLOAD_TOKEN).`);
      return 0;
    }
    const revoked = await revokeUploadTokens(db, { repo: key, now: Date.now() });
    context.out(revoked === 0 ? `${target} had no live upload token.` : `Revoked ${revoked} upload token${revoked === 1 ? "" : "s"} of ${target}: uploads with ${revoked === 1 ? "it" : "them"} now get 401.`);
    return 0;
  },
};

function usage(context: CliContext): number {
  context.err(USAGE);
  return 2;
}

async function createRead(args: string[], context: CliContext): Promise<number> {
  const force = args.includes("--force");
  const [input, ...extra] = args.filter((arg) => arg !== "--force");
  if (input === undefined || extra.length > 0) return usage(context);
  let target: ReadTarget;
  try {
    target = parseReadTarget(input);
  } catch (error) {
    context.err((error as Error).message);
    return 2;
  }
  const db = await context.db();
  const text = readTargetText(target);
  if (!force && !(await isKnown(db, target))) {
    context.err(`Check the spelling of ${text}, or add --force: Shipshape has recorded nothing for it, so the token would see nothing yet.`);
    return 1;
  }
  const { id, token } = await createReadToken(db, { target, now: Date.now() });
  context.out(token);
  context.err(`Read token ${id} for ${text} created. It is shown only now; revoke it with \`shipshape token revoke ${id}\`.`);
  return 0;
}

async function isKnown(db: Db, target: ReadTarget): Promise<boolean> {
  if (target.kind === "repo") return (await findRepositoryId(db, target)) !== undefined;
  return (await findOrganisationRepositoryIds(db, target.owner)).length > 0;
}

async function revokeRead(id: string, context: CliContext): Promise<number> {
  const result = await revokeReadToken(await context.db(), { id, now: Date.now() });
  if (result === "unknown") {
    context.err(`No read token ${id}: see \`shipshape token list\` for the ids.`);
    return 1;
  }
  context.out(result === "revoked" ? `Revoked read token ${id}: requests with it now get 401.` : `Read token ${id} was already revoked.`);
  return 0;
}

/** One line per token, read tokens first; never a secret or a hash. Upload tokens have no id: revoke them by repo. */
async function list(db: Db, context: CliContext): Promise<number> {
  const [reads, uploads] = await Promise.all([listReadTokens(db), listUploadTokens(db)]);
  if (reads.length === 0 && uploads.length === 0) {
    context.out("No tokens yet: create one with `shipshape token create --read owner` or `shipshape token create owner/repo`.");
    return 0;
  }
  const now = new Date();
  const rows = [
    ["ID", "KIND", "SCOPE", "CREATED", "REVOKED"],
    ...reads.map((t) => [t.id, "read", t.scope, day(t.createdAt, now), day(t.revokedAt, now)]),
    ...uploads.map((t) => ["-", "upload", t.repo, day(t.createdAt, now), day(t.revokedAt, now)]),
  ];
  printTable(rows, context);
  return 0;
}
