import { judgeCoverage } from "../../coverage/judge-coverage.js";
import type { CheckDefinition } from "../check-definition.js";
import { gatherCoverageFacts } from "./gather-coverage-facts.js";

/**
 * `shipshape/coverage`. On a PR event it judges only from stored reports and runs: a head with
 * neither is `silent` (nothing posted; its workflow_run will post), so `synchronize` costs no
 * request here. Reports arrive through `on-workflow-run.ts` and the upload API.
 */
export const coverageCheck: CheckDefinition = {
  key: "coverage",
  enabled: (config) => config.coverage.enabled,
  // The coverage section has no mode: a miss fails, as teams coming from Codecov expect.
  mode: () => "required",
  async evaluate(input) {
    const facts = await gatherCoverageFacts(input);
    return { result: facts ? judgeCoverage(facts) : { outcome: "silent" } };
  },
};
