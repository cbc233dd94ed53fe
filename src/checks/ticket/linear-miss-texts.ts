import { code } from "../../lib/markdown-text.js";
import type { LinearMiss } from "./linear-near-misses.js";

/** Linear near misses as the ticket check's failure shows them (ADR 0073). */
export interface LinearMisses {
  misses: readonly LinearMiss[];
  /** `linear.teams` of the config, as written. */
  teams: readonly string[];
}

/** "the title", "the description", "commit abc1234". */
function place(where: string): string {
  if (where === "body") return "the description";
  return where.startsWith("commit ") ? where : `the ${where}`;
}

function team(id: string): string {
  return id.slice(0, id.lastIndexOf("-"));
}

/** The failure's title for the first near miss: what to write, then why the one written did not count. */
export function linearMissTitle(miss: LinearMiss, context: { target: string; example: string }): string {
  const where = place(miss.where);
  switch (miss.reason) {
    case "team":
      return `Add a ticket reference to ${context.target}, e.g. ${context.example}: ${miss.id} does not count, ${team(miss.id)} is not in linear.teams`;
    case "magic-word":
      return `Write "Fixes ${miss.id}" or "Part of ${miss.id}": ${miss.id} alone in ${where} does not count`;
    case "case":
      return `Write ${miss.id} in capitals: ${miss.written} in ${where} does not count`;
    case "dash":
      return where === "the title" ? `Write ${miss.id} with a dash: ${miss.written} in ${where} does not count` : `Write "Fixes ${miss.id}" with a dash: ${miss.written} in ${where} does not count`;
  }
}

/** The summary's lines: each near miss, why it did not count and the fix, in the repository's own terms. */
export function linearMissLines(linear: LinearMisses | undefined, target: string): string[] {
  if (!linear || linear.misses.length === 0) return [];
  const lines: string[] = [""];
  const others = linear.misses.filter((miss) => miss.reason === "team");
  if (others.length > 0) {
    const teams = [...new Set(others.map((miss) => team(miss.id)))];
    const one = teams.length === 1;
    const listed = linear.teams.map((t) => t.toUpperCase());
    lines.push(
      `Not counted: ${[...new Set(others.map((miss) => code(miss.id)))].join(", ")}. ${teams.map(code).join(", ")} ${one ? "is" : "are"} not in \`linear.teams\` of \`.github/shipshape.yml\`, which lists ${listed.map(code).join(", ")}: only issues of those teams count.`,
      `If ${one ? "it is" : "they are"} your team${one ? "" : "s"} too, add ${one ? "it" : "them"} to \`teams\`: \`{ linear: { teams: [${[...listed, ...teams].join(", ")}] } }\`.`,
    );
  }
  for (const miss of linear.misses) {
    const where = place(miss.where);
    if (miss.reason === "magic-word") {
      const elsewhere = target === where ? "" : `, or put ${code(miss.id)} in ${target}`;
      lines.push(`Not counted: ${code(miss.id)} in ${where}: there a Linear ID counts only after a magic word, as Linear itself links it. Write ${code(`Fixes ${miss.id}`)} (closes it on merge) or ${code(`Part of ${miss.id}`)}${elsewhere}.`);
    }
    if (miss.reason === "case") lines.push(`Not counted: ${code(miss.written)} in ${where}: in the title a Linear ID counts in capitals only. Write ${code(miss.id)}.`);
    if (miss.reason === "dash") {
      const fix = where === "the title" ? code(miss.id) : `${code(`Fixes ${miss.id}`)} or ${code(`Part of ${miss.id}`)}`;
      lines.push(`Not counted: ${code(miss.written)} in ${where}: a Linear ID has a dash between the team and the number. Write ${fix}.`);
    }
  }
  return lines;
}
