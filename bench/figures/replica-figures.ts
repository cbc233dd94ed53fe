import type { Delivery } from "../deliveries.js";
import type { Figure } from "../figure.js";
import { describeGap, pacingFloorMs, runBurst, startShipshapeProcess } from "../real-path.js";
import { notMeasured } from "../report.js";
import { scratchDatabase } from "../scratch-database.js";
import type { ServerProcess } from "../server-process.js";
import { FakeGitHubServer } from "../../test/helpers/fake-github-server.js";
import { round } from "./delivery-figures.js";

const REPLICAS = 3;
const NAME = `100 installations x 3 PR events at once, ${REPLICAS} replicas on one PostgreSQL, round-robin, GitHub's real pacing`;

/**
 * The same 100 x 3 burst through three Shipshape processes on one PostgreSQL (a scratch database),
 * with `REDIS_URL` when one is given (BENCH_REDIS_URL or TEST_REDIS_URL): one write queue per
 * installation across the three, so the pacing holds; without Redis each replica paces alone.
 */
export async function replicaBurst(deliveries: readonly Delivery[]): Promise<Figure> {
  const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!databaseUrl) return notMeasured(NAME, "-", "no PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to postgres://… to measure it");
  const redisUrl = process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL;
  const scratch = await scratchDatabase(databaseUrl, "shipshape_bench");
  const github = await new FakeGitHubServer().start();
  const replicas: ServerProcess[] = [];
  try {
    const env = { DATABASE_URL: scratch.url, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
    // One at a time: the first runs the migrations.
    for (let i = 1; i <= REPLICAS; i++) replicas.push(await startShipshapeProcess(github, env, { name: `replica-${i}` }));
    let deadLetters = 0;
    const settled = async () => void ({ dead_letters: deadLetters } = await (replicas[0] as ServerProcess).waitForEmptyInbox(600_000));
    const result = await runBurst({ github, urls: replicas.map((replica) => replica.webhooks), deliveries, settled });
    const paced = result.closeWrites === 0;
    return {
      name: `${NAME}${redisUrl ? ", shared pacing through Redis" : ", no Redis (each replica paces alone)"}`,
      value: round(result.totalMs),
      unit: "ms",
      budget: `every delivery done${redisUrl ? ", writes of one installation ~1 s apart (none under 0.5 s) across the replicas" : ""}; pacing floor ${pacingFloorMs(result)} ms`,
      ok: deadLetters === 0 && result.refused === 0 && (paced || !redisUrl),
      note: `${result.writes} writes; median installation done after ${round(result.medianInstallationMs)} ms; ${describeGap(result)}${redisUrl ? "" : " (set BENCH_REDIS_URL for shared pacing)"}`,
    };
  } finally {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await github.stop();
    await scratch.drop();
  }
}
