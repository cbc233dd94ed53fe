import { parseArgs } from "node:util";
import { storeFiguresSource } from "../../reporting/load-figures.js";
import { digestContent } from "../../digest/digest-lines.js";
import { renderFor } from "../../digest/digest-scheduler.js";
import { redact } from "../../digest/digest-settings.js";
import { gatherDigest } from "../../digest/gather-digest.js";
import { parseIsoWeek } from "../../digest/period.js";
import { postWebhook } from "../../digest/post-webhook.js";
import { renderSlack } from "../../digest/render-slack.js";
import { renderTeams } from "../../digest/render-teams.js";
import { renderText } from "../../digest/render-text.js";
import type { CliCommand } from "../context.js";
import { parseScope, recordedRepoIds } from "../recorded-scope.js";
import { githubWebUrl } from "../../lib/pull-request-url.js";

const WEEK = 7 * 86_400_000;

export const digestCommand: CliCommand = {
  name: "digest",
  summary: "digest owner[/repo] [--post]: print last week's summary, or post it to the configured webhooks now",
  usage: [
    "Usage: shipshape digest owner[/repo] [--post] [--week 2024-W23] [--format text|slack|teams]",
    "",
    "Prints the weekly digest of an organisation or repository: cycle time and its phases against",
    "the four weeks before, the DORA keys, the PRs waiting longest for review, and hygiene misses.",
    "",
    "  --post           post it now to every webhook SHIPSHAPE_DIGEST_WEBHOOKS names for this",
    "                   owner or owner/repo (retried on failure; the schedule is not affected)",
    "  --week W         the ISO week to summarise (default: the last complete week, UTC)",
    "  --format F       text (default), or slack / teams for the JSON body a webhook receives",
    "",
    "SHIPSHAPE_DIGEST_WEBHOOKS: entries separated by ';', each owner[/repo]=[slack:|teams:]URL,",
    "  e.g. acme=https://hooks.slack.com/services/…;acme/api=teams:https://acme.webhook.office.com/…",
    "SHIPSHAPE_DIGEST_SCHEDULE: weekday and UTC time of the scheduled post, default \"mon 09:00\".",
  ].join("\n"),
  async run(args, context) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { post: { type: "boolean" }, week: { type: "string" }, format: { type: "string", default: "text" } } });
    } catch (error) {
      context.err(`${error instanceof Error ? error.message : String(error)}. Run \`shipshape digest --help\`.`);
      return 2;
    }
    const { values, positionals } = parsed;
    const scope = positionals.length === 1 ? parseScope(positionals[0]) : null;
    if (!scope || !["text", "slack", "teams"].includes(values.format ?? "")) {
      context.err("Usage: shipshape digest owner[/repo] [--post] [--week 2024-W23] [--format text|slack|teams]");
      return 2;
    }
    let now = new Date();
    if (values.week) {
      const monday = parseIsoWeek(values.week);
      if (!monday) {
        context.err(`--week must be an ISO week like 2024-W23, not "${values.week}".`);
        return 2;
      }
      now = new Date(monday.getTime() + WEEK);
    }
    const db = await context.db();
    const recorded = await recordedRepoIds(db, scope);
    if (!recorded.ok) {
      context.err(recorded.message);
      return 1;
    }
    const digest = await gatherDigest({ source: storeFiguresSource(db, { reviewActiveDays: context.env.settings.reviewActiveDays }), scope, now });
    const content = digestContent(digest, now, { githubWebUrl: githubWebUrl(context.env.settings), publicUrl: context.env.settings.publicUrl });
    if (!values.post) {
      const format = values.format;
      context.out(format === "slack" ? JSON.stringify(renderSlack(content), null, 2) : format === "teams" ? JSON.stringify(renderTeams(content), null, 2) : renderText(content));
      return 0;
    }
    const { settings, problems } = context.env.digest;
    for (const problem of problems) context.err(problem);
    const name = positionals[0]?.toLowerCase();
    const targets = settings.targets.filter((t) => (t.scope.repo ? `${t.scope.owner}/${t.scope.repo}` : t.scope.owner).toLowerCase() === name);
    if (targets.length === 0) {
      context.err(`No webhook for ${positionals[0]} in SHIPSHAPE_DIGEST_WEBHOOKS: add ${positionals[0]}=https://hooks.slack.com/… (or a Teams URL) and run again.`);
      return 1;
    }
    let failed = 0;
    for (const target of targets) {
      const result = await postWebhook({ url: target.url, body: renderFor(target, content) });
      const where = `${target.format} webhook ${redact(target.url)}`;
      if (result.ok) context.out(`Posted the ${digest.period} digest of ${positionals[0]} to the ${where}.`);
      else {
        failed++;
        context.err(`Could not post to the ${where} after ${result.attempts} attempts: ${redact(result.error ?? "unknown error")}`);
      }
    }
    return failed === 0 ? 0 : 1;
  },
};
