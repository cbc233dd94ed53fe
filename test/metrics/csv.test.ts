import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/metrics/csv.js";

describe("toCsv", () => {
  it("quotes what needs quoting and leaves nulls empty", () => {
    expect(toCsv(["a", "b", "c"], [{ a: 'say "hi", then go', b: null, c: 3.5 }])).toBe('a,b,c\r\n"say ""hi"", then go",,3.5\r\n');
  });

  it.each(["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\0=cmd|x"])("defuses a title that spreadsheets would run as a formula: %s", (title) => {
    const line = toCsv(["title"], [{ title }]).split("\r\n")[1] ?? "";
    expect(line.replace(/^"|"$/g, "").startsWith("'")).toBe(true);
  });

  it("keeps negative numbers numeric", () => {
    expect(toCsv(["delta"], [{ delta: -0.3 }])).toBe("delta\r\n-0.3\r\n");
  });
});
