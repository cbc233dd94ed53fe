export type Cell = string | number | boolean | null;

/** RFC 4180 CSV: a header line of stable column names, then one line per row; empty cell for null. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, Cell>>): string {
  const line = (cells: Cell[]) => cells.map(escape).join(",");
  return [line([...columns]), ...rows.map((row) => line(columns.map((column) => row[column] ?? null)))].join("\r\n") + "\r\n";
}

function escape(cell: Cell): string {
  if (cell === null) return "";
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
