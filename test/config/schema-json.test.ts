import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/config/json-schema.js";

describe("schema.json", () => {
  it("is what the zod schema generates (run `npm run schema` after changing it)", () => {
    expect(readFileSync(new URL("../../schema.json", import.meta.url), "utf8")).toBe(configJsonSchema());
  });

  it("documents every key and forbids unknown ones", () => {
    const schema = JSON.parse(configJsonSchema()) as { properties: Record<string, { description?: string; additionalProperties?: boolean }> };
    for (const section of ["tickets", "adr", "coverage", "metrics"]) {
      expect(schema.properties[section]?.description).toBeTruthy();
      expect(schema.properties[section]?.additionalProperties).toBe(false);
    }
  });
});
