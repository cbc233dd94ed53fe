import { RE2JS } from "re2js";
import type { Match, Matcher } from "../../../model/ticket-references.js";

/** Most matches taken from one text: enough to list, bounded whatever the pattern. */
const MAX_MATCHES = 20;

/**
 * A user-supplied pattern, run by RE2 (linear time, no backtracking: `(a+)+$` cannot hang it).
 * The first capture group is the ID when there is one, else the whole match. A pattern RE2
 * cannot compile was already reported by config validation; here it simply matches nothing.
 */
export function patternMatcher(options: { pattern: string }): Matcher {
  let compiled: RE2JS | undefined;
  try {
    compiled = RE2JS.compile(options.pattern);
  } catch {
    compiled = undefined;
  }
  const re = compiled;
  return (text) => {
    if (!re) return [];
    const matcher = re.matcher(text);
    const found: Match[] = [];
    let from = 0;
    while (found.length < MAX_MATCHES && from <= text.length && matcher.find(from)) {
      const id = (re.groupCount() > 0 ? matcher.group(1) : null) ?? matcher.group() ?? "";
      if (id.length > 0) found.push({ provider: "pattern", id: id.slice(0, 200) });
      const end = matcher.end();
      from = end > matcher.start() ? end : end + 1; // an empty match must not loop forever
    }
    return found;
  };
}
