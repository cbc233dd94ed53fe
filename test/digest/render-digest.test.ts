import { describe, expect, it } from "vitest";
import { digestContent } from "../../src/digest/digest-lines.js";
import type { Digest } from "../../src/digest/gather-digest.js";
import { renderSlack } from "../../src/digest/render-slack.js";
import { renderTeams } from "../../src/digest/render-teams.js";
import { renderText } from "../../src/digest/render-text.js";
import { makeScopeFigures } from "../dashboard/dashboard-fixtures.js";
import { slackMessage, teamsMessage } from "./message-shapes.js";

const HOUR = 3_600_000;
const now = new Date("2024-06-03T09:00:00Z");

function makeDigest(overrides: Partial<Digest> = {}): Digest {
  const week = makeScopeFigures({ range: { from: new Date("2024-05-27T00:00:00Z"), to: new Date("2024-06-03T00:00:00Z") } });
  return {
    scope: { owner: "acme", repo: "api" },
    period: "2024-W22",
    week,
    previous: { week: "2024-04-29", count: 20, phases: { coding: 8 * HOUR, pickup: 4 * HOUR, review: 2 * HOUR, deploy: 1 * HOUR }, cycle: 20 * HOUR },
    ...overrides,
  };
}

describe("digest content", () => {
  it("compares the week with the four weeks before, and lists DORA, waiting PRs and hygiene misses", () => {
    const content = digestContent(makeDigest(), now);
    expect(content.title).toBe("Shipshape weekly: acme/api, 2024-W22");
    expect(content.headline).toBe("Median cycle time 15h over 11 merged PRs (▼ 25% vs 20h over the 4 weeks before).");
    expect(content.phases[0]).toEqual({ label: "Coding", value: "6h (▼ 25%) · before 8h" });
    expect(content.dora.map((d) => d.value)).toEqual(["1.5/day · elite", "20h · elite", "20% · high", "—", "—"]);
    expect(content.waiting).toEqual([{ label: "acme/api#42", url: "https://github.com/acme/api/pull/42", detail: "Add <retry> to payments by octocat, waiting 1d 23h" }]);
    expect(content.hygiene).toBe("Merged PRs that failed a check: ticket: 2 of 11 (acme/api#40, acme/api#38).");
  });

  it("names the PRs that missed a check, marking when there are more than it shows", () => {
    const digest = makeDigest();
    digest.week = { ...digest.week, hygiene: digest.week.hygiene.map((h) => (h.check === "ticket" ? { ...h, failed: 7 } : h)) };
    expect(digestContent(digest, now).hygiene).toBe("Merged PRs that failed a check: ticket: 7 of 16 (acme/api#40, acme/api#38, …).");
  });

  it("never shows a change between two figures that print the same (3d 22h vs 3d 22h)", () => {
    const MINUTE = 60_000;
    const digest = makeDigest();
    digest.week = { ...digest.week, total: { ...digest.week.total, cycle: 94 * HOUR + 10 * MINUTE } };
    digest.previous = { ...digest.previous, cycle: 94 * HOUR + 50 * MINUTE, phases: { ...digest.previous.phases, coding: 6 * HOUR + 20 * MINUTE / 60 } };
    const content = digestContent(digest, now);
    expect(content.headline).toBe("Median cycle time 3d 22h over 11 merged PRs (the same as over the 4 weeks before).");
    expect(content.phases[0]).toEqual({ label: "Coding", value: "6h (same) · before 6h" });
  });

  it("dates the week as people read them, not as ISO strings", () => {
    expect(digestContent(makeDigest(), now).footer).toMatch(/^Week of 27 May to 2 Jun \(UTC\)\./);
  });

  it("says plainly when nothing was merged", () => {
    const empty = makeDigest();
    empty.week = { ...empty.week, total: { ...empty.week.total, count: 0, cycle: null } };
    expect(digestContent(empty, now).headline).toBe("No pull requests merged in week 2024-W22.");
  });
});

describe("renderings", () => {
  const content = digestContent(makeDigest(), now);

  it("Slack: Block Kit blocks within Slack's limits, with escaped text", () => {
    const message = renderSlack(content);
    expect(() => slackMessage.parse(message)).not.toThrow();
    expect(JSON.stringify(message)).toContain("<https://github.com/acme/api/pull/42|acme/api#42> Add &lt;retry&gt; to payments");
    expect(message.text).toContain("Median cycle time 15h");
  });

  it("Teams: an Adaptive Card 1.4 in the message + attachments envelope", () => {
    const message = renderTeams(content);
    expect(teamsMessage.parse(message).attachments[0]?.content.version).toBe("1.4");
    expect(JSON.stringify(message)).toContain("[acme/api#42](https://github.com/acme/api/pull/42)");
  });

  it("the shape checks would catch a broken body", () => {
    expect(slackMessage.safeParse({ text: "x", blocks: [{ type: "section" }] }).success).toBe(false);
    expect(teamsMessage.safeParse({ type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: { type: "AdaptiveCard", body: [] } }] }).success).toBe(false);
  });

  it("text for the CLI", () => {
    expect(renderText(content).split("\n").slice(0, 8)).toEqual([
      "Shipshape weekly: acme/api, 2024-W22",
      "",
      "Median cycle time 15h over 11 merged PRs (▼ 25% vs 20h over the 4 weeks before).",
      "  Coding                           6h (▼ 25%) · before 8h",
      "  Pickup                           2h (▼ 50%) · before 4h",
      "  Review                           2h (same) · before 2h",
      "  Deploy                           1h (same) · before 1h",
      "",
    ]);
  });
});
