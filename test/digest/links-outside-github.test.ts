import { describe, expect, it } from "vitest";
import { digestContent } from "../../src/digest/digest-lines.js";
import { gatherDigest } from "../../src/digest/gather-digest.js";
import { storeFiguresSource } from "../../src/reporting/load-figures.js";
import { useTestApp } from "../helpers/test-app.js";
import { CHECK_RUNS_PATH, pullRequestEvent, ticketCheckWrites } from "../ticket/fixtures.js";

/**
 * Links outside github.com (ADR 0074): the real `pull_request.opened` payload moved to a GitHub
 * Enterprise Server host (every `html_url` on ghe.acme.corp, as GHES sends them), through the
 * real app. The check text links the dashboard at SHIPSHAPE_PUBLIC_URL, and the digest's PR links
 * use the payload's host.
 */
const NOW = "2019-05-16T10:00:00.000Z";
const GHE = "https://ghe.acme.corp";
const PUBLIC_URL = "https://shipshape.acme.corp";

function gheEvent(titled: string) {
  const payload = pullRequestEvent("opened", { title: titled }) as ReturnType<typeof pullRequestEvent> & { repository: { html_url: string }; pull_request: { html_url: string } };
  payload.repository.html_url = payload.repository.html_url.replace("https://github.com", GHE);
  payload.pull_request.html_url = payload.pull_request.html_url.replace("https://github.com", GHE);
  return payload;
}

describe("links on GitHub Enterprise Server, with SHIPSHAPE_PUBLIC_URL", () => {
  const { app, github } = useTestApp({ now: NOW, deps: { settings: { apiToken: "t", backfillDays: 90, dataDir: ":memory:", githubHost: "ghe.acme.corp", publicUrl: PUBLIC_URL } } });

  it("the check summary ends with an absolute link to the repo's dashboard", async () => {
    github.hasCommits(2, [{ message: "Fix the retry" }]);
    await app.probot.receive({ id: "1", name: "pull_request", payload: gheEvent("Fix the retry #1") } as never);
    const [write] = ticketCheckWrites(github);
    expect(write?.method).toBe("POST");
    expect(write?.path).toBe(CHECK_RUNS_PATH);
    const summary = (write?.body as { output: { summary: string } }).output.summary;
    expect(summary.split("\n").at(-1)).toBe(`[Cycle time and DORA for Codertocat/Hello-World](${PUBLIC_URL}/dashboard/Codertocat/Hello-World)`);
  });

  it("the digest links the waiting PR on the payload's host and the dashboard at the public URL", async () => {
    github.hasCommits(2, [{ message: "Fix the retry" }]);
    await app.probot.receive({ id: "2", name: "pull_request", payload: gheEvent("Fix the retry #1") } as never);
    const now = new Date(NOW);
    const digest = await gatherDigest({ source: storeFiguresSource(app.db), scope: { owner: "Codertocat", repo: "Hello-World" }, now });
    const content = digestContent(digest, now, { githubWebUrl: GHE, publicUrl: PUBLIC_URL });
    expect(content.waiting.map((w) => w.url)).toEqual([`${GHE}/Codertocat/Hello-World/pull/2`]);
    expect(content.footer).toMatch(new RegExp(`Definitions and charts: ${PUBLIC_URL}/dashboard/Codertocat/Hello-World$`));
  });
});

describe("without SHIPSHAPE_PUBLIC_URL", () => {
  const { app, github } = useTestApp({ now: NOW });

  it("adds no dashboard link to the check, and the digest falls back to the configured host", async () => {
    github.hasCommits(2, [{ message: "Fix the retry" }]);
    await app.probot.receive({ id: "3", name: "pull_request", payload: pullRequestEvent("opened", { title: "Fix the retry #1" }) } as never);
    const summary = (ticketCheckWrites(github)[0]?.body as { output: { summary: string } }).output.summary;
    expect(summary).not.toContain("/dashboard/");
    const now = new Date(NOW);
    const digest = await gatherDigest({ source: storeFiguresSource(app.db), scope: { owner: "Codertocat", repo: "Hello-World" }, now });
    // A repo known only from a backfill has no stored address: the host builds the link.
    const unknownAddress = { ...digest, week: { ...digest.week, waiting: digest.week.waiting.map((w) => ({ ...w, url: null })) } };
    expect(digestContent(unknownAddress, now, { githubWebUrl: "http://ghe.acme.corp" }).waiting.map((w) => w.url)).toEqual(["http://ghe.acme.corp/Codertocat/Hello-World/pull/2"]);
    expect(digestContent(digest, now).waiting.map((w) => w.url)).toEqual(["https://github.com/Codertocat/Hello-World/pull/2"]);
  });
});
