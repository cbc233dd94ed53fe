import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/main.js";
import { parseEnv } from "../../src/env.js";

const fixture = (name: string) => new URL(`../fixtures/coverage/${name}`, import.meta.url).pathname;

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const context: CliContext = { out: (line) => void out.push(line), err: (line) => void err.push(line), env: parseEnv({}), interactive: false, db: async () => { throw new Error("offline: no store") } };
  const code = await runCli(["coverage", "read", ...args], context);
  return { code, out, err };
}

describe("shipshape coverage read: what the check will see, offline", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "shipshape-coverage-read-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // JS head: lcov --summary style totals 66 of 82 lines; Codecov's rule takes off the 4 partial lines (62/82).
  it("prints the documented JSON, partials counted as Codecov does by default", async () => {
    const { code, out } = await run(fixture("head/js.lcov.info"), "--format", "json");
    expect(code).toBe(0);
    const json = JSON.parse(out.join("\n"));
    expect(json).toEqual({
      format: ["lcov"],
      total: { covered: 62, coverable: 82, partial: 4, percent: 75.61 },
      files: [
        { path: "src/cart.js", covered: 33, coverable: 35, partial: 0 },
        { path: "src/coupon.js", covered: 8, coverable: 13, partial: 1 },
        { path: "src/price.js", covered: 13, coverable: 20, partial: 2 },
        { path: "src/util/money.js", covered: 8, coverable: 14, partial: 1 },
      ],
      warnings: [],
    });
    const hit = JSON.parse((await run(fixture("head/js.lcov.info"), "--format=json", "--partials", "hit")).out.join("\n"));
    expect(hit.total).toEqual({ covered: 66, coverable: 82, partial: 4, percent: 80.49 });
  });

  it("merges several reports, gzipped ones too, and says Go is counted in lines", async () => {
    const gz = path.join(dir, "lcov.info.gz");
    const { readFileSync } = await import("node:fs");
    writeFileSync(gz, gzipSync(readFileSync(fixture("head/js.lcov.info"))));
    const { code, out } = await run(gz, fixture("head/go.coverprofile"));
    expect(code).toBe(0);
    expect(out[0]).toBe("Total: 70 of 99 lines covered (70.71%), 4 partial counted as not covered (--partials miss).");
    expect(out).toContain("Formats: lcov, go.");
    expect(out.at(-1)).toBe("Warning: Go profiles are counted in lines, as Codecov counts them; `go test -cover` prints statements, so its percentage differs.");
    expect(out.find((line) => line.startsWith("Total  "))).toMatch(/^Total\s+70\s+99\s+4\s+70\.71%$/);
  });

  it("warns when the reports hold no coverable line, as the check would be neutral", async () => {
    const empty = path.join(dir, "coverage-final.json");
    writeFileSync(empty, "{}");
    const { code, out } = await run(empty, "--format", "json");
    expect(code).toBe(0);
    expect(JSON.parse(out.join("\n")).warnings).toEqual(["No coverable line in these reports: shipshape/coverage would be neutral (an empty report, a total-only summary, or function records only)."]);
  });

  it("names each file it cannot read, and answers usage errors with exit code 2", async () => {
    const bad = path.join(dir, "notes.txt");
    writeFileSync(bad, "hello\n");
    expect(await run(bad)).toEqual({ code: 1, out: [], err: ["Fix 1 report: shipshape/coverage could not read it.", `  ${bad}: not a coverage report; expected LCOV, Cobertura XML, JaCoCo XML, Clover XML, Istanbul JSON (coverage-final.json or coverage-summary.json) or a Go cover profile`] });
    expect((await run(bad, "--partials", "some")).code).toBe(2);
    expect((await run()).err[0]).toBe("Name at least one report file.");
  });
});
