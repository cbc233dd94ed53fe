import { deliverySubject } from "../../inbox/delivery-subject.js";
import { formatMoment } from "../../reporting/format.js";
import { getDelivery, listDeadDeliveries, retryDeadDeliveries } from "../../store/deliveries.js";
import type { CliCommand } from "../context.js";

export const deliveriesCommand: CliCommand = {
  name: "deliveries",
  summary: "deliveries failed | retry <id…|--all>: list and replay dead letters",
  usage: [
    "Usage: shipshape deliveries failed",
    "       shipshape deliveries retry <delivery-id> [<delivery-id> …]",
    "       shipshape deliveries retry --all",
    "",
    "failed: the deliveries whose every attempt failed (dead letters), newest first, with the last error.",
    "retry:  puts them back in the inbox with fresh attempts; a running app processes them within seconds.",
  ].join("\n"),
  async run(args, context) {
    const [verb, ...rest] = args;
    const db = await context.db();
    if (verb === "failed" && rest.length === 0) {
      const dead = await listDeadDeliveries(db);
      if (dead.length === 0) {
        context.out("No failed deliveries.");
        return 0;
      }
      context.out(`${dead.length} failed ${dead.length === 1 ? "delivery" : "deliveries"} (replay with \`shipshape deliveries retry --all\`):`);
      const now = new Date();
      for (const delivery of dead) {
        const event = delivery.action ? `${delivery.event}.${delivery.action}` : delivery.event;
        // One payload at a time: a push can be megabytes, and the list is up to 100 long.
        const { repo, pr } = deliverySubject((await getDelivery(db, delivery.delivery_id))?.payload ?? "");
        const about = repo ? `${repo}${pr === undefined ? "" : `#${pr}`}` : "no repository";
        context.out(`  ${delivery.delivery_id}  ${event}  ${about}  received ${formatMoment(new Date(delivery.received_at), now)}  ${delivery.attempts} attempts  last error: ${delivery.last_error ?? "unknown"}`);
      }
      return 0;
    }
    if (verb === "retry" && rest.length > 0) {
      const ids = rest.includes("--all") ? "all" : rest;
      const count = await retryDeadDeliveries(db, { deliveryIds: ids });
      context.out(count === 0 ? "Nothing to retry: no matching failed delivery." : `Queued ${count} ${count === 1 ? "delivery" : "deliveries"} again.`);
      return count === 0 && ids !== "all" ? 1 : 0;
    }
    context.err("Usage: shipshape deliveries failed | shipshape deliveries retry <id…|--all>");
    return 2;
  },
};
