import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Figure } from "./figure.js";
import { cycleTimeFigures } from "./figures/cycle-time-figures.js";
import { deliveryFigures } from "./figures/delivery-figures.js";
import { intakeFigures } from "./figures/intake-figures.js";
import { memoryFigures } from "./figures/memory-figures.js";
import { requestFigures } from "./figures/request-figures.js";
import { serverFigures } from "./figures/server-figures.js";
import { throttlingFigures } from "./figures/throttling-figures.js";
import { formatFigures, notMeasured } from "./report.js";

/**
 * `npm run bench`: every budgeted figure (docs/adr/0060-what-the-bench-measures.md) measured in one run on this machine, each beside its
 * budget and the baseline measured in the same run; written to `bench/results.json`.
 * Sections run one after the other so they do not compete for the CPU.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

type Section = { name: string; run: () => Promise<Figure[]> };

const sections: Section[] = [
  { name: "requests per event", run: requestFigures },
  { name: "throttling through the server", run: serverFigures },
  { name: "deliveries accepted through the server", run: intakeFigures },
  { name: "throttling in-process", run: throttlingFigures },
  { name: "deliveries in-process", run: deliveryFigures },
  { name: "coverage", run: coverageSection },
  { name: "cycle-time report", run: cycleTimeFigures },
  { name: "memory", run: memoryFigures },
];

/** The coverage figures (parsers, patch coverage, workflow_run -> check) come from `bench/coverage-bench.ts`. */
async function coverageSection(): Promise<Figure[]> {
  if (!hasFile("bench/coverage-bench.ts")) {
    return [notMeasured("coverage figures (LCOV/XML parsing, 3,000-file patch coverage, workflow_run -> check)", "see docs/adr/0060-what-the-bench-measures.md", "bench/coverage-bench.ts is not there yet")];
  }
  const module = (await import(["./coverage-bench", "js"].join("."))) as { coverageFigures: () => Promise<Figure[]> };
  return module.coverageFigures();
}

async function main(): Promise<void> {
  const started = performance.now();
  const figures: Figure[] = [];
  console.log(`Shipshape bench — ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"}), Node ${process.version}, ${os.platform()} ${os.release()}`);
  // The through-the-server and memory figures run the compiled app, as `npm start` does.
  process.stdout.write("building dist/ (npm run build)… ");
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: path.join(here, ".."), stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  console.log(build.status === 0 ? "done" : `tsc reported errors (exit ${build.status}); measuring whatever was emitted`);
  for (const section of sections) {
    const sectionStarted = performance.now();
    process.stdout.write(`running ${section.name}… `);
    try {
      const measured = await section.run();
      figures.push(...measured);
      console.log(`${Math.round((performance.now() - sectionStarted) / 1000)} s`);
    } catch (error) {
      console.log("failed");
      console.error(error);
      figures.push(notMeasured(section.name, "-", `the ${section.name} section failed: ${(error as Error).message}`));
    }
  }
  console.log("");
  console.log(formatFigures(figures));
  const totalSeconds = Math.round((performance.now() - started) / 1000);
  console.log(`bench finished in ${totalSeconds} s`);
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: `${os.platform()} ${os.release()}` },
    durationSeconds: totalSeconds,
    figures: figures.map((figure) => ({ ...figure, value: Number.isNaN(figure.value) ? null : figure.value })),
  };
  await writeFile(path.join(here, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to bench/results.json`);
}

export function hasFile(relative: string): boolean {
  return existsSync(path.join(here, "..", relative));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
