import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { applyIncidentEvent } from "../metrics/apply-incident-event.js";
import { getIncidentIssue, recordIncidentEvent } from "../store/incidents.js";
import { recordRepository } from "../store/metric-repos.js";
import { metricsConfig } from "./metrics-config.js";

/** The `issues` actions that can make an issue start or stop counting as an incident. */
export const RECORDED_ISSUE_ACTIONS = [
  "issues.opened",
  "issues.closed",
  "issues.reopened",
  "issues.labeled",
  "issues.unlabeled",
  "issues.deleted",
  "issues.transferred",
] as const;

type IssuePayload = Context<"issues">["payload"];

/**
 * `issues`: an issue counts as an incident (time to restore, change failures) while its newest
 * snapshot carries one of `metrics.incident_labels` and it is still in the repo. Other issues
 * are stored only once they touch an incident label, so a removal that arrives before the
 * labelling still wins (it is newer).
 */
export function recordIssue(deps: AppDeps) {
  return async (context: Context<"issues">): Promise<void> => {
    const payload = context.payload as IssuePayload & { label?: { name?: string } };
    const { issue, repository } = payload;
    const key = { repoId: repository.id, number: issue.number };
    const config = await metricsConfig(deps, context as unknown as Context, { id: repository.id, owner: repository.owner.login, name: repository.name });
    if (!config.incidents.includes("labels")) return;
    const incidentLabels = new Set(config.incident_labels.map((label) => label.toLowerCase()));
    const labels = (issue.labels ?? []).map((label) => (typeof label === "string" ? label : (label?.name ?? "")).toLowerCase());
    const labelled = labels.some((label) => incidentLabels.has(label));
    const removedIncidentLabel = payload.action === "unlabeled" && incidentLabels.has((payload.label?.name ?? "").toLowerCase());
    if (!labelled && !removedIncidentLabel && !(await getIncidentIssue(deps.db, key))) return;
    const asOf = Date.parse(issue.updated_at);
    await recordRepository(deps.db, { repoId: repository.id, owner: repository.owner.login, name: repository.name, at: asOf, htmlUrl: repository.html_url });
    await recordIncidentEvent(
      deps.db,
      {
        kind: "snapshot",
        ...key,
        title: issue.title,
        openedAt: Date.parse(issue.created_at),
        closedAt: issue.closed_at ? Date.parse(issue.closed_at) : null,
        labelled,
        asOf,
      },
      applyIncidentEvent,
    );
    // A transferred issue lives on under another number in another repo (whose own events record it there).
    if (payload.action === "deleted" || payload.action === "transferred") await recordIncidentEvent(deps.db, { kind: "gone", ...key, at: asOf }, applyIncidentEvent);
  };
}
