import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { metricsRoutes } from "../../src/http/metrics-routes.js";
import { recordDeployment, recordDeploymentStatus } from "../../src/store/deployments.js";
import { example } from "../helpers/examples.js";
import { useFakeGitHub } from "../helpers/test-app.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import { stores } from "../helpers/stores.js";

// Issue 16, bug 3: removing the incident label, deleting or transferring the issue stops it
// counting; reopening it moves its restore time. 18 production deployments, an incident after
// every other one: CFR 7/18 while all are labelled, 6/18 once one label is removed, whatever
// order the deliveries arrive in, and however often they are redelivered.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Payload = Record<string, any>;
const H = 3_600_000;
const START = Date.parse("2024-06-01T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const deployedAt = (i: number) => START + i * 36 * H;
const openedAt = (k: number) => deployedAt(2 * k + 1) + 2 * H;

interface Delivery {
  name: string;
  payload: Payload;
}

/** A real `issues` payload of `action`, as the issue stood at `at`. */
function issueEvent(action: string, params: { k: number; at: number; labels: string[]; closedAt?: number | null; label?: string }): Delivery {
  const payload = example<Payload>("issues", action);
  // The `transferred` example comes from another repository: every event here is of one repo.
  payload.repository = example<Payload>("issues", "labeled").repository;
  Object.assign(payload.issue, {
    number: 100 + params.k,
    title: `Outage ${params.k}`,
    created_at: iso(openedAt(params.k)),
    updated_at: iso(params.at),
    closed_at: params.closedAt ? iso(params.closedAt) : null,
    state: params.closedAt ? "closed" : "open",
    labels: params.labels.map((name, id) => ({ id, name, color: "d73a4a", default: false })),
  });
  if (params.label !== undefined) payload.label = { ...(payload.label ?? {}), name: params.label };
  return { name: "issues", payload };
}

/** Each incident: labelled when opened, closed 5 h later (the examples have no `closed` payload: built from `reopened`). */
function incident(k: number, labels = ["Incident"]): Delivery[] {
  const closed = issueEvent("reopened", { k, at: openedAt(k) + 5 * H, labels, closedAt: openedAt(k) + 5 * H });
  closed.payload.action = "closed";
  return [issueEvent("labeled", { k, at: openedAt(k), labels: ["Incident"], label: "Incident" }), closed];
}

function timeline(): { before: Delivery[]; removals: Delivery[] } {
  const before = [0, 1, 2, 3, 4, 5].flatMap((k) => incident(k));
  // #106: labelled, then the label is removed an hour later (it was not an incident); closed without it.
  const [labelled, closed] = incident(6, []);
  const unlabeled = issueEvent("unlabeled", { k: 6, at: openedAt(6) + H, labels: [], label: "incident" });
  return { before: [...before, labelled!], removals: [unlabeled, closed!] };
}

const orders: Record<string, (events: Delivery[]) => Delivery[]> = {
  "as they happened": (events) => events,
  "newest first": (events) => [...events].reverse(),
  "every delivery twice, interleaved": (events) => [...events, ...[...events].reverse()],
  "shuffled (seeded)": (events) => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    return events.map((event) => ({ event, order: random() })).sort((a, b) => a.order - b.order).map(({ event }) => event);
  },
};

