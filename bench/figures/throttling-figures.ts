import Bottleneck from "bottleneck";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createMemoryBudget } from "../../src/lib/byte-budget.js";
import { createCaches } from "../../src/gather/caches.js";
import { shipshapeOctokit } from "../../src/github/shipshape-octokit.js";
import { shipshape } from "../../src/index.js";
import { openStore } from "../../src/store/db.js";
import { createTelemetry } from "../../src/lib/telemetry.js";
import { benchPrivateKey, BENCH_APP_ID, BENCH_SECRET } from "../apps.js";
import { DeliveryFactory, type Delivery } from "../deliveries.js";
import { FakeGitHubServer } from "../../test/helpers/fake-github-server.js";
import type { Figure } from "../figure.js";
import { Prng } from "../prng.js";
import { percentile } from "../send.js";
import { round } from "./delivery-figures.js";

const INSTALLATIONS = 20;
const EVENTS_PER_INSTALLATION = 10;
/**
 * plugin-throttling's stock pacing (writes 1 s apart, notifying writes 3 s apart) scaled down
 * 4x for both contestants (`BENCH_THROTTLE_SCALE`), so the stock run takes about a minute instead of
 * three and a half. Scaled further, the CPU time of handling 200 events in one process (seconds)
 * dominates both runs and hides the pacing being compared; see ADR 0061.
 */
const SCALE = Number(process.env.BENCH_THROTTLE_SCALE ?? 4);
const WRITE_MIN_TIME_MS = 1_000 / SCALE;
const NOTIFICATION_MIN_TIME_MS = 3_000 / SCALE;

type OctokitClass = typeof ProbotOctokit;

/** 20 installations x 10 PR events at once: stock Probot throttling against Shipshape's per-installation pacing. */
export async function throttlingFigures(): Promise<Figure[]> {
  const prng = new Prng(2020);
  const factory = new DeliveryFactory(BENCH_SECRET, prng);
  const deliveries: Array<{ delivery: Delivery; installation: number }> = [];
  for (let n = 1; n <= EVENTS_PER_INSTALLATION; n++) {
    for (let i = 0; i < INSTALLATIONS; i++) {
      const installation = 500 + i;
      const delivery = await factory.pullRequest("opened", { installation, owner: `org-${installation}`, repo: "app", repoId: 50_000 + i, number: n, headSha: prng.hex(40) });
      deliveries.push({ delivery, installation });
    }
  }
  const stock = await race(ProbotOctokit, deliveries);
  const ours = await race(shipshapeOctokit(), deliveries);
  const speedup = stock.totalMs / ours.totalMs;
  return [
    {
      name: `${INSTALLATIONS} installations x ${EVENTS_PER_INSTALLATION} PR events at once, in-process (probot.receive, no inbox), same pacing settings (writes ${WRITE_MIN_TIME_MS} ms apart, stock pacing / ${SCALE})`,
      value: round(speedup),
      unit: "x faster",
      budget: ">= 10x faster than stock Probot throttling",
      ok: speedup >= 10,
      baseline: { name: "stock Probot 14 throttling (one write queue per process), time until every event was handled", value: round(stock.totalMs), unit: "ms" },
      note: `Shipshape ${round(ours.totalMs)} ms; ${ours.writes} writes (stock run: ${stock.writes}); median installation done after ${round(ours.medianInstallationMs)} ms (stock: ${round(stock.medianInstallationMs)} ms)`,
    },
  ];
}

async function race(Base: OctokitClass, deliveries: Array<{ delivery: Delivery; installation: number }>) {
  const github = await new FakeGitHubServer().start();
  const db = await openStore({ dataDir: ":memory:" });
  const write = new Bottleneck.Group({ maxConcurrent: 1, minTime: WRITE_MIN_TIME_MS });
  const notifications = new Bottleneck.Group({ maxConcurrent: 1, minTime: NOTIFICATION_MIN_TIME_MS });
  const Octokit = Base.defaults((options: Record<string, unknown>) => ({
    ...options,
    throttle: { ...(options.throttle as object), write, notifications },
  })) as OctokitClass;
  const log = pino({ level: "fatal" });
  const probot = new Probot({ appId: BENCH_APP_ID, privateKey: benchPrivateKey(), secret: BENCH_SECRET, baseUrl: github.baseUrl, Octokit, log });
  const telemetry = createTelemetry();
  await probot.load(shipshape({ db, now: () => new Date(), caches: createCaches({ now: Date.now }), telemetry, memory: createMemoryBudget(), settings: { apiToken: undefined, backfillDays: 90, dataDir: ":memory:" } }));
  try {
    const started = performance.now();
    const doneAt = new Map<number, number>();
    await Promise.all(
      deliveries.map(async ({ delivery, installation }) => {
        await probot.receive({ id: delivery.id, name: delivery.event, payload: JSON.parse(delivery.body) } as Parameters<Probot["receive"]>[0]);
        doneAt.set(installation, Math.max(doneAt.get(installation) ?? 0, performance.now() - started));
      }),
    );
    return { totalMs: performance.now() - started, writes: github.writes().length, medianInstallationMs: percentile([...doneAt.values()], 50) };
  } finally {
    await write.disconnect();
    await notifications.disconnect();
    await db.close();
    await github.stop();
  }
}
