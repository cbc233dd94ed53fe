import { hostname } from "node:os";
import { storeFiguresSource } from "../reporting/load-figures.js";
import type { Db } from "../store/db.js";
import type { DigestLinks } from "./digest-lines.js";
import { startDigestScheduler, type DigestLog } from "./digest-scheduler.js";
import type { DigestSettings } from "./digest-settings.js";

/**
 * Starts the weekly digest from its settings (`SHIPSHAPE_DIGEST_WEBHOOKS`,
 * `SHIPSHAPE_DIGEST_SCHEDULE`, parsed at start with the rest of the environment): one line for the
 * server's start. Without webhooks it does nothing; a malformed entry is logged and skipped, never fatal.
 */
export function startDigests(params: { db: Db; now: () => Date; digest: { settings: DigestSettings; problems: string[] }; log: DigestLog; reviewActiveDays?: number | undefined; links?: DigestLinks }): { stop(): Promise<void> } {
  const { settings, problems } = params.digest;
  for (const problem of problems) params.log.warn({}, problem);
  if (settings.targets.length === 0) return { stop: async () => undefined };
  const { weekday, hour, minute } = settings.schedule;
  params.log.info({ targets: settings.targets.map((t) => t.key) }, `weekly digest on ISO weekday ${weekday} at ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")} UTC`);
  return startDigestScheduler({ db: params.db, now: params.now, source: storeFiguresSource(params.db, { reviewActiveDays: params.reviewActiveDays }), settings, log: params.log, ...(params.links ? { links: params.links } : {}), processId: `${hostname()}:${process.pid}` });
}
