import type { Matcher } from "../../../model/ticket-references.js";

// Old links: app.asana.com/0/{project}/{task}[/f]; new links: app.asana.com/1/{workspace}/[project/{p}/]task/{task}.
const TASK_URL = /https?:\/\/app\.asana\.com\/(?:0\/[0-9]+\/([0-9]+)|1\/[0-9]+\/(?:project\/[0-9]+\/)?task\/([0-9]+))(?![0-9])/g;

/** Asana task URLs, in any source. */
export const asanaMatcher: Matcher = (text) =>
  [...text.matchAll(TASK_URL)].map((m) => ({ provider: "asana", id: `Asana task ${m[1] ?? m[2] ?? ""}` }));
