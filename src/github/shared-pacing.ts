import Bottleneck from "bottleneck";
import { Redis } from "ioredis";

/** What plugin-throttling needs to share its queues across processes (`throttle.Bottleneck`, `throttle.connection`). */
export interface SharedPacing {
  throttle: { Bottleneck: typeof Bottleneck; connection: Bottleneck.IORedisConnection };
  close(): Promise<void>;
}

/**
 * The Redis connection for shared GitHub pacing, built here from `REDIS_URL` with the `ioredis`
 * dependency, so Probot never installs ioredis at run time (it would with `npx-import`).
 */
export function sharedPacing(redisUrl: string, log: { error(message: string): void }): SharedPacing {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const connection = new Bottleneck.IORedisConnection({ client });
  connection.on("error", (error: Error) => log.error(`Redis for shared GitHub pacing: ${error.message}; check REDIS_URL and the Redis server`));
  return {
    throttle: { Bottleneck, connection },
    async close() {
      await connection.disconnect(false);
    },
  };
}

/** The one start-up warning for replicas on PostgreSQL without Redis: each paces its writes alone. */
export function pacingWarning(env: { databaseUrl?: string | undefined; redisUrl?: string | undefined }): string | undefined {
  if (!env.databaseUrl || env.redisUrl) return undefined;
  return "Set REDIS_URL when running more than one replica: without it each replica paces its GitHub writes alone, so a busy installation gets one write a second from each replica and may hit secondary rate limits.";
}
