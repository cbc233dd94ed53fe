import { describe, expect, it } from "vitest";
import { readDigestSettings, redact } from "../../src/digest/digest-settings.js";

describe("readDigestSettings", () => {
  it("reads owner and owner/repo targets, format from prefix or host, and the schedule", () => {
    const { settings, problems } = readDigestSettings({
      SHIPSHAPE_DIGEST_WEBHOOKS: "acme=https://hooks.slack.com/services/T0/B0/xyz; acme/api=https://acme.webhook.office.com/webhookb2/abc\nacme/web=slack:http://127.0.0.1:9000/hook",
      SHIPSHAPE_DIGEST_SCHEDULE: "Friday 16:30",
    });
    expect(problems).toEqual([]);
    expect(settings.schedule).toEqual({ weekday: 5, hour: 16, minute: 30 });
    expect(settings.targets.map((t) => [t.scope, t.format, t.url])).toEqual([
      [{ owner: "acme" }, "slack", "https://hooks.slack.com/services/T0/B0/xyz"],
      [{ owner: "acme", repo: "api" }, "teams", "https://acme.webhook.office.com/webhookb2/abc"],
      [{ owner: "acme", repo: "web" }, "slack", "http://127.0.0.1:9000/hook"],
    ]);
    expect(settings.targets[0]?.key).toMatch(/^acme slack:[0-9a-f]{12}$/);
    expect(settings.targets.map((t) => t.key).join(" ")).not.toContain("xyz");
  });

  it("defaults to Monday 09:00 UTC and no targets", () => {
    expect(readDigestSettings({})).toEqual({ settings: { targets: [], schedule: { weekday: 1, hour: 9, minute: 0 } }, problems: [] });
  });

  it.each([
    ["SHIPSHAPE_DIGEST_WEBHOOKS", "acme https://hooks.slack.com/services/secret", `SHIPSHAPE_DIGEST_WEBHOOKS: "acme https://hooks.slack.com/…" is not owner[/repo]=URL`],
    ["SHIPSHAPE_DIGEST_WEBHOOKS", "a/b/c=https://x.example", `SHIPSHAPE_DIGEST_WEBHOOKS: "a/b/c" is not an owner or owner/repo`],
    ["SHIPSHAPE_DIGEST_WEBHOOKS", "acme=not a url", "SHIPSHAPE_DIGEST_WEBHOOKS: the webhook of acme is not a URL"],
    ["SHIPSHAPE_DIGEST_WEBHOOKS", "acme=ftp://x.example/h", "SHIPSHAPE_DIGEST_WEBHOOKS: the webhook of acme must be an http(s) URL"],
    ["SHIPSHAPE_DIGEST_SCHEDULE", "monday 25:00", `SHIPSHAPE_DIGEST_SCHEDULE: "monday 25:00" is not a weekday and UTC time like "mon 09:00"; using mon 09:00`],
    ["SHIPSHAPE_DIGEST_SCHEDULE", "weekly", `SHIPSHAPE_DIGEST_SCHEDULE: "weekly" is not a weekday and UTC time like "mon 09:00"; using mon 09:00`],
  ])("%s=%s is reported, never thrown", (name, value, problem) => {
    expect(readDigestSettings({ [name]: value }).problems).toEqual([problem]);
  });

  it("never lets a webhook URL's secret path into a message", () => {
    expect(redact("connect ECONNREFUSED https://hooks.slack.com/services/T0/B0/xyz")).toBe("connect ECONNREFUSED https://hooks.slack.com/…");
  });
});
