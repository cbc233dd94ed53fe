import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/commands/report.js";

const NOW = Date.parse("2026-12-03T07:00:00Z");

describe("report --since", () => {
  it("refuses a date that does not exist instead of rolling it over", () => {
    expect(parseArgs(["acme/shop", "--since", "2026-09-31"], NOW)).toEqual({ error: expect.stringContaining("--since 2026-09-31") });
  });
  it("accepts a real past date and a number of days", () => {
    expect(parseArgs(["acme/shop", "--since", "2026-09-30"], NOW)).toMatchObject({ repo: "acme/shop", from: Date.parse("2026-09-30T00:00:00Z") });
    expect(parseArgs(["acme/shop", "--since", "7d"], NOW)).toMatchObject({ from: NOW - 7 * 86_400_000 });
  });
});
