import { describe, expect, it } from "vitest";
import { LineHits } from "../../src/model/line-hits.js";
import { LIMITS } from "../../src/model/coverage-limits.js";
import { decodeRanges, encodeRanges } from "../../src/store/line-ranges.js";
import { CoverageParseError } from "../../src/coverage/parse-error.js";
import { parseReport } from "../../src/coverage/parse-report.js";

const parse = (text: string, name: string) => parseReport(Buffer.from(text), name);
const past = LIMITS.maxLine + 1;

describe("line numbers past the limit, in every format", () => {
  it.each([
    ["lcov.info", `SF:src/a.ts\nDA:${past},1\n`, "src/a.ts"],
    ["lcov-after-lines.info", `SF:src/a.ts\nDA:1,1\nDA:2,0\nDA:${past},1\nend_of_record\n`, "src/a.ts"],
    ["cobertura.xml", `<?xml version="1.0"?><coverage line-rate="1"><packages><package><classes><class filename="src/a.py"><lines><line number="${past}" hits="1"/></lines></class></classes></package></packages></coverage>`, "src/a.py"],
    ["jacoco.xml", `<report name="r"><package name="com/acme"><sourcefile name="A.java"><line nr="${past}" mi="0" ci="1" mb="0" cb="0"/></sourcefile></package></report>`, "com/acme/A.java"],
    ["clover.xml", `<coverage clover="4"><project><file path="src/a.js"><line num="${past}" count="1" type="stmt"/></file></project></coverage>`, "src/a.js"],
    ["coverage-final.json", JSON.stringify({ "src/a.js": { path: "src/a.js", statementMap: { 0: { start: { line: past }, end: { line: past } } }, s: { 0: 1 } } }), "src/a.js"],
    ["cover.out", `mode: set\nexample.com/a/a.go:1.1,${past}.2 1 1\n`, "example.com/a/a.go"],
  ])("%s: a clear error naming the report, the source file and the line", (name, text, path) => {
    const error = (() => {
      try {
        parse(text, name);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CoverageParseError);
    expect((error as Error).message).toBe(`${name}: ${path}: line ${past} is past the limit of 10,000,000 lines per source file`);
  });

  it("the 41-byte report of the incident is refused, not a crash", () => {
    const report = "SF:src/a.ts\nDA:150000000,1\n";
    expect(() => parse(report, "lcov.info")).toThrow("lcov.info: src/a.ts: line 150000000 is past the limit of 10,000,000 lines per source file");
  });

  it("a line at the limit is kept", () => {
    const report = parse(`SF:src/a.ts\nDA:1,1\nDA:${LIMITS.maxLine},0\nend_of_record\n`, "lcov.info");
    expect(report.files.get("src/a.ts")!.hits.entries()).toEqual([
      [1, 1],
      [LIMITS.maxLine, 0],
    ]);
  });
});

describe("files past the limit", () => {
  const many = (count: number) => {
    const parts: string[] = [];
    for (let file = 0; file < count; file++) parts.push(`SF:f${file}.ts\nDA:1,1\nend_of_record\n`);
    return parts.join("");
  };
  it("a report of exactly the limit is read; one more file is refused", () => {
    expect(parse(many(LIMITS.maxFiles), "lcov.info").files.size).toBe(LIMITS.maxFiles);
    expect(() => parse(many(LIMITS.maxFiles + 1), "lcov.info")).toThrow("lcov.info: more than 100,000 files in one report");
  });

  it("Go blocks that together span too many lines are refused", () => {
    const lines = ["mode: set"];
    for (let i = 0; i < 3; i++) lines.push(`example.com/a/a.go:1.1,8000000.2 1 1`);
    expect(() => parse(lines.join("\n"), "cover.out")).toThrow("cover.out: its blocks span more than 20,000,000 lines in all (at byte 84)");
  });
});

describe("sparse line numbers", () => {
  it("hold memory for the lines present, not for the largest line number", () => {
    // 2,000 files, each with one line near the limit: dense arrays would need 160 GB.
    const parts: string[] = [];
    for (let file = 0; file < 2000; file++) parts.push(`SF:f${file}.ts\nDA:3,1\nDA:${LIMITS.maxLine - file},0\nend_of_record\n`);
    const text = parts.join("");
    for (const [name, body] of [
      ["lcov.info", text],
      ["cover.out", `mode: set\n${Array.from({ length: 2000 }, (_, file) => `f${file}.go:${LIMITS.maxLine - file}.1,${LIMITS.maxLine - file}.2 1 0`).join("\n")}\n`],
      ["clover.xml", `<coverage clover="4"><project>${Array.from({ length: 2000 }, (_, file) => `<file path="f${file}.js"><line num="${LIMITS.maxLine - file}" count="0" type="stmt"/></file>`).join("")}</project></coverage>`],
    ] as const) {
      const before = process.memoryUsage().heapUsed;
      const report = parse(body, name);
      const grown = process.memoryUsage().heapUsed - before;
      expect(report.files.size, name).toBe(2000);
      expect(report.files.get("f7.ts")?.hits.get(LIMITS.maxLine - 7) ?? report.files.get("f7.go")?.hits.get(LIMITS.maxLine - 7) ?? report.files.get("f7.js")?.hits.get(LIMITS.maxLine - 7)).toBe(0);
      // Generous: a few hundred bytes a line present; a dense array per file would be gigabytes.
      expect(grown, name).toBeLessThan(200 * 1024 * 1024);
    }
  });

  it("judge, merge and store like dense ones", () => {
    const sparse = new LineHits();
    const dense = new LineHits();
    const lines: Array<[number, number]> = [
      [2, 1],
      [3, 0],
      [4, 0],
      [9_000_000, 0],
      [9_000_001, 5],
      [9_000_003, 0],
    ];
    for (const [line, count] of [...lines].reverse()) sparse.add(line, count);
    for (const [line, count] of lines) dense.add(line, count);
    expect(sparse.entries()).toEqual(lines);
    expect(dense.entries()).toEqual(lines);
    expect(encodeRanges(sparse, true)).toBe("2,9000001");
    expect(encodeRanges(sparse, false)).toBe("3-4,9000000,9000003");
    expect(sparse.nextCoverable(4)).toBe(9_000_000);
    expect(sparse.nextCoverable(9_000_001)).toBe(9_000_003);
    expect(sparse.nextCoverable(9_000_003)).toBe(Infinity);
    const back = new LineHits();
    decodeRanges(encodeRanges(sparse, true), back, 1);
    decodeRanges(encodeRanges(sparse, false), back, 0);
    expect(back.entries()).toEqual(lines.map(([line, count]) => [line, Math.min(count, 1)]));
    // Filling the gap makes it dense again, with the same content.
    const filled = new LineHits();
    filled.add(5000, 1);
    for (let line = 1; line < 5000; line++) filled.add(line, 0);
    expect(filled.size).toBe(5000);
    expect(filled.get(5000)).toBe(1);
    expect(filled.nextCoverable(4999)).toBe(5000);
  });
});
