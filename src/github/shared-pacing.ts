import Bottleneck from "bottleneck";
import { Redis } from "ioredis";

/**
 * The queues plugin-throttling schedules on, with its own limits (plugin-throttling 9/11):
 * `write` is GitHub's advised one write a second per installation.
 */
const QUEUES = {
  global: { maxConcurrent: 10 },
  auth: { maxConcurrent: 1 },
  search: { maxConcurrent: 1, minTime: 2_000 },
  write: { maxConcurrent: 1, minTime: 1_000 },
  notifications: { maxConcurrent: 1, minTime: 3_000 },
} as const;
export type QueueName = keyof typeof QUEUES;

/** How long a queue key lives in Redis after its last job (plugin-throttling's default). */
const KEY_TIMEOUT_MS = 120_000;
/** A job admitted through Redis whose process died frees its slot after this (as plugin-throttling does). */
const JOB_EXPIRATION_MS = 60_000;

/** The part of a Bottleneck group plugin-throttling calls: `group.key(id).schedule(options, fn, ...args)`. */
export interface PacingQueue {
  key(id: string): { schedule(options: Bottleneck.JobOptions, fn: Job, ...args: unknown[]): Promise<unknown> };
}

type Job = (...args: unknown[]) => PromiseLike<unknown>;

/** What plugin-throttling takes in `throttle`: its queues, ours, shared through Redis while Redis answers. */
export type PacingQueues = Record<QueueName, PacingQueue>;

export interface SharedPacing {
  throttle: PacingQueues;
  /** True while Redis answers and the queues are shared across processes. */
  readonly shared: boolean;
  close(): Promise<void>;
}

interface PacingLog {
  warn(message: string): void;
  info(message: string): void;
  error(message: string): void;
}

export const REDIS_LOST = "Check Redis (REDIS_URL): it stopped answering, so each replica now paces its GitHub writes alone until Redis is back; nothing is lost.";
export const REDIS_BACK = "Redis for shared GitHub pacing is back: replicas share their GitHub write queues again.";

/**
 * GitHub pacing shared across replicas through Redis (`REDIS_URL`), with its own `ioredis`
 * connection (Probot never installs ioredis at run time), and a fallback: while Redis is gone,
 * every queue runs in this process (per-process pacing), with one log line when it goes and one
 * when it is back. Bottleneck's Redis store alone would leave queued jobs waiting forever and fail
 * new ones ("max retries per request") when Redis goes away (ADR 0068).
 */
export function sharedPacing(redisUrl: string, log: PacingLog): SharedPacing {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const connection = new Bottleneck.IORedisConnection({ client });
  const link = createLink();
  const groups = {} as Record<QueueName, Bottleneck.Group>;
  const renewGroups = () => {
    for (const [name, limits] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
      const stale = groups[name];
      const fresh = new Bottleneck.Group({ id: `octokit-${name}`, ...limits, timeout: KEY_TIMEOUT_MS, connection });
      // A limiter's own Redis errors (a heartbeat while Redis is gone) are the connection's, said above.
      fresh.on("created", (limiter: Bottleneck) => limiter.on("error", () => undefined));
      groups[name] = fresh;
      // Their jobs moved to the local queues when Redis went; stop their heartbeats.
      for (const { limiter } of stale?.limiters() ?? []) void Promise.resolve().then(() => limiter.disconnect(false)).catch(() => undefined);
    }
  };
  renewGroups();
  client.on("ready", () => {
    if (link.up) return;
    // A Redis that comes back after a restart is empty, and Bottleneck's limiters from before
    // never set their queue up again there (on Redis 7 it answers "ERR SETTINGS_KEY_NOT_FOUND",
    // which Bottleneck does not recognise): every job would fail over to this process's queue, in
    // silence. Fresh groups set their queues up in Redis again, so the replicas share them.
    renewGroups();
    link.set(true);
    log.info(REDIS_BACK);
  });
  client.on("close", () => {
    if (link.set(false)) log.warn(REDIS_LOST);
  });
  // While Redis is gone each reconnect attempt errors: the line above said it once.
  connection.on("error", (error: Error) => {
    if (link.up) log.error(`Redis for shared GitHub pacing: ${error.message}; check REDIS_URL and the Redis server`);
  });

  const throttle = {} as PacingQueues;
  const local = localPacing();
  for (const [name, limits] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
    throttle[name] = switchingQueue(() => groups[name], local[name], link, "minTime" in limits ? limits.minTime : 0);
  }

  return {
    throttle,
    get shared() {
      return link.up;
    },
    async close() {
      await connection.disconnect(false);
    },
  };
}

