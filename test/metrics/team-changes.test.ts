import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GITHUB_TEAMS_EVERY_MS, teamsNotRead } from "../../src/recording/read-teams.js";
import { listTeams, teamsSyncedAt } from "../../src/store/teams.js";
import { example } from "../helpers/examples.js";
import { stores } from "../helpers/stores.js";
import { createTestApp, useFakeGitHub, type TestApp } from "../helpers/test-app.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Payload = Record<string, any>;
// Issue 16 / ADR 0079: team changes are picked up when they happen, not on the next merge.
const INSTALLATION = { id: 4242, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
const ORG_CONFIG = "GET /repos/acme/.github/contents/.github%2Fshipshape.yml";
const teamsConfig = (github: boolean, members: string) => `metrics:\n  teams:\n    github: ${github}\n    members:\n${members}`;

/** A real push to acme/.github's default branch that changed `.github/shipshape.yml` (or `file`). */
function configPush(file = ".github/shipshape.yml"): Payload {
  const payload = example<Payload>("push");
  payload.ref = "refs/heads/master";
  Object.assign(payload.repository, { name: ".github", full_name: "acme/.github", default_branch: "master" });
  Object.assign(payload.repository.owner, { login: "acme", name: "acme", type: "Organization" });
  payload.commits = [{ ...(payload.commits[0] ?? {}), added: [], removed: [], modified: [file] }];
  payload.installation = INSTALLATION;
  return payload;
}

/** A real `membership` payload: `login` added to (or removed from) team `slug` of acme. */
function membership(action: "added" | "removed", slug: string, login: string, scope = "team"): Payload {
  const payload = example<Payload>("membership", action);
  payload.scope = scope;
  payload.organization = { ...payload.organization, login: "acme" };
  Object.assign(payload.team, { slug, name: slug, parent: null });
  Object.assign(payload.member, { login });
  payload.installation = INSTALLATION;
  return payload;
}

/** A real `team` payload for team `slug` of acme. */
function team(action: "created" | "deleted" | "edited", slug: string, changes?: Payload): Payload {
  const payload = example<Payload>("team", action);
  payload.organization = { ...payload.organization, login: "acme" };
  Object.assign(payload.team, { slug, name: slug, parent: null });
  if (changes) payload.changes = changes;
  payload.installation = INSTALLATION;
  return payload;
}

describe.each(stores)("team changes through webhooks on $name", (store) => {
  const github = useFakeGitHub();
  let app: TestApp;
  let id = 0;
  const members = new Map<string, string[]>();
  beforeEach(async () => {
    app = await createTestApp({ db: await store.open(), now: "2026-12-01T10:00:00Z" });
    members.clear();
    members.set("mobile", ["bob"]);
    members.set("web", ["erin"]);
    github.route("GET", /^\/orgs\/acme\/teams$/, () => [200, [...members.keys()].map((slug, i) => ({ id: i + 1, slug, name: slug }))]);
    github.route("GET", /^\/orgs\/acme\/teams\/([^/]+)\/members$/, (_request, m) => [200, (members.get(m[1] ?? "") ?? []).map((login) => ({ login, type: "User" }))]);
  });
  afterEach(() => app.close());

  const deliver = (name: string, payload: Payload) => app.probot.receive({ name, id: `d-${++id}`, payload } as any);
  const teams = async () => (await listTeams(app.db, "acme")).map((t) => [t.name, t.logins]);
  const seen = () => github.requests.splice(0).map((r) => `${r.method} ${r.path}`);

  it("a push to the organisation's .github repository changing the config re-reads metrics.teams at once; other pushes read nothing", async () => {
    github.hasConfig("acme", ".github", teamsConfig(false, "      platform: [alice]\n"));
    await deliver("push", configPush());
    expect(await teams()).toEqual([["platform", ["alice"]]]);
    expect(seen()).toEqual([ORG_CONFIG]);

    // The file changes: within the config cache's lifetime, the push alone makes the new teams count.
    github.hasConfig("acme", ".github", teamsConfig(false, "      platform: [alice, Bob]\n      api: [carol]\n"));
    await deliver("push", configPush());
    expect(await teams()).toEqual([["api", ["carol"]], ["platform", ["alice", "bob"]]]);
    expect(seen()).toEqual([ORG_CONFIG]);

    // A push that does not touch the config file reads nothing and changes nothing.
    github.hasConfig("acme", ".github", teamsConfig(false, "      platform: [dana]\n"));
    await deliver("push", configPush("README.md"));
    expect(await teams()).toEqual([["api", ["carol"]], ["platform", ["alice", "bob"]]]);
    expect(seen()).toEqual([]);
    expect(github.unhandled).toEqual([]);
  });

  it("membership and team webhooks change the one GitHub team they name, within the 6 hours between whole reads", async () => {
    github.hasConfig("acme", ".github", teamsConfig(true, "      platform: [alice]\n"));
    // Switching github on by a push reads every GitHub team once.
    await deliver("push", configPush());
    expect(await teams()).toEqual([["mobile", ["bob"]], ["platform", ["alice"]], ["web", ["erin"]]]);
    expect(seen()).toEqual([ORG_CONFIG, "GET /orgs/acme/teams", "GET /orgs/acme/teams/mobile/members", "GET /orgs/acme/teams/web/members"]);
    const wholeRead = await teamsSyncedAt(app.db, { owner: "acme", source: "github" });

    // dana joins mobile: one request for that team's members (the config is cached).
    members.set("mobile", ["bob", "dana"]);
    app.setNow("2026-12-01T10:00:30Z");
    await deliver("membership", membership("added", "mobile", "dana"));
    expect(await teams()).toEqual([["mobile", ["bob", "dana"]], ["platform", ["alice"]], ["web", ["erin"]]]);
    expect(seen()).toEqual(["GET /orgs/acme/teams/mobile/members"]);

    // bob leaves mobile; a membership of the organisation (not of a team) changes nothing and reads nothing.
    members.set("mobile", ["dana"]);
    await deliver("membership", membership("removed", "mobile", "bob"));
    await deliver("membership", membership("removed", "web", "erin", "organization"));
    expect(await teams()).toEqual([["mobile", ["dana"]], ["platform", ["alice"]], ["web", ["erin"]]]);
    expect(seen()).toEqual(["GET /orgs/acme/teams/mobile/members"]);

    // A new team is read; a deleted one is gone without a request.
    members.set("payments", ["frank"]);
    members.delete("web");
    await deliver("team", team("created", "payments"));
    await deliver("team", team("deleted", "web"));
    expect(await teams()).toEqual([["mobile", ["dana"]], ["payments", ["frank"]], ["platform", ["alice"]]]);
    expect(seen()).toEqual(["GET /orgs/acme/teams/payments/members"]);
    // One team's change does not move the 6-hourly whole read.
    expect(await teamsSyncedAt(app.db, { owner: "acme", source: "github" })).toBe(wholeRead);

    // A rename changes the slug the payload cannot tell the old one of: every team is read again, at
    // most once a minute (the whole read was 30 s ago, so this one waits; the config's cache ends too).
    members.delete("payments");
    members.set("billing", ["frank"]);
    await deliver("team", team("edited", "billing", { name: { from: "payments" } }));
    expect(seen()).toEqual([]);
    app.setNow("2026-12-01T10:01:30Z");
    await deliver("team", team("edited", "billing", { name: { from: "payments" } }));
    expect(await teams()).toEqual([["billing", ["frank"]], ["mobile", ["dana"]], ["platform", ["alice"]]]);
    expect(seen()).toEqual([ORG_CONFIG, "GET /orgs/acme/teams", "GET /orgs/acme/teams/mobile/members", "GET /orgs/acme/teams/billing/members"]);
    // An edit of the description only changes no team.
    await deliver("team", team("edited", "billing", { description: { from: "" } }));
    expect(seen()).toEqual([]);
    expect(github.unhandled).toEqual([]);
  });

  it("without metrics.teams.github a team webhook reads nothing but the (cached) config", async () => {
    github.hasConfig("acme", ".github", teamsConfig(false, "      platform: [alice]\n"));
    await deliver("membership", membership("added", "mobile", "dana"));
    await deliver("team", team("created", "payments"));
    expect(seen()).toEqual([ORG_CONFIG]);
    expect(await teams()).toEqual([]);
  });

  it("an installation that has not accepted Members: read: GitHub's 403 is logged, the delivery succeeds, figures use the config's teams", async () => {
    github.hasConfig("acme", ".github", teamsConfig(true, "      platform: [alice]\n"));
    github.route("GET", /^\/orgs\/acme\/teams$/, () => [403, { message: "Resource not accessible by integration" }]);
    await expect(deliver("push", configPush())).resolves.toBeUndefined();
    expect(await teams()).toEqual([["platform", ["alice"]]]);
    expect(seen()).toEqual([ORG_CONFIG, "GET /orgs/acme/teams"]);
    // The claim counts as the read: the next config push within 6 hours does not ask GitHub again.
    await deliver("push", configPush());
    expect(seen()).toEqual([ORG_CONFIG]);
    expect(teamsNotRead("acme", Object.assign(new Error("Forbidden"), { status: 403 }))).toBe(
      "Teams of acme were not updated (GitHub answered 403: grant the app the organisation's Members: read permission, or set metrics.teams.github: false): the last known teams stay until the next read.",
    );
    expect(GITHUB_TEAMS_EVERY_MS).toBe(6 * 3_600_000);
  });
});
