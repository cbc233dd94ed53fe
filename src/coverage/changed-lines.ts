/**
 * The new-file line numbers a unified diff (GitHub's per-file `patch`) adds or changes, in
 * order. Removed lines have no line in the new file; context lines are not changes.
 */
export function changedLines(patch: string): number[] {
  const lines: number[] = [];
  let next = 0;
  let inHunk = false;
  let pos = 0;
  while (pos < patch.length) {
    let end = patch.indexOf("\n", pos);
    if (end < 0) end = patch.length;
    const first = patch.charCodeAt(pos);
    if (first === 64 /* @ */ && patch.startsWith("@@", pos)) {
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(patch.slice(pos, end));
      inHunk = match !== null;
      if (match) next = Number(match[1]);
    } else if (inHunk) {
      if (first === 43 /* + */) lines.push(next++);
      else if (first === 32 /* space */ || pos === end) next++;
      // "-" lines exist only in the old file; "\ No newline at end of file" is not a line.
    }
    pos = end + 1;
  }
  return lines;
}
