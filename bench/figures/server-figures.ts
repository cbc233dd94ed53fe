import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Figure } from "../figure.js";
import { describeGap, pacingFloorMs, pullRequestBurst, shipshapeBurst, stockProbotBurst, type BurstResult } from "../real-path.js";
import { notMeasured } from "../report.js";
import { round } from "./delivery-figures.js";
import { replicaBurst } from "./replica-figures.js";

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The throttling figures through the real path: signed POSTs to Shipshape's compiled server in a
 * process of its own (HTTP intake -> durable inbox -> workers, default settings), against a fake
 * GitHub, at GitHub's own pacing (one write a second per installation, not scaled). Stock Probot
 * gets the same burst, served the way `probot run` serves an app (bench/children/stock-probot.mjs).
 */
export async function serverFigures(): Promise<Figure[]> {
  if (!existsSync(path.join(ROOT, "dist/src/main.js"))) {
    return [notMeasured("through-the-server figures", "-", "dist/ is missing: the build failed")];
  }
  const small = await pullRequestBurst({ installations: 10, events: 3, seed: 17 });
  const large = await pullRequestBurst({ installations: 100, events: 3, seed: 18 });
  const ours = await shipshapeBurst(small);
  const stock = await stockProbotBurst(small);
  const hundred = await shipshapeBurst(large);
  return [throttlingFigure(ours, stock), hundredFigure(hundred), await replicaBurst(large)];
}

function throttlingFigure(ours: BurstResult & { deadLetters: number }, stock: BurstResult): Figure {
  const speedup = stock.totalMs / ours.totalMs;
  return {
    name: "10 installations x 3 PR events at once, through the server (npm start's process, inbox, workers), GitHub's real pacing (1 s per write per installation)",
    value: round(speedup),
    unit: "x faster",
    budget: ">= 10x faster than stock Probot throttling",
    ok: speedup >= 10 && ours.deadLetters === 0 && ours.writes === stock.writes,
    baseline: { name: "stock Probot 14 (Shipshape's app under `probot run`, one write queue per process), first POST -> last GitHub request", value: round(stock.totalMs), unit: "ms" },
    note: `Shipshape ${round(ours.totalMs)} ms, ${ours.writes} writes (stock: ${stock.writes}); pacing floor ${pacingFloorMs(ours)} ms (${ours.writesPerInstallation} writes per installation, 1 s apart); median installation done after ${round(ours.medianInstallationMs)} ms (stock: ${round(stock.medianInstallationMs)} ms); ${describeGap(ours)}`,
  };
}

function hundredFigure(result: BurstResult & { deadLetters: number }): Figure {
  return {
    name: "100 installations x 3 PR events at once, through the server, one process, SQLite, GitHub's real pacing",
    value: round(result.totalMs),
    unit: "ms",
    budget: `every delivery done, writes of one installation ~1 s apart (none under 0.5 s); pacing floor ${pacingFloorMs(result)} ms`,
    ok: result.deadLetters === 0 && result.refused === 0 && result.closeWrites === 0,
    note: `${round(result.totalMs / pacingFloorMs(result))}x the pacing floor; ${result.writes} writes; median installation done after ${round(result.medianInstallationMs)} ms; ${describeGap(result)}; default SHIPSHAPE_WORKERS / _PER_INSTALLATION`,
  };
}
