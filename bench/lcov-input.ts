import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Prng } from "./prng.js";

const CACHE = path.join(path.dirname(fileURLToPath(import.meta.url)), ".cache");

/**
 * A deterministic LCOV tracefile of about `megabytes` MB, shaped like a large TypeScript monorepo's
 * (`SF`, `FN`/`FNDA`, `DA`, `BRDA`, `LF`/`LH`, `end_of_record`), cached in `bench/.cache/`.
 */
export async function lcovFile(megabytes: number, seed = 100): Promise<string> {
  const file = path.join(CACHE, `lcov-${megabytes}mb-${seed}.info`);
  if (existsSync(file) && statSync(file).size >= megabytes * 1_000_000) return file;
  mkdirSync(CACHE, { recursive: true });
  const prng = new Prng(seed);
  const out = createWriteStream(file);
  const target = megabytes * 1_000_000;
  let written = 0;
  let index = 0;
  while (written < target) {
    const chunk = lcovRecord(prng, index++);
    written += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return file;
}

function lcovRecord(prng: Prng, index: number): string {
  const lines = prng.int(40, 600);
  const parts: string[] = ["TN:\n", `SF:packages/pkg-${index % 97}/src/module-${Math.floor(index / 97)}/file-${index}.ts\n`];
  const functions = Math.max(1, Math.floor(lines / 25));
  for (let f = 0; f < functions; f++) parts.push(`FN:${1 + f * 25},fn${f}\n`);
  for (let f = 0; f < functions; f++) parts.push(`FNDA:${prng.int(0, 40)},fn${f}\n`);
  parts.push(`FNF:${functions}\nFNH:${functions}\n`);
  let hit = 0;
  let found = 0;
  for (let line = 1; line <= lines; line++) {
    if (prng.next() < 0.3) continue;
    const hits = prng.next() < 0.8 ? prng.int(1, 500) : 0;
    found++;
    if (hits > 0) hit++;
    parts.push(`DA:${line},${hits}\n`);
    if (prng.next() < 0.05) parts.push(`BRDA:${line},0,0,${hits > 0 ? prng.int(0, 9) : "-"}\nBRDA:${line},0,1,${hits > 0 ? prng.int(0, 9) : "-"}\n`);
  }
  parts.push(`LF:${found}\nLH:${hit}\nend_of_record\n`);
  return parts.join("");
}
