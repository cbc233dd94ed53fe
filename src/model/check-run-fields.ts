import type { CheckRunState, Conclusion, ResultText } from "./checks.js";

/** What a check-run request sets besides its identity: the state as GitHub's API spells it. */
export interface CheckRunFields {
  status: CheckRunState["status"];
  conclusion?: Conclusion;
  /** ISO time; sent with a conclusion only. */
  completed_at?: string;
  output: ResultText;
}
