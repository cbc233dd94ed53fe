import { AsyncLocalStorage } from "node:async_hooks";

/** A request still waiting for its turn after this long parks its delivery. */
export const PARK_AFTER_MS = 20;

/** What a piece of work is told when it starts or stops waiting on GitHub's pacing. */
export interface Parkable {
  park(): void;
  unpark(): void;
}

/**
 * Lets work waiting in a GitHub pacing queue say so to whoever runs it, without either knowing the
 * other: the inbox worker runs each delivery inside `run`, and the pacing queues call `waiting`
 * when they queue a request. A delivery is parked while at least one of its requests waits for its
 * installation's turn, so it does not hold a worker slot meanwhile (ADR 0078).
 */
export class ParkingLot {
  readonly #current = new AsyncLocalStorage<Parkable>();

  run<T>(slot: Parkable, work: () => Promise<T>): Promise<T> {
    return this.#current.run(slot, work);
  }

  /**
   * Called when a request is queued; returns the function to call when its turn comes. Outside
   * `run` (a backfill, the CLI), nothing is told.
   */
  waiting(): () => void {
    const slot = this.#current.getStore();
    if (!slot) return () => undefined;
    let parked = false;
    let done = false;
    // A request whose turn comes at once (an idle queue) never parks: no slot changes hands for it.
    const timer = setTimeout(() => {
      parked = true;
      slot.park();
    }, PARK_AFTER_MS);
    timer.unref();
    return () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (parked) slot.unpark();
    };
  }
}
