import type { ConfigInput } from "../../../src/config/schema.js";

/**
 * One corpus case: a PR as its author wrote it, the config, and what a user of the named source
 * expects the ticket check to conclude. The cases are written in our own words; `source` names
 * the test suite, vendor document or public PR the behaviour comes from.
 */
export interface CorpusCase {
  source: string;
  name: string;
  pr: {
    title?: string;
    branch?: string;
    body?: string;
    commits?: string[];
    author?: string;
    /** GitHub's `user.type === "Bot"`. */
    bot?: boolean;
    labels?: string[];
  };
  tickets?: ConfigInput["tickets"];
  /** The GitHub host the app talks to; github.com unless a case says otherwise. */
  host?: string;
  expected: "pass" | "fail" | "exempt";
  /** Set when the only reference sits in text GitHub does not show (comments, code, quotes). */
  hidden?: true;
  /** When given, exactly these references (provider:id) must be found. */
  ids?: string[];
}

export const LINEAR = { providers: [{ linear: { teams: ["ENG", "DES"] } }] } satisfies ConfigInput["tickets"];
export const JIRA_ONLY = { providers: ["jira"] } satisfies ConfigInput["tickets"];
export const GITHUB_ONLY = { providers: ["github"] } satisfies ConfigInput["tickets"];
