import type { Matcher } from "../../../model/ticket-references.js";

// Shortcut's branch and title form (sc-123, any case), its Clubhouse-era form (ch123, [ch123]),
// and story URLs on app.shortcut.com and the old app.clubhouse.io.
const STORY_ID = /(?<![A-Za-z0-9_])(?:sc-|ch)([1-9][0-9]{0,9})(?![0-9A-Za-z])/gi;
const STORY_URL = /https?:\/\/app\.(?:shortcut\.com|clubhouse\.io)\/[A-Za-z0-9_-]+\/story\/([1-9][0-9]{0,9})(?![0-9])/g;

/** Shortcut stories: `sc-123`, `ch123` and story URLs, shown as `sc-123`. */
export const shortcutMatcher: Matcher = (text) => [
  ...[...text.matchAll(STORY_ID)].map((m) => ({ provider: "shortcut" as const, id: `sc-${m[1] ?? ""}` })),
  ...[...text.matchAll(STORY_URL)].map((m) => ({ provider: "shortcut" as const, id: `sc-${m[1] ?? ""}` })),
];
