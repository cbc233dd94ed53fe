import { createHash } from "node:crypto";
import type { Scope } from "../reporting/figures.js";
import type { DigestSchedule } from "./period.js";

export type DigestFormat = "slack" | "teams";

/** One incoming webhook that receives the digest of one organisation or repository. */
export interface DigestTarget {
  scope: Scope;
  format: DigestFormat;
  url: string;
  /** Stable key of (scope, webhook) for the once-per-period claim; names no secret. */
  key: string;
}

export interface DigestSettings {
  targets: DigestTarget[];
  schedule: DigestSchedule;
}

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
export const DEFAULT_SCHEDULE: DigestSchedule = { weekday: 1, hour: 9, minute: 0 };

/**
 * Reads `SHIPSHAPE_DIGEST_WEBHOOKS` and `SHIPSHAPE_DIGEST_SCHEDULE`. Webhooks: entries separated
 * by `;` or new lines, each `owner[/repo]=[slack:|teams:]https://…`; the format is taken from the
 * prefix, else from the host (hooks.slack.com is Slack, everything else Teams). Schedule:
 * `mon 09:00` (UTC), the default. Problems are returned, one line each, never thrown.
 */
export function readDigestSettings(env: Record<string, string | undefined>): { settings: DigestSettings; problems: string[] } {
  const problems: string[] = [];
  const targets: DigestTarget[] = [];
  const entries = (env.SHIPSHAPE_DIGEST_WEBHOOKS ?? "").split(/[;\n]/).map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const target = parseTarget(entry);
    if (typeof target === "string") problems.push(`SHIPSHAPE_DIGEST_WEBHOOKS: ${target}`);
    else targets.push(target);
  }
  const schedule = readDigestSchedule(env.SHIPSHAPE_DIGEST_SCHEDULE);
  if (typeof schedule === "string") problems.push(`SHIPSHAPE_DIGEST_SCHEDULE: ${schedule}; using mon 09:00`);
  return { settings: { targets, schedule: typeof schedule === "string" ? DEFAULT_SCHEDULE : schedule }, problems };
}

function parseTarget(entry: string): DigestTarget | string {
  const at = entry.indexOf("=");
  if (at <= 0) return `"${redact(entry)}" is not owner[/repo]=URL`;
  const name = entry.slice(0, at).trim();
  const match = /^([A-Za-z0-9-]+)(?:\/([A-Za-z0-9._-]+))?$/.exec(name);
  if (!match?.[1]) return `"${name}" is not an owner or owner/repo`;
  let rest = entry.slice(at + 1).trim();
  let format: DigestFormat | undefined;
  const prefix = /^(slack|teams):(?=https?:)/.exec(rest);
  if (prefix) {
    format = prefix[1] as DigestFormat;
    rest = rest.slice(prefix[0].length);
  }
  let url: URL;
  try {
    url = new URL(rest);
  } catch {
    return `the webhook of ${name} is not a URL`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `the webhook of ${name} must be an http(s) URL`;
  format ??= url.hostname === "hooks.slack.com" ? "slack" : "teams";
  const scope = match[2] ? { owner: match[1], repo: match[2] } : { owner: match[1] };
  const key = `${name.toLowerCase()} ${format}:${createHash("sha256").update(url.href).digest("hex").slice(0, 12)}`;
  return { scope, format, url: url.href, key };
}

/** `SHIPSHAPE_DIGEST_SCHEDULE` (`mon 09:00` when unset), or what is wrong with it. */
export function readDigestSchedule(text: string | undefined): DigestSchedule | string {
  if (!text?.trim()) return DEFAULT_SCHEDULE;
  const match = /^([a-z]{3})[a-z]*\s+(\d{1,2}):(\d{2})$/i.exec(text.trim());
  const weekday = match ? WEEKDAYS.indexOf((match[1] ?? "").toLowerCase()) + 1 : 0;
  const hour = Number(match?.[2]);
  const minute = Number(match?.[3]);
  if (!match || weekday === 0 || hour > 23 || minute > 59) return `"${text}" is not a weekday and UTC time like "mon 09:00"`;
  return { weekday, hour, minute };
}

/** A webhook URL is a secret: never log more than its host. */
export function redact(text: string): string {
  return text.replace(/(https?:\/\/)([^/\s;]+)[^\s;]*/g, "$1$2/…");
}
