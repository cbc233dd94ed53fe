/**
 * An attempt's error as the dead-letter list shows it. A GitHub call that failed names itself
 * (`HTTP 404 from GET /repos/acme/shop/pulls/7`) so the operator knows which request to look at;
 * the query string is left out, as it may carry a token or a cursor nobody needs.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describeFailure).join("; ");
  if (error instanceof Error) {
    const status = (error as { status?: number }).status;
    const request = (error as { request?: { method?: unknown; url?: unknown } }).request;
    const call = typeof request?.method === "string" && typeof request.url === "string" ? ` from ${request.method} ${requestPath(request.url)}` : "";
    return status ? `${error.message} (HTTP ${status}${call})` : error.message;
  }
  return String(error);
}

function requestPath(url: string): string {
  try {
    // GitHub Enterprise Server serves the API under /api/v3: the path after it is the one in GitHub's docs.
    return new URL(url).pathname.replace(/^\/api\/v3(?=\/)/, "");
  } catch {
    return url.split("?")[0] ?? url;
  }
}
