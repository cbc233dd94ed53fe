import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/main.js";
import { parseEnv } from "../../src/env.js";
import { prInput } from "./dry-run-input.js";

interface JsonCheck {
  name: string;
  conclusion: string;
  title: string;
  summary: string;
  references: Array<{ provider: string; id: string; where: string }>;
}

describe("shipshape check: the checks on PRs from a file, offline", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "shipshape-check-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
  };
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const context: CliContext = { out: (line) => void out.push(line), err: (line) => void err.push(line), env: parseEnv({}), interactive: false, db: async () => { throw new Error("the dry run needs no store"); } };
    const code = await runCli(["check", ...args], context);
    return { code, out: out.join("\n"), err };
  };
  const json = async (...args: string[]) => {
    const result = await run(...args, "--format", "json");
    return { ...result, value: JSON.parse(result.out) as unknown };
  };
  const byName = (checks: JsonCheck[]) => Object.fromEntries(checks.map((check) => [check.name, check]));

  it("one PR in, one { checks } object out: a Jira key in the title passes, coverage is skipped for want of a report", async () => {
    const file = write("pr.json", prInput({ title: "ABC-123 Update the README with new information." }));
    const { code, value, err } = await json("--pr", file);
    expect(code).toBe(0);
    expect(err).toEqual(["Judged with the default configuration (no --config)."]);
    const { checks } = value as { checks: JsonCheck[] };
    expect(checks.map((check) => [check.name, check.conclusion])).toEqual([
      ["shipshape/ticket", "success"],
      ["shipshape/adr", "success"],
      ["shipshape/coverage", "skipped"],
    ]);
    expect(checks[0]?.references).toEqual([{ provider: "jira", id: "ABC-123", where: "title" }]);
    expect(checks[1]?.references).toEqual([]);
    expect(checks[2]).toEqual({
      name: "shipshape/coverage",
      conclusion: "skipped",
      title: "Coverage not judged in a dry run: it needs your CI's coverage report",
      summary:
        "The app judges coverage when CI's report arrives (an artifact matching `coverage`, or an upload): at least 80% of the changed coverable lines covered, and total coverage down by at most 0.5 points against the base. A dry run has no report, so this check is skipped and never counted as a failure.",
      references: [],
    });
  });

  it("an array in, an array out, in order; a PR without a ticket fails and the exit code is 1", async () => {
    const file = write("prs.json", [
      prInput({ title: "Fix login redirect", branch: "feature/ABC-7-login" }),
      prInput({ commits: ["Update README", "Fix typo"] }),
      prInput({ labels: ["no-ticket"] }),
    ]);
    const { code, value } = await json("--pr", file);
    expect(code).toBe(1);
    const entries = value as Array<{ checks: JsonCheck[] }>;
    expect(entries).toHaveLength(3);
    const tickets = entries.map((entry) => byName(entry.checks)["shipshape/ticket"]);
    expect(tickets.map((check) => check?.conclusion)).toEqual(["success", "failure", "skipped"]);
    expect(tickets[0]?.references).toEqual([{ provider: "jira", id: "ABC-7", where: "branch" }]);
    expect(tickets[1]?.references).toEqual([]);
    // The commits were searched, as the app searches them when the title, branch and body have nothing.
    expect(tickets[1]?.summary).toContain("Searched: the title, the branch `changes`, the description, 2 commit messages.");
    expect(tickets[2]?.title).toBe("No ticket needed: labelled no-ticket");
  });

  it("text reads like the check runs: name and conclusion, the title line, the summary; then what would fail", async () => {
    const file = write("prs.json", [prInput({ title: "ABC-123 Update the README" }), prInput({ title: "Update the README" })]);
    const { code, out } = await run("--pr", file);
    expect(code).toBe(1);
    expect(out.split("\n").slice(0, 4)).toEqual(["Codertocat/Hello-World: ABC-123 Update the README (PR 1 of 2)", "=".repeat(61), "", "shipshape/ticket: success"]);
    expect(out).toContain("shipshape/ticket: success\nLinked to ABC-123\n\nThis PR links a ticket, so reviewers and release notes can trace why it exists.\n\n- ABC-123 (Jira) in the title\n");
    expect(out).toContain("shipshape/ticket: failure\nAdd a ticket reference to the title, e.g. #123\n\nThis repository asks every pull request to link the ticket it belongs to, and none was found.");
    expect(out.split("\n").at(-1)).toBe("1 check would fail: shipshape/ticket on PR 2.");
  });

  it("a commit message holds the reference: named by its position, since the file has no SHAs", async () => {
    const file = write("pr.json", prInput({ commits: ["Update README", "OPS-7: rotate keys"] }));
    const { code, value } = await json("--pr", file);
    expect(code).toBe(0);
    expect(byName((value as { checks: JsonCheck[] }).checks)["shipshape/ticket"]?.references).toEqual([{ provider: "jira", id: "OPS-7", where: "commit 2" }]);
  });

  it("--config: advisory mode makes a miss neutral, so the exit code is 0; disabled checks are not listed", async () => {
    const config = write("shipshape.yml", "tickets:\n  mode: advisory\nadr:\n  enabled: false\ncoverage:\n  enabled: false\n");
    const file = write("pr.json", prInput({ title: "Update the README" }));
    const { code, value, err } = await json("--pr", file, "--config", config);
    expect(code).toBe(0);
    expect(err).toEqual([`Judged with ${config}.`]);
    expect((value as { checks: JsonCheck[] }).checks.map((check) => [check.name, check.conclusion])).toEqual([["shipshape/ticket", "neutral"]]);
  });

  it("--config: a broken file prints the shipshape/config check's problems, as config validate does, and exits 1", async () => {
    const config = write("shipshape.yml", "tickets:\n  mode: sometimes\nadr:\n  labelz: [x]\n");
    const file = write("pr.json", prInput());
    const { code, out, err } = await run("--pr", file, "--config", config);
    const validated: string[] = [];
    const validate = await runCli(["config", "validate", config], { out: () => undefined, err: (line) => void validated.push(line), env: parseEnv({}), interactive: false, db: async () => { throw new Error("no store"); } });
    expect(validate).toBe(1);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toEqual(validated);
    expect(err[0]).toBe(`Fix 2 problems in ${config}:`);
  });

  it("tickets.verify: references count offline, and the summary says verification was skipped", async () => {
    const config = write("shipshape.yml", "tickets:\n  verify: true\n");
    const file = write("pr.json", prInput({ body: "Fixes #12" }));
    const { code, value } = await json("--pr", file, "--config", config);
    expect(code).toBe(0);
    const ticket = byName((value as { checks: JsonCheck[] }).checks)["shipshape/ticket"];
    expect(ticket?.conclusion).toBe("success");
    expect(ticket?.references).toEqual([{ provider: "github", id: "#12", where: "body" }]);
    expect(ticket?.summary.split("\n\n").at(-1)).toBe(
      "Verification skipped: a dry run makes no network requests, so no reference was looked up. With `verify: true` the app counts a GitHub reference only when it names an existing issue, not a pull request.",
    );
  });

  describe("--repo-dir: the config and the ADR directory of a local checkout", () => {
    const checkout = () => {
      const root = path.join(dir, "repo");
      write("repo/.github/shipshape.yml", "adr:\n  labels: [architecture]\n");
      write("repo/docs/adr/0001-record-architecture-decisions.md", "# 1. Record architecture decisions\n\n## Status\n\nAccepted\n");
      write("repo/docs/adr/0007-use-postgres.md", "# 7. Use PostgreSQL\n\n## Status\n\nAccepted\n");
      write("repo/docs/adr/README.md", "Our ADRs.\n");
      return root;
    };

    it("reads .github/shipshape.yml, suggests the next number after the highest, in the directory's style", async () => {
      const root = checkout();
      const file = write("pr.json", prInput({ title: "ABC-1 Move sessions to Redis", labels: ["architecture"] }));
      const { code, value, err } = await json("--pr", file, "--repo-dir", root);
      expect(code).toBe(1);
      expect(err).toEqual([`Judged with ${path.join(root, ".github/shipshape.yml")}.`]);
      const adr = byName((value as { checks: JsonCheck[] }).checks)["shipshape/adr"];
      expect(adr?.conclusion).toBe("failure");
      expect(adr?.title).toBe("Add docs/adr/0008-move-sessions-to-redis.md, or cite an existing ADR");
      expect(adr?.summary).not.toContain("--repo-dir");
    });

    it("a citation of an ADR that exists in the checkout satisfies the check; one that does not is named", async () => {
      const root = checkout();
      const file = write("prs.json", [
        prInput({ title: "ABC-1 Move sessions to Redis", labels: ["architecture"], body: "As decided in ADR-7." }),
        prInput({ title: "ABC-1 Move sessions to Redis", labels: ["architecture"], body: "As decided in ADR-9." }),
      ]);
      const { code, value } = await json("--pr", file, "--repo-dir", root);
      expect(code).toBe(1);
      const [first, second] = (value as Array<{ checks: JsonCheck[] }>).map((entry) => byName(entry.checks)["shipshape/adr"]);
      expect([first?.conclusion, first?.title]).toEqual(["success", "ADR cited: ADR-7"]);
      expect(first?.summary).toContain("docs/adr/0007-use-postgres.md");
      expect(second?.conclusion).toBe("failure");
      expect(second?.summary).toContain("ADR-9");
    });

    it("without --repo-dir the same citation cannot be checked, and the summary says so", async () => {
      const file = write("pr.json", prInput({ title: "ABC-1 Move sessions to Redis", labels: ["architecture"], body: "As decided in ADR-7." }));
      const { code, value } = await json("--pr", file);
      expect(code).toBe(1);
      const adr = byName((value as { checks: JsonCheck[] }).checks)["shipshape/adr"];
      expect(adr?.title).toBe("Add docs/adr/0001-move-sessions-to-redis.md, or cite an existing ADR");
      expect(adr?.summary.split("\n\n").at(-1)).toBe(
        "Dry run without `--repo-dir`: the ADRs in `docs/adr/` were not listed, so a citation of an existing ADR was not checked and the suggested number starts from 1. Run again with `--repo-dir` on a checkout of the base branch to judge as the app does.",
      );
    });

    it("--config wins over the checkout's file", async () => {
      const root = checkout();
      const config = write("other.yml", "adr:\n  enabled: false\ncoverage:\n  enabled: false\n");
      const file = write("pr.json", prInput({ title: "ABC-1 Move sessions to Redis", labels: ["architecture"] }));
      const { code, value } = await json("--pr", file, "--repo-dir", root, "--config", config);
      expect(code).toBe(0);
      expect((value as { checks: JsonCheck[] }).checks.map((check) => check.name)).toEqual(["shipshape/ticket"]);
    });

    it("never follows a symlink out of the checkout: a linked ADR directory or config is no directory, no config", async () => {
      const root = path.join(dir, "linked");
      const outside = path.join(dir, "outside");
      write("outside/adr/0041-secret.md", "# 41. Secret\n");
      write("outside/shipshape.yml", "adr:\n  enabled: false\n");
      mkdirSync(path.join(root, "docs"), { recursive: true });
      mkdirSync(path.join(root, ".github"), { recursive: true });
      symlinkSync(path.join(outside, "adr"), path.join(root, "docs", "adr"));
      symlinkSync(path.join(outside, "shipshape.yml"), path.join(root, ".github", "shipshape.yml"));
      const file = write("pr.json", prInput({ title: "ABC-1 Move sessions to Redis", labels: ["architecture"], body: "See ADR-41." }));
      const { code, value, err } = await json("--pr", file, "--repo-dir", root);
      expect(code).toBe(1);
      expect(err).toEqual([`Judged with the default configuration (no --config, no .github/shipshape.yml in ${root}).`]);
      const adr = byName((value as { checks: JsonCheck[] }).checks)["shipshape/adr"];
      expect(adr?.conclusion).toBe("failure");
      expect(adr?.title).toBe("Add docs/adr/0001-move-sessions-to-redis.md, or cite an existing ADR");
    });

    it("lists at most 1,000 entries, as GitHub's contents API does", async () => {
      const root = path.join(dir, "many");
      for (let i = 1; i <= 1_005; i++) write(`many/docs/adr/${String(i).padStart(4, "0")}-decision.md`, `# ${i}. Decision\n`);
      const file = write("pr.json", prInput({ title: "ABC-1 One more", labels: ["architecture"] }));
      const { value } = await json("--pr", file, "--repo-dir", root);
      expect(byName((value as { checks: JsonCheck[] }).checks)["shipshape/adr"]?.title).toBe("Add docs/adr/1001-one-more.md, or cite an existing ADR");
    });
  });

  it.each([
    ["not JSON", "{ title: 1", /^FILE: not JSON: /],
    ["a missing title", { repository: "acme/shop" }, /^FILE: title: expected string, received undefined$/],
    ["a repository that is not owner/repo", { repository: "shop", title: "x" }, /^FILE: repository: expected "owner\/repo"$/],
    ["a bad author_type", [prInput(), prInput({ author_type: "Robot" })], /^FILE: \[1\]\.author_type: expected "User" or "Bot"$/],
    ["a misspelt key", prInput({ lables: ["x"] }), /^FILE: unknown key "lables": remove or rename$/],
    ["an empty array", [], /^FILE: the array is empty: give one PR object, or an array of them$/],
    ["a file status GitHub does not use", prInput({ files: [{ filename: "a.ts", status: "edited" }] }), /^FILE: files\[0\]\.status: expected "added" or "removed" or /],
  ])("a bad input file (%s) is answered in one line, exit 2", async (_case, content, message) => {
    const file = write("bad.json", typeof content === "string" ? content : JSON.stringify(content));
    const { code, out, err } = await run("--pr", file);
    expect({ code, out }).toEqual({ code: 2, out: "" });
    expect(err).toHaveLength(1);
    expect(err[0]?.replace(file, "FILE")).toMatch(message);
  });

  it.each([
    [[], "--pr FILE is required: a JSON file with one PR or an array of PRs."],
    [["--pr", "x.json", "--format", "yaml"], '--format must be text or json, not "yaml".'],
    [["--pr", "x.json", "extra"], "Unexpected argument 'extra'."],
    [["--pr", "x.json", "--colour"], "Unknown option '--colour'."],
  ])("%j is a usage error, exit 2", async (args, message) => {
    const { code, err } = await run(...args);
    expect(code).toBe(2);
    expect(err[0]?.split("\n")[0]).toBe(message);
  });

  it("a missing --pr file or --repo-dir is exit 2, in one line", async () => {
    expect(await run("--pr", path.join(dir, "nope.json"))).toEqual({ code: 2, out: "", err: [`Cannot read ${path.join(dir, "nope.json")}: no such file`] });
    const file = write("pr.json", prInput());
    expect(await run("--pr", file, "--repo-dir", path.join(dir, "nowhere"))).toEqual({ code: 2, out: "", err: [`--repo-dir ${path.join(dir, "nowhere")}: no such directory`] });
  });

  it("a Bot author listed by login is exempt, as in the app", async () => {
    const file = write("pr.json", prInput({ title: "Bump lodash from 4.17.20 to 4.17.21", author: "dependabot[bot]", author_type: "Bot" }));
    const { code, value } = await json("--pr", file);
    expect(code).toBe(0);
    const ticket = byName((value as { checks: JsonCheck[] }).checks)["shipshape/ticket"];
    expect([ticket?.conclusion, ticket?.title, ticket?.references]).toEqual(["skipped", "No ticket needed for PRs by dependabot[bot]", []]);
  });
});