describe.each(stores)("incidents on $name", (store) => {
  const github = useFakeGitHub();
  let app: TestApp;
  let delivery = 0;
  const receive = async (events: Delivery[]) => {
    for (const { name, payload } of events) await app.probot.receive({ id: String(++delivery), name, payload } as never);
  };
  const dora = async (): Promise<Payload> => {
    const route = metricsRoutes(app.deps).find((candidate) => candidate.pattern === "/api/v1/repos/:owner/:repo/dora")!;
    const query = new URLSearchParams("from=2024-06-01&to=2024-06-29");
    const response = await route.handle({ method: "GET", path: "/api/v1/repos/Codertocat/Hello-World/dora", params: { owner: "Codertocat", repo: "Hello-World" }, query, headers: {}, body: async () => Buffer.alloc(0) });
    return JSON.parse(String(response.body));
  };

  beforeEach(async () => {
    app = await createTestApp({ db: await store.open(), now: "2024-07-01T00:00:00Z" });
    github.hasConfig("Codertocat", "Hello-World", "metrics:\n  incident_labels: [incident]\n");
    const repoId = example<Payload>("issues", "labeled").repository.id as number;
    for (let i = 0; i < 18; i++) {
      await recordDeployment(app.db, { repoId, deploymentId: i + 1, environment: "production", production: true, sha: `d${i}`.padEnd(40, "0"), ref: "main", createdAt: deployedAt(i) });
      await recordDeploymentStatus(app.db, { deploymentId: i + 1, state: "success", at: deployedAt(i) + 10 * 60_000 });
    }
  });
  afterEach(async () => app.close());

  it("the issue's example: 7/18 while all are labelled, 6/18 once the label of one is removed", async () => {
    const { before, removals } = timeline();
    await receive(before);
    expect((await dora()).change_failure_rate).toMatchObject({ deployments: 18, failures: 7 });
    await receive(removals);
    expect((await dora()).change_failure_rate).toMatchObject({ deployments: 18, failures: 6, rate: 6 / 18 });
    expect((await dora()).time_to_restore).toMatchObject({ incidents: 6, median_seconds: 5 * 3600 });
  });

  it.each(Object.keys(orders))("the same figures when the deliveries arrive %s", async (order) => {
    const { before, removals } = timeline();
    await receive(orders[order]!([...before, ...removals]));
    expect((await dora()).change_failure_rate).toMatchObject({ deployments: 18, failures: 6 });
    expect((await dora()).time_to_restore).toMatchObject({ incidents: 6, median_seconds: 5 * 3600 });
  });

  it.each(Object.keys(orders))("deleted and transferred issues stop counting, a reopened one restores at its last close (%s)", async (order) => {
    const { before } = timeline();
    const deleted = issueEvent("deleted", { k: 4, at: openedAt(4) + 6 * H, labels: ["Incident"], closedAt: openedAt(4) + 5 * H });
    const transferred = issueEvent("transferred", { k: 5, at: openedAt(5) + 6 * H, labels: ["Incident"], closedAt: openedAt(5) + 5 * H });
    const reopened = issueEvent("reopened", { k: 0, at: openedAt(0) + 7 * H, labels: ["Incident"] });
    const closedAgain = structuredClone(incident(0)[1]!);
    Object.assign(closedAgain.payload.issue, { updated_at: iso(openedAt(0) + 20 * H), closed_at: iso(openedAt(0) + 20 * H) });
    await receive(orders[order]!([...before, deleted, transferred, reopened, closedAgain]));
    const keys = await dora();
    // #104 and #105 are gone; #106 still labelled (its removal is not in this timeline): 5 of 18.
    expect(keys.change_failure_rate).toMatchObject({ deployments: 18, failures: 5 });
    // Restores: #100 20 h, #101-#103 5 h, #106 still open.
    expect(keys.time_to_restore).toMatchObject({ incidents: 4, median_seconds: 5 * 3600 });
  });

  it("a reopened incident is open again until it closes again", async () => {
    await receive([...incident(0), issueEvent("reopened", { k: 0, at: openedAt(0) + 7 * H, labels: ["Incident"] })]);
    expect((await dora()).time_to_restore).toMatchObject({ incidents: 0, median_seconds: null });
    expect((await dora()).change_failure_rate).toMatchObject({ failures: 1 });
  });

  it("an issue that only ever had other labels is not stored, and a label removal alone records a non-incident", async () => {
    await receive([issueEvent("labeled", { k: 2, at: openedAt(2), labels: ["bug"], label: "bug" }), issueEvent("unlabeled", { k: 3, at: openedAt(3) + H, labels: [], label: "Incident" })]);
    // The older labelling of #103 arrives after its removal: the removal is newer and wins.
    await receive([incident(3)[0]!]);
    expect((await dora()).change_failure_rate).toMatchObject({ failures: 0 });
    expect((await app.db.kysely.selectFrom("incidents").select("number").execute()).map((row) => row.number)).toEqual([103]);
  });
});
