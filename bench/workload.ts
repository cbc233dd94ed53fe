import type { Db } from "../src/store/db.js";
import { getDelivery, inboxCounts } from "../src/store/deliveries.js";
import { DeliveryFactory, type Delivery, type PullRequestAction, type PullRequestTarget } from "./deliveries.js";
import { Prng } from "./prng.js";

/** `count` pull requests spread over `installations` installations, one repository each. */
export function pullRequestTargets(prng: Prng, params: { installations: number; count: number; firstInstallation?: number }): PullRequestTarget[] {
  const first = params.firstInstallation ?? 100;
  return Array.from({ length: params.count }, (_, i) => {
    const installation = first + (i % params.installations);
    return {
      installation,
      owner: `org-${installation}`,
      repo: "service",
      repoId: 900_000 + installation,
      number: 1 + Math.floor(i / params.installations),
      headSha: prng.hex(40),
    };
  });
}

/**
 * Signed deliveries for one PR in each of `installations` installations, the same for every
 * figure that uses the seed: a warm-up that opens every PR (tokens and config cached), then
 * `count` mixed events sent to the installations in turn (ADR 0060).
 */
export async function warmedMix(params: { seed: number; secret: string; installations: number; count: number }): Promise<{ warmUp: Delivery[]; mixed: Delivery[] }> {
  const prng = new Prng(params.seed);
  const factory = new DeliveryFactory(params.secret, prng);
  const targets = pullRequestTargets(prng, { installations: params.installations, count: params.installations });
  const warmUp: Delivery[] = [];
  for (const target of targets) warmUp.push(await factory.pullRequest("opened", target));
  return { warmUp, mixed: await mixedDeliveries(factory, prng, targets, params.count, { roundRobin: true }) };
}

const MIX: Array<[PullRequestAction | "review", number]> = [
  ["synchronize", 40],
  ["labeled", 15],
  ["unlabeled", 5],
  ["edited", 10],
  ["opened", 10],
  ["ready_for_review", 5],
  ["review", 15],
];

/**
 * A realistic mix of pull-request deliveries (mostly pushes, then labels, reviews and edits).
 * `roundRobin` takes the targets in turn instead of at random.
 */
export async function mixedDeliveries(factory: DeliveryFactory, prng: Prng, targets: readonly PullRequestTarget[], count: number, options: { roundRobin?: boolean } = {}): Promise<Delivery[]> {
  const total = MIX.reduce((sum, [, weight]) => sum + weight, 0);
  const out: Delivery[] = [];
  for (let i = 0; i < count; i++) {
    const target = options.roundRobin ? (targets[i % targets.length] as PullRequestTarget) : prng.pick(targets);
    let roll = prng.next() * total;
    let action: PullRequestAction | "review" = "synchronize";
    for (const [candidate, weight] of MIX) {
      roll -= weight;
      if (roll < 0) {
        action = candidate;
        break;
      }
    }
    if (action === "synchronize") target.headSha = prng.hex(40);
    out.push(action === "review" ? await factory.review(target) : await factory.pullRequest(action, target));
  }
  return out;
}

/** Waits until the inbox has nothing pending or processing (or `timeoutMs` passed); false on timeout. */
export async function waitForInboxEmpty(db: Db, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counts = await inboxCounts(db);
    if (counts.pending === 0 && counts.processing === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/** Waits until one delivery is finished (done or dead): its status and when it finished (epoch ms). */
export async function waitForDelivery(db: Db, deliveryId: string, timeoutMs = 30_000): Promise<{ status: string; finishedAt: number }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = await getDelivery(db, deliveryId);
    if (row && (row.status === "done" || row.status === "dead") && row.finished_at !== null) {
      return { status: row.status, finishedAt: row.finished_at };
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`delivery ${deliveryId} was not processed within ${timeoutMs} ms`);
}
