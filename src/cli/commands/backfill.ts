import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { createProbot } from "probot";
import { DEFAULT_BACKFILL_SHARE, realClock, runStoredJob, workerName } from "../../backfill/backfill-runner.js";
import { progressLine, type BackfillOutcome } from "../../backfill/run-backfill.js";
import { getRepository } from "../../github/get-repository.js";
import { getRepositoryInstallation } from "../../github/get-repository-installation.js";
import type { GitHub } from "../../github/octokit.js";
import { createBackfillJob, getBackfillJob, type BackfillJob } from "../../store/backfill-jobs.js";
import type { Db } from "../../store/db.js";
import type { CliCommand, CliContext } from "../context.js";

const USAGE = "Usage: shipshape backfill owner/repo [--days N] [--restart]";

export const backfillCommand: CliCommand = {
  name: "backfill",
  summary: "backfill owner/repo [--days N]: import past merged PRs, deployments and incidents, with a progress bar",
  usage: [
    USAGE,
    "",
    "Imports the repository's merged pull requests (commits and reviews), production deployments",
    "(and their statuses) and incident issues of the last N days, so cycle time and DORA figures",
    "exist from day one. The app does the same on installation, in the background.",
    "",
    "  --days N     how far back (default: SHIPSHAPE_BACKFILL_DAYS, else 90)",
    "  --restart    start over even if an import of this repo is unfinished",
    "",
    "Resumable: stop it (Ctrl-C) or lose the process, and the same command continues from the",
    "last page stored. It spends at most SHIPSHAPE_BACKFILL_RATE_SHARE (default 0.5) of what",
    "remains of the installation's rate limit, and waits for the reset when that is used up.",
    "Needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), plus GHE_HOST for GitHub Enterprise,",
    "and the store of the app (DATABASE_URL or SHIPSHAPE_DATA_DIR).",
  ].join("\n"),
  async run(args, context) {
    const parsed = parseOptions(args, context);
    if (!parsed) return 2;
    const env = context.env.probot;
    if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
      context.err("Set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to the GitHub App's: the import reads GitHub as the app's installation.");
      return 2;
    }
    const probot = createProbot({ env });
    const appOctokit = (await probot.auth()) as GitHub;
    const installationId = await getRepositoryInstallation({ appOctokit, owner: parsed.owner, repo: parsed.repo });
    if (installationId === null) {
      context.err(`Install the app on ${parsed.owner}/${parsed.repo} first: it has no installation there (or the repository does not exist).`);
      return 1;
    }
    const octokit = (await probot.auth(installationId)) as GitHub;
    const repo = await getRepository({ octokit, owner: parsed.owner, repo: parsed.repo });
    const db = await context.db();
    const { job } = await createBackfillJob(db, {
      repoId: repo.id,
      owner: repo.owner,
      repo: repo.name,
      installationId,
      days: parsed.days,
      now: Date.now(),
      restart: parsed.restart,
    });
    return importWithProgress({ db, job, octokit, context, share: parsed.share });
  },
};

function parseOptions(args: string[], context: CliContext): { owner: string; repo: string; days: number; restart: boolean; share: number } | undefined {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { days: { type: "string" }, restart: { type: "boolean" } } }));
  } catch (error) {
    context.err(`${error instanceof Error ? error.message : String(error)}. ${USAGE}`);
    return undefined;
  }
  const [owner, repo, ...extra] = (positionals[0] ?? "").split("/");
  if (positionals.length !== 1 || !owner || !repo || extra.length > 0) {
    context.err(USAGE);
    return undefined;
  }
  const { settings } = context.env;
  const days = values.days === undefined ? settings.backfillDays : Number(values.days);
  const share = settings.backfillShare ?? DEFAULT_BACKFILL_SHARE;
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    context.err(`--days must be a whole number of days from 1 to 3650, not "${values.days}".`);
    return undefined;
  }
  return { owner, repo, days, restart: values.restart === true, share };
}

