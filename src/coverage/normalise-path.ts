/**
 * Report paths as they come from CI (absolute runner paths, `./`, Windows separators) made
 * repo-relative where the prefix is recognisable. Pure string work: report paths never touch
 * the local filesystem. What stays absolute or package-relative is matched to the PR's files by
 * suffix (`match-paths.ts`).
 */

// Checkout roots of common CI runners: GitHub-hosted (Linux, macOS, Windows), container jobs,
// GitLab, CircleCI, Azure Pipelines, Jenkins, Buildkite, and self-hosted GitHub runners (every
// GitHub Enterprise Server runner) wherever they are installed: `…/actions-runner/_work/r/r/`.
const CI_ROOTS: RegExp[] = [
  /^\/(?:home|Users)\/runner\/work\/[^/]+\/[^/]+\//,
  /^(?:[A-Za-z]:)?\/(?:[^/]+\/)*?actions-runner\/_work\/[^/]+\/[^/]+\//,
  /^[A-Za-z]:\/a\/[^/]+\/[^/]+\//,
  /^\/__w\/[^/]+\/[^/]+\//,
  /^\/github\/workspace\//,
  /^\/builds\/[^/]+\/[^/]+\//,
  /^\/home\/circleci\/(?:project|repo)\//,
  /^\/home\/vsts\/work\/\d+\/s\//,
  /^\/var\/lib\/jenkins\/workspace\/[^/]+\//,
  /^\/var\/lib\/buildkite-agent\/builds\/[^/]+\/[^/]+\/[^/]+\//,
];

export function normalisePath(raw: string): string {
  let path = raw.trim().replace(/\\/g, "/");
  if (path.startsWith("file://")) path = path.slice("file://".length);
  // Only absolute paths can carry a runner's checkout root.
  const maybeRooted = path.startsWith("/") || path.charCodeAt(1) === 58;
  for (const root of maybeRooted ? CI_ROOTS : []) {
    const match = root.exec(path);
    if (match) {
      path = path.slice(match[0].length);
      break;
    }
  }
  if (!maybeRooted && !path.includes("./") && !path.includes("//")) return path;
  const absolute = path.startsWith("/") || /^[A-Za-z]:\//.test(path);
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const joined = segments.join("/");
  return absolute && !/^[A-Za-z]:$/.test(segments[0] ?? "") ? `/${joined}` : joined;
}

/** A Cobertura `<source>` root joined with a class's file name (absolute names stand alone). */
export function joinPath(source: string, filename: string): string {
  const name = filename.replace(/\\/g, "/");
  if (name.startsWith("/") || /^[A-Za-z]:\//.test(name)) return name;
  return `${source.replace(/\\/g, "/").replace(/\/+$/, "")}/${name}`;
}
