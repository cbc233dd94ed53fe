import { readFile, writeFile } from "node:fs/promises";
import { configJsonSchema } from "../src/config/json-schema.js";

/**
 * Writes `schema.json` from the zod schema, the single source of truth.
 * `--check` exits 1 when the committed file is out of date (CI runs it; so does a test).
 */
const file = new URL("../schema.json", import.meta.url);
const text = configJsonSchema();

if (process.argv.includes("--check")) {
  const current = await readFile(file, "utf8").catch(() => "");
  if (current !== text) {
    console.error("schema.json is out of date: run `npm run schema` and commit it.");
    process.exit(1);
  }
  console.log("schema.json is up to date.");
} else {
  await writeFile(file, text);
  console.log("wrote schema.json");
}
