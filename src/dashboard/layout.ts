import { escapeHtml } from "./escape-html.js";

/** What a page knows about who is looking: a session (logout form) or a bearer header (nothing to log out). */
export interface Viewer {
  /** CSRF token of the logout form; absent when the request came with a bearer header. */
  logoutToken?: string;
  /** The GitHub login of a viewer signed in with GitHub, shown beside "Log out". */
  login?: string;
}

const CSS = `
:root{--fg:#1d2330;--muted:#5b6474;--line:#e3e6eb;--bg:#f6f7f9;--card:#fff;--pass:#2e8b57;--fail:#d1495b;--accent:#2f5ea8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.7rem 1.2rem;background:#1d2330;color:#fff}
header a{color:#fff;text-decoration:none}
header .brand{font-weight:700;letter-spacing:.02em}
header nav{flex:1;color:#c7cdd8}
header nav a{color:#c7cdd8}
header form{margin:0}
header .who{color:#c7cdd8;font-size:13px}
header button{background:transparent;color:#c7cdd8;border:1px solid #5b6474;border-radius:4px;padding:.2rem .6rem;cursor:pointer}
main{max-width:1180px;margin:0 auto;padding:1rem 1.2rem 3rem}
h1{font-size:1.4rem;margin:.4rem 0 1rem}
h2{font-size:1.05rem;margin:0 0 .6rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem;min-width:0}
.wide{grid-column:1/-1}
.chart{width:100%;height:auto;display:block}
.chart .grid{stroke:var(--line);stroke-width:1}
.chart .axis{fill:var(--muted);font-size:11px}
.chart .small{font-size:10px}
.chart .bar{fill:var(--accent)}
.chart .pass{fill:var(--pass)}
.chart .fail{fill:var(--fail)}
.chart .track{fill:var(--line)}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem 1rem;padding:0;margin:.5rem 0 0;font-size:13px;color:var(--muted)}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.35rem;vertical-align:-1px}
.swatch.pass{background:var(--pass)}.swatch.fail{background:var(--fail)}
.dora-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:.8rem}
.dora{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem}
.dora-title{font-size:13px;color:var(--muted)}
.dora-value{font-size:1.5rem;font-weight:600;margin:.1rem 0 .3rem}
.band{display:inline-block;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;padding:.1rem .5rem;border-radius:999px;color:#fff;background:#8a93a3}
.band-elite{background:#2e8b57}.band-high{background:#4e79a7}.band-medium{background:#c7861f}.band-low{background:#d1495b}
.trend{font-size:13px;color:var(--muted)}.trend.better{color:var(--pass)}.trend.worse{color:var(--fail)}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
th{font-weight:600;color:var(--muted);font-size:13px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto}
details{margin-top:.7rem;font-size:13px;color:var(--muted)}
details summary{cursor:pointer;color:var(--accent)}
details dl{margin:.4rem 0 0}details dt{font-weight:600;color:var(--fg);margin-top:.4rem}details dd{margin:0}
form.range{display:flex;flex-wrap:wrap;align-items:end;gap:.5rem 1rem;margin:0 0 1rem}
form.range label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
input,button{font:inherit}
input[type=date],input[type=password]{padding:.3rem .4rem;border:1px solid #c5cad3;border-radius:4px}
button.primary,a.primary{display:inline-block;text-decoration:none;background:var(--accent);color:#fff;border:0;border-radius:4px;padding:.4rem .9rem;cursor:pointer}
.presets a{margin-right:.6rem;font-size:13px}
.empty{color:var(--muted)}
.missed-title{margin:.6rem 0 .2rem;font-size:13px;color:var(--muted)}
ul.missed{margin:0;padding-left:1.1rem;font-size:13px}ul.missed a{margin-right:.3rem}
.error{color:var(--fail)}
.muted{color:var(--muted)}
p.stale{font-size:13px;margin:.5rem 0 0}
.hint{margin:.3rem 0 0;font-size:12px;color:var(--muted)}
.chart a text{fill:var(--accent);text-decoration:underline}
.chart a rect:hover{opacity:.8}
.legend a{color:inherit}
.freshness{margin:-.4rem 0 1rem;font-size:13px;color:var(--muted)}.freshness p{margin:0}
.backfills{margin:.3rem 0 0;padding-left:1.1rem}
.backfill.failed{color:var(--fail)}
.row-note{font-size:12px;color:var(--muted);max-width:22rem}
.exports{font-size:13px;color:var(--muted);margin:.8rem 0 0}.exports .export{margin-right:.8rem;white-space:nowrap}
.orgs{list-style:none;padding:0;margin:.8rem 0 0;font-size:14px}.orgs .exports{display:inline;margin:0 0 0 .5rem}
.reason{display:inline-block;font-size:12px;background:#fdecee;color:#9b2335;border-radius:4px;padding:0 .35rem;margin:0 .2rem .2rem 0}
.reasons{min-width:9rem}
.dora-cell{min-width:14rem}.dora-cell .band{font-size:11px;text-transform:none;letter-spacing:0;margin:0 .15rem .2rem 0}
.band-none{background:#8a93a3}
.sparkline{width:120px;height:28px;display:block}.sparkline .spark{fill:none;stroke:var(--accent);stroke-width:1.5}.sparkline .spark-dot,.sparkline .spark-last{fill:var(--accent)}.sparkline .grid{stroke:var(--line)}
form.filters select{padding:.3rem .4rem;border:1px solid #c5cad3;border-radius:4px;background:#fff;font:inherit}
.chip{display:inline-flex;gap:.4rem;align-items:center;background:#e8eefa;border-radius:999px;padding:.2rem .6rem;font-size:13px}
th.sorted,td.sorted{background:#f1f5fc}
.outcome{display:inline-block;font-size:12px;border-radius:4px;padding:0 .3rem;margin:0 .15rem .15rem 0;background:var(--line);white-space:nowrap}
.outcome-passed{background:#e3f3ea;color:#1f6b40}.outcome-failed{background:#fdecee;color:#9b2335}
.count{margin:0 0 .5rem;font-size:13px;color:var(--muted)}
td time{white-space:nowrap}
.login{max-width:420px;margin:3rem auto}
.login label{display:block;margin:.8rem 0 .3rem}
.login input{width:100%}
@media (max-width:600px){main{padding:.6rem}#phase-chart .axis{font-size:22px}#size-chart .axis,#hygiene-chart .axis,#hygiene-flow-chart .axis{font-size:14px}.grid{grid-template-columns:1fr}.card{padding:.7rem}h1{font-size:1.2rem}
#scopes thead{display:none}#scopes,#scopes tbody,#scopes tr{display:block}#scopes tr{border-bottom:1px solid var(--line);padding:.5rem 0}
#scopes td{display:block;position:relative;border:0;padding:.15rem 0 .15rem 8.5rem;text-align:left;min-height:1.6rem}#scopes td.repo-name{padding-left:0;font-weight:600;font-size:1rem}
#scopes td[data-label]::before{content:attr(data-label);position:absolute;left:0;top:.2rem;width:8rem;color:var(--muted);font-size:12px}.dora-cell,.reasons{min-width:0}}
`;

/** The page around every dashboard view: header, breadcrumbs, inline CSS (no external asset). */
export function layout(params: { title: string; crumbs?: { href: string; label: string }[]; viewer?: Viewer; body: string }): string {
  const crumbs = (params.crumbs ?? []).map((c) => `<a href="${escapeHtml(c.href)}">${escapeHtml(c.label)}</a>`).join(" / ");
  const who = params.viewer?.login ? `<span class="who">Signed in as ${escapeHtml(params.viewer.login)}</span>` : "";
  const logout = params.viewer?.logoutToken
    ? `${who}<form method="post" action="/dashboard/logout"><input type="hidden" name="csrf" value="${escapeHtml(params.viewer.logoutToken)}"><button type="submit">Log out</button></form>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="same-origin"><title>${escapeHtml(params.title)} · Shipshape</title><style>${CSS}</style></head>
<body><header><a class="brand" href="/dashboard">Shipshape</a><nav>${crumbs}</nav>${logout}</header>
<main>${params.body}</main></body></html>`;
}

/** Security headers of every dashboard page: no framing, no scripts, nothing cached by proxies. */
export const PAGE_HEADERS: Record<string, string> = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};
