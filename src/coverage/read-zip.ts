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
 */
export async function readZip(zip: Buffer, name: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipContents> {
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true }, (error, file) =>
      error || !file ? reject(new CoverageParseError(name, `not a readable zip (${error?.message ?? "empty"})`)) : resolve(file),
    ),
  );
  if (archive.entryCount > limits.maxEntries) {
    archive.close();
    throw new CoverageParseError(name, `zip has ${archive.entryCount} entries; the limit is ${limits.maxEntries}`);
  }
  const contents: ZipContents = { files: [], skipped: [] };
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (reason: string) => {
      if (failed) return;
      failed = true;
      archive.close();
      reject(new CoverageParseError(name, reason));
    };
    archive.on("error", (error: Error) => fail(`refused: ${error.message}`));
    archive.on("end", () => resolve());
    archive.on("entry", (entry: yauzl.Entry) => {
      const entryName = entry.fileName;
      if (entryName.split(/[\\/]/).includes("..") || entryName.startsWith("/") || /^[A-Za-z]:/.test(entryName)) return fail(`refused: entry "${entryName}" escapes the archive`);
      if (entryName.endsWith("/")) return archive.readEntry();
      if (ARCHIVE_NAME.test(entryName)) {
        contents.skipped.push(`${entryName} (nested archive, not opened)`);
        return archive.readEntry();
      }
      if (entry.uncompressedSize > limits.maxEntryBytes) return fail(`refused: entry "${entryName}" inflates to more than ${limits.maxEntryBytes} bytes`);
      archive.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(`refused: entry "${entryName}" cannot be read (${error?.message ?? "no stream"})`);
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
          size += chunk.length;
          total += chunk.length;
          if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
            stream.destroy();
            fail(size > limits.maxEntryBytes ? `refused: entry "${entryName}" inflates to more than ${limits.maxEntryBytes} bytes` : `refused: entries inflate to more than ${limits.maxTotalBytes} bytes in total`);
            return;
          }
          chunks.push(chunk);
        });
        stream.on("error", (streamError: Error) => fail(`refused: entry "${entryName}": ${streamError.message}`));
        stream.on("end", () => {
          const bytes = Buffer.concat(chunks);
          if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) contents.skipped.push(`${entryName} (nested archive, not opened)`);
          else contents.files.push({ name: entryName, bytes });
          archive.readEntry();
        });
      });
    });
    archive.readEntry();
  });
  return contents;
}
