import type { FileFacts } from "../../src/model/pull-request-facts.js";

/** Splits `git diff -M` output into the files GitHub's pulls/{n}/files lists (patch = hunks only). */
export function prFilesFromGitDiff(diff: string): FileFacts[] {
  const files: FileFacts[] = [];
  for (const chunk of diff.split(/^diff --git /m).slice(1)) {
    const lines = chunk.split("\n");
    const [, from, to] = /^a\/(\S+) b\/(\S+)$/.exec(lines[0] ?? "") ?? [];
    const hunkStart = lines.findIndex((line) => line.startsWith("@@"));
    const header = lines.slice(0, hunkStart < 0 ? lines.length : hunkStart).join("\n");
    const patchLines = hunkStart < 0 ? [] : lines.slice(hunkStart);
    while (patchLines.length > 0 && patchLines[patchLines.length - 1] === "") patchLines.pop();
    const status = header.includes("new file mode") ? "added" : header.includes("deleted file mode") ? "removed" : header.includes("rename from") ? "renamed" : "modified";
    files.push({
      filename: to ?? "",
      ...(status === "renamed" ? { previousFilename: from } : {}),
      status,
      additions: patchLines.filter((line) => line.startsWith("+")).length,
      deletions: patchLines.filter((line) => line.startsWith("-")).length,
      ...(patchLines.length > 0 ? { patch: patchLines.join("\n") } : {}),
    });
  }
  return files;
}
