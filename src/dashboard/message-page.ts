import { escapeHtml } from "./escape-html.js";
import { layout } from "./layout.js";

/** A page that only says something: 401 (with a way in, and GitHub's when sign-in is on), 400, 404. */
export function messagePage(params: { title: string; message: string; next?: string; github?: boolean }): string {
  const next = encodeURIComponent(params.next ?? "");
  const link =
    params.next === undefined
      ? `<p><a href="/dashboard">Back to the overview</a></p>`
      : params.github
        ? `<p><a class="primary" href="/dashboard/login?next=${next}">Sign in with GitHub</a></p><p class="hint"><a href="/dashboard/login?with=token&amp;next=${next}">Sign in with the API token</a></p>`
        : `<p><a class="primary" href="/dashboard/login?next=${next}">Sign in with the API token</a></p>`;
  return layout({ title: params.title, body: `<section class="card login"><h1>${escapeHtml(params.title)}</h1><p>${escapeHtml(params.message)}</p>${link}</section>` });
}
