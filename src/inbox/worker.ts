import { describeFailure } from "./describe-failure.js";
import { randomUUID } from "node:crypto";
import { isBudgetBusy } from "../lib/byte-budget.js";
import type { Db } from "../store/db.js";
import {
  claimDeliveries,
  completeDelivery,
  deadLetterExhausted,
  extendLeases,
  failDelivery,
  releaseDeliveries,
  type StoredDelivery,
} from "../store/deliveries.js";
import { LoopMeter } from "../lib/loop-meter.js";
import type { Parkable, ParkingLot } from "../lib/parking.js";
import type { Telemetry } from "../lib/telemetry.js";
import { backoffMs } from "./backoff.js";
import { payloadProblem } from "./payload-check.js";

/**
 * Deliveries in flight per process. A delivery spends most of its time waiting on GitHub (and on
 * its installation's write pacing), not on the CPU, so a process runs dozens at once. Measured
 * through the server (`npm run bench:workers`, ADR 0067): fewer slots leave a burst over many
 * installations waiting for a slot; more take the CPU from the webhook intake on two cores.
 */
export const DEFAULT_WORKERS = 64;
/**
 * Of those, at most this many of one installation: enough to keep its write queue busy, and a
 * burst from one organisation leaves the rest free.
 */
export const DEFAULT_WORKERS_PER_INSTALLATION = 4;
/**
 * Deliveries parked on GitHub's pacing (waiting for their installation's next write) beside the
 * running ones: they hold no slot, only their payload in memory, so this bounds that memory.
 */
export const DEFAULT_PARKED = 256;
/**
 * Slots while webhook deliveries are arriving and the process is out of CPU: the intake answers
 * GitHub first, and the backlog it stores is worked through at full width once the burst is taken
 * in (ADR 0080). Deliveries waiting on GitHub (not the CPU) keep every slot.
 */
export const DEFAULT_WORKERS_WHILE_RECEIVING = 4;
/** A delivery stored this recently means the intake is still receiving. */
export const RECEIVING_HOLD_MS = 100;
/** Event-loop utilisation at or above which the process counts as out of CPU. */
export const BUSY_UTILISATION = 0.8;

export interface WorkerOptions {
  db: Db;
  /** Runs the app's handlers for one delivery; a throw means "retry later". */
  handle: (delivery: { id: string; name: string; payload: unknown }) => Promise<void>;
  telemetry: Telemetry;
  now: () => Date;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Deliveries processed at once (`SHIPSHAPE_WORKERS`). */
  concurrency?: number;
  /** Of those, at most this many of one installation (`SHIPSHAPE_WORKERS_PER_INSTALLATION`). */
  perInstallation?: number;
  /**
   * Where deliveries say they wait on GitHub's pacing: a parked delivery gives its slot to another
   * until its turn comes (ADR 0078). Without it, a waiting delivery holds its slot.
   */
  parking?: ParkingLot;
  /** At most this many parked deliveries beside the running ones (`SHIPSHAPE_WORKERS_PARKED`). */
  maxParked?: number;
  /** Slots while deliveries arrive and the process is busy (`SHIPSHAPE_WORKERS_WHILE_RECEIVING`). */
  whileReceiving?: number;
  /** Whether the process is out of CPU now (default: its event loop at least 80 % busy over the last 100 ms). */
  busy?: () => boolean;
  pollMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/**
 * Processes the durable inbox: claims due deliveries (leases renewed while they run), serialises
 * those of one pull request through the store's lock, retries failures with backoff and keeps the
 * last failure as a dead letter. Stopping hands unfinished work back to the inbox.
 */
export class InboxWorker {
  readonly id = `worker-${randomUUID()}`;
  readonly #o: Required<Omit<WorkerOptions, "db" | "handle" | "telemetry" | "now" | "log" | "parking" | "busy">> & WorkerOptions;
  readonly #meter = new LoopMeter();
  readonly #busy: () => boolean;
  /** `performance.now()` of the last delivery the intake stored. */
  #receivedAt = Number.NEGATIVE_INFINITY;
  readonly #inFlight = new Map<string, Promise<void>>();
  /** In-flight deliveries per installation (0 = none in the payload). */
  readonly #perInstallation = new Map<number, number>();
  /** Deliveries parked on GitHub's pacing: they are in flight but hold no slot. */
  #parked = 0;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  /** A wake that came while the loop was claiming, not sleeping: its next sleep ends at once. */
  #wakeAsked = false;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(options: WorkerOptions) {
    this.#o = { concurrency: DEFAULT_WORKERS, perInstallation: DEFAULT_WORKERS_PER_INSTALLATION, maxParked: DEFAULT_PARKED, whileReceiving: DEFAULT_WORKERS_WHILE_RECEIVING, pollMs: 500, leaseMs: 60_000, maxAttempts: 6, retryBaseMs: 30_000, retryMaxMs: 10 * 60_000, ...options };
    this.#busy = options.busy ?? (() => this.#meter.utilisation >= BUSY_UTILISATION);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#heartbeat = setInterval(() => void this.#renewLeases(), Math.max(250, Math.floor(this.#o.leaseMs / 3)));
    this.#heartbeat.unref();
    if (!this.#o.busy) this.#meter.start();
    this.#loop = this.#run();
  }

