import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { isKnownIncident, recordIncident } from "../store/incidents.js";
import { recordRepository } from "../store/metric-repos.js";
import { metricsConfig } from "./metrics-config.js";

/** `issues` opened / closed / labeled: issues with an incident label are incidents (time to restore, change failures). */
export function recordIssue(deps: AppDeps) {
  return async (context: Context<"issues">): Promise<void> => {
    const { issue, repository } = context.payload;
    const key = { repoId: repository.id, number: issue.number };
    const labels = (issue.labels ?? []).map((label) => (typeof label === "string" ? label : (label?.name ?? "")).toLowerCase());
    const config = await metricsConfig(deps, context as unknown as Context, { owner: repository.owner.login, name: repository.name });
    const labelled = config.incident_labels.some((label) => labels.includes(label.toLowerCase()));
    if (!labelled && !(await isKnownIncident(deps.db, key))) return;
    await recordRepository(deps.db, { repoId: repository.id, owner: repository.owner.login, name: repository.name, at: Date.parse(issue.updated_at) });
    await recordIncident(deps.db, {
      ...key,
      title: issue.title,
      openedAt: Date.parse(issue.created_at),
      closedAt: issue.closed_at ? Date.parse(issue.closed_at) : null,
      asOf: Date.parse(issue.updated_at),
    });
  };
}
