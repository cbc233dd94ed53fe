import type { ParkingLot } from "../lib/parking.js";
import type { PacingQueue, PacingQueues, QueueName } from "./shared-pacing.js";

/**
 * The same queues, telling the delivery that queued a request while it waits for its turn
 * (`ParkingLot.waiting`): the inbox worker then lends its slot to another delivery (ADR 0078).
 * The request runs exactly as before; only the bookkeeping around it is added.
 */
export function parkedPacing(queues: PacingQueues, lot: ParkingLot): PacingQueues {
  const parked = {} as PacingQueues;
  for (const name of Object.keys(queues) as QueueName[]) parked[name] = parkedQueue(queues[name], lot);
  return parked;
}

function parkedQueue(queue: PacingQueue, lot: ParkingLot): PacingQueue {
  return {
    key(id) {
      const keyed = queue.key(id);
      return {
        schedule(options, fn, ...args) {
          const turn = lot.waiting();
          const job = (...jobArgs: unknown[]) => {
            turn();
            return fn(...jobArgs);
          };
          return keyed.schedule(options, job, ...args).finally(turn);
        },
      };
    },
  };
}
