// The sweep list: polls /api/sweeps every 2 s. Read-only.
"use strict";
(function () {
  const fmtTime = (s) => s == null ? "–" : s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  async function refresh() {
    try {
      const r = await fetch("/api/sweeps", { cache: "no-store" });
      const sweeps = await r.json();
      const body = document.querySelector("#sweeps tbody");
      body.innerHTML = sweeps.length === 0 ? '<tr><td colspan="7" class="muted">no sweeps yet: <code>mentia submit SPEC</code></td></tr>'
        : sweeps.map((s) => {
          const p = s.progress;
          return `<tr data-id="${esc(p.sweepId)}"><td>${esc(p.name)}</td><td><a href="/sweeps/${encodeURIComponent(p.sweepId)}">${esc(p.sweepId)}</a></td>` +
            `<td><span class="state ${esc(p.state)}" style="color:#fff">${esc(p.state)}</span></td><td>${p.done}/${p.replicas} replicas</td>` +
            `<td>${p.passesDone}/${p.passesTotal}</td><td>${esc(p.submittedAt.replace("T", " ").replace(/\..*$/, ""))}</td><td>${fmtTime(s.etaSeconds)}</td></tr>`;
        }).join("");
    } catch (e) {
      // the silo may be restarting: try again at the next tick
    }
  }
  refresh();
  setInterval(refresh, 2000);
})();
