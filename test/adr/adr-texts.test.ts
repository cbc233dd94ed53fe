import { mkdirSync, writeFileSync } from "node:fs";
import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { adrCommentBody } from "../../src/checks/adr/adr-comment.js";
import { adrResult } from "../../src/checks/adr/adr-result.js";
import type { AdrStyle } from "../../src/model/adr-style.js";
import { decideAdr, type AdrFacts } from "../../src/checks/adr/decide-adr.js";
import { toCheckRun } from "../../src/checks/to-check-run.js";
import type { Config } from "../../src/config/schema.js";
import { listing, makeAdrConfig, makeAdrFacts, makeFile } from "./builders.js";

interface Scenario {
  name: string;
  facts: Partial<AdrFacts>;
  config?: Partial<Config["adr"]>;
  style?: AdrStyle;
}

const architectural = ["src/db/schema.ts", "src/db/pool.ts", "src/db/migrations/0007.sql", "src/db/migrations/0008.sql", "src/db/index.ts", "src/db/types.ts", "src/db/seed.ts"];
const scenarios: Scenario[] = [
  { name: "Needed because of the label (adr-tools directory)", facts: { labels: ["architecture"] }, style: "adr-tools" },
  {
    name: "Needed because of paths, with a citation that does not count (MADR directory, outside links)",
    facts: { title: "ENG-88: Shard the orders database", body: "Per ADR-9.", files: architectural.map((f) => makeFile(f)), listing: listing(["0001-a.md", "0002-b.md", "0004-c.md"]) },
    config: { paths: ["src/db/**"], links: ["https://acme.atlassian.net/wiki/*"] },
    style: "madr",
  },
  {
    name: "Satisfied",
    facts: { labels: ["architecture"], body: "Per ADR-2 and https://acme.atlassian.net/wiki/spaces/ENG/pages/1", files: [makeFile("docs/adr/0003-move-sessions-to-redis.md", { status: "added" })] },
    config: { links: ["https://acme.atlassian.net/wiki/*"] },
  },
  { name: "No longer needed", facts: { labels: [] }, config: { paths: ["src/db/**"] } },
];

function render(scenario: Scenario) {
  const config = makeAdrConfig(scenario.config);
  const decision = decideAdr(makeAdrFacts(scenario.facts), config);
  const texts = { config, baseRef: "main", style: scenario.style ?? "nygard" };
  return { decision, comment: adrCommentBody(decision, texts), result: adrResult(decision, texts), mode: config.mode };
}

describe("ADR texts", () => {
  it("check-run outputs have a one-line title that says what to do, and a summary that says why", () => {
    const runs = scenarios.map((scenario) => {
      const { result, mode } = render(scenario);
      const run = toCheckRun({ name: "shipshape/adr", result, mode });
      expect(run?.output.title).not.toMatch(/\n/);
      expect(run?.output.title.length).toBeLessThan(120);
      return { scenario: scenario.name, conclusion: run?.conclusion, ...run?.output };
    });
    expect(runs.map((run) => [run.conclusion, run.title])).toEqual([
      ["failure", "Add docs/adr/0003-move-sessions-to-redis.md, or cite an existing ADR"],
      ["failure", "Add docs/adr/0005-shard-the-orders-database.md, or cite an existing ADR"],
      ["success", "ADR added: docs/adr/0003-move-sessions-to-redis.md"],
      ["success", "No ADR needed: no architecture label, no architectural paths changed"],
    ]);
    expect(runs[1]?.summary).toBe(
      "This pull request needs an Architecture Decision Record because it changes files that `adr.paths` marks as architectural: " +
        "`src/db/schema.ts`, `src/db/pool.ts`, `src/db/migrations/0007.sql`, `src/db/migrations/0008.sql`, `src/db/index.ts` and 2 more.\n\n" +
        "None found: it adds no file under `docs/adr/`, and its description cites no ADR that exists on `main` and links no page matching `adr.links`.\n\n" +
        "The description cites `ADR-9`, but `docs/adr` on `main` has no such ADR, so it does not count.\n\n" +
        "A writer can skip this check by commenting `/shipshape skip adr <reason>`.",
    );
    expect(runs[2]?.summary).toContain("- it adds `docs/adr/0003-move-sessions-to-redis.md`\n- it cites `ADR-2` (`docs/adr/0002-use-postgres.md`)\n- it links <https://acme.atlassian.net/wiki/spaces/ENG/pages/1>");
  });

  it("comment bodies render to HTML that reads well (snapshot; also written to test-output/)", async () => {
    const sections = scenarios.map((scenario) => `<section><h2 class="scenario">${scenario.name}</h2>\n<div class="comment">\n${marked.parse(render(scenario).comment, { async: false })}</div></section>`);
    const html = `<!doctype html>\n<html><head><meta charset="utf-8"><title>shipshape/adr comments</title><style>${CSS}</style></head>\n<body>\n${sections.join("\n")}\n</body></html>\n`;
    mkdirSync("test-output", { recursive: true });
    writeFileSync("test-output/adr-comment.html", html);
    await expect(html).toMatchFileSnapshot("__snapshots__/adr-comment.html");
  });

  it("the template block cannot be closed early by backticks in the PR title", () => {
    const { comment } = render({ name: "", facts: { labels: ["architecture"], title: "Use ``` fences ````" } });
    expect(comment).toContain("`````markdown\n# Use ``` fences ````\n");
  });
});

/** Close enough to GitHub's comment styles to judge the layout. */
const CSS = `
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; max-width: 860px; margin: 24px auto; }
h2.scenario { font-size: 12px; color: #59636e; text-transform: uppercase; letter-spacing: .04em; margin: 32px 0 6px; }
.comment { border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px 16px; }
h3 { font-size: 17px; margin: 12px 0 8px; }
code { background: #eff1f3; padding: .2em .4em; border-radius: 6px; font-size: 85%; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { background: #f6f8fa; padding: 12px 16px; border-radius: 6px; overflow: auto; }
pre code { background: none; padding: 0; font-size: 85%; }
blockquote { margin: 0; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
sub { color: #59636e; }
a { color: #0969da; }
`;
