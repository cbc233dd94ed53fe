import { describe, expect, it } from "vitest";
import { configCheckResult, formatProblem } from "../../src/config/config-check-result.js";
import { parseConfigText } from "../../src/config/parse-config.js";

/** The lines a person reads for a broken file, in the order they are listed. */
function lines(yaml: string): string[] {
  const result = parseConfigText(yaml);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe("config problems read as a person would fix them", () => {
  it("lists problems in line order, whatever order the schema checks them in", () => {
    const yaml = ["metrics:", "  production_environments: prod", "coverage:", "  patch:", "    target: 180", "adr:", "  mode: sometimes", "tickets:", "  enabled: yes please", ""].join("\n");
    expect(lines(yaml)).toEqual([
      '.github/shipshape.yml:2:3: metrics.production_environments: expected a list, got "prod"',
      ".github/shipshape.yml:5:5: coverage.patch.target: expected at most 100, got 180",
      '.github/shipshape.yml:7:3: adr.mode: expected "required" or "advisory", got "sometimes"',
      '.github/shipshape.yml:9:3: tickets.enabled: expected true or false, got "yes please"',
    ]);
  });

  it.each([
    ["a misspelt key", "adr:\n  lables: [architecture]\n", '.github/shipshape.yml:2:3: adr.lables: unknown key "lables" in adr: did you mean "labels"?'],
    ["a misspelt section, case aside", "Tickets:\n  mode: advisory\n", '.github/shipshape.yml:1:1: Tickets: unknown key "Tickets": did you mean "tickets"?'],
    ["a misspelt key inside a provider", "tickets:\n  providers:\n    - jira: { kyes: [PAY] }\n", '.github/shipshape.yml:3:15: tickets.providers[0].jira.kyes: unknown key "kyes" in tickets.providers[0].jira: did you mean "keys"?'],
    ["a misspelt option", "tickets:\n  mode: advisroy\n", '.github/shipshape.yml:2:3: tickets.mode: expected "required" or "advisory", got "advisroy": did you mean "advisory"?'],
    ["a provider missing its options", "tickets:\n  providers:\n    - linear: {}\n", '.github/shipshape.yml:3:7: tickets.providers[0].linear: the value of "linear" does not fit: it takes teams (required)'],
    ["an empty list", "tickets:\n  sources: []\n", ".github/shipshape.yml:2:3: tickets.sources: expected at least 1 item, got an empty list"],
    ["an empty value", "adr:\n  directory:\n", ".github/shipshape.yml:2:3: adr.directory: expected text, got an empty value"],
    ["a key with no near neighbour", "coverage:\n  treshold: 80\n", '.github/shipshape.yml:2:3: coverage.treshold: unknown key "treshold" in coverage: remove it, or use one of enabled, artifact, patch, project, ignore, partials, paths, components, annotations, comment, if_no_report'],
  ])("%s", (_name, yaml, expected) => {
    expect(lines(yaml)).toEqual([expected]);
  });

  it("cuts a long bad value short instead of echoing all of it", () => {
    const [line] = lines(`adr:\n  mode: ${"x".repeat(5000)}\n`);
    expect(line).toBe(`.github/shipshape.yml:2:3: adr.mode: expected "required" or "advisory", got "${"x".repeat(57)}..."`);
  });

  it("names every one of thousands of unknown keys, each with its line", () => {
    const yaml = `tickets:\n${Array.from({ length: 5000 }, (_, i) => `  k${i}: 1`).join("\n")}\n`;
    // Built per problem, this took 27 s on the shared test machine; once per file, about 1.5 s.
    // Not timed here (tests are never timed): the figure is in ADR 0073.
    const result = lines(yaml);
    expect(result).toHaveLength(5000);
    expect(result[4999]).toBe('.github/shipshape.yml:5001:3: tickets.k4999: unknown key "k4999" in tickets: remove it, or use one of enabled, mode, sources, providers, verify, exempt');
  });

  it("keeps zod's own phrasing out of the check run's summary", () => {
    const result = parseConfigText("adr:\n  mode: sometimes\ncoverage:\n  annotations: -1\n");
    const check = configCheckResult({ problems: result.ok ? [] : result.problems, source: "default-branch", file: ".github/shipshape.yml" });
    const summary = "summary" in check ? check.summary : "";
    expect(summary).toContain('- .github/shipshape.yml:2:3: adr.mode: expected "required" or "advisory", got "sometimes"\n- .github/shipshape.yml:4:3: coverage.annotations: expected at least 0, got -1');
    expect(summary).not.toMatch(/Invalid option|Too small|Too big|Invalid input/);
  });
});
