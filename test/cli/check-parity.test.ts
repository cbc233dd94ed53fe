import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/main.js";
import { parseEnv } from "../../src/env.js";
import { hasDirectory, OWNER, PR, prEvent, REPO, BASE } from "../adr/adr-harness.js";
import { useTestApp } from "../helpers/test-app.js";
import { prInput } from "./dry-run-input.js";

const CONFIG = "adr:\n  labels: [architecture]\ncoverage:\n  enabled: false\n";
const ADRS: Record<string, string> = {
  "0001-record-architecture-decisions.md": "---\nstatus: accepted\n---\n\n# Record architecture decisions\n",
  "0002-use-postgres.md": "---\nstatus: accepted\n---\n\n# Use PostgreSQL\n\n## Context and Problem Statement\n",
};

/**
 * The dry run against the real app: the same PR through `useTestApp()` (the fake GitHub serving the
 * same config and ADR directory) and through `shipshape check --repo-dir` on a checkout holding the
 * same files. Conclusions, titles and summaries must be the app's, word for word.
 */
describe("shipshape check says what the app posts", () => {
  const { app, github } = useTestApp({ now: "2024-06-03T10:00:00Z" });
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "shipshape-parity-"));
    const write = (relative: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      writeFileSync(path.join(dir, relative), text);
    };
    write(".github/shipshape.yml", CONFIG);
    for (const [name, text] of Object.entries(ADRS)) write(`docs/adr/${name}`, text);
    github.hasConfig(OWNER, REPO, CONFIG);
    hasDirectory(github, "docs/adr", Object.keys(ADRS));
    for (const [name, text] of Object.entries(ADRS)) github.hasFile(OWNER, REPO, `docs/adr/${name}`, text, BASE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const dryRun = async (input: Record<string, unknown>) => {
    const file = path.join(dir, "pr.json");
    writeFileSync(file, JSON.stringify(input));
    const out: string[] = [];
    const context: CliContext = { out: (line) => void out.push(line), err: () => undefined, env: parseEnv({}), interactive: false, db: async () => { throw new Error("no store"); } };
    const code = await runCli(["check", "--pr", file, "--repo-dir", dir, "--format", "json"], context);
    const { checks } = JSON.parse(out.join("\n")) as { checks: Array<{ name: string; conclusion: string; title: string; summary: string }> };
    return { code, checks: checks.map(({ name, conclusion, title, summary }) => ({ name, conclusion, title, summary })) };
  };
  // The one difference allowed: offline, the dry run cannot read the issues GitHub links to the
  // PR (Development sidebar), so it does not claim to have searched them.
  const SIDEBAR = ", the issues linked in GitHub's Development sidebar";
  const posted = () =>
    github.checkRuns
      .filter((run) => run.name !== "shipshape/config")
      .map((run) => ({ name: run.name, conclusion: run.conclusion, title: run.output?.title, summary: run.output?.summary?.replace(SIDEBAR, "") }));

  it.each([
    ["a Jira key in the title, no ADR needed", { title: "ABC-123 Update the README", body: "", labels: [] }],
    ["no ticket anywhere, commits searched; an ADR is missing", { title: "Move sessions to Redis", body: "Faster.", labels: ["architecture"] }],
    ["an existing ADR cited", { title: "ABC-9 Move sessions to Redis", body: "As ADR-2 decided.", labels: ["architecture"] }],
    ["a cited ADR that does not exist", { title: "ABC-9 Move sessions to Redis", body: "As ADR-5 decided.", labels: ["architecture"] }],
  ])("%s", async (_case, state) => {
    github.hasCommits(PR, [{ message: "Update README" }, { message: "Fix typo" }]);
    await app.probot.receive(prEvent("opened", { ...state, sha: "e".repeat(40) }) as never);
    const local = await dryRun(prInput({ ...state, commits: ["Update README", "Fix typo"] }));
    expect(local.checks).toEqual(posted());
    expect(local.checks.map((check) => check.name)).toEqual(["shipshape/ticket", "shipshape/adr"]);
    expect(local.code).toBe(local.checks.some((check) => check.conclusion === "failure") ? 1 : 0);
  });
});
