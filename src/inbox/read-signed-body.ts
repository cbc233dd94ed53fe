import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ByteBudget, ByteLease } from "../lib/byte-budget.js";
import { HttpError } from "../http/types.js";

export interface SignedBody {
  body: Buffer;
  /** Whether `X-Hub-Signature-256` is the HMAC of exactly these bytes. */
  verified: boolean;
  /** The body's bytes in the budget; the caller releases it once the body is stored or dropped. */
  lease: ByteLease;
}

/**
 * Reads a webhook body within `limit` and the process-wide budget for unauthenticated bodies,
 * computing the HMAC as the bytes arrive. A declared `Content-Length` is taken from the budget
 * before a byte is read (GitHub always sends one); a chunked body takes its chunks as they come.
 * Throws `HttpError(413)` past the limit and `BudgetBusyError` when the budget is used up.
 */
export async function readSignedBody(params: { req: IncomingMessage; limit: number; budget: ByteBudget; secret: string; signature: string }): Promise<SignedBody> {
  const { req, limit, budget } = params;
  const declared = req.headers["content-length"] === undefined ? NaN : Number(req.headers["content-length"]);
  const known = Number.isSafeInteger(declared) && declared >= 0;
  if (known && declared > limit) {
    req.resume();
    throw new HttpError(413, `body larger than ${limit} bytes`);
  }
  const lease = budget.tryTake(known ? declared : 0);
  if (!lease) throw budget.busy(known ? declared : 0);
  try {
    const hmac = createHmac("sha256", params.secret);
    // With a known length the body is copied into one buffer as it arrives: no second copy at the end.
    const whole = known ? Buffer.allocUnsafe(declared) : undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      if (size + chunk.length > limit) {
        req.destroy();
        throw new HttpError(413, `body larger than ${limit} bytes`);
      }
      if (whole) {
        if (size + chunk.length > whole.length) throw new HttpError(400, "body longer than its Content-Length");
        chunk.copy(whole, size);
      } else {
        if (!lease.grow(chunk.length)) throw budget.busy(size + chunk.length);
        chunks.push(chunk);
      }
      hmac.update(chunk);
      size += chunk.length;
    }
    const body = whole ? whole.subarray(0, size) : Buffer.concat(chunks);
    const expected = Buffer.from(`sha256=${hmac.digest("hex")}`);
    const given = Buffer.from(params.signature);
    return { body, verified: given.length === expected.length && timingSafeEqual(given, expected), lease };
  } catch (error) {
    lease.release();
    throw error;
  }
}
