/**
 * The operator's credentials for the ticket systems, per GitHub owner (ADR 0013). They come only
 * from the environment, never from a repository's YAML.
 */

/** One Jira site: Cloud (email + API token, basic auth, REST v3) or Data Center (personal access token, bearer, REST v2). */
export interface JiraSite {
  /** e.g. https://acme.atlassian.net, without a trailing slash. */
  baseUrl: string;
  /** The `Authorization` header value. A secret: never logged. */
  authorization: string;
  /** `3` on Cloud, `2` on Data Center / Server. */
  apiVersion: 2 | 3;
}

export interface LinearWorkspace {
  /** The GraphQL endpoint, https://api.linear.app/graphql unless given. */
  url: string;
  /** A personal API key (`lin_api_…`), sent as `Authorization` as Linear documents. A secret. */
  apiKey: string;
}

export interface TrackerCredentials {
  /** By owner, lower case. */
  jira: ReadonlyMap<string, JiraSite>;
  linear: ReadonlyMap<string, LinearWorkspace>;
}

export const NO_TRACKER_CREDENTIALS: TrackerCredentials = { jira: new Map(), linear: new Map() };

export const LINEAR_API_URL = "https://api.linear.app/graphql";

/** Entries are separated as the digest webhooks are: by `;` or new lines. */
function entries(raw: string | undefined): string[] {
  return (raw ?? "").split(/[;\n]/).map((entry) => entry.trim()).filter(Boolean);
}

const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

/**
 * Parses `SHIPSHAPE_JIRA` and `SHIPSHAPE_LINEAR`. Returns the credentials and one problem line per
 * bad entry; a problem names the variable and the owner, never the secret.
 *
 * - `SHIPSHAPE_JIRA=acme=https://acme.atlassian.net,user@acme.com:TOKEN` (Cloud: email and API
 *   token, basic auth, REST v3), `acme=https://jira.acme.internal,bearer:PAT` (Data Center: a
 *   personal access token, bearer auth, REST v2).
 * - `SHIPSHAPE_LINEAR=acme=lin_api_…`, or `acme=https://linear.proxy.internal/graphql,lin_api_…`.
 */
export function readTrackerCredentials(env: { SHIPSHAPE_JIRA?: string | undefined; SHIPSHAPE_LINEAR?: string | undefined }): { credentials: TrackerCredentials; problems: string[] } {
  const problems: string[] = [];
  const jira = new Map<string, JiraSite>();
  const linear = new Map<string, LinearWorkspace>();
  for (const entry of entries(env.SHIPSHAPE_JIRA)) {
    const parsed = parseJira(entry);
    if (typeof parsed === "string") problems.push(`SHIPSHAPE_JIRA: ${parsed}`);
    else jira.set(parsed.owner, parsed.site);
  }
  for (const entry of entries(env.SHIPSHAPE_LINEAR)) {
    const parsed = parseLinear(entry);
    if (typeof parsed === "string") problems.push(`SHIPSHAPE_LINEAR: ${parsed}`);
    else linear.set(parsed.owner, parsed.workspace);
  }
  return { credentials: { jira, linear }, problems };
}

function splitOwner(entry: string): { owner: string; rest: string } | string {
  const at = entry.indexOf("=");
  const owner = at > 0 ? entry.slice(0, at).trim() : "";
  if (!OWNER.test(owner)) return `an entry does not start with owner= (expected e.g. acme=…)`;
  return { owner: owner.toLowerCase(), rest: entry.slice(at + 1).trim() };
}

function parseJira(entry: string): { owner: string; site: JiraSite } | string {
  const split = splitOwner(entry);
  if (typeof split === "string") return split;
  const { owner, rest } = split;
  const comma = rest.indexOf(",");
  const base = comma > 0 ? httpUrl(rest.slice(0, comma).trim()) : undefined;
  if (!base) return `the entry of ${owner} is not owner=https://site,email:token (Cloud) or owner=https://site,bearer:token (Data Center)`;
  const secret = rest.slice(comma + 1).trim();
  if (secret.toLowerCase().startsWith("bearer:")) {
    const token = secret.slice("bearer:".length).trim();
    if (!token) return `the entry of ${owner} has an empty token after bearer:`;
    return { owner, site: { baseUrl: base, authorization: `Bearer ${token}`, apiVersion: 2 } };
  }
  const colon = secret.indexOf(":");
  if (colon <= 0 || colon === secret.length - 1) return `the credentials of ${owner} are not email:token (Cloud) or bearer:token (Data Center)`;
  const apiVersion = new URL(base).hostname.endsWith(".atlassian.net") ? 3 : 2;
  return { owner, site: { baseUrl: base, authorization: `Basic ${Buffer.from(secret).toString("base64")}`, apiVersion } };
}

function parseLinear(entry: string): { owner: string; workspace: LinearWorkspace } | string {
  const split = splitOwner(entry);
  if (typeof split === "string") return split;
  const { owner, rest } = split;
  const comma = rest.lastIndexOf(",");
  const url = comma > 0 ? httpUrl(rest.slice(0, comma).trim()) : LINEAR_API_URL;
  const apiKey = (comma > 0 ? rest.slice(comma + 1) : rest).trim();
  if (!url) return `the endpoint of ${owner} is not an http(s) URL`;
  if (!apiKey || /[\s,]/.test(apiKey)) return `the entry of ${owner} is not owner=lin_api_… (a Linear API key)`;
  return { owner, workspace: { url, apiKey } };
}

function httpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    return url.href.replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}
