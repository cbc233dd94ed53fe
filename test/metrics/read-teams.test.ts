import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GITHUB_TEAMS_EVERY_MS, readTeams } from "../../src/recording/read-teams.js";
import type { Db } from "../../src/store/db.js";
import { listTeams, teamsSyncedAt } from "../../src/store/teams.js";
import { FakeGitHub } from "../helpers/fake-github.js";
import { stores } from "../helpers/stores.js";

const octokit = () => new ProbotOctokit({ auth: { token: "test" }, retry: { enabled: false }, throttle: { enabled: false } });
const config = (github: boolean, members: string) => `metrics:\n  teams:\n    github: ${github}\n    members:\n${members}`;

describe.each(stores)("readTeams on $name: the organisation's config and GitHub's teams (ADR 0064)", (store) => {
  let db: Db;
  let github: FakeGitHub;
  beforeEach(async () => {
    db = await store.open();
    github = new FakeGitHub().install();
    github.route("GET", /^\/orgs\/acme\/teams$/, () => [200, [{ id: 1, slug: "mobile" }]]);
    github.route("GET", /^\/orgs\/acme\/teams\/mobile\/members$/, () => [200, [{ login: "bob" }]]);
  });
  afterEach(async () => {
    nock.cleanAll();
    await db.close();
  });
  const read = (at: number, organisation = true) => readTeams({ db, at, octokit: octokit(), owner: "acme", organisation });
  const teamsRead = () => github.requests.filter((r) => r.path.startsWith("/orgs/")).length;

  it("reads GitHub again only after 6 hours, follows config changes, and forgets GitHub's teams when switched off", async () => {
    github.hasConfig("acme", ".github", config(true, "      platform: [alice]\n"));
    await read(1_000);
    expect((await listTeams(db, "acme")).map((t) => [t.name, t.logins])).toEqual([["mobile", ["bob"]], ["platform", ["alice"]]]);
    expect(teamsRead()).toBe(2);
    await read(1_000 + GITHUB_TEAMS_EVERY_MS - 1);
    expect(teamsRead()).toBe(2);
    await read(1_000 + GITHUB_TEAMS_EVERY_MS);
    expect(teamsRead()).toBe(4);

    // The config renames mobile's members: the config wins for that name.
    github.hasConfig("acme", ".github", config(true, "      platform: [alice]\n      mobile: [dana]\n"));
    await read(2 * GITHUB_TEAMS_EVERY_MS);
    expect((await listTeams(db, "acme")).map((t) => [t.name, t.logins])).toEqual([["mobile", ["dana"]], ["platform", ["alice"]]]);

    github.hasConfig("acme", ".github", config(false, "      platform: [alice]\n"));
    await read(2 * GITHUB_TEAMS_EVERY_MS + 1);
    expect((await listTeams(db, "acme")).map((t) => [t.name, t.logins])).toEqual([["platform", ["alice"]]]);
    expect(await teamsSyncedAt(db, { owner: "acme", source: "github" })).toBeUndefined();
    // The last two reads were within 6 hours of the one before, and then switched off: GitHub was not asked.
    expect(teamsRead()).toBe(4);
    expect(github.unhandled).toEqual([]);
  });

  it("a broken organisation config changes nothing; a user's account has no GitHub teams to read", async () => {
    github.hasConfig("acme", ".github", config(true, "      platform: [alice]\n"));
    await read(1_000, false);
    expect((await listTeams(db, "acme")).map((t) => t.name)).toEqual(["platform"]);
    github.hasConfig("acme", ".github", "metrics:\n  teams:\n    nonsense: 1\n");
    await read(2_000);
    expect((await listTeams(db, "acme")).map((t) => t.name)).toEqual(["platform"]);
    expect(teamsRead()).toBe(0);
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array.from({ length: 2 }, () => "GET /repos/acme/.github/contents/.github%2Fshipshape.yml"));
  });
});
