import type { CheckDefinition } from "./check-definition.js";
import { ticketCheck } from "./ticket/ticket-check.js";
import { adrCheck } from "./adr/adr-check.js";
import { coverageCheck } from "./coverage/coverage-check.js";

/**
 * Every policy, in the order they run. Each is a gather step plus a pure rule; the pull-request
 * pipeline runs every enabled one and posts its check run.
 */
export const checks: CheckDefinition[] = [ticketCheck, adrCheck, coverageCheck];
