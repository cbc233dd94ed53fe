import { describe, expect, it } from "vitest";
import { deriveSealKey, seal, unseal } from "../../src/auth/seal.js";

describe("seal", () => {
  const key = deriveSealKey("a-long-enough-operator-secret", "user-token");

  it("round-trips and never shows the token in the sealed form", () => {
    const sealed = seal(key, "ghu_secretusertoken");
    expect(sealed).not.toContain("ghu_");
    expect(unseal(key, sealed)).toBe("ghu_secretusertoken");
  });

  it("uses a fresh IV each time", () => {
    expect(seal(key, "x")).not.toBe(seal(key, "x"));
  });

  it("refuses altered, truncated, oversized or other-key values", () => {
    const sealed = seal(key, "ghu_secretusertoken");
    const raw = Buffer.from(sealed, "base64url");
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(unseal(key, raw.toString("base64url"))).toBeNull();
    expect(unseal(key, sealed.slice(0, 10))).toBeNull();
    expect(unseal(key, "A".repeat(10_000))).toBeNull();
    expect(unseal(deriveSealKey("a-long-enough-operator-secret", "other"), sealed)).toBeNull();
  });

  it("refuses a short secret with a message naming the setting", () => {
    expect(() => deriveSealKey("short", "user-token")).toThrow(/SHIPSHAPE_SESSION_SECRET/);
  });
});
