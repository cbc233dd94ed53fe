import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliveriesToRedeliver } from "../../src/inbox/failed-deliveries.js";
import { redeliverFailed } from "../../src/inbox/redeliver-failed.js";
import { openStore, type Db } from "../../src/store/db.js";
import { insertDelivery } from "../../src/store/deliveries.js";
import { FakeGitHub, paginate } from "../helpers/fake-github.js";

const at = (iso: string) => iso;
const hook = (id: number, guid: string, deliveredAt: string, statusCode: number) => ({
  id,
  guid,
  delivered_at: deliveredAt,
  redelivery: false,
  duration: 0.1,
  status: statusCode >= 200 && statusCode < 300 ? "OK" : "Invalid HTTP Response: 503",
  status_code: statusCode,
  event: "pull_request",
  action: "opened",
  installation_id: 1,
  repository_id: 1,
});

describe("deliveriesToRedeliver", () => {
  const d = (id: number, guid: string, statusCode: number, deliveredAt = "2024-06-03T09:00:00Z") => ({ id, guid, deliveredAt, statusCode, redelivery: false, event: "push" });
  it.each([
    ["a failed delivery the inbox lacks", [d(1, "a", 503)], [], [], [1]],
    ["one the inbox has (GitHub saw a timeout, we stored it)", [d(1, "a", 502)], ["a"], [], []],
    ["one whose later attempt succeeded", [d(1, "a", 503), d(2, "a", 202, "2024-06-03T09:05:00Z")], [], [], []],
    ["one already asked for", [d(1, "a", 503)], [], ["a"], []],
    ["several attempts: the newest", [d(1, "a", 503), d(2, "a", 0, "2024-06-03T09:05:00Z")], [], [], [2]],
  ])("%s", (_name, deliveries, inInbox, requested, expected) => {
    const picked = deliveriesToRedeliver({ deliveries, inInbox: new Set(inInbox), alreadyRequested: new Set(requested) });
    expect(picked.map((p) => p.id)).toEqual(expected);
  });
});

describe("redeliverFailed", () => {
  let db: Db;
  let github: FakeGitHub;
  beforeEach(async () => {
    db = await openStore({ dataDir: ":memory:" });
    github = new FakeGitHub().install();
  });
  afterEach(() => db.close());

  it("asks GitHub to redeliver what never reached the inbox, once, within the window", async () => {
    const deliveries = [
      hook(105, "new-failed", at("2024-06-03T09:50:00Z"), 503),
      hook(104, "stored", at("2024-06-03T09:40:00Z"), 502),
      hook(103, "ok", at("2024-06-03T09:30:00Z"), 202),
      hook(102, "down", at("2024-06-03T09:20:00Z"), 0),
      hook(101, "too-old", at("2024-06-01T09:00:00Z"), 503),
    ];
    github.route("GET", /^\/app\/hook\/deliveries$/, (request) => paginate(deliveries, request));
    github.route("POST", /^\/app\/hook\/deliveries\/(\d+)\/attempts$/, () => [202, {}]);
    await insertDelivery(db, { deliveryId: "stored", event: "pull_request", action: "opened", installationId: 1, lockKey: "k", payload: "{}", receivedAt: 1 });
    const appOctokit = new ProbotOctokit({ auth: { token: "jwt" }, throttle: { enabled: false }, retry: { enabled: false } } as never);
    const now = new Date("2024-06-03T10:00:00Z");

    expect(await redeliverFailed({ appOctokit, db, now, windowMs: 24 * 3600_000 })).toBe(2);
    const posts = github.requests.filter((r) => r.method === "POST").map((r) => r.path);
    expect(posts).toEqual(["/app/hook/deliveries/105/attempts", "/app/hook/deliveries/102/attempts"]);

    // The next sweep does not ask again for the same deliveries.
    expect(await redeliverFailed({ appOctokit, db, now, windowMs: 24 * 3600_000 })).toBe(0);
    expect(github.requests.filter((r) => r.method === "POST")).toHaveLength(2);
    expect(github.unhandled).toEqual([]);
  });
});
