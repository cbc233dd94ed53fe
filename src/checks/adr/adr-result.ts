import type { RuleResult } from "../../model/checks.js";
import { adrTemplate } from "./adr-template.js";
import { type AdrStyle } from "../../model/adr-style.js";
import type { AdrConfig, AdrDecision, AdrEvidence } from "./decide-adr.js";
import { code, codeBlock, directoryNoteText, found, labelsPhrase, notFound, why } from "./adr-phrases.js";

export interface AdrTextParams {
  config: AdrConfig;
  baseRef: string;
  style: AdrStyle;
  /** The template to show, already filled (the repository's own, or one in the style of its newest ADR). */
  template?: string;
  /** Set when `adr.directory` does not exist and the ADRs were found elsewhere. */
  directoryNote?: { configured: string; used: string; source: ".adr-dir" | "well-known" };
}

/** The `shipshape/adr` check run's texts for a decision. */
export function adrResult(decision: AdrDecision, params: AdrTextParams): RuleResult {
  const { config, baseRef } = params;
  switch (decision.kind) {
    case "not-needed":
      return { outcome: "pass", title: `No ADR needed: ${notNeededTitle(config)}`, summary: notNeededSummary(config) };
    case "satisfied":
      return {
        outcome: "pass",
        title: satisfiedTitle(decision.evidence[0]),
        summary: [
          `This pull request needs an Architecture Decision Record because ${why(decision.trigger)}, and it has one:`,
          decision.evidence.map((evidence) => `- it ${found(evidence)}`).join("\n"),
          ...notFound(decision.unresolved, { directory: config.directory, baseRef }),
        ].join("\n\n"),
      };
    case "missing":
      return {
        outcome: "fail",
        title: `Add ${decision.suggestion.path}, or cite an existing ADR`,
        summary: [
          `This pull request needs an Architecture Decision Record because ${why(decision.trigger)}.`,
          `None found: it adds no file under ${code(`${config.directory}/`)}, and its description cites no ADR that exists on ${code(baseRef)}` +
            (config.links.length > 0 ? " and links no page matching `adr.links`." : "."),
          ...notFound(decision.unresolved, { directory: config.directory, baseRef }),
          ...(params.directoryNote ? [directoryNoteText(params.directoryNote, baseRef)] : []),
          "A writer can skip this check by commenting `/shipshape skip adr <reason>`.",
        ].join("\n\n"),
        text: `Suggested file: ${code(decision.suggestion.path)}\n\n${codeBlock((params.template ?? adrTemplate({ style: params.style, title: decision.title, number: decision.suggestion.number, digits: decision.suggestion.digits })), "markdown")}`,
      };
  }
}

/** "no architecture label, no architectural paths changed": plain text, for a one-line title. */
function notNeededTitle(config: AdrConfig): string {
  const labels = config.labels.length === 0 ? "" : `no ${config.labels.join(" or ")} label`;
  const paths = config.paths.length === 0 ? "" : "no architectural paths changed";
  return [labels, paths].filter((part) => part !== "").join(", ") || "no adr.labels or adr.paths configured";
}

function notNeededSummary(config: AdrConfig): string {
  const labels = config.labels.length === 0 ? undefined : `has ${labelsPhrase(config.labels)}`;
  const paths = config.paths.length === 0 ? undefined : `changes a file matching ${config.paths.slice(0, 5).map(code).join(", ")}${config.paths.length > 5 ? ", …" : ""}`;
  if (!labels && !paths) return "`adr.labels` and `adr.paths` are both empty in `.github/shipshape.yml`, so no pull request needs an ADR.";
  const rule = [labels, paths].filter(Boolean).join(" or ");
  return `A pull request needs an Architecture Decision Record when it ${rule} (\`adr\` in \`.github/shipshape.yml\`). This one does not.`;
}

function satisfiedTitle(evidence: AdrEvidence | undefined): string {
  switch (evidence?.kind) {
    case "file":
      return `ADR ${evidence.status === "modified" || evidence.status === "changed" ? "updated" : "added"}: ${evidence.path}`;
    case "reference":
      return `ADR cited: ${evidence.text}`;
    case "link":
      return `ADR linked: ${evidence.url}`;
    default:
      return "ADR found";
  }
}
