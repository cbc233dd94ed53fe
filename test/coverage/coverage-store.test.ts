import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { saveReport } from "../helpers/save-report.js";
import { LineHits } from "../../src/model/line-hits.js";
import { decodeRanges, encodeRanges } from "../../src/store/line-ranges.js";
import { parseReport } from "../../src/coverage/parse-report.js";
import { commitsWithCoverage, listCoverageRuns, loadCoverage, loadFileTotals, recordCoverageRun } from "../../src/store/coverage.js";
import type { Db } from "../../src/store/db.js";
import { createUploadToken, isValidUploadToken, revokeUploadTokens } from "../../src/store/upload-tokens.js";
import { stores } from "../helpers/stores.js";

const lcov = (text: string) => parseReport(Buffer.from(text), "lcov.info");

/** Hits from the dense form `[-1, count or -1 per line…]`, and back. */
function hitsOf(dense: readonly number[]): LineHits {
  const hits = new LineHits();
  dense.forEach((count, line) => {
    if (line > 0 && count >= 0) hits.set(line, count);
  });
  return hits;
}
function denseOf(hits: LineHits | undefined): number[] | undefined {
  if (!hits) return undefined;
  const dense = new Array<number>(hits.maxLine + 1).fill(-1);
  hits.forEach((line, count) => (dense[line] = count));
  return dense;
}

describe("line ranges", () => {
  it.each([
    [[-1, 1, 1, 0, -1, 2, 0, 0], "1-2,5", "3,6-7"],
    [[-1], "", ""],
    [[-1, 0], "", "1"],
  ])("%j -> covered %s, uncovered %s, and back", (hits, covered, uncovered) => {
    expect(encodeRanges(hitsOf(hits), true)).toBe(covered);
    expect(encodeRanges(hitsOf(hits), false)).toBe(uncovered);
    const back = new LineHits();
    decodeRanges(covered, back, 1);
    decodeRanges(uncovered, back, 0);
    expect(denseOf(back)!.map((count) => Math.min(count, 1))).toEqual(hits.slice(0, back.maxLine + 1).map((count) => Math.min(count, 1)));
  });
});

describe.each(stores)("coverage store on $name", (store) => {
  let db: Db;
  beforeEach(async () => {
    db = await store.open();
  });
  afterEach(() => db.close());

  it("merges reports of one commit, keeps per-file totals, and finds commits with reports", async () => {
    await saveReport(db, { repo: "acme/app", sha: "s1", branch: "main", report: lcov("SF:a.ts\nDA:1,1\nDA:2,0\nend_of_record\n"), now: 1 });
    const totals = await saveReport(db, { repo: "acme/app", sha: "s1", branch: null, report: lcov("SF:a.ts\nDA:2,3\nDA:3,0\nend_of_record\nSF:b.ts\nDA:1,0\nend_of_record\n"), now: 2 });
    expect(totals).toEqual({ linesTotal: 4, linesCovered: 2, linesPartial: 0, branchesTotal: 0, branchesCovered: 0 });
    // From the rows: covered or not. The copy kept in memory since the save agrees on coverage.
    const stored = await loadCoverage(db, { repo: "acme/app", sha: "s1", fresh: true });
    expect(denseOf(stored?.files.get("a.ts")?.hits)).toEqual([-1, 1, 1, 0]);
    const kept = await loadCoverage(db, { repo: "acme/app", sha: "s1" });
    expect(denseOf(kept?.files.get("a.ts")?.hits)?.map((count) => Math.sign(count))).toEqual([-1, 1, 1, 0]);
    expect(await loadFileTotals(db, { repo: "acme/app", sha: "s1" })).toEqual(
      new Map([
        ["a.ts", { linesTotal: 3, linesCovered: 2, linesPartial: 0, branchesTotal: 0, branchesCovered: 0 }],
        ["b.ts", { linesTotal: 1, linesCovered: 0, linesPartial: 0, branchesTotal: 0, branchesCovered: 0 }],
      ]),
    );
    expect(await commitsWithCoverage(db, { repo: "acme/app", shas: ["s0", "s1", "s2"] })).toEqual(new Set(["s1"]));
    expect(await loadCoverage(db, { repo: "acme/app", sha: "s2" })).toBeNull();
  });

  it("stores a big report compactly enough: 5,000 files of 400 lines", async () => {
    const parts: string[] = [];
    for (let file = 0; file < 5000; file++) {
      parts.push(`SF:src/f${file}.ts`);
      for (let line = 1; line <= 400; line++) parts.push(`DA:${line},${line % 50 < 30 ? 1 : 0}`);
      parts.push("end_of_record");
    }
    const totals = await saveReport(db, { repo: "acme/big", sha: "s", branch: "main", report: lcov(parts.join("\n")), now: 1 });
    expect(totals.linesTotal).toBe(2_000_000);
    const loaded = await loadCoverage(db, { repo: "acme/big", sha: "s" });
    expect(loaded?.files.get("src/f42.ts")?.hits.get(31)).toBe(0);
  });

  it("keeps branches per line, so a partial line is still partial when read back and merged again", async () => {
    const report = "SF:a.ts\nDA:1,1\nDA:2,1\nBRDA:1,0,0,1\nBRDA:1,0,1,-\nBRDA:2,0,0,1\nend_of_record\n";
    await saveReport(db, { repo: "acme/app", sha: "b1", branch: "main", report: lcov(report), now: 1 });
    const totals = await saveReport(db, { repo: "acme/app", sha: "b1", branch: null, report: lcov(report), now: 2 });
    expect(totals).toEqual({ linesTotal: 2, linesCovered: 2, linesPartial: 1, branchesTotal: 3, branchesCovered: 2 });
    const stored = await loadCoverage(db, { repo: "acme/app", sha: "b1", fresh: true });
    expect([...stored!.files.get("a.ts")!.lineBranches!]).toEqual([
      [1, { covered: 1, total: 2 }],
      [2, { covered: 1, total: 1 }],
    ]);
    expect((await loadFileTotals(db, { repo: "acme/app", sha: "b1" })).get("a.ts")).toMatchObject({ linesPartial: 1 });
  });

  it("records runs idempotently", async () => {
    const run = { repo: "acme/app", sha: "s1", run_id: 7, run_name: "CI", outcome: "no-artifact" as const, detail: null, others_pending: 1, completed_at: 5 };
    await recordCoverageRun(db, run);
    await recordCoverageRun(db, { ...run, others_pending: 0 });
    expect(await listCoverageRuns(db, { repo: "acme/app", sha: "s1" })).toEqual([{ ...run, others_pending: 0 }]);
  });

  it("keeps upload tokens hashed, per repo, until revoked", async () => {
    const token = await createUploadToken(db, { repo: "acme/app", now: 1 });
    expect(token).toMatch(/^shpcov_[\w-]{43}$/);
    expect(await isValidUploadToken(db, { repo: "acme/app", token })).toBe(true);
    expect(await isValidUploadToken(db, { repo: "acme/other", token })).toBe(false);
    expect(await isValidUploadToken(db, { repo: "acme/app", token: `${token}x` })).toBe(false);
    const stored = await db.kysely.selectFrom("upload_tokens").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token.slice(7));
    expect(await revokeUploadTokens(db, { repo: "acme/app", now: 2 })).toBe(1);
    expect(await isValidUploadToken(db, { repo: "acme/app", token })).toBe(false);
  });
});
