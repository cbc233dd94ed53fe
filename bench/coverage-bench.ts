import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import type { FileFacts } from "../src/model/pull-request-facts.js";
import { judgeCoverage } from "../src/coverage/judge-coverage.js";
import { parseReport } from "../src/coverage/parse-report.js";
import type { Figure } from "./figure.js";

const require = createRequire(import.meta.url);

/** A deterministic LCOV tracefile of about `megabytes` MB: many files, ~60% of lines hit, some branches. */
export function generateLcov(megabytes: number, seed = 42): string {
  const random = mulberry32(seed);
  const parts: string[] = [];
  let size = 0;
  for (let file = 0; size < megabytes * 1024 * 1024; file++) {
    const lines = 50 + Math.floor(random() * 400);
    const record: string[] = ["TN:", `SF:/home/runner/work/app/app/src/module${file % 97}/file${file}.ts`];
    record.push(`FN:1,fn${file}`, `FNDA:1,fn${file}`, "FNF:1", "FNH:1");
    let hit = 0;
    for (let line = 1; line <= lines; line++) {
      const count = random() < 0.6 ? 1 + Math.floor(random() * 20) : 0;
      if (count > 0) hit++;
      record.push(`DA:${line},${count}`);
      if (line % 17 === 0) record.push(`BRDA:${line},0,0,${count}`, `BRDA:${line},0,1,${count > 0 ? "-" : "0"}`);
    }
    record.push(`LF:${lines}`, `LH:${hit}`, "end_of_record");
    const text = record.join("\n") + "\n";
    size += text.length;
    parts.push(text);
  }
  return parts.join("");
}

/** The same shape as Cobertura XML (as coverage.py writes it), about `megabytes` MB. */
export function generateCobertura(megabytes: number, seed = 7): string {
  const random = mulberry32(seed);
  const parts: string[] = ['<?xml version="1.0" ?>\n<coverage version="6.5.0" line-rate="0.6" branch-rate="0.5">\n<sources><source>/home/runner/work/app/app</source></sources>\n<packages><package name="src"><classes>\n'];
  let size = parts[0]!.length;
  for (let file = 0; size < megabytes * 1024 * 1024; file++) {
    const lines: string[] = [`<class name="f${file}" filename="src/m${file % 97}/file${file}.py" line-rate="0.6"><methods/><lines>`];
    const count = 50 + Math.floor(random() * 400);
    for (let line = 1; line <= count; line++) {
      const hits = random() < 0.6 ? 1 : 0;
      lines.push(line % 13 === 0 ? `<line number="${line}" hits="${hits}" branch="true" condition-coverage="50% (1/2)" missing-branches="${line + 3}"/>` : `<line number="${line}" hits="${hits}"/>`);
    }
    lines.push("</lines></class>\n");
    const text = lines.join("\n");
    size += text.length;
    parts.push(text);
  }
  parts.push("</classes></package></packages></coverage>\n");
  return parts.join("");
}

/** JaCoCo XML of about `megabytes` MB. */
export function generateJacoco(megabytes: number, seed = 9): string {
  const random = mulberry32(seed);
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd"><report name="app">'];
  let size = parts[0]!.length;
  for (let pkg = 0; size < megabytes * 1024 * 1024; pkg++) {
    const text: string[] = [`<package name="com/acme/p${pkg}">`];
    for (let file = 0; file < 20; file++) {
      text.push(`<sourcefile name="C${file}.java">`);
      const count = 50 + Math.floor(random() * 300);
      for (let line = 1; line <= count; line++) {
        const covered = random() < 0.6 ? 3 : 0;
        text.push(`<line nr="${line}" mi="${3 - covered}" ci="${covered}" mb="0" cb="${line % 11 === 0 ? 1 : 0}"/>`);
      }
      text.push('<counter type="LINE" missed="1" covered="1"/></sourcefile>');
    }
    text.push("</package>");
    const joined = text.join("");
    size += joined.length;
    parts.push(joined);
  }
  parts.push("</report>");
  return parts.join("");
}

/** Best-of-`runs` throughput in MB/s of `fn` over `bytes`. */
function throughput(bytes: number, runs: number, fn: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return bytes / 1024 / 1024 / (best / 1000);
}

function lcovParseOnce(text: string): Promise<unknown> {
  const lcovParse = require("lcov-parse") as (input: string, cb: (error: unknown, data: unknown) => void) => void;
  return new Promise((resolve, reject) => lcovParse(text, (error, data) => (error ? reject(new Error(String(error))) : resolve(data))));
}

async function asyncThroughput(bytes: number, runs: number, fn: () => Promise<unknown>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return bytes / 1024 / 1024 / (best / 1000);
}

