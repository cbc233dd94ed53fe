import { appEnv, BENCH_SECRET } from "./apps.js";
import { DeliveryFactory, type Delivery } from "./deliveries.js";
import { FakeGitHubServer } from "../test/helpers/fake-github-server.js";
import { Prng } from "./prng.js";
import { percentile, sendAll } from "./send.js";
import { ServerProcess, SHIPSHAPE_COMMAND } from "./server-process.js";

/**
 * `events` pull requests opened in each of `installations` installations (one repository each),
 * ordered as a burst arrives: every installation's first event, then every second one. Each
 * `opened` on a new head SHA costs two GitHub writes (the ticket and ADR check runs).
 */
export async function pullRequestBurst(params: { installations: number; events: number; seed: number; firstInstallation?: number }): Promise<Delivery[]> {
  const prng = new Prng(params.seed);
  const factory = new DeliveryFactory(BENCH_SECRET, prng);
  const first = params.firstInstallation ?? 500;
  const out: Delivery[] = [];
  for (let number = 1; number <= params.events; number++) {
    for (let i = 0; i < params.installations; i++) {
      const installation = first + i;
      out.push(await factory.pullRequest("opened", { installation, owner: `org-${installation}`, repo: "app", repoId: 50_000 + installation, number, headSha: prng.hex(40) }));
    }
  }
  return out;
}

/**
 * Bottleneck releases an installation's writes 1,000 ms apart; on a loaded machine they reach the
 * fake GitHub up to ~300 ms closer together (event-loop lag in the app while dozens of deliveries
 * run). Two writes under half a second apart mean the pacing did not hold (e.g. three replicas
 * each pacing alone).
 */
export const CLOSE_GAP_MS = 500;

export interface BurstResult {
  /** Sending the first delivery -> the last GitHub request the burst caused. */
  totalMs: number;
  /** Median over installations of: sending the first delivery -> that installation's last request. */
  medianInstallationMs: number;
  writes: number;
  /** Smallest gap between two writes of one installation (ms): ~1,000 when GitHub's pacing held. */
  minWriteGapMs: number;
  /** Pairs of one installation's consecutive writes less than `CLOSE_GAP_MS` apart: 0 when the pacing held. */
  closeWrites: number;
  /** Largest number of writes one installation sent. */
  writesPerInstallation: number;
  /** Deliveries that got no 2xx answer. */
  refused: number;
  /** Requests the fake GitHub had no route for (answered 501): a figure measured over them is not GitHub's. */
  unanswered?: number;
}

/**
 * Sends every delivery at once (GitHub does not wait for one answer before the next delivery),
 * round-robin over `urls`, waits for `settled`, and reads the timings from the fake GitHub's
 * request log, so both contestants are timed the same way whatever they answer.
 */
export async function runBurst(params: { github: FakeGitHubServer; urls: string[]; deliveries: readonly Delivery[]; settled: () => Promise<void> }): Promise<BurstResult> {
  const { github } = params;
  github.clearRequests();
  const started = performance.now();
  const sent = await sendAll(params.urls, params.deliveries, { concurrency: params.deliveries.length });
  await params.settled();
  const requests = github.requests.filter((request) => request.installation !== undefined);
  const lastAt = new Map<number, number>();
  const writeTimes = new Map<number, number[]>();
  for (const request of requests) {
    const installation = request.installation as number;
    lastAt.set(installation, Math.max(lastAt.get(installation) ?? 0, request.at - started));
  }
  for (const write of github.writes(requests)) {
    const times = writeTimes.get(write.installation as number) ?? [];
    times.push(write.at);
    writeTimes.set(write.installation as number, times);
  }
  const gaps = [...writeTimes.values()].flatMap((times) => {
    times.sort((a, b) => a - b);
    return times.slice(1).map((at, i) => at - (times[i] as number));
  });
  return {
    totalMs: Math.max(0, ...lastAt.values()),
    medianInstallationMs: percentile([...lastAt.values()], 50),
    writes: github.writes(requests).length,
    minWriteGapMs: Math.min(Number.POSITIVE_INFINITY, ...gaps),
    closeWrites: gaps.filter((gap) => gap < CLOSE_GAP_MS).length,
    writesPerInstallation: Math.max(0, ...[...writeTimes.values()].map((times) => times.length)),
    refused: sent.statuses.filter((status) => status < 200 || status >= 300).length,
    unanswered: github.unhandled.length,
  };
}

