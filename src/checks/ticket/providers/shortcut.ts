import type { Matcher } from "../../../model/ticket-references.js";

// Shortcut's branch and title form (sc-123, any case) and its story URLs.
const STORY_ID = /(?<![A-Za-z0-9_])sc-([1-9][0-9]{0,9})(?![0-9A-Za-z])/gi;
const STORY_URL = /https?:\/\/app\.shortcut\.com\/[A-Za-z0-9_-]+\/story\/([1-9][0-9]{0,9})(?![0-9])/g;

/** Shortcut stories: `sc-123` and story URLs. */
export const shortcutMatcher: Matcher = (text) => [
  ...[...text.matchAll(STORY_ID)].map((m) => ({ provider: "shortcut" as const, id: `sc-${m[1] ?? ""}` })),
  ...[...text.matchAll(STORY_URL)].map((m) => ({ provider: "shortcut" as const, id: `sc-${m[1] ?? ""}` })),
];
