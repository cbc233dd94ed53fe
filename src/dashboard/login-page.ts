import { escapeHtml } from "./escape-html.js";
import { layout } from "./layout.js";

/** The form that takes `SHIPSHAPE_API_TOKEN` once; `csrf` pairs it with the browser that asked for it. */
export function loginPage(params: { csrf: string; next: string; error?: string }): string {
  const error = params.error ? `<p class="error" role="alert">${escapeHtml(params.error)}</p>` : "";
  const body = `<section class="card login"><h1>Sign in to the dashboard</h1>
<p>Paste the API token the operator set as <code>SHIPSHAPE_API_TOKEN</code>. It is checked once; the browser then keeps a session cookie, never the token.</p>${error}
<form method="post" action="/dashboard/login">
<input type="hidden" name="csrf" value="${escapeHtml(params.csrf)}"><input type="hidden" name="next" value="${escapeHtml(params.next)}">
<label for="token">API token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<p><button class="primary" type="submit">Sign in</button></p></form></section>`;
  return layout({ title: "Sign in", body });
}