/** Resolves once the fake GitHub has seen no request for `quietMs` (an app with no inbox to ask). */
export async function githubQuiet(github: FakeGitHubServer, quietMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = github.requests.at(-1)?.at ?? 0;
    if (performance.now() - last >= quietMs) return;
    if (Date.now() > deadline) throw new Error(`GitHub still busy after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Shipshape as `npm start` runs it (compiled, unless `command` says otherwise), in its own process, pointed at the fake GitHub. */
export function startShipshapeProcess(github: FakeGitHubServer, env: Record<string, string> = {}, options: { name?: string; command?: string[] } = {}): Promise<ServerProcess> {
  return ServerProcess.start(options.name ?? "shipshape", { command: options.command ?? SHIPSHAPE_COMMAND, env: appEnv(github, env), readyPath: "/healthz" });
}

/** A plain Probot 14 app (`bench/children/*.mjs`) served by Probot's own `run()`, in its own process. */
export function startProbotProcess(github: FakeGitHubServer, child: "stock-probot" | "do-nothing-probot"): Promise<ServerProcess> {
  return ServerProcess.start(child, { command: [`bench/children/${child}.mjs`], env: appEnv(github), readyPath: "/ping" });
}

/** One burst through one Shipshape process (default settings unless `env` says otherwise), on a fresh store and a fresh fake GitHub. */
export async function shipshapeBurst(deliveries: readonly Delivery[], env: Record<string, string> = {}, command = SHIPSHAPE_COMMAND): Promise<BurstResult & { deadLetters: number }> {
  const github = await new FakeGitHubServer().start();
  const app = await startShipshapeProcess(github, env, { command }).catch(async (error: unknown) => {
    await github.stop();
    throw error;
  });
  try {
    let deadLetters = 0;
    const settled = async () => void ({ dead_letters: deadLetters } = await app.waitForEmptyInbox(600_000));
    return { ...(await runBurst({ github, urls: [app.webhooks], deliveries, settled })), deadLetters };
  } finally {
    await app.stop();
    await github.stop();
  }
}

/**
 * The same burst through stock Probot (`bench/children/stock-probot.mjs`). It has no inbox to ask,
 * so it is done once every POST was answered (Probot answers 202 "still processing" after 9 s and
 * keeps going) and GitHub then heard nothing for 4 s (longer than any pacing gap).
 */
export async function stockProbotBurst(deliveries: readonly Delivery[]): Promise<BurstResult> {
  const github = await new FakeGitHubServer().start();
  const app = await startProbotProcess(github, "stock-probot").catch(async (error: unknown) => {
    await github.stop();
    throw error;
  });
  try {
    return await runBurst({ github, urls: [app.webhooks], deliveries, settled: () => githubQuiet(github, 4_000, 900_000) });
  } finally {
    await app.stop();
    await github.stop();
  }
}

/** The least time the burst can take at GitHub's pacing: an installation's writes one second apart, the first at once. */
export function pacingFloorMs(result: Pick<BurstResult, "writesPerInstallation">): number {
  return Math.max(0, result.writesPerInstallation - 1) * 1_000;
}

export function describeGap(result: Pick<BurstResult, "minWriteGapMs" | "closeWrites" | "refused" | "unanswered">): string {
  const close = result.closeWrites ? ` (${result.closeWrites} pairs under ${CLOSE_GAP_MS} ms: pacing did not hold)` : "";
  const unanswered = result.unanswered ? `; ${result.unanswered} requests the fake GitHub could not answer (add their routes to test/helpers/fake-metrics-routes.ts)` : "";
  return `closest two writes of one installation ${Math.round(result.minWriteGapMs)} ms apart${close}${result.refused ? `; ${result.refused} deliveries refused` : ""}${unanswered}`;
}
