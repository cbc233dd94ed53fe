import yauzl from "yauzl";
import { CoverageParseError } from "./parse-error.js";

export interface ZipLimits {
  maxEntries: number;
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxEntryBytes: 150 * 1024 * 1024, maxTotalBytes: 300 * 1024 * 1024 };

export interface ZipContents {
  files: Array<{ name: string; bytes: Buffer }>;
  /** Entries not opened, with why (nested archives). */
  skipped: string[];
}

const ARCHIVE_NAME = /\.(zip|jar|war|gz|tgz|tar|bz2|xz|7z|rar|zst)$/i;

/**
 * Reads a zip held in memory, refusing what a hostile one would need: more than `maxEntries`
 * entries, `..` or absolute paths, and more inflated bytes than the caps — counted as they are
 * really inflated, not taken from the headers, which a zip bomb lies in. Nested archives are
 * listed in `skipped`, never opened. Nothing touches the filesystem.
 *
 * The central directory is read first: `admit` is told the inflated bytes the entries declare
 * (yauzl refuses an entry that inflates to more than it declares) before anything is inflated,
 * so a memory budget can be taken for the whole archive at once, or the archive put off.
 */
export async function readZip(zip: Buffer, name: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS, admit?: (bytes: number) => Promise<void>): Promise<ZipContents> {
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true }, (error, file) =>
      error || !file ? reject(new CoverageParseError(name, `not a readable zip (${error?.message ?? "empty"})`)) : resolve(file),
    ),
  );
  try {
    if (archive.entryCount > limits.maxEntries) throw new CoverageParseError(name, `zip has ${archive.entryCount} entries; the limit is ${limits.maxEntries}`);
    const contents: ZipContents = { files: [], skipped: [] };
    const entries = await listEntries(archive, name, limits, contents.skipped);
    await admit?.(entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0));
    let total = 0;
    for (const entry of entries) {
      const bytes = await inflate({ archive, entry, name, limits, inflatedSoFar: total });
      total += bytes.length;
      if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) contents.skipped.push(`${entry.fileName} (nested archive, not opened)`);
      else contents.files.push({ name: entry.fileName, bytes });
    }
    return contents;
  } finally {
    archive.close();
  }
}

/** The entries to inflate, checked by name and declared size; directories dropped, archives skipped. */
function listEntries(archive: yauzl.ZipFile, name: string, limits: ZipLimits, skipped: string[]): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  let declared = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (reason: string) => {
      if (failed) return;
      failed = true;
      reject(new CoverageParseError(name, reason));
    };
    archive.on("error", (error: Error) => fail(`refused: ${error.message}`));
    archive.on("end", () => resolve(entries));
    archive.on("entry", (entry: yauzl.Entry) => {
      const entryName = entry.fileName;
      if (entryName.split(/[\\/]/).includes("..") || entryName.startsWith("/") || /^[A-Za-z]:/.test(entryName)) return fail(`refused: entry "${entryName}" escapes the archive`);
      if (entryName.endsWith("/")) return archive.readEntry();
      if (ARCHIVE_NAME.test(entryName)) {
        skipped.push(`${entryName} (nested archive, not opened)`);
        return archive.readEntry();
      }
      if (entry.uncompressedSize > limits.maxEntryBytes) return fail(`refused: entry "${entryName}" inflates to more than ${limits.maxEntryBytes} bytes`);
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes) return fail(`refused: entries inflate to more than ${limits.maxTotalBytes} bytes in total`);
      entries.push(entry);
      archive.readEntry();
    });
    archive.readEntry();
  });
}

/** One entry's bytes, counted as they are really inflated. */
function inflate(params: { archive: yauzl.ZipFile; entry: yauzl.Entry; name: string; limits: ZipLimits; inflatedSoFar: number }): Promise<Buffer> {
  const { archive, entry, name, limits } = params;
  const entryName = entry.fileName;
  return new Promise((resolve, reject) => {
    archive.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(new CoverageParseError(name, `refused: entry "${entryName}" cannot be read (${error?.message ?? "no stream"})`));
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      const fail = (reason: string) => {
        if (failed) return;
        failed = true;
        stream.destroy();
        reject(new CoverageParseError(name, reason));
      };
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxEntryBytes) return fail(`refused: entry "${entryName}" inflates to more than ${limits.maxEntryBytes} bytes`);
        if (params.inflatedSoFar + size > limits.maxTotalBytes) return fail(`refused: entries inflate to more than ${limits.maxTotalBytes} bytes in total`);
        chunks.push(chunk);
      });
      stream.on("error", (streamError: Error) => fail(`refused: entry "${entryName}": ${streamError.message}`));
      stream.on("end", () => {
        if (!failed) resolve(Buffer.concat(chunks));
      });
    });
  });
}
