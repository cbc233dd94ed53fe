import { describe, expect, it } from "vitest";
import { applyPullRequestEvent } from "../../src/metrics/apply-pull-request-event.js";
import { isBot, phaseDurations } from "../../src/metrics/definitions.js";
import type { PullRequestEvent, PullRequestSnapshotEvent } from "../../src/model/pull-request-event.js";
import type { PullRequestRecord } from "../../src/model/pull-request-record.js";

const H = 3_600_000;
const T0 = Date.parse("2024-06-03T09:00:00Z");
const at = (hours: number) => T0 + hours * H;

/** A PR snapshot `hours` after T0; by default opened at T0 by alice, not a draft, open. */
function snap(hours: number, o: Partial<PullRequestSnapshotEvent> = {}): PullRequestSnapshotEvent {
  return { kind: "snapshot", repoId: 1, number: 1, asOf: at(hours), author: "alice", authorIsBot: false, title: "t", draft: false, headSha: "h", baseRef: "main", openedAt: T0, readyAt: null, mergedAt: null, closedAt: null, mergeCommitSha: null, ...o };
}
const opened = (o: Partial<PullRequestSnapshotEvent> = {}) => snap(0, { readyAt: o.draft ? null : T0, ...o });
const merged = (hours: number) => snap(hours, { mergedAt: at(hours), closedAt: at(hours), mergeCommitSha: "m", readyAt: at(hours) });
const review = (hours: number, reviewer: string, o: { bot?: boolean; approved?: boolean } = {}): PullRequestEvent =>
  ({ kind: "review", repoId: 1, number: 1, at: at(hours), reviewer, reviewerIsBot: o.bot ?? false, author: "alice", approved: o.approved ?? false });
const comment = (hours: number, reviewer: string): PullRequestEvent => ({ kind: "review_comment", repoId: 1, number: 1, at: at(hours), reviewer, reviewerIsBot: false, author: "alice" });
const firstCommit = (hours: number): PullRequestEvent => ({ kind: "first_commit", repoId: 1, number: 1, at: at(hours) });
const deployed = (hours: number): PullRequestEvent => ({ kind: "deployed", repoId: 1, number: 1, at: at(hours) });

function fold(events: PullRequestEvent[]): PullRequestRecord {
  return events.reduce<PullRequestRecord | undefined>((record, event) => applyPullRequestEvent(record, event), undefined)!;
}
function hours(values: Record<string, number | null>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? null : v / H]));
}

const cases: Array<{ name: string; events: PullRequestEvent[]; productionSince: number | null; phases: Record<string, number | null> }> = [
  {
    name: "plain PR, no deployments in the repo: cycle ends at merge",
    events: [firstCommit(-5), opened(), review(2, "bob", { approved: true }), merged(6)],
    productionSince: null,
    phases: { coding: 5, pickup: 2, review: 4, deploy: null, cycle: 11 },
  },
  {
    name: "draft opened then ready: pickup starts at ready_for_review",
    events: [firstCommit(-1), opened({ draft: true }), snap(10, { readyAt: at(10) }), comment(13, "bob"), merged(20)],
    productionSince: null,
    phases: { coding: 1, pickup: 3, review: 7, deploy: null, cycle: 21 },
  },
  {
    // Settled choice (docs/metrics.md): a look at a draft is the first review; the draft time after it is review time.
    name: "human review while still a draft: pickup 0, the rest of the draft time is review",
    events: [firstCommit(-1), opened({ draft: true }), comment(2, "bob"), snap(10, { readyAt: at(10) }), merged(20)],
    productionSince: null,
    phases: { coding: 1, pickup: 0, review: 18, deploy: null, cycle: 21 },
  },
  {
    name: "review by the author only: no pickup, no review phase",
    events: [firstCommit(-1), opened(), review(1, "alice"), comment(2, "Alice"), merged(3)],
    productionSince: null,
    phases: { coding: 1, pickup: null, review: null, deploy: null, cycle: 4 },
  },
  {
    name: "bot reviewer does not count; the human after it does",
    events: [opened(), review(1, "copilot[bot]", { bot: true, approved: true }), review(4, "bob"), merged(5)],
    productionSince: null,
    phases: { coding: null, pickup: 4, review: 1, deploy: null, cycle: 5 },
  },
  {
    name: "approval without comments is a review",
    events: [firstCommit(0), opened(), review(3, "bob", { approved: true }), merged(4)],
    productionSince: null,
    phases: { coding: 0, pickup: 3, review: 1, deploy: null, cycle: 4 },
  },
  {
    name: "PR never deployed in a repo that deploys: no deploy time, no cycle time yet",
    events: [firstCommit(-2), opened(), review(1, "bob"), merged(2)],
    productionSince: at(-100),
    phases: { coding: 2, pickup: 1, review: 1, deploy: null, cycle: null },
  },
  {
    name: "deployed PR: cycle runs first commit -> deployed",
    events: [firstCommit(-2), opened(), review(1, "bob"), merged(2), deployed(5)],
    productionSince: at(-100),
    phases: { coding: 2, pickup: 1, review: 1, deploy: 3, cycle: 7 },
  },
  {
    name: "merged before the first deployment the app saw: left out of deploy time",
    events: [firstCommit(-2), opened(), review(1, "bob"), merged(2), deployed(500)],
    productionSince: at(100),
    phases: { coding: 2, pickup: 1, review: 1, deploy: null, cycle: 4 },
  },
  {
    name: "review after the merge is not a pickup; commits dated after opening give zero coding",
    events: [firstCommit(3), opened(), merged(2), review(5, "bob")],
    productionSince: null,
    phases: { coding: 0, pickup: null, review: null, deploy: null, cycle: 2 },
  },
  {
    name: "open PR: no phases",
    events: [firstCommit(-2), opened(), review(1, "bob")],
    productionSince: null,
    phases: { coding: null, pickup: null, review: null, deploy: null, cycle: null },
  },
];

