import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { componentByFlag, componentPrefixes, type CoverageComponent } from "../../src/coverage/component-prefixes.js";
import { judgeCoverageWithFigures, type CoverageFacts } from "../../src/coverage/judge-coverage.js";
import { fileTotals, mergeReports } from "../../src/coverage/model.js";
import { parseReport } from "../../src/coverage/parse-report.js";
import { prFilesFromGitDiff } from "./pr-files.js";

const fixture = (path: string) => readFileSync(new URL(`../fixtures/coverage/${path}`, import.meta.url));
const components = (yaml: unknown): CoverageComponent[] => configSchema.parse({ coverage: { components: yaml } }).coverage.components;
const WEB = { name: "web", paths: ["packages/web/**"], prefix: "packages/web/", artifact: "coverage-web" };
const API = { name: "api", paths: ["packages/api/**"], prefix: "packages/api", artifact: "coverage-api" };

// A monorepo where two packages each run c8 from their own folder: both reports say SF:src/cart.js.
describe("coverage.components: package-relative paths get their component's prefix", () => {
  const two = components([WEB, API]);

  it("keeps SF:src/cart.js of two packages apart instead of collapsing them into one file", () => {
    const collapsed = mergeReports(parseReport(fixture("head/js.lcov.info"), "web/lcov.info"), parseReport(fixture("base/js.lcov.info"), "api/lcov.info"));
    expect([...collapsed.files.keys()]).toEqual(["src/cart.js", "src/coupon.js", "src/price.js", "src/util/money.js", "src/util/format.js"]);

    const web = parseReport(fixture("head/js.lcov.info"), "coverage-web/lcov.info", componentPrefixes(two, { artifact: "coverage-web" }));
    const api = parseReport(fixture("base/js.lcov.info"), "coverage-api/lcov.info", componentPrefixes(two, { artifact: "coverage-api" }));
    const merged = mergeReports(web, api);
    expect([...merged.files.keys()].filter((path) => path.endsWith("cart.js"))).toEqual(["packages/web/src/cart.js", "packages/api/src/cart.js"]);
    // Each keeps its own package's figures: c8's LF/LH of that record.
    expect(fileTotals(merged.files.get("packages/web/src/cart.js")!)).toMatchObject({ linesTotal: 35, linesCovered: 33 });
    expect(fileTotals(merged.files.get("packages/api/src/cart.js")!)).toMatchObject({ linesTotal: 30, linesCovered: 25 });
  });

  it.each([
    ["a package-relative path", "SF:src/a.js", "packages/web/src/a.js"],
    ["a ./ path", "SF:./src/a.js", "packages/web/src/a.js"],
    ["a path already under the prefix", "SF:packages/web/src/a.js", "packages/web/src/a.js"],
    ["a runner's absolute path (repo-relative once its root is stripped)", "SF:/home/runner/work/shop/shop/packages/web/src/a.js", "packages/web/src/a.js"],
    ["another absolute path", "SF:/opt/build/src/a.js", "/opt/build/src/a.js"],
    ["a Windows path", "SF:src\\a.js", "packages/web/src/a.js"],
  ])("%s", (_name, record, path) => {
    const report = parseReport(Buffer.from(`${record}\nDA:1,1\nend_of_record\n`), "lcov.info", { prefix: "packages/web/" });
    expect([...report.files.keys()]).toEqual([path]);
  });

  it("gives no prefix to an artifact no component claims", () => {
    expect(componentPrefixes(components([{ name: "web", paths: ["web/**"], artifact: "coverage-web" }]), { artifact: "coverage-docs" })).toBeUndefined();
    expect(componentPrefixes(two, { artifact: "coverage-docs" })).toEqual({ modules: new Map([["web", "packages/web/"], ["api", "packages/api"]]) });
  });

  it("reads JaCoCo's groups as modules: a component of that name prefixes its files", () => {
    // JaCoCo 0.8.6's report of the java project, as an aggregate report of two modules holds it.
    const single = fixture("head/java.jacoco.xml").toString("utf8");
    const packages = single.slice(single.indexOf("<package "), single.lastIndexOf("</package>") + "</package>".length);
    const aggregate = single.replace(packages, `<group name="orders">${packages}</group><group name="billing">${packages}</group>`);
    const java = components([
      { name: "orders", paths: ["orders/**"], prefix: "orders/src/main/java/" },
      { name: "billing", paths: ["billing/**"], prefix: "billing/src/main/java/" },
    ]);
    const prefixed = parseReport(Buffer.from(aggregate), "jacoco.xml", componentPrefixes(java, { artifact: "coverage" }));
    const plain = parseReport(fixture("head/java.jacoco.xml"), "jacoco.xml");
    expect(prefixed.files.size).toBe(2 * plain.files.size);
    for (const [path, file] of plain.files) {
      for (const module of ["orders", "billing"]) expect(fileTotals(prefixed.files.get(`${module}/src/main/java/${path}`)!)).toEqual(fileTotals(file));
    }
    // Without components, the two modules' files of one package path are one file, their hits added.
    const merged = parseReport(Buffer.from(aggregate), "jacoco.xml");
    expect([...merged.files.keys()]).toEqual([...plain.files.keys()]);
  });

  it("finds the component an upload flags, or says what to do", () => {
    expect(componentByFlag(two, "api", "acme/shop")).toEqual({ component: two[1] });
    expect(componentByFlag(two, "docs", "acme/shop")).toEqual({ error: 'add a component named "docs" to coverage.components in .github/shipshape.yml, or upload without the flag: acme/shop has only web, api' });
    expect(componentByFlag([], "docs", "acme/shop")).toEqual({ error: 'add a component named "docs" to coverage.components in .github/shipshape.yml, or upload without the flag: acme/shop has no components' });
  });

  it("refuses two components of one name and a prefix that is absolute", () => {
    expect(() => components([WEB, { ...API, name: "web" }])).toThrow('two components are named \\"web\\"');
    expect(() => components([{ ...WEB, prefix: "/packages/web" }])).toThrow("a prefix is a repository-relative folder");
  });
});

