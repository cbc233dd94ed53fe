import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prInput } from "./dry-run-input.js";

/** `node --import tsx src/cli/bin.ts check …`, as `npm run shipshape -- check …` runs it: a real process, its exit code and streams. */
function shipshape(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // No DATABASE_URL and a data dir of its own: the dry run must not need (or touch) a store.
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", SHIPSHAPE_DATA_DIR: path.join(dir, "data") };
    execFile(process.execPath, ["--import", "tsx", "src/cli/bin.ts", ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir = "";

describe("shipshape check as a process (what CI runs)", () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "shipshape-check-process-"));
    mkdirSync(path.join(dir, "repo", "docs", "adr"), { recursive: true });
    writeFileSync(path.join(dir, "repo", "docs", "adr", "0003-queue.md"), "# 3. Use a queue\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a PR that would fail: the JSON on stdout, exit 1", async () => {
    const file = path.join(dir, "fail.json");
    writeFileSync(file, JSON.stringify(prInput({ title: "Move sessions to Redis", labels: ["architecture"] })));
    const { code, stdout, stderr } = await shipshape(["check", "--pr", file, "--repo-dir", path.join(dir, "repo"), "--format", "json"]);
    expect(code).toBe(1);
    expect(stderr).toBe(`Judged with the default configuration (no --config, no .github/shipshape.yml in ${path.join(dir, "repo")}).\n`);
    const { checks } = JSON.parse(stdout) as { checks: Array<{ name: string; conclusion: string; title: string }> };
    expect(checks.map((check) => [check.name, check.conclusion])).toEqual([
      ["shipshape/ticket", "failure"],
      ["shipshape/adr", "failure"],
      ["shipshape/coverage", "skipped"],
    ]);
    expect(checks[1]?.title).toBe("Add docs/adr/0004-move-sessions-to-redis.md, or cite an existing ADR");
  }, 60_000);

  it("an array of passing PRs as text: exit 0, the verdict last", async () => {
    const file = path.join(dir, "pass.json");
    writeFileSync(file, JSON.stringify([prInput({ title: "ABC-1 Update the README" }), prInput({ title: "Update the README", body: "Fixes #12" })]));
    const { code, stdout } = await shipshape(["check", "--pr", file]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("No check would fail on these 2 PRs.");
    expect(stdout).toContain("shipshape/ticket: success\nLinked to #12\n");
  }, 60_000);

  it("a bad input file: one line on stderr, nothing on stdout, exit 2", async () => {
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ repository: "acme/shop", title: "x", draft: "no" }));
    expect(await shipshape(["check", "--pr", file])).toEqual({ code: 2, stdout: "", stderr: `${file}: draft: expected boolean, received string\n` });
  }, 60_000);
});
