import { existsSync, readFileSync } from "node:fs";
import { parseEnv as parseDotEnv } from "node:util";
import { parseEnv, StartupError } from "./env.js";
import { createShipshapeServer } from "./server.js";
import { startSetupMode } from "./setup-mode.js";
import { checkDataDir, checkPrivateKey } from "./startup-checks.js";

/**
 * `npm start`. Without APP_ID and a private key, Probot's own setup flow registers the app from
 * `app.yml`; with them, Shipshape serves webhooks, its API and dashboard.
 */
async function main(): Promise<void> {
  loadDotEnv(".env");
  // The one place the environment is read: everything below is given the parsed values.
  const env = parseEnv(process.env);
  const hasKey = Boolean(env.probot.PRIVATE_KEY || env.probot.PRIVATE_KEY_PATH);
  if (!env.probot.APP_ID || !hasKey) {
    if (env.production) throw new StartupError("Refusing to start: NODE_ENV=production needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH).");
    console.warn("No APP_ID/PRIVATE_KEY: starting Probot's setup page to register the GitHub App from app.yml.");
    await startSetupMode({ env });
    return;
  }
  checkPrivateKey(env.probot);
  checkDataDir(env.store);
  const server = await createShipshapeServer(env);
  await server.start();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.probot.log.info(`${signal}: stopping (finishing in-flight deliveries)`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/**
 * `.env` as Probot's setup flow writes it (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, WEBHOOK_PROXY_URL),
 * so the next `npm start` finds the registered app. Variables already set win over the file.
 */
function loadDotEnv(file: string): void {
  if (!existsSync(file)) return;
  for (const [key, value] of Object.entries(parseDotEnv(readFileSync(file, "utf8")))) {
    if (process.env[key] === undefined || process.env[key] === "") process.env[key] = value;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof StartupError ? error.message : error);
  process.exit(1);
});
