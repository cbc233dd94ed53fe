import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { stores } from "../helpers/stores.js";
import { useFakeGitHub } from "../helpers/test-app.js";
import type { TestApp } from "../helpers/test-app.js";
import { deliver, deploymentStatus, incident, linearHistory, merged, metricsApi, metricsApp, orders, sha, type Delivery } from "../deployments/timeline.js";

// Issue 16: a merged revert PR fails the deployment that shipped the change it reverts, and
// production is restored when the revert is deployed (ADR 0048), through webhooks in any order.
//   D100 c0                      Feb 1 09:00
//   #11 ad11 -> D101              Feb 2 12:00   reverted by #13 (GitHub's button) -> failed
//   #12 ad12 -> D102              Feb 3 09:00
//   #13 ad13 -> D103              Feb 3 12:00   restores D101: 24 h
//   #14 ad14 -> D104              Feb 4 10:00   reverted by #15 (`This reverts commit`) -> failed
//   #15 ad15 -> D105              Feb 4 14:00   restores D104: 4 h
//   #16 ad16, #17 ad17 -> D106     Feb 5 12:00   #17 reverts #16 in the same deployment: no incident
const H = 3_600;
// Real commit SHAs are hex: `This reverts commit` is only read with one.
const HISTORY = ["c0", "ad11", "ad12", "ad13", "ad14", "ad15", "ad16", "ad17"].map(sha);

function revert(number: number, at: string, mergeCommitSha: string, head: { ref: string; body: string }): Delivery {
  const delivery = merged(number, at, mergeCommitSha);
  delivery.payload.pull_request.head.ref = head.ref;
  delivery.payload.pull_request.body = head.body;
  return delivery;
}

const MERGES: Delivery[] = [
  merged(11, "2026-02-02T10:00:00Z", sha("ad11")),
  merged(12, "2026-02-02T14:00:00Z", sha("ad12")),
  revert(13, "2026-02-03T10:00:00Z", sha("ad13"), { ref: "revert-11-changes", body: "Reverts Codertocat/Hello-World#11" }),
  merged(14, "2026-02-04T09:00:00Z", sha("ad14")),
  revert(15, "2026-02-04T11:00:00Z", sha("ad15"), { ref: "undo-cache", body: `Revert "Cache the page"\n\nThis reverts commit ${sha("ad14")}.` }),
  merged(16, "2026-02-05T09:00:00Z", sha("ad16")),
  revert(17, "2026-02-05T10:00:00Z", sha("ad17"), { ref: "revert-16-changes", body: "Reverts Codertocat/Hello-World#16" }),
];
const DEPLOYMENTS: Delivery[] = [
  deploymentStatus(100, sha("c0"), "success", "2026-02-01T09:00:00Z"),
  deploymentStatus(101, sha("ad11"), "success", "2026-02-02T12:00:00Z"),
  deploymentStatus(102, sha("ad12"), "success", "2026-02-03T09:00:00Z"),
  deploymentStatus(103, sha("ad13"), "success", "2026-02-03T12:00:00Z"),
  deploymentStatus(104, sha("ad14"), "success", "2026-02-04T10:00:00Z"),
  deploymentStatus(105, sha("ad15"), "success", "2026-02-04T14:00:00Z"),
  deploymentStatus(106, sha("ad17"), "success", "2026-02-05T12:00:00Z"),
];
const TIMELINE: Delivery[] = [DEPLOYMENTS[0]!, MERGES[0]!, DEPLOYMENTS[1]!, MERGES[1]!, DEPLOYMENTS[2]!, MERGES[2]!, DEPLOYMENTS[3]!, MERGES[3]!, DEPLOYMENTS[4]!, MERGES[4]!, DEPLOYMENTS[5]!, MERGES[5]!, MERGES[6]!, DEPLOYMENTS[6]!];

const named: Array<{ name: string; items: Delivery[] }> = [
  ...orders(TIMELINE),
  { name: "reverts before the PRs they revert", items: [...DEPLOYMENTS, MERGES[6]!, MERGES[4]!, MERGES[2]!, MERGES[0]!, MERGES[1]!, MERGES[3]!, MERGES[5]!] },
  { name: "merges after every deployment", items: [...DEPLOYMENTS, ...MERGES] },
  { name: "with redeliveries", items: [...TIMELINE, MERGES[2]!, DEPLOYMENTS[3]!, MERGES[4]!, MERGES[0]!, DEPLOYMENTS[1]!, MERGES[6]!] },
];

