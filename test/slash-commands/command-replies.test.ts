import { beforeEach, describe, expect, it } from "vitest";
import { example } from "../helpers/examples.js";
import type { FakeGitHub } from "../helpers/fake-github.js";
import { useTwinTestApps, type TestApp } from "../helpers/test-app.js";
import { twinStores } from "../helpers/twin-stores.js";
import { OWNER, PR_NUMBER, REPO } from "../ticket/fixtures.js";

const NOW = "2024-06-03T10:00:00.000Z";
const COMMENTS_PATH = `/repos/${OWNER}/${REPO}/issues/${PR_NUMBER}/comments`;
const REFUSAL = "@reader only people with write access to Codertocat/Hello-World can skip a check. Ask a maintainer to comment `/shipshape skip ticket <reason>` if it should not apply here.";

/** A real `issue_comment.created` payload on PR #2, with its own comment id. */
function commentEvent(body: string, login: string, commentId: number) {
  const payload = example<{ issue: { number: number; pull_request?: unknown }; comment: { id: number; body: string; user: { login: string; type: string }; created_at: string } }>("issue_comment", "created");
  payload.issue.number = PR_NUMBER;
  payload.issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`, html_url: "", diff_url: "", patch_url: "", merged_at: null };
  payload.comment.id = commentId;
  payload.comment.body = body;
  payload.comment.user = { ...payload.comment.user, login, type: "User" };
  payload.comment.created_at = "2024-06-03T09:59:00Z";
  return payload;
}

const postedReplies = (github: FakeGitHub) => github.writes().filter((request) => request.method === "POST" && request.path === COMMENTS_PATH).map((request) => (request.body as { body: string }).body);

describe.each(twinStores)("replies to /shipshape comments ($name)", (stores) => {
  const { first, second, github } = useTwinTestApps(stores, { now: NOW });
  let delivery = 0;
  const receive = (app: TestApp, payload: unknown) => app.probot.receive({ id: `d-${++delivery}`, name: "issue_comment", payload } as never);

  beforeEach(() => {
    github.hasPermission("reader", "read").hasPermission("maintainer", "write");
  });

  it("thirty refused skips by a reader get one reply in the hour, and one more the next hour", async () => {
    for (let i = 0; i < 30; i++) await receive(i % 2 ? first : second, commentEvent(`/shipshape skip ticket please ${i}`, "reader", 1000 + i));
    expect(postedReplies(github)).toEqual([REFUSAL]);
    first.setNow("2024-06-03T11:00:00.000Z");
    second.setNow("2024-06-03T11:00:00.000Z");
    await receive(first, commentEvent("/shipshape skip ticket again", "reader", 2000));
    await receive(second, commentEvent("/shipshape skip ticket again", "reader", 2001));
    expect(postedReplies(github)).toEqual([REFUSAL, REFUSAL]);
  });

  it("one comment replayed under new delivery ids, to either process, is answered once", async () => {
    const comment = commentEvent("/shipshape nonsense", "maintainer", 3000);
    await Promise.all([receive(first, comment), receive(second, comment), receive(first, comment), receive(second, comment), receive(first, comment)]);
    expect(postedReplies(github)).toEqual(["@maintainer `nonsense` is not a Shipshape command; use `/shipshape skip ticket|adr|coverage <reason>`, `/shipshape unskip ticket|adr|coverage` or `/shipshape refresh`."]);
  });

  it("echoes a command's words as code: `@acme/admins` between backticks pings nobody", async () => {
    await receive(first, commentEvent("/shipshape a`@acme/admins`b", "maintainer", 4000));
    expect(postedReplies(github)).toEqual(["@maintainer ``a`@acme/admins`b`` is not a Shipshape command; use `/shipshape skip ticket|adr|coverage <reason>`, `/shipshape unskip ticket|adr|coverage` or `/shipshape refresh`."]);
  });

  it("a reply GitHub refused is posted when the delivery is retried", async () => {
    let failures = 1;
    github.route("POST", /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/, () => (failures-- > 0 ? [502, { message: "bad gateway" }] : [201, { id: 1 }]));
    const comment = commentEvent("/shipshape skip ticket please", "reader", 5000);
    await expect(receive(first, comment)).rejects.toThrow();
    await receive(first, comment);
    await receive(first, comment);
    expect(github.writes().filter((request) => request.path === COMMENTS_PATH).length).toBe(2);
  });
});
