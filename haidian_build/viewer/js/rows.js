/* ---- rows and the page's elements -------------------------------------------------- */
var data = JSON.parse(document.getElementById("viewer-data").textContent);
var report = document.getElementById("report");
var panel = document.getElementById("details");
var dTitle = document.getElementById("d-title");
var dBody = document.getElementById("d-body");
var statusEl = document.getElementById("status");
var narrow = window.matchMedia("(max-width: 62rem)");

/* ---- tables ------------------------------------------------------------------------ */
var T = {};
Object.keys(data.tables).forEach(function (name) {
  var t = data.tables[name];
  t.name = name;
  T[name] = t;
  t.objs = t.rows.map(function (cells) {
    var o = {};
    t.cols.forEach(function (c, i) { o[c] = cells[i]; });
    return o;
  });
  t.byId = {};
  if (t.key) t.objs.forEach(function (o) { t.byId[o[t.key]] = o; });
});
var kinds = {};
data.kinds.forEach(function (k) { kinds[k.table] = k; });
function row(table, id) { return T[table] && T[table].byId[id] || null; }
function ref(table, obj, field) {
  var fk = T[table] && T[table].fks[field];
  return fk && obj[field] ? row(fk[0], obj[field]) : null;
}
function refOf(table, obj, target) {
  var fks = T[table] ? T[table].fks : {};
  for (var f in fks) if (fks[f][0] === target && obj[f]) return row(target, obj[f]);
  return null;
}
