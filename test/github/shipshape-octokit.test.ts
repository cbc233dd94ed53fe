import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { shipshapeOctokit } from "../../src/github/shipshape-octokit.js";
import { FakeGitHub } from "../helpers/fake-github.js";

const quietLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * One write from installation 1, then one from installation 2, both queued at once. Octokit's
 * write queue spaces writes one second apart: when do they reach GitHub, relative to the first?
 */
async function secondInstallationDelay(Octokit: typeof ProbotOctokit): Promise<number> {
  const github = new FakeGitHub().install();
  const arrivals: Record<string, number> = {};
  github.route("POST", /^\/repos\/([^/]+)\/r\/issues\/1\/comments$/, (_request, m) => {
    arrivals[m[1] ?? ""] = performance.now();
    return [201, { id: 1 }];
  });
  // Probot's auth(installationId) constructs installation Octokits with these options.
  const client = (installationId: number) =>
    new Octokit({ auth: { installationId, token: `t${installationId}` } as never, log: quietLog, retry: { enabled: false } } as never) as ProbotOctokit;
  await Promise.all([
    client(1).rest.issues.createComment({ owner: "one", repo: "r", issue_number: 1, body: "x" }),
    client(2).rest.issues.createComment({ owner: "two", repo: "r", issue_number: 1, body: "x" }),
  ]);
  return Math.abs((arrivals.two ?? 0) - (arrivals.one ?? 0));
}

describe("shipshapeOctokit", () => {
  it("paces writes per installation: a second installation does not wait for the first's slot", async () => {
    expect(await secondInstallationDelay(shipshapeOctokit())).toBeLessThan(500);
  });

  it("(baseline) stock Probot throttling makes every installation share one write slot per second", async () => {
    expect(await secondInstallationDelay(ProbotOctokit)).toBeGreaterThanOrEqual(900);
  });

  it("retries a secondary rate limit after retry-after, and counts each response", async () => {
    const github = new FakeGitHub().install();
    let calls = 0;
    github.route("POST", /^\/repos\/o\/r\/check-runs$/, () => {
      calls++;
      return calls === 1
        ? [403, { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." }, { "retry-after": "1" }]
        : [201, { id: 5 }];
    });
    const statuses: number[] = [];
    const Octokit = shipshapeOctokit({ onRequest: (status) => statuses.push(status) });
    const octokit = new Octokit({ auth: { token: "t" }, log: quietLog, retry: { enabled: false }, throttle: { retryAfterBaseValue: 10 } } as never) as ProbotOctokit;
    const response = await octokit.rest.checks.create({ owner: "o", repo: "r", name: "shipshape/ticket", head_sha: "a".repeat(40) });
    expect(response.data).toEqual({ id: 5 });
    expect(calls).toBe(2);
    expect(statuses).toEqual([201]); // the hook sees the final response of a retried request
  });
});
