import { gunzipSync } from "node:zlib";
import type { CoverageReport, ReportPrefixes } from "../model/coverage-report.js";
import { parseReport } from "./parse-report.js";
import { readArtifactReports, type ReserveBytes } from "./read-artifact.js";
import { DEFAULT_ZIP_LIMITS } from "./read-zip.js";

/** Why an uploaded body was refused before parsing: no report in it, or a gzip past its cap. */
export class UploadRefusedError extends Error {
  constructor(
    readonly reason: "unreadable" | "too-large",
    message: string,
  ) {
    super(message);
    this.name = "UploadRefusedError";
  }
}

/**
 * An uploaded coverage body (a zip of reports, a gzipped report or a plain one) as one report.
 * Throws CoverageParseError when a report cannot be read and UploadRefusedError when the body
 * cannot be; `reserve` holds the inflated bytes against the process's budget; `prefixes` are the
 * flagged component's (see `parseReport`).
 */
export async function readUpload(body: Buffer, name: string, reserve: ReserveBytes, prefixes?: ReportPrefixes): Promise<CoverageReport> {
  if (body[0] === 0x50 && body[1] === 0x4b) {
    const read = await readArtifactReports(body, name, undefined, reserve, prefixes);
    if (!read.report) throw new UploadRefusedError("unreadable", read.errors.join("; "));
    return read.report;
  }
  if (body[0] === 0x1f && body[1] === 0x8b) {
    // The inflated bytes stay held until they are parsed.
    const lease = await reserve(gzipSize(body));
    try {
      return parseReport(gunzipWithin(body, name, lease.bytes), name, prefixes);
    } finally {
      lease.release();
    }
  }
  return parseReport(body, name, prefixes);
}

/**
 * Bytes to hold for a gzip body: the size its trailer states (ISIZE, modulo 4 GiB), within the cap.
 * Inflating stops there, so a trailer that lies only gets the body refused.
 */
function gzipSize(body: Buffer): number {
  const stated = body.length >= 18 ? body.readUInt32LE(body.length - 4) : 0;
  return Math.min(DEFAULT_ZIP_LIMITS.maxEntryBytes, Math.max(1, stated));
}

function gunzipWithin(body: Buffer, name: string, maxBytes: number): Buffer {
  try {
    // maxOutputLength stops inflating past the held bytes: the bytes really inflated are what count.
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    throw new UploadRefusedError("too-large", `${name}: gzip body refused (${(error as Error).message})`);
  }
}
