import { describe, expect, it } from "vitest";
import { DEFAULT_WORKING_HOURS, parseHourRange, workingSpan, type WorkingHours } from "../../src/metrics/working-hours.js";

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const weekdays = ["mon", "tue", "wed", "thu", "fri"] as const;
const berlin: WorkingHours = { timeZone: "Europe/Berlin", days: weekdays, startMinute: 9 * 60, endMinute: 17 * 60 };
const newYork: WorkingHours = { timeZone: "America/New_York", days: weekdays, startMinute: 9 * 60, endMinute: 17 * 60 };
const sydney: WorkingHours = { timeZone: "Australia/Sydney", days: weekdays, startMinute: 9 * 60, endMinute: 17 * 60 };

describe("workingSpan", () => {
  it.each([
    // [calendar, from, to, working hours]
    ["UTC inside one working day", DEFAULT_WORKING_HOURS, "2026-03-02T10:00:00Z", "2026-03-02T12:30:00Z", 2.5],
    ["UTC overnight: evening to next morning", DEFAULT_WORKING_HOURS, "2026-03-02T16:00:00Z", "2026-03-03T10:00:00Z", 2],
    ["UTC Friday evening to Monday morning: the weekend does not count", DEFAULT_WORKING_HOURS, "2026-03-06T16:00:00Z", "2026-03-09T10:00:00Z", 2],
    ["UTC entirely in a weekend", DEFAULT_WORKING_HOURS, "2026-03-07T09:00:00Z", "2026-03-08T17:00:00Z", 0],
    ["UTC a whole week", DEFAULT_WORKING_HOURS, "2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", 40],
    ["backwards span", DEFAULT_WORKING_HOURS, "2026-03-03T10:00:00Z", "2026-03-02T10:00:00Z", 0],
    // Berlin is UTC+1 in winter, +2 in summer: 09:00 local is 08:00Z, then 07:00Z.
    ["Berlin winter day in UTC terms", berlin, "2026-03-02T07:00:00Z", "2026-03-02T20:00:00Z", 8],
    ["Berlin, the Monday after clocks go forward (29 March 2026)", berlin, "2026-03-30T06:00:00Z", "2026-03-30T09:00:00Z", 2],
    ["Berlin, Friday to Monday across the spring change", berlin, "2026-03-27T15:00:00Z", "2026-03-30T08:00:00Z", 2],
    ["Berlin, Friday to Monday across the autumn change (25 October 2026)", berlin, "2026-10-23T14:00:00Z", "2026-10-26T09:00:00Z", 2],
    ["Berlin, the week holding the spring change and the Monday after: 6 days of 8 hours", berlin, "2026-03-23T00:00:00Z", "2026-03-30T22:00:00Z", 48],
    ["New York: 8 March 2026 clocks go forward, Monday 9-17 local is 13:00-21:00Z", newYork, "2026-03-09T12:00:00Z", "2026-03-09T22:00:00Z", 8],
    ["New York: the Friday before the change, 9-17 local is 14:00-22:00Z", newYork, "2026-03-06T12:00:00Z", "2026-03-06T15:00:00Z", 1],
    ["Sydney: southern autumn change (5 April 2026), Monday after", sydney, "2026-04-05T22:00:00Z", "2026-04-06T08:00:00Z", 8],
    ["Sydney: local Monday starts on Sunday in UTC", sydney, "2026-03-01T21:00:00Z", "2026-03-01T23:00:00Z", 1],
  ])("%s", (_name, hours, from, to, expected) => {
    expect(workingSpan(hours)(at(from), at(to)) / H).toBeCloseTo(expected, 6);
  });

  it("never counts more than the calendar time and is additive over a split", () => {
    const span = workingSpan(berlin);
    const from = at("2026-03-20T05:00:00Z");
    const middle = at("2026-03-29T01:30:00Z");
    const to = at("2026-04-03T19:00:00Z");
    expect(span(from, middle) + span(middle, to)).toBe(span(from, to));
    expect(span(from, to)).toBeLessThanOrEqual(to - from);
    // Two weeks of Monday-Friday, 8 hours a day.
    expect(span(at("2026-03-22T22:00:00Z"), at("2026-04-05T22:00:00Z")) / H).toBe(80);
  });
});

describe("parseHourRange", () => {
  it.each([
    ["09:00-17:00", { startMinute: 540, endMinute: 1020 }],
    ["08:30-24:00", { startMinute: 510, endMinute: 1440 }],
    ["17:00-09:00", undefined],
    ["9-17", undefined],
    ["09:00-09:00", undefined],
    ["25:00-26:00", undefined],
  ])("%s", (text, expected) => {
    expect(parseHourRange(text)).toEqual(expected);
  });
});
