// narrascope dashboard: a hash-routed page over the REST API.
// Article text and every other value from the API is untrusted: the DOM is
// built with createElement + textContent only (never innerHTML of data).
"use strict";

const view = document.getElementById("view");
window.narrascopeCharts = {};

// -- small helpers ---------------------------------------------------------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === "style") Object.assign(el.style, v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return el;
}
const link = (href, text, cls) => h("a", { href, class: cls }, text);
const enc = encodeURIComponent;
const articleHref = (id) => "#/article/" + enc(id);
const speakerHref = (n) => "#/speaker/" + enc(n);
const entityHref = (n) => "#/entity/" + enc(n);
const claimHref = (id) => "#/claim/" + enc(id);
const articlesHref = (params) => "#/articles?" + new URLSearchParams(params).toString();

async function api(path, params) {
  const qs = params ? "?" + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined)).toString() : "";
  const resp = await fetch("/api/" + path + qs, { headers: { Accept: "application/json" } });
  const data = await resp.json().catch(() => ({}));
  if (!resp.ok) throw new Error((data.error && data.error.message) || resp.statusText);
  return data;
}

function render(...nodes) {
  for (const c of Object.values(window.narrascopeCharts)) c.destroy();
  window.narrascopeCharts = {};
  view.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined && n !== false));  // else "null" shows as text
  window.scrollTo(0, 0);
}

// Colours. A label keeps one colour on every chart and page: the first time a label is seen it takes the
// palette colour its text hashes to, or the next one still free (so labels on one chart stay distinct),
// and the choice is remembered in this browser (localStorage). Past the palette, golden-angle hues.
// Speakers in one article are coloured by their order there (index i).
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#ff9da7", "#9c755f",
  "#17becf", "#bcbd22", "#8c564b", "#393b79", "#d62728", "#637939", "#7b4173", "#bab0ac", "#e7ba52", "#31a354", "#843c39"];
function hashOf(key) {
  let x = 2166136261;  // FNV-1a
  for (const ch of String(key)) x = Math.imul(x ^ ch.codePointAt(0), 16777619) >>> 0;
  return x;
}
function colourFor(key, i) {
  if (i !== undefined) return PALETTE[i % PALETTE.length];
  return PALETTE[hashOf(key) % PALETTE.length];
}
function hslHex(hue, s, l) {
  const f = (n) => { const k = (n + hue / 30) % 12; const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)))).toString(16).padStart(2, "0"); };
  return "#" + f(0) + f(8) + f(4);
}
const COLOUR_STORE = "narrascope-label-colours-v1";
const labelColours = (() => { try { return JSON.parse(localStorage.getItem(COLOUR_STORE) || "{}"); } catch (_e) { return {}; } })();
function labelColour(label) {
  if (labelColours[label]) return labelColours[label];
  const used = new Set(Object.values(labelColours));
  const start = hashOf(label) % PALETTE.length;
  let colour = null;
  for (let k = 0; k < PALETTE.length && !colour; k++) if (!used.has(PALETTE[(start + k) % PALETTE.length])) colour = PALETTE[(start + k) % PALETTE.length];
  if (!colour) colour = hslHex((Object.keys(labelColours).length * 137.508) % 360, 0.55, 0.45);
  labelColours[label] = colour;
  try { localStorage.setItem(COLOUR_STORE, JSON.stringify(labelColours)); } catch (_e) { /* private mode: this page only */ }
  return colour;
}
function tint(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
const shortLabel = (s) => (s.length > 48 ? s.slice(0, 46) + "…" : s);

// A legend outside the canvas: full label text, wrapped; click an entry to hide or show its series.
function htmlLegend(id, chartName, entries) {
  return h("ul", { class: "chart-legend", id },
    entries.map((e, i) => h("li", { "data-index": i, title: "click to hide or show",
      on: { click: (ev) => {
        const chart = window.narrascopeCharts[chartName];
        if (!chart) return;
        const visible = chart.isDatasetVisible(i);
        chart.setDatasetVisibility(i, !visible);
        chart.update();
        ev.currentTarget.classList.toggle("off", visible);
      } } }, h("span", { class: "swatch", style: { backgroundColor: e.colour } }), e.label)));
}

function table(headers, rows) {
  return h("table", {}, h("thead", {}, h("tr", {}, headers.map(([t, cls]) => h("th", { class: cls }, t)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c) => (c instanceof Node ? h("td", {}, c)
      : typeof c === "number" ? h("td", { class: "num" }, c) : h("td", {}, c ?? "")))))));
}