  /** The intake stored a delivery: wakes the loop, and tells it deliveries are arriving. */
  received(): void {
    this.#receivedAt = performance.now();
    this.notify();
  }

  /** Wakes the loop at once. */
  notify(): void {
    this.#wakeAsked = true;
    this.#wake?.();
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Of those in flight, how many wait on GitHub's pacing (holding no slot). */
  get parked(): number {
    return this.#parked;
  }

  /**
   * Deliveries that may be claimed now: a slot each for the running ones, and no more in flight
   * than the slots plus the parked allowance.
   */
  get #free(): number {
    const { concurrency, maxParked } = this.#o;
    const running = this.#inFlight.size - this.#parked;
    return Math.max(0, Math.min(this.#slots - running, concurrency + maxParked - this.#inFlight.size));
  }

  /** True while deliveries are arriving and the process is out of CPU: the intake comes first. */
  get #yieldingToIntake(): boolean {
    return this.#o.whileReceiving < this.#o.concurrency && performance.now() - this.#receivedAt < RECEIVING_HOLD_MS && this.#busy();
  }

  /** Slots for running deliveries now. */
  get #slots(): number {
    return this.#yieldingToIntake ? this.#o.whileReceiving : this.#o.concurrency;
  }

  /** Stops claiming; waits up to `graceMs` for running work, then hands the rest back. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.notify();
    await this.#loop;
    const settled = Promise.allSettled([...this.#inFlight.values()]);
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    clearInterval(this.#heartbeat);
    this.#meter.stop();
    if (this.#inFlight.size > 0) {
      await releaseDeliveries(this.#o.db, { worker: this.id, deliveryIds: [...this.#inFlight.keys()], refundAttempt: true });
    }
  }

  /** Processes every due delivery until none is left (tests and the CLI use this). */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.#claim(this.#o.concurrency);
      if (claimed.length === 0 && this.#inFlight.size === 0) return;
      await Promise.allSettled([...this.#inFlight.values()]);
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let claimed: StoredDelivery[] = [];
      this.#wakeAsked = false;
      const free = this.#free;
      if (free > 0) {
        try {
          claimed = await this.#claim(free);
        } catch (error) {
          // The store is unreachable (restart, network): keep trying, /readyz reports it.
          this.#o.log.warn({ err: error }, "inbox: could not claim deliveries");
        }
      }
      if (claimed.length === 0 || this.#free === 0) await this.#sleep();
    }
  }

  /**
   * One installation holds at most `perInstallation` slots (never more than all of them): its
   * GitHub writes are paced per installation anyway (about one a second), so more slots would
   * only wait on its write queue while the other installations' deliveries waited for a slot.
   */
  get #installationCap(): number {
    return Math.max(1, Math.min(this.#o.perInstallation, this.#o.concurrency));
  }

  async #claim(limit: number): Promise<StoredDelivery[]> {
    const { db, leaseMs, maxAttempts, telemetry, log } = this.#o;
    const now = this.#o.now().getTime();
    // Deliveries whose last attempt never finished (the process died in it) end here, not in a crash loop.
    for (const dead of await deadLetterExhausted(db, { now, maxAttempts })) {
      telemetry.deliveries.inc({ event: dead.event, outcome: "dead" });
      log.error({ delivery: dead.delivery_id, event: dead.event, attempt: dead.attempts, error: dead.last_error }, "delivery used up its attempts without finishing: kept as a dead letter");
    }
    const cap = this.#installationCap;
    const skipInstallations = [...this.#perInstallation].filter(([, count]) => count >= cap).map(([installation]) => installation);
    const claimed = await claimDeliveries(db, { worker: this.id, limit, now, leaseMs, perInstallation: cap, skipInstallations, maxAttempts });
    for (const delivery of claimed) {
      const installation = delivery.installation_id ?? 0;
      this.#perInstallation.set(installation, (this.#perInstallation.get(installation) ?? 0) + 1);
      const work = this.#process(delivery).finally(() => {
        this.#inFlight.delete(delivery.delivery_id);
        const left = (this.#perInstallation.get(installation) ?? 1) - 1;
        if (left > 0) this.#perInstallation.set(installation, left);
        else this.#perInstallation.delete(installation);
        this.notify();
      });
      this.#inFlight.set(delivery.delivery_id, work);
    }
    return claimed;
  }

  async #process(delivery: StoredDelivery): Promise<void> {
    const { db, telemetry, handle, now, log, parking } = this.#o;
    const started = performance.now();
    const parkable = this.#parkable();
    const event = delivery.event;
    try {
      const payload: unknown = JSON.parse(delivery.payload);
      // A payload without a field the handlers read fails the same way every time: dead at once, with the field named.
      const problem = payloadProblem(event, payload);
      if (problem) {
        await failDelivery(db, { deliveryId: delivery.delivery_id, worker: this.id, error: problem, retryAt: null, now: now().getTime() });
        telemetry.deliveries.inc({ event, outcome: "dead" });
        log.error({ delivery: delivery.delivery_id, event, attempt: delivery.attempts, error: problem }, "delivery cannot be handled (malformed payload): kept as a dead letter, not retried");
        return;
      }
      const run = () => handle({ id: delivery.delivery_id, name: event, payload });
      await db.withLock(`delivery:${delivery.lock_key}`, () => (parking ? parking.run(parkable, run) : run()));
      await completeDelivery(db, { deliveryId: delivery.delivery_id, worker: this.id, now: now().getTime() });
      telemetry.deliveries.inc({ event, outcome: "processed" });
    } catch (error) {
      const message = describeFailure(error);
      // Waiting for memory is not the delivery's fault: its attempt is given back, and it is
      // retried with backoff however long it takes (never dead-lettered for it).
      const waited = isBudgetBusy(error);
      const dead = delivery.attempts >= this.#o.maxAttempts && !waited;
      const retryAt = dead
        ? null
        : now().getTime() + backoffMs({ attempt: delivery.attempts, baseMs: this.#o.retryBaseMs, maxMs: this.#o.retryMaxMs, seed: delivery.delivery_id });
      try {
        await failDelivery(db, { deliveryId: delivery.delivery_id, worker: this.id, error: message, retryAt, now: now().getTime(), refundAttempt: waited });
      } catch (storeError) {
        log.error({ err: storeError }, "inbox: could not record a failed attempt; the lease will expire and it will run again");
      }
      telemetry.deliveries.inc({ event, outcome: dead ? "dead" : "retried" });
      (dead ? log.error : log.warn).call(log, { delivery: delivery.delivery_id, event, attempt: delivery.attempts, error: message }, dead ? "delivery failed for the last time: kept as a dead letter" : "delivery failed; will retry");
    } finally {
      parkable.leave();
      telemetry.handlingSeconds.observe({ event }, (performance.now() - started) / 1000);
    }
  }

  /**
   * One delivery's parking: parked while any of its requests waits for its turn (there may be
   * several); `leave` when it ends, so a request it left waiting cannot keep it counted.
   */
  #parkable(): Parkable & { leave(): void } {
    let waiting = 0;
    let left = false;
    return {
      park: () => {
        if (left || waiting++ > 0) return;
        this.#parked++;
        // Its slot is free for another delivery now.
        this.notify();
      },
      unpark: () => {
        if (left || --waiting > 0) return;
        // Back at once, even over the slots for a moment: holding its turn back would waste its installation's write slot.
        this.#parked--;
      },
      leave: () => {
        if (!left && waiting > 0) this.#parked--;
        left = true;
      },
    };
  }

  async #renewLeases(): Promise<void> {
    if (this.#inFlight.size === 0) return;
    try {
      await extendLeases(this.#o.db, { deliveryIds: [...this.#inFlight.keys()], worker: this.id, until: this.#o.now().getTime() + this.#o.leaseMs });
    } catch (error) {
      this.#o.log.warn({ err: error }, "inbox: could not renew leases");
    }
  }

  #sleep(): Promise<void> {
    if (this.#wakeAsked) {
      this.#wakeAsked = false;
      return Promise.resolve();
    }
    // Yielding to the intake ends when the deliveries stop arriving: look again then, not a poll later.
    const sleepMs = this.#yieldingToIntake ? Math.min(this.#o.pollMs, RECEIVING_HOLD_MS) : this.#o.pollMs;
    return new Promise((resolve) => {
      const timer = setTimeout(done, sleepMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}
