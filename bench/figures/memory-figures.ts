import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appEnv, freePort } from "../apps.js";
import { FakeGitHubServer } from "../../test/helpers/fake-github-server.js";
import type { Figure } from "../figure.js";
import { lcovFile } from "../lcov-input.js";
import { notMeasured } from "../report.js";
import { round } from "./delivery-figures.js";

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const IDLE_BUDGET_MB = 150;
const PARSE_BUDGET_MB = 400;

/**
 * Resident memory of the compiled app (`npm start`'s `node dist/src/main.js`) in a process of its
 * own: idle after start, and at its peak while it parses a 100 MB LCOV report.
 */
export async function memoryFigures(): Promise<Figure[]> {
  if (!existsSync(path.join(ROOT, "dist/src/main.js"))) {
    return [
      notMeasured("RSS idle", `<= ${IDLE_BUDGET_MB} MB`, "dist/ is missing: the build failed"),
      notMeasured("RSS while parsing a 100 MB report", `<= ${PARSE_BUDGET_MB} MB`, "dist/ is missing: the build failed"),
    ];
  }
  const github = await new FakeGitHubServer().start();
  const dataDir = mkdtempSync(path.join(tmpdir(), "shipshape-bench-rss-"));
  try {
    const idle = await idleRss(github, dataDir);
    const lcov = await lcovFile(100);
    const parse = await parseRss(github, dataDir, lcov);
    return [
      {
        name: "RSS idle (node dist/src/main.js, SQLite, after start)",
        value: round(idle),
        unit: "MB",
        budget: `<= ${IDLE_BUDGET_MB} MB`,
        ok: idle <= IDLE_BUDGET_MB,
        note: "largest of 10 samples of VmRSS over 2 s, 3 s after /healthz first answered",
      },
      {
        name: "RSS while parsing a 100 MB LCOV report (peak, in the app process)",
        value: round(parse.maxRssMb),
        unit: "MB",
        budget: `<= ${PARSE_BUDGET_MB} MB`,
        ok: parse.maxRssMb <= PARSE_BUDGET_MB,
        note: `parsed ${parse.files} files in ${round(parse.ms)} ms; RSS before parsing ${round(parse.rssBeforeMb)} MB`,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await github.stop();
  }
}

async function idleRss(github: FakeGitHubServer, dataDir: string): Promise<number> {
  const port = await freePort();
  const child = spawn(process.execPath, ["dist/src/main.js"], {
    cwd: ROOT,
    env: { ...process.env, ...appEnv(github, { PORT: String(port), SHIPSHAPE_DATA_DIR: dataDir }) },
    stdio: "ignore",
  });
  try {
    await waitForHealth(port, child);
    await sleep(3_000);
    let max = 0;
    for (let i = 0; i < 10; i++) {
      max = Math.max(max, rssMb(child.pid as number));
      await sleep(200);
    }
    return max;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

async function parseRss(github: FakeGitHubServer, dataDir: string, file: string): Promise<{ ms: number; files: number; rssBeforeMb: number; maxRssMb: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["bench/children/parse-in-app.mjs", file], {
    cwd: ROOT,
    env: { ...process.env, ...appEnv(github, { PORT: String(port), SHIPSHAPE_DATA_DIR: dataDir }) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  let sampled = 0;
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const sampler = setInterval(() => {
    try {
      sampled = Math.max(sampled, rssMb(child.pid as number));
    } catch {
      // The child has exited.
    }
  }, 20);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`the parsing child exited with ${code}`);
  const result = JSON.parse(out.trim().split("\n").pop() ?? "{}") as { ms: number; files: number; rssBeforeMb: number; maxRssMb: number };
  return { ...result, maxRssMb: Math.max(result.maxRssMb, sampled) };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before answering /healthz`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error("the app did not answer /healthz within 30 s");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
