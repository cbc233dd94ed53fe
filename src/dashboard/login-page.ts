import { escapeHtml } from "./escape-html.js";
import { layout } from "./layout.js";

/** The form that takes `SHIPSHAPE_API_TOKEN` once; `csrf` pairs it with the browser that asked for it. */
export function loginPage(params: { csrf: string; next: string; error?: string; github?: boolean }): string {
  const error = params.error ? `<p class="error" role="alert">${escapeHtml(params.error)}</p>` : "";
  // With sign-in on, GitHub's way comes first: it shows each person what their GitHub access allows.
  const github = params.github
    ? `<p><a class="primary" href="/dashboard/login?next=${encodeURIComponent(params.next)}">Sign in with GitHub</a></p>
<p class="hint">You will see the repositories of this app's installations that your GitHub account can reach. Operators can use the API token below.</p>`
    : "";
  const body = `<section class="card login"><h1>Sign in to the dashboard</h1>${error}${github}
<p>Paste the API token the operator set as <code>SHIPSHAPE_API_TOKEN</code>. It is checked once; the browser then keeps a session cookie, never the token.</p>
<form method="post" action="/dashboard/login">
<input type="hidden" name="csrf" value="${escapeHtml(params.csrf)}"><input type="hidden" name="next" value="${escapeHtml(params.next)}">
<label for="token">API token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<p><button class="primary" type="submit">Sign in</button></p></form></section>`;
  return layout({ title: "Sign in", body });
}
