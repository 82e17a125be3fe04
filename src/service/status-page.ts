/**
 * `/`: one self-contained page (no framework, no external asset) that polls `status` every few
 * seconds and shows each loop and the gateway. Every value goes in with `textContent`, so
 * nothing a loop or an error says can become markup.
 */
export const STATUS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>discloop status</title>
<style>
  :root { color-scheme: light dark; --muted: #6b7280; --ok: #15803d; --bad: #b91c1c; --warn: #b45309; --line: #d1d5db; }
  body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
  h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
  .muted { color: var(--muted); }
  #gateway { margin: 1rem 0; display: flex; gap: .5rem; flex-wrap: wrap; }
  .pill { border: 1px solid var(--line); border-radius: 999px; padding: .15rem .7rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th, td.name, td.num { white-space: nowrap; }
  td.name { font-weight: 600; }
  th { font-weight: 600; font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
  td.num { font-variant-numeric: tabular-nums; }
  .ok { color: var(--ok); } .failed { color: var(--bad); } .unknown { color: var(--warn); }
  .error { font-family: ui-monospace, monospace; font-size: .85rem; overflow-wrap: anywhere; }
  #offline { display: none; color: var(--bad); font-weight: 600; }
</style>
</head>
<body>
<h1>discloop</h1>
<div class="muted"><span id="ready">connecting…</span> · updated <span id="updated">never</span>
  · <a href="status">status JSON</a> · <a href="metrics">metrics</a></div>
<p id="offline">discloop is not answering; showing what it last said.</p>
<div id="gateway"></div>
<table>
  <thead><tr><th>Loop</th><th>Schedule</th><th>Next run</th><th>Runs</th><th>Last outcome</th><th>Last error</th></tr></thead>
  <tbody id="loops"><tr><td colspan="6" class="muted">loading…</td></tr></tbody>
</table>
<noscript><p>This page needs JavaScript; <a href="status">status</a> has the same as JSON.</p></noscript>
<script>
"use strict";
const POLL_MS = 3000;
const el = (tag, text, className) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};
const span = (ms) => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return s + "s";
  if (s < 3600) return Math.floor(s / 60) + "m" + (s % 60 ? (s % 60) + "s" : "");
  if (s < 86400) return Math.floor(s / 3600) + "h" + (Math.floor(s % 3600 / 60) ? Math.floor(s % 3600 / 60) + "m" : "");
  return Math.floor(s / 86400) + "d" + (Math.floor(s % 86400 / 3600) ? Math.floor(s % 86400 / 3600) + "h" : "");
};
const clock = (iso) => new Date(iso).toLocaleTimeString();
function nextCell(loop, now) {
  if (loop.ended || (loop.count !== null && loop.runs >= loop.count)) return "done";
  if (!loop.nextRunAt) return "—";
  const ms = Date.parse(loop.nextRunAt) - now;
  return ms <= 0 ? "running" : "in " + span(ms) + " (" + clock(loop.nextRunAt) + ")";
}
function render(status) {
  const now = Date.parse(status.now);
  document.getElementById("ready").textContent = status.ready ? "ready" : "connecting…";
  document.getElementById("updated").textContent = clock(status.now);
  const gateway = document.getElementById("gateway");
  gateway.replaceChildren(el("span", "Gateway:", "muted"));
  if (status.shards.length === 0) gateway.append(el("span", "not connected yet", "pill"));
  for (const shard of status.shards) {
    const state = shard.connected ? "connected" : "disconnected";
    const text = "shard " + shard.id + " " + state + " for " + span(now - Date.parse(shard.since));
    gateway.append(el("span", text, "pill " + (shard.connected ? "ok" : "failed")));
  }
  const rows = status.loops.map((loop) => {
    const row = el("tr");
    const name = el("td", loop.name, "name");
    // Under --processes, a loop is listed once per process it runs in, with that one's shards.
    if (loop.shards) name.append(el("span", " shards " + loop.shards, "muted"));
    row.append(
      name,
      el("td", loop.schedule ?? "—"),
      el("td", nextCell(loop, now), "num"),
      el("td", loop.count === null ? String(loop.runs) : loop.runs + "/" + loop.count, "num"),
      el("td", loop.lastOutcome ?? "—", loop.lastOutcome ?? "muted"),
      el("td", loop.lastError ? loop.lastError.code + ": " + loop.lastError.message : "", "error"),
    );
    return row;
  });
  if (rows.length === 0) rows.push(el("tr"));
  document.getElementById("loops").replaceChildren(...rows);
}
async function poll() {
  try {
    const response = await fetch("status", { cache: "no-store" });
    if (!response.ok) throw new Error(String(response.status));
    render(await response.json());
    document.getElementById("offline").style.display = "none";
  } catch {
    document.getElementById("offline").style.display = "block";
  } finally {
    setTimeout(poll, POLL_MS);
  }
}
poll();
</script>
</body>
</html>
`;
