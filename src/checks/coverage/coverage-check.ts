import { coverageCommentBody } from "../../coverage/coverage-comment.js";
import { judgeCoverageWithFigures } from "../../coverage/judge-coverage.js";
import type { CheckDefinition, Evaluation } from "../check-definition.js";
import { gatherCoverageFacts } from "./gather-coverage-facts.js";

/** The sticky comment's feature key: one coverage comment per PR. */
export const COVERAGE_COMMENT_FEATURE = "coverage";

/**
 * `shipshape/coverage`. On a PR event it judges only from stored reports and runs: a head with
 * neither is `silent` (nothing posted; its workflow_run will post), so `synchronize` costs no
 * request here. Reports arrive through `on-workflow-run.ts` and the upload API. With
 * `coverage.comment` on, the judged figures also go to one PR comment (ADR 0035).
 */
export const coverageCheck: CheckDefinition = {
  key: "coverage",
  enabled: (config) => config.coverage.enabled,
  // The coverage section has no mode: a miss fails, as teams coming from Codecov expect.
  mode: () => "required",
  async evaluate(input): Promise<Evaluation> {
    const facts = await gatherCoverageFacts(input);
    if (!facts) return { result: { outcome: "silent" } };
    const { result, figures } = judgeCoverageWithFigures(facts);
    const mode = input.config.coverage.comment;
    if (mode === "off" || !figures || result.outcome === "silent") return { result };
    // on-failure: a miss (informational or not) posts the comment; later figures only edit it.
    const create = mode === "always" || figures.patchMiss || figures.projectMiss;
    return { result, comment: { feature: COVERAGE_COMMENT_FEATURE, body: coverageCommentBody({ facts, figures, result }), create } };
  },
};