/** A 3,000-file PR over the generated report: 20 changed lines per file in two hunks. */
function patchFigure(report: ReturnType<typeof parseReport>): number {
  const paths = [...report.files.keys()].slice(0, 3000).map((path) => path.replace(/^\//, ""));
  const prFiles: FileFacts[] = paths.map((filename) => ({
    filename,
    status: "modified",
    additions: 20,
    deletions: 4,
    patch: `@@ -10,8 +10,12 @@ fn\n ctx\n-a\n-b\n+${"x\n+".repeat(9)}x\n ctx\n@@ -40,4 +44,8 @@\n ctx\n-c\n-d\n+${"y\n+".repeat(9)}y\n ctx`,
  }));
  const base = new Map([...report.files].map(([path]) => [path, { linesTotal: 100, linesCovered: 60, linesPartial: 0, branchesTotal: 0, branchesCovered: 0 }]));
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    judgeCoverage({
      headSha: "a".repeat(40),
      runs: { pending: 0, withoutArtifact: [], errors: [] },
      head: report.files,
      base: { sha: "b".repeat(40), how: "base-sha", files: base },
      prFiles,
      config: { artifact: "coverage", patch: { target: 80 }, project: { max_drop: 0.5 }, ignore: ["**/generated/**"], annotations: 50 },
    });
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * `workflow_run.completed` -> `shipshape/coverage` posted, in-process, GitHub faked with zero
 * latency: list artifacts, follow the 302, unzip a 10 MB LCOV artifact, parse, store, count
 * runs, fetch the PR and its files, post. Best of 3, each on a fresh in-memory store.
 */
export async function workflowRunFigure(lcov: string): Promise<number> {
  const nock = (await import("nock")).default;
  const { FakeGitHub } = await import("../test/helpers/fake-github.js");
  const { createTestApp } = await import("../test/helpers/test-app.js");
  const fixture = await import("../test/coverage/workflow-run-fixture.js");
  const { makeZip } = await import("../test/coverage/make-zip.js");
  const zip = makeZip([{ name: "lcov.info", data: lcov }]);
  let best = Number.POSITIVE_INFINITY;
  try {
    for (let i = 0; i < 3; i++) {
      const app = await createTestApp();
      const github = new FakeGitHub().install();
      const payload = fixture.workflowRunCompleted(101);
      const owner = payload.repository.owner.login;
      const repo = payload.repository.name;
      fixture.hasOpenPullRequest(github, payload);
      fixture.hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "completed" }] });
      github.route("GET", new RegExp(`^/repos/${owner}/${repo}/commits$`), () => [200, []]);
      github.route("GET", new RegExp(`^/repos/${owner}/${repo}/actions/runs/101/artifacts$`), () => [200, { total_count: 1, artifacts: [{ id: 9, name: "coverage", size_in_bytes: zip.length, expired: false }] }]);
      github.route("GET", new RegExp(`^/repos/${owner}/${repo}/actions/artifacts/9/zip$`), () => [302, "", { location: `${fixture.BLOB_HOST}/9.zip` }]);
      nock(fixture.BLOB_HOST).get("/9.zip").reply(200, zip);
      const start = performance.now();
      await app.probot.receive({ id: `bench-${i}`, name: "workflow_run", payload } as never);
      const elapsed = performance.now() - start;
      if (!github.checkRun("shipshape/coverage")) throw new Error("the coverage check was not posted");
      best = Math.min(best, elapsed);
      await app.close();
      nock.cleanAll();
    }
  } finally {
    nock.cleanAll();
    nock.restore();
  }
  return best;
}

/** The budgeted coverage figures: LCOV and XML parsing throughput, patch coverage of a 3,000-file PR, workflow_run -> check. */
export async function coverageFigures(): Promise<Figure[]> {
  const lcov = generateLcov(40);
  const lcovBytes = Buffer.from(lcov, "latin1");
  const ours = throughput(lcovBytes.length, 5, () => parseReport(lcovBytes, "lcov.info"));
  const theirs = await asyncThroughput(lcovBytes.length, 2, () => lcovParseOnce(lcov));
  const cobertura = Buffer.from(generateCobertura(40), "latin1");
  const coberturaMbs = throughput(cobertura.length, 5, () => parseReport(cobertura, "coverage.xml"));
  const jacoco = Buffer.from(generateJacoco(40), "latin1");
  const jacocoMbs = throughput(jacoco.length, 5, () => parseReport(jacoco, "jacoco.xml"));
  const patchMs = patchFigure(parseReport(lcovBytes, "lcov.info"));
  const workflowMs = await workflowRunFigure(generateLcov(10, 3));
  const mb = (value: number) => Math.round(value * 10) / 10;
  return [
    {
      name: "LCOV parsing",
      value: mb(ours),
      unit: "MB/s",
      budget: ">= 150 MB/s and >= 5x lcov-parse",
      ok: ours >= 150 && ours >= 5 * theirs,
      baseline: { name: "lcov-parse (same 40 MB input)", value: mb(theirs), unit: "MB/s" },
      note: `${mb(ours / theirs)}x lcov-parse`,
    },
    { name: "Cobertura XML parsing", value: mb(coberturaMbs), unit: "MB/s", budget: ">= 50 MB/s", ok: coberturaMbs >= 50 },
    { name: "JaCoCo XML parsing", value: mb(jacocoMbs), unit: "MB/s", budget: ">= 50 MB/s", ok: jacocoMbs >= 50 },
    { name: "patch coverage for a 3,000-file PR", value: Math.round(patchMs * 10) / 10, unit: "ms", budget: "<= 200 ms", ok: patchMs <= 200 },
    {
      name: "workflow_run delivery -> coverage check posted (10 MB LCOV artifact)",
      value: Math.round(workflowMs),
      unit: "ms",
      budget: "<= 500 ms",
      ok: workflowMs <= 500,
      note: "in-process, fake GitHub with zero latency; Codecov: seconds to minutes",
    },
  ];
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
