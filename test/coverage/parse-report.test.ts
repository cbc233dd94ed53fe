import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fileTotals, mergeReports, sumTotals } from "../../src/coverage/model.js";
import { parseReport } from "../../src/coverage/parse-report.js";
import { CoverageParseError } from "../../src/coverage/parse-error.js";

const fixture = (path: string) => readFileSync(new URL(`../fixtures/coverage/${path}`, import.meta.url));

// Totals as each tool printed them in its own report: LF/LH sums (JS 82/66), coverage.py
// lines-valid/lines-covered (27/19), JaCoCo's report LINE counter (16/10), Go blocks counted by hand (17/8).
describe("parseReport on reports written by the real tools", () => {
  it.each([
    ["head/js.lcov.info", "lcov", ["src/cart.js", "src/coupon.js", "src/price.js", "src/util/money.js"], 82, 66],
    ["head/js.coverage-final.json", "istanbul", ["js/src/cart.js", "js/src/coupon.js", "js/src/price.js", "js/src/util/money.js"], 82, 66],
    ["head/js.coverage-summary.json", "istanbul-summary", ["js/src/cart.js", "js/src/coupon.js", "js/src/price.js", "js/src/util/money.js"], 82, 66],
    ["head/js.cobertura.xml", "cobertura", ["js/src/cart.js", "js/src/coupon.js", "js/src/price.js", "js/src/util/money.js"], 82, 66],
    ["head/js.clover.xml", "clover", ["js/src/cart.js", "js/src/coupon.js", "js/src/price.js", "js/src/util/money.js"], 82, 66],
    ["head/py.cobertura.xml", "cobertura", ["py/money.py", "py/shop.py"], 27, 19],
    ["head/py.lcov.info", "lcov", ["money.py", "shop.py"], 27, 19],
    ["head/go.coverprofile", "go", ["github.com/acme/cart-demo/go/shop/points.go", "github.com/acme/cart-demo/go/shop/shop.go"], 17, 8],
    ["head/java.jacoco.xml", "jacoco", ["com/acme/shop/Main.java", "com/acme/shop/Points.java", "com/acme/shop/Price.java"], 16, 10],
  ])("%s is %s with the tool's own totals", (path, format, files, total, covered) => {
    const report = parseReport(fixture(path), path);
    expect(report.formats).toEqual([format]);
    expect([...report.files.keys()].sort()).toEqual(files);
    const totals = sumTotals([...report.files.values()].map(fileTotals));
    expect([totals.linesTotal, totals.linesCovered]).toEqual([total, covered]);
  });

  it("reads hits and branches of single lines", () => {
    const lcov = parseReport(fixture("head/js.lcov.info"), "lcov.info").files.get("src/price.js")!;
    expect([lcov.hits.get(6), lcov.hits.get(7), lcov.hits.get(8)]).toEqual([4, 0, 0]);
    const jacoco = parseReport(fixture("head/java.jacoco.xml"), "jacoco.xml").files.get("com/acme/shop/Price.java")!;
    expect(jacoco.hits.get(11)).toBe(1);
    expect(jacoco.hits.get(12)).toBe(0);
    expect(jacoco.branchesTotal).toBeGreaterThan(0);
  });
});