function pager(page, go) {
  const last = page.offset + page.items.length;
  return h("div", { class: "pager" },
    h("button", { type: "button", disabled: page.offset === 0 ? "disabled" : null, on: { click: () => go(Math.max(0, page.offset - page.limit)) } }, "← Previous"),
    h("span", { class: "muted" }, page.total ? `${page.offset + 1}–${last} of ${page.total}` : "nothing found"),
    h("button", { type: "button", disabled: last >= page.total ? "disabled" : null, on: { click: () => go(page.offset + page.limit) } }, "Next →"));
}

function errorBox(err) {
  return h("div", { class: "error" }, "Could not load: " + err.message);
}

// -- overview ----------------------------------------------------------------
async function overviewPage(params) {
  const period = params.get("period") || "week";
  const level = params.get("level") || "narrative";
  const outlet = params.get("outlet") || "";
  const minScore = params.get("min_score") || "";
  const filt = { outlet };
  const scored = { ...filt, min_score: minScore };
  const [stats, outlets, timeline, byOutlet, sourcing, pairs] = await Promise.all([
    api("stats", filt), api("outlets"), api("aggregates/timeline", { ...scored, period, level, top: 8 }),
    api("aggregates/outlets", { ...scored, level, top: 8 }), api("aggregates/sourcing", filt),
    api("aggregates/cooccurrence", { ...scored, level, top: 10 })]);
  const setParam = (k, v) => {
    const p = new URLSearchParams(params); p.set(k, v); location.hash = "#/?" + p.toString();
  };
  const select = (id, value, options, onchange) => h("select", { id, on: { change: (e) => onchange(e.target.value) } },
    options.map(([v, t]) => h("option", { value: v, selected: v === value ? "selected" : null }, t)));
  if (!stats.articles && !outlet) {
    render(h("h1", {}, "Narratives in the corpus"), h("div", { class: "card", id: "empty-corpus" },
      h("p", {}, "The database holds no articles yet. Analyse and store a folder with:"),
      h("pre", {}, "narrascope ingest PATH... --db sqlite:///narrascope.db"), h("p", {}, "then reload this page.")));
    return;
  }
  const stat = (n, label) => h("div", { class: "stat" }, h("b", {}, n), label);
  const anonShare = stats.quotes ? Math.round((100 * stats.anonymous_quotes) / stats.quotes) + "%" : "–";
  const tlCanvas = h("canvas", { id: "chart-timeline", "aria-label": "Narratives over time" });
  const outCanvas = h("canvas", { id: "chart-outlets", "aria-label": "Narratives by outlet" });
  render(
    h("h1", {}, "Narratives in the corpus"),
    h("div", { class: "stats" }, stat(stats.articles, stats.texts !== undefined && stats.texts !== stats.articles
      ? `articles (${stats.texts} distinct texts: wire copies count per outlet)` : "articles"), stat(stats.outlets, "outlets"), stat(stats.quotes, "quotes"),
      stat(anonShare, "anonymous sources"), stat(stats.first_date ? `${stats.first_date} → ${stats.last_date}` : "–", "dates")),
    h("div", { class: "controls" },
      h("label", {}, "Period ", select("period", period, [["day", "day"], ["week", "week"], ["month", "month"]], (v) => setParam("period", v))),
      h("label", {}, "Level ", select("level", level, [["narrative", "narratives"], ["subnarrative", "subnarratives"]], (v) => setParam("level", v))),
      h("label", {}, "Outlet ", select("outlet", outlet, [["", "all outlets"], ...outlets.filter((o) => o.outlet).map((o) => [o.outlet, `${o.outlet} (${o.articles})`])], (v) => setParam("outlet", v))),
      h("label", { title: "Count a label only where its calibrated score reaches this" }, "Minimum score ",
        select("min-score", minScore, [["", "any"], ["0.3", "0.3"], ["0.5", "0.5"], ["0.7", "0.7"], ["0.9", "0.9"]], (v) => setParam("min_score", v)))),
    h("div", { class: "card" }, h("h2", {}, `Articles per ${level} per ${period}`),
      h("p", { class: "muted" }, "Click a point to read the articles behind it."), h("div", { class: "chart-box" }, tlCanvas),
      htmlLegend("legend-timeline", "timeline", timeline.series.map((s) => ({ label: s.label, colour: labelColour(s.label) })))),
    h("div", { class: "card" }, h("h2", {}, `${level === "narrative" ? "Narratives" : "Subnarratives"} by outlet`),
      h("p", { class: "muted" }, "Bars count articles: the grey bar is all articles of the outlet, each coloured bar those carrying the label (an article with two labels counts in both). Click a bar for the articles."),
      h("div", { class: "chart-box", style: { height: Math.max(260, 60 + byOutlet.outlets.length * (byOutlet.series.length + 1) * 9) + "px" } }, outCanvas),
      htmlLegend("legend-outlets", "outlets", [{ label: "all articles of the outlet", colour: "#c9ced6" },
        ...byOutlet.series.map((s) => ({ label: s.label, colour: labelColour(s.label) }))])),
    h("div", { class: "grid2" },
      h("div", { class: "card" }, h("h2", {}, "Sourcing by outlet"),
        table([["outlet"], ["quotes", "num"], ["named", "num"], ["anonymous", "num"], ["hedged", "num"], ["via medium", "num"]],
          sourcing.map((r) => [r.outlet ? link(articlesHref({ outlet: r.outlet }), r.outlet) : "unknown", r.quotes, r.named, r.anonymous, r.hedged, r.via_medium]))),
      h("div", { class: "card" }, h("h2", {}, "Found together"),
        pairs.length ? table([["label"], ["label"], ["articles", "num"]], pairs.map((p) => [p.a, p.b, p.articles]))
          : h("p", { class: "muted" }, "No article carries two labels yet."))));
  if (typeof Chart === "undefined") return;
  const periodEnd = (start) => {
    const d = new Date(start + "T00:00:00Z");
    if (period === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (period === "week") d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  };
  window.narrascopeCharts.timeline = new Chart(tlCanvas, {
    type: "line",
    data: { labels: timeline.periods, datasets: timeline.series.map((s) => ({ label: s.label, fullLabel: s.label, data: s.counts,
      borderColor: labelColour(s.label), backgroundColor: tint(labelColour(s.label), 0.2), cubicInterpolationMode: "monotone", pointRadius: 3 })) /* monotone: the curve never overshoots the counts */ },
    options: { responsive: true, maintainAspectRatio: false, animation: false, interaction: { mode: "nearest", intersect: false },
      scales: { y: { beginAtZero: true, title: { display: true, text: "articles" }, ticks: { precision: 0 } },
        x: { title: { display: true, text: `${period} starting` } } },
      plugins: { legend: { display: false } },
      onClick: (_e, els, chart) => {
        if (!els.length) return;
        const ds = chart.data.datasets[els[0].datasetIndex]; const start = chart.data.labels[els[0].index];
        location.hash = articlesHref({ narrative: ds.fullLabel, from: start, to: periodEnd(start), ...(outlet ? { outlet } : {}) });
      } },
  });
  window.narrascopeCharts.outlets = new Chart(outCanvas, {
    type: "bar",
    data: { labels: byOutlet.outlets.map((o) => o || "unknown"),
      datasets: [{ label: "all articles of the outlet", fullLabel: "", data: byOutlet.articles, backgroundColor: "#c9ced6" },
        ...byOutlet.series.map((s) => ({ label: s.label, fullLabel: s.label, data: s.counts, backgroundColor: labelColour(s.label) }))] },
    options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
      scales: { x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "articles" } },
        y: { title: { display: true, text: "outlet" } } },
      plugins: { legend: { display: false },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.parsed.x} of ${byOutlet.articles[ctx.dataIndex]} articles` } } },
      onClick: (_e, els, chart) => {
        if (!els.length) return;
        const ds = chart.data.datasets[els[0].datasetIndex];
        const o = byOutlet.outlets[els[0].index] || "";
        location.hash = articlesHref(ds.fullLabel ? { narrative: ds.fullLabel, outlet: o, ...(minScore ? { min_score: minScore } : {}) } : { outlet: o });
      } },
  });
}

// -- article list / search -----------------------------------------------------
const FILTER_KEYS = ["q", "outlet", "language", "narrative", "min_score", "speaker", "entity", "from", "to"];

function snippetNode(segments) {
  // Highlighted pieces of the text around the search words (built from text nodes: no markup from the data).
  if (!segments || !segments.length) return null;
  return h("div", { class: "snippet" }, segments.map((seg) => (seg.hit ? h("mark", {}, seg.text) : seg.text)));
}

function filterForm(params, outlets, languages, labels) {
  const val = (k) => params.get(k) || "";
  const field = (label, el) => h("label", {}, h("span", {}, label), el);
  const choice = (name, value, options) => h("select", { name },
    options.map(([v, t]) => h("option", { value: v, selected: v === value ? "selected" : null }, t)));
  const input = (name, type, placeholder) => h("input", { name, type, value: val(name), placeholder });
  const form = h("form", { class: "card filters", id: "article-filters" },
    field("Words", input("q", "search", "full-text words")),
    field("Outlet", choice("outlet", val("outlet"), [["", "all"], ...outlets.filter((o) => o.outlet).map((o) => [o.outlet, `${o.outlet} (${o.articles})`])])),
    field("Language", choice("language", val("language"), [["", "all"], ...Object.keys(languages).filter((l) => l !== "unknown").sort().map((l) => [l, `${l} (${languages[l]})`])])),
    field("Narrative", choice("narrative", val("narrative"), [["", "any"], ...labels.map((l) => [l.label, `${l.label} (${l.articles})`])])),
    field("Minimum score", choice("min_score", val("min_score"), [["", "any"], ["0.3", "0.3"], ["0.5", "0.5"], ["0.7", "0.7"], ["0.9", "0.9"]])),
    field("Speaker", input("speaker", "text", "name")),
    field("Actor", input("entity", "text", "name")),
    field("From", input("from", "date", "")),
    field("To", input("to", "date", "")),
    field("Sort", choice("sort", val("sort"),
      [["", "best match with words, else newest"], ["published", "newest first"], ["relevance", "best match"], ["outlet", "outlet"],
        ["title", "title"], ["quotes", "most quotes"]])),
    h("div", { class: "filter-buttons" }, h("button", { type: "submit" }, "Apply"), " ", link("#/articles", "clear")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) p.set(k, String(v).trim());
    location.hash = "#/articles?" + p.toString();
  });
  return form;
}

async function articlesPage(params) {
  const filt = {};
  for (const k of FILTER_KEYS) if (params.get(k)) filt[k] = params.get(k);
  const offset = Number(params.get("offset") || 0);
  const sort = params.get("sort") || (filt.q ? "relevance" : "published");
  const order = sort === "outlet" || sort === "title" ? "asc" : "desc";
  const [page, outlets, stats, narr, sub] = await Promise.all([api("articles", { ...filt, limit: 25, offset, sort, order }), api("outlets"),
    api("stats"), api("aggregates/narratives", { level: "narrative" }), api("aggregates/narratives", { level: "subnarrative" })]);
  const names = filt.q ? await api("search/names", { q: filt.q }) : null;
  const go = (off) => { const p = new URLSearchParams(params); p.set("offset", off); location.hash = "#/articles?" + p.toString(); };
  const described = Object.entries(filt).map(([k, v]) => h("span", { class: "tag" }, `${k}: ${v}`));
  render(
    h("h1", {}, filt.q ? `Search: ${filt.q}` : "Articles"),
    filterForm(params, outlets, stats.languages || {}, [...narr, ...sub]),
    described.length ? h("p", {}, "Filtered by ", described, " ", link("#/articles", "clear")) : null,
    names && (names.speakers.length || names.entities.length) ? h("div", { class: "names card", id: "name-results" },
      names.speakers.length ? h("div", {}, "Speakers: ", names.speakers.map((n) => h("span", { class: "tag" }, link(speakerHref(n), n)))) : null,
      names.entities.length ? h("div", {}, "Actors: ", names.entities.map((n) => h("span", { class: "tag" }, link(entityHref(n), n)))) : null) : null,
    h("div", { id: "article-results" },
      table([["title"], ["outlet"], ["published"], ["narratives"], ["quotes", "num"]],
        page.items.map((a) => [h("span", {}, link(articleHref(a.id), a.title || a.id), snippetNode(a.snippet)), a.outlet || "", (a.published || "").slice(0, 10),
          h("span", {}, a.narratives.length ? a.narratives.map((n) => h("span", { class: "tag", title: n.label }, shortLabel(n.label))) : h("span", { class: "muted" }, "none"),
            a.duplicate_of ? h("span", { class: "tag anon" }, "copy of " + a.duplicate_of) : null),
          a.n_quotes]))),
    pager(page, go));
}

// -- one article ---------------------------------------------------------------
function highlightedText(text, quotes, colours, evidence) {
  // Cut the text at every span boundary; each piece gets the classes of the spans covering it.
  const spans = [];
  quotes.forEach((q, i) => { if (q.start >= 0 && q.end > q.start) spans.push({ s: q.start, e: q.end, quote: i }); });
  evidence.forEach((ev) => { if (ev.start >= 0 && ev.end > ev.start) spans.push({ s: ev.start, e: ev.end, ev: true }); });
  const cuts = new Set([0, text.length]);
  for (const sp of spans) { cuts.add(Math.min(sp.s, text.length)); cuts.add(Math.min(sp.e, text.length)); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = h("div", { class: "article-text", id: "article-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const covering = spans.filter((sp) => sp.s <= a && sp.e >= b);
    const q = covering.find((sp) => sp.quote !== undefined);
    const ev = covering.some((sp) => sp.ev);
    if (!q && !ev) { out.appendChild(document.createTextNode(piece)); continue; }
    const el = h("span", { class: [q ? "q" : "", ev ? "ev" : ""].join(" ").trim() }, piece);
    if (q) {
      const quote = quotes[q.quote];
      el.style.backgroundColor = tint(colours.get(quote.speaker || "(unattributed)"), 0.28);
      el.title = `${quote.speaker || "unattributed"}${quote.anonymous ? " (anonymous)" : ""}${quote.medium ? " via " + quote.medium : ""}`;
    }
    out.appendChild(el);
  }
  return out;
}

async function articlePage(id) {
  const a = await api("articles/" + enc(id));
  const speakers = [...new Set(a.quotes.map((q) => q.speaker || "(unattributed)"))];
  const colours = new Map(speakers.map((s, i) => [s, colourFor(s, i)]));
  const allEvidence = [...a.narratives, ...a.subnarratives].flatMap((l) => l.evidence || []);
  const labelBlock = (lab) => h("div", { class: "narr" + (lab.tier ? " tier-" + lab.tier : ""), "data-score": lab.score },
    h("div", {}, link(articlesHref({ narrative: lab.label }), lab.label), " ", h("span", { class: "score" }, `score ${lab.score.toFixed(2)}`),
      lab.tier ? h("span", { class: "tag tier tier-" + lab.tier, title: "how far to lean on it" }, lab.tier) : null),
    lab.evidence && lab.evidence.length && lab.evidence.every((ev) => ev.quoted)
      ? h("div", { class: "muted" }, "carried only by statements the article quotes: it reports this rather than asserting it") : null,
    lab.evidence && lab.evidence.length ? h("ul", { class: "evidence-list" }, lab.evidence.map((ev) => h("li", {}, ev.text || a.text.slice(ev.start, ev.end),
      ev.quoted ? h("span", { class: "muted" }, ` (quoted: ${ev.speaker || "unattributed"}${ev.hedged ? ", hedged" : ""})`) : null)))
      : h("div", { class: "muted" }, "no evidence sentence"));
  // A short quoted phrase with no speaker is a scare quote or a term: listed apart (report/html.py, quoted_phrase).
  const quotedPhrase = (q) => !(q.speaker || "").trim() && ((q.text || "").match(/[\p{L}\p{N}_]+/gu) || []).length <= 3;
  const statements = a.quotes.filter((q) => !quotedPhrase(q));
  const phrases = a.quotes.filter(quotedPhrase);
  const quoteRows = statements.map((q) => [
    h("span", {}, h("span", { class: "swatch", style: { backgroundColor: colours.get(q.speaker || "(unattributed)") } }),
      q.speaker ? link(speakerHref(q.speaker), q.speaker) : h("span", { class: "muted" }, "unattributed")),
    h("span", { class: "quote-text" }, q.text),
    h("span", {}, h("span", { class: "tag" }, q.kind), q.anonymous ? h("span", { class: "tag anon" }, "anonymous") : null,
      q.hedged ? h("span", { class: "tag hedge" }, "hedged" + (q.hedges && q.hedges.length ? ": " + q.hedges.join(", ") : "")) : null,
      q.medium ? h("span", { class: "tag" }, "via " + q.medium) : null,
      q.reported_by && q.reported_by !== q.medium ? h("span", { class: "tag" }, "reported by " + q.reported_by) : null)]);
  const versions = a.versions || [];
  const framed = a.entities.filter((e) => e.framed !== false);
  const mentioned = a.entities.filter((e) => e.framed === false);
  const others = (a.appearances || []).filter((x) => x.id !== a.id);
  const scoreControl = h("label", { class: "min-score" }, "Show labels scoring at least ",
    h("select", { id: "label-min-score", on: { change: (e) => {
      const min = Number(e.target.value);
      let hidden = 0;
      document.querySelectorAll("#narratives .narr").forEach((el) => {
        const off = Number(el.dataset.score) < min;
        el.hidden = off;
        hidden += off;
      });
      document.getElementById("labels-hidden").textContent = hidden ? `${hidden} below ${min} hidden` : "";
    } } }, [["0", "any score"], ["0.3", "0.3"], ["0.5", "0.5"], ["0.7", "0.7"], ["0.9", "0.9"]].map(([v, t]) => h("option", { value: v }, t))),
    " ", h("span", { class: "muted", id: "labels-hidden" }));
  render(
    h("h1", { id: "article-title" }, a.title || a.id),
    h("p", { class: "muted", id: "article-meta" }, [a.outlet && link(articlesHref({ outlet: a.outlet }), a.outlet), a.published && a.published.slice(0, 10),
      a.language, "id " + a.id, versions.length > 1 ? `version ${versions.find((v) => v.is_latest)?.version} of ${versions.length}` : null,
      a.url && /^https?:\/\//i.test(a.url) ? h("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, "source") : null]
      .filter(Boolean).flatMap((part, i) => (i ? [" · ", part] : [part]))),
    a.duplicate_of ? h("p", { class: "warn" }, `${a.duplicate_of.kind} duplicate of `, link(articleHref(a.duplicate_of.of), a.duplicate_of.of)) : null,
    others.length ? h("p", { id: "appearances" }, "Same text also published as: ", others.map((x) => h("span", { class: "tag" },
      link(articleHref(x.id), [x.outlet || "unknown outlet", x.published && x.published.slice(0, 10)].filter(Boolean).join(", "))))) : null,
    (a.history || []).length ? h("details", { class: "card", id: "history" }, h("summary", {}, `Metadata corrected ${a.history.length} time(s)`),
      h("ul", {}, a.history.map((c) => h("li", {}, c.changed_at.slice(0, 16).replace("T", " "), ": ",
        Object.entries(c.changes).map(([k, [o, n]]) => h("span", { class: "tag" }, `${k}: ${o ?? "—"} → ${n ?? "—"}`)))))) : null,
    h("div", { class: "layout-article" },
      h("div", {},
        h("div", { class: "card" },
          speakers.length ? h("div", { class: "legend", id: "speaker-legend" }, speakers.map((s) => h("span", {}, h("span", { class: "swatch", style: { backgroundColor: colours.get(s) } }), s))) : null,
          highlightedText(a.text, a.quotes, colours, allEvidence),
          h("p", { class: "muted" }, "Quotes are coloured by speaker; evidence sentences for the narratives are underlined.")),
        a.removed.length ? h("details", { class: "removed card" }, h("summary", {}, `Removed as not part of the article (${a.removed.length})`),
          h("ul", {}, a.removed.map((r) => h("li", {}, h("span", { class: "tag" }, r.reason), r.text)))) : null,
        a.warnings.length ? h("div", { class: "card" }, h("h3", {}, "Warnings"), a.warnings.map((w) => h("div", { class: "warn" }, w))) : null),
      h("div", {},
        h("div", { class: "card", id: "narratives" }, h("h2", {}, "Narratives"), [...a.narratives, ...a.subnarratives].length ? scoreControl : null,
          a.narratives.length ? a.narratives.map(labelBlock) : h("p", { class: "muted" }, "None found (Other)."),
          a.subnarratives.length ? h("div", {}, h("h3", {}, "Subnarratives"), a.subnarratives.map(labelBlock)) : null),
        a.explanation ? h("div", { class: "card" }, h("h2", {}, "Why"), h("p", {}, a.explanation.text),
          h("p", { class: "muted" }, "for " + a.explanation.narrative)) : null,
        h("div", { class: "card", id: "actors" }, h("h2", {}, "Actors"),
          framed.length ? table([["actor"], ["role"]], framed.map((e) => [link(entityHref(e.text), e.text),
            h("span", {}, e.main_role ? h("span", { class: "tag role-" + e.main_role }, e.main_role) : null,
              (e.fine_roles || []).map((r) => h("span", { class: "tag" }, r)))])) : h("p", { class: "muted" }, "No actors cast in a role."),
          mentioned.length ? h("div", { class: "mentioned", id: "mentioned" }, h("h3", {}, "Also mentioned (not cast in a role)"),
            mentioned.map((e) => h("span", { class: "tag quiet" }, link(entityHref(e.text), e.text)))) : null),
        h("div", { class: "card", id: "manage" }, h("h2", {}, "Manage"),
          h("button", { type: "button", class: "danger", id: "delete-article", on: { click: () => deleteArticle(a.id) } }, "Delete this article"),
          h("p", { class: "muted" }, "Needs the server's API token (asked once, kept for this tab only).")))),
    h("div", { class: "card", id: "quotes" }, h("h2", {}, `Who says what (${statements.length})`),
      statements.length ? table([["speaker"], ["statement"], ["sourcing"]], quoteRows) : h("p", { class: "muted" }, "No quotes found."),
      phrases.length ? h("p", { class: "muted", id: "quoted-phrases" }, "Quoted phrases no one is said to say (scare quotes, terms): ",
        phrases.map((q, i) => h("span", { class: "tag quiet" }, `“${q.text}”`))) : null));
}

async function deleteArticle(id) {
  if (!window.confirm(`Delete article '${id}' and every version of it?`)) return;
  let token = sessionStorage.getItem("narrascope-token");
  if (!token) token = window.prompt("API token (narrascope serve --token):") || "";
  if (!token) return;
  const resp = await fetch("/api/articles/" + enc(id), { method: "DELETE", headers: { Authorization: "Bearer " + token } });
  const data = await resp.json().catch(() => ({}));
  if (resp.ok) {
    sessionStorage.setItem("narrascope-token", token);
    location.hash = "#/articles";
  } else {
    if (resp.status === 401) sessionStorage.removeItem("narrascope-token");
    window.alert("Not deleted: " + ((data.error && data.error.message) || resp.statusText));
  }
}

// -- speakers ------------------------------------------------------------------
async function speakersPage(params) {
  const offset = Number(params.get("offset") || 0);
  const [page, sourcing] = await Promise.all([api("speakers", { limit: 50, offset }), api("aggregates/sourcing")]);
  render(h("h1", {}, "Speakers"),
    table([["speaker"], ["quotes", "num"], ["articles", "num"], ["outlets", "num"], ["narratives of the articles quoting them"]],
      page.items.map((s) => [h("span", {}, link(speakerHref(s.name), s.name), s.anonymous ? h("span", { class: "tag anon" }, "anonymous") : null,
        (s.variants || []).length > 1 ? h("div", { class: "muted variants" }, "also: " + s.variants.slice(1).map((v) => v.name).join(", ")) : null),
        s.quotes, s.articles, s.outlets, h("span", {}, s.narratives.map((n) => h("span", { class: "tag" }, `${shortLabel(n.label)} (${n.articles})`)))])),
    pager(page, (off) => { location.hash = "#/speakers?offset=" + off; }),
    h("h2", {}, "Named and anonymous sourcing per outlet"),
    table([["outlet"], ["quotes", "num"], ["named", "num"], ["anonymous", "num"], ["unattributed", "num"], ["anonymous share", "num"]],
      sourcing.map((r) => [r.outlet || "unknown", r.quotes, r.named, r.anonymous, r.unattributed, Math.round(100 * r.anonymous_share) + "%"])));
}

async function speakerPage(name) {
  const s = await api("speakers/" + enc(name));
  render(h("h1", {}, s.name, s.anonymous ? h("span", { class: "tag anon" }, "anonymous source") : null),
    (s.variants || []).length > 1 ? h("p", { class: "muted", id: "variants" }, "Spellings merged: ",
      s.variants.map((v) => h("span", { class: "tag" }, `${v.name} (${v.quotes})`))) : null,
    h("p", {}, link(articlesHref({ speaker: s.name }), `${s.quotes.length} quotes`), " · outlets: ",
      s.by_outlet.map((o) => h("span", { class: "tag" }, `${o.outlet || "unknown"} (${o.quotes})`)),
      s.media.length ? h("span", {}, " · via: ", s.media.map((m) => h("span", { class: "tag" }, `${m.medium} (${m.quotes})`))) : null),
    s.narratives.length ? h("p", {}, "Narratives of the articles quoting them: ", s.narratives.map((n) => h("span", { class: "tag" }, `${n.label} (${n.articles})`))) : null,
    table([["published"], ["article"], ["statement"], ["sourcing"]], s.quotes.map((q) => [(q.published || "").slice(0, 10),
      h("span", {}, link(articleHref(q.article_id), q.title || q.article_id), h("div", { class: "muted" }, q.outlet || "")),
      h("span", { class: "quote-text" }, q.text, q.claim_id ? h("div", {}, link(claimHref(q.claim_id), "same claim elsewhere →")) : null),
      h("span", {}, h("span", { class: "tag" }, q.kind), q.hedged ? h("span", { class: "tag hedge" }, "hedged") : null, q.medium ? h("span", { class: "tag" }, "via " + q.medium) : null)])));
}

// -- entities ------------------------------------------------------------------
async function entitiesPage(params) {
  const offset = Number(params.get("offset") || 0);
  const role = params.get("role") || "";
  const page = await api("entities", { limit: 50, offset, role });
  const roleTags = (roles) => h("span", {}, Object.entries(roles).map(([r, n]) => h("span", { class: "tag role-" + r }, `${r} ${n}`)));
  render(h("h1", {}, "Actors and how they are cast"),
    h("p", {}, ["", "Protagonist", "Antagonist", "Innocent"].map((r) => h("span", { class: "tag" }, link("#/entities?role=" + r, r || "all")))),
    table([["actor"], ["type"], ["articles", "num"], ["main roles"]],
      page.items.map((e) => [link(entityHref(e.name), e.name), e.type || "", e.articles, roleTags(e.roles)])),
    pager(page, (off) => { location.hash = "#/entities?" + new URLSearchParams({ role, offset: off }).toString(); }));
}

async function entityPage(name) {
  const e = await api("entities/" + enc(name));
  render(h("h1", {}, e.name), h("p", {}, link(articlesHref({ entity: e.name }), `${e.articles} articles`), e.type ? " · " + e.type : ""),
    h("div", { class: "grid2" },
      h("div", { class: "card" }, h("h2", {}, "Roles"), Object.entries(e.roles).map(([r, n]) => h("span", { class: "tag role-" + r }, `${r} ${n}`)),
        h("div", {}, Object.entries(e.fine_roles).map(([r, n]) => h("span", { class: "tag" }, `${r} ${n}`)))),
      h("div", { class: "card" }, h("h2", {}, "By outlet"),
        table([["outlet"], ["roles"]], e.by_outlet.map((o) => [o.outlet, h("span", {}, Object.entries(o.roles).map(([r, n]) => h("span", { class: "tag role-" + r }, `${r} ${n}`)))])))),
    h("h2", {}, "How each article casts them"),
    table([["published"], ["article"], ["role"], ["sentences that cast them"]], e.mentions.map((m) => [(m.published || "").slice(0, 10),
      h("span", {}, link(articleHref(m.article_id), m.title || m.article_id), h("div", { class: "muted" }, m.outlet || "")),
      h("span", {}, m.main_role ? h("span", { class: "tag role-" + m.main_role }, m.main_role) : null, m.fine_roles.map((r) => h("span", { class: "tag" }, r))),
      h("ul", { class: "evidence-list" }, m.evidence.map((ev) => h("li", {}, ev.text)))])));
}

// -- claims --------------------------------------------------------------------
async function claimsPage(params) {
  const offset = Number(params.get("offset") || 0);
  const page = await api("claims", { limit: 50, offset, min_size: 2 });
  render(h("h1", {}, "Claims repeated across articles"),
    h("p", { class: "muted" }, "Quotes grouped by meaning: within a group every quote is similar to every other (sentence embeddings, "
      + "complete linkage), so a group never drifts into a topic. Embeddings cannot tell a claim from its negation: read the quotes."),
    page.items.length ? table([["claim"], ["quotes", "num"], ["speakers"], ["outlets"], ["dates"]],
      page.items.map((c) => [link(claimHref(c.id), c.text), c.quotes, c.speakers.join(", "), c.outlets.join(", "),
        c.first_date ? `${c.first_date} → ${c.last_date}` : ""])) : h("p", {}, "No claim is repeated yet (run 'narrascope db claims' after ingest)."),
    pager(page, (off) => { location.hash = "#/claims?offset=" + off; }));
}

async function claimPage(id) {
  const c = await api("claims/" + enc(id));
  render(h("h1", {}, "Claim"), h("blockquote", { class: "card quote-text" }, c.text),
    h("p", {}, "Speakers: ", c.speakers.map((s) => h("span", { class: "tag" }, link(speakerHref(s), s))),
      " Outlets: ", c.outlets.map((o) => h("span", { class: "tag" }, o)), c.dates.length ? ` Dates: ${c.dates[0]} → ${c.dates[c.dates.length - 1]} (${c.dates.length} days)` : ""),
    table([["published"], ["outlet"], ["speaker"], ["statement"], ["article"]], c.quotes.map((q) => [(q.published || "").slice(0, 10), q.outlet || "",
      q.speaker ? h("span", {}, link(speakerHref(q.speaker), q.speaker), q.anonymous ? h("span", { class: "tag anon" }, "anonymous") : null) : "unattributed",
      h("span", { class: "quote-text" }, q.text), link(articleHref(q.article_id), q.title || q.article_id)])));
}

// -- router --------------------------------------------------------------------
async function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  document.querySelectorAll("header nav a").forEach((a) => a.classList.toggle("active", a.dataset.nav === (parts[0] ? parts[0].replace(/^(article|speaker|entity|claim)$/, "$1s") : "overview")));
  view.dataset.page = parts[0] || "overview";
  view.dataset.ready = "0";
  try {
    if (!parts.length) await overviewPage(params);
    else if (parts[0] === "articles" || parts[0] === "search") await articlesPage(params);
    else if (parts[0] === "article") await articlePage(parts.slice(1).join("/"));
    else if (parts[0] === "speakers") await speakersPage(params);
    else if (parts[0] === "speaker") await speakerPage(parts.slice(1).join("/"));
    else if (parts[0] === "entities") await entitiesPage(params);
    else if (parts[0] === "entity") await entityPage(parts.slice(1).join("/"));
    else if (parts[0] === "claims") await claimsPage(params);
    else if (parts[0] === "claim") await claimPage(parts[1]);
    else render(h("p", {}, "No such page. "), link("#/", "Back to the overview"));
  } catch (err) {
    render(errorBox(err));
  }
  view.dataset.ready = "1";  // browser tests wait for this
}

document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = document.getElementById("search-input").value.trim();
  if (q) location.hash = articlesHref({ q });
});
window.addEventListener("hashchange", route);
route();
