import type { VerifyConfig, VerifyProviderConfig } from "../../config/schema.js";
import type { TicketLookup, TicketReference, VerifiedProvider } from "../../model/ticket-references.js";

/** Which statuses count for one ticket system: only `allowed` ones, or all but `refused` ones (lower case). */
export type StatusRule = { allowed: readonly string[] } | { refused: readonly string[] };

/** The ticket systems one evaluation looks references up in, each with its status rule. */
export type VerifyPlan = Partial<Record<VerifiedProvider, StatusRule>>;

/** Refused when `statuses` is not given: what each system calls finished (ADR 0013). */
export const DEFAULT_REFUSED: Record<VerifiedProvider, readonly string[]> = {
  github: ["closed"],
  jira: ["done"],
  linear: ["completed", "canceled"],
};

const VERIFIED: readonly VerifiedProvider[] = ["github", "jira", "linear"];

/**
 * What `tickets.verify` asks for, given which systems the operator gave credentials for this
 * owner. `true` means GitHub always and Jira/Linear when credentials exist (a repo cannot fail
 * because of settings it does not control); naming a provider asks for it, credentials or not,
 * and a missing credential then shows as misconfigured. Pure.
 */
export function verifyPlan(verify: VerifyConfig, credentials: { jira: boolean; linear: boolean }): VerifyPlan {
  if (verify === false) return {};
  const plan: VerifyPlan = {};
  for (const provider of VERIFIED) {
    const entry: VerifyProviderConfig | undefined = verify === true ? (provider === "github" || credentials[provider] ? true : undefined) : verify[provider];
    if (entry === undefined || entry === false) continue;
    plan[provider] = statusRule(provider, entry);
  }
  return plan;
}

function statusRule(provider: VerifiedProvider, entry: Exclude<VerifyProviderConfig, false>): StatusRule {
  const statuses = entry === true ? undefined : entry.statuses;
  if (statuses && "allowed" in statuses) return { allowed: statuses.allowed.map((s) => s.toLowerCase()) };
  if (statuses && "refused" in statuses) return { refused: statuses.refused.map((s) => s.toLowerCase()) };
  return { refused: DEFAULT_REFUSED[provider] };
}

/** How a reference's lookup is keyed: the same ID may be a Jira and a Linear issue. */
export function lookupKey(ref: Pick<TicketReference, "provider" | "id">): string {
  return `${ref.provider} ${ref.id}`;
}

/** What one reference counts for, once looked up (or not). */
export type ReferenceVerdict =
  | { state: "accepted"; lookup?: Extract<TicketLookup, { kind: "found" }> }
  | { state: "rejected"; why: string; lookup?: TicketLookup }
  | { state: "unverified"; lookup: Extract<TicketLookup, { kind: "unreachable" | "misconfigured" }> }
  /** Verification applies but it was not looked up (another reference held, or the budget was spent). */
  | { state: "pending" };

/** Judges one reference against the plan and what its system answered. Pure. */
export function referenceVerdict(ref: TicketReference, plan: VerifyPlan, lookups: Readonly<Record<string, TicketLookup>> | undefined): ReferenceVerdict {
  const rule = isVerified(ref.provider) ? plan[ref.provider] : undefined;
  if (!rule) return { state: "accepted" };
  const lookup = lookups?.[lookupKey(ref)];
  if (!lookup) return { state: "pending" };
  switch (lookup.kind) {
    case "missing":
      return { state: "rejected", why: ref.provider === "github" ? "no such issue (or Shipshape cannot see its repository)" : "no such issue", lookup };
    case "pull-request":
      return { state: "rejected", why: "a pull request, not an issue", lookup };
    case "unreachable":
    case "misconfigured":
      return { state: "unverified", lookup };
    case "found": {
      const names = [lookup.status.toLowerCase(), lookup.group.toLowerCase()];
      const counts = "allowed" in rule ? names.some((name) => rule.allowed.includes(name)) : !names.some((name) => rule.refused.includes(name));
      if (counts) return { state: "accepted", lookup };
      return { state: "rejected", why: `${lookup.status}, which does not count here (${describeRule(rule)})`, lookup };
    }
  }
}

function describeRule(rule: StatusRule): string {
  return "allowed" in rule ? `allowed: ${rule.allowed.join(", ")}` : `refused: ${rule.refused.join(", ")}`;
}

export function isVerified(provider: TicketReference["provider"]): provider is VerifiedProvider {
  return (VERIFIED as readonly string[]).includes(provider);
}
