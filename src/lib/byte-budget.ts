/** Thrown when a budget cannot give the bytes now; the work is to be retried later, not dropped. */
export class BudgetBusyError extends Error {
  readonly retryable = true;
  constructor(
    readonly budget: string,
    readonly bytes: number,
    /** Seconds after which a retry is worth trying (the `retry-after` of a 503). */
    readonly retryAfterSeconds: number,
  ) {
    super(`the ${budget} memory budget is in use (${bytes} bytes wanted); try again in ${retryAfterSeconds} s`);
  }
}

/** A need larger than the whole budget: it can never be met in this process, so retrying is pointless. */
export class BudgetTooSmallError extends Error {}

/** Whether `error` (or any error an `AggregateError` holds, as Probot's receive throws) is a `BudgetBusyError`. */
export function isBudgetBusy(error: unknown): boolean {
  if (error instanceof BudgetBusyError) return true;
  return error instanceof AggregateError && error.errors.some(isBudgetBusy);
}

/** Bytes held from a budget until `release()` (idempotent). */
export interface ByteLease {
  readonly bytes: number;
  /** Takes `more` bytes at once if they are free now; false (and nothing taken) if not. */
  grow(more: number): boolean;
  release(): void;
}

interface Waiter {
  bytes: number;
  grant: (lease: ByteLease) => void;
}

/**
 * A process-wide count of bytes that may be held in memory at once for one purpose. Takers ask
 * for their whole need up front (never a bit more while holding some), so waiters hold nothing
 * and cannot deadlock; waiters are served first come, first served, so a large need is not starved.
 */
export class ByteBudget {
  #used = 0;
  readonly #waiters: Waiter[] = [];

  constructor(
    readonly name: string,
    readonly capacity: number,
    readonly retryAfterSeconds = 30,
  ) {}

  get used(): number {
    return this.#used;
  }

  /** A lease of `bytes` if they are free now and nobody waits before us; otherwise null. */
  tryTake(bytes: number): ByteLease | null {
    if (this.#waiters.length > 0 || this.#used + bytes > this.capacity) return null;
    return this.#lease(bytes);
  }

  /**
   * A lease of `bytes`, waiting up to `waitMs` for them; then `BudgetBusyError`. A need larger than
   * the whole budget can never be met: `BudgetTooSmallError`.
   */
  async take(bytes: number, waitMs = 0): Promise<ByteLease> {
    if (bytes > this.capacity) throw new BudgetTooSmallError(`needs ${bytes} bytes in memory; the ${this.name} budget is ${this.capacity}`);
    const now = this.tryTake(bytes);
    if (now) return now;
    if (waitMs <= 0) throw this.busy(bytes);
    return new Promise<ByteLease>((resolve, reject) => {
      const waiter: Waiter = {
        bytes,
        grant: (lease) => {
          clearTimeout(timer);
          resolve(lease);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(this.busy(bytes));
        this.#serve();
      }, waitMs);
      timer.unref();
      this.#waiters.push(waiter);
    });
  }

  busy(bytes: number): BudgetBusyError {
    return new BudgetBusyError(this.name, bytes, this.retryAfterSeconds);
  }

  #lease(initial: number): ByteLease {
    this.#used += initial;
    let held = initial;
    let released = false;
    return {
      get bytes() {
        return held;
      },
      grow: (more) => {
        if (released || this.#waiters.length > 0 || this.#used + more > this.capacity) return false;
        this.#used += more;
        held += more;
        return true;
      },
      release: () => {
        if (released) return;
        released = true;
        this.#used -= held;
        this.#serve();
      },
    };
  }

  #serve(): void {
    while (this.#waiters.length > 0) {
      const next = this.#waiters[0]!;
      if (this.#used + next.bytes > this.capacity) return;
      this.#waiters.shift();
      next.grant(this.#lease(next.bytes));
    }
  }
}

/**
 * The app's memory budget, created once and handed in: bytes of webhook bodies being read before
 * their signature is checked, and bytes inflated from coverage artifacts and uploads.
 */
export interface MemoryBudget {
  webhookBodies: ByteBudget;
  inflated: ByteBudget;
  /** How long a workflow_run delivery waits for inflate budget before it gives its worker slot back and retries later. */
  inflateWaitMs: number;
}

export const DEFAULT_WEBHOOK_BODY_BUDGET = 64 * 1024 * 1024;
export const DEFAULT_INFLATE_BUDGET = 320 * 1024 * 1024;

export const DEFAULT_INFLATE_WAIT_MS = 20_000;

export function createMemoryBudget(params: { webhookBodyBytes?: number; inflateBytes?: number; inflateWaitMs?: number } = {}): MemoryBudget {
  return {
    webhookBodies: new ByteBudget("webhook body", params.webhookBodyBytes ?? DEFAULT_WEBHOOK_BODY_BUDGET),
    inflated: new ByteBudget("inflated coverage", params.inflateBytes ?? DEFAULT_INFLATE_BUDGET),
    inflateWaitMs: params.inflateWaitMs ?? DEFAULT_INFLATE_WAIT_MS,
  };
}
