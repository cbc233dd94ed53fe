import { sql, type RawBuilder } from "kysely";
import type { CheckKey } from "../model/checks.js";

/**
 * The stored outcome of `check` for the `pull_requests` row of the surrounding query, or null.
 * A correlated lookup rather than a join: it keeps one row per PR whatever checks exist, and the
 * covering index `pull_request_outcomes_lookup` answers it without reading the table.
 */
export function checkOutcome(check: CheckKey): RawBuilder<string | null> {
  return sql<string | null>`(select o.outcome from pull_request_outcomes o where o.repo_id = pull_requests.repo_id and o.number = pull_requests.number and o.check_key = ${sql.lit(check)})`;
}
