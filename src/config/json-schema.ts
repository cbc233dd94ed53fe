import { z } from "zod";
import { configSchema } from "./schema.js";

/** A node of the generated JSON Schema, as far as Shipshape reads it back. */
export interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  [key: string]: unknown;
}

/** The JSON Schema of `.github/shipshape.yml` as an object: for editors and for "did you mean". */
export function configJsonSchemaObject(): JsonSchemaNode {
  const schema = {
    ...(z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode),
    title: "Shipshape configuration (.github/shipshape.yml)",
  };
  // `_extends` is Probot's, not ours, but it is allowed at the top of the file.
  schema.properties = {
    _extends: { type: "string", description: "Probot: inherit from another repo's file, e.g. `.github` or `acme/shared:.github/shipshape.yml`." },
    ...schema.properties,
  };
  return schema;
}

/** The JSON Schema of `.github/shipshape.yml`, as committed in `schema.json` for editors. */
export function configJsonSchema(): string {
  return `${JSON.stringify(configJsonSchemaObject(), null, 2)}\n`;
}
