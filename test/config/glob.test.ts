import { describe, expect, it } from "vitest";
import { MAX_GLOB_INPUT_LENGTH, MAX_GLOB_LENGTH, compileGlob, globMatcher, globProblem } from "../../src/lib/glob.js";
import { validateConfigObject } from "../../src/config/parse-config.js";

// The semantics the checks relied on under picomatch with `dot: true`.
const cases: Array<[glob: string, input: string, matches: boolean]> = [
  ["release/*", "release/1.2", true],
  ["release/*", "release/1/2", false],
  ["release/*", "release", false],
  ["**", "a/b/c", true],
  ["**/*.sql", "a.sql", true],
  ["**/*.sql", "db/x/a.sql", true],
  ["src/**", "src", true],
  ["src/**", "src/a/b", true],
  ["src/**", "srcx", false],
  ["src/**/x.ts", "src/x.ts", true],
  ["src/**/x.ts", "src/a/b/x.ts", true],
  ["a/**/b", "a/b", true],
  ["a/**/b", "a/x/y/b", true],
  ["*.md", "README.md", true],
  ["*.md", "docs/README.md", false],
  ["*", ".env", true],
  [".github/**", ".github/shipshape.yml", true],
  ["src/*.ts", "src/.x.ts", true],
  ["?.ts", "a.ts", true],
  ["?.ts", "ab.ts", false],
  ["[abc].ts", "b.ts", true],
  ["[abc].ts", "d.ts", false],
  ["[!abc].ts", "d.ts", true],
  ["[!abc].ts", "a.ts", false],
  ["[a-c]x", "bx", true],
  ["{a,b}/*.ts", "b/x.ts", true],
  ["{a,b}/*.ts", "c/x.ts", false],
  ["src/{api,db/{x,y}}/**", "src/db/y/z", true],
  ["src/{api,db/{x,y}}/**", "src/db/z", false],
  ["docs/*.{md,txt}", "docs/a.txt", true],
  ["coverage*", "coverage-unit", true],
  ["a\\*b", "a*b", true],
  ["a\\*b", "axb", false],
  ["!src/**", "lib/x", true],
  ["!src/**", "src/x", false],
  ["x{a", "x{a", true],
  ["f[.ts", "f[.ts", true],
  ["a+b(c)", "a+b(c)", true],
  ["[[:digit:]]x", "1x", true],
  ["[[:digit:]]x", "ax", false],
  ["docs/é*.md", "docs/éa.md", true],
  ["x/?", "x/😀", true],
  ["a.b", "axb", false],
  ["db/migrations/*-*-*-*.sql", "db/migrations/2024-01-02-x.sql", true],
];

describe("compileGlob: picomatch's glob syntax on RE2", () => {
  it.each(cases)("%s on %s -> %s", (glob, input, matches) => {
    expect(compileGlob(glob).matches(input)).toBe(matches);
  });

  it("globMatcher is true when any glob matches", () => {
    const matches = globMatcher(["docs/**", "*.md"]);
    expect([matches("docs/a/b"), matches("x.md"), matches("src/x.ts")]).toEqual([true, true, false]);
    expect(globMatcher([])("anything")).toBe(false);
  });

  it("matches the ReDoS case in linear time: 300 names of 250 dashes against *-*-*-*.sql", () => {
    const glob = compileGlob("db/migrations/*-*-*-*.sql");
    const names = Array.from({ length: 300 }, (_, i) => `db/migrations/${"-".repeat(250)}${i}.sq`);
    const started = performance.now();
    expect(names.filter((name) => glob.matches(name))).toEqual([]);
    // picomatch took about 74 s here; RE2 takes milliseconds. The bound is generous for a busy machine.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("an input past the cap matches nothing; a glob past the cap is refused with one line", () => {
    expect(compileGlob("**").matches("a".repeat(MAX_GLOB_INPUT_LENGTH))).toBe(true);
    expect(compileGlob("**").matches("a".repeat(MAX_GLOB_INPUT_LENGTH + 1))).toBe(false);
    expect(globProblem("a".repeat(MAX_GLOB_LENGTH + 1))).toBe(`a glob may be at most ${MAX_GLOB_LENGTH} characters; this one has ${MAX_GLOB_LENGTH + 1}`);
    expect(globProblem("src/**")).toBeNull();
  });

  it("the schema refuses more than 100 globs in a list", () => {
    const result = validateConfigObject({ adr: { paths: Array.from({ length: 101 }, (_, i) => `p${i}/**`) } });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((problem) => problem.path)).toEqual(["adr.paths"]);
    expect(validateConfigObject({ coverage: { ignore: Array.from({ length: 100 }, (_, i) => `p${i}/**`) } }).ok).toBe(true);
  });
});
