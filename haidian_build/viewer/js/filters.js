/* ---- filters ----------------------------------------------------------------------- */
var fMetric = document.getElementById("f-metric"), fStatus = document.getElementById("f-status");
var fQ = document.getElementById("f-q"), fOnly = document.getElementById("f-only");
var fEn = document.getElementById("f-en");
var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-kind]"));
function kindOn(table) {
  var box = kindBoxes.filter(function (b) { return b.dataset.kind === table; })[0];
  return !box || box.checked;
}
function passes(m) {
  var t = m.dataset.table, id = m.dataset.id || m.dataset.partOf, o = row(t, id) || {};
  if (!kindOn(t)) return false;
  if (fMetric.value && o.metric_id !== fMetric.value) return false;
  if (fStatus.value) {
    var p = ref(t, o, "program_id");
    if (!p || p.status !== fStatus.value) return false;
  }
  return true;
}
function apply() {
  var q = fQ.value.trim().toLowerCase();
  var narrowing = fOnly.checked || !!fMetric.value || !!fStatus.value;
  var shown = 0, inSentences = 0;
  report.querySelectorAll("mark.hl").forEach(function (m) {
    var ok = passes(m);
    m.classList.toggle("off", !ok);
    if (m.dataset.id) m.tabIndex = ok ? 0 : -1;
  });
  sentences.forEach(function (s) {
    var info = sentInfo.get(s);
    var live = info.marks.filter(function (m) { return !m.classList.contains("off"); });
    var visible = (!q || info.text.indexOf(q) >= 0) && (!narrowing || live.length > 0);
    s.classList.toggle("x", !visible);
    if (visible) { shown += live.length; inSentences += 1; }
  });
  report.querySelectorAll(".p").forEach(function (p) {
    if (/^H/.test(p.tagName)) return;
    p.classList.toggle("x", !p.querySelector(".s:not(.x)"));
  });
  report.querySelectorAll(".sec").forEach(function (sec) {
    var body = Array.prototype.some.call(sec.querySelectorAll(".p"), function (p) {
      return !/^H/.test(p.tagName) && !p.classList.contains("x");
    });
    var head = sec.querySelector(":scope > .p");
    var headHit = head && /^H/.test(head.tagName) && head.querySelector(".s:not(.x)");
    sec.classList.toggle("x", !body && !headHit);
    if (head && /^H/.test(head.tagName) && (body || headHit)) {
      head.querySelectorAll(".s").forEach(function (s) { s.classList.remove("x"); });
    }
  });
  statusEl.textContent = "Showing " + shown + " of " + marks.length + " marks in " + inSentences +
    " of " + sentences.length + " sentences.";
}
kindBoxes.concat([fMetric, fStatus, fOnly]).forEach(function (el) { el.addEventListener("change", apply); });
var timer = 0;
fQ.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
fEn.addEventListener("click", function () {
  var on = fEn.getAttribute("aria-pressed") !== "true";
  fEn.setAttribute("aria-pressed", on ? "true" : "false");
  document.body.classList.toggle("bi", on);
});
document.getElementById("f-reset").addEventListener("click", function () {
  kindBoxes.forEach(function (b) { b.checked = b.defaultChecked; });
  fMetric.value = ""; fStatus.value = ""; fQ.value = ""; fOnly.checked = false;
  apply();
});
