import { CHECK_KEYS, type CheckKey } from "../model/checks.js";
import type { CheckDefinition } from "./check-definition.js";
import { ticketCheck } from "./ticket/ticket-check.js";
import { adrCheck } from "./adr/adr-check.js";
import { coverageCheck } from "./coverage/coverage-check.js";

/**
 * Each policy of the registry (`CHECKS` in src/model/checks.ts) mapped to its definition: a
 * gather step plus a pure rule. The type demands one entry per key, so a check added to the
 * registry cannot be forgotten here.
 */
const definitions: Record<CheckKey, CheckDefinition> = {
  ticket: ticketCheck,
  adr: adrCheck,
  coverage: coverageCheck,
};

/** Every policy, in the registry's order; the pull-request pipeline runs every enabled one. */
export const checks: CheckDefinition[] = CHECK_KEYS.map((key) => definitions[key]);
