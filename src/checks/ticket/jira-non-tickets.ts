/**
 * Prefixes that look like Jira keys but almost never are: encodings, hashes, standards, version
 * names and the words tools put in branch names (`patch-1` from GitHub's web editor). They count
 * only when listed in `jira.keys`. Single letters (`X-1`) never count either. A repository whose
 * real key is here (`ES`) is told, in the failure, to list it in `keys`.
 */
export const JIRA_NON_TICKETS: ReadonlySet<string> = new Set([
  // encodings, hashes, crypto
  "UTF", "UCS", "LATIN", "WINDOWS", "CP", "ASCII", "BASE", "SHA", "MD", "AES", "RSA", "ED", "CURVE", "HMAC", "CRC",
  // standards and advisories
  "ISO", "RFC", "CVE", "CWE", "GHSA", "IEEE", "ANSI", "ECMA", "ES", "PEP", "WCAG", "HTTP", "TLS", "SSL", "IPV", "OAUTH",
  "UTC", "GMT", "COVID", "SOC",
  // proposals and specifications: Ethereum (EIP, ERC), Bitcoin (BIP), PHP (PSR), Java (JEP, JSR),
  // Kubernetes (KEP), FIPS; architecture decision records (ADR-12 is the ADR check's business)
  "EIP", "ERC", "BIP", "PSR", "JEP", "JSR", "KEP", "FIPS", "ADR",
  // architectures, hash and signature names, web formats (X86-64, SHA3-256, RS-256, HTML-5)
  "X86", "X64", "AMD", "ARM", "AARCH", "SHA1", "SHA2", "SHA3", "RS", "HS", "PS", "HTML", "CSS", "XML",
  // runtimes and versions
  "NODE", "NODEJS", "PYTHON", "PY", "JAVA", "JDK", "JRE", "GO", "RUBY", "PHP", "PERL", "DOTNET", "NET", "GPT",
  "UBUNTU", "DEBIAN", "ALPINE", "CENTOS", "RHEL", "FEDORA", "WIN", "MACOS", "IOS", "ANDROID", "POSTGRES", "PG",
  "MYSQL", "REDIS", "V", "VER", "VERSION", "REV",
  // branch-name words
  "PATCH", "FIX", "HOTFIX", "BUGFIX", "FEATURE", "FEAT", "BUG", "CHORE", "WIP", "ISSUE", "ISSUES", "GH", "PR",
  "PART", "STEP", "PHASE", "DAY", "WEEK", "ROUND", "TOP", "PAGE", "TAKE", "TRY", "ATTEMPT", "BACKPORT",
  // more branch-name words: actions/checkout-4, sprint-42, rc-1, stage-2, GitHub's revert-123-...
  "CHECKOUT", "SETUP", "SPRINT", "RC", "BETA", "ALPHA", "STAGE", "REVERT", "RELEASE", "MERGE", "LEVEL", "TIER",
]);
