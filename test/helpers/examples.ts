import examples from "@octokit/webhooks-examples";

interface ExampleGroup {
  name: string;
  examples: Array<Record<string, unknown>>;
}

/**
 * A deep copy of a real payload from `@octokit/webhooks-examples`, e.g. `example("pull_request", "opened")`.
 * Pass `overrides` to adjust fields (merged shallowly per top-level key's object).
 */
export function example<T = Record<string, unknown>>(event: string, action?: string): T {
  const group = (examples as unknown as ExampleGroup[]).find((candidate) => candidate.name === event);
  const payload = group?.examples.find((candidate) => action === undefined || candidate.action === action);
  if (!payload) throw new Error(`@octokit/webhooks-examples has no ${event}${action ? `.${action}` : ""}`);
  return structuredClone(payload) as T;
}
