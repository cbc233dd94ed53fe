export type Cell = string | number | boolean | null;

/** RFC 4180 CSV: a header line of stable column names, then one line per row; empty cell for null. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, Cell>>): string {
  const line = (cells: Cell[]) => cells.map(escape).join(",");
  return [line([...columns]), ...rows.map((row) => line(columns.map((column) => row[column] ?? null)))].join("\r\n") + "\r\n";
}

function escape(cell: Cell): string {
  if (cell === null) return "";
  // A text cell starting with = + - @ would run as a formula in Excel or Sheets (PR titles are
  // user input): prefix it with an apostrophe, OWASP's advice; so is one starting with a NUL,
  // which some importers drop before reading the formula behind it. Numbers stay as they are.
  const text = typeof cell === "string" && /^[=+\-@\t\r\0]/.test(cell) ? `'${cell}` : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
