/* ---- selection, hover, deep links -------------------------------------------------- */
var current = null;
function openPanel() {
  panel.classList.add("open");
  document.body.classList.toggle("sheet", narrow.matches);
}
function select(m, opts) {
  opts = opts || {};
  if (current) current.classList.remove("cur");
  current = m;
  m.classList.add("cur");
  render(m);
  openPanel();
  if (opts.hash !== false) history.replaceState(null, "", "#" + anchorOf(m.dataset.table, m.dataset.id));
}
function scrollToEl(el) {
  var box = getComputedStyle(el).display === "contents" ? el.firstElementChild : el;
  var r = box.getBoundingClientRect();
  var y = window.scrollY + r.top - window.innerHeight * (narrow.matches ? 0.15 : 0.3);
  window.scrollTo(0, Math.max(0, y));
}
function flash(el) {
  el.classList.remove("flash");
  requestAnimationFrame(function () { el.classList.add("flash"); });
}
function reveal(m) {
  var t = m.dataset.table, o = row(t, m.dataset.id) || {};
  kindBoxes.forEach(function (b) { if (b.dataset.kind === t) b.checked = true; });
  if (fMetric.value && o.metric_id !== fMetric.value) fMetric.value = "";
  if (fStatus.value) fStatus.value = "";
  var s = m.closest(".s");
  if (s && s.classList.contains("x")) { fQ.value = ""; fOnly.checked = false; }
  apply();
}
function open(m) {
  reveal(m);
  scrollToEl(m);
  m.focus({ preventScroll: true });
  select(m, { hash: false });
  flash(m);
}
function firstMark(pred) {
  return marks.filter(function (m) { return pred(row(m.dataset.table, m.dataset.id) || {}, m); })[0];
}
function openHash() {
  var r = resolve(location.hash);
  if (!r) return;
  var m = null;
  if (r.table && kinds[r.table]) m = markOf[r.table + "/" + r.id];
  else if (r.table === "checks") {
    var inp = (T.check_inputs ? T.check_inputs.objs : []).filter(function (x) { return x.check_id === r.id; })[0];
    if (inp) m = markOf[inp.indicator_id ? "indicators/" + inp.indicator_id : "targets/" + inp.target_id];
  } else if (r.table === "metrics") {
    fMetric.value = r.id;
    m = firstMark(function (o) { return o.metric_id === r.id; });
  } else if (r.table === "programs") m = firstMark(function (o) { return o.program_id === r.id; });
  else if (r.table === "terms") m = firstMark(function (o) { return o.term_id === r.id; });
  else if (r.table === "sentences" || r.table === "sections") {
    var el = document.getElementById(r.id);
    if (el.classList.contains("x") || el.closest(".x")) { fQ.value = ""; fOnly.checked = false; fMetric.value = ""; fStatus.value = ""; apply(); }
    if (r.table === "sentences") toggleEn(el, true);
    scrollToEl(el);
    flash(el);
    return;
  }
  if (m) { open(m); return; }
  statusEl.textContent = "No mark for #" + r.id + " in this version of the data.";
}
window.addEventListener("hashchange", openHash);

report.addEventListener("click", function (ev) {
  var tr = ev.target.closest(".tr");
  if (tr) { toggleEn(tr.closest(".s")); return; }
  var m = ev.target.closest("mark.hl");
  if (!m || m.classList.contains("off")) return;
  if (!m.dataset.id) m = markOf[m.dataset.table + "/" + m.dataset.partOf];
  if (m) { if (document.activeElement !== m) m.focus({ preventScroll: true }); select(m); }
});
report.addEventListener("focusin", function (ev) {
  var m = ev.target.closest && ev.target.closest("mark.hl[data-id]");
  if (m && m !== current) select(m);
});
var hoverTimer = 0;
report.addEventListener("mouseover", function (ev) {
  if (narrow.matches) return;
  var m = ev.target.closest("mark.hl");
  if (!m || m.classList.contains("off")) return;
  if (!m.dataset.id) m = markOf[m.dataset.table + "/" + m.dataset.partOf];
  clearTimeout(hoverTimer);
  if (m) render(m);
});
report.addEventListener("mouseout", function (ev) {
  if (!ev.target.closest("mark.hl")) return;
  clearTimeout(hoverTimer);
  hoverTimer = setTimeout(function () { if (current) render(current); }, 250);
});
function toggleEn(s, force) {
  var on = force === undefined ? !s.classList.contains("open") : force;
  s.classList.toggle("open", on);
  var b = s.querySelector(".tr");
  if (b) b.setAttribute("aria-expanded", on ? "true" : "false");
}
function closePanel() {
  panel.classList.remove("open");
  document.body.classList.remove("sheet");
  if (current) current.focus({ preventScroll: true });
}
document.getElementById("d-close").addEventListener("click", closePanel);
