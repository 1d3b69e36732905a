/* haidian_report annotated reader: details, deep links, filters, search, keyboard.
   Plain ES2017, no libraries, no network: the rows come from the JSON block above. */
(function () {
  "use strict";
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
})();
