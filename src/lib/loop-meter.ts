import { performance } from "node:perf_hooks";

/**
 * How busy this process's event loop has been: the share of the last `windowMs` it spent running
 * code rather than waiting (Node's event-loop utilisation), sampled once a window. Near 1 means
 * the process is out of CPU and more concurrent work only queues behind it.
 */
export class LoopMeter {
  #last = performance.eventLoopUtilization();
  #utilisation = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(readonly windowMs = 100) {}

  start(): void {
    if (this.#timer) return;
    this.#last = performance.eventLoopUtilization();
    this.#timer = setInterval(() => this.#sample(), this.windowMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Utilisation over the last full window, 0..1 (0 before the first). */
  get utilisation(): number {
    return this.#utilisation;
  }

  #sample(): void {
    const now = performance.eventLoopUtilization();
    this.#utilisation = performance.eventLoopUtilization(now, this.#last).utilization;
    this.#last = now;
  }
}