interface Link {
  readonly up: boolean;
  /** When the link last went down (ms), 0 if never. */
  readonly downAt: number;
  /** Sets the state; true when it changed. */
  set(up: boolean): boolean;
  /** Calls `listener` once when the link goes down; returns the unsubscribe. */
  onDown(listener: () => void): () => void;
}

function createLink(): Link {
  // Up until the first connection fails: jobs wait in Bottleneck for the connection meanwhile.
  let up = true;
  let downAt = 0;
  const listeners = new Set<() => void>();
  return {
    get up() {
      return up;
    },
    get downAt() {
      return downAt;
    },
    set(next) {
      if (next === up) return false;
      up = next;
      if (!next) {
        downAt = Date.now();
        const waiting = [...listeners];
        listeners.clear();
        for (const listener of waiting) listener();
      }
      return true;
    },
    onDown(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * One queue that schedules through Redis while the link is up, else in this process. A job
 * waiting in Redis when the link goes down moves to the local queue; it runs once either way
 * (the Redis slot, if it still comes, runs nothing). A moved job waits one interval (`minTime`)
 * first: the last job through Redis may have just run.
 */
function switchingQueue(shared: () => Bottleneck.Group, local: PacingQueue, link: Link, minTime: number): PacingQueue {
  return {
    key(id) {
      return {
        schedule(options, fn, ...args) {
          const runLocally = () => local.key(id).schedule(options, () => fn(...args));
          // Just after Redis went, the last job through it may have just run: wait one interval.
          const wait = link.downAt + minTime - Date.now();
          if (!link.up) return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)).then(runLocally) : runLocally();
          return new Promise<unknown>((resolve, reject) => {
            let moved = false;
            let started = false;
            const move = () => {
              if (moved || started) return;
              moved = true;
              setTimeout(() => runLocally().then(resolve, reject), minTime);
            };
            const stopWatching = link.onDown(move);
            const job = async (): Promise<unknown> => {
              if (moved) return undefined;
              started = true;
              return fn(...args);
            };
            shared()
              .key(id)
              .schedule({ ...options, expiration: JOB_EXPIRATION_MS }, job)
              .then(
                (value) => {
                  stopWatching();
                  if (!moved) resolve(value);
                },
                (error: unknown) => {
                  stopWatching();
                  // The job's own failure (the request's) is the caller's; Bottleneck's (Redis) is not.
                  if (started) reject(error);
                  else move();
                },
              );
          });
        },
      };
    },
  };
}

/** plugin-throttling's five queues, with its limits, in this process only (no `REDIS_URL`, or Redis gone). */
export function localPacing(): PacingQueues {
  const queues = {} as PacingQueues;
  for (const [name, limits] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
    queues[name] = new Bottleneck.Group({ ...limits, timeout: KEY_TIMEOUT_MS });
  }
  return queues;
}

/** The one start-up warning for replicas on PostgreSQL without Redis: each paces its writes alone. */
export function pacingWarning(env: { databaseUrl?: string | undefined; redisUrl?: string | undefined }): string | undefined {
  if (!env.databaseUrl || env.redisUrl) return undefined;
  return "Set REDIS_URL when running more than one replica: without it each replica paces its GitHub writes alone, so a busy installation gets one write a second from each replica and may hit secondary rate limits.";
}
