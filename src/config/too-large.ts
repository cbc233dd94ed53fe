/** `the file is 16384 KB; the limit is 256 KB` (rounded up, so one byte over never reads as the limit). */
export function tooLarge(file: { size: number; limit: number }): string {
  return `the file is ${kb(file.size)} KB; the limit is ${kb(file.limit)} KB`;
}

function kb(bytes: number): number {
  return Math.ceil(bytes / 1024);
}
