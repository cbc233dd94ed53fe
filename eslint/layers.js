// The floors of docs/design.md, written once: a file may import only from its own floor or below.
import { readFileSync } from "node:fs";
import path from "node:path";

/** Folder (or top-level file) under src/ -> floor, from eslint/floors.json: a new folder needs a floor there first. */
export const FLOORS = JSON.parse(readFileSync(new URL("./floors.json", import.meta.url), "utf8"));

const srcRoot = path.resolve("src");

/** The room of a file under src/: its first path segment. */
function roomOf(file) {
  const relative = path.relative(srcRoot, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep)[0].replace(/\.js$/, ".ts");
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "imports run only down the floors of docs/design.md" },
    schema: [],
    messages: {
      upward: "{{from}} (floor {{fromFloor}}) may not import {{to}} (floor {{toFloor}}): imports run only down (docs/design.md).",
      modelOnly: "src/model/ imports nothing of ours but src/model/ itself (docs/design.md).",
      noFloor: "{{room}} has no floor: give it one in eslint/floors.json and docs/design.md.",
    },
  },
  create(context) {
    const file = context.filename;
    const from = roomOf(file);
    if (from === undefined) return {};
    const check = (node, source) => {
      if (typeof source !== "string" || !source.startsWith(".")) return;
      const to = roomOf(path.resolve(path.dirname(file), source));
      if (to === undefined || to === from) return;
      if (!(from in FLOORS)) return context.report({ node, messageId: "noFloor", data: { room: `src/${from}` } });
      if (!(to in FLOORS)) return context.report({ node, messageId: "noFloor", data: { room: `src/${to}` } });
      if (from === "model") return context.report({ node, messageId: "modelOnly" });
      if (FLOORS[to] > FLOORS[from]) {
        context.report({ node, messageId: "upward", data: { from: `src/${from}`, fromFloor: FLOORS[from], to: `src/${to}`, toFloor: FLOORS[to] } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
    };
  },
};

export const layersPlugin = { rules: { layers: rule } };
