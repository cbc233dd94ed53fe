import { formatMoment } from "../../reporting/format.js";
import type { CliContext } from "../context.js";

/** Prints rows as aligned columns, the first row being the header. */
export function printTable(rows: string[][], context: CliContext): void {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length)));
  for (const row of rows) context.out(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd());
}

/** A time as people read it ("2 Dec 14:02 UTC", relative to `now`), or `-` for none. */
export const moment = (time: number | null, now: Date): string => (time === null ? "-" : formatMoment(new Date(time), now));