const DORA = "/api/v1/repos/Codertocat/Hello-World/dora";
const WINDOW = "from=2026-02-01&to=2026-02-08";

describe.each(stores)("revert PRs as incidents on $name", (store) => {
  const github = useFakeGitHub();
  let db: Db;
  let app: TestApp;
  beforeEach(async () => {
    db = await store.open();
    linearHistory(github, HISTORY);
  });
  afterEach(() => db.close());

  /** Only the config, the merged PRs' commits and the deployments' compares were asked for. */
  const expectOnlyMetricsRequests = () => {
    expect(github.requests.length).toBeGreaterThan(0);
    for (const request of github.requests) expect(request.path).toMatch(/\/contents\/|\/pulls\/\d+\/commits|\/compare\//);
    const commits = github.requests.filter((r) => /\/pulls\/\d+\/commits/.test(r.path)).map((r) => Number(/\/pulls\/(\d+)\//.exec(r.path)![1]));
    expect(new Set(commits)).toEqual(new Set([11, 12, 13, 14, 15, 16, 17]));
  };

  it.each(named)("fails the deployment that shipped the reverted change, restored by the revert's: $name", async ({ items }) => {
    app = await metricsApp(github, db);
    await deliver(app, items);
    const keys = await metricsApi(app, DORA, WINDOW);
    // D101 (reverted by #13) and D104 (reverted by #15) of the seven; D106 shipped #16 and its revert together.
    expect(keys.change_failure_rate).toMatchObject({ deployments: 7, failures: 2, rate: 2 / 7 });
    // 24 h (D101 -> D103) and 4 h (D104 -> D105).
    expect(keys.time_to_restore).toMatchObject({ incidents: 2, median_seconds: 14 * H });
    expectOnlyMetricsRequests();
  });

  it("an incident issue and a revert on the same deployment fail it once, and both are restored", async () => {
    app = await metricsApp(github, db);
    // #201 opened an hour after D101 went out, closed 3 h later: D101 was running, as for #13.
    await deliver(app, [...TIMELINE, incident(201, "2026-02-02T13:00:00Z", "2026-02-02T16:00:00Z")]);
    const keys = await metricsApi(app, DORA, WINDOW);
    expect(keys.change_failure_rate).toMatchObject({ deployments: 7, failures: 2 });
    // 3 h, 4 h, 24 h.
    expect(keys.time_to_restore).toMatchObject({ incidents: 3, median_seconds: 4 * H });
    expectOnlyMetricsRequests();
  });

  it("a revert not yet deployed fails the deployment but restores nothing", async () => {
    app = await metricsApp(github, db);
    await deliver(app, [...DEPLOYMENTS.slice(0, 3), ...MERGES.slice(0, 3)]);
    const keys = await metricsApi(app, DORA, WINDOW);
    expect(keys.change_failure_rate).toMatchObject({ deployments: 3, failures: 1 });
    expect(keys.time_to_restore).toMatchObject({ incidents: 0, median_seconds: null });
  });

  it("a revert shipped in the same deployment as the change is not an incident", async () => {
    app = await metricsApp(github, db);
    await deliver(app, [DEPLOYMENTS[0]!, ...MERGES.slice(5), DEPLOYMENTS[6]!]);
    const keys = await metricsApi(app, DORA, WINDOW);
    expect(keys.change_failure_rate).toMatchObject({ deployments: 2, failures: 0 });
    expect(keys.time_to_restore).toMatchObject({ incidents: 0 });
  });

  it.each(orders(TIMELINE).slice(0, 2))("with `reverts` left out of metrics.incidents, no revert counts ($name)", async ({ items }) => {
    app = await metricsApp(github, db, "metrics:\n  incidents: [labels, failed_deployments]\n");
    await deliver(app, items);
    const keys = await metricsApi(app, DORA, WINDOW);
    expect(keys.change_failure_rate).toMatchObject({ deployments: 7, failures: 0, rate: 0 });
    expect(keys.time_to_restore).toMatchObject({ incidents: 0, median_seconds: null });
    // The reverts are still recorded: turning the source back on needs no redelivery.
    expect(await db.kysely.selectFrom("pull_request_reverts").select(["number", "target_number", "target_sha"]).orderBy("number").execute()).toEqual([
      { number: 13, target_number: 11, target_sha: null },
      { number: 15, target_number: null, target_sha: sha("ad14") },
      { number: 17, target_number: 16, target_sha: null },
    ]);
  });
});
