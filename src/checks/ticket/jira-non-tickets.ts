/**
 * Prefixes that look like Jira keys but almost never are: encodings, hashes, standards, version
 * names and the words tools put in branch names (`patch-1` from GitHub's web editor). They count
 * only when listed in `jira.keys`. Single letters (`X-1`) never count either.
 */
export const JIRA_NON_TICKETS: ReadonlySet<string> = new Set([
  // encodings, hashes, crypto
  "UTF", "UCS", "LATIN", "WINDOWS", "CP", "ASCII", "BASE", "SHA", "MD", "AES", "RSA", "ED", "CURVE", "HMAC", "CRC",
  // standards and advisories
  "ISO", "RFC", "CVE", "CWE", "GHSA", "IEEE", "ANSI", "ECMA", "ES", "PEP", "WCAG", "HTTP", "TLS", "SSL", "IPV", "OAUTH",
  "UTC", "GMT", "COVID", "SOC",
  // runtimes and versions
  "NODE", "NODEJS", "PYTHON", "PY", "JAVA", "JDK", "JRE", "GO", "RUBY", "PHP", "PERL", "DOTNET", "NET", "GPT",
  "UBUNTU", "DEBIAN", "ALPINE", "CENTOS", "RHEL", "FEDORA", "WIN", "MACOS", "IOS", "ANDROID", "POSTGRES", "PG",
  "MYSQL", "REDIS", "V", "VER", "VERSION", "REV",
  // branch-name words
  "PATCH", "FIX", "HOTFIX", "BUGFIX", "FEATURE", "FEAT", "BUG", "CHORE", "WIP", "ISSUE", "ISSUES", "GH", "PR",
  "PART", "STEP", "PHASE", "DAY", "WEEK", "ROUND", "TOP", "PAGE", "TAKE", "TRY", "ATTEMPT", "BACKPORT",
]);
