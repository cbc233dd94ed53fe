import { describe, expect, it } from "vitest";
import { adrCitations } from "../../src/checks/adr/adr-citations.js";
import { adrTrigger } from "../../src/checks/adr/adr-trigger.js";
import { decideAdr, needsListing } from "../../src/checks/adr/decide-adr.js";
import { urlGlobMatches } from "../../src/checks/adr/url-glob.js";
import { listing, makeAdrConfig, makeAdrFacts, makeFile } from "./builders.js";

describe("adrTrigger: when a PR needs an ADR", () => {
  const cases = [
    { name: "no label, no paths configured", labels: ["bug"], paths: [], files: ["src/db/schema.ts"], want: null },
    { name: "the architecture label", labels: ["bug", "architecture"], paths: [], files: [], want: { kind: "label", label: "architecture" } },
    { name: "labels compare case-insensitively", labels: ["Architecture"], paths: [], files: [], want: { kind: "label", label: "Architecture" } },
    { name: "a label wins over paths", labels: ["architecture"], paths: ["src/db/**"], files: ["src/db/a.ts"], want: { kind: "label", label: "architecture" } },
    { name: "a ** glob", labels: [], paths: ["src/db/**"], files: ["README.md", "src/db/migrations/001.sql", "src/db/schema.ts"], want: { kind: "paths", paths: ["src/db/migrations/001.sql", "src/db/schema.ts"] } },
    { name: "a * glob stays in its folder", labels: [], paths: ["src/*.ts"], files: ["src/api/x.ts"], want: null },
    { name: "brace globs", labels: [], paths: ["{package.json,Dockerfile}"], files: ["Dockerfile"], want: { kind: "paths", paths: ["Dockerfile"] } },
    { name: "dot folders match", labels: [], paths: [".github/workflows/**"], files: [".github/workflows/ci.yml"], want: { kind: "paths", paths: [".github/workflows/ci.yml"] } },
    { name: "no file matches", labels: [], paths: ["src/db/**"], files: ["src/api/x.ts"], want: null },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const trigger = adrTrigger({ labels: c.labels, files: c.files.map((f) => makeFile(f)), config: makeAdrConfig({ paths: [...c.paths] }) });
      expect(trigger).toEqual(c.want);
    });
  }

  it("matches the old name of a renamed file", () => {
    const files = [makeFile("legacy/schema.ts", { status: "renamed", previousFilename: "src/db/schema.ts" })];
    expect(adrTrigger({ labels: [], files, config: makeAdrConfig({ paths: ["src/db/**"] }) })).toEqual({ kind: "paths", paths: ["src/db/schema.ts"] });
  });

  it("matches the new name of a file renamed into a watched folder", () => {
    const files = [makeFile("src/db/pool.ts", { status: "renamed", previousFilename: "lib/pool.ts" })];
    expect(adrTrigger({ labels: [], files, config: makeAdrConfig({ paths: ["src/db/**"] }) })).toEqual({ kind: "paths", paths: ["src/db/pool.ts"] });
  });

  it("counts a deleted file", () => {
    const files = [makeFile("src/db/schema.ts", { status: "removed" })];
    expect(adrTrigger({ labels: [], files, config: makeAdrConfig({ paths: ["src/db/**"] }) })?.kind).toBe("paths");
  });
});

