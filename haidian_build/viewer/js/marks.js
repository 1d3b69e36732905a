/* ---- marks ------------------------------------------------------------------------- */
var marks = Array.prototype.slice.call(report.querySelectorAll("mark.hl[data-id]"));
var markOf = {};
var partsOf = {};
report.querySelectorAll("mark.hl[data-part-of]").forEach(function (c) {
  var key = c.dataset.table + "/" + c.dataset.partOf;
  (partsOf[key] = partsOf[key] || []).push(c);
});
var sentences = Array.prototype.slice.call(report.querySelectorAll(".s"));
var sentInfo = new Map();
sentences.forEach(function (s) {
  var zh = s.querySelector(".zh"), en = s.querySelector(".en");
  sentInfo.set(s, { text: (zh.textContent + "\n" + en.textContent).toLowerCase(), marks: [] });
});
marks.forEach(function (m) {
  var t = m.dataset.table, id = m.dataset.id, o = row(t, id) || {};
  markOf[t + "/" + id] = m;
  m.setAttribute("role", "button");
  m.setAttribute("aria-controls", "details");
  m.setAttribute("aria-label", spanText(m) + " — " + kinds[t].label + " " + id);
  var s = m.closest(".s");
  if (s) {
    var info = sentInfo.get(s);
    info.marks.push(m);
    var names = [ref(t, o, "metric_id"), ref(t, o, "program_id"), ref(t, o, "term_id")];
    names.forEach(function (n) {
      if (n) info.text += "\n" + [n.name_zh, n.name_en, n.term_zh, n.term_en].join(" ").toLowerCase();
    });
  }
});
function spanText(m) {
  var parts = partsOf[m.dataset.table + "/" + m.dataset.id] || [];
  return m.textContent + parts.map(function (p) { return p.textContent; }).join("");
}

/* ---- anchors (mirror haidian_build.viewer.links) ----------------------------------- */
function has(table, id) {
  if (T[table]) return !!T[table].byId[id];
  var el = document.getElementById(id);
  if (!el) return false;
  if (table === "sentences") return el.classList.contains("s");
  if (table === "sections") return el.classList.contains("p") || el.classList.contains("sec");
  return false;
}
function anchorOf(table, id) {
  for (var i = 0; i < data.linkOrder.length; i++) {
    if (has(data.linkOrder[i], id)) return data.linkOrder[i] === table ? id : table + "/" + id;
  }
  return table + "/" + id;
}
function resolve(hash) {
  var h = decodeURIComponent(hash.replace(/^#/, ""));
  if (!h) return null;
  var slash = h.indexOf("/");
  if (slash > 0) return { table: h.slice(0, slash), id: h.slice(slash + 1) };
  for (var i = 0; i < data.linkOrder.length; i++) {
    if (has(data.linkOrder[i], h)) return { table: data.linkOrder[i], id: h };
  }
  return { table: null, id: h };
}
