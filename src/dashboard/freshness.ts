import type { BackfillStatus, Freshness } from "../reporting/figures.js";
import { formatAgo, formatMoment } from "../reporting/format.js";
import { escapeHtml } from "./escape-html.js";

/** One line of how current the page is: last update, backfills under way or failed, merged vs awaiting deployment. */
export function freshnessHtml(freshness: Freshness, now: Date): string {
  const updated = freshness.lastUpdatedAt
    ? `Data last updated <time datetime="${freshness.lastUpdatedAt}">${formatMoment(new Date(freshness.lastUpdatedAt), now)}</time> (${formatAgo(new Date(freshness.lastUpdatedAt), now)})`
    : "No data recorded yet";
  const flow = `<span data-merged="${freshness.merged}" data-awaiting="${freshness.awaitingDeployment}">${freshness.merged} merged, ${freshness.awaitingDeployment} awaiting deployment</span>`;
  const backfills = freshness.backfills.map((b) => `<li>${backfillHtml(b, now)}</li>`).join("");
  return `<section class="freshness" id="freshness"><p>${updated} · ${flow}</p>${backfills ? `<ul class="backfills">${backfills}</ul>` : ""}</section>`;
}

/** A backfill as a TPM needs it: how far it got, or why it stopped and how to continue. */
export function backfillHtml(b: BackfillStatus, now: Date): string {
  const progress = b.total === null ? `${b.done} PRs imported` : `${b.done} of ${b.total} PRs imported`;
  const attrs = `data-repo="${escapeHtml(b.repo)}" data-state="${b.state}"`;
  if (b.state === "failed") {
    const reason = b.lastError ? `: ${escapeHtml(b.lastError)}` : "";
    return `<span class="backfill failed" ${attrs}>Backfill of ${escapeHtml(b.repo)} failed ${formatAgo(new Date(b.updatedAt), now)} (${progress})${reason}. Run <code>shipshape backfill ${escapeHtml(b.repo)}</code> to continue where it stopped; until then older figures are missing.</span>`;
  }
  const phase = b.phase === "pull_requests" ? "pull requests" : b.phase;
  return `<span class="backfill" ${attrs}>Backfill of ${escapeHtml(b.repo)} ${b.state === "pending" ? "queued" : `importing ${phase}`}: ${progress}; figures before it are incomplete.</span>`;
}
