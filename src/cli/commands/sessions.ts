import { listGitHubSessions, revokeGitHubSession } from "../../store/github-sessions.js";
import type { CliCommand, CliContext } from "../context.js";
import { moment, printTable } from "./table.js";

const SESSION_ID = /^ses_[0-9a-f]{12}$/;
const USAGE = "Usage: shipshape sessions list | revoke <id>";

export const sessionsCommand: CliCommand = {
  name: "sessions",
  summary: "sessions list|revoke: the dashboard's GitHub sign-in sessions",
  usage: [
    "Usage: shipshape sessions list           (who is signed in, what they see, when it ends)",
    "       shipshape sessions revoke <id>    (ends one session at once, id from `sessions list`)",
    "",
    "A revoked session's next page sends its browser to sign in with GitHub again.",
  ].join("\n"),
  async run(args, context) {
    const [verb, id, ...extra] = args;
    if (verb === "list" && id === undefined) return list(context);
    if (verb === "revoke" && id !== undefined && extra.length === 0) return revoke(id, context);
    context.err(USAGE);
    return 2;
  },
};

async function list(context: CliContext): Promise<number> {
  const sessions = await listGitHubSessions(await context.db());
  if (sessions.length === 0) {
    context.out("No sign-in sessions: nobody has signed in to the dashboard with GitHub yet.");
    return 0;
  }
  const now = new Date();
  const at = (time: number | null) => moment(time, now);
  printTable(
    [
      ["ID", "LOGIN", "SEES", "CREATED", "SCOPE READ", "EXPIRES", "REVOKED"],
      ...sessions.map((s) => [s.id, s.login, `${s.repos} repo${s.repos === 1 ? "" : "s"}`, at(s.createdAt), at(s.refreshedAt), at(s.expiresAt), at(s.revokedAt)]),
    ],
    context,
  );
  return 0;
}

async function revoke(id: string, context: CliContext): Promise<number> {
  if (!SESSION_ID.test(id)) {
    context.err(`Give a session id like ses_0123456789ab (see \`shipshape sessions list\`): "${id.slice(0, 100)}" is not one.`);
    return 2;
  }
  const result = await revokeGitHubSession(await context.db(), { id, now: Date.now() });
  if (result === "unknown") {
    context.err(`No session ${id}: see \`shipshape sessions list\` for the ids.`);
    return 1;
  }
  context.out(result === "revoked" ? `Revoked session ${id}: its next page asks to sign in again.` : `Session ${id} was already revoked.`);
  return 0;
}
