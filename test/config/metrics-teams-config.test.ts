import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/config/config-check-result.js";
import { parseConfigText } from "../../src/config/parse-config.js";

const problems = (yaml: string) => {
  const result = parseConfigText(yaml);
  return result.ok ? [] : result.problems.map(formatProblem);
};

describe("metrics.teams and metrics.working_hours", () => {
  it("defaults: no teams, no GitHub teams, no working hours", () => {
    const result = parseConfigText("tickets:\n  enabled: true\n");
    expect(result.ok && result.config.metrics.teams).toEqual({ github: false, members: {}, repos: {} });
    expect(result.ok && result.config.metrics.working_hours).toBeUndefined();
  });

  it("reads teams by members and repos, and a working week with its defaults", () => {
    const result = parseConfigText(
      "metrics:\n  teams:\n    github: true\n    members:\n      platform: [alice, bob]\n    repos:\n      platform: [api]\n      web-team: [acme/web]\n  working_hours:\n    time_zone: Europe/Berlin\n",
    );
    expect(result.ok && result.config.metrics).toMatchObject({
      teams: { github: true, members: { platform: ["alice", "bob"] }, repos: { platform: ["api"], "web-team": ["acme/web"] } },
      working_hours: { time_zone: "Europe/Berlin", days: ["mon", "tue", "wed", "thu", "fri"], hours: "09:00-17:00" },
    });
  });

  it.each([
    ["an unknown time zone", "metrics:\n  working_hours:\n    time_zone: Mars/Olympus\n", 'metrics.working_hours.time_zone: an IANA time zone, e.g. "Europe/Berlin"'],
    ["hours backwards", "metrics:\n  working_hours:\n    time_zone: UTC\n    hours: 17:00-09:00\n", 'metrics.working_hours.hours: a range of local times "HH:MM-HH:MM"'],
    ["a day that is not one", "metrics:\n  working_hours:\n    time_zone: UTC\n    days: [monday]\n", 'metrics.working_hours.days[0]: expected "mon", "tue", "wed", "thu", "fri", "sat" or "sun", got "monday"'],
    ["a team name with a space", "metrics:\n  teams:\n    members:\n      my team: [alice]\n", 'metrics.teams.members.my team: "my team": a team name is letters, digits'],
    ["an unknown key under teams", "metrics:\n  teams:\n    leads: {}\n", 'unknown key "leads"'],
  ])("refuses %s with the key path", (_name, yaml, expected) => {
    expect(problems(yaml).join("\n")).toContain(expected);
  });
});
