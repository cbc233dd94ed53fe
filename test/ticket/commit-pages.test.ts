import { describe, expect, it } from "vitest";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";

interface PrPayload {
  pull_request: { number: number; title: string; body: string | null; head: { ref: string } };
}

describe("commit messages are read a page at a time", () => {
  const { app, github } = useTestApp();

  it.each([
    ["in the first page: one request", 5, ["1"], "success"],
    ["in a later page: the remaining pages after the first", 180, ["1", "2", "3"], "success"],
    ["nowhere: every page up to GitHub's 250", null, ["1", "2", "3"], "failure"],
  ])("a reference %s", async (_name, ticketAt, pages, conclusion) => {
    const payload = example<PrPayload>("pull_request", "opened");
    Object.assign(payload.pull_request, { title: "Refactor", body: "", head: { ...payload.pull_request.head, ref: "refactor" } });
    const commits = Array.from({ length: 250 }, (_, i) => ({ message: i === ticketAt ? "Part of ENG-77" : `step ${i}` }));
    github.hasPullRequestFiles(payload.pull_request.number, []).hasCommits(payload.pull_request.number, commits);
    await app.probot.receive({ id: "1", name: "pull_request", payload } as never);
    const commitReads = github.requests.filter((r) => r.path.endsWith("/commits"));
    expect(commitReads.map((r) => r.query.page ?? "1")).toEqual(pages);
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe(conclusion);
  });
});
