// The stock-Probot contestant of the throttling figure, in a process of its own: Shipshape's app
// function (compiled, as `npm start` runs it) served by Probot's own `run()`, as `probot run`
// serves any app: stock `ProbotOctokit`, so one write queue (one write a second) for every
// installation in the process, and handlers run before the webhook is answered (no inbox).
// Plain JS on purpose: no TypeScript loader in the figure.
import { run } from "probot";
import { createCaches } from "../../dist/src/gather/caches.js";
import { shipshape } from "../../dist/src/index.js";
import { createMemoryBudget } from "../../dist/src/lib/byte-budget.js";
import { createTelemetry } from "../../dist/src/lib/telemetry.js";
import { openStore } from "../../dist/src/store/db.js";

const dataDir = process.env.SHIPSHAPE_DATA_DIR ?? "data";
const db = await openStore({ dataDir });
const deps = {
  db,
  now: () => new Date(),
  caches: createCaches({ now: Date.now }),
  telemetry: createTelemetry(),
  memory: createMemoryBudget(),
  settings: { apiToken: undefined, backfillDays: 90, dataDir },
};
await run(shipshape(deps));
