import { z } from "zod";
import { configSchema } from "./schema.js";

/** The JSON Schema of `.github/shipshape.yml`, as committed in `schema.json` for editors. */
export function configJsonSchema(): string {
  const schema = {
    ...z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }),
    title: "Shipshape configuration (.github/shipshape.yml)",
  };
  // `_extends` is Probot's, not ours, but it is allowed at the top of the file.
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  (schema as { properties?: Record<string, unknown> }).properties = {
    _extends: { type: "string", description: "Probot: inherit from another repo's file, e.g. `.github` or `acme/shared:.github/shipshape.yml`." },
    ...properties,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
