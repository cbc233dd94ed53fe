/** The kinds of ticket reference Shipshape knows (README: `tickets.providers`). */
export type ProviderName = "github" | "jira" | "linear" | "asana" | "azure-boards" | "shortcut" | "pattern";

/** Where a reference may be found; `commit` is one commit message. */
export type Place = "title" | "branch" | "body" | "commit";

/** An issue a GitHub reference names; `owner`/`repo` are the PR's own repo for a bare `#123`. */
export interface IssueRef {
  owner: string;
  repo: string;
  number: number;
}

/** One reference a provider found in one text. */
export interface Match {
  provider: ProviderName;
  /** As shown to users, normalised (ENG-123, #12, acme/api#7). */
  id: string;
  /** Set for GitHub references, so `verify` can look them up. */
  issue?: IssueRef;
}

/** A match plus where it was found, e.g. "title" or "commit abc1234". */
export interface TicketReference extends Match {
  where: string;
}

/** Finds the references of one provider in one text. Pure; never throws on any input. */
export type Matcher = (text: string, place: Place, context: MatchContext) => Match[];

export interface MatchContext {
  /** The PR's own repository, for bare `#123`. */
  owner: string;
  repo: string;
  /**
   * The GitHub host the app talks to (`github.com`, or `GHE_HOST` on GitHub Enterprise Server):
   * issue URLs count only there. Absent means `github.com`.
   */
  host?: string;
}

/** What `GET /repos/{owner}/{repo}/issues/{n}` said about a GitHub reference. */
export type IssueKind = "issue" | "pull-request" | "missing";

/** The ticket systems Shipshape can look a reference up in (`tickets.verify`). */
export type VerifiedProvider = "github" | "jira" | "linear";

/**
 * What the ticket system said about one reference (ADR 0013). `found` carries what the summary
 * shows; `group` is the system's own grouping of the status (GitHub `open`/`closed`, Jira's status
 * category `new`/`indeterminate`/`done`, Linear's state type `started`/`completed`/...).
 */
export type TicketLookup =
  | { kind: "found"; title: string; status: string; group: string; url: string }
  | { kind: "pull-request"; title?: string; url?: string }
  | { kind: "missing" }
  /** Unreachable, timed out, 5xx or rate-limited: not the PR's fault. `reason`: "Jira answered 503". */
  | { kind: "unreachable"; reason: string }
  /** Credentials refused or absent: the operator's to fix. `reason` names no secret. */
  | { kind: "misconfigured"; reason: string };