describe("adrCitations: what the description cites", () => {
  const config = makeAdrConfig({ links: ["https://acme.atlassian.net/wiki/*", "https://www.notion.so/acme/*"] });
  const cases = [
    { body: "Follows ADR-12.", references: [{ text: "ADR-12", number: 12 }] },
    { body: "Follows ADR12 and ADR-0003, ADR12 again", references: [{ text: "ADR12", number: 12 }, { text: "ADR-0003", number: 3 }] },
    // How people cite, whatever `adr.references` says (issue 14), and case-insensitive by default.
    { body: "As decided in ADR 0012.", references: [{ text: "ADR 0012", number: 12 }] },
    { body: "lowercase adr-12 counts too", references: [{ text: "adr-12", number: 12 }] },
    { body: "See ADR #7 and ADR 7 and adr-0007", references: [{ text: "adr-0007", number: 7 }, { text: "ADR #7", number: 7 }, { text: "ADR 7", number: 7 }] },
    { body: "ADRIAN 3 is not a citation", references: [] },
  ];
  for (const c of cases) {
    it(`finds ${JSON.stringify(c.references)} in ${JSON.stringify(c.body)}`, () => {
      expect(adrCitations(c.body, config).references).toEqual(c.references);
    });
  }

  it("runs the user's own RE2 pattern (ADR 0012 with a space)", () => {
    expect(adrCitations("See ADR 0012.", makeAdrConfig({ references: ["ADR[- ]?[0-9]+"] })).references).toEqual([{ text: "ADR 0012", number: 12 }]);
  });

  it("keeps a pattern match without digits, with no number", () => {
    expect(adrCitations("see decision:sessions", makeAdrConfig({ references: ["decision:[a-z]+"] })).references).toEqual([{ text: "decision:sessions", number: null }]);
  });

  it("answers in linear time on a pattern that backtracks catastrophically in JS", () => {
    const body = `${"a".repeat(50_000)}!`;
    const started = process.hrtime.bigint();
    expect(adrCitations(body, makeAdrConfig({ references: ["(a+)+$"] })).references).toEqual([]);
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
  });

  it("finds links to files in the ADR directory, however they are written", () => {
    const body = [
      "Relative: docs/adr/0002-use-postgres.md.",
      "Markdown: [ADR](./docs/adr/0001-record-architecture-decisions.md)",
      "URL: https://github.com/acme/app/blob/main/docs/adr/0003-caching.md#decision",
      "Encoded: <docs/adr/0004-%C3%A9t%C3%A9.md>",
      "Not ours: mydocs/adr/0009-x.md, the folder itself docs/adr/",
    ].join("\n");
    expect(adrCitations(body, config).files).toEqual([
      { text: "docs/adr/0002-use-postgres.md", name: "0002-use-postgres.md" },
      { text: "docs/adr/0001-record-architecture-decisions.md", name: "0001-record-architecture-decisions.md" },
      { text: "docs/adr/0003-caching.md", name: "0003-caching.md" },
      { text: "docs/adr/0004-%C3%A9t%C3%A9.md", name: "0004-été.md" },
    ]);
  });

  it("finds links matching adr.links, in Markdown and bare", () => {
    const body = "[decision](https://acme.atlassian.net/wiki/spaces/ENG/pages/123/ADR+Sessions), https://www.notion.so/acme/Sessions-abc123. Not: https://evil.example/https://acme.atlassian.net/wiki/x";
    expect(adrCitations(body, config).links).toEqual(["https://acme.atlassian.net/wiki/spaces/ENG/pages/123/ADR+Sessions", "https://www.notion.so/acme/Sessions-abc123"]);
  });
});

describe("urlGlobMatches", () => {
  const cases = [
    ["https://acme.atlassian.net/wiki/*", "https://acme.atlassian.net/wiki/spaces/ENG/pages/1", true],
    ["https://acme.atlassian.net/wiki/*", "https://ACME.atlassian.net/wiki/x", true],
    ["https://acme.atlassian.net/wiki/*", "https://acme.atlassian.net/WIKI/x", false],
    ["https://acme.atlassian.net/wiki/*", "https://acme.atlassian.net.evil.io/wiki/x", false],
    ["https://*.notion.site/*/adr-*", "https://acme.notion.site/eng/adr-12", true],
    ["https://*.notion.site/*/adr-*", "https://acme.notion.site/eng/other", false],
    ["https://docs.example.com/adr", "https://docs.example.com/adr", true],
    ["https://docs.example.com/adr", "https://docs.example.com/adr/1", false],
    ["https://a.io/*x*x", "https://a.io/x", false],
  ] as const;
  for (const [glob, url, want] of cases) {
    it(`${glob} ${want ? "matches" : "does not match"} ${url}`, () => expect(urlGlobMatches(glob, url)).toBe(want));
  }
});

