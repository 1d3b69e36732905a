/* ---- details ----------------------------------------------------------------------- */
function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
  });
}
function link(table, id, text) {
  return '<a href="#' + esc(anchorOf(table, id)) + '">' + (text || "<code>" + esc(id) + "</code>") + "</a>";
}
function num(v) {
  var n = Number(v);
  return v === "" || isNaN(n) ? esc(v) : n.toLocaleString("en-US", { maximumFractionDigits: 6 });
}
function dl(pairs) {
  var out = pairs.filter(function (p) { return p[1] !== "" && p[1] != null; }).map(function (p) {
    return "<dt>" + p[0] + "</dt><dd>" + p[1] + "</dd>";
  }).join("");
  return out ? "<dl>" + out + "</dl>" : "";
}
function factFields(t, o) {
  var metric = ref(t, o, "metric_id") || {};
  var parsed = o.value === "" ? "— (qualitative: no number)" : num(o.value) + " " + esc(o.unit);
  var period = esc(o.period) + (o.period_inferred === "true" ? " (not printed; chosen by the curator)" : "");
  return dl([
    ["As printed", o.value_text ? "<b lang=\"zh-CN\">" + esc(o.value_text) + "</b>" : ""],
    ["Number, unit printed", o.value_printed || o.unit_printed ?
      esc(o.value_printed) + " · <span lang=\"zh-CN\">" + esc(o.unit_printed) + "</span>" : ""],
    ["Parsed value", parsed],
    ["Qualifier", esc(o.qualifier)],
    ["Period", period],
    ["Base period", esc(o.base_period)],
    ["Measure", esc(o.measure)],
    ["Estimated (预计)", esc(o.estimated)],
    ["Firmness", esc(o.firmness)],
    ["Scope", esc(o.scope)],
    ["Direction", esc(o.direction)],
    ["Price basis", esc(o.price_basis || "") + (o.price_basis_source ? " (" + esc(o.price_basis_source) + ")" : "")],
    ["Metric's price basis", o.price_basis ? "" : esc(metric.price_basis || "")],
    ["Variant", esc(o.variant || "")],
    ["Base (2021)", o.base_indicator_id ? link("indicators", o.base_indicator_id) : ""],
    ["Note", esc(o.note)]
  ]);
}
function names(zh, en) {
  return '<p class="names"><span lang="zh-CN">' + esc(zh) + '</span><span lang="en">' + esc(en) + "</span></p>";
}
function related(t, o, id) {
  var out = "";
  var inputs = T.check_inputs ? T.check_inputs.objs.filter(function (r) {
    return r.indicator_id === id && t === "indicators" || r.target_id === id && t === "targets";
  }) : [];
  if (inputs.length) {
    out += "<h3>Arithmetic checks using this figure</h3><ul>" + inputs.map(function (r) {
      var c = row("checks", r.check_id) || {};
      return "<li>" + link("checks", r.check_id) + " (" + esc(r.role) + '): <span class="verdict-' +
        esc(c.verdict) + '">' + esc(c.verdict) + "</span>" + (c.reason ? " (" + esc(c.reason) + ")" : "") +
        " — " + esc(c.explanation_en) + "</li>";
    }).join("") + "</ul>";
  }
  var dInputs = T.derivation_inputs ? T.derivation_inputs.objs.filter(function (r) {
    return r.indicator_id === id && t === "indicators" || r.target_id === id && t === "targets";
  }) : [];
  if (dInputs.length) {
    out += "<h3>Values derived from this figure</h3><ul>" + dInputs.map(function (r) {
      var d = row("derivations", r.derivation_id) || {};
      return "<li><code>" + esc(r.derivation_id) + "</code> (" + esc(r.role) + "): " + esc(d.explanation_en) + "</li>";
    }).join("") + "</ul>";
  }
  var prog = o.program_id;
  var links = T.program_links ? T.program_links.objs.filter(function (r) {
    return prog ? r.program_id === prog : r.indicator_id === id && t === "indicators" || r.target_id === id && t === "targets";
  }) : [];
  if (links.length) {
    out += "<h3>" + (prog ? "Figures tied to this program" : "Programs this figure belongs to") + "</h3><ul>" +
      links.map(function (r) {
        if (!prog) return "<li>" + link("programs", r.program_id) + "</li>";
        return "<li>" + (r.indicator_id ? link("indicators", r.indicator_id) : link("targets", r.target_id)) + "</li>";
      }).join("") + "</ul>";
  }
  if (prog && T.program_mentions) {
    var all = T.program_mentions.objs.filter(function (r) { return r.program_id === prog; });
    if (all.length > 1) out += "<h3>All " + all.length + " mentions</h3><p>" + all.map(function (r) {
      return r.mention_id === id ? "<b>" + esc(r.sentence_id) + "</b>" : link("program_mentions", r.mention_id, esc(r.sentence_id));
    }).join(" · ") + "</p>";
  }
  return out;
}
function render(m) {
  var t = m.dataset.table, id = m.dataset.id, k = kinds[t], o = row(t, id);
  if (!o) return;
  var s = m.closest(".s");
  var head = "<p><code>" + esc(id) + "</code> · " + link(t, id, "link to this row") + " · <code>" + esc(t) + "</code></p>";
  var body = "";
  var metric = refOf(t, o, "metrics"), prog = refOf(t, o, "programs"), term = refOf(t, o, "terms");
  if (metric) body += names(metric.name_zh, metric.name_en) + (metric.definition_en ? "<p>" + esc(metric.definition_en) + "</p>" : "");
  if (prog) body += names(prog.name_zh, prog.name_en) + dl([["Status", "<b>" + esc(prog.status) + "</b>"],
    ["Status evidence", esc(prog.status_evidence || "")],
    ["Signal here", esc(o.status_signal || "")],
    ["Generic", prog.generic === "true" ? "yes: a category of work, not one named program" : ""],
    ["Type", esc(prog.type)], ["Domain", esc(prog.domain)], ["Framed by", esc(o.frame_verb)]]) +
    (prog.description_en ? "<p>" + esc(prog.description_en) + "</p>" : "");
  if (term) body += names(term.term_zh, term.term_en) + dl([["Kind", esc(term.kind)],
    ["Explanation from", esc(term.explanation_basis || "")],
    ["Source", esc(term.explanation_source || "")]]) +
    (term.explanation_en ? "<p>" + esc(term.explanation_en) + "</p>" : "");
  if ("value_text" in o) body += factFields(t, o);
  if (o.reason) body += dl([["Kind", esc(o.kind)], ["Reason", esc(o.reason)]]);
  if (s) {
    var zh = s.querySelector(".zh").textContent, en = s.querySelector(".en").textContent;
    var q = spanText(m), at = zh.indexOf(q);
    var shownZh = at >= 0 ? esc(zh.slice(0, at)) + "<b>" + esc(q) + "</b>" + esc(zh.slice(at + q.length)) : esc(zh);
    body += "<h3>Sentence " + link("sentences", s.id, "<code>" + esc(s.id) + "</code>") + "</h3>" +
      '<p class="quote" lang="zh-CN">' + shownZh + "</p>" +
      '<p class="quote en-text" lang="en">' + esc(en) + "</p>";
  }
  if (o.quote && o.quote !== q) body += dl([["Quote", '<span lang="zh-CN">' + esc(o.quote) + "</span>"]]);
  body += related(t, o, id);
  var here = [];
  for (var a = m.parentElement.closest("mark.hl"); a; a = a.parentElement.closest("mark.hl")) here.push(a);
  Array.prototype.push.apply(here, m.querySelectorAll("mark.hl[data-id]"));
  here = here.filter(function (x) { return x.dataset.id; });
  if (here.length) body += "<h3>Also marked here</h3><ul>" + here.map(function (x) {
    return "<li>" + kinds[x.dataset.table].label + " " + link(x.dataset.table, x.dataset.id) + "</li>";
  }).join("") + "</ul>";
  var cols = T[t].cols.map(function (c, i) {
    return '<tr><th title="' + esc(T[t].desc[i]) + '"><code>' + esc(c) + "</code></th><td>" + esc(o[c]) + "</td></tr>";
  }).join("");
  body += "<details><summary>All columns of this row</summary><table>" + cols + "</table></details>";
  dTitle.innerHTML = '<span class="sw ' + k.css + '">' + esc(k.label) + "</span>";
  dBody.innerHTML = head + body;
}
