import { example } from "../helpers/examples.js";

interface Payload {
  repository: { full_name: string };
  pull_request: { title: string; body: string | null; draft: boolean; labels: Array<{ name: string }>; user: { login: string; type: string }; head: { ref: string }; base: { ref: string } };
}

/**
 * The `shipshape check --pr` input for the real `pull_request.opened` payload of
 * `@octokit/webhooks-examples` (Codertocat/Hello-World#2), each field taken from where the app
 * reads it, with the fields a test names changed.
 */
export function prInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { repository, pull_request: pr } = example<Payload>("pull_request", "opened");
  return {
    repository: repository.full_name,
    title: pr.title,
    branch: pr.head.ref,
    base: pr.base.ref,
    body: pr.body,
    commits: [],
    labels: pr.labels.map((label) => label.name),
    author: pr.user.login,
    author_type: pr.user.type,
    draft: pr.draft,
    files: [],
    ...overrides,
  };
}