async function importWithProgress(params: { db: Db; job: BackfillJob; octokit: GitHub; context: CliContext; share: number }): Promise<number> {
  const { db, job, octokit, context } = params;
  const name = `${job.owner}/${job.repo}`;
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once("SIGINT", onSigint);
  const bar = context.interactive ? progressBar(name) : undefined;
  const show = (current: BackfillJob, status?: string) => {
    if (bar) {
      bar.setTotal(Math.max(current.total ?? 0, current.done));
      bar.update(current.done, { deployments: current.deployments, incidents: current.incidents, status: status ?? current.phase.replace("_", " ") });
    }
  };
  bar?.start(0, 0, { deployments: 0, incidents: 0, status: "starting" });
  let outcome: BackfillOutcome;
  try {
    outcome = await runStoredJob({
      db,
      job,
      octokit,
      worker: workerName(),
      clock: realClock(abort.signal),
      share: params.share,
      signal: abort.signal,
      log: {
        // With a bar, its status column says what the log would; without one, each page is a line.
        info: (message) => (bar ? show(job, message.replace(/^backfill [^:]+: /, "")) : context.out(message)),
        warn: (message) => (bar ? show(job, message.replace(/^backfill [^:]+: /, "")) : context.err(message)),
      },
      onProgress: (current) => {
        Object.assign(job, current);
        show(current);
      },
    });
    const takeOver = () =>
      runStoredJob({ db, job, octokit, worker: workerName(), clock: realClock(abort.signal), share: params.share, signal: abort.signal, log: { info: (m) => context.out(m), warn: (m) => context.err(m) }, onProgress: (current) => show(current) });
    if (outcome === "busy") outcome = await followOtherProcess({ db, job, show, context, signal: abort.signal, takeOver });
  } finally {
    bar?.stop();
    process.removeListener("SIGINT", onSigint);
  }
  return report(await getBackfillJob(db, job.repoId), outcome, context, name);
}

/** The job is leased by another process (the running app): show its progress until it ends. */
async function followOtherProcess(params: {
  db: Db;
  job: BackfillJob;
  show: (job: BackfillJob) => void;
  context: CliContext;
  signal: AbortSignal;
  /** Runs the job here; "busy" while the other process still holds its lease. */
  takeOver: () => Promise<BackfillOutcome>;
}): Promise<BackfillOutcome> {
  params.context.err(`${params.job.owner}/${params.job.repo} is being imported by another Shipshape process; following its progress.`);
  for (;;) {
    const current = await getBackfillJob(params.db, params.job.repoId);
    if (!current || current.state === "done") return "done";
    if (current.state === "failed") return "failed";
    // Its lease ran out: the process that held it died, so this one continues the job.
    if (current.lockedUntil === null || current.lockedUntil < Date.now()) {
      params.context.err(`${params.job.owner}/${params.job.repo}: the other process stopped renewing its lease; continuing the import here.`);
      const outcome = await params.takeOver();
      if (outcome !== "busy") return outcome;
    }
    params.show(current);
    if (params.signal.aborted) return "stopped";
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

function report(job: BackfillJob | undefined, outcome: BackfillOutcome, context: CliContext, name: string): number {
  if (!job) return 1;
  if (outcome === "done") {
    context.out(`Imported ${name}, last ${job.days} days: ${job.done} merged PRs, ${job.deployments} production deployments, ${job.incidents} incidents (${job.requests} GitHub requests).`);
    return 0;
  }
  if (outcome === "stopped") {
    context.err(`Stopped after ${progressLine(job)}. Run the same command to continue from there.`);
    return 130;
  }
  context.err(`Import of ${name} failed at ${job.phase.replace("_", " ")}: ${job.lastError ?? "unknown error"}. Run the same command to continue from there.`);
  return 1;
}

function progressBar(name: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    {
      format: `${name} [{bar}] {value}/{total} merged PRs | {deployments} deployments | {incidents} incidents | {status}`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
}
