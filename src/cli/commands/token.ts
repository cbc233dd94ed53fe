import { repoKey } from "../../store/coverage.js";
import { createUploadToken, revokeUploadTokens } from "../../store/upload-tokens.js";
import type { CliCommand } from "../context.js";

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export const tokenCommand: CliCommand = {
  name: "token",
  summary: "token create|revoke owner/repo: coverage upload tokens",
  usage: [
    "Usage: shipshape token create owner/repo",
    "       shipshape token revoke owner/repo",
    "",
    "create prints a new upload token for POST /api/v1/repos/{owner}/{repo}/coverage?sha=…&branch=…",
    "(send it as Authorization: Bearer <token>). It is shown once: the store keeps only its SHA-256.",
    "A repo may have several live tokens (rotate without downtime); revoke disables all of them.",
  ].join("\n"),
  async run(args, context) {
    const [verb, repo, ...rest] = args;
    if ((verb !== "create" && verb !== "revoke") || !repo || !REPO.test(repo) || rest.length > 0) {
      context.err("Usage: shipshape token create|revoke owner/repo");
      return 2;
    }
    const db = await context.db();
    const key = repoKey(...(repo.split("/") as [string, string]));
    if (verb === "create") {
      const token = await createUploadToken(db, { repo: key, now: Date.now() });
      context.out(token);
      context.err(`Upload token for ${repo} created. It is shown only now: store it as a CI secret (e.g. SHIPSHAPE_UPLOAD_TOKEN).`);
      return 0;
    }
    const revoked = await revokeUploadTokens(db, { repo: key, now: Date.now() });
    context.out(revoked === 0 ? `${repo} had no live upload token.` : `Revoked ${revoked} upload token${revoked === 1 ? "" : "s"} of ${repo}: uploads with ${revoked === 1 ? "it" : "them"} now get 401.`);
    return 0;
  },
};
