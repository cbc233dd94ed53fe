import { beforeEach, describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/test-app.js";
import { ADR_ONLY, calls, hasDirectory, OWNER, PR, prEvent, REPO, type PrState } from "./adr-harness.js";

describe("shipshape/adr: what it reads and what it posts", () => {
  const { app, github } = useTestApp();
  let state: PrState;
  beforeEach(() => {
    state = { title: "Shard the orders database", body: "", labels: [], sha: "a".repeat(40) };
  });

  const receive = (action = "opened") => app.probot.receive(prEvent(action, state) as never);

  it("finds a path trigger on the third page of a 250-file PR, and matches renamed files by their old name", async () => {
    github.hasConfig(OWNER, REPO, `${ADR_ONLY}adr:\n  paths: ["src/db/**"]\n`);
    const files = Array.from({ length: 249 }, (_, i) => ({ filename: `web/page-${i}.tsx` }));
    files.push({ filename: "legacy/orders.ts", status: "renamed", previous_filename: "src/db/orders.ts" } as (typeof files)[number]);
    github.hasPullRequestFiles(PR, files);
    hasDirectory(github, "docs/adr", []);
    await receive();
    expect(calls(github).filter((c) => c.endsWith("/files"))).toHaveLength(3);
    expect(github.checkRun("shipshape/adr")?.output.summary).toContain("it changes a file that `adr.paths` marks as architectural: `src/db/orders.ts`.");
    expect(github.checkRun("shipshape/adr")?.output.title).toBe("Add docs/adr/0001-shard-the-orders-database.md, or cite an existing ADR");
    expect(github.unhandled).toEqual([]);
  });

  it("with comment: false posts no comment, and the check run carries the template", async () => {
    github.hasConfig(OWNER, REPO, `${ADR_ONLY}adr:\n  comment: false\n`);
    github.hasPullRequestFiles(PR, [{ filename: "src/a.ts" }]);
    hasDirectory(github, "docs/adr", []);
    state.labels = ["architecture"];
    await receive();
    expect(calls(github).filter((c) => c.includes("/comments"))).toEqual([]);
    const run = github.checkRun("shipshape/adr");
    expect(run?.conclusion).toBe("failure");
    expect(run?.output.text).toContain("Suggested file: `docs/adr/0001-shard-the-orders-database.md`\n\n```markdown\n# Shard the orders database\n\n## Status");
  });

  it("in advisory mode concludes neutral", async () => {
    github.hasConfig(OWNER, REPO, `${ADR_ONLY}adr:\n  mode: advisory\n  directory: architecture/decisions\n`);
    github.hasPullRequestFiles(PR, []);
    state.labels = ["architecture"];
    github.route("GET", new RegExp(`^/repos/${OWNER}/${REPO}/contents/?$`), () => [200, [{ name: "src", path: "src", type: "dir", sha: "d".repeat(40) }]]);
    await receive();
    // The directory does not exist (404), nor any well-known one (the root has only src/):
    // the suggestion starts at 0001 and no ADR text is read.
    expect(calls(github).filter((c) => c.includes("/contents"))).toEqual([
      `GET /repos/${OWNER}/${REPO}/contents/.github/shipshape.yml`,
      `GET /repos/${OWNER}/${REPO}/contents/architecture/decisions`,
      `GET /repos/${OWNER}/${REPO}/contents`,
    ]);
    expect(github.checkRun("shipshape/adr")).toMatchObject({ conclusion: "neutral", output: { title: "Add architecture/decisions/0001-shard-the-orders-database.md, or cite an existing ADR" } });
  });

  it("holds on a Confluence link without reading files' contents or the listing", async () => {
    github.hasConfig(OWNER, REPO, `${ADR_ONLY}adr:\n  links: ["https://acme.atlassian.net/wiki/*"]\n`);
    github.hasPullRequestFiles(PR, []);
    state.labels = ["architecture"];
    state.body = "Decision: https://acme.atlassian.net/wiki/spaces/ENG/pages/42/Sharding";
    await receive("labeled");
    expect(calls(github)).toEqual([
      `GET /repos/${OWNER}/${REPO}/contents/.github/shipshape.yml`,
      `GET /repos/${OWNER}/${REPO}/pulls/${PR}/files`,
      `POST /repos/${OWNER}/${REPO}/check-runs`,
    ]);
    expect(github.checkRun("shipshape/adr")).toMatchObject({ conclusion: "success", output: { title: "ADR linked: https://acme.atlassian.net/wiki/spaces/ENG/pages/42/Sharding" } });
    expect(github.comments).toEqual([]);
  });

  it("posts nothing when the check is disabled", async () => {
    github.hasConfig(OWNER, REPO, `${ADR_ONLY}adr:\n  enabled: false\n`);
    state.labels = ["architecture"];
    await receive("labeled");
    expect(calls(github)).toEqual([`GET /repos/${OWNER}/${REPO}/contents/.github/shipshape.yml`]);
  });
});
