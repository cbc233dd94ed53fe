import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Seals a secret (a GitHub user token, a refresh token) with AES-256-GCM so the
 * store never holds it in the clear. The key is derived from an operator secret
 * with HKDF-SHA256; the purpose label keeps keys for different uses apart.
 * Sealed form: base64url(iv[12] | tag[16] | ciphertext).
 */
export type SealKey = { readonly key: Buffer };

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A sealed GitHub token is a few hundred bytes; anything far larger is not ours. */
const MAX_SEALED_CHARS = 8192;

export function deriveSealKey(secret: string, purpose: string): SealKey {
  if (secret.length < 16) {
    throw new Error(
      "Set SHIPSHAPE_SESSION_SECRET (or the webhook secret) to at least 16 characters: user tokens are sealed with a key derived from it.",
    );
  }
  const key = Buffer.from(hkdfSync("sha256", secret, "shipshape", purpose, 32));
  return { key };
}

export function seal(key: SealKey, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The plain text, or null when the sealed value was altered, truncated or sealed with another key. */
export function unseal(key: SealKey, sealed: string): string | null {
  if (sealed.length > MAX_SEALED_CHARS) return null;
  const raw = Buffer.from(sealed, "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) return null;
  const decipher = createDecipheriv("aes-256-gcm", key.key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
