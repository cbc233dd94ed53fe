/**
 * Whether `url` matches `glob`, where `*` stands for any run of characters, slashes included
 * (as in `https://acme.atlassian.net/wiki/*`): URLs are not file paths, and users write these
 * globs as prefixes. Everything else is literal; scheme and host compare case-insensitively.
 * Linear in the length of the URL for each `*`, with no backtracking blow-up.
 */
export function urlGlobMatches(glob: string, url: string): boolean {
  const pattern = lowerOrigin(glob);
  const text = lowerOrigin(url);
  const parts = pattern.split(/\*+/);
  const first = parts[0] ?? "";
  if (parts.length === 1) return text === first;
  if (!text.startsWith(first)) return false;
  const last = parts[parts.length - 1] ?? "";
  if (text.length < first.length + last.length || !text.endsWith(last)) return false;
  // The middle pieces, in order, each as early as possible: greedy-leftmost is exact for `*`.
  let at = first.length;
  const end = text.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

function lowerOrigin(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(url);
  return match?.[1] ? match[1].toLowerCase() + url.slice(match[1].length) : url;
}
