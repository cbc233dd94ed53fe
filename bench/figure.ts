/** One line of `npm run bench`: a measured figure beside its budget and its baseline. */
export interface Figure {
  /** What was measured, as the budget names it. */
  name: string;
  value: number;
  unit: string;
  /** The budget in words, e.g. "<= 200 ms" or ">= 150 MB/s". */
  budget: string;
  /** Whether `value` is within the budget. */
  ok: boolean;
  /** The baseline measured in the same run, when the budget is relative to one. */
  baseline?: { name: string; value: number; unit: string };
  note?: string;
}
