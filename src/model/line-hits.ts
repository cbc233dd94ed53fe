/**
 * Dense slots allowed beyond four per coverable line. Reports list lines of ordinary files in
 * order and closely packed, so they stay in a plain array indexed by line number (the fast path
 * for million-line reports); a file whose line numbers jump far ahead of the lines it has (one
 * `DA:150000000,1`) moves to a Map, so memory follows the lines present, never the largest
 * line number.
 */
const DENSE_SLACK = 64;
const DENSE_FACTOR = 4;

/** Execution counts per line of one file; a line absent is not coverable. */
export class LineHits {
  /** `dense[line]`: count, or -1 when the line is not coverable. Index 0 is unused. */
  #dense: number[] = [];
  #sparse: Map<number, number> | undefined;
  /** Sparse keys in ascending order, built on demand. */
  #sorted: number[] | undefined;
  #size = 0;
  #maxLine = 0;

  /** Takes ownership of `dense` (index 0 unused, -1 = not coverable) holding `size` coverable lines. */
  static fromDense(dense: number[], size: number): LineHits {
    const hits = new LineHits();
    const maxLine = dense.length - 1;
    if (maxLine <= DENSE_SLACK + DENSE_FACTOR * size) {
      hits.#dense = dense;
      hits.#size = size;
      hits.#maxLine = maxLine;
    } else {
      for (let line = 1; line <= maxLine; line++) if ((dense[line] as number) >= 0) hits.add(line, dense[line] as number);
    }
    return hits;
  }

  /** Coverable lines. */
  get size(): number {
    return this.#size;
  }

  get maxLine(): number {
    return this.#maxLine;
  }

  /** The count of `line`, or -1 when it is not coverable. */
  get(line: number): number {
    if (this.#sparse) return this.#sparse.get(line) ?? -1;
    return line < this.#dense.length ? (this.#dense[line] as number) : -1;
  }

  /** Adds `count` executions to `line` (several entries for one line add up); negative counts are "not run". */
  add(line: number, count: number): void {
    const positive = count > 0 ? count : 0;
    const dense = this.#dense;
    if (!this.#sparse && line === dense.length && line > 0 && line <= DENSE_SLACK + DENSE_FACTOR * (this.#size + 1)) {
      dense.push(positive);
      this.#size++;
      this.#maxLine = line;
      return;
    }
    const current = this.#slot(line);
    if (current === undefined) return;
    this.#write(line, (current < 0 ? 0 : current) + positive);
  }

  /** Keeps the larger of the current count and `count` (Istanbul: the most of any statement on the line). */
  max(line: number, count: number): void {
    const current = this.#slot(line);
    if (current === undefined) return;
    this.#write(line, Math.max(current, count > 0 ? count : 0));
  }

  /** Sets `line` to `value` (>= 0). */
  set(line: number, value: number): void {
    if (this.#slot(line) === undefined) return;
    this.#write(line, value);
  }

  /** Calls `fn` for every coverable line, in ascending order. */
  forEach(fn: (line: number, count: number) => void): void {
    if (this.#sparse) {
      const sparse = this.#sparse;
      for (const line of this.#keys()) fn(line, sparse.get(line) as number);
      return;
    }
    const dense = this.#dense;
    for (let line = 1; line < dense.length; line++) {
      const count = dense[line] as number;
      if (count >= 0) fn(line, count);
    }
  }

  /** Adds every line of `other` into this one. */
  addAll(other: LineHits): void {
    other.forEach((line, count) => this.add(line, count));
  }

  /** The first coverable line after `line`, or Infinity. */
  nextCoverable(line: number): number {
    if (this.#sparse) {
      const keys = this.#keys();
      let low = 0;
      let high = keys.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((keys[mid] as number) <= line) low = mid + 1;
        else high = mid;
      }
      return low < keys.length ? (keys[low] as number) : Infinity;
    }
    const dense = this.#dense;
    for (let next = Math.max(1, line + 1); next < dense.length; next++) if ((dense[next] as number) >= 0) return next;
    return Infinity;
  }

  /** `[line, count]` of every coverable line, ascending (for tests and debugging). */
  entries(): Array<[number, number]> {
    const entries: Array<[number, number]> = [];
    this.forEach((line, count) => entries.push([line, count]));
    return entries;
  }

  /** The current count of `line` (-1 when not coverable, so far), or undefined for a line that cannot exist. */
  #slot(line: number): number | undefined {
    if (!(line > 0) || !Number.isInteger(line)) return undefined;
    return this.get(line);
  }

  #write(line: number, value: number): void {
    if (this.#sparse) {
      if (!this.#sparse.has(line)) {
        this.#size++;
        this.#sorted = undefined;
      }
      this.#sparse.set(line, value);
      if (line > this.#maxLine) this.#maxLine = line;
      if (this.#maxLine <= DENSE_SLACK + DENSE_FACTOR * this.#size) this.#toDense();
      return;
    }
    const dense = this.#dense;
    if (line < dense.length) {
      if ((dense[line] as number) < 0) this.#size++;
      dense[line] = value;
      return;
    }
    if (line > DENSE_SLACK + DENSE_FACTOR * (this.#size + 1)) {
      this.#toSparse();
      this.#write(line, value);
      return;
    }
    if (dense.length === 0) dense.push(-1);
    while (dense.length < line) dense.push(-1);
    dense.push(value);
    this.#size++;
    this.#maxLine = line;
  }

  #toSparse(): void {
    const sparse = new Map<number, number>();
    this.forEach((line, count) => sparse.set(line, count));
    this.#sparse = sparse;
    this.#sorted = undefined;
    this.#dense = [];
  }

  #toDense(): void {
    const dense: number[] = new Array<number>(this.#maxLine + 1).fill(-1);
    for (const [line, count] of this.#sparse!) dense[line] = count;
    this.#dense = dense;
    this.#sparse = undefined;
    this.#sorted = undefined;
  }

  #keys(): number[] {
    this.#sorted ??= [...this.#sparse!.keys()].sort((a, b) => a - b);
    return this.#sorted;
  }
}
