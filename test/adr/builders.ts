import type { FileFacts } from "../../src/model/pull-request-facts.js";
import type { AdrFacts } from "../../src/checks/adr/decide-adr.js";
import { defaultConfig, type Config } from "../../src/config/schema.js";
import type { DirectoryEntry } from "../../src/github/list-directory.js";

/** The `adr` config with defaults, overridden per test. */
export function makeAdrConfig(overrides: Partial<Config["adr"]> = {}): Config["adr"] {
  return { ...defaultConfig().adr, ...overrides };
}

export function makeFile(filename: string, overrides: Partial<FileFacts> = {}): FileFacts {
  return { filename, status: "modified", additions: 1, deletions: 0, ...overrides };
}

/** A directory listing of `docs/adr` (or `directory`) holding files with these names. */
export function listing(names: string[], directory = "docs/adr"): DirectoryEntry[] {
  return names.map((name, i) => ({ name, path: `${directory}/${name}`, type: name.endsWith("/") ? "dir" : "file", sha: `sha${i}` }));
}

export function makeAdrFacts(overrides: Partial<AdrFacts> = {}): AdrFacts {
  return {
    title: "Move sessions to Redis",
    body: "",
    labels: [],
    files: [makeFile("src/app.ts")],
    listing: listing(["0001-record-architecture-decisions.md", "0002-use-postgres.md"]),
    baseRef: "main",
    ...overrides,
  };
}
