import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { stores } from "../helpers/stores.js";
import { useFakeGitHub } from "../helpers/test-app.js";
import { deliver, deployedAtOf, incident, linearHistory, merged, metricsApi, metricsApp, orders, sha, workflowRun, type Delivery } from "./timeline.js";

// Issue 16: a repo whose only deployments are a "Deploy" workflow's runs, and one that deploys on
// merge, get every DORA key from webhooks, whatever order the deliveries arrive in.
const HOUR = 3600;
const WINDOW = "from=2026-02-01&to=2026-02-08";
const DORA = `/api/v1/repos/Codertocat/Hello-World/dora`;

const deployRun = (id: number, at: string, head: string, conclusion = "success") => workflowRun({ id, name: "Deploy", path: ".github/workflows/deploy.yml", sha: sha(head), conclusion, at });
const WORKFLOW_TIMELINE: Delivery[] = [
  deployRun(1, "2026-02-01T09:00:00Z", "c0"),
  merged(21, "2026-02-02T10:00:00Z", sha("m21")),
  merged(22, "2026-02-02T12:00:00Z", sha("m22")),
  // CI on the default branch, and Deploy on a feature branch, are not deployments.
  workflowRun({ id: 9, name: "CI", path: ".github/workflows/ci.yml", sha: sha("m22"), conclusion: "success", at: "2026-02-02T13:00:00Z" }),
  workflowRun({ id: 8, name: "Deploy", path: ".github/workflows/deploy.yml", sha: sha("m22"), conclusion: "success", at: "2026-02-02T13:30:00Z", branch: "feature" }),
  deployRun(2, "2026-02-02T15:00:00Z", "m22"),
  merged(23, "2026-02-03T09:00:00Z", sha("m23")),
  deployRun(3, "2026-02-03T10:00:00Z", "m23", "failure"),
  deployRun(4, "2026-02-03T11:00:00Z", "m23"),
  // A cancelled run deployed nothing.
  deployRun(5, "2026-02-03T11:30:00Z", "m23", "cancelled"),
  incident(70, "2026-02-03T12:00:00Z", null),
  incident(70, "2026-02-03T12:00:00Z", "2026-02-03T14:00:00Z"),
];

const MERGE_TIMELINE: Delivery[] = [
  merged(31, "2026-02-02T10:00:00Z", sha("m31")),
  merged(32, "2026-02-02T12:00:00Z", sha("m32")),
  // Into another branch: not a deployment.
  merged(34, "2026-02-02T12:30:00Z", sha("r34"), "release"),
  incident(71, "2026-02-02T13:00:00Z", "2026-02-02T15:00:00Z"),
  merged(33, "2026-02-03T09:00:00Z", sha("m33")),
];

describe.each(stores)("deployment sources from webhooks on $name", (store) => {
  const github = useFakeGitHub();
  let db: Db;
  beforeEach(async () => {
    db = await store.open();
  });
  afterEach(() => db.close());

  it.each(orders(WORKFLOW_TIMELINE).slice(0, 3))("a Deploy workflow's runs are the deployments: $name", async ({ items }) => {
    linearHistory(github, ["c0", "m21", "m22", "m23"].map(sha));
    const app = await metricsApp(github, db, "metrics:\n  deployments:\n    - workflow_runs:\n        workflows: [Deploy]\n");
    await deliver(app, items);
    expect(await deployedAtOf(db, [21, 22, 23])).toEqual({ 21: "2026-02-02T15:00:00.000Z", 22: "2026-02-02T15:00:00.000Z", 23: "2026-02-03T11:00:00.000Z" });
    const dora = await metricsApi(app, DORA, WINDOW);
    expect(dora.deployment_frequency).toMatchObject({ deployments: 3 });
    // Opened 6 h before merging, deployed 5 h, 3 h and 2 h after: 11 h, 9 h, 8 h.
    expect(dora.lead_time).toMatchObject({ changes: 3, median_seconds: 9 * HOUR });
    // Run 3 failed; run 4 was followed by incident 70 before any other success.
    expect(dora.change_failure_rate).toMatchObject({ deployments: 4, failures: 2, rate: 0.5 });
    expect(dora.time_to_restore).toMatchObject({ incidents: 1, median_seconds: 2 * HOUR });
    expect(github.requests.filter((r) => r.path.includes("/compare/")).length).toBeGreaterThanOrEqual(2);
  });

  it.each(orders(MERGE_TIMELINE).slice(0, 3))("each merge to the default branch is a deployment: $name", async ({ items }) => {
    const app = await metricsApp(github, db, "metrics:\n  deployments: [merges]\n");
    await deliver(app, items);
    expect(await deployedAtOf(db, [31, 32, 33, 34])).toEqual({ 31: "2026-02-02T10:00:00.000Z", 32: "2026-02-02T12:00:00.000Z", 33: "2026-02-03T09:00:00.000Z", 34: null });
    const dora = await metricsApi(app, DORA, WINDOW);
    expect(dora.deployment_frequency).toMatchObject({ deployments: 3 });
    expect(dora.lead_time).toMatchObject({ changes: 3, median_seconds: 6 * HOUR });
    expect(dora.change_failure_rate).toMatchObject({ deployments: 3, failures: 1 });
    expect(dora.time_to_restore).toMatchObject({ incidents: 1, median_seconds: 2 * HOUR });
    // A merge deployment ships its own merge commit: no comparison is needed.
    expect(github.requests.filter((r) => r.path.includes("/compare/"))).toEqual([]);
  });
});
