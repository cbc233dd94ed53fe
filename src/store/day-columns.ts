import { sql, type RawBuilder } from "kysely";
import { DAY_MS } from "../model/cycle-time-days.js";
import type { Db } from "./db.js";
import type { MetricScope } from "./metric-scope.js";

type Value = ReturnType<typeof sql.ref> | RawBuilder<unknown>;

/** A group's values of `value` joined by commas, "" for a null, in the order of the group's rows (the same for every column of one query). */
export function joinedColumn(db: Db, value: Value): RawBuilder<string> {
  return db.dialect === "postgres" ? sql<string>`string_agg(coalesce(${value}::text, ''), ',')` : sql<string>`group_concat(coalesce(${value}, ''), ',')`;
}

/** The UTC day of an epoch-ms column; the divisor is a literal, so the expression is the same in every query and dialect. */
export function dayOf(column: string): RawBuilder<number> {
  return sql<number>`${sql.ref(column)} / ${sql.lit(DAY_MS)}`;
}

/** Windows longer than this are read in two halves at once on PostgreSQL. */
const SPLIT_FROM_MS = 28 * DAY_MS;

/**
 * PostgreSQL groups the days by sorting every PR of the window (it cannot use the index order for
 * `column / day`): a year of a busy repo reads faster as two halves on two connections, split at
 * a day boundary so no day is in both. SQLite reads its index range once and
 * groups it in a temporary B-tree, fast enough in one pass.
 */
export async function splitByDay<P extends MetricScope, Row>(db: Db, params: P, read: (db: Db, params: P) => Promise<Row[]>): Promise<Row[]> {
  if (db.dialect !== "postgres" || params.to - params.from < SPLIT_FROM_MS) return read(db, params);
  const middle = Math.floor((params.from + (params.to - params.from) / 2) / DAY_MS) * DAY_MS;
  const halves = await Promise.all([read(db, { ...params, to: middle }), read(db, { ...params, from: middle })]);
  return halves.flat();
}