describe("phase definitions on hand-built timelines", () => {
  it.each(cases)("$name", ({ events, productionSince, phases }) => {
    expect(hours(phaseDurations(fold(events), productionSince))).toEqual(phases);
  });

  it.each(cases)("out of order, $name: same facts whatever the arrival order", ({ events }) => {
    const forward = fold(events);
    expect(fold([...events].reverse())).toEqual(forward);
    expect(fold([...events.slice(1), events[0]!])).toEqual(forward);
  });

  it("a deployment containing 3 PRs gives each its own deploy time", () => {
    const prs = [1, 2, 3].map((n) => fold([opened({ number: n }), { ...merged(n), number: n }, { ...deployed(10), number: n }]));
    expect(prs.map((pr) => phaseDurations(pr, at(-1)).deploy! / H)).toEqual([9, 8, 7]);
  });
});

describe("recording rules", () => {
  it("an older snapshot never overwrites a newer state, but merging is final", () => {
    const record = fold([snap(5, { title: "new", draft: false, mergedAt: at(5), closedAt: at(5), mergeCommitSha: "m" }), snap(1, { title: "old", draft: true })]);
    expect(record).toMatchObject({ title: "new", draft: false, mergedAt: at(5), closedAt: at(5), mergeCommitSha: "m", snapshotAt: at(5) });
  });

  it("a reopened PR loses its closed time from the newer snapshot", () => {
    const record = fold([snap(2, { closedAt: at(2) }), snap(3)]);
    expect(record.closedAt).toBeNull();
  });

  it("a PR closed, reopened and closed again keeps the last close, in any delivery order (settled choice)", () => {
    const events = [snap(2, { closedAt: at(2) }), snap(3), snap(7, { closedAt: at(7) })];
    expect(fold(events).closedAt).toBe(at(7));
    expect(fold([...events].reverse()).closedAt).toBe(at(7));
    expect(fold([events[1]!, events[2]!, events[0]!]).closedAt).toBe(at(7));
    expect(fold(events.slice(0, 2)).closedAt).toBeNull();
  });

  it("first approval needs an approving human other than the author", () => {
    const record = fold([opened(), review(1, "bob"), review(2, "bot[bot]", { bot: true, approved: true }), review(3, "alice", { approved: true }), review(4, "carol", { approved: true })]);
    expect({ review: record.firstReviewAt, approval: record.firstApprovalAt }).toEqual({ review: at(1), approval: at(4) });
  });

  it.each([
    [{ login: "dependabot[bot]", type: "Bot" }, true],
    [{ login: "renovate[bot]" }, true],
    [{ login: "some-app", type: "Bot" }, true],
    [{ login: "alice", type: "User" }, false],
  ])("isBot(%j) = %s", (user, expected) => {
    expect(isBot(user)).toBe(expected);
  });
});
