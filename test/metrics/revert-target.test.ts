import { describe, expect, it } from "vitest";
import { revertTarget } from "../../src/metrics/revert-target.js";

const repo = "acme/shop";

// Texts as GitHub's "Revert" button and `git revert` write them (ADR 0048).
describe("revert PRs", () => {
  it.each([
    ["GitHub's revert button", { headRef: "revert-123-feature/checkout", body: "Reverts acme/shop#123" }, { number: 123 }],
    ["the button, body edited away", { headRef: "revert-77-fix-login", body: "" }, { number: 77 }],
    ["the button, reason added above", { headRef: "revert-9-x", body: "Broke checkout for EU users.\r\n\r\nReverts acme/shop#9" }, { number: 9 }],
    ["the body names the PR, branch by hand", { headRef: "undo-cart", body: "reverts Acme/Shop#45 because of the outage" }, { number: 45 }],
    ["git revert of a squash-merge commit", { headRef: "hotfix/undo", body: 'Revert "Add cart discounts"\n\nThis reverts commit 3f2a9c1e8b7d6f5a4e3d2c1b0a9f8e7d6c5b4a39.' }, { sha: "3f2a9c1e8b7d6f5a4e3d2c1b0a9f8e7d6c5b4a39" }],
    ["a SHA in capitals", { headRef: "r", body: "This reverts commit 3F2A9C1E8B7D6F5A4E3D2C1B0A9F8E7D6C5B4A39." }, { sha: "3f2a9c1e8b7d6f5a4e3d2c1b0a9f8e7d6c5b4a39" }],
    ["another repo's PR", { headRef: "main-sync", body: "Reverts acme/api#12" }, null],
    ["a branch merely named revert", { headRef: "revert-button-styles", body: "Restyles the revert button" }, null],
    ["a short SHA is not enough", { headRef: "fix", body: "This reverts commit 3f2a9c1." }, null],
    ["no body at all", { headRef: "feature/x", body: null }, null],
    ["a revert of a revert names its own target", { headRef: "revert-130-revert-123-feature", body: "Reverts acme/shop#130" }, { number: 130 }],
  ])("%s", (_name, pr, expected) => {
    expect(revertTarget({ ...pr, repo })).toEqual(expected);
  });
});
