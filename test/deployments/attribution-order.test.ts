import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { stores } from "../helpers/stores.js";
import { useFakeGitHub } from "../helpers/test-app.js";
import { deliver, deployedAtOf, deploymentStatus, linearHistory, merged, metricsApp, orders, sha, type Delivery } from "./timeline.js";

// Issue 16, bugs 1 and 2: a PR's deployment is the earliest successful production deployment
// whose commits hold its merge commit, whatever order the statuses and merges arrive in.
const HISTORY = ["c0", "m11", "m12", "x1", "m13", "m14"].map(sha);
const merges = [merged(11, "2026-02-02T10:00:00Z", sha("m11")), merged(12, "2026-02-02T14:00:00Z", sha("m12")), merged(13, "2026-02-03T09:00:00Z", sha("m13")), merged(14, "2026-02-04T09:00:00Z", sha("m14"))];
const D100 = deploymentStatus(100, sha("c0"), "success", "2026-02-01T09:00:00Z");
const D101 = deploymentStatus(101, sha("m12"), "success", "2026-02-02T16:00:00Z");
const D102 = [deploymentStatus(102, sha("m13"), "in_progress", "2026-02-03T11:50:00Z"), deploymentStatus(102, sha("m13"), "success", "2026-02-03T12:00:00Z")];
/** A rollback to m12: it ships nothing new, and D104 is compared with it. */
const D103 = deploymentStatus(103, sha("m12"), "success", "2026-02-03T20:00:00Z");
const D104 = deploymentStatus(104, sha("m14"), "success", "2026-02-05T09:00:00Z");
/** Staging got m14 first: it never deploys a PR. */
const STAGING = deploymentStatus(105, sha("m14"), "success", "2026-02-04T10:00:00Z", "staging");
const TIMELINE: Delivery[] = [D100, merges[0]!, merges[1]!, D101, merges[2]!, ...D102, D103, merges[3]!, STAGING, D104];
const EXPECTED = { 11: "2026-02-02T16:00:00.000Z", 12: "2026-02-02T16:00:00.000Z", 13: "2026-02-03T12:00:00.000Z", 14: "2026-02-05T09:00:00.000Z" };

const named: Array<{ name: string; items: Delivery[] }> = [
  ...orders(TIMELINE),
  // D17 before D16 in the issue: the later deployment's success arrives first.
  { name: "later deployment first", items: [D100, ...merges, D102[1]!, D101, D104, D103] },
  // D2 before D1: the second deployment arrives before the baseline it is compared with.
  { name: "second deployment before the first", items: [...merges, D101, D100, ...D102, D103, D104] },
  // Bug 2: every merge arrives after the deployment that shipped it.
  { name: "merges after their deployments", items: [D100, D101, ...D102, D103, D104, ...[...merges].reverse()] },
  // Redeliveries of statuses and merges, in between.
  { name: "with redeliveries", items: [D100, D104, merges[3]!, D101, D104, ...merges, D101, ...D102, D103, merges[1]!, D102[1]!] },
];

describe.each(stores)("deployment attribution on $name", (store) => {
  const github = useFakeGitHub();
  let db: Db;
  beforeEach(async () => {
    db = await store.open();
    linearHistory(github, HISTORY);
  });
  afterEach(() => db.close());

  it.each(named)("gives every PR its earliest deployment: $name", async ({ items }) => {
    const app = await metricsApp(github, db);
    await deliver(app, items);
    expect(await deployedAtOf(db, [11, 12, 13, 14])).toEqual(EXPECTED);
    // Each comparison is asked again only when a deployment's predecessor changed.
    const compares = github.requests.filter((r) => r.path.includes("/compare/"));
    expect(compares.length).toBeGreaterThanOrEqual(4);
    expect(compares.length).toBeLessThanOrEqual(8);
  });
});
