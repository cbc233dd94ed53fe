// Runs the app in a child process for tests that kill it: prints "ready <port>" once listening.
import { parseEnv } from "../../src/env.js";
import { createShipshapeServer } from "../../src/server.js";

const server = await createShipshapeServer(parseEnv(process.env));
const { port } = await server.start();
process.stdout.write(`ready ${port}\n`);
process.on("SIGTERM", () => {
  void server.stop().then(() => process.exit(0));
});
