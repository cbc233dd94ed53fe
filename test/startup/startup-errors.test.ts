import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `npm start` as an operator runs it (from source through tsx), with one thing wrong each time:
 * the process must exit non-zero at once and print one line naming the variable and the fix.
 */
const scratch = mkdtempSync(path.join(tmpdir(), "shipshape-startup-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const goodKey = path.join(scratch, "app.pem");
writeFileSync(goodKey, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }));
const notPem = path.join(scratch, "key.txt");
writeFileSync(notPem, "this is the app's client secret, not its private key\n");
const aFile = path.join(scratch, "a-file");
writeFileSync(aFile, "x");

/** The inherited variables that would change which store or key is used. */
const CLEARED = ["DATABASE_URL", "REDIS_URL", "NODE_ENV", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "APP_ID", "WEBHOOK_SECRET", "SHIPSHAPE_DIGEST_SCHEDULE", "SHIPSHAPE_DIGEST_WEBHOOKS", "SHIPSHAPE_JIRA", "SHIPSHAPE_LINEAR", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "SHIPSHAPE_SESSION_SECRET"];

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CLEARED) delete env[key];
  return { ...env, APP_ID: "1", PRIVATE_KEY_PATH: goodKey, WEBHOOK_SECRET: "s3cret", PORT: "0", SHIPSHAPE_DATA_DIR: path.join(scratch, `data-${Math.random().toString(36).slice(2)}`), SHIPSHAPE_DISABLE_REDELIVERY: "1", ...extra };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the app until it exits, or until `until` shows in its output (then stops it with SIGTERM). */
function runApp(env: NodeJS.ProcessEnv, until?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    const out = { stdout: "", stderr: "" };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no exit within 60 s: ${out.stdout}${out.stderr}`));
    }, 60_000);
    const watch = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
      out[stream] += chunk.toString();
      if (until && until.test(out.stdout + out.stderr)) child.kill("SIGTERM");
    };
    child.stdout.on("data", watch("stdout"));
    child.stderr.on("data", watch("stderr"));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, ...out });
    });
  });
}

describe("start-up errors name the problem (through a real process)", () => {
  it.each([
    ["PRIVATE_KEY_PATH to a missing file", { PRIVATE_KEY_PATH: path.join(scratch, "missing.pem") }, `PRIVATE_KEY_PATH=${path.join(scratch, "missing.pem")} does not exist (or cannot be read): point it at the .pem file downloaded from the GitHub App's settings.`],
    ["PRIVATE_KEY_PATH to a file that is not PEM", { PRIVATE_KEY_PATH: notPem }, `PRIVATE_KEY_PATH=${notPem} is not a PEM private key: point it at the .pem file downloaded from the GitHub App's settings (it starts with -----BEGIN RSA PRIVATE KEY-----).`],
    ["PRIVATE_KEY_PATH to a folder", { PRIVATE_KEY_PATH: scratch }, `PRIVATE_KEY_PATH=${scratch} is not a file: point it at the .pem file downloaded from the GitHub App's settings.`],
    ["PRIVATE_KEY that is not PEM", { PRIVATE_KEY: "not-a-key", PRIVATE_KEY_PATH: "" }, "PRIVATE_KEY is not a PEM private key: paste the whole .pem file downloaded from the GitHub App's settings (from -----BEGIN to -----END)."],
    ["a PEM block that does not parse", { PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\\nAAAA\\n-----END RSA PRIVATE KEY-----", PRIVATE_KEY_PATH: "" }, "PRIVATE_KEY is not a PEM private key: paste the whole .pem file downloaded from the GitHub App's settings (from -----BEGIN to -----END)."],
    ["a bad SHIPSHAPE_DIGEST_SCHEDULE", { SHIPSHAPE_DIGEST_SCHEDULE: "every monday" }, `SHIPSHAPE_DIGEST_SCHEDULE: "every monday" is not a weekday and UTC time like "mon 09:00"; fix it, or unset it for Monday 09:00 UTC.`],
    ["a schedule with an hour that does not exist", { SHIPSHAPE_DIGEST_SCHEDULE: "fri 25:00" }, `SHIPSHAPE_DIGEST_SCHEDULE: "fri 25:00" is not a weekday and UTC time like "mon 09:00"; fix it, or unset it for Monday 09:00 UTC.`],
    ["SHIPSHAPE_DATA_DIR that is a file", { SHIPSHAPE_DATA_DIR: aFile }, `SHIPSHAPE_DATA_DIR=${aFile} cannot be used for the SQLite store: it (or a folder above it) is a file. Set it to a writable folder, or set DATABASE_URL for PostgreSQL.`],
    ["SHIPSHAPE_DATA_DIR under a file", { SHIPSHAPE_DATA_DIR: path.join(aFile, "data") }, `SHIPSHAPE_DATA_DIR=${path.join(aFile, "data")} cannot be used for the SQLite store: it (or a folder above it) is a file. Set it to a writable folder, or set DATABASE_URL for PostgreSQL.`],
    ["GITHUB_CLIENT_ID without its secret", { GITHUB_CLIENT_ID: "Iv1.abc" }, "Set both GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (the GitHub App's client id and a client secret), or neither: sign-in with GitHub needs the pair, and GITHUB_CLIENT_SECRET is missing."],
  ] as Array<[string, Record<string, string>, string]>)("%s: exits 1 with one line", async (_name, extra, line) => {
    const run = await runApp(baseEnv(extra));
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(line);
    expect(run.stdout).not.toMatch(/listening/);
  }, 70_000);

  it("with a good key and folder it starts and says which store it opened", async () => {
    const dataDir = path.join(scratch, "good-data");
    // LOG_LEVEL as .env.example sets it (Probot's own default, warn, hides the start-up line).
    const run = await runApp(baseEnv({ SHIPSHAPE_DATA_DIR: dataDir, LOG_LEVEL: "info" }), /store: /);
    expect(`${run.stdout}${run.stderr}`).toContain(`store: SQLite at ${path.join(dataDir, "shipshape.db")}`);
  }, 70_000);
});
