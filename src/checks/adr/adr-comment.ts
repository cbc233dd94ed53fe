import { adrTemplate } from "./adr-template.js";
import type { AdrConfig, AdrDecision } from "./decide-adr.js";
import type { AdrTextParams } from "./adr-result.js";
import { code, codeBlock, directoryNoteText, found, joinAnd, labelsPhrase, notFound, why } from "./adr-phrases.js";
import { escapeMarkdown } from "../../lib/markdown-text.js";
import type { Override } from "../../model/checks.js";

/** The default `adr.references`, for which a concrete example (`ADR-12`) can be shown. */
const DEFAULT_REFERENCE = "ADR-?[0-9]+";

/**
 * The one comment that asks for an ADR, and what it becomes later. Deterministic for the same
 * decision (no times, no SHAs), so repeated events leave it untouched.
 */
export function adrCommentBody(decision: AdrDecision, params: AdrTextParams): string {
  const { config, baseRef } = params;
  switch (decision.kind) {
    case "missing":
      return missingBody(decision, params);
    case "satisfied":
      return [
        "### ✅ Architecture Decision Record found",
        `This pull request needed an ADR because ${why(decision.trigger)}. It now ${joinAnd(decision.evidence.map(found))}. Thank you!`,
        ...notFound(decision.unresolved, { directory: config.directory, baseRef }).map((line) => `> ${line}`),
      ].join("\n\n");
    case "not-needed":
      return ["### Architecture Decision Record no longer needed", `${noLongerNeeded(config)} Nothing to do.`].join("\n\n");
  }
}

/**
 * The comment while a writer's `/shipshape skip adr` stands: who skipped it, why, and how to undo
 * it, so nobody reads the earlier "needs an ADR" as still open. Only an existing comment is edited.
 */
export function adrSkippedCommentBody(decision: AdrDecision, override: Override): string {
  const reason = escapeMarkdown(override.reason.replace(/\s+/g, " ").trim());
  const would =
    decision.kind === "missing"
      ? `Without the skip it would need an ADR, because ${why(decision.trigger)}.`
      : decision.kind === "satisfied"
        ? `It has its ADR anyway: it ${joinAnd(decision.evidence.map(found))}.`
        : "It needs no ADR anyway.";
  return [
    `### ⏭️ ADR check skipped by @${override.user}`,
    `**Reason:** ${reason}`,
    `@${override.user} skipped \`shipshape/adr\` with \`/shipshape skip adr\` on ${override.at.slice(0, 10)}. ${would}`,
    "<sub>Should it apply after all? Someone with write access can comment `/shipshape unskip adr`.</sub>",
  ].join("\n\n");
}

function missingBody(decision: Extract<AdrDecision, { kind: "missing" }>, params: AdrTextParams): string {
  const { config, baseRef, style } = params;
  const { suggestion } = decision;
  const ways = [
    `Add ${code(suggestion.path)} to this pull request (template below).`,
    `Or cite an ADR that already exists on ${code(baseRef)} in the description: ${citeExample(decision.highest, config)}.`,
  ];
  if (config.links.length > 0) ways.push(`Or link its page, if your team keeps ADRs outside the repository (${config.links.slice(0, 3).map(code).join(", ")}).`);
  return [
    "### 📝 This pull request needs an Architecture Decision Record",
    `**Why:** ${why(decision.trigger)}.`,
    ...(params.directoryNote ? [`> ℹ️ ${directoryNoteText(params.directoryNote, baseRef)}`] : []),
    ...notFound(decision.unresolved, { directory: config.directory, baseRef }).map((line) => `> ⚠️ ${line}`),
    `**What to do** (any one of these):\n\n${ways.map((way) => `- ${way}`).join("\n")}`,
    `**Template** for ${code(suggestion.path)}:`,
    codeBlock((params.template ?? adrTemplate({ style, title: decision.title, number: suggestion.number, digits: suggestion.digits })), "markdown"),
    "<sub>Not an architectural change? Someone with write access can comment `/shipshape skip adr <reason>`. This comment is updated as the pull request changes.</sub>",
  ].join("\n\n");
}

function noLongerNeeded(config: AdrConfig): string {
  const labels = config.labels.length > 0 ? `has ${labelsPhrase(config.labels)}` : undefined;
  const paths = config.paths.length > 0 ? "changes a file matching `adr.paths`" : undefined;
  if (labels && paths) return `This pull request no longer ${labels}, and it changes no file matching \`adr.paths\`, so it needs no ADR.`;
  if (labels ?? paths) return `This pull request no longer ${labels ?? paths}, so it needs no ADR.`;
  return "`adr.labels` and `adr.paths` are now both empty, so no pull request needs an ADR.";
}

function citeExample(highest: number | null, config: AdrConfig): string {
  const example = highest === null ? 1 : highest;
  const link = code(`${config.directory}/…`);
  if (config.references.length === 1 && config.references[0] === DEFAULT_REFERENCE) return `${code(`ADR-${example}`)}, or a link to ${link}`;
  if (config.references.length === 0) return `a link to ${link}`;
  return `a reference matching ${config.references.slice(0, 3).map(code).join(", ")}, or a link to ${link}`;
}
