import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
const FLOORS = JSON.parse(readFileSync("eslint/floors.json", "utf8")) as Record<string, number>;

/** Every .ts file under src/, with the src files it imports (relative imports, types included). */
function importGraph(): Map<string, string[]> {
  const files = (readdirSync("src", { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => path.join("src", f));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"|import\("(\.[^"]+)"\)/g)].map((m) =>
      path.join(path.dirname(file), (m[1] ?? m[2]!).replace(/\.js$/, ".ts")),
    );
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

describe("the import graph of src/ (docs/design.md)", () => {
  const graph = importGraph();

  it("has no import circle", () => {
    expect(circles(graph)).toEqual([]);
  });

  it("gives every folder of src/ a floor, and no import runs up a floor", () => {
    const roomOf = (file: string) => path.relative("src", file).split(path.sep)[0]!;
    const unplaced = [...new Set([...graph.keys()].map(roomOf))].filter((room) => !(room in FLOORS));
    expect(unplaced).toEqual([]);
    const upward = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => FLOORS[roomOf(target)]! > FLOORS[roomOf(file)]!).map((target) => `${file} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it("finds a circle when there is one", () => {
    const made = new Map([
      ["src/store/a.ts", ["src/store/b.ts"]],
      ["src/store/b.ts", ["src/store/a.ts"]],
    ]);
    expect(circles(made)).toEqual([["src/store/a.ts", "src/store/b.ts"]]);
  });
});
