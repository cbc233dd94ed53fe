import type { ConfigResult } from "../config/parse-config.js";
import type { Permission } from "../model/permission.js";
import type { DirectoryListing } from "../github/list-directory.js";
import { BoundedCache } from "../lib/bounded-cache.js";
import type { AdrStyle } from "../model/adr-style.js";
import type { CoverageReport } from "../model/coverage-report.js";
import type { TicketLookup } from "../model/ticket-references.js";
import type { LinkedIssue } from "../github/list-closing-issues.js";
import type { PullRequestCacheEntry } from "./pull-request-cache.js";

/** How long a repository's configuration is trusted when no push says it changed. */
export const CONFIG_CACHE_TTL_MS = 5 * 60_000;
/** How long an issue lookup is trusted: an issue that is created or deleted shows up within this. */
export const ISSUE_CACHE_TTL_MS = 5 * 60_000;
/** How long a Jira or Linear answer is trusted: a ticket moved to Done shows up within this. */
export const TICKET_CACHE_TTL_MS = 5 * 60_000;
/** Linking an issue in the sidebar sends no webhook: a link made later shows up within this, or at once with `/shipshape refresh`. */
export const LINKED_ISSUES_TTL_MS = 10 * 60_000;
/** A permission change (someone granted write) shows up within this. */
export const PERMISSION_CACHE_TTL_MS = 60_000;

/**
 * Every cache of the app, one `BoundedCache` each, per process (other replicas keep their own).
 * Keys that name a repository carry `owner/repo`, and a repository belongs to exactly one
 * installation, so entries never leak between installations.
 */
export interface Caches {
  /** Configuration per repository (`configCacheKey`), dropped by pushes that touch it. */
  config: BoundedCache<ConfigResult>;
  /** Commits and files per (PR, head, base), shared by events that do not move the head. */
  pullRequests: BoundedCache<PullRequestCacheEntry>;
  /** Whether `owner/repo#n` is an issue (and its state), a PR or missing. */
  issues: BoundedCache<TicketLookup>;
  /** Jira and Linear answers per (owner, system, key): `jira acme ENG-1`. Only definite answers (found, missing) are kept. */
  tickets: BoundedCache<TicketLookup>;
  /** Operator warnings already logged per (system, owner): one line an hour, not one per PR. */
  trackerWarnings: BoundedCache<true>;
  /** The issues GitHub links to a PR (Development sidebar), per (PR, head). */
  linkedIssues: BoundedCache<LinkedIssue[]>;
  /** Directory listings with their ETag, so the next read is conditional. */
  directories: BoundedCache<DirectoryListing>;
  /** The layout of an ADR, keyed by its blob SHA: the same SHA is the same text. */
  adrStyles: BoundedCache<AdrStyle>;
  /** A repository's ADR template text (or "" when it has none readable), keyed by repo, ref, path and blob SHA. */
  adrTemplates: BoundedCache<string>;
  /** The coverage reports this process stored last, keyed by `repo@sha`, with their row's `updated_at`. */
  coverageReports: BoundedCache<{ updatedAt: number; report: CoverageReport }>;
  /** A commenter's permission per (installation, repository, user). */
  permissions: BoundedCache<Permission>;
}

/**
 * Creates every cache, once, where `AppDeps` is built (docs/design.md: none at module level).
 * `now` is epoch ms; `configTtlMs` lets tests shorten the config's time to live.
 */
export function createCaches(params: { now: () => number; configTtlMs?: number }): Caches {
  const { now } = params;
  return {
    config: new BoundedCache({ maxEntries: 5000, ttlMs: params.configTtlMs ?? CONFIG_CACHE_TTL_MS, now }),
    pullRequests: new BoundedCache({ maxEntries: 500, lru: true }),
    issues: new BoundedCache({ maxEntries: 10_000, ttlMs: ISSUE_CACHE_TTL_MS, now }),
    tickets: new BoundedCache({ maxEntries: 10_000, ttlMs: TICKET_CACHE_TTL_MS, now }),
    trackerWarnings: new BoundedCache({ maxEntries: 1000, ttlMs: 60 * 60_000, now }),
    linkedIssues: new BoundedCache({ maxEntries: 2000, ttlMs: LINKED_ISSUES_TTL_MS, now }),
    directories: new BoundedCache({ maxEntries: 1000, lru: true }),
    adrStyles: new BoundedCache({ maxEntries: 1000 }),
    // A template is at most 8,000 characters once cut for the comment; 500 of them stay small.
    adrTemplates: new BoundedCache({ maxEntries: 500, lru: true }),
    // The report stored last is usually judged right after (workflow_run -> check): a few suffice.
    coverageReports: new BoundedCache({ maxEntries: 4 }),
    permissions: new BoundedCache({ maxEntries: 10_000, ttlMs: PERMISSION_CACHE_TTL_MS, now }),
  };
}
