// Child process of the RSS figure: the app as `npm start` builds it (compiled), which then parses
// one coverage report the way an upload is parsed (whole body in a Buffer, then parseReport).
// Prints one JSON line with its peak RSS. Plain JS on purpose: no TypeScript loader in the figure.
import { readFileSync } from "node:fs";
import { parseEnv } from "../../dist/src/env.js";
import { createShipshapeServer } from "../../dist/src/server.js";
import { parseReport } from "../../dist/src/coverage/parse-report.js";

const file = process.argv[2];
const server = await createShipshapeServer(parseEnv(process.env));
await server.start();
const before = process.memoryUsage().rss;
const started = performance.now();
const report = parseReport(readFileSync(file), file);
const ms = performance.now() - started;
const files = report.files.size;
console.log(JSON.stringify({ ms, files, rssBeforeMb: before / 2 ** 20, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
await server.stop();
process.exit(0);
