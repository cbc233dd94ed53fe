import { RE2JS } from "re2js";

/** Longest glob a config may hold; the schema refuses longer ones. */
export const MAX_GLOB_LENGTH = 500;
/** Longest path, branch or artifact name a glob is matched against: a longer one matches nothing. */
export const MAX_GLOB_INPUT_LENGTH = 4096;

/**
 * A glob compiled to an RE2 pattern, so matching is linear in the input whatever the glob
 * (picomatch compiled to backtracking RegExps: `*-*-*-*.sql` against a name of 250 dashes took
 * seconds per file). The syntax is picomatch's with `dot: true`: `*` and `?` stop at `/`, `**` as
 * a whole segment spans any number of them (none included), `[...]` / `[!...]` classes, `{a,b}`
 * alternatives (nestable), `\` escapes, and a leading `!` negates. Extglobs (`@(a|b)`) and
 * numeric ranges (`{1..3}`) are not supported: their characters are literal.
 */
export interface Glob {
  readonly source: string;
  matches(input: string): boolean;
}

/** Compiles `glob`; throws with a one-line message when it is too long or not valid. */
export function compileGlob(glob: string): Glob {
  if (glob.length > MAX_GLOB_LENGTH) throw new Error(`a glob may be at most ${MAX_GLOB_LENGTH} characters; this one has ${glob.length}`);
  let body = glob;
  let negated = false;
  while (body.startsWith("!")) {
    negated = !negated;
    body = body.slice(1);
  }
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(globToRe2(body));
  } catch (error) {
    throw new Error(`"${glob}" is not a valid glob: ${(error as Error).message.split("\n")[0] ?? ""}`);
  }
  return {
    source: glob,
    matches(input) {
      if (input.length > MAX_GLOB_INPUT_LENGTH) return false;
      return regex.matches(input) !== negated;
    },
  };
}

/** A predicate true when any of `globs` matches; each glob is compiled once, here. */
export function globMatcher(globs: readonly string[]): (input: string) => boolean {
  const compiled = globs.map(compileGlob);
  return (input) => compiled.some((glob) => glob.matches(input));
}

/** The one-line reason `glob` cannot be used, or null when it compiles. */
export function globProblem(glob: string): string | null {
  try {
    compileGlob(glob);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Translates glob syntax to an RE2 pattern matched against the whole input. */
export function globToRe2(glob: string): string {
  const out: string[] = [];
  const braces: number[] = []; // indexes in `out` of each open `{`, innermost last
  const closing = matchingBraces(glob);
  let i = 0;
  while (i < glob.length) {
    const ch = glob[i] as string;
    const atSegmentStart = i === 0 || glob[i - 1] === "/";
    if (ch === "\\" && i + 1 < glob.length) {
      out.push(quote(glob[i + 1] as string));
      i += 2;
    } else if (ch === "*" && glob[i + 1] === "*" && atSegmentStart && (i + 2 === glob.length || glob[i + 2] === "/")) {
      if (i + 2 === glob.length) {
        // `a/**` matches `a` and everything below it; `**` alone, everything.
        if (i > 0 && out[out.length - 1] === "/") {
          out.pop();
          out.push("(?:/.*)?");
        } else {
          out.push(".*");
        }
        i += 2;
      } else {
        out.push("(?:.*/)?");
        i += 3;
      }
    } else if (ch === "*") {
      while (glob[i] === "*") i++;
      out.push("[^/]*");
    } else if (ch === "?") {
      out.push("[^/]");
      i++;
    } else if (ch === "[") {
      const end = classEnd(glob, i);
      if (end === -1) {
        out.push("\\[");
        i++;
      } else {
        out.push(charClass(glob.slice(i + 1, end)));
        i = end + 1;
      }
    } else if (ch === "{" && closing.has(i)) {
      braces.push(out.length);
      out.push("(?:");
      i++;
    } else if (ch === "," && braces.length > 0) {
      out.push("|");
      i++;
    } else if (ch === "}" && braces.length > 0) {
      braces.pop();
      out.push(")");
      i++;
    } else {
      const whole = String.fromCodePoint(glob.codePointAt(i) as number); // a surrogate pair is one character
      out.push(quote(whole));
      i += whole.length;
    }
  }
  return out.join("");
}

/** Indexes of the `{` that have a matching `}`: an unmatched one is literal. */
function matchingBraces(glob: string): Set<number> {
  const open: number[] = [];
  const matched = new Set<number>();
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "\\") i++;
    else if (ch === "[") {
      const end = classEnd(glob, i);
      if (end !== -1) i = end;
    } else if (ch === "{") open.push(i);
    else if (ch === "}" && open.length > 0) matched.add(open.pop() as number);
  }
  return matched;
}

/** Index of the `]` closing the class opened at `start`, or -1 (then `[` is literal). */
function classEnd(glob: string, start: number): number {
  let i = start + 1;
  if (glob[i] === "!" || glob[i] === "^") i++;
  if (glob[i] === "]") i++; // a `]` first in the class is a member
  for (; i < glob.length; i++) {
    if (glob[i] === "\\") i++;
    else if (glob[i] === "[" && glob[i + 1] === ":") {
      const end = glob.indexOf(":]", i + 2);
      if (end !== -1) i = end + 1; // a POSIX class such as [:digit:] inside the brackets
    } else if (glob[i] === "]") return i;
  }
  return -1;
}

/** `[...]` contents as an RE2 class that never matches `/` (a class stays within a segment). */
function charClass(inner: string): string {
  let negated = false;
  let rest = inner;
  if (rest.startsWith("!") || rest.startsWith("^")) {
    negated = true;
    rest = rest.slice(1);
  }
  let members = "";
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i] as string;
    if (ch === "\\" && i + 1 < rest.length) {
      members += `\\${rest[++i] as string}`;
    } else if (ch === "[" && rest[i + 1] === ":") {
      const end = rest.indexOf(":]", i + 2);
      if (end === -1) members += "\\[";
      else {
        members += rest.slice(i, end + 2);
        i = end + 1;
      }
    } else if (ch === "-" && i > 0 && i < rest.length - 1) {
      members += "-";
    } else if (ch === "/") {
      continue;
    } else {
      members += /[\w]/.test(ch) ? ch : `\\${ch}`;
    }
  }
  if (members === "") return negated ? "[^/]" : "[^\\x00-\\x{10FFFF}]";
  return negated ? `[^/${members}]` : `[${members}]`;
}

function quote(ch: string): string {
  return /[\w/ ]/.test(ch) ? ch : `\\x{${(ch.codePointAt(0) as number).toString(16)}}`;
}
