import { RE2JS } from "re2js";
import { z } from "zod";
import { MAX_GLOB_LENGTH, globProblem } from "../lib/glob.js";

/**
 * The single source of truth for `.github/shipshape.yml`: types, defaults and the generated
 * `schema.json` all come from here. Every object is strict, so an unknown key is an error.
 */

const mode = z
  .enum(["required", "advisory"])
  .describe("required: the check fails when the rule does not hold; advisory: it concludes neutral.");

/** A glob, compiled once here to prove it is valid; matched in linear time (see `glob.ts`). */
const glob = z
  .string()
  .min(1)
  .max(MAX_GLOB_LENGTH)
  .superRefine((pattern, ctx) => {
    const problem = globProblem(pattern);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** At most this many globs in one list: each is matched against every changed file. */
const MAX_GLOBS = 100;
const globs = z.array(glob).max(MAX_GLOBS);

/** A user-supplied regular expression, compiled by the linear-time RE2 engine to prove it is valid. */
const re2Pattern = z
  .string()
  .min(1)
  .max(1000)
  .superRefine((pattern, ctx) => {
    try {
      RE2JS.compile(pattern);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `not a valid RE2 pattern: ${(error as Error).message}` });
    }
  });

const jiraProvider = z
  .strictObject({
    jira: z
      .strictObject({
        keys: z
          .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "a Jira project key such as ENG"))
          .max(200)
          .optional()
          .describe("Only these project keys count. Without it any key counts, except well-known non-tickets (UTF-8, SHA-256, ...)."),
      })
      .nullable()
      .default({}),
  })
  .describe("Jira issue keys such as ENG-123.");

const linearProvider = z
  .strictObject({
    linear: z
      .strictObject({
        teams: z
          .array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, "a Linear team key such as ENG"))
          .min(1)
          .max(200)
          .describe("Linear team keys whose issue IDs count (ENG for ENG-123)."),
      })
      .describe("Linear issue IDs of the listed teams."),
  })
  .describe("Linear issue IDs.");

const patternProvider = z
  .strictObject({
    pattern: re2Pattern.describe("A regular expression in RE2 syntax (linear time, no backreferences or lookaround)."),
  })
  .describe("A custom reference pattern.");

/** A ticket provider: a bare name, or an object with that provider's options. */
export const providerSchema = z.union([
  z
    .enum(["github", "jira", "linear", "asana", "azure-boards", "shortcut"])
    .describe("github: #123, owner/repo#123, issue URLs, closing keywords; jira: ABC-123; asana: task URLs; azure-boards: AB#123; shortcut: sc-123, ch123 and story URLs. linear needs `{ linear: { teams: [...] } }`."),
  jiraProvider,
  linearProvider,
  patternProvider,
]);
export type ProviderConfig = z.output<typeof providerSchema>;

/** Status names (or the system's status groups: GitHub open/closed, Jira's categories, Linear's state types), matched case-insensitively. */
const statusNames = z.array(z.string().min(1).max(100)).min(1).max(50);

/** How one ticket system's answers are judged (ADR 0013). */
const verifyProvider = z.union([
  z.boolean().describe("true: look references up with the default statuses (closed, done, completed and canceled are refused)."),
  z
    .strictObject({
      statuses: z
        .union([
          z.strictObject({ allowed: statusNames.describe("Only tickets in one of these statuses count.") }),
          z.strictObject({ refused: statusNames.describe("Tickets in any of these statuses do not count.") }),
        ])
        .optional()
        .describe("Which statuses count: either allowed or refused. Default: refused closed (GitHub), done (Jira's category), completed and canceled (Linear)."),
    })
    .describe("Look references up, judging their status as given."),
]);
export type VerifyProviderConfig = z.output<typeof verifyProvider>;

const verifySchema = z.union([
  z.boolean(),
  z
    .strictObject({
      github: verifyProvider.optional().describe("GitHub issues: must exist, not be a pull request, and be open by default."),
      jira: verifyProvider.optional().describe("Jira issues, with the operator's SHIPSHAPE_JIRA credentials for this owner."),
      linear: verifyProvider.optional().describe("Linear issues, with the operator's SHIPSHAPE_LINEAR key for this owner."),
    })
    .describe("Per provider; a provider not listed is not looked up."),
]);
export type VerifyConfig = z.output<typeof verifySchema>;

const ticketsSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Run the shipshape/ticket check."),
    mode: mode.default("required"),
    sources: z
      .array(z.enum(["title", "branch", "body", "commits"]))
      .min(1)
      .default(["title", "branch", "body", "commits"])
      .describe("Where to look for a ticket reference. commits: the messages of the PR's first 250 commits."),
    providers: z
      .array(providerSchema)
      .min(1)
      .default(["github", "jira"])
      .describe("Which kinds of reference count; at least one."),
    verify: verifySchema
      .default(false)
      .describe(
        "Look references up in the ticket system. true: GitHub always, Jira and Linear when the operator configured credentials for this owner; or per provider: { github: true, jira: { statuses: { refused: [Done] } } }. A PR whose only references are missing, closed/done or pull requests fails.",
      ),
    exempt: z
      .strictObject({
        labels: z.array(z.string().min(1)).default(["no-ticket"]).describe("PRs with any of these labels are exempt."),
        authors: z
          .array(z.string().min(1))
          .default(["dependabot[bot]", "renovate[bot]"])
          .describe("PRs by these logins are exempt; PRs by bot accounts (user type Bot) always are."),
        branches: globs.default([]).describe("Globs on the head branch, e.g. release/*."),
        drafts: z.boolean().default(true).describe("Draft PRs are not judged until ready for review."),
      })
      .prefault({})
      .describe("When the check is skipped."),
  })
  .prefault({})
  .describe("The linked-ticket check (shipshape/ticket).");

const adrSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Run the shipshape/adr check."),
    mode: mode.default("required"),
    labels: z.array(z.string().min(1)).default(["architecture"]).describe("A PR with any of these labels needs an ADR."),
    paths: globs.default([]).describe("Globs: a PR touching any matching file needs an ADR."),
    directory: z
      .string()
      .min(1)
      .max(300)
      .regex(/^[^/].*[^/]$|^[^/]$/, "a repo-relative directory without leading or trailing slash")
      .default("docs/adr")
      .describe("Where the repo keeps its ADRs."),
    references: z
      .array(re2Pattern)
      .default(["ADR-?[0-9]+"])
      .describe("RE2 patterns by which a PR body may cite an existing ADR."),
    links: globs
      .default([])
      .describe("URL globs of ADRs kept outside the repo, e.g. https://acme.atlassian.net/wiki/*."),
    comment: z.boolean().default(true).describe("Ask for the ADR in one PR comment."),
  })
  .prefault({})
  .describe("The ADR check (shipshape/adr).");

/** One package of a monorepo, judged on its own figures (as Codecov's flags and components). */
const coverageComponentSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: "a component name is 1-64 letters, digits, _ . or - (it is also the upload flag)" })
      .describe("The component's name: shown in the check, and the `flag` (or `component`) an upload names it by; a JaCoCo report's module or group of that name is read as this component's."),
    paths: globs.min(1).describe("Globs of the repository paths that belong to the component (its files in both figures)."),
    prefix: z
      .string()
      .max(300)
      .regex(/^[^/]/, { message: "a prefix is a repository-relative folder such as packages/web/" })
      .optional()
      .describe("Put in front of the package-relative paths of this component's reports (SF:index.js from packages/web becomes packages/web/index.js); absolute and already-prefixed paths are left alone."),
    artifact: glob.optional().describe("Glob on the artifact names whose reports are this component's (their paths get `prefix`)."),
    patch: z
      .strictObject({
        target: z.union([z.number().min(0).max(100), z.literal("auto")], { error: 'expected a number from 0 to 100, or "auto"' }).optional(),
        threshold: z.number().min(0).max(100).optional(),
        informational: z.boolean().optional(),
      })
      .optional()
      .describe("The component's own patch target, threshold and informational flag; what is left out is the coverage.patch value."),
    project: z
      .strictObject({
        max_drop: z.number().min(0).max(100).optional(),
        threshold: z.number().min(0).max(100).optional(),
        informational: z.boolean().optional(),
      })
      .optional()
      .describe("The component's own allowed project drop and informational flag; what is left out is the coverage.project value."),
  })
  .describe("A monorepo component: its files, the prefix for its package-relative reports, and its own targets.");

const coverageSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Run the shipshape/coverage check."),
    artifact: glob.default("coverage").describe("Glob on the GitHub Actions artifact name(s) holding the report(s)."),
    patch: z
      .strictObject({
        target: z
          .union([z.number().min(0).max(100), z.literal("auto")], { error: 'expected a number from 0 to 100, or "auto"' })
          .default(80)
          .describe('% of changed coverable lines that must be covered; "auto": the base\'s project coverage (with no base report the patch is shown, not judged).'),
        threshold: z
          .number()
          .min(0)
          .max(100)
          .default(0)
          .describe("Points the patch may fall below its target and still pass (Codecov's threshold)."),
        informational: z.boolean().default(false).describe("Show the patch figure but never fail on it: a miss concludes neutral (Codecov's informational)."),
      })
      .prefault({}),
    project: z
      .strictObject({
        max_drop: z
          .number()
          .min(0)
          .max(100)
          .default(0.5)
          .describe("Allowed drop of total line coverage against the base, in percentage points."),
        threshold: z
          .number()
          .min(0)
          .max(100)
          .optional()
          .describe("Codecov's name for the allowed drop, in percentage points: when set it replaces max_drop."),
        informational: z.boolean().default(false).describe("Show the project figure but never fail on it: a drop concludes neutral (Codecov's informational)."),
      })
      .prefault({}),
    ignore: globs.default([]).describe("Globs of files left out of both figures."),
    partials: z
      .enum(["miss", "hit"])
      .default("miss")
      .describe("How a line that ran with a branch not taken counts: miss (Codecov's rule, the default) or hit."),
    paths: z
      .array(
        z
          .string()
          .max(1000)
          .refine((fix) => fix.includes("::"), { message: 'a path fix is "before::after", e.g. "/usr/lib/python3.11/::Lib/"' }),
      )
      .max(50)
      .default([])
      .describe('Path fixes applied to report paths before they are matched, as Codecov\'s fixes: "before::after" replaces the prefix before, "::after" adds after, "before::" removes before.'),
    components: z
      .array(coverageComponentSchema)
      .max(50)
      .default([])
      .superRefine((components, ctx) => {
        const seen = new Set<string>();
        for (const [index, component] of components.entries()) {
          if (seen.has(component.name)) ctx.addIssue({ code: "custom", path: [index, "name"], message: `two components are named "${component.name}"; each needs its own name` });
          seen.add(component.name);
        }
      })
      .describe("Monorepo components (Codecov's flags and components), each judged on its own patch and project figures; the check fails when any component fails."),
    annotations: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(50)
      .describe("Most uncovered changed-line ranges annotated on the check run."),
    comment: z
      .enum(["off", "on-failure", "always"])
      .default("off")
      .describe("One PR comment with both figures, the base and a per-file table, edited in place: off, on-failure (posted once a figure misses, then kept up to date) or always."),
    if_no_report: z
      .enum(["neutral", "success"])
      .default("neutral")
      .describe("How the check concludes when every workflow run of the head finished and none produced a coverage report (path filters, docs-only PRs)."),
  })
  .prefault({})
  .describe("The coverage check (shipshape/coverage).");

const metricsSchema = z
  .strictObject({
    production_environments: z
      .array(z.string().min(1))
      .min(1)
      .default(["production", "prod"])
      .describe("Deployment environments that count as production for cycle time and DORA."),
    incident_labels: z
      .array(z.string().min(1))
      .default(["incident"])
      .describe("Issues with any of these labels are incidents (change failure rate, time to restore)."),
  })
  .prefault({})
  .describe("Delivery metrics.");

export const configSchema = z
  .strictObject({
    tickets: ticketsSchema,
    adr: adrSchema,
    coverage: coverageSchema,
    metrics: metricsSchema,
  })
  .describe("Shipshape configuration (.github/shipshape.yml).");

/** The validated configuration, with every default filled in. */
export type Config = z.output<typeof configSchema>;
/** What a user may write in the file. */
export type ConfigInput = z.input<typeof configSchema>;

/** The configuration used when a repository has no file. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}
