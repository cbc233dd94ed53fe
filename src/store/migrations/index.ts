import type { Migration } from "kysely";
import * as foundation from "./0001-foundation.js";
import * as coverage from "./0030-coverage.js";
import * as metrics from "./0040-metrics.js";
import * as backfill from "./0045-backfill.js";
import * as digest from "./0050-digest.js";
import * as dashboardSessions from "./0051-dashboard-sessions.js";
import * as commandReplies from "./0060-command-replies.js";
import * as checkOutcomes from "./0061-check-outcomes.js";
import * as coverageLineBranches from "./0066-coverage-line-branches.js";
import * as deploymentSources from "./0075-deployment-sources.js";
import * as incidentStates from "./0080-incident-states.js";
import * as teamsReviews from "./0085-teams-reviews.js";
import * as revertsSettings from "./0095-reverts-settings.js";
import * as readTokens from "./0105-read-tokens.js";
import * as teamFingerprints from "./0115-team-fingerprints.js";
import * as repoWebUrls from "./0125-repo-web-urls.js";
import * as githubSessions from "./0130-github-sessions.js";
import * as mergedIndexAuthor from "./0135-merged-index-author.js";
import * as deployedIndexCovering from "./0140-deployed-index-covering.js";

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0030-coverage": coverage,
  "0040-metrics": metrics,
  "0045-backfill": backfill,
  "0050-digest": digest,
  "0051-dashboard-sessions": dashboardSessions,
  "0060-command-replies": commandReplies,
  "0061-check-outcomes": checkOutcomes,
  "0066-coverage-line-branches": coverageLineBranches,
  "0075-deployment-sources": deploymentSources,
  "0080-incident-states": incidentStates,
  "0085-teams-reviews": teamsReviews,
  "0095-reverts-settings": revertsSettings,
  "0105-read-tokens": readTokens,
  "0115-team-fingerprints": teamFingerprints,
  "0125-repo-web-urls": repoWebUrls,
  "0130-github-sessions": githubSessions,
  "0135-merged-index-author": mergedIndexAuthor,
  "0140-deployed-index-covering": deployedIndexCovering,
};
