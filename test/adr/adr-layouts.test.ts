import { mkdirSync, writeFileSync } from "node:fs";
import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { adrRecords, nextAdrFile } from "../../src/checks/adr/adr-files.js";
import { adrCommentBody } from "../../src/checks/adr/adr-comment.js";
import { adrStyle, adrTemplate, fillTemplate } from "../../src/checks/adr/adr-template.js";
import { decideAdr } from "../../src/checks/adr/decide-adr.js";
import { LAYOUTS } from "../fixtures/adr-layouts/layouts.js";
import { listing, makeAdrConfig, makeAdrFacts } from "./builders.js";

const TITLE = "Use Redis for sessions";
const TODAY = "2025-03-14";

/** Per layout: the next file, the decisions counted, and how the template starts. */
const cases: Array<{ layout: string; next: string; decisions: number; starts: string }> = [
  { layout: "adr-tools", next: "doc/adr/0010-use-redis-for-sessions.md", decisions: 4, starts: "# 10. Use Redis for sessions\n\nDate: 2025-03-14\n\n## Status\n\nProposed\n\n## Context" },
  { layout: "madr", next: "docs/decisions/0020-use-redis-for-sessions.md", decisions: 3, starts: "---\nstatus: proposed\ndate: 2025-03-14\ndecision-makers: {list everyone involved}\n---\n\n# Use Redis for sessions\n\n## Context and Problem Statement" },
  { layout: "log4brains", next: "docs/adr/20250314-use-redis-for-sessions.md", decisions: 6, starts: "# Use Redis for sessions\n\n- Status: [draft | proposed | rejected | accepted | deprecated] <!-- optional -->\n- Date: 2025-03-14" },
  { layout: "nats", next: "adr/ADR-64.md", decisions: 6, starts: "# Use Redis for sessions\n\n| Metadata | Value |\n|----------|-------|\n| Date     | 2025-03-14 |" },
  { layout: "joelparkerhenderson", next: "decisions/0003-use-redis-for-sessions/index.md", decisions: 2, starts: "# Use Redis for sessions\n\n## Status\n\nProposed" },
  { layout: "backstage", next: "docs/architecture-decisions/adr016-use-redis-for-sessions.md", decisions: 3, starts: "---\nid: adrs-adr016\ntitle: ADR016: Use Redis for sessions\ndescription: Architecture Decision Record (ADR) for Use Redis for sessions [DESCRIPTION]\n---\n\n## Context" },
  { layout: "cosmos", next: "docs/architecture/adr-072-use-redis-for-sessions.md", decisions: 3, starts: "# ADR 072: Use Redis for sessions\n\n## Status\n\nProposed" },
];

function entries(layout: string) {
  const fixture = LAYOUTS[layout];
  if (!fixture) throw new Error(layout);
  return { fixture, entries: listing(fixture.names.map((name) => name.replace(/\/$/, "")), fixture.directory).map((entry, i) => ({ ...entry, type: fixture.names[i]?.endsWith("/") ? ("dir" as const) : ("file" as const) })) };
}

describe("ADR layouts of real repositories", () => {
  it.each(cases)("$layout: next file $next", ({ layout, next, decisions, starts }) => {
    const { fixture, entries: listed } = entries(layout);
    // README, index, templates, images and unnumbered files are not decisions.
    expect(adrRecords(listed)).toHaveLength(decisions);
    const suggestion = nextAdrFile({ entries: listed, directory: fixture.directory, title: TITLE, today: TODAY });
    expect(suggestion.path).toBe(next);
    const template = fixture.template
      ? fillTemplate({ text: fixture.template.text, title: TITLE, number: suggestion.number, digits: suggestion.digits, prefix: suggestion.prefix, date: TODAY })
      : adrTemplate({ style: adrStyle(fixture.newest ?? ""), title: TITLE, number: suggestion.number, digits: suggestion.digits, date: TODAY });
    expect(template.startsWith(starts)).toBe(true);
  });

  it("renders each layout's comment to HTML (written to test-output/ to look at)", () => {
    const html: string[] = [];
    for (const { layout } of cases) {
      const { fixture, entries: listed } = entries(layout);
      const config = makeAdrConfig({ directory: fixture.directory });
      const decision = decideAdr(makeAdrFacts({ title: `feat: ${TITLE} [ENG-42]`, labels: ["architecture"], listing: listed, today: TODAY }), config);
      expect(decision.kind).toBe("missing");
      if (decision.kind !== "missing") continue;
      const s = decision.suggestion;
      const template = fixture.template
        ? fillTemplate({ text: fixture.template.text, title: decision.title, number: s.number, digits: s.digits, prefix: s.prefix, date: TODAY })
        : adrTemplate({ style: adrStyle(fixture.newest ?? ""), title: decision.title, number: s.number, digits: s.digits, date: TODAY });
      const body = adrCommentBody(decision, { config, baseRef: "main", style: "nygard", template });
      expect(body).toContain(`Add \`${s.path}\``);
      expect(body).not.toContain("ENG-42");
      html.push(`<h2>${layout}</h2>\n${marked.parse(body, { async: false })}`);
    }
    mkdirSync("test-output", { recursive: true });
    writeFileSync("test-output/adr-layouts.html", html.join("\n<hr>\n"));
    expect(html).toHaveLength(cases.length);
  });

  it("cites by bare file name, by folder link and by ADR #n; citing the README or the template does not count", () => {
    const config = makeAdrConfig({ directory: "docs/adr" });
    const { entries: log4brains } = entries("log4brains");
    const facts = (body: string, listed = log4brains) => makeAdrFacts({ labels: ["architecture"], body, listing: listed, today: TODAY });
    expect(decideAdr(facts("Builds on 20201103-use-lunr-for-search.md."), config)).toMatchObject({ kind: "satisfied", evidence: [{ kind: "reference", path: "docs/adr/20201103-use-lunr-for-search.md" }] });
    expect(decideAdr(facts("See docs/adr/README.md and docs/adr/template.md"), config).kind).toBe("missing");
    const { entries: folders } = entries("joelparkerhenderson");
    const folderConfig = makeAdrConfig({ directory: "decisions" });
    expect(decideAdr(facts("Per decisions/0002-use-postgresql/index.md", folders), folderConfig)).toMatchObject({ kind: "satisfied", evidence: [{ path: "decisions/0002-use-postgresql/index.md" }] });
    expect(decideAdr(facts("Per ADR #2", folders), folderConfig)).toMatchObject({ kind: "satisfied", evidence: [{ text: "ADR #2" }] });
  });
});
