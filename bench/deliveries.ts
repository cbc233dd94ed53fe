import examples from "@octokit/webhooks-examples";
import { sign } from "@octokit/webhooks-methods";
import type { Prng } from "./prng.js";

/** A webhook delivery as GitHub sends it: the exact body bytes and the signed headers. */
export interface Delivery {
  id: string;
  event: string;
  action: string;
  body: string;
  headers: Record<string, string>;
}

/** Where a generated delivery points: one pull request of one repository of one installation. */
export interface PullRequestTarget {
  installation: number;
  owner: string;
  repo: string;
  repoId: number;
  number: number;
  headSha: string;
  title?: string;
  labels?: string[];
}

export type PullRequestAction = "opened" | "synchronize" | "labeled" | "unlabeled" | "edited" | "reopened" | "ready_for_review";

interface ExampleGroup {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

function template(event: string, action: string): Record<string, unknown> {
  const group = (examples as unknown as ExampleGroup[]).find((candidate) => candidate.name === event);
  const found = group?.examples.find((candidate) => candidate.action === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event}.${action}`);
  return structuredClone(found);
}

/**
 * Builds realistic, signed deliveries from the real payloads of `@octokit/webhooks-examples`,
 * rewritten to point at a given installation, repository and pull request. Delivery ids come
 * from the seeded PRNG, so a run is reproducible.
 */
export class DeliveryFactory {
  constructor(
    private readonly secret: string,
    private readonly prng: Prng,
  ) {}

  async pullRequest(action: PullRequestAction, target: PullRequestTarget): Promise<Delivery> {
    // GitHub's examples have no `edited`: it is an `opened` payload plus `changes`.
    const payload = template("pull_request", action === "edited" ? "opened" : action);
    payload.action = action;
    payload.number = target.number;
    const pr = payload.pull_request as Record<string, unknown>;
    pr.number = target.number;
    pr.title = target.title ?? `ENG-${target.number} Improve the widget pipeline`;
    pr.body = `Part of ENG-${target.number}.\n\nThis change reworks the widget pipeline.`;
    pr.draft = false;
    pr.state = "open";
    pr.labels = (target.labels ?? []).map((name, i) => ({ id: 1000 + i, node_id: `L${i}`, url: "", name, color: "ededed", default: false, description: null }));
    (pr.head as Record<string, unknown>).sha = target.headSha;
    (pr.head as Record<string, unknown>).ref = `feature/eng-${target.number}-widgets`;
    this.#pointAt(payload, target);
    if (action === "synchronize") {
      payload.before = this.prng.hex(40);
      payload.after = target.headSha;
    }
    if (action === "edited") payload.changes = { title: { from: "WIP" } };
    if (action === "labeled" || action === "unlabeled") {
      payload.label = { id: 77, node_id: "L77", url: "", name: "unrelated-label", color: "ededed", default: false, description: null };
    }
    return this.#signed("pull_request", action, payload);
  }

  async review(target: PullRequestTarget, reviewer = "reviewer"): Promise<Delivery> {
    const payload = template("pull_request_review", "submitted");
    const pr = payload.pull_request as Record<string, unknown>;
    pr.number = target.number;
    (pr.head as Record<string, unknown>).sha = target.headSha;
    const review = payload.review as Record<string, unknown>;
    review.commit_id = target.headSha;
    review.state = "approved";
    (review.user as Record<string, unknown>).login = reviewer;
    this.#pointAt(payload, target);
    return this.#signed("pull_request_review", "submitted", payload);
  }

  /** Any other event, signed as GitHub sends it (`payload` already points where it should). */
  async other(event: string, payload: Record<string, unknown>): Promise<Delivery> {
    return this.#signed(event, String(payload.action ?? ""), payload);
  }

  /** A redelivery: the same body and `X-GitHub-Delivery`, as GitHub's "Redeliver" sends. */
  duplicate(delivery: Delivery): Delivery {
    return { ...delivery, headers: { ...delivery.headers } };
  }

  #pointAt(payload: Record<string, unknown>, target: PullRequestTarget): void {
    payload.installation = { id: target.installation, node_id: `I${target.installation}` };
    const repository = payload.repository as Record<string, unknown>;
    repository.id = target.repoId;
    repository.name = target.repo;
    repository.full_name = `${target.owner}/${target.repo}`;
    (repository.owner as Record<string, unknown>).login = target.owner;
    const pr = payload.pull_request as Record<string, unknown> | undefined;
    const base = pr?.base as Record<string, unknown> | undefined;
    if (base) base.repo = repository;
  }

  async #signed(event: string, action: string, payload: Record<string, unknown>): Promise<Delivery> {
    const body = JSON.stringify(payload);
    const id = this.prng.uuid();
    return {
      id,
      event,
      action,
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/bench",
        "x-github-event": event,
        "x-github-delivery": id,
        "x-github-hook-id": "1",
        "x-github-hook-installation-target-type": "integration",
        "x-github-hook-installation-target-id": "1",
        "x-hub-signature-256": await sign(this.secret, body),
      },
    };
  }
}
