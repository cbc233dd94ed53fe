import os from "node:os";
import { doNothingIntake, intakeWorkload, shipshapeIntake } from "./figures/intake-figures.js";
import { pullRequestBurst, shipshapeBurst } from "./real-path.js";

/**
 * `npm run bench:workers [slots…] [--per-installation N…]`: the 10 x 3, 100 x 3 and 1 x 10 bursts, and
 * the 600 mixed deliveries of the intake figure (accepted/s while the workers run), through
 * one Shipshape process (compiled, SQLite, fake GitHub at GitHub's real pacing) at several
 * `SHIPSHAPE_WORKERS` / `SHIPSHAPE_WORKERS_PER_INSTALLATION` settings, one after another; how the
 * defaults were chosen (docs/adr/0067-bench-through-the-server-and-worker-defaults.md).
 * Run `npm run build` first.
 */
const args = process.argv.slice(2);
const split = args.indexOf("--per-installation");
const slotList = (split === -1 ? args : args.slice(0, split)).map(Number);
const shareList = split === -1 ? [4] : args.slice(split + 1).map(Number);
const slots = slotList.length > 0 ? slotList : [8, 16, 32, 64, 128];
if ([...slots, ...shareList].some((value) => !Number.isInteger(value) || value < 1)) {
  console.error("Usage: npm run bench:workers [slots…] [--per-installation N…] (whole numbers, e.g. 8 16 32 --per-installation 2 4)");
  process.exit(2);
}

const bursts = [
  { label: "10 x 3", deliveries: await pullRequestBurst({ installations: 10, events: 3, seed: 17 }) },
  { label: "100 x 3", deliveries: await pullRequestBurst({ installations: 100, events: 3, seed: 18 }) },
  // One busy installation alone: its pacing floor is 19 s (20 writes); too small a share leaves its write queue idle between deliveries.
  { label: "1 x 10", deliveries: await pullRequestBurst({ installations: 1, events: 10, seed: 19 }) },
];

const intake = await intakeWorkload();

console.log(`worker settings through the server — ${os.cpus().length} CPUs, load ${os.loadavg().map((load) => load.toFixed(1)).join(" ")} (a shared machine: timings move between runs)`);
const baseline = await doNothingIntake({ warmUp: intake.warmUp, burst: intake.mixed });
console.log(`600 mixed, do-nothing Probot app (baseline): accepted ${baseline.perSecond.toFixed(0)}/s`);
console.log("burst    slots  per-inst  done (s)  median inst. (s)  writes  min gap (ms)  gaps < 0.5 s  dead");
for (const share of shareList) {
  for (const workers of slots) {
    for (const burst of bursts) {
      const result = await shipshapeBurst(burst.deliveries, { SHIPSHAPE_WORKERS: String(workers), SHIPSHAPE_WORKERS_PER_INSTALLATION: String(share) });
      const cells = [burst.label.padEnd(8), String(workers).padStart(5), String(share).padStart(9), seconds(result.totalMs).padStart(9), seconds(result.medianInstallationMs).padStart(17), String(result.writes).padStart(7), String(Math.round(result.minWriteGapMs)).padStart(13), String(result.closeWrites).padStart(13), String(result.deadLetters).padStart(5)];
      console.log(cells.join(" "));
    }
    // Workers share the process with the webhook intake: more of them must not starve it.
    const env = { SHIPSHAPE_WORKERS: String(workers), SHIPSHAPE_WORKERS_PER_INSTALLATION: String(share) };
    const accepted = await shipshapeIntake({ warmUp: intake.warmUp, burst: intake.mixed, env });
    console.log(`600 mixed ${String(workers).padStart(3)} ${String(share).padStart(9)}  accepted ${accepted.perSecond.toFixed(0)}/s (${((100 * accepted.perSecond) / baseline.perSecond).toFixed(0)}% of baseline) while processing, backlog processed at ${(accepted.processedPerSecond ?? 0).toFixed(1)}/s`);
  }
}
process.exit(0);

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
