import type { ProviderConfig } from "../../../config/schema.js";
import type { Matcher, ProviderName } from "../../../model/ticket-references.js";
import { asanaMatcher } from "./asana.js";
import { azureBoardsMatcher } from "./azure-boards.js";
import { githubMatcher } from "./github.js";
import { jiraMatcher } from "./jira.js";
import { linearMatcher } from "./linear.js";
import { patternMatcher } from "./pattern.js";
import { shortcutMatcher } from "./shortcut.js";
import { code } from "../../../lib/markdown-text.js";

/** One enabled provider: its name, its matcher and an example users can copy. */
export interface Provider {
  name: ProviderName;
  match: Matcher;
  /** e.g. "ENG-123", shown in the failure title (plain text to GitHub). */
  example: string;
  /** The example in Markdown, in a code span where it is copyable so GitHub does not autolink `#123`. */
  exampleMarkdown: string;
  /** What counts, for the summary (Markdown; references in code spans). */
  describes: string;
}

type Options<K extends ProviderName> = K extends "jira"
  ? { keys?: readonly string[] | undefined }
  : K extends "linear"
    ? { teams: readonly string[] }
    : K extends "pattern"
      ? { pattern: string }
      : Record<string, never>;

/** Every provider, by the name users write in `tickets.providers`. */
export const PROVIDERS: { [K in ProviderName]: (options: Options<K>) => Provider } = {
  github: () => ({ name: "github", match: githubMatcher, ...copyable("#123"), describes: "GitHub issues (`#123`, `owner/repo#123`, issue URLs, `fixes #123`)" }),
  jira: ({ keys }) => ({
    name: "jira",
    match: jiraMatcher({ keys }),
    ...copyable(`${keys?.[0]?.toUpperCase() ?? "ENG"}-123`),
    describes: keys && keys.length > 0 ? `Jira keys of ${keys.map((k) => code(k.toUpperCase())).join(", ")} (${code(`${keys[0]?.toUpperCase() ?? ""}-123`)})` : "Jira keys (`ENG-123`)",
  }),
  linear: ({ teams }) => ({
    name: "linear",
    match: linearMatcher({ teams }),
    ...copyable(`${teams[0]?.toUpperCase() ?? "ENG"}-123`),
    describes: `Linear issues of ${teams.map((t) => code(t.toUpperCase())).join(", ")} (in the body after fixes, closes, part of, ref...)`,
  }),
  asana: () => ({ name: "asana", match: asanaMatcher, example: "an app.asana.com task URL", exampleMarkdown: "an app.asana.com task URL", describes: "Asana task URLs" }),
  "azure-boards": () => ({ name: "azure-boards", match: azureBoardsMatcher, ...copyable("AB#123"), describes: "Azure Boards work items (`AB#123`)" }),
  shortcut: () => ({ name: "shortcut", match: shortcutMatcher, ...copyable("sc-123"), describes: "Shortcut stories (`sc-123`, `ch123`, story URLs)" }),
  pattern: ({ pattern }) => ({ name: "pattern", match: patternMatcher({ pattern }), example: `a match of ${pattern}`, exampleMarkdown: `a match of ${code(pattern)}`, describes: `matches of ${code(pattern)}` }),
};

function copyable(example: string): Pick<Provider, "example" | "exampleMarkdown"> {
  return { example, exampleMarkdown: code(example) };
}

/** The providers a `tickets.providers` list enables, in the order written. */
export function enabledProviders(config: readonly ProviderConfig[]): Provider[] {
  return config.map((entry) => {
    if (typeof entry === "string") {
      if (entry === "jira") return PROVIDERS.jira({});
      if (entry === "linear") return PROVIDERS.linear({ teams: [] }); // the schema asks for teams; harmless if reached
      return PROVIDERS[entry]({});
    }
    if ("jira" in entry) return PROVIDERS.jira({ keys: entry.jira?.keys });
    if ("linear" in entry) return PROVIDERS.linear({ teams: entry.linear.teams });
    return PROVIDERS.pattern({ pattern: entry.pattern });
  });
}
