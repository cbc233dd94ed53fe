import { createHash } from "node:crypto";
import { splitOutput } from "../model/github-limits.js";
import type { CheckRunState } from "../model/checks.js";
import { getCheckRun, saveCheckRun } from "../store/check-runs.js";
import type { Db } from "../store/db.js";
import { createCheckRun } from "../github/create-check-run.js";
import { findCheckRunForRef } from "../github/find-check-run-for-ref.js";
import type { GitHub } from "../github/octokit.js";
import { updateCheckRun } from "../github/update-check-run.js";
import type { CheckRunFields } from "../model/check-run-fields.js";

export type UpsertOutcome = "created" | "updated" | "unchanged";

/**
 * Makes GitHub show `state` as the one check run for (repo, head SHA, name): creates it once,
 * updates it in place after, and sends nothing when what GitHub shows is already `state`.
 * Serialised per key so concurrent deliveries never create two.
 */
export async function upsertCheckRun(params: {
  octokit: GitHub;
  db: Db;
  repo: { id: number; owner: string; name: string };
  headSha: string;
  state: CheckRunState;
  now: Date;
}): Promise<UpsertOutcome> {
  const { octokit, db, repo, headSha, state, now } = params;
  const key = { repoId: repo.id, headSha, name: state.name };
  return db.withLock(`check-run:${repo.id}:${headSha}:${state.name}`, async () => {
    const hash = hashState(state);
    let stored = await getCheckRun(db, key);
    if (stored?.state_hash === hash) return "unchanged";
    if (stored?.check_run_id === CREATING) {
      // An earlier attempt died between asking GitHub to create it and recording its id: find it.
      const existing = await findCheckRunForRef({ octokit, owner: repo.owner, repo: repo.name, ref: headSha, name: state.name });
      stored = existing === undefined ? undefined : { ...stored, check_run_id: existing };
    }

    const { first, more } = splitOutput(state.output);
    const fields: CheckRunFields = {
      status: state.status,
      ...(state.status === "completed" ? { conclusion: state.conclusion, completed_at: now.toISOString() } : {}),
      output: first,
    };
    let checkRunId: number;
    if (stored) {
      checkRunId = stored.check_run_id;
      await updateCheckRun({ octokit, owner: repo.owner, repo: repo.name, checkRunId, fields });
    } else {
      await saveCheckRun(db, { repo_id: repo.id, head_sha: headSha, name: state.name, check_run_id: CREATING, state_hash: "", status: "creating", conclusion: null, updated_at: now.getTime() });
      checkRunId = await createCheckRun({
        octokit,
        owner: repo.owner,
        repo: repo.name,
        name: state.name,
        headSha,
        ...(state.status === "in_progress" ? { startedAt: now.toISOString() } : {}),
        fields,
      });
    }
    // Annotations past the first 50 go in further updates, which GitHub appends.
    for (const annotations of more) {
      await updateCheckRun({ octokit, owner: repo.owner, repo: repo.name, checkRunId, fields: { output: { title: first.title, summary: first.summary, annotations } } });
    }
    await saveCheckRun(db, {
      repo_id: repo.id,
      head_sha: headSha,
      name: state.name,
      check_run_id: checkRunId,
      state_hash: hash,
      status: state.status,
      conclusion: state.conclusion ?? null,
      updated_at: now.getTime(),
    });
    return stored ? "updated" : "created";
  });
}

/** Marks a check run being created: if the process dies before its id is stored, the next attempt looks it up. */
const CREATING = 0;

function hashState(state: CheckRunState): string {
  return createHash("sha256").update(JSON.stringify(state)).digest("hex");
}
