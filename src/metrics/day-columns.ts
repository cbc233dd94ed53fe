/**
 * Reading the comma-joined day columns the store returns (src/model/cycle-time-days.ts): epoch-ms
 * values, "" for a null.
 */

/**
 * Reads the named columns of one day after another into typed arrays kept from day to day: the
 * returned function gives the day's PR count and its columns, in the order of `names`.
 */
export function dayColumnsReader<Name extends string>(names: readonly Name[]): (day: Record<Name, string>) => { count: number; columns: Float64Array[] } {
  const columns: Float64Array[] = names.map(() => new Float64Array(0));
  return (day) => {
    const count = valueCount(day[names[0]!]);
    for (let c = 0; c < names.length; c++) columns[c] = parseTimes(day[names[c]!], count, columns[c]!);
    return { count, columns };
  };
}

/** How many values a day's comma-joined column holds. */
function valueCount(text: string): number {
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  return count;
}

/**
 * A day's comma-joined epoch-ms column as numbers (NaN for "", a null), into `reuse` when it is big
 * enough. Reads digits in place: splitting into strings and parsing each cost more than the rest of
 * the report together. Anything but digits (never written by the store) takes the general parse.
 */
function parseTimes(text: string, count: number, reuse: Float64Array): Float64Array {
  const out = reuse.length >= count ? reuse : new Float64Array(Math.max(count, reuse.length * 2));
  let k = 0;
  let value = 0;
  let digits = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44) {
      out[k++] = digits ? value : NaN;
      value = 0;
      digits = false;
    } else if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
      digits = true;
    } else {
      const parts = text.split(",");
      for (let j = 0; j < count; j++) out[j] = parts[j] === undefined || parts[j] === "" ? NaN : Number(parts[j]);
      return out;
    }
  }
  out[k] = digits ? value : NaN;
  return out;
}

/** A parsed value as the definitions take it: null for a missing one. */
export function time(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
