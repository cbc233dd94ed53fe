import { describe, expect, it } from "vitest";
import { digestWeek, duePeriod, isoWeek } from "../../src/digest/period.js";

describe("isoWeek", () => {
  it.each([
    ["2024-01-01T00:00:00Z", "2024-W01"],
    ["2024-06-03T09:00:00Z", "2024-W23"],
    ["2024-06-09T23:59:59Z", "2024-W23"],
    ["2021-01-03T12:00:00Z", "2020-W53"],
    ["2024-12-30T00:00:00Z", "2025-W01"],
    ["2026-12-31T00:00:00Z", "2026-W53"],
  ])("%s is in %s", (at, week) => expect(isoWeek(new Date(at))).toBe(week));
});

describe("digestWeek", () => {
  it("summarises the last complete week before now", () => {
    const week = digestWeek(new Date("2024-06-03T09:00:00Z"));
    expect({ from: week.from.toISOString(), to: week.to.toISOString(), period: week.period }).toEqual({
      from: "2024-05-27T00:00:00.000Z",
      to: "2024-06-03T00:00:00.000Z",
      period: "2024-W22",
    });
  });
});

describe("duePeriod", () => {
  const monday9 = { weekday: 1, hour: 9, minute: 0 };
  it.each([
    ["2024-06-03T08:59:59Z", monday9, null],
    ["2024-06-03T09:00:00Z", monday9, "2024-W22"],
    ["2024-06-06T15:00:00Z", monday9, "2024-W22"],
    ["2024-06-09T23:59:00Z", monday9, "2024-W22"],
    ["2024-06-06T15:00:00Z", { weekday: 5, hour: 16, minute: 30 }, null],
    ["2024-06-07T16:30:00Z", { weekday: 5, hour: 16, minute: 30 }, "2024-W22"],
  ])("at %s with %o -> %s", (now, schedule, period) => expect(duePeriod(new Date(now), schedule)).toBe(period));
});
