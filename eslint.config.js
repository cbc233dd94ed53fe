import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { layersPlugin } from "./eslint/layers.js";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "data/", "bench/results.json", "test/fixtures/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", fetch: "readonly", AbortController: "readonly", TextDecoder: "readonly", TextEncoder: "readonly", structuredClone: "readonly", performance: "readonly", setImmediate: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // docs/design.md: imports run only down the floors written in eslint/floors.json.
    files: ["src/**/*.ts"],
    plugins: { shipshape: layersPlugin },
    rules: { "shipshape/layers": "error" },
  },
  {
    files: ["src/cli/**", "scripts/**", "bench/**"],
    rules: { "no-console": "off" },
  },
);
