"use strict";
(() => {
  const data = JSON.parse(document.getElementById("desk-data").textContent);
  const $ = (id) => document.getElementById(id);
  const PER_PAGE = 100;
  const ORDER = { done: 0, degraded: 1, failed: 2, pending: 3 };
  const state = { q: "", status: "", kind: "", silent: "", lang: "", sort: "id", dir: 1, page: 0 };
  const sideIndex = Object.fromEntries(data.sides.map((s, i) => [s.id, i]));
  const total = (r) => Object.values(r.k || {}).reduce((a, b) => a + b, 0);
  const key = {
    id: (r) => r.i, headline: (r) => (r.h || r.e || "").toLowerCase(), status: (r) => ORDER[r.s],
    degraded: (r) => r.d, findings: total, lang: (r) => r.l || "", cost: (r) => r.c ?? -1, time: (r) => r.t ?? -1,
  };

  function matches(r) {
    if (state.status && r.s !== state.status) return false;
    if (state.kind && !(r.k && r.k[state.kind])) return false;
    if (state.lang && r.l !== state.lang) return false;
    if (state.silent) {
      const i = sideIndex[state.silent];
      if (i === undefined || !r.w || r.w[i] !== -1) return false;
    }
    if (state.q && !(r.h || "").toLowerCase().includes(state.q) && !r.i.toLowerCase().includes(state.q)) return false;
    return true;
  }

  function cell(tr, label, build, cls) {
    const td = document.createElement("td");
    td.dataset.label = label;
    if (cls) td.className = cls;
    build(td);
    tr.appendChild(td);
  }

  function text(el, t, cls) {
    const s = document.createElement("span");
    if (cls) s.className = cls;
    s.textContent = t;
    el.appendChild(s);
    return s;
  }

  function sides(td, r) {
    const box = document.createElement("span");
    box.className = "sides";
    data.sides.forEach((s, i) => {
      const v = r.w ? r.w[i] : null;
      if (v === null || v === undefined) return;
      const b = document.createElement("span");
      b.className = v < 0 ? "side silent" : "side";
      b.title = v < 0 ? `${s.label}: silent` : `${s.label}: ${v}% of the words`;
      b.setAttribute("role", "img");
      b.setAttribute("aria-label", b.title);
      if (v > 0) {
        const fill = document.createElement("span");
        fill.style.width = `${Math.min(100, v)}%`;
        b.appendChild(fill);
      }
      box.appendChild(b);
    });
    td.appendChild(box);
  }

  function row(r) {
    const tr = document.createElement("tr");
    tr.dataset.id = r.i;
    tr.dataset.status = r.s;
    // The row's language picks its font stack (and tells screen readers).
    if (r.l && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(r.l)) tr.setAttribute("lang", r.l);
    cell(tr, "ID", (td) => text(td, r.i), "nowrap");
    cell(tr, "Headline", (td) => {
      if (r.f) {
        const a = document.createElement("a");
        a.setAttribute("href", r.f);
        a.textContent = r.h || r.i;
        td.appendChild(a);
      } else if (r.h) {
        text(td, r.h);
      }
      if (r.e) {
        const p = document.createElement("div");
        text(p, r.e, "error");
        td.appendChild(p);
        if (r.x) {
          const c = document.createElement("div");
          const code = document.createElement("code");
          code.textContent = r.x;
          c.appendChild(code);
          td.appendChild(c);
        }
      }
    });
    cell(tr, "Status", (td) => text(td, r.s, `status ${r.s}`));
    cell(tr, "Degraded", (td) => text(td, String(r.d || 0)));
    cell(tr, "Findings", (td) => text(td, Object.entries(r.k || {}).map(([k, n]) => `${k} ${n}`).join(", ") || "–"));
    cell(tr, "Sides", (td) => sides(td, r));
    cell(tr, "Lang", (td) => text(td, r.l || "–"));
    cell(tr, "Cost", (td) => text(td, r.c === null || r.c === undefined ? "–" : `$${r.c.toFixed(4)}`), "nowrap");
    cell(tr, "Time", (td) => text(td, r.t === null || r.t === undefined ? "–" : `${(r.t / 1000).toFixed(1)} s`), "nowrap");
    cell(tr, "Decision", (td) => {
      text(td, r.r || "–", "decision");
      if (r.g && r.g.length) text(td, " (" + r.g.join(", ") + " changed)", "muted");
    });
    cell(tr, "Published", (td) => {
      if (!r.p || !r.p.length) return text(td, "–");
      r.p.forEach(([target, stale], k) => {
        if (k) text(td, ", ");
        text(td, target, "published");
        if (stale) text(td, " (changed since)", "muted");
      });
    });
    return tr;
  }

  function render() {
    const shown = data.rows.filter(matches);
    const k = key[state.sort];
    shown.sort((a, b) => {
      const x = k(a), y = k(b);
      return (x < y ? -1 : x > y ? 1 : a.i < b.i ? -1 : 1) * state.dir;
    });
    const pages = Math.max(1, Math.ceil(shown.length / PER_PAGE));
    state.page = Math.min(state.page, pages - 1);
    const body = document.querySelector("#stories tbody");
    const frag = document.createDocumentFragment();
    shown.slice(state.page * PER_PAGE, (state.page + 1) * PER_PAGE).forEach((r) => frag.appendChild(row(r)));
    body.replaceChildren(frag);
    $("count").textContent = `${shown.length} of ${data.rows.length} stories`;
    $("page").textContent = `page ${state.page + 1} of ${pages}`;
    $("prev").disabled = state.page === 0;
    $("next").disabled = state.page >= pages - 1;
    document.querySelectorAll("#stories th[aria-sort]").forEach((th) => {
      const b = th.querySelector("button");
      th.setAttribute("aria-sort", b.dataset.sort === state.sort ? (state.dir > 0 ? "ascending" : "descending") : "none");
    });
  }

  function fromHash() {
    const h = new URLSearchParams(location.hash.slice(1));
    for (const f of ["status", "kind", "silent", "lang"]) {
      if (h.has(f)) { state[f] = h.get(f); $(f).value = state[f]; }
    }
    if (h.has("q")) { state.q = h.get("q").toLowerCase(); $("q").value = h.get("q"); }
    state.page = 0;
    render();
  }

  for (const f of ["status", "kind", "silent", "lang"]) {
    $(f).addEventListener("change", () => { state[f] = $(f).value; state.page = 0; render(); });
  }
  $("q").addEventListener("input", () => { state.q = $("q").value.trim().toLowerCase(); state.page = 0; render(); });
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  document.querySelectorAll("#stories th button").forEach((b) => b.addEventListener("click", () => {
    state.dir = state.sort === b.dataset.sort ? -state.dir : 1;
    state.sort = b.dataset.sort;
    render();
  }));
  $("prev").addEventListener("click", () => { state.page -= 1; render(); });
  $("next").addEventListener("click", () => { state.page += 1; render(); });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
