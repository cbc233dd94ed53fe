import { BENCH_SECRET } from "../apps.js";
import type { Delivery } from "../deliveries.js";
import type { Figure } from "../figure.js";
import { startProbotProcess, startShipshapeProcess } from "../real-path.js";
import { sendAll } from "../send.js";
import type { ServerProcess } from "../server-process.js";
import { warmedMix } from "../workload.js";
import { FakeGitHubServer } from "../../test/helpers/fake-github-server.js";
import { round } from "./delivery-figures.js";

const BURST = 600;
const CONCURRENCY = 32;
const INSTALLATIONS = 100;

/**
 * Sustained deliveries accepted per second: Shipshape's compiled server in its own process
 * (signed POST -> durable inbox -> 202, while its workers run the backlog) against a do-nothing
 * Probot 14 app in its own process (`probot run`), sent the same signed deliveries.
 */
export async function intakeFigures(): Promise<Figure[]> {
  const { warmUp, mixed: burst } = await intakeWorkload();
  const baseline = await doNothingIntake({ warmUp, burst });
  const ours = await shipshapeIntake({ warmUp, burst });
  return [
    {
      name: "sustained deliveries accepted per second, one process, SQLite, through the server (npm start's compiled process)",
      value: round(ours.perSecond),
      unit: "deliveries/s",
      budget: `>= 50% of baseline (${round(baseline.perSecond / 2)}/s)`,
      ok: ours.perSecond >= baseline.perSecond / 2,
      baseline: { name: `do-nothing Probot 14 app under \`probot run\` in its own process, ${BURST} deliveries, ${CONCURRENCY} in flight`, value: round(baseline.perSecond), unit: "deliveries/s" },
      note: `${round((100 * ours.perSecond) / baseline.perSecond)}% of baseline, sender, app and fake GitHub sharing the machine's cores; the workers meanwhile ran the backlog, and processed it at ${round(ours.processedPerSecond ?? 0)}/s (accept + process until the inbox was empty, GitHub's write pacing included)`,
    },
  ];
}

/** The intake workload: a warm-up opening 100 PRs, then 600 mixed PR events over them in turn. */
export function intakeWorkload(): Promise<{ warmUp: Delivery[]; mixed: Delivery[] }> {
  return warmedMix({ seed: 20240603, secret: BENCH_SECRET, installations: INSTALLATIONS, count: BURST });
}

/** The baseline of the intake figure: a do-nothing Probot app in its own process. */
export function doNothingIntake(params: { warmUp: Delivery[]; burst: Delivery[] }): Promise<{ perSecond: number }> {
  return acceptRate({ start: (github) => startProbotProcess(github, "do-nothing-probot"), hasInbox: false, ...params });
}

/** Shipshape's side of the intake figure, with `env` (worker settings) on top of the defaults. */
export function shipshapeIntake(params: { warmUp: Delivery[]; burst: Delivery[]; env?: Record<string, string> }): Promise<{ perSecond: number; processedPerSecond?: number }> {
  return acceptRate({ start: (github) => startShipshapeProcess(github, params.env), hasInbox: true, warmUp: params.warmUp, burst: params.burst });
}

interface Contestant {
  start: (github: FakeGitHubServer) => Promise<ServerProcess>;
  /** Shipshape: answers once stored, so the backlog is waited for through `/readyz`. */
  hasInbox: boolean;
  warmUp: Delivery[];
  burst: Delivery[];
}

async function acceptRate({ start, hasInbox, warmUp, burst }: Contestant): Promise<{ perSecond: number; processedPerSecond?: number }> {
  const github = await new FakeGitHubServer().start();
  const app = await start(github);
  try {
    // Tokens and config cached, every PR opened: the burst measures steady state.
    await sendAll(app.webhooks, warmUp, { concurrency: 1 });
    if (hasInbox) await app.waitForEmptyInbox(120_000);
    const started = performance.now();
    const result = await sendAll(app.webhooks, burst, { concurrency: CONCURRENCY });
    const ok = result.statuses.filter((status) => status >= 200 && status < 300).length;
    if (ok < burst.length) throw new Error(`${app.name} refused ${burst.length - ok} of ${burst.length} deliveries`);
    if (!hasInbox) return { perSecond: ok / (result.elapsedMs / 1000) };
    await app.waitForEmptyInbox(600_000);
    return { perSecond: ok / (result.elapsedMs / 1000), processedPerSecond: burst.length / ((performance.now() - started) / 1000) };
  } finally {
    await app.stop();
    await github.stop();
  }
}
