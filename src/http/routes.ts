import type { AppDeps } from "../app-deps.js";
import type { Route } from "./types.js";

/** Every route of Shipshape's own HTTP surface besides the webhook intake; one line per feature. */
export function createRoutes(deps: AppDeps): Route[] {
  void deps;
  return [];
}