describe("decideAdr: when it holds", () => {
  const label = { labels: ["architecture"] };
  const config = makeAdrConfig({ links: ["https://acme.atlassian.net/wiki/*"] });

  it("does not apply without a label or matching path", () => {
    expect(decideAdr(makeAdrFacts(), config)).toEqual({ kind: "not-needed" });
  });

  it("holds when the PR adds an ADR", () => {
    const files = [makeFile("src/app.ts"), makeFile("docs/adr/0003-move-sessions-to-redis.md", { status: "added" })];
    expect(decideAdr(makeAdrFacts({ ...label, files, listing: undefined }), config)).toEqual({
      kind: "satisfied",
      trigger: { kind: "label", label: "architecture" },
      evidence: [{ kind: "file", path: "docs/adr/0003-move-sessions-to-redis.md", status: "added" }],
      unresolved: [],
    });
  });

  it("holds when the PR changes an existing ADR, not when it only deletes one", () => {
    const changed = [makeFile("docs/adr/0002-use-postgres.md", { status: "modified" })];
    expect(decideAdr(makeAdrFacts({ ...label, files: changed }), config).kind).toBe("satisfied");
    const removed = [makeFile("docs/adr/0002-use-postgres.md", { status: "removed" })];
    expect(decideAdr(makeAdrFacts({ ...label, files: removed }), config).kind).toBe("missing");
  });

  it("does not count a file in a folder that merely starts with the directory's name", () => {
    expect(decideAdr(makeAdrFacts({ ...label, files: [makeFile("docs/adrs/0003-x.md", { status: "added" })] }), config).kind).toBe("missing");
  });

  it("holds when the body cites an ADR that exists on the base branch, by number", () => {
    const decision = decideAdr(makeAdrFacts({ ...label, body: "Per ADR-2 we keep Postgres." }), config);
    expect(decision).toMatchObject({ kind: "satisfied", evidence: [{ kind: "reference", text: "ADR-2", path: "docs/adr/0002-use-postgres.md" }] });
  });

  it("holds when the body links a file of the directory", () => {
    const decision = decideAdr(makeAdrFacts({ ...label, body: "See [the ADR](docs/adr/0002-use-postgres.md)" }), config);
    expect(decision).toMatchObject({ kind: "satisfied", evidence: [{ kind: "reference", path: "docs/adr/0002-use-postgres.md" }] });
  });

  it("holds when the body links a page matching adr.links, without reading the directory", () => {
    const facts = makeAdrFacts({ ...label, body: "https://acme.atlassian.net/wiki/spaces/ENG/pages/9", listing: undefined });
    expect(needsListing(facts, config)).toBe(false);
    expect(decideAdr(facts, config)).toMatchObject({ kind: "satisfied", evidence: [{ kind: "link", url: "https://acme.atlassian.net/wiki/spaces/ENG/pages/9" }] });
  });

  it("does not count a citation of an ADR that does not exist, and says so", () => {
    const decision = decideAdr(makeAdrFacts({ ...label, body: "Per ADR-7 and docs/adr/0009-nope.md" }), config);
    expect(decision).toMatchObject({ kind: "missing", unresolved: [{ text: "ADR-7", reason: "no-such-adr" }, { text: "docs/adr/0009-nope.md", reason: "no-such-adr" }] });
  });

  it("reports a citation as unresolved when the directory does not exist", () => {
    const decision = decideAdr(makeAdrFacts({ ...label, body: "ADR-1", listing: null }), config);
    expect(decision).toMatchObject({ kind: "missing", unresolved: [{ text: "ADR-1", reason: "no-directory" }], suggestion: { path: "docs/adr/0001-move-sessions-to-redis.md" } });
  });

  it("lists a bad citation beside the evidence that did count", () => {
    const decision = decideAdr(makeAdrFacts({ ...label, body: "ADR-2, ADR-99" }), config);
    expect(decision).toMatchObject({ kind: "satisfied", evidence: [{ text: "ADR-2" }], unresolved: [{ text: "ADR-99" }] });
  });

  it("needs the listing only when nothing cheaper shows an ADR", () => {
    expect(needsListing(makeAdrFacts({ body: "ADR-2" }), config)).toBe(true);
    expect(needsListing(makeAdrFacts({ files: [makeFile("docs/adr/x.md")] }), config)).toBe(false);
  });

  it("suggests the next file from the PR title when missing", () => {
    const decision = decideAdr(makeAdrFacts({ ...label, title: "feat(auth): Move sessions to Redis", listing: listing(["0001-a.md", "0007-b.md"]) }), config);
    expect(decision).toMatchObject({ kind: "missing", title: "Move sessions to Redis", highest: 7, suggestion: { path: "docs/adr/0008-move-sessions-to-redis.md", number: 8, digits: "0008" } });
  });
});
