import { readFile, writeFile } from "node:fs/promises";
import { z } from "zod";
import { configSchema } from "../src/config/schema.js";

/**
 * Writes `schema.json` (JSON Schema of `.github/shipshape.yml`) from the zod schema, the single
 * source of truth. `--check` exits 1 when the committed file is out of date (CI runs it).
 */
const file = new URL("../schema.json", import.meta.url);
const schema = {
  ...z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }),
  title: "Shipshape configuration (.github/shipshape.yml)",
};
// `_extends` is Probot's, not ours, but it is allowed at the top of the file.
(schema as { properties?: Record<string, unknown> }).properties = {
  _extends: { type: "string", description: "Probot: inherit from another repo's file, e.g. `.github` or `acme/shared:.github/shipshape.yml`." },
  ...(schema as { properties?: Record<string, unknown> }).properties,
};
const text = `${JSON.stringify(schema, null, 2)}\n`;

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
