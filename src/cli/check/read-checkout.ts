import { lstat, open, readdir, realpath } from "node:fs/promises";
import path from "node:path";
import { numberedAdrs } from "../../checks/adr/adr-files.js";
import { adrStyle } from "../../checks/adr/adr-template.js";
import { MAX_REPO_FILE_BYTES } from "../../github/get-file-text.js";
import { MAX_DIRECTORY_ENTRIES, type DirectoryEntry } from "../../github/list-directory.js";
import type { AdrStyle } from "../../model/adr-style.js";

/**
 * A local checkout, read the way the app reads the repository through GitHub's contents API:
 * a directory listing (at most 1,000 entries, symlinks listed as such and never followed) and
 * files within the 256 KB cap (docs/security.md). Nothing outside the checkout is ever read:
 * a path through a symlinked directory is no directory, as it is on GitHub.
 */
export interface Checkout {
  /** The checkout's real path. */
  root: string;
}

/** The checkout at `dir`, or a one-line reason it cannot be read. */
export async function openCheckout(dir: string): Promise<{ ok: true; checkout: Checkout } | { ok: false; message: string }> {
  try {
    const root = await realpath(dir);
    if (!(await lstat(root)).isDirectory()) return { ok: false, message: `--repo-dir ${dir} is not a directory` };
    return { ok: true, checkout: { root } };
  } catch {
    return { ok: false, message: `--repo-dir ${dir}: no such directory` };
  }
}

/**
 * The absolute path of a repo-relative file when it is a file of the checkout (a symlink only
 * when its target is a file inside the checkout, as GitHub serves such a link's target), else null.
 */
export async function checkoutFile(checkout: Checkout, relative: string): Promise<string | null> {
  const parent = await checkoutDirectory(checkout, path.posix.dirname(relative));
  if (parent === null) return null;
  const file = path.join(parent, path.posix.basename(relative));
  try {
    const target = await realpath(file);
    if (!isInside(checkout.root, target)) return null;
    return (await lstat(target)).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** The ADR directory's listing in the contents API's shape (null: no such directory), and the newest ADR's layout. */
export async function readAdrDirectory(checkout: Checkout, directory: string): Promise<{ listing: DirectoryEntry[] | null; style: AdrStyle }> {
  const listing = await listCheckoutDirectory(checkout, directory);
  const newest = numberedAdrs(listing ?? []).at(-1);
  if (!newest) return { listing, style: "nygard" };
  // As in the app: a file past the size cap is not read, and the default layout is used.
  const text = await readCapped(path.join(checkout.root, ...newest.entry.path.split("/")));
  return { listing, style: adrStyle(text ?? "") };
}

/** The entries of a repo-relative directory, sorted by name as GitHub lists them, at most 1,000. */
export async function listCheckoutDirectory(checkout: Checkout, directory: string): Promise<DirectoryEntry[] | null> {
  const absolute = await checkoutDirectory(checkout, directory);
  if (absolute === null) return null;
  const names = (await readdir(absolute, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return names.slice(0, MAX_DIRECTORY_ENTRIES).map((dirent): DirectoryEntry => ({
    name: dirent.name,
    path: `${directory}/${dirent.name}`,
    type: dirent.isSymbolicLink() ? "symlink" : dirent.isDirectory() ? "dir" : "file",
    // Git's blob SHA is not computed offline; the rules never read it (only the app's style cache does).
    sha: "",
  }));
}

/** The absolute path of a repo-relative directory when every part of it is a real directory of the checkout. */
async function checkoutDirectory(checkout: Checkout, relative: string): Promise<string | null> {
  if (relative === "." || relative === "") return checkout.root;
  let at = checkout.root;
  for (const part of relative.split("/")) {
    if (part === "" || part === "." || part === "..") return null;
    at = path.join(at, part);
    try {
      const stats = await lstat(at);
      if (!stats.isDirectory()) return null; // a symlink is not followed, a file is no directory
    } catch {
      return null;
    }
  }
  return at;
}

/** A regular file's text when it is within the cap; null otherwise (too large, missing, a symlink). */
async function readCapped(file: string): Promise<string | null> {
  try {
    const stats = await lstat(file);
    if (!stats.isFile() || stats.size > MAX_REPO_FILE_BYTES) return null;
    const handle = await open(file, "r");
    try {
      const buffer = Buffer.alloc(MAX_REPO_FILE_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      // The file grew past the cap since it was sized: refused all the same.
      return bytesRead > MAX_REPO_FILE_BYTES ? null : buffer.subarray(0, bytesRead).toString("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
