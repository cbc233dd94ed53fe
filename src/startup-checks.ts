import { createPrivateKey } from "node:crypto";
import { accessSync, constants, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { StartupError, type Env } from "./env.js";

/** Largest key file read: a GitHub App key is about 1.7 kB, so a bigger file is not one. */
const MAX_KEY_BYTES = 64 * 1024;

/**
 * The GitHub App's private key as Probot will read it, checked before anything starts: a path
 * that names no readable file, or text that is not a PEM private key, stops the start with one
 * line that says which variable is wrong and what to do. Probot accepts the key as PEM, with
 * `\n` escapes, or base64 of the PEM; so does this.
 */
export function checkPrivateKey(probot: Env["probot"]): void {
  if (probot.PRIVATE_KEY) {
    if (!isPrivateKey(normalise(probot.PRIVATE_KEY))) {
      throw new StartupError("PRIVATE_KEY is not a PEM private key: paste the whole .pem file downloaded from the GitHub App's settings (from -----BEGIN to -----END).");
    }
    return;
  }
  const file = probot.PRIVATE_KEY_PATH;
  if (!file) return;
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new StartupError(`PRIVATE_KEY_PATH=${file} is not a file: point it at the .pem file downloaded from the GitHub App's settings.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw new StartupError(`PRIVATE_KEY_PATH=${file} does not exist (or cannot be read): point it at the .pem file downloaded from the GitHub App's settings.`);
  }
  if (size > MAX_KEY_BYTES) throw new StartupError(`PRIVATE_KEY_PATH=${file} is not a PEM private key (${size} bytes, a key is about 2 kB): point it at the .pem file from the GitHub App's settings.`);
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch {
    throw new StartupError(`PRIVATE_KEY_PATH=${file} cannot be read by this process: check its permissions.`);
  }
  if (!isPrivateKey(normalise(content))) {
    throw new StartupError(`PRIVATE_KEY_PATH=${file} is not a PEM private key: point it at the .pem file downloaded from the GitHub App's settings (it starts with -----BEGIN RSA PRIVATE KEY-----).`);
  }
}

/** `\n` escapes (one-line variables) and base64 of the PEM, as Probot reads them. */
function normalise(key: string): string {
  const text = key.replace(/\\n/g, "\n").trim();
  if (text.includes("-----BEGIN")) return text;
  return Buffer.from(text, "base64").toString("utf8");
}

function isPrivateKey(pem: string): boolean {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) return false;
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

/**
 * The SQLite folder (`SHIPSHAPE_DATA_DIR`) when no `DATABASE_URL` is set: created when missing,
 * refused with one line when it is a file or cannot be written, so a typo stops the start
 * instead of failing on the first delivery.
 */
export function checkDataDir(store: Env["store"]): void {
  if (store.databaseUrl || !store.dataDir || store.dataDir === ":memory:") return;
  const dir = store.dataDir;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === "EEXIST" || code === "ENOTDIR" ? "it (or a folder above it) is a file" : code === "EACCES" || code === "EPERM" ? "this process may not create it" : String(code ?? error);
    throw new StartupError(`SHIPSHAPE_DATA_DIR=${dir} cannot be used for the SQLite store: ${why}. Set it to a writable folder, or set DATABASE_URL for PostgreSQL.`);
  }
  if (!statSync(dir).isDirectory()) {
    throw new StartupError(`SHIPSHAPE_DATA_DIR=${dir} cannot be used for the SQLite store: it is a file, not a folder. Set it to a writable folder, or set DATABASE_URL for PostgreSQL.`);
  }
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw new StartupError(`SHIPSHAPE_DATA_DIR=${dir} cannot be used for the SQLite store: this process may not write in it. Fix its permissions, or set DATABASE_URL for PostgreSQL.`);
  }
}

/** Which store was opened, for the start-up line: the SQLite file's full path, or PostgreSQL's host and database (never its password). */
export function describeStore(store: Env["store"]): string {
  if (store.databaseUrl?.startsWith("postgres")) {
    try {
      const url = new URL(store.databaseUrl);
      return `PostgreSQL at ${url.host}${url.pathname}`;
    } catch {
      return "PostgreSQL";
    }
  }
  if (!store.dataDir || store.dataDir === ":memory:") return "SQLite in memory";
  return `SQLite at ${path.resolve(store.dataDir, "shipshape.db")}`;
}
