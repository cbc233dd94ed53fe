/**
 * User text (branch names, titles, file names, skip reasons, words of a comment) echoed into
 * Markdown that GitHub renders: a check run's summary and text, and comments. Whatever the text
 * holds, it renders as that text: no mention that pings a person or a team, no link, image or
 * HTML, no code span it could close early. Check-run titles are plain text to GitHub and need
 * none of this.
 */
export function escapeMarkdown(text: string): string {
  return (
    oneLine(text)
      // A backslash first, so the text cannot undo the escapes that follow.
      .replace(/[\\`[\]<>]/g, "\\$&")
      // GitHub ignores a backslash before `@`: a zero-width space keeps `@acme/admins` from pinging.
      .replace(/@(?=[\w-])/g, "@\u200b")
      // Bare URLs are autolinked: break the scheme and `www.` so they stay text.
      .replace(/:\/\//g, ":\u200b//")
      .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}\u200b.`)
  );
}

/**
 * User text as inline code: a fence longer than any run of backticks inside, so nothing closes
 * it early; mentions, links and HTML inside code are not rendered.
 */
export function code(text: string): string {
  const line = oneLine(text);
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** Line breaks would end an inline span (or start a block): user text stays on one line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}
