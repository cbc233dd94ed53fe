import type { Annotation, ResultText } from "./checks.js";

/** GitHub rejects check-run output fields longer than this. */
export const MAX_OUTPUT_CHARS = 65_535;
/** GitHub takes at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub rejects issue comments longer than this. */
export const MAX_COMMENT_CHARS = 65_536;

/** Cuts text to `max` characters, saying so at the end rather than failing the request. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = "\n\n… (cut to fit GitHub's size limit)";
  return text.slice(0, max - note.length) + note;
}

/** The output split into what the first request carries and the annotation batches after it. */
export function splitOutput(output: ResultText): { first: ResultText; more: Annotation[][] } {
  const annotations = output.annotations ?? [];
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const first: ResultText = {
    title: truncate(output.title, 1000),
    summary: truncate(output.summary, MAX_OUTPUT_CHARS),
    ...(output.text === undefined ? {} : { text: truncate(output.text, MAX_OUTPUT_CHARS) }),
    ...(batches.length > 0 ? { annotations: batches[0] } : {}),
  };
  return { first, more: batches.slice(1) };
}
