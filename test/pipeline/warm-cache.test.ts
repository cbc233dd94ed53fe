import { describe, expect, it } from "vitest";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";

interface PrPayload {
  action: string;
  pull_request: { number: number; title: string; body: string | null; head: { sha: string; ref: string }; labels: Array<{ name: string }> };
}

describe("events that do not move the head reuse the PR's commits and files", () => {
  const { app, github } = useTestApp();

  it("reads commits once for a synchronize and the labels that follow, and again after a new push", async () => {
    const sync = example<PrPayload>("pull_request", "synchronize");
    Object.assign(sync.pull_request, { title: "Tidy up", body: "", head: { ...sync.pull_request.head, ref: "tidy" } });
    github.hasPullRequestFiles(sync.pull_request.number, [{ filename: "src/a.ts" }]).hasCommits(sync.pull_request.number, [{ message: "Tidy (ENG-9)" }]);
    await app.probot.receive({ id: "1", name: "pull_request", payload: sync } as never);

    const labeled = structuredClone(sync);
    labeled.action = "labeled";
    labeled.pull_request.labels = [{ name: "tidy" }];
    await app.probot.receive({ id: "2", name: "pull_request", payload: labeled } as never);
    await app.probot.receive({ id: "3", name: "pull_request", payload: { ...labeled, action: "unlabeled" } } as never);

    const reads = () => github.requests.filter((r) => r.method === "GET").map((r) => r.path.split("/").slice(-1)[0]);
    expect(reads().filter((p) => p === "commits")).toHaveLength(1);
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("success");
    expect(github.writes()).toHaveLength(2); // ticket and ADR check runs, created once

    const pushed = structuredClone(sync);
    pushed.pull_request.head.sha = "f".repeat(40);
    await app.probot.receive({ id: "4", name: "pull_request", payload: pushed } as never);
    expect(reads().filter((p) => p === "commits")).toHaveLength(2);
    expect(github.unhandled).toEqual([]);
  });
});
