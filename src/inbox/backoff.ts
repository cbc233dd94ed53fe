/**
 * Delay before retry `attempt` (1-based): exponential from `baseMs`, capped, with deterministic
 * jitter from the delivery id so a burst of failures does not retry in lockstep.
 */
export function backoffMs(params: { attempt: number; baseMs: number; maxMs: number; seed: string }): number {
  const { attempt, baseMs, maxMs, seed } = params;
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  let hash = 0;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) >>> 0;
  const jitter = 0.75 + (hash % 500) / 1000; // 0.75 .. 1.25
  return Math.round(Math.min(maxMs, exponential * jitter));
}
