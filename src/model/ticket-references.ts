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
