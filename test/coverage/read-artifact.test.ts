import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readArtifactReports } from "../../src/coverage/read-artifact.js";
import { makeZip } from "./make-zip.js";

const fixture = (path: string) => readFileSync(new URL(`../fixtures/coverage/${path}`, import.meta.url));
const small = { maxEntries: 10, maxEntryBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 };

describe("readArtifactReports", () => {
  it("merges every report in the zip and passes over the HTML report", async () => {
    const zip = makeZip([
      { name: "coverage/lcov.info", data: fixture("head/js.lcov.info") },
      { name: "coverage/lcov-report/index.html", data: "<html><body>report</body></html>" },
      { name: "go/cover.out", data: fixture("head/go.coverprofile") },
      { name: "coverage/", data: "" },
    ]);
    const { report, errors } = await readArtifactReports(zip, "coverage");
    expect(errors).toEqual([]);
    expect(report?.formats).toEqual(["lcov", "go"]);
    expect(report?.files.size).toBe(6);
  });

  it("names the file when a report in the zip is malformed", async () => {
    const zip = makeZip([{ name: "cobertura.xml", data: '<?xml version="1.0"?><coverage line-rate="1"><packages>' }]);
    const { report, errors } = await readArtifactReports(zip, "coverage");
    expect(report).toBeNull();
    expect(errors).toEqual(["coverage/cobertura.xml: truncated XML: <packages> is never closed"]);
  });

  it.each([
    ["a zip bomb whose headers lie about the size", [{ name: "lcov.info", data: Buffer.alloc(20 * 1024 * 1024, "DA:1,1\n"), declaredSize: 100 }], "coverage: refused"],
    ["an entry past the cap", [{ name: "lcov.info", data: Buffer.alloc(3 * 1024 * 1024, "DA:1,1\n") }], 'coverage: refused: entry "lcov.info" inflates to more than 1048576 bytes'],
    ["entries past the total cap", [1, 2, 3].map((n) => ({ name: `r${n}.info`, data: Buffer.alloc(900 * 1024, "DA:1,1\n") })), "coverage: refused: entries inflate to more than 2097152 bytes in total"],
    ["a ../ path", [{ name: "../../etc/cron.d/x", data: "SF:a\nDA:1,1\nend_of_record\n" }], "coverage: refused"],
    ["too many entries", Array.from({ length: 11 }, (_, n) => ({ name: `f${n}.txt`, data: "x" })), "coverage: zip has 11 entries; the limit is 10"],
    ["not a zip at all", null, "coverage: not a readable zip"],
  ])("refuses %s", async (_label, entries, message) => {
    const zip = entries === null ? Buffer.from("SF:a\n") : makeZip(entries);
    const { report, errors } = await readArtifactReports(zip, "coverage", small);
    expect(report).toBeNull();
    expect(errors[0]).toContain(message);
  });

  it("never opens a nested archive and says so", async () => {
    const inner = makeZip([{ name: "lcov.info", data: "SF:a.ts\nDA:1,1\nend_of_record\n" }]);
    const { report, errors } = await readArtifactReports(makeZip([{ name: "inner.zip", data: inner }, { name: "renamed.bin", data: inner }]), "coverage", small);
    expect(report).toBeNull();
    expect(errors).toEqual(["coverage/inner.zip (nested archive, not opened)", "coverage/renamed.bin (nested archive, not opened)"]);
  });

  it("says so when the artifact holds no report", async () => {
    const { errors } = await readArtifactReports(makeZip([{ name: "README.md", data: "# hi" }]), "coverage", small);
    expect(errors).toEqual(["coverage: no coverage report among 1 file(s) (README.md)"]);
  });
});
