import { createHash, timingSafeEqual } from "node:crypto";

/** Compares two secrets in constant time (by their hashes, so lengths leak nothing); an empty one never matches. */
export function sameSecret(a: string | undefined | null, b: string | undefined | null): boolean {
  if (!a || !b) return false;
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}
