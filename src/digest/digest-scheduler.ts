import type { FiguresSource } from "../reporting/figures.js";
import type { Db } from "../store/db.js";
import { claimDigestRun, finishDigestRun } from "../store/digest-runs.js";
import { digestContent, type DigestLinks } from "./digest-lines.js";
import { redact, type DigestSettings, type DigestTarget } from "./digest-settings.js";
import { gatherDigest } from "./gather-digest.js";
import { duePeriod } from "./period.js";
import { postWebhook } from "./post-webhook.js";
import { renderSlack } from "./render-slack.js";
import { renderTeams } from "./render-teams.js";

/** The logger the scheduler writes to (pino's shape, as Probot hands it out). */
export interface DigestLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface DigestSchedulerDeps {
  db: Db;
  now: () => Date;
  source: FiguresSource;
  settings: DigestSettings;
  log: DigestLog;
  /** Names this process in the claim row (host and pid), for operators reading the table. */
  processId: string;
  /** Where links point: the GitHub host and SHIPSHAPE_PUBLIC_URL. */
  links?: DigestLinks;
  fetch?: typeof fetch;
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

/** The body one target's webhook takes. */
export function renderFor(target: Pick<DigestTarget, "format">, content: ReturnType<typeof digestContent>): unknown {
  return target.format === "slack" ? renderSlack(content) : renderTeams(content);
}

/**
 * One pass: for each target whose digest is due and not yet claimed for this period, claim it,
 * build it, post it, and record the outcome. Whatever fails is logged and recorded; nothing throws.
 */
export async function runDueDigests(deps: DigestSchedulerDeps): Promise<{ posted: string[]; failed: string[] }> {
  const outcome = { posted: [] as string[], failed: [] as string[] };
  const now = deps.now();
  const period = duePeriod(now, deps.settings.schedule);
  if (period === null) return outcome;
  for (const target of deps.settings.targets) {
    try {
      const claimed = await claimDigestRun(deps.db, { target: target.key, period, claimedBy: deps.processId, now: now.getTime() });
      if (!claimed) continue;
      const digest = await gatherDigest({ source: deps.source, scope: target.scope, now });
      const result = await postWebhook({ url: target.url, body: renderFor(target, digestContent(digest, now, deps.links)), fetch: deps.fetch, delaysMs: deps.retryDelaysMs, sleep: deps.sleep });
      const error = result.error ? redact(result.error) : null;
      await finishDigestRun(deps.db, { target: target.key, period, status: result.ok ? "posted" : "failed", attempts: result.attempts, error, now: deps.now().getTime() });
      if (result.ok) {
        outcome.posted.push(target.key);
        deps.log.info({ target: target.key, period, attempts: result.attempts }, "digest posted");
      } else {
        outcome.failed.push(target.key);
        deps.log.error({ target: target.key, period, attempts: result.attempts, error }, "digest webhook failed after retries; it is not sent again this period");
      }
    } catch (error) {
      outcome.failed.push(target.key);
      deps.log.error({ target: target.key, period, error: redact(error instanceof Error ? error.message : String(error)) }, "digest could not be built or recorded");
    }
  }
  return outcome;
}

/** Runs `runDueDigests` every `intervalMs` (a minute) until stopped; ticks never overlap. */
export function startDigestScheduler(deps: DigestSchedulerDeps & { intervalMs?: number }): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = running.then(() => (stopped ? undefined : runDueDigests(deps)));
  };
  const timer = setInterval(tick, deps.intervalMs ?? 60_000);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
