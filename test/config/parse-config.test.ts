import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/config/config-check-result.js";
import { parseConfigText, validateConfigObject } from "../../src/config/parse-config.js";

const cases: Array<{ name: string; yaml: string; expected: string[] }> = [
  {
    name: "broken YAML: the line of the syntax error",
    yaml: "tickets:\n  mode: required\n  sources: [title, branch\nadr:\n  enabled: true\n",
    expected: [".github/shipshape.yml:4:"],
  },
  {
    name: "an unknown key, at its own line",
    yaml: "tickets:\n  mode: required\n  colour: blue\n",
    expected: ['.github/shipshape.yml:3:3: tickets.colour: unknown key "colour" in tickets: remove it, or use one of enabled, mode, sources, providers, verify, exempt'],
  },
  {
    name: "an unknown top-level section",
    yaml: "tickets: {}\nreviews:\n  min: 2\n",
    expected: ['.github/shipshape.yml:2:1: reviews: unknown key "reviews": remove it, or use one of _extends, tickets, adr, coverage, metrics'],
  },
  {
    name: "a wrong type",
    yaml: "coverage:\n  patch:\n    target: eighty\n",
    expected: ['.github/shipshape.yml:3:5: coverage.patch.target: expected a number from 0 to 100, or "auto", got "eighty"'],
  },
  {
    name: "an out-of-range number",
    yaml: "coverage:\n  patch:\n    target: 180\n",
    expected: [".github/shipshape.yml:3:5: coverage.patch.target: expected at most 100, got 180"],
  },
  {
    name: "a wrong enum value",
    yaml: "adr:\n  mode: sometimes\n",
    expected: ['.github/shipshape.yml:2:3: adr.mode: expected "required" or "advisory", got "sometimes"'],
  },
  {
    name: "a pattern RE2 cannot compile (lookahead), at the provider's line",
    yaml: "tickets:\n  providers:\n    - github\n    - pattern: '(?=SC)-[0-9]+'\n",
    expected: [".github/shipshape.yml:4:7: tickets.providers[1].pattern: not a valid RE2 pattern"],
  },
  {
    name: "an unknown provider",
    yaml: "tickets:\n  providers: [github, trello]\n",
    expected: ['.github/shipshape.yml:2:23: tickets.providers[1]: expected a provider: github, jira, linear, asana, azure-boards, shortcut, { jira: { keys: [...] } }, { linear: { teams: [...] } } or { pattern: "..." }, got "trello"'],
  },
  {
    name: "several problems, each reported",
    yaml: "tickets:\n  enabled: yes please\nadr:\n  comment: 3\n",
    expected: ['.github/shipshape.yml:2:3: tickets.enabled: expected true or false, got "yes please"', ".github/shipshape.yml:4:3: adr.comment: expected true or false, got 3"],
  },
];

describe("parseConfigText", () => {
  it.each(cases)("$name", ({ yaml, expected }) => {
    const result = parseConfigText(yaml);
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.problems.map(formatProblem);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((prefix, i) => expect(lines[i]).toContain(prefix));
  });

  it("fills every default from an empty file", () => {
    const result = parseConfigText("");
    expect(result.ok && result.config.tickets.providers).toEqual(["github", "jira"]);
    expect(result.ok && result.config.coverage.project.max_drop).toBe(0.5);
    expect(result.ok && result.config.adr.directory).toBe("docs/adr");
  });

  it("accepts every documented provider form and Probot's _extends", () => {
    const result = parseConfigText(
      "_extends: .github\ntickets:\n  providers:\n    - github\n    - jira: { keys: [ENG, OPS] }\n    - linear: { teams: [ENG] }\n    - asana\n    - azure-boards\n    - shortcut\n    - pattern: 'SC-[0-9]+'\n",
    );
    expect(result.ok).toBe(true);
  });

  it("refuses YAML alias bombs instead of expanding them", () => {
    const bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
    const result = parseConfigText(bomb);
    expect(result.ok).toBe(false);
  });

  it("says what a non-mapping file should be", () => {
    expect(validateConfigObject(["tickets"])).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining("expected a mapping") }] });
  });
});
