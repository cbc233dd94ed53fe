/** What the app asks of the backfill (src/backfill/backfill-runner.ts builds it); here so the app's dependencies need not import the backfill. */
export interface BackfillRepo {
  id: number;
  owner: string;
  name: string;
}

/**
 * Runs backfills in the background of the app process, from their stored jobs: a webhook only
 * stores the job (milliseconds), and a restart continues every unfinished job from its cursor.
 * Jobs run one at a time per process: they share the installation's rate limit anyway.
 */
export interface BackfillRunner {
  /** Stores a job per repo (an unfinished one is kept) and queues the runs; resolves once stored. */
  enqueue(params: { installationId: number; repos: BackfillRepo[]; days?: number }): Promise<void>;
  /** Queues every unfinished job in the store (at start). */
  resume(): Promise<void>;
  /**
   * Queues the unfinished jobs nobody holds any more (their lease ran out: the process that ran
   * them died). For a shared PostgreSQL store, called every few minutes; returns how many.
   */
  takeOverLapsed(): Promise<number>;
  /** Resolves when every queued run has ended. */
  idle(): Promise<void>;
  /** Stops after the current page (or wait) of the running job and hands it back. */
  stop(): Promise<void>;
}
