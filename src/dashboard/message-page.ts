import { escapeHtml } from "./escape-html.js";
import { layout } from "./layout.js";

/** A page that only says something: 401 (with a way in), 400, 404. */
export function messagePage(params: { title: string; message: string; next?: string }): string {
  const link = params.next !== undefined ? `<p><a class="primary" href="/dashboard/login?next=${encodeURIComponent(params.next)}">Sign in with the API token</a></p>` : `<p><a href="/dashboard">Back to the overview</a></p>`;
  return layout({ title: params.title, body: `<section class="card login"><h1>${escapeHtml(params.title)}</h1><p>${escapeHtml(params.message)}</p>${link}</section>` });
}
