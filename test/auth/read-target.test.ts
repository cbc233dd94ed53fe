import { describe, expect, it } from "vitest";
import { parseReadTarget, readTargetText } from "../../src/auth/read-target.js";

describe("parseReadTarget", () => {
  it("reads an owner or an owner/repo", () => {
    expect(parseReadTarget("acme")).toEqual({ kind: "owner", owner: "acme" });
    expect(parseReadTarget("acme/api.v2")).toEqual({ kind: "repo", owner: "acme", name: "api.v2" });
    expect(readTargetText(parseReadTarget("acme/api"))).toBe("acme/api");
  });

  it("refuses anything else with a message that says what to type, bounded in length", () => {
    for (const bad of ["", "/api", "acme/", "acme/api/x", "-acme", "acme/..", "a".repeat(40)]) {
      expect(() => parseReadTarget(bad)).toThrow(/owner \(acme\) or a repository \(acme\/api\)/);
    }
    expect(() => parseReadTarget("x/".repeat(100_000))).toThrow(/^.{0,400}$/s);
  });
});
