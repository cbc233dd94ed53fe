import { describe, expect, it } from "vitest";
import { observeRate, rateFromHeaders, rateWait, type RateWindow } from "../../src/backfill/rate-budget.js";

const RESET = 1_700_000_000_000;
const seen = (remaining: number, resetAt = RESET) => ({ resource: "graphql", limit: 5000, remaining, resetAt });

describe("observeRate", () => {
  it.each([
    { name: "first sight keeps (1 - share) of what remains", previous: undefined, remaining: 4000, share: 0.5, reserve: 2000 },
    { name: "share 0.2 keeps 80%", previous: undefined, remaining: 5000, share: 0.2, reserve: 4000 },
    { name: "within a window the reserve stays", previous: { ...seen(4000), reserve: 2000 }, remaining: 3500, share: 0.5, reserve: 2000 },
    { name: "more remaining than before means a reset: new reserve", previous: { ...seen(100), reserve: 2000 }, remaining: 4990, share: 0.5, reserve: 2495 },
    { name: "a share out of range is clamped to 1", previous: undefined, remaining: 1000, share: 7, reserve: 0 },
  ])("$name", ({ previous, remaining, share, reserve }) => {
    expect(observeRate(previous as RateWindow | undefined, seen(remaining), share).reserve).toBe(reserve);
  });

  it("a later reset time starts a new window even with fewer remaining", () => {
    const next = observeRate({ ...seen(3000), reserve: 2500 }, seen(2000, RESET + 3_600_000), 0.5);
    expect(next.reserve).toBe(1000);
  });
});

describe("rateWait", () => {
  it.each([
    { name: "unknown window: go", window: undefined, now: RESET - 10_000, wait: 0 },
    { name: "above the reserve: go", window: { ...seen(2001), reserve: 2000 }, now: RESET - 10_000, wait: 0 },
    { name: "at the reserve: wait for the reset plus a second", window: { ...seen(2000), reserve: 2000 }, now: RESET - 10_000, wait: 11_000 },
    { name: "below the reserve but the window is over: go", window: { ...seen(5), reserve: 2000 }, now: RESET, wait: 0 },
  ])("$name", ({ window, now, wait }) => {
    expect(rateWait(window, now)).toBe(wait);
  });
});

describe("rateFromHeaders", () => {
  it("reads GitHub's headers, reset in seconds", () => {
    expect(rateFromHeaders({ "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "42", "x-ratelimit-reset": "1700000000", "x-ratelimit-resource": "core" }, "graphql")).toEqual({
      resource: "core",
      limit: 5000,
      remaining: 42,
      resetAt: RESET,
    });
  });

  it("falls back to the resource the request was for", () => {
    expect(rateFromHeaders({ "x-ratelimit-remaining": "1", "x-ratelimit-reset": "1700000000" }, "graphql")?.resource).toBe("graphql");
  });

  it("is undefined without the headers", () => {
    expect(rateFromHeaders({}, "core")).toBeUndefined();
  });
});
