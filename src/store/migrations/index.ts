import type { Migration } from "kysely";
import * as foundation from "./0001-foundation.js";

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
};
