import { describe, expect, it } from "vitest";
import { visibleText } from "../../src/checks/ticket/visible-text.js";

// Shapes from the GitHub Flavored Markdown spec (github.github.com/gfm): HTML blocks and raw
// HTML comments, code spans, fenced and indented code blocks, block quotes and their lazy
// continuation lines. Each row: Markdown, a word GitHub shows, a word it does not (or null).
const rows: Array<[string, string, string | null]> = [
  ["keep <!-- hide --> keep", "keep", "hide"],
  ["keep\n<!--\nhide\n-->\nkeep", "keep", "hide"],
  ["keep\n<!-- hide to the end", "keep", "hide"],
  ["keep `hide` keep", "keep", "hide"],
  ["keep ``hide ` hide`` keep", "keep", "hide"],
  ["keep ` keep", "keep", null],
  ["keep\n\n```js\nhide\n```\nkeep", "keep", "hide"],
  ["keep\n~~~~\nhide\n~~~\nhide\n~~~~\nkeep", "keep", "hide"],
  ["keep\n```\nhide", "keep", "hide"],
  ["keep\n\n    hide\n    hide\n\nkeep", "keep", "hide"],
  ["- keep\n    keep", "keep", null],
  ["keep\n> hide\nhide lazily\n\nkeep", "keep", "hide"],
  ["> hide\n# keep", "keep", "hide"],
  ["keep <code>hide</code> keep", "keep", "hide"],
  ["keep\n<blockquote>\n<p>hide <blockquote>hide</blockquote> hide</p>\n</blockquote>\nkeep", "keep", "hide"],
  ["keep <pre>\nhide\n</pre>", "keep", "hide"],
  ["<details>\n<summary>keep</summary>\n\nkeep\n</details>", "keep", null],
];

describe("visibleText", () => {
  it.each(rows)("%j shows %j, not %j", (markdown, shown, hidden) => {
    const text = visibleText(markdown);
    expect(text).toContain(shown);
    if (hidden) expect(text).not.toContain(hidden);
  });

  it("stays linear on hostile input (65,536 characters of unmatched markers)", () => {
    for (const unit of ["`", "``x", "<code ", "<!--", "> a\n", "```\n"]) {
      const text = unit.repeat(Math.ceil(65_536 / unit.length)).slice(0, 65_536);
      expect(typeof visibleText(text)).toBe("string");
    }
  });
});
