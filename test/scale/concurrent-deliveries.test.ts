import { describe, expect, it } from "vitest";
import { BENCH_SECRET } from "../../bench/apps.js";
import { DeliveryFactory, type Delivery, type PullRequestTarget } from "../../bench/deliveries.js";
import { Prng } from "../../bench/prng.js";
import { getPullRequest } from "../../src/store/pull-requests.js";
import { deliverAll, SCALE_DATABASE_URL, SKIP_REASON, waitForProcessed, useCluster } from "./cluster.js";

/** 50 deliveries for one PR at once, some of them twice, as GitHub sends them to 3 replicas. */
async function burstForOnePullRequest(factory: DeliveryFactory, prng: Prng, target: PullRequestTarget): Promise<{ all: Delivery[]; unique: Delivery[]; heads: string[] }> {
  const heads = [target.headSha, prng.hex(40), prng.hex(40)];
  const unique: Delivery[] = [await factory.pullRequest("opened", { ...target, headSha: heads[0] as string })];
  for (let i = 0; unique.length < 42; i++) {
    const headSha = heads[i % heads.length] as string;
    const kind = i % 6;
    if (kind === 0) unique.push(await factory.pullRequest("synchronize", { ...target, headSha }));
    else if (kind === 1) unique.push(await factory.pullRequest("labeled", { ...target, headSha }));
    else if (kind === 2) unique.push(await factory.pullRequest("edited", { ...target, headSha }));
    else if (kind === 3) unique.push(await factory.review({ ...target, headSha }, `reviewer-${i}`));
    else if (kind === 4) unique.push(await factory.pullRequest("unlabeled", { ...target, headSha }));
    else unique.push(await factory.pullRequest("synchronize", { ...target, headSha }));
  }
  const duplicates = Array.from({ length: 8 }, (_, i) => factory.duplicate(unique[(i * 5) % unique.length] as Delivery));
  const all = [...unique, ...duplicates];
  for (let i = all.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [all[i], all[j]] = [all[j] as Delivery, all[i] as Delivery];
  }
  return { all, unique, heads };
}

describe.skipIf(!SCALE_DATABASE_URL)(`3 processes on one PostgreSQL, 50 concurrent deliveries for one PR ${SCALE_DATABASE_URL ? "" : `(${SKIP_REASON})`}`, () => {
  const cluster = useCluster(3);

  it("processes every delivery once, with one check run per (SHA, name) and at most one comment per feature", async () => {
    const { github, processes, db } = cluster;
    const prng = new Prng(50);
    const factory = new DeliveryFactory(BENCH_SECRET, prng);
    const target: PullRequestTarget = { installation: 77, owner: "acme", repo: "ledger", repoId: 770_001, number: 12, headSha: prng.hex(40), labels: ["architecture"] };
    const { all, unique, heads } = await burstForOnePullRequest(factory, prng, target);
    expect(all).toHaveLength(50);

    await deliverAll(processes, all, { concurrency: 50 });
    const rows = await waitForProcessed(db, unique.map((delivery) => delivery.id), 90_000);

    const byId = new Map(rows.map((row) => [row.delivery_id, row]));
    const seen = unique.map((delivery) => [delivery.id, byId.get(delivery.id)?.status, byId.get(delivery.id)?.attempts, byId.get(delivery.id)?.last_error]);
    expect(seen).toEqual(unique.map((delivery) => [delivery.id, "done", 1, null]));
    expect(github.unhandled).toEqual([]);

    const perKey = github.checkRunsCreatedPerKey();
    for (const sha of heads) expect(perKey.get(`acme/ledger@${sha} shipshape/ticket`)).toBe(1);
    expect([...perKey.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    for (const key of perKey.keys()) expect(heads.some((sha) => key.includes(sha))).toBe(true);

    const perFeature = new Map<string, number>();
    for (const comment of github.comments) {
      const feature = /^<!-- shipshape:([\w-]+) -->/.exec(comment.body)?.[1] ?? "unmarked";
      const key = `${comment.owner}/${comment.repo}#${comment.issue_number} ${feature}`;
      perFeature.set(key, (perFeature.get(key) ?? 0) + 1);
    }
    expect([...perFeature.entries()].filter(([, count]) => count > 1)).toEqual([]);
    // The PR carries the `architecture` label and no ADR: exactly one comment asks for one.
    expect(perFeature.get("acme/ledger#12 adr")).toBe(1);

    const pr = await getPullRequest(db, { repoId: target.repoId, number: target.number });
    const opened = JSON.parse((unique[0] as Delivery).body) as { pull_request: { created_at: string } };
    expect(pr?.openedAt).toBe(Date.parse(opened.pull_request.created_at));
    const reviews = unique.filter((delivery) => delivery.event === "pull_request_review").map((delivery) => JSON.parse(delivery.body) as { review: { submitted_at: string } });
    expect(pr?.firstReviewAt).toBe(Math.min(...reviews.map((review) => Date.parse(review.review.submitted_at))));
  }, 150_000);
});
