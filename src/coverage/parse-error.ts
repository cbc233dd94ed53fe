/** A report that cannot be read: the message names the file and says what was wrong. */
export class CoverageParseError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "CoverageParseError";
  }
}
