import { describe, expect, it } from "vitest";
import { editDistance, nearestWord } from "../../src/lib/nearest-word.js";

describe("editDistance", () => {
  it.each([
    ["labels", "labels", 0],
    ["lables", "labels", 1],
    ["label", "labels", 1],
    ["advisroy", "advisory", 1],
    ["colour", "labels", 6],
    ["", "adr", 3],
  ])("%s -> %s is %i", (left, right, distance) => {
    expect(editDistance(left, right)).toBe(distance);
  });

  it("stays bounded on very long words", () => {
    expect(editDistance("a".repeat(100_000), "b".repeat(100_000))).toBe(100);
  });
});

describe("nearestWord", () => {
  const keys = ["enabled", "mode", "labels", "paths", "directory", "references", "links", "comment"];
  it.each([
    ["lables", "labels"],
    ["Labels", "labels"],
    ["directroy", "directory"],
    ["coment", "comment"],
    ["colour", undefined],
    ["x", undefined],
  ])("%s suggests %s", (word, expected) => {
    expect(nearestWord(word, keys)).toBe(expected);
  });
});
