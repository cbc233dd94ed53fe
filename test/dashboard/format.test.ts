import { describe, expect, it } from "vitest";
import { parseRange } from "../../src/dashboard/date-range.js";
import { formatDuration, formatRate, trend } from "../../src/reporting/format.js";

const now = new Date("2024-06-03T10:00:00Z");

describe("formatDuration", () => {
  it.each([
    [null, "—"], [0, "0m"], [30_000, "<1m"], [12 * 60_000, "12m"], [5 * 3_600_000 + 20 * 60_000, "5h 20m"],
    [3 * 3_600_000, "3h"], [3 * 86_400_000 + 4 * 3_600_000, "3d 4h"], [2 * 86_400_000, "2d"],
  ])("%s ms -> %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe("formatRate", () => {
  it.each([[null, "—"], [2.25, "2.3/day"], [1, "1/day"], [0.5, "3.5/week"], [0, "0/week"]])("%s per day -> %s", (rate, text) =>
    expect(formatRate(rate)).toBe(text),
  );
});

describe("trend", () => {
  it.each([
    [10, 20, false, { better: true, label: "▼ 50%" }],
    [30, 20, false, { better: false, label: "▲ 50%" }],
    [30, 20, true, { better: true, label: "▲ 50%" }],
    [20, 20, false, { better: null, label: "= 0%" }],
    [20, null, false, { better: null, label: "" }],
    [20, 0, false, { better: null, label: "" }],
  ])("%s against %s (higher better: %s)", (current, previous, higherIsBetter, expected) => {
    expect(trend(current, previous, higherIsBetter)).toMatchObject(expected);
  });
});

describe("parseRange", () => {
  it.each([
    ["", { from: "2024-03-06T00:00:00.000Z", to: "2024-06-04T00:00:00.000Z" }],
    ["from=2024-05-01&to=2024-05-31", { from: "2024-05-01T00:00:00.000Z", to: "2024-06-01T00:00:00.000Z" }],
    ["from=2024-06-03", { from: "2024-06-03T00:00:00.000Z", to: "2024-06-04T00:00:00.000Z" }],
  ])("%s -> %o", (query, expected) => {
    const result = parseRange(new URLSearchParams(query), now, 90);
    expect("range" in result && { from: result.range.from.toISOString(), to: result.range.to.toISOString() }).toEqual(expected);
  });

  it.each([
    ["from=yesterday", `"from" must be a date like 2024-06-01, not "yesterday"`],
    ["from=2024-02-30", `"from" must be a date like 2024-06-01, not "2024-02-30"`],
    ["from=2024-06-01&to=2024-05-01", `"from" (2024-06-01) is after "to" (2024-05-01)`],
    ["from=2020-01-01&to=2024-01-01", "a range spans at most 731 days"],
  ])("%s -> %s", (query, error) => {
    expect(parseRange(new URLSearchParams(query), now, 90)).toEqual({ error });
  });
});
