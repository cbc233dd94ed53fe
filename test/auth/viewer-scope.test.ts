import { describe, expect, it } from "vitest";
import { canSeeOwner, canSeeRepo, scopeOf, visibleRepos } from "../../src/auth/viewer-scope.js";

describe("viewer scope", () => {
  const scope = scopeOf(["Acme"], ["globex/api"]);

  it("an owner grants all its repos; a repo grants only itself", () => {
    expect(canSeeRepo(scope, "acme", "web")).toBe(true);
    expect(canSeeRepo(scope, "Globex", "API")).toBe(true);
    expect(canSeeRepo(scope, "globex", "web")).toBe(false);
    expect(canSeeRepo(scope, "initech", "api")).toBe(false);
  });

  it("an owner is visible when any of its repos is", () => {
    expect(canSeeOwner(scope, "globex")).toBe(true);
    expect(canSeeOwner(scope, "glob")).toBe(false);
    expect(canSeeOwner(scope, "initech")).toBe(false);
  });

  it("organisation figures keep only visible repos; the operator sees all", () => {
    const repos = [
      { owner: "acme", name: "web" },
      { owner: "globex", name: "web" },
      { owner: "globex", name: "api" },
    ];
    expect(visibleRepos(scope, repos).map((r) => `${r.owner}/${r.name}`)).toEqual(["acme/web", "globex/api"]);
    expect(visibleRepos({ kind: "all" }, repos)).toHaveLength(3);
  });
});
