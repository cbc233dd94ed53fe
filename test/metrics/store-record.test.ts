import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyPullRequestEvent } from "../../src/metrics/apply-pull-request-event.js";
import { hygieneOutcomes } from "../../src/metrics/hygiene-outcomes.js";
import type { PullRequestEvent, PullRequestSnapshotEvent } from "../../src/model/pull-request-event.js";
import type { Db } from "../../src/store/db.js";
import { getDeployment, previousSuccessfulDeployment, productionSince, recordDeployment, recordDeploymentStatus } from "../../src/store/deployments.js";
import { applyIncidentEvent } from "../../src/metrics/apply-incident-event.js";
import { listIncidents, recordIncidentEvent } from "../../src/store/incidents.js";
import { findOrganisationRepositoryIds, findRepositoryId, recordRepository } from "../../src/store/metric-repos.js";
import * as pullRequests from "../../src/store/pull-requests.js";
import { saveCheckRun } from "../../src/store/check-runs.js";
import { saveOverride } from "../../src/store/overrides.js";
import { stores } from "../helpers/stores.js";

const t = (iso: string) => Date.parse(iso);

// Store-then-compute, as the handlers do it: the store is handed the fold and the hygiene rule.
const { getPullRequest, needsFirstCommit } = pullRequests;
const recordPullRequestEvent = (db: Db, event: PullRequestEvent) => pullRequests.recordPullRequestEvent(db, event, applyPullRequestEvent);
const refreshPullRequestHygiene = (db: Db, key: { repoId: number; number: number }) => pullRequests.refreshPullRequestHygiene(db, key, hygieneOutcomes);
const markPullRequestsDeployed = (db: Db, params: { repoId: number; commitShas: string[]; at: number }) => pullRequests.markPullRequestsDeployed(db, params, applyPullRequestEvent);

function snapshot(overrides: Partial<PullRequestSnapshotEvent> = {}): PullRequestSnapshotEvent {
  return {
    kind: "snapshot",
    repoId: 1,
    number: 7,
    asOf: t("2024-06-01T10:00:00Z"),
    author: "alice",
    authorIsBot: false,
    title: "Add thing",
    draft: false,
    headSha: "head1",
    baseRef: "main",
    openedAt: t("2024-06-01T10:00:00Z"),
    readyAt: t("2024-06-01T10:00:00Z"),
    mergedAt: null,
    closedAt: null,
    mergeCommitSha: null,
    ...overrides,
  };
}

