import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/main.js";
import { parseEnv } from "../../src/env.js";

describe("shipshape config validate: the check's limits, locally", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "shipshape-validate-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (file: string) => {
    const out: string[] = [];
    const err: string[] = [];
    const context: CliContext = { out: (line) => void out.push(line), err: (line) => void err.push(line), env: parseEnv({}), interactive: false, db: async () => { throw new Error("no store needed"); } };
    const code = await runCli(["config", "validate", file], context);
    return { code, out, err };
  };

  it("refuses a file over 256 KB by its size, in one line", async () => {
    const file = path.join(dir, "big.yml");
    writeFileSync(file, `#${"x".repeat(512 * 1024)}\n`);
    expect(await run(file)).toEqual({ code: 1, out: [], err: [`Fix 1 problem in ${file}:`, `  ${file}:1: the file is 513 KB; the limit is 256 KB`] });
  });

  it("reports an _extends to a file that is not a shipshape.yml", async () => {
    const file = path.join(dir, "shipshape.yml");
    writeFileSync(file, "_extends: acme/infra:deploy/prod.yml\n");
    const result = await run(file);
    expect(result.code).toBe(1);
    expect(result.err[1]).toBe(`  ${file}:1:1: _extends: _extends may only name a .github/shipshape.yml or shipshape.yml file: "repo", "owner/repo" or "owner/repo:.github/shipshape.yml"`);
  });

  it("prints each problem in line order, with the value found and the key that was meant", async () => {
    const file = path.join(dir, "shipshape.yml");
    writeFileSync(file, "tickets:\n  mode: advisroy\nadr:\n  lables: [architecture]\ncoverage:\n  patch:\n    target: 180\n");
    expect(await run(file)).toEqual({
      code: 1,
      out: [],
      err: [
        `Fix 3 problems in ${file}:`,
        `  ${file}:2:3: tickets.mode: expected "required" or "advisory", got "advisroy": did you mean "advisory"?`,
        `  ${file}:4:3: adr.lables: unknown key "lables" in adr: did you mean "labels"?`,
        `  ${file}:7:5: coverage.patch.target: expected at most 100, got 180`,
      ],
    });
  });
});
