import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "../helpers/fake-github.js";
import { GITHUB_API } from "../helpers/server.js";
import { deliverDone, serverStores, type StartedServer } from "../helpers/server-stores.js";
import { CONFIG_READS, INSTALLATION, mergedPr } from "./org-deliveries.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
const WINDOW = "from=2026-11-01&to=2026-12-01";
const ORG_CONFIG = ["metrics:", "  teams:", "    github: true", "    members:", "      platform: [Alice]", "    repos:", "      web-team: [web]", ""].join("\n");

// Four merged PRs in two repositories; first commit -> opened is the coding time.
const PRS = [
  { repo: "api", number: 1, author: "alice", commit: "2026-11-02T08:00:00Z", opened: "2026-11-02T10:00:00Z", merged: "2026-11-02T20:00:00Z" },
  { repo: "api", number: 2, author: "bob", commit: "2026-11-03T06:00:00Z", opened: "2026-11-03T10:00:00Z", merged: "2026-11-03T12:00:00Z" },
  { repo: "web", number: 3, author: "erin", commit: "2026-11-04T09:00:00Z", opened: "2026-11-04T10:00:00Z", merged: "2026-11-04T18:00:00Z" },
  { repo: "web", number: 4, author: "alice", commit: "2026-11-05T02:00:00Z", opened: "2026-11-05T10:00:00Z", merged: "2026-11-06T10:00:00Z" },
] as const;
const H = 3600;

describe.each(serverStores)("teams from a webhook to the API, through the HTTP server on $name (issue 16)", (store) => {
  let server: StartedServer;
  let github: FakeGitHub;
  beforeEach(async () => {
    github = new FakeGitHub(GITHUB_API).install();
    github.hasConfig("acme", ".github", ORG_CONFIG);
    for (const pr of PRS) github.hasCommits(pr.number, [{ message: `change ${pr.number}`, date: pr.commit }]);
    github.route("GET", /^\/orgs\/acme\/teams$/, () => [200, [{ id: 1, slug: "platform", name: "Platform" }, { id: 2, slug: "mobile", name: "Mobile" }]]);
    // GitHub says carol is in platform; the config names platform, so the config's members count.
    github.route("GET", /^\/orgs\/acme\/teams\/platform\/members$/, () => [200, [{ login: "carol", type: "User" }]]);
    github.route("GET", /^\/orgs\/acme\/teams\/mobile\/members$/, () => [200, [{ login: "bob", type: "User" }]]);
    server = await store.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: "Bearer api-token" } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as any;
  };

  it("merges read metrics.teams and GitHub's teams once; group_by=team and /teams/{team}/... answer with those authors' figures", async () => {
    for (const pr of PRS) await deliverDone(server, { event: "pull_request", id: `merge-${pr.number}`, payload: mergedPr(pr) });

    const { teams } = await get("/api/v1/orgs/acme/teams");
    expect(teams).toEqual([
      { team: "mobile", members: 1, repositories: 0, logins: ["bob"] },
      { team: "platform", members: 1, repositories: 0, logins: ["alice"] },
      { team: "web-team", members: 0, repositories: 1, logins: [] },
    ]);

    const grouped = await get(`/api/v1/orgs/acme/cycle-time?${WINDOW}&bucket=month&group_by=team`);
    const coding = Object.fromEntries(grouped.rows.filter((r: any) => r.phase === "coding" && r.count > 0).map((r: any) => [r.group, [r.count, r.median_seconds]]));
    // #3: 9 h, #4: 32 h of cycle below. platform: alice's #1 (2 h) and #4 (8 h); mobile: bob's #2 (4 h); web-team: every PR of web, #3 (1 h) and #4.
    expect(coding).toEqual({ platform: [2, 5 * H], mobile: [1, 4 * H], "web-team": [2, 4.5 * H] });

    const platformPulls = await get(`/api/v1/orgs/acme/teams/platform/pulls?${WINDOW}`);
    expect(platformPulls.pulls.map((p: any) => [p.repo, p.number, p.author, p.coding_seconds, p.cycle_seconds])).toEqual([
      ["acme/api", 1, "alice", 2 * H, 12 * H],
      ["acme/web", 4, "alice", 8 * H, 32 * H],
    ]);
    const webCycle = await get(`/api/v1/orgs/acme/teams/web-team/cycle-time?${WINDOW}&bucket=month`);
    expect(webCycle.rows.find((r: any) => r.phase === "cycle")).toMatchObject({ count: 2, median_seconds: 20.5 * H });
    const mobileRework = await get(`/api/v1/orgs/acme/teams/mobile/rework?${WINDOW}`);
    expect(mobileRework).toMatchObject({ merged: 1, merged_without_review: 1 });

    // Every request: the installation token, each PR's commits (first commit time), each repository's
    // config (its own file, then the organisation's) and the organisation's file for the teams, and
    // the GitHub teams read once for the four merges.
    const seen = github.requests.map((r) => `${r.method} ${r.path}`).sort();
    expect(seen).toEqual([
      `POST /app/installations/${INSTALLATION.id}/access_tokens`,
      "GET /orgs/acme/teams",
      "GET /orgs/acme/teams/mobile/members",
      "GET /orgs/acme/teams/platform/members",
      ...CONFIG_READS,
      "GET /repos/acme/api/pulls/1/commits",
      "GET /repos/acme/api/pulls/2/commits",
      "GET /repos/acme/web/pulls/3/commits",
      "GET /repos/acme/web/pulls/4/commits",
    ].sort());
    expect(github.unhandled).toEqual([]);
  });

  it("GitHub refusing its teams (403, no Members permission) keeps the config's teams and still records the PR; the next merge within 6 h does not ask again", async () => {
    github.route("GET", /^\/orgs\/acme\/teams$/, () => [403, { message: "Resource not accessible by integration" }]);
    await deliverDone(server, { event: "pull_request", id: "merge-1", payload: mergedPr(PRS[0]) });
    await deliverDone(server, { event: "pull_request", id: "merge-2", payload: mergedPr(PRS[1]) });
    const { teams } = await get("/api/v1/orgs/acme/teams");
    expect(teams.map((t: any) => [t.team, t.logins])).toEqual([["platform", ["alice"]], ["web-team", []]]);
    expect((await get(`/api/v1/orgs/acme/teams/platform/pulls?${WINDOW}`)).pulls.map((p: any) => p.number)).toEqual([1]);
    expect(github.requests.filter((r) => r.path.startsWith("/orgs/")).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /orgs/acme/teams"]);
    expect(github.unhandled).toEqual([]);
  });
});
