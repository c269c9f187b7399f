// The live page of one sweep. It draws what /api/sweeps/{id}/events sends (the server builds every number from
// the aggregate grains, with the CLI's own code) and keeps it current without reloading. Read-only.
"use strict";
(function () {
  const id = decodeURIComponent(location.pathname.replace(/^\/sweeps\//, "").replace(/\/$/, ""));
  const api = `/api/sweeps/${encodeURIComponent(id)}`;
  const $ = (s) => document.querySelector(s);
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const num = (x, d = 3) => x == null ? "–" : Math.abs(x) >= 0.01 || x === 0 ? (+x.toFixed(d)).toString() : x.toPrecision(2);
  const fmtTime = (s) => s == null ? "–" : s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
  const letter = { eumentia: "E", dementia: "D", amentia: "A", undecided: "U" };
  const sizeColors = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];
  const plotConfig = { displayModeBar: false, responsive: true };
  const state = { view: null, updates: 0 };

  document.title = `Mentia · ${id}`;
  $("#title").textContent = id;
  $("#downloads").innerHTML = ["results.json", "cells.csv", "alpha.csv", "fss.csv"]
    .map((f) => `<a href="/sweeps/${encodeURIComponent(id)}/${f}" download>${f}</a>`).join("") +
    `<a href="/sweeps/${encodeURIComponent(id)}/report/index.html" target="_blank" rel="noopener">static report</a>`;

  // ------------------------------------------------------------------ progress

  function renderProgress(v) {
    const p = v.progress;
    const trained = p.done + p.evaluating;
    const stateEl = $("#state");
    stateEl.textContent = p.state;
    stateEl.className = `state ${p.state}`;
    $("#bar-training").style.width = `${p.replicas ? (100 * trained) / p.replicas : 0}%`;
    $("#bar-evaluation").style.width = `${p.passesTotal ? (100 * p.passesDone) / p.passesTotal : 0}%`;
    $("#text-training").innerHTML = `<span id="replicas-trained" data-value="${trained}">${trained}</span>/${p.replicas} replicas trained (${p.training} on devices, ${p.queued} queued)`;
    $("#text-evaluation").innerHTML = `<span id="passes-done" data-value="${p.passesDone}">${p.passesDone}</span>/${p.passesTotal} passes; <span id="replicas-done" data-value="${p.done}">${p.done}</span> replicas done`;
    const parts = [`elapsed ${fmtTime(v.elapsedSeconds)}`];
    if (v.etaSeconds != null) parts.push(`ETA ${fmtTime(v.etaSeconds)}`);
    parts.push(`${p.failed} failed`);
    if (p.retrained > 0) parts.push(`${p.retrained} re-dispatched`);
    parts.push(`cells complete ${v.cellsComplete}/${v.cellsTotal} (${v.replicasPerCell} replicas each)`);
    if (p.message) parts.push(esc(p.message));
    $("#summary").innerHTML = parts.join(" · ");
    $("#silos tbody").innerHTML = v.silos.length === 0 ? '<tr><td colspan="3" class="empty">none</td></tr>'
      : v.silos.map((s) => `<tr><td><code>${esc(s.silo)}</code></td><td>${s.training}</td><td>${s.evaluating}</td></tr>`).join("");
    $("#failures tbody").innerHTML = v.failures.length === 0 ? '<tr><td colspan="4" class="empty">none</td></tr>'
      : v.failures.map((f) => `<tr><td><code>${esc(f.replica)}</code></td><td>${esc(f.stage)}</td><td>${f.attempt}</td><td>${esc(f.error)}</td></tr>`).join("");
  }

  // ------------------------------------------------------------------ phase diagram

  // Rates sit on an index axis, so every cell of the grid is the same size however the spec spaces them; a
  // boundary point between two sampled rates is placed by linear interpolation between their indices.
  function indexOf(rates, r) {
    if (rates.length === 1) return 0;
    for (let i = 0; i < rates.length - 1; i++) {
      if (r <= rates[i + 1] || i === rates.length - 2) return i + (r - rates[i]) / (rates[i + 1] - rates[i]);
    }
    return 0;
  }

  function diagramDiv(d) {
    const key = `diagram-${d.architecture}`;
    let card = document.getElementById(key);
    if (!card) {
      card = document.createElement("section");
      card.className = "card";
      card.id = key;
      card.innerHTML = `<h2>Phase diagram ${esc(d.architecture)} <span class="muted small">(width ${d.width}, depth ${d.depth}; α of ⟨L⟩ ~ N^α, hover a cell)</span></h2>` +
        `<div class="diagram"><div class="plot heatmap" data-arch="${esc(d.architecture)}"></div><div class="facts-box"></div></div>`;
      $("#diagrams").appendChild(card);
    }
    return card;
  }

  function renderDiagram(d) {
    const card = diagramDiv(d);
    const gd = card.querySelector(".heatmap");
    const pts = d.p_t, pes = d.p_e;
    const z = pes.map(() => pts.map(() => null));
    const zNone = pes.map(() => pts.map(() => null));
    const text = pes.map(() => pts.map(() => ""));
    const cellAt = {};
    let extent = 0;
    for (const c of d.cells) {
      const i = pes.indexOf(c.p_e), j = pts.indexOf(c.p_t);
      cellAt[`${i},${j}`] = c;
      text[i][j] = letter[c.phase] || "U";
      if (c.alpha == null) zNone[i][j] = 1;
      else { z[i][j] = c.alpha; extent = Math.max(extent, Math.abs(c.alpha)); }
    }
    extent = extent || 1;
    const xs = pts.map((_, j) => j), ys = pes.map((_, i) => i);
    const traces = [
      { type: "heatmap", x: xs, y: ys, z, zmin: -extent, zmax: extent, zmid: 0, xgap: 1, ygap: 1,
        colorscale: [[0, "#2166ac"], [0.25, "#67a9cf"], [0.5, "#f7f7f7"], [0.75, "#ef8a62"], [1, "#b2182b"]],
        colorbar: { title: { text: "α", side: "right" }, thickness: 14, len: 0.9 },
        text, texttemplate: "%{text}", textfont: { size: 12, color: "#111" }, hoverinfo: "none", name: "alpha" },
      { type: "heatmap", x: xs, y: ys, z: zNone, zmin: 0, zmax: 1, xgap: 1, ygap: 1, showscale: false,
        colorscale: [[0, "#d1d5db"], [1, "#d1d5db"]], text, texttemplate: "%{text}", hoverinfo: "none", name: "no alpha yet" },
      // Cells of the grid with no results yet: hatched-looking dark grey, so they are never read as alpha = 0 (white).
      { type: "heatmap", x: xs, y: ys, z: pes.map((_, i) => pts.map((_, j) => (cellAt[`${i},${j}`] ? null : 1))), zmin: 0, zmax: 1, xgap: 1, ygap: 1,
        showscale: false, colorscale: [[0, "#6b7280"], [1, "#6b7280"]], hoverinfo: "none", name: "no results yet" },
    ];
    for (const b of d.boundaries) {
      traces.push({ type: "scatter", mode: "lines", x: b.p_t.map((r) => indexOf(pts, r)), y: b.p_e.map((r) => indexOf(pes, r)),
        line: { color: "#111", width: 2.5 }, hoverinfo: "skip", showlegend: false, name: `${b.first}|${b.second}` });
    }
    if (d.crossings.length > 0) {
      traces.push({ type: "scatter", mode: "markers", x: d.crossings.map((c) => indexOf(pts, c.p_t)), y: d.crossings.map((c) => indexOf(pes, c.p_e)),
        // The axis is in grid steps (the rates are its labels; they need not be evenly spaced), so each side of the
        // error bar is mapped onto it separately: on an uneven grid the two sides differ in length.
        error_y: { type: "data", symmetric: false, color: "#111", thickness: 1.5,
          array: d.crossings.map((c) => c.p_eErr == null ? 0 : indexOf(pes, c.p_e + c.p_eErr) - indexOf(pes, c.p_e)),
          arrayminus: d.crossings.map((c) => c.p_eErr == null ? 0 : indexOf(pes, c.p_e) - indexOf(pes, c.p_e - c.p_eErr)) },
        marker: { symbol: "diamond", size: 11, color: "#fff", line: { color: "#111", width: 2 } }, hoverinfo: "skip", name: "crossing of ⟨L⟩(p_e)", showlegend: true });
    }
    const layout = {
      margin: { l: 60, r: 20, t: 10, b: 80 }, paper_bgcolor: "#fff", plot_bgcolor: "#fff",
      xaxis: { title: { text: "p_t (training dropout)" }, tickvals: xs, ticktext: pts.map(String), range: [-0.5, pts.length - 0.5], zeroline: false, showgrid: false },
      yaxis: { title: { text: "p_e (evaluation dropout)" }, tickvals: ys, ticktext: pes.map(String), range: [-0.5, pes.length - 0.5], zeroline: false, showgrid: false },
      legend: { orientation: "h", x: 0, y: -0.16 }, showlegend: d.crossings.length > 0,
      uirevision: d.architecture,
    };
    Plotly.react(gd, traces, layout, plotConfig);
    gd.mentia = { diagram: d, cellAt };
    if (!gd.hoverBound) {
      gd.hoverBound = true;
      gd.on("plotly_hover", (ev) => {
        const pt = ev.points[0];
        const i = Math.round(pt.y), j = Math.round(pt.x);
        const c = gd.mentia.cellAt[`${i},${j}`];
        if (c) showTooltip(c, gd.mentia.diagram, ev.event);
      });
      gd.on("plotly_unhover", hideTooltip);
    }
    const counts = {};
    for (const c of d.cells) counts[c.phase] = (counts[c.phase] || 0) + 1;
    card.querySelector(".facts-box").innerHTML =
      `<h3>${d.cells.length} of ${pts.length * pes.length} cells with results</h3><ul class="facts">` +
      Object.keys(counts).sort().map((k) => `<li><span class="phase-${k}">${letter[k]}</span> ${k}: ${counts[k]}</li>`).join("") + "</ul>" +
      `<p class="muted small">Colour: α, blue where more data lowers the loss (eumentia), red where it raises it (dementia), white at 0; ` +
      `light grey: results but no α yet; dark grey: no results yet. Cells are evenly spaced: the axes are the grid's rates in order. Letters: the phase of the cell (E/D/A/U). Black lines: phase boundaries; diamonds: where the ⟨L⟩(p_e) curves of different N cross, with its error.</p>`;
  }

  function showTooltip(c, d, mouse) {
    const tip = $("#tooltip");
    tip.dataset.arch = d.architecture;
    tip.dataset.pt = c.p_t;
    tip.dataset.pe = c.p_e;
    tip.dataset.alpha = c.alpha == null ? "" : c.alpha;
    tip.dataset.alphaErr = c.alphaErr == null ? "" : c.alphaErr;
    tip.dataset.phase = c.phase;
    tip.dataset.replicas = c.replicas;
    tip.innerHTML = `<div><b>${esc(d.architecture)}</b> p_t = ${c.p_t}, p_e = ${c.p_e}</div>` +
      `<div>α = ${c.alpha == null ? "–" : `${num(c.alpha, 4)} ± ${num(c.alphaErr, 4)}`}</div>` +
      `<div>phase: <span class="phase-${c.phase}">${c.phase}</span></div>` +
      `<div class="muted small">${esc(c.reason)}</div>` +
      `<table><thead><tr><th>N</th><th>⟨L⟩</th><th>replicas</th></tr></thead><tbody>` +
      c.losses.map((l) => `<tr class="loss" data-n="${l.N}" data-loss="${l.loss}" data-loss-err="${l.lossErr == null ? "" : l.lossErr}" data-replicas="${l.replicas}">` +
        `<td>${l.N}</td><td>${num(l.loss, 4)} ± ${num(l.lossErr, 4)}</td><td>${l.replicas}</td></tr>`).join("") +
      `</tbody></table><div class="muted small">replicas so far: ${c.replicas} of ${state.view.replicasPerCell} per N</div>`;
    tip.hidden = false;
    const x = mouse ? mouse.clientX : 100, y = mouse ? mouse.clientY : 100;
    const w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = `${Math.min(x + 16, window.innerWidth - w - 8)}px`;
    tip.style.top = `${Math.min(y + 16, window.innerHeight - h - 8)}px`;
  }

  function hideTooltip() { $("#tooltip").hidden = true; }

  // ------------------------------------------------------------------ boundary table and lines

  // A log axis labelled at 1, 2 and 5 times powers of ten (fewer where the range is wide): Plotly's own
  // minor-decade labels crowd a range of less than a decade.
  function logAxis(title, values) {
    const v = values.filter((x) => x > 0);
    if (v.length === 0) return { title: { text: title }, type: "log" };
    const lo = Math.min(...v), hi = Math.max(...v);
    // Within a factor 1.5 a log scale is a linear one in all but name, and has no 1-2-5 tick to show.
    if (hi / lo < 1.5) return { title: { text: title }, type: "linear", nticks: 6 };
    const steps = hi / lo > 1000 ? [1] : hi / lo > 30 ? [1, 3] : [1, 2, 5];
    const ticks = [];
    for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)) + 1; k++) {
      for (const m of steps) { const t = m * Math.pow(10, k); if (t >= lo / 1.3 && t <= hi * 1.3) ticks.push(t); }
    }
    if (ticks.length < 3) { const mid = Math.sqrt(lo * hi); ticks.push(+lo.toPrecision(2), +mid.toPrecision(2), +hi.toPrecision(2)); }
    const uniq = [...new Set(ticks)].sort((a, b) => a - b);
    return { title: { text: title }, type: "log", tickvals: uniq, ticktext: uniq.map((t) => (+t.toPrecision(3)).toString()), minor: { showgrid: false } };
  }

  function caption(div, html) {
    let c = div.previousElementSibling;
    if (!c || !c.classList.contains("caption")) {
      c = document.createElement("div");
      c.className = "caption";
      div.parentNode.insertBefore(c, div);
    }
    c.innerHTML = html;
  }

  function renderBoundary(v) {
    $("#boundary thead").innerHTML = `<tr>${v.boundaryColumns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr>`;
    $("#boundary tbody").innerHTML = v.lines.map((l) =>
      `<tr data-arch="${esc(l.architecture)}" data-pt="${l.p_t}">${l.boundaryCells.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("");
    $("#no-transition").innerHTML = v.lines.filter((l) => l.noTransition).map((l) => `<li>${esc(l.noTransition)}</li>`).join("");
    $("#legend").textContent = v.boundaryLegend;
  }

  function lineCard(l) {
    const key = `line-${l.architecture}-${l.p_t}`;
    let card = document.getElementById(key);
    if (!card) {
      card = document.createElement("section");
      card.className = "card line-card";
      card.id = key;
      card.innerHTML = `<h2>${esc(l.architecture)}, p_t = ${l.p_t}</h2><p class="verdict"></p><div class="plots"><figure><div class="plot curves"></div></figure></div>`;
      $("#lines").appendChild(card);
    }
    return card;
  }

  function renderLine(l) {
    const card = lineCard(l);
    const cells = l.boundaryCells; // net, p_t, transition, crossing, BKT p_c, kappa, chi2, alg. p_c, nu, chi2, flags, phases
    card.querySelector(".verdict").innerHTML = `transition: <b>${esc(cells[2])}</b>; crossing p_e: <b>${esc(cells[3])}</b>` +
      (l.noTransition ? `<br><span class="muted">${esc(l.noTransition)}</span>` : "") +
      `<br>phases by p_e: <code>${esc(cells[11])}</code>`;
    const traces = l.curves.map((c, k) => ({
      type: "scatter", mode: "lines+markers", name: `N = ${c.N}`, x: c.p_e, y: c.losses,
      error_y: { type: "data", array: c.lossErrs.map((e) => e ?? 0), thickness: 1, width: 3 },
      line: { color: sizeColors[k % sizeColors.length], width: 1.5, dash: "dot" }, marker: { size: 6, color: sizeColors[k % sizeColors.length] },
    }));
    const shapes = [];
    if (l.crossingP_e != null) {
      const e = l.crossingP_eErr ?? 0;
      shapes.push({ type: "rect", xref: "x", yref: "paper", x0: l.crossingP_e - e, x1: l.crossingP_e + e, y0: 0, y1: 1, fillcolor: "rgba(0,0,0,0.08)", line: { width: 0 } });
      shapes.push({ type: "line", xref: "x", yref: "paper", x0: l.crossingP_e, x1: l.crossingP_e, y0: 0, y1: 1, line: { color: "#111", width: 1.5, dash: "dash" } });
    }
    const curves = card.querySelector(".curves");
    caption(curves, `⟨L⟩(p_e) per N${l.crossingP_e != null ? `; the curves cross at p_e = ${esc(cells[3])} (dashed, ± shaded)` : ""}`);
    Plotly.react(curves, traces, {
      margin: { l: 60, r: 10, t: 10, b: 45 }, xaxis: { title: { text: "p_e" } }, yaxis: logAxis("⟨L⟩", l.curves.flatMap((c) => c.losses)), shapes,
      legend: { font: { size: 11 } }, uirevision: "curves",
    }, plotConfig);
    const plots = card.querySelector(".plots");
    for (const f of l.collapses) {
      const cls = `collapse-${f.ansatz}`;
      let div = plots.querySelector(`.${cls}`);
      if (!f.fitted || f.series.length === 0) {
        if (div) { Plotly.purge(div); div.parentNode.remove(); }
        continue;
      }
      if (!div) {
        const fig = document.createElement("figure");
        div = document.createElement("div");
        div.className = `plot collapse ${cls}`;
        fig.appendChild(div);
        plots.appendChild(fig);
      }
      const bkt = f.ansatz === "bkt";
      const [pc, ex, chi2] = bkt ? [cells[4], cells[5], cells[6]] : [cells[7], cells[8], cells[9]];
      const ts = f.series.map((s, k) => ({
        type: "scatter", mode: "lines+markers", name: `N = ${s.N}`, x: s.x, y: s.loss,
        error_y: { type: "data", array: s.lossErr, thickness: 1, width: 3 },
        line: { color: sizeColors[k % sizeColors.length], width: 1, dash: "dot" }, marker: { size: 6, color: sizeColors[k % sizeColors.length] },
      }));
      caption(div, `${bkt ? "BKT" : "algebraic"} collapse: p_c = ${esc(pc)}, ${bkt ? "κ" : "ν"} = ${esc(ex)}, <b>χ²/dof = ${esc(chi2)}</b>` +
        (f.flags.length ? ` <span class="muted">(flags: ${esc(f.flags.join(", "))})</span>` : ""));
      Plotly.react(div, ts, {
        margin: { l: 60, r: 10, t: 10, b: 45 },
        xaxis: { title: { text: bkt ? `x = (p_e − p_c)·(ln(N/N₀))^(1/κ), N₀ = ${num(f.n0)}` : "x = (p_e − p_c)·N^(1/ν)" } },
        yaxis: logAxis("⟨L⟩", f.series.flatMap((q) => q.loss)),
        shapes: [{ type: "line", xref: "x", yref: "paper", x0: 0, x1: 0, y0: 0, y1: 1, line: { color: "#888", width: 1, dash: "dash" } }],
        showlegend: false, uirevision: cls,
      }, plotConfig);
      div.dataset.chi2 = f.chi2 == null ? "" : f.chi2;
    }
  }

  // ------------------------------------------------------------------ updates

  function render(v) {
    state.view = v;
    state.updates++;
    document.body.dataset.updates = state.updates;
    renderProgress(v);
    for (const d of v.diagrams) renderDiagram(d);
    renderBoundary(v);
    for (const l of v.lines) renderLine(l);
    document.body.dataset.state = v.progress.state;
  }

  // For tests and the curious: where a cell of a heat map is on the screen, and the view last drawn.
  window.mentiaLive = {
    view: () => state.view,
    cellCenter(arch, pt, pe) {
      const gd = document.querySelector(`.heatmap[data-arch="${arch}"]`);
      const d = gd.mentia.diagram;
      const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
      return { x: box.left + xa._offset + xa.l2p(d.p_t.indexOf(pt)), y: box.top + ya._offset + ya.l2p(d.p_e.indexOf(pe)) };
    },
  };

  function notice(state, text) {
    const stateEl = $("#state");
    stateEl.textContent = state;
    stateEl.className = "state waiting";
    stateEl.title = text || "";
    $("#summary").textContent = text || "";
  }

  // A finished sweep can run again (`mentia resume`, or a lost record re-evaluated): look every 10 s, cheaply (the
  // list's progress, not the whole view), and follow it again when it does.
  function followAgainIfResumed() {
    const timer = setInterval(async () => {
      try {
        const r = await fetch("/api/sweeps");
        if (!r.ok) return;
        const line = (await r.json()).find((s) => s.progress.sweepId === id);
        if (line && line.progress.state === "running") {
          clearInterval(timer);
          delete document.body.dataset.final;
          connect();
        }
      } catch { /* the silo is away: try again later */ }
    }, 10000);
  }

  function connect() {
    const events = new EventSource(`${api}/events`);
    events.addEventListener("view", (e) => { $("#state").title = ""; render(JSON.parse(e.data)); });
    events.addEventListener("end", () => { events.close(); document.body.dataset.final = "true"; followAgainIfResumed(); });
    // The cluster did not answer (a silo lost, storage down): the stream stays open and goes on by itself.
    events.addEventListener("waiting", (e) => notice("waiting for the cluster", JSON.parse(e.data).message));
    events.onerror = () => {
      if (events.readyState !== EventSource.CLOSED) {
        // EventSource reconnects by itself; show it so a stale page is not taken for a live one.
        $("#state").textContent = "reconnecting";
        return;
      }
      // The silo answered with an error status, after which a browser never reconnects: say why, and try again
      // later unless the sweep does not exist.
      fetch(api).then(async (r) => {
        if (r.status === 404 || r.status === 400) notice("no such sweep", await r.text());
        else { notice("disconnected", `the silo answered ${r.status}; trying again in 5 s`); setTimeout(connect, 5000); }
      }).catch(() => { notice("disconnected", "the silo does not answer; trying again in 5 s"); setTimeout(connect, 5000); });
    };
  }
  connect();
})();
