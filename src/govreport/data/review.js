/* govreport review page: tooltips, table sorting and filtering, row -> highlight. Inlined; no network. */
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var docPane = document.getElementById("doc-pane");
  var table = document.getElementById("records");
  if (!tip || !table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.querySelectorAll("tr.row"));
  var BOUND = { eq: "exact", approx: "approximately (≈)", min: "at least (≥)", max: "at most (≤)", range: "range" };
  var STATUS = {
    spurious: "✗ spurious: no gold number here",
    missed: "○ missed: a gold number the extraction did not find",
    differs: "≠ matches gold, but attributes differ",
    matched: "✓ matches gold"
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function valueText(d) {
    var v = d.value + (d.valueHigh ? "–" + d.valueHigh : "");
    return (v + " " + (d.unit || "")).trim();
  }

  // ---- tooltip, built with textContent only: document text never becomes markup
  function fillTip(m) {
    var d = m.dataset;
    tip.textContent = "";
    if (d.gold === "missed") tip.appendChild(el("div", "t-flag", STATUS.missed));
    tip.appendChild(el("div", "t-ind", d.indicator || "(no indicator)"));
    var arrow = d.direction === "up" ? " ↑" : d.direction === "down" ? " ↓" : "";
    tip.appendChild(el("div", "t-val", valueText(d) + arrow));
    if (d.valueBase && (d.valueBase !== d.value || d.baseUnit !== d.unit)) {
      var base = d.valueBase + (d.valueHighBase ? "–" + d.valueHighBase : "");
      tip.appendChild(el("div", "t-base", "= " + base + " " + (d.baseUnit || "")));
    }
    var dl = el("dl");
    [["bound", BOUND[d.bound] || d.bound], ["measure", d.measure],
     ["direction", d.direction], ["kind", d.kind], ["year", d.year], ["region", d.region],
     ["rule", d.rule], ["kind from", d.kindRule], ["year from", d.yearRule], ["region from", d.regionRule],
     ["as written", d.number]].forEach(function (kv) {
      if (!kv[1]) return;
      dl.appendChild(el("dt", null, kv[0]));
      dl.appendChild(el("dd", null, kv[1]));
    });
    tip.appendChild(dl);
    if (d.gold && d.gold !== "missed") tip.appendChild(el("div", "t-flag", STATUS[d.gold] || d.gold));
    if (d.goldNote) tip.appendChild(el("div", "t-base", d.goldNote));
  }

  function showTip(m) {
    fillTip(m);
    tip.hidden = false;
    var r = m.getBoundingClientRect(), t = tip.getBoundingClientRect();
    var top = r.bottom + 8;
    if (top + t.height > window.innerHeight - 4) top = Math.max(4, r.top - t.height - 8);
    var left = Math.min(Math.max(4, r.left), window.innerWidth - t.width - 8);
    tip.style.top = top + "px";
    tip.style.left = left + "px";
    m.setAttribute("aria-describedby", "tip");
  }

  function hideTip() {
    tip.hidden = true;
  }

  function markOf(target) {
    return target && target.closest ? target.closest("mark.rec, mark.missed") : null;
  }

  document.addEventListener("mouseover", function (e) { var m = markOf(e.target); if (m) showTip(m); });
  document.addEventListener("mouseout", function (e) {
    var m = markOf(e.target);
    if (m && !m.contains(e.relatedTarget) && document.activeElement !== m) hideTip();
  });
  document.addEventListener("focusin", function (e) { var m = markOf(e.target); if (m) showTip(m); });
  document.addEventListener("focusout", function (e) { if (markOf(e.target)) hideTip(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideTip(); });
  if (docPane) docPane.addEventListener("scroll", hideTip, { passive: true });

  // ---- row <-> highlight
  function flash(node) {
    node.classList.remove("flash");
    void node.offsetWidth;  // restart the animation on a repeated click
    node.classList.add("flash");
  }
  function select(row) {
    rows.forEach(function (r) { r.classList.remove("selected"); });
    row.classList.add("selected");
  }
  function goTo(row) {
    select(row);
    var ref = row.getAttribute("data-ref");
    var m = ref && document.getElementById(ref);
    if (!m) return;
    m.scrollIntoView({ block: "center", inline: "nearest" });
    flash(m);
  }
  tbody.addEventListener("click", function (e) {
    var row = e.target.closest("tr.row");
    if (row) goTo(row);
  });
  tbody.addEventListener("keydown", function (e) {
    var row = e.target.closest("tr.row");
    if (!row) return;
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); goTo(row); }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      var next = row;
      do { next = e.key === "ArrowDown" ? next.nextElementSibling : next.previousElementSibling; }
      while (next && next.hidden);
      if (next) next.focus();
    }
  });
  document.addEventListener("click", function (e) {
    var m = markOf(e.target);
    if (!m) return;
    var row = tbody.querySelector('tr[data-ref="' + m.id + '"]');
    if (!row) return;
    if (row.hidden) { resetFilters(); }
    select(row);
    row.scrollIntoView({ block: "nearest" });
    flash(row);
  });

  // ---- sorting
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function sortKey(row, col, numeric) {
    var cell = row.cells[col];
    if (!cell) return numeric ? Infinity : "";
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (!numeric) return raw;
    var n = parseFloat(raw);
    return isNaN(n) ? Infinity : n;
  }
  headers.forEach(function (th) {
    th.tabIndex = 0;
    function sort() {
      var col = th.cellIndex, numeric = th.getAttribute("data-type") === "num";
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var keyed = rows.map(function (r, i) { return [sortKey(r, col, numeric), i, r]; });
      keyed.sort(function (a, b) {
        var c = numeric ? a[0] - b[0] : String(a[0]).localeCompare(String(b[0]), "zh");
        if (c !== c) c = 0;  // NaN from Infinity - Infinity
        return c * dir || a[1] - b[1];
      });
      keyed.forEach(function (k) { tbody.appendChild(k[2]); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
  });

  // ---- filtering; highlights of filtered-out rows are dimmed in the document
  var fKind = document.getElementById("f-kind"), fYear = document.getElementById("f-year");
  var fText = document.getElementById("f-text"), fStatus = document.getElementById("f-status");
  var shown = document.getElementById("shown");
  function apply() {
    var kind = fKind ? fKind.value : "", year = fYear ? fYear.value : "";
    var text = fText ? fText.value.trim().toLowerCase() : "", status = fStatus ? fStatus.value : "";
    var n = 0;
    rows.forEach(function (r) {
      var d = r.dataset;
      var ok = (!kind || d.kind === kind) && (!year || d.year === year) && (!status || d.status === status) &&
        (!text || (d.indicator || "").toLowerCase().indexOf(text) >= 0 || (d.number || "").toLowerCase().indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) n++;
      var m = d.ref && document.getElementById(d.ref);
      if (m) m.classList.toggle("dim", !ok);
    });
    if (shown) shown.textContent = n === rows.length ? rows.length + " rows" : n + " of " + rows.length + " rows";
  }
  function resetFilters() {
    [fKind, fYear, fText, fStatus].forEach(function (f) { if (f) f.value = ""; });
    apply();
  }
  [fKind, fYear, fStatus].forEach(function (f) { if (f) f.addEventListener("change", apply); });
  if (fText) fText.addEventListener("input", apply);
  apply();
})();
