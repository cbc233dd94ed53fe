import { RE2JS } from "re2js";
import { z } from "zod";
import { MAX_GLOB_LENGTH, globProblem } from "../lib/glob.js";
import { parseHourRange } from "../metrics/working-hours.js";
import { INCIDENT_SOURCES } from "../model/incident-sources.js";
import { DEPLOYMENT_SOURCES } from "../model/deployment-source.js";

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

/** A team's name as routes and `group_by=team` show it: a GitHub team slug, or a name of the config's own. */
const TEAM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Team name -> list: at most `MAX_TEAMS` teams, each named as a GitHub team slug (a zod key schema would only say "Invalid key"). */
function teamRecord(item: z.ZodString) {
  return z
    .record(z.string(), z.array(item).max(MAX_TEAM_MEMBERS))
    .default({})
    .superRefine((teams, ctx) => {
      const names = Object.keys(teams);
      if (names.length > MAX_TEAMS) ctx.addIssue({ code: "custom", message: `at most ${MAX_TEAMS} teams` });
      for (const name of names) {
        if (!TEAM_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: `"${name}": a team name is letters, digits, '.', '_' or '-' (a GitHub team slug), at most 100 characters` });
      }
    });
}
/** At most this many teams and members per team are kept (config or GitHub): bounded storage and queries. */
export const MAX_TEAMS = 200;
export const MAX_TEAM_MEMBERS = 1000;

const teamsSchema = z
  .strictObject({
    github: z
      .boolean()
      .default(false)
      .describe("Also read the organisation's GitHub teams and their members through the API (refreshed every 6 hours; needs the Members: read permission)."),
    members: teamRecord(z.string().min(1).max(39))
      .describe("Team name -> GitHub logins: a PR belongs to each team its author is a member of."),
    repos: teamRecord(z.string().min(1).max(140))
      .describe("Team name -> repositories of the organisation (name, or owner/name): every PR of those repositories belongs to the team."),
  })
  .prefault({})
  .describe("Teams for figures across repositories (group_by=team, /api/v1/orgs/{owner}/teams/{team}/...). Read from the organisation's .github repository.");

const workingHoursSchema = z
  .strictObject({
    time_zone: z
      .string()
      .min(1)
      .max(64)
      .refine((zone) => isTimeZone(zone), { message: 'an IANA time zone, e.g. "Europe/Berlin" or "America/New_York"' })
      .describe("IANA time zone the hours are read in; clock changes are followed."),
    days: z
      .array(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))
      .min(1)
      .max(7)
      .default(["mon", "tue", "wed", "thu", "fri"])
      .describe("Working days."),
    hours: z
      .string()
      .refine((text) => parseHourRange(text) !== undefined, { message: 'a range of local times "HH:MM-HH:MM" with the start before the end, e.g. "09:00-17:00"' })
      .default("09:00-17:00")
      .describe("Working hours on each working day, local time."),
  })
  .optional()
  .describe("Working hours: with hours=working the API's pickup and review phases count only this time (nights and weekends left out). Unset: Monday-Friday 09:00-17:00 UTC.");

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
/** The environment a non-GitHub deployment source's deployments are recorded in. */
const sourceEnvironment = z
  .string()
  .min(1)
  .max(255)
  .optional()
  .describe("The environment its deployments are recorded in; one of production_environments (default: the first of them).");

const workflowRunsSource = z
  .strictObject({
    workflow_runs: z
      .strictObject({
        workflows: globs
          .min(1)
          .default(["*deploy*"])
          .describe("Globs matched, case-insensitively, against the workflow's name and its file name (deploy.yml); a run of a matching workflow that concluded success on the default branch is a deployment of its head commit."),
        environment: sourceEnvironment,
      })
      .nullable()
      .default({ workflows: ["*deploy*"] }),
  })
  .describe("GitHub Actions workflow runs as deployments (a failed run is a failed deployment).");

const releasesSource = z
  .strictObject({
    releases: z
      .strictObject({
        tags: globs.default([]).describe("Globs on the release tag, e.g. v*; empty: every tag."),
        prereleases: z.boolean().default(false).describe("Count pre-releases too."),
        environment: sourceEnvironment,
      })
      .nullable()
      .default({ tags: [], prereleases: false }),
  })
  .describe("Published GitHub releases as deployments of their tag's commit.");

const mergesSource = z
  .strictObject({
    merges: z
      .strictObject({ environment: sourceEnvironment })
      .nullable()
      .default({}),
  })
  .describe("Each merge to the default branch is a deployment of its merge commit (teams that deploy on merge).");

/** A deployment source: a bare name (its defaults), or an object with that source's options. */
export const deploymentSourceSchema = z.union([
  z
    .enum(DEPLOYMENT_SOURCES)
    .describe("github_deployments: GitHub's Deployments API (deployment statuses); workflow_runs: runs of workflows named like *deploy*; releases: published releases; merges: merges to the default branch."),
  workflowRunsSource,
  releasesSource,
  mergesSource,
]);
export type DeploymentSourceConfig = z.output<typeof deploymentSourceSchema>;

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
    teams: teamsSchema,
    working_hours: workingHoursSchema,
    incidents: z
      .array(z.enum(INCIDENT_SOURCES))
      .default([...INCIDENT_SOURCES])
      .describe(
        "What counts as a change failure: `labels` (issues with an incident label, open -> close is the restore time), `reverts` (a merged PR reverting another fails the deployment that shipped it, restored when the revert is deployed), `failed_deployments` (a production deployment that failed, recovered by the next successful one). All three by default (ADR 0048).",
      ),
    deployments: z
      .array(deploymentSourceSchema)
      .min(1)
      .max(DEPLOYMENT_SOURCES.length)
      .default(["github_deployments"])
      .describe("Where deployments come from, one or more of: github_deployments, workflow_runs, releases, merges (docs/metrics.md)."),
  })
  .superRefine((metrics, ctx) => {
    const production = new Set(metrics.production_environments.map((name) => name.toLowerCase()));
    const seen = new Set<string>();
    metrics.deployments.forEach((entry, index) => {
      const source = typeof entry === "string" ? entry : (Object.keys(entry)[0] as string);
      if (seen.has(source)) ctx.addIssue({ code: "custom", path: ["deployments", index], message: `${source} is listed twice; list each deployment source once` });
      seen.add(source);
      const options = typeof entry === "string" ? null : (Object.values(entry)[0] as { environment?: string } | null);
      const environment = options?.environment;
      if (environment !== undefined && !production.has(environment.toLowerCase())) {
        ctx.addIssue({
          code: "custom",
          path: ["deployments", index, source, "environment"],
          message: `add "${environment}" to production_environments or remove it here: only production deployments count in the metrics`,
        });
      }
    });
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
