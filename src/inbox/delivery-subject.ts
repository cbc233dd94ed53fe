/** What a delivery was about: its repository and pull request, as the dead-letter list shows them. */
export interface DeliverySubject {
  repo?: string;
  pr?: number;
}

interface PayloadShape {
  repository?: { full_name?: unknown };
  pull_request?: { number?: unknown };
  issue?: { number?: unknown; pull_request?: unknown };
  check_run?: { pull_requests?: Array<{ number?: unknown }> };
  check_suite?: { pull_requests?: Array<{ number?: unknown }> };
  workflow_run?: { pull_requests?: Array<{ number?: unknown }> };
}

/** Reads the repository and PR out of a stored payload; a payload that does not parse names neither. */
export function deliverySubject(payload: string): DeliverySubject {
  let body: PayloadShape;
  try {
    body = JSON.parse(payload) as PayloadShape;
  } catch {
    return {};
  }
  if (typeof body !== "object" || body === null) return {};
  const repo = typeof body.repository?.full_name === "string" ? body.repository.full_name : undefined;
  const candidates = [
    body.pull_request?.number,
    body.issue?.pull_request ? body.issue.number : undefined,
    body.check_run?.pull_requests?.[0]?.number,
    body.check_suite?.pull_requests?.[0]?.number,
    body.workflow_run?.pull_requests?.[0]?.number,
  ];
  const pr = candidates.find((value): value is number => typeof value === "number");
  return { ...(repo ? { repo } : {}), ...(pr !== undefined ? { pr } : {}) };
}
