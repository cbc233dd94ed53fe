import { describe, expect, it } from "vitest";
import { touchesConfig } from "../../src/config/touches-config.js";
import { validateConfigObject } from "../../src/config/parse-config.js";
import { configCacheKey } from "../../src/gather/config-cache.js";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";

describe("touchesConfig", () => {
  const push = (ref: string, files: string[], count = 1) => ({
    ref,
    defaultBranch: "main",
    commits: Array.from({ length: count }, () => ({ added: [], modified: files, removed: [] })),
  });
  it.each([
    ["the file changed on the default branch", push("refs/heads/main", [".github/shipshape.yml"]), true],
    ["other files on the default branch", push("refs/heads/main", ["src/a.ts"]), false],
    ["the file changed on another branch", push("refs/heads/feature", [".github/shipshape.yml"]), false],
    ["a tag", push("refs/tags/v1", [".github/shipshape.yml"]), false],
    ["a push listing no commits (force-push)", push("refs/heads/main", [], 0), true],
  ])("%s", (_name, facts, expected) => {
    expect(touchesConfig(facts)).toBe(expected);
  });
});

describe("push events and the config cache", () => {
  const { app } = useTestApp();

  const cached = () => validateConfigObject({});
  type Push = { ref: string; repository: { name: string; default_branch: string; owner: { login: string } }; commits: unknown[] };

  it("drops the repository's entry when the default branch's file changes, and keeps others", async () => {
    const payload = example<Push>("push");
    const { name } = payload.repository;
    const owner = payload.repository.owner.login;
    Object.assign(payload, { ref: `refs/heads/${payload.repository.default_branch}`, commits: [{ id: "1", added: [], removed: [], modified: [".github/shipshape.yml"] }] });
    app.deps.caches.config.set(configCacheKey(owner, name), cached());
    app.deps.caches.config.set(configCacheKey(owner, "other"), cached());
    await app.probot.receive({ id: "p1", name: "push", payload } as never);
    expect(app.deps.caches.config.get(configCacheKey(owner, name))).toBeUndefined();
    expect(app.deps.caches.config.get(configCacheKey(owner, "other"))).toBeDefined();
  });

  it("drops every repository of the owner when the organisation's .github repository changes", async () => {
    const payload = example<Push>("push");
    const owner = payload.repository.owner.login;
    Object.assign(payload.repository, { name: ".github" });
    Object.assign(payload, { ref: `refs/heads/${payload.repository.default_branch}`, commits: [{ id: "1", added: [".github/shipshape.yml"], removed: [], modified: [] }] });
    app.deps.caches.config.set(configCacheKey(owner, "a"), cached());
    app.deps.caches.config.set(configCacheKey(owner, "b"), cached());
    await app.probot.receive({ id: "p2", name: "push", payload } as never);
    expect(app.deps.caches.config.get(configCacheKey(owner, "a"))).toBeUndefined();
    expect(app.deps.caches.config.get(configCacheKey(owner, "b"))).toBeUndefined();
  });
});