describe("parseReport on malformed and hostile input", () => {
  const parse = (text: string, name = "report.xml") => () => parseReport(Buffer.from(text), name);
  it.each([
    ["a 0-byte file", "", "empty.info: empty file"],
    ["plain text", "hello world\n", "notes.txt: not a coverage report"],
    ["HTML", "<html><body>coverage</body></html>", "index.html: XML with root <html> is not a coverage report"],
    ["truncated XML", '<?xml version="1.0"?><coverage line-rate="1"><packages><package name="a"><classes><class filename="a.py"><lines><line number="1" hits="1"/>', "cut.xml: truncated XML: <lines> is never closed"],
    ["entity expansion (billion laughs)", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><coverage><packages/></coverage>', "lolz.xml: XML with an inline DTD (entity declarations) is refused"],
    ["an external entity", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><report name="&x;"/>', "xxe.xml: XML with an inline DTD"],
    ["JSON that is not Istanbul", '{"name":"package","version":"1.0.0"}', 'package.json: entry "name" has no statementMap/s'],
    ["invalid JSON", '{"a": ', "broken.json: invalid JSON"],
    ["a malformed Go profile", "mode: set\nnot a block\n", "cover.out: malformed Go cover profile line"],
    ["LCOV data before SF", "TN:\nDA:1,1\n", "lcov.info: not a coverage report"],
  ])("%s is a clear error naming the file", (_label, text, message) => {
    const name = message.slice(0, message.indexOf(":"));
    expect(parse(text, name)).toThrow(CoverageParseError);
    expect(parse(text, name)).toThrow(message);
  });

  it("never resolves unknown entities in attribute values", () => {
    const report = parseReport(Buffer.from('<coverage clover="3"><project><file path="a&amp;b/&ext;.js"><line num="1" count="1" type="stmt"/></file></project></coverage>'), "c.xml");
    expect([...report.files.keys()]).toEqual(["a&b/&ext;.js"]);
  });

  it("normalises CI prefixes, ./ and Windows separators, merging spellings of one file", () => {
    const lcov = "SF:/home/runner/work/r/r/src/a.ts\nDA:1,1\nend_of_record\nSF:.\\src\\a.ts\nDA:2,0\nend_of_record\nSF:D:\\a\\r\\r\\lib\\b.ts\nDA:1,3\nend_of_record\n";
    const report = parseReport(Buffer.from(lcov), "lcov.info");
    expect([...report.files.keys()]).toEqual(["src/a.ts", "lib/b.ts"]);
    expect(report.files.get("src/a.ts")!.hits.entries()).toEqual([
      [1, 1],
      [2, 0],
    ]);
  });
});

describe("branch counts and partial lines", () => {
  const lcov = (text: string) => parseReport(Buffer.from(text), "lcov.info");
  it("keeps branches per line; gcov's second record of a file does not reset or add them", () => {
    const record = "SF:src/a.h\nDA:3,2\nBRDA:3,0,0,1\nBRDA:3,0,1,-\nBRF:2\nBRH:1\nend_of_record\n";
    const file = lcov(record + record).files.get("src/a.h")!;
    expect([file.branchesCovered, file.branchesTotal]).toEqual([1, 2]);
    expect(fileTotals(file)).toMatchObject({ linesCovered: 1, linesPartial: 1 });
  });

  it("merging a report uploaded twice does not double its branch totals", () => {
    const once = lcov("SF:a.js\nDA:1,1\nBRDA:1,0,0,1\nBRDA:1,0,1,0\nend_of_record\n");
    const twice = mergeReports(lcov("SF:a.js\nDA:1,1\nBRDA:1,0,0,1\nBRDA:1,0,1,0\nend_of_record\n"), once);
    expect(fileTotals(twice.files.get("a.js")!)).toEqual({ linesTotal: 1, linesCovered: 1, linesPartial: 1, branchesTotal: 2, branchesCovered: 1 });
  });

  it("reads istanbul's Clover truecount/falsecount as covered/uncovered branches, as its LCOV says (20/15)", () => {
    const totals = (path: string) => sumTotals([...parseReport(fixture(path), path).files.values()].map(fileTotals));
    expect(totals("head/js.clover.xml")).toMatchObject({ branchesTotal: 20, branchesCovered: 15, linesPartial: 4 });
    expect(totals("head/js.lcov.info")).toMatchObject({ branchesTotal: 20, branchesCovered: 15, linesPartial: 4 });
    expect(totals("head/js.coverage-final.json")).toMatchObject({ branchesTotal: 20, branchesCovered: 15, linesPartial: 4 });
    expect(totals("head/js.cobertura.xml")).toMatchObject({ branchesTotal: 20, branchesCovered: 15, linesPartial: 4 });
  });

  it("does not count a Go block's lone closing brace (end column <= 2)", () => {
    const report = parseReport(Buffer.from("mode: set\nexample.com/m/a.go:3.20,5.2 1 1\n"), "cover.out");
    expect(report.files.get("example.com/m/a.go")!.hits.entries()).toEqual([
      [3, 1],
      [4, 1],
    ]);
  });

  it("strips self-hosted runner roots (GitHub Enterprise Server runners)", () => {
    const report = lcov("SF:/opt/ghes/actions-runner/_work/api/api/src/a.ts\nDA:1,1\nend_of_record\nSF:C:\\actions-runner\\_work\\api\\api\\lib\\b.ts\nDA:1,1\nend_of_record\n");
    expect([...report.files.keys()]).toEqual(["src/a.ts", "lib/b.ts"]);
  });
});