// The fixture PR's JS files moved under two packages (pr.diff's js/ part, twice), each package's
// report c8's head report (patch 18/25 with partials as hits); the section's patch target is 70%.
describe("coverage.components: each judged by its own targets", () => {
  const diff = fixture("pr.diff").toString("utf8");
  const jsPart = diff.split(/^(?=diff --git )/m).filter((chunk) => chunk.startsWith("diff --git a/js/")).join("");
  const prFiles = prFilesFromGitDiff(jsPart.replaceAll(" a/js/", " a/packages/web/").replaceAll(" b/js/", " b/packages/web/") + jsPart.replaceAll(" a/js/", " a/packages/api/").replaceAll(" b/js/", " b/packages/api/"));
  const config = (list: unknown) => ({ ...configSchema.parse({ coverage: { partials: "hit", components: list } }).coverage });
  const head = (list: CoverageComponent[]) => {
    const web = parseReport(fixture("head/js.lcov.info"), "coverage-web/lcov.info", componentPrefixes(list, { artifact: "coverage-web" }));
    const api = parseReport(fixture("head/js.lcov.info"), "coverage-api/lcov.info", componentPrefixes(list, { artifact: "coverage-api" }));
    return mergeReports(web, api).files;
  };
  const facts = (list: unknown): CoverageFacts => {
    const parsed = config(list);
    return { headSha: "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", runs: { pending: 0, withoutArtifact: [], errors: [] }, head: head(parsed.components), base: null, prFiles, config: parsed };
  };

  it.each([
    ["both hold their targets", [{ ...WEB, patch: { target: 70 } }, { ...API, patch: { target: 60 } }], "pass", null],
    ["one misses its own target while the whole patch passes the section's", [{ ...WEB, patch: { target: 70 } }, { ...API, patch: { target: 90 } }], "fail", "Component api: cover 5 more changed lines in packages/api/src/coupon.js and 2 other files (patch 72%, target 90%)"],
    ["an informational component miss is neutral", [{ ...WEB, patch: { target: 70 } }, { ...API, patch: { target: 90, informational: true } }], "neutral", "Component api: cover 5 more changed lines in packages/api/src/coupon.js and 2 other files (patch 72%, target 90%), informational"],
  ])("%s", (_name, list, outcome, title) => {
    const input = facts(list);
    input.config.patch.target = 70;
    const { result, figures } = judgeCoverageWithFigures(input);
    expect(result.outcome).toBe(outcome);
    expect(figures?.components?.map((component) => [component.name, component.figures.patch.covered, component.figures.patch.coverable])).toEqual([
      ["web", 18, 25],
      ["api", 18, 25],
    ]);
    if (title) expect(result.outcome !== "silent" && result.title).toBe(title);
    expect(result.outcome !== "silent" && result.summary).toContain("**Components**, each judged by its own targets (the check fails when one fails):");
  });
});
