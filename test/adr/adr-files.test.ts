import { describe, expect, it } from "vitest";
import { nextAdrFile, parseAdrFileName } from "../../src/checks/adr/adr-files.js";
import { adrTitle, slugify } from "../../src/checks/adr/adr-slug.js";
import { adrStyle, adrTemplate } from "../../src/checks/adr/adr-template.js";
import { listing } from "./builders.js";

describe("nextAdrFile: numbering and padding", () => {
  const cases: Array<{ name: string; files: string[]; want: string }> = [
    { name: "an empty directory starts MADR-style at 0001", files: [], want: "docs/adr/0001-move-sessions-to-redis.md" },
    { name: "MADR / adr-tools four digits", files: ["0001-record-architecture-decisions.md", "0002-use-postgres.md"], want: "docs/adr/0003-move-sessions-to-redis.md" },
    { name: "gaps are not filled: one past the highest", files: ["0001-a.md", "0002-b.md", "0009-c.md"], want: "docs/adr/0010-move-sessions-to-redis.md" },
    { name: "listing order does not matter", files: ["0012-z.md", "0003-a.md"], want: "docs/adr/0013-move-sessions-to-redis.md" },
    { name: "plain ADR-001 names keep prefix and three digits", files: ["ADR-001-first.md", "ADR-002-second.md"], want: "docs/adr/ADR-003-move-sessions-to-redis.md" },
    { name: "lower-case adr_ prefix and underscore", files: ["adr_01_first.md"], want: "docs/adr/adr_02_move-sessions-to-redis.md" },
    { name: "unpadded numbers stay unpadded", files: ["1-first.md", "12-twelfth.md"], want: "docs/adr/13-move-sessions-to-redis.md" },
    { name: "padding grows past its width", files: ["0998-a.md", "9999-b.md"], want: "docs/adr/10000-move-sessions-to-redis.md" },
    { name: "the newest file's extension", files: ["0001-a.markdown"], want: "docs/adr/0002-move-sessions-to-redis.markdown" },
    { name: "templates, READMEs, images and folders are not ADRs", files: ["template.md", "README.md", "0004-diagram.png", "0005-old/", "0003-c.md"], want: "docs/adr/0004-move-sessions-to-redis.md" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(nextAdrFile({ entries: listing(c.files), directory: "docs/adr", title: "Move sessions to Redis" }).path).toBe(c.want);
    });
  }

  it("takes ADR files apart", () => {
    expect(parseAdrFileName("ADR-012-use-postgres.md")).toEqual({ name: "ADR-012-use-postgres.md", prefix: "ADR-", digits: "012", number: 12, separator: "-", slugged: true, extension: "md" });
    expect(parseAdrFileName("0007.md")).toMatchObject({ number: 7, prefix: "" });
    expect(parseAdrFileName("notes-0007.md")).toBeNull();
  });
});

describe("slugs and titles", () => {
  const slugs: Array<[string, string]> = [
    ["Move sessions to Redis", "move-sessions-to-redis"],
    ["Use gRPC (not REST!) for internal APIs?", "use-grpc-not-rest-for-internal-apis"],
    ["Don't cache user's tokens", "dont-cache-users-tokens"],
    ["Café & crème: résumé of naïve façades", "cafe-and-creme-resume-of-naive-facades"],
    ["Straße über Köln", "straße-uber-koln"],
    ["使用 PostgreSQL 作为主数据库", "使用-postgresql-作为主数据库"],
    ["Ünïcödé   --  dashes—and…ellipses", "unicode-dashes-and-ellipses"],
    ["🚀🔥", "decision"],
    ["Node.js 20 + ESM/TypeScript 5.9", "node-js-20-esm-typescript-5-9"],
    ["A very long title that goes on and on about the many reasons we chose this particular database engine", "a-very-long-title-that-goes-on-and-on-about-the-many-reasons"],
  ];
  for (const [title, slug] of slugs) it(`${title} -> ${slug}`, () => expect(slugify(title)).toBe(slug));

  const titles: Array<[string, string]> = [
    ["feat(api)!: move sessions to Redis", "Move sessions to Redis"],
    ["[WIP] ENG-123: Adopt event sourcing", "Adopt event sourcing"],
    ["ENG-42 Split the monolith", "Split the monolith"],
    ["Redis: move sessions", "Redis: move sessions"],
    ["fix:", "Fix:"],
  ];
  for (const [pr, title] of titles) it(`title ${JSON.stringify(pr)} -> ${JSON.stringify(title)}`, () => expect(adrTitle(pr)).toBe(title));
});

describe("adrStyle: the layout of an existing ADR", () => {
  const cases: Array<[string, string, ReturnType<typeof adrStyle>]> = [
    ["MADR 3/4 front matter", "---\nstatus: accepted\ndate: 2024-01-01\n---\n# Use Postgres\n", "madr"],
    ["MADR 2 sections", "# Use Postgres\n\n* Status: accepted\n\n## Context and Problem Statement\n\nx", "madr"],
    ["adr-tools", "# 1. Record architecture decisions\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n", "adr-tools"],
    ["Nygard with a plain title", "# Use Postgres\n\n## Status\n\nAccepted\n\n## Context\n", "nygard"],
    ["unreadable", "", "nygard"],
  ];
  for (const [name, text, style] of cases) it(name, () => expect(adrStyle(text)).toBe(style));

  it("follows the layout in the template", () => {
    expect(adrTemplate({ style: "madr", title: "Use Redis", number: 3 })).toMatch(/^---\nstatus: proposed\ndate: YYYY-MM-DD\n---\n\n# Use Redis\n\n## Context and Problem Statement\n/);
    expect(adrTemplate({ style: "adr-tools", title: "Use Redis", number: 3 })).toMatch(/^# 3\. Use Redis\n\nDate: YYYY-MM-DD\n\n## Status\n\nProposed\n\n## Context\n[\s\S]*## Decision\n[\s\S]*## Consequences\n/);
    expect(adrTemplate({ style: "nygard", title: "Use Redis", number: 3 })).toMatch(/^# Use Redis\n\n## Status\n/);
  });
});
