import { CHECK_KEYS, type CheckKey } from "../model/checks.js";
import { code } from "../lib/markdown-text.js";

/** What a `/shipshape` comment asks for (ADR 0011). */
export type Command =
  | { kind: "skip"; check: CheckKey; reason: string }
  /** Undoes a stored skip of `check` on this PR. */
  | { kind: "unskip"; check: CheckKey }
  | { kind: "refresh" }
  /** It was meant for Shipshape but cannot be done as written; `problem` says how to fix it. */
  | { kind: "invalid"; problem: string };

/** Reasons are shown in a check-run title and summary: long enough for a sentence or two. */
export const MAX_REASON_CHARS = 500;
/** Comments past this are not searched for a command (GitHub allows 65,536 characters). */
const MAX_SCANNED_CHARS = 10_000;

export const USAGE = "`/shipshape skip ticket|adr|coverage <reason>`, `/shipshape unskip ticket|adr|coverage` or `/shipshape refresh`";

/**
 * The command in a comment, or null when the comment is not addressed to Shipshape. The command
 * is the first line that starts with `/shipshape` outside code blocks and quotes, so quoting
 * someone's command in a reply does not run it again. A skip's reason is the rest of that line,
 * or, when that is empty, the lines after it.
 */
export function parseCommand(body: string): Command | null {
  const lines = body.slice(0, MAX_SCANNED_CHARS).split(/\r?\n/);
  const index = commandLine(lines);
  if (index === -1) return null;
  const words = (lines[index] ?? "").trim().slice("/shipshape".length).trim();
  const [verb = "", ...rest] = words.split(/\s+/);
  switch (verb.toLowerCase()) {
    case "refresh":
      return { kind: "refresh" };
    case "skip":
      return parseSkip(rest, lines.slice(index + 1));
    case "unskip":
      return parseUnskip(rest);
    case "":
      return { kind: "invalid", problem: `Say what to do: ${USAGE}.` };
    default:
      return { kind: "invalid", problem: `${code(verb.slice(0, 40))} is not a Shipshape command; use ${USAGE}.` };
  }
}

function parseSkip(words: string[], following: string[]): Command {
  const [check = "", ...reasonWords] = words;
  const key = checkKey(check);
  if (!key) {
    const which = check ? `${code(check.slice(0, 40))} is not a check Shipshape can skip` : "Say which check to skip";
    return { kind: "invalid", problem: `${which}: use \`/shipshape skip ${CHECK_KEYS.join("|")} <reason>\`.` };
  }
  const sameLine = reasonWords.join(" ").trim();
  const reason = (sameLine || following.join("\n").trim()).replace(/\s+/g, " ").slice(0, MAX_REASON_CHARS);
  if (!reason) return { kind: "invalid", problem: `Add a reason, so reviewers know why: \`/shipshape skip ${key} <reason>\`.` };
  return { kind: "skip", check: key, reason };
}

function checkKey(word: string): CheckKey | undefined {
  return CHECK_KEYS.find((candidate) => candidate === word.toLowerCase().replace(/^shipshape\//, ""));
}

/** `/shipshape unskip adr`: anything after the check's name is ignored (a reason is not needed to undo). */
function parseUnskip(words: string[]): Command {
  const [check = ""] = words;
  const key = checkKey(check);
  if (!key) {
    const which = check ? `${code(check.slice(0, 40))} is not a check Shipshape can unskip` : "Say which check to unskip";
    return { kind: "invalid", problem: `${which}: use \`/shipshape unskip ${CHECK_KEYS.join("|")}\`.` };
  }
  return { kind: "unskip", check: key };
}

function commandLine(lines: string[]): number {
  let fence: string | null = null;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    const opening = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (opening) {
      if (fence === null) fence = opening[0] ?? null;
      else if (opening.startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    if (/^\/shipshape(\s|$)/i.test(line)) return i;
  }
  return -1;
}
