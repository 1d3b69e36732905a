/* ---- keyboard ---------------------------------------------------------------------- */
function step(dir) {
  var live = marks.filter(function (m) { return m.tabIndex === 0 && !m.closest(".x"); });
  if (!live.length) return;
  var from = document.activeElement && document.activeElement.matches("mark.hl") ? document.activeElement : current;
  var i = live.indexOf(from);
  var next = live[i < 0 ? (dir > 0 ? 0 : live.length - 1) : (i + dir + live.length) % live.length];
  scrollToEl(next);
  next.focus({ preventScroll: true });
}
document.addEventListener("keydown", function (ev) {
  var tag = ev.target.tagName;
  if (ev.key === "Escape") {
    if (tag === "INPUT" && ev.target.type === "search") return;
    closePanel();
    return;
  }
  if (/^(INPUT|SELECT|TEXTAREA)$/.test(tag) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  var m = ev.target.closest && ev.target.closest("mark.hl[data-id]");
  if (m && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); select(m); return; }
  if (ev.key === "n" || ev.key === "j") { ev.preventDefault(); step(1); }
  else if (ev.key === "p" || ev.key === "k") { ev.preventDefault(); step(-1); }
  else if (ev.key === "/") { ev.preventDefault(); fQ.focus(); }
  else if (ev.key === "e") {
    var s = (m || current) && (m || current).closest(".s");
    if (s) toggleEn(s);
  }
});
narrow.addEventListener("change", function () { document.body.classList.toggle("sheet", narrow.matches && panel.classList.contains("open")); });

if (narrow.matches) document.getElementById("filters").open = false;
apply();
if (location.hash) openHash();
document.documentElement.dataset.ready = "true";
if (performance.mark) performance.mark("viewer-ready");