describe.each(stores)("metric recording on $name", (store) => {
  let db: Db;
  beforeEach(async () => {
    db = await store.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it("keeps the newer snapshot and the earliest firsts whatever the arrival order", async () => {
    const merged = snapshot({ asOf: t("2024-06-02T12:00:00Z"), mergedAt: t("2024-06-02T12:00:00Z"), closedAt: t("2024-06-02T12:00:00Z"), mergeCommitSha: "m1", headSha: "head2", additions: 10, deletions: 2, changedFiles: 3, readyAt: t("2024-06-02T12:00:00Z") });
    await recordPullRequestEvent(db, merged);
    await recordPullRequestEvent(db, snapshot());
    await recordPullRequestEvent(db, { kind: "review", repoId: 1, number: 7, at: t("2024-06-02T09:00:00Z"), reviewer: "bob", reviewerIsBot: false, author: "alice", approved: true });
    await recordPullRequestEvent(db, { kind: "review_comment", repoId: 1, number: 7, at: t("2024-06-01T15:00:00Z"), reviewer: "carol", reviewerIsBot: false, author: "alice" });
    await recordPullRequestEvent(db, { kind: "review", repoId: 1, number: 7, at: t("2024-06-01T11:00:00Z"), reviewer: "alice", reviewerIsBot: false, author: "alice", approved: false });
    const pr = await getPullRequest(db, { repoId: 1, number: 7 });
    expect(pr).toMatchObject({
      headSha: "head2",
      mergeCommitSha: "m1",
      mergedAt: t("2024-06-02T12:00:00Z"),
      openedAt: t("2024-06-01T10:00:00Z"),
      readyAt: t("2024-06-01T10:00:00Z"),
      firstReviewAt: t("2024-06-01T15:00:00Z"),
      firstApprovalAt: t("2024-06-02T09:00:00Z"),
      additions: 10,
      changedFiles: 3,
      snapshotAt: t("2024-06-02T12:00:00Z"),
    });
    expect(await needsFirstCommit(db, { repoId: 1, number: 7 })).toBe(true);
    await recordPullRequestEvent(db, { kind: "first_commit", repoId: 1, number: 7, at: t("2024-05-30T08:00:00Z") });
    expect(await needsFirstCommit(db, { repoId: 1, number: 7 })).toBe(false);
    expect((await getPullRequest(db, { repoId: 1, number: 7 }))?.firstCommitAt).toBe(t("2024-05-30T08:00:00Z"));
  });

  it("reads hygiene outcomes from Shipshape's own check runs and overrides", async () => {
    await recordPullRequestEvent(db, snapshot());
    await saveCheckRun(db, { repo_id: 1, head_sha: "head1", name: "shipshape/ticket", check_run_id: 5, state_hash: "x", status: "completed", conclusion: "failure", updated_at: 1 });
    await saveCheckRun(db, { repo_id: 1, head_sha: "head1", name: "shipshape/coverage", check_run_id: 6, state_hash: "x", status: "in_progress", conclusion: null, updated_at: 1 });
    await saveOverride(db, { repoId: 1, prNumber: 7, override: { check: "adr", user: "lead", reason: "docs only", at: "2024-06-01T11:00:00Z" } });
    await refreshPullRequestHygiene(db, { repoId: 1, number: 7 });
    expect((await getPullRequest(db, { repoId: 1, number: 7 }))?.hygiene).toEqual({ ticket: "failure", adr: "skipped", coverage: "pending" });
  });

  it("marks only merged, not yet deployed PRs by merge commit", async () => {
    await recordPullRequestEvent(db, snapshot({ number: 1, mergedAt: t("2024-06-02T00:00:00Z"), mergeCommitSha: "a" }));
    await recordPullRequestEvent(db, snapshot({ number: 2, mergedAt: t("2024-06-02T00:00:00Z"), mergeCommitSha: "b" }));
    await recordPullRequestEvent(db, snapshot({ number: 3, mergeCommitSha: "c" }));
    expect(await markPullRequestsDeployed(db, { repoId: 1, commitShas: ["a", "c", "zzz"], at: t("2024-06-03T00:00:00Z") })).toEqual([1]);
    expect(await markPullRequestsDeployed(db, { repoId: 1, commitShas: ["a", "b"], at: t("2024-06-04T00:00:00Z") })).toEqual([2]);
    expect((await getPullRequest(db, { repoId: 1, number: 1 }))?.deployedAt).toBe(t("2024-06-03T00:00:00Z"));
  });

  it("folds deployment statuses by time and finds the previous successful production deployment", async () => {
    const base = { repoId: 1, environment: "production", production: true, ref: "main" };
    await recordDeployment(db, { ...base, deploymentId: 10, sha: "s10", createdAt: t("2024-06-01T00:00:00Z") });
    await recordDeployment(db, { ...base, deploymentId: 11, sha: "s11", createdAt: t("2024-06-02T00:00:00Z") });
    await recordDeployment(db, { ...base, deploymentId: 11, sha: "other", createdAt: 0 });
    await recordDeploymentStatus(db, { deploymentId: 10, state: "success", at: t("2024-06-01T00:05:00Z") });
    await recordDeploymentStatus(db, { deploymentId: 11, state: "success", at: t("2024-06-02T00:05:00Z") });
    await recordDeploymentStatus(db, { deploymentId: 11, state: "in_progress", at: t("2024-06-02T00:01:00Z") });
    const d11 = await getDeployment(db, 11);
    expect(d11).toMatchObject({ sha: "s11", status: "success", succeededAt: t("2024-06-02T00:05:00Z") });
    expect((await previousSuccessfulDeployment(db, d11!))?.deploymentId).toBe(10);
    expect(await productionSince(db, [1, 2])).toEqual(new Map([[1, t("2024-06-01T00:00:00Z")]]));
    expect(await recordDeploymentStatus(db, { deploymentId: 99, state: "success", at: 1 })).toBeUndefined();
  });

  it("keeps the newest incident snapshot and finds repos by name in any case", async () => {
    const snapshot = { kind: "snapshot" as const, repoId: 1, number: 4, title: "Down", openedAt: t("2024-06-01T00:00:00Z"), labelled: true };
    await recordIncidentEvent(db, { ...snapshot, closedAt: t("2024-06-01T02:00:00Z"), asOf: t("2024-06-01T02:00:00Z") }, applyIncidentEvent);
    await recordIncidentEvent(db, { ...snapshot, closedAt: null, asOf: t("2024-06-01T00:00:00Z") }, applyIncidentEvent);
    expect(await listIncidents(db, { repoIds: [1], from: 0, to: t("2025-01-01T00:00:00Z") })).toEqual([
      { repoId: 1, number: 4, title: "Down", openedAt: t("2024-06-01T00:00:00Z"), closedAt: t("2024-06-01T02:00:00Z") },
    ]);
    await recordRepository(db, { repoId: 1, owner: "Acme", name: "Shop", at: 1 });
    await recordRepository(db, { repoId: 2, owner: "acme", name: "api", at: 1 });
    expect(await findRepositoryId(db, { owner: "acme", name: "SHOP" })).toBe(1);
    expect((await findOrganisationRepositoryIds(db, "ACME")).sort()).toEqual([1, 2]);
  });
});
