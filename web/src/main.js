// main.js — the vigia dashboard. Everything comes from the JSON API of
// `vigia serve` (docs/api.md); nothing is fetched from elsewhere: the map
// data (world-atlas) is bundled by web/build.sh.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import cytoscape from 'cytoscape';
import { geoCentroid, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
// 1:50m: the small Caribbean states (Barbados, Grenada, ...) are missing at 1:110m.
import world from 'world-atlas/countries-50m.json';
import { COUNTRIES } from './countries.js';
import { highlight, fmtNum, el, clear } from './util.js';
import './style.css';

const $ = (id) => document.getElementById(id);
const PALETTE = ['#2563eb', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569', '#b45309'];
const BLOC_COLOURS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];
const QUAD = ['', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];

// alpha-3 <-> ISO numeric, for joining world-atlas ids to actor codes.
const A3_BY_NUM = new Map(Object.entries(COUNTRIES).map(([a3, [n]]) => [n, a3]));
const countryName = (a3) => (COUNTRIES[a3] ? COUNTRIES[a3][1] : a3);

const state = {
  gen: 0, eventsGen: 0, country: null, from: '', to: '', by: 'week', metric: 'net', mapView: 'world', lastRel: null,
  trend: null, eventsOffset: 0, eventsLimit: 25, eventsFilter: null, alertsAll: false,
};

// ---- API -------------------------------------------------------------------
async function api(path, params = {}, init) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v != null) q.set(k, v);
  const url = path + (q.toString() ? '?' + q : '');
  const res = await fetch(url, init);
  let body;
  try { body = await res.json(); } catch { body = null; }
  if (!res.ok) {
    const msg = body && body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${res.status}`;
    throw new Error(msg);
  }
  return body;
}
const range = () => ({ from: state.from, to: state.to });

function setStatus(text, bad) {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('bad', !!bad);
}

function showError(container, err) {
  clear(container);
  container.append(el('div', { class: 'error' }, String(err.message || err)));
}

// ---- trend (uPlot) ------------------------------------------------------------
let plot = null;
const periodTs = (p) => Date.parse(p + 'T00:00:00Z') / 1000;

// One /api/partners answer serves the trend (top partners) and the map (all),
// per country and window.
let partnersCache = { key: '', promise: null };
function partners() {
  const key = [state.country, state.from, state.to].join('|');
  if (partnersCache.key !== key) {
    partnersCache = { key, promise: api('/api/partners', { a: state.country, limit: 500, ...range() }) };
    partnersCache.promise.catch(() => { partnersCache = { key: '', promise: null }; });
  }
  return partnersCache.promise;
}

async function loadTrend() {
  const box = $('trend');
  const c = state.country;
  try {
    const gen = state.gen;
    const parts = await partners();
    const top = parts.partners.slice(0, 6);
    $('trend-title').textContent = top.length ? `— ${countryName(c)} and its ${top.length} main partners` : '';
    if (!top.length) {
      state.trend = null;
      drawTrend();
      return;
    }
    const trends = await Promise.all(top.map((p) => api('/api/trend', { a: c, b: p.code, by: state.by, ...range() })));
    if (gen !== state.gen) return; // the country or window changed meanwhile
    // Union of periods: each dyad's series spans its own first to last event.
    const periods = [...new Set(trends.flatMap((t) => t.points.map((p) => p.period)))].sort();
    const idx = new Map(periods.map((p, i) => [p, i]));
    const series = top.map((p, k) => {
      const rows = { net: [], coop: [], conf: [], events: [] };
      for (const key of Object.keys(rows)) rows[key] = new Array(periods.length).fill(0);
      for (const pt of trends[k].points) {
        const i = idx.get(pt.period);
        rows.coop[i] = pt.coop;
        rows.conf[i] = pt.conf;
        rows.net[i] = pt.coop - pt.conf;
        rows.events[i] = pt.events;
      }
      return { code: p.code, name: p.name || p.code, rows };
    });
    state.trend = { periods, series };
    drawTrend();
  } catch (e) {
    showError(box, e);
  }
}

function drawTrend() {
  const box = $('trend');
  if (plot) { plot.destroy(); plot = null; }
  clear(box);
  const t = state.trend;
  if (!t || !t.periods.length) {
    box.append(el('div', { class: 'empty' }, state.emptyStore
      ? 'No events stored yet. Code and store articles with `vigia ingest FILE --db …` (or POST /api/ingest), then reload.'
      : 'No relations recorded for this country in the window.'));
    box.dataset.points = '0';
    return;
  }
  const m = state.metric;
  const label = { net: 'cooperation − conflict', coop: 'cooperation', conf: 'conflict', events: 'events' }[m];
  const xs = t.periods.map(periodTs);
  const data = [xs, ...t.series.map((s) => s.rows[m])];
  const opts = {
    width: Math.max(320, box.clientWidth),
    height: 300,
    scales: { x: { time: true } },
    axes: [{}, { label: `${label} (Goldstein)`.replace('events (Goldstein)', 'events'), size: 60 }],
    series: [
      { label: 'period', value: (u, v) => (v == null ? '' : new Date(v * 1000).toISOString().slice(0, 10)) },
      ...t.series.map((s, i) => ({
        label: `${s.code} ${s.name}`,
        stroke: PALETTE[i % PALETTE.length],
        width: 2,
        points: { size: 5 },
        value: (u, v) => (v == null ? '' : fmtNum(v)),
      })),
    ],
  };
  plot = new uPlot(opts, data, box);
  box.dataset.points = String(xs.length);
  box.dataset.series = String(t.series.length);
}

// ---- network (cytoscape) -------------------------------------------------------
let cy = null;
let lastNetwork = null;

async function loadNetwork() {
  const box = $('network');
  try {
    const net = await api('/api/network', range());
    lastNetwork = net;
    drawNetwork(net);
    return net;
  } catch (e) {
    showError(box, e);
    return null;
  }
}

function drawNetwork(net) {
  const box = $('network');
  if (cy) { cy.destroy(); cy = null; }
  clear(box);
  clear($('bloc-legend'));
  if (!net.nodes.length) {
    box.append(el('div', { class: 'empty' }, 'No relations in the window.'));
    return;
  }
  const maxEv = Math.max(1, ...net.edges.map((e) => e.events));
  const elements = [
    ...net.nodes.map((n) => ({
      data: {
        id: n.id, label: n.id, name: n.name, events: n.events, bloc: n.bloc,
        colour: n.bloc >= 0 ? BLOC_COLOURS[n.bloc % BLOC_COLOURS.length] : '#94a3b8',
        size: 18 + 30 * Math.sqrt(n.events / Math.max(1, ...net.nodes.map((x) => x.events))),
      },
    })),
    ...net.edges.map((e, i) => ({
      data: {
        id: 'e' + i, source: e.source, target: e.target, weight: e.weight, events: e.events,
        colour: e.weight >= 0 ? '#16a34a' : '#dc2626',
        width: 1 + 7 * Math.sqrt(e.events / maxEv),
      },
    })),
  ];
  cy = cytoscape({
    container: box,
    elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: {
        'background-color': 'data(colour)', label: 'data(label)', width: 'data(size)', height: 'data(size)',
        'font-size': 11, color: '#0f172a', 'text-valign': 'center', 'text-halign': 'center',
        'text-outline-color': '#fff', 'text-outline-width': 2, 'border-width': 1, 'border-color': '#fff' } },
      { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#0f172a' } },
      { selector: 'edge', style: {
        'line-color': 'data(colour)', width: 'data(width)', opacity: 0.75, 'curve-style': 'bezier' } },
      { selector: 'edge.dim, node.dim', style: { opacity: 0.15 } },
    ],
    layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 90, padding: 20 },
  });
  cy.on('tap', 'node', (ev) => selectCountry(ev.target.id()));
  cy.on('tap', 'edge', (ev) => {
    const d = ev.target.data();
    state.eventsFilter = { dyad: `${d.source}-${d.target}`, from: state.from, to: state.to,
      label: `relation ${d.source}–${d.target}` };
    state.eventsOffset = 0;
    loadEvents().then(() => $('events-card').scrollIntoView({ behavior: 'smooth', block: 'start' }));
  });
  cy.on('mouseover', 'node', (ev) => {
    const d = ev.target.data();
    tip(ev.originalEvent, `${d.id} ${d.name}: ${d.events} events` + (d.bloc >= 0 ? `, bloc ${d.bloc + 1}` : ''));
  });
  cy.on('mouseover', 'edge', (ev) => {
    const d = ev.target.data();
    tip(ev.originalEvent, `${d.source}–${d.target}: ${d.events} events, Goldstein ${fmtNum(d.weight)}`);
  });
  cy.on('mouseout', () => tip(null));
  focusNetwork();
  $('network-info').textContent =
    `${net.nodes.length} countries · ${net.edges.length} relations · ${net.blocs.length} blocs`;
  const bl = $('bloc-legend');
  clear(bl);
  net.blocs.forEach((b, i) => {
    const sw = el('i', { class: 'dot' });
    sw.style.background = BLOC_COLOURS[i % BLOC_COLOURS.length];
    bl.append(el('span', { class: 'bloc' }, sw, `bloc ${i + 1}: ${b.members.join(', ')}`));
  });
  box.dataset.nodes = String(net.nodes.length);
  box.dataset.edges = String(net.edges.length);
}

function focusNetwork() {
  if (!cy) return;
  cy.elements().removeClass('focus dim');
  const n = cy.getElementById(state.country);
  if (n && n.length) {
    n.addClass('focus');
    cy.elements().not(n.closedNeighborhood()).addClass('dim');
  }
}

// ---- map (d3-geo) -----------------------------------------------------------------
const SVGNS = 'http://www.w3.org/2000/svg';
const land = feature(world, world.objects.countries);

function relColour(v) {
  // v: mean Goldstein in [-10, 10] -> red .. grey .. green
  if (v == null) return '#e2e8f0';
  const t = Math.max(-1, Math.min(1, v / 5));
  const lerp = (a, b, x) => Math.round(a + (b - a) * x);
  const grey = [203, 213, 225], green = [22, 163, 74], red = [220, 38, 38];
  const to = t >= 0 ? green : red;
  const x = Math.abs(t);
  return `rgb(${lerp(grey[0], to[0], x)},${lerp(grey[1], to[1], x)},${lerp(grey[2], to[2], x)})`;
}

async function loadMap() {
  const box = $('map');
  try {
    const gen = state.gen;
    const parts = await partners();
    if (gen !== state.gen) return;
    const rel = new Map(parts.partners.map((p) => [p.code, p]));
    state.lastRel = rel;
    drawMap(rel);
  } catch (e) {
    showError(box, e);
  }
}

function drawMap(rel) {
  const box = $('map');
  clear(box);
  const w = Math.max(320, box.clientWidth), h = Math.round(w * 0.52);
  let proj = geoNaturalEarth1().fitSize([w, h], { type: 'Sphere' });
  const self = land.features.find((f) => A3_BY_NUM.get(Number(f.id)) === state.country);
  if (state.mapView === 'region' && self) {
    // Centre on the country and show about four times its size around it.
    const [lon, lat] = geoCentroid(self);
    const fit = geoNaturalEarth1().rotate([-lon, -lat]).fitExtent([[0, 0], [w, h]], self);
    const k = Math.max(proj.scale(), fit.scale() / 4);
    proj = geoNaturalEarth1().rotate([-lon, -lat]).scale(k).translate([w / 2, h / 2]);
  }
  const path = geoPath(proj);
  const svg = document.createElementNS(SVGNS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `World map of relations with ${countryName(state.country)}`);
  const sphere = document.createElementNS(SVGNS, 'path');
  sphere.setAttribute('d', path({ type: 'Sphere' }));
  sphere.setAttribute('class', 'sphere');
  svg.append(sphere);
  let shaded = 0;
  for (const f of land.features) {
    const a3 = A3_BY_NUM.get(Number(f.id));
    const p = document.createElementNS(SVGNS, 'path');
    p.setAttribute('d', path(f) || '');
    const r = a3 && rel.get(a3);
    let fill = relColour(null);
    let title = f.properties.name;
    if (a3 === state.country) {
      fill = '#1e3a8a';
      title += ' (selected)';
      p.classList.add('self');
    } else if (r) {
      fill = relColour(r.mean_goldstein);
      title += `: ${r.events} events, mean Goldstein ${fmtNum(r.mean_goldstein)}`;
      shaded++;
      p.classList.add('rel');
      p.addEventListener('click', () => selectCountry(a3));
    }
    p.setAttribute('fill', fill);
    p.setAttribute('data-a3', a3 || '');
    const t = document.createElementNS(SVGNS, 'title');
    t.textContent = title;
    p.append(t);
    svg.append(p);
  }
  box.append(svg);
  box.dataset.shaded = String(shaded);
  box.dataset.view = state.mapView;
  $('map-title').textContent = `— relations with ${countryName(state.country)}`;
  const lg = $('map-legend');
  clear(lg);
  const grad = el('span', { class: 'grad' });
  lg.append(el('span', {}, 'conflict'), grad, el('span', {}, 'cooperation'),
    el('span', { class: 'muted' }, `mean Goldstein of events both ways · ${shaded} partners shaded`));
}

// ---- alerts ---------------------------------------------------------------------
async function loadAlerts() {
  const box = $('alerts');
  try {
    const gen = state.gen;
    const res = await api('/api/alerts', { limit: 200, ...range() });
    if (gen !== state.gen) return;
    const c = state.country;
    const list = state.alertsAll ? res.alerts : res.alerts.filter((a) => a.a.startsWith(c) || a.b.startsWith(c));
    clear(box);
    if (!list.length) {
      box.append(el('li', { class: 'empty' }, state.alertsAll ? 'No alerts.' : `No alerts involving ${countryName(c)}.`));
    }
    for (const a of list.slice(0, 60)) {
      const li = el('li', { class: 'alert k-' + a.kind, tabindex: '0', role: 'button' },
        el('div', { class: 'alert-head' },
          el('span', { class: 'badge' }, a.kind),
          el('strong', {}, `${a.a} → ${a.b}`),
          el('span', { class: 'muted' }, a.date + (a.last_date && a.last_date !== a.date ? ` – ${a.last_date}` : ''))),
        el('div', { class: 'alert-sum' }, a.summary || ''));
      const open = () => {
        for (const x of box.querySelectorAll('.alert.sel')) x.classList.remove('sel');
        li.classList.add('sel');
        showAlertEvents(a);
      };
      li.addEventListener('click', open);
      li.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') open(); });
      box.append(li);
    }
    box.dataset.count = String(list.length);
  } catch (e) {
    showError(box, e);
  }
}

function addDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function showAlertEvents(a) {
  state.eventsFilter = {
    dyad: `${a.a}-${a.b}`, from: addDays(a.date, -7), to: a.last_date || a.date, order: 'mentions',
    label: `${a.kind} alert ${a.a}–${a.b}, ${a.date}`,
  };
  state.eventsOffset = 0;
  loadEvents().then(() => $('events-card').scrollIntoView({ behavior: 'smooth', block: 'start' }));
}

// ---- events table ----------------------------------------------------------------
async function loadEvents() {
  const tbody = $('events').querySelector('tbody');
  const f = state.eventsFilter;
  const params = f
    ? { dyad: f.dyad, from: f.from, to: f.to, order: f.order || '-date' }
    : { actor: state.country, ...range() };
  const csv = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) csv.set(k, v);
  csv.set('format', 'csv');
  $('events-csv').href = '/api/events?' + csv;
  try {
    const gen = ++state.eventsGen;
    const res = await api('/api/events', { ...params, limit: state.eventsLimit, offset: state.eventsOffset, evidence: 1 });
    if (gen !== state.eventsGen) return;
    clear(tbody);
    for (const e of res.events) {
      const ev = e.evidence && e.evidence[0];
      const evid = ev ? highlight(ev.text, ev.source_text, ev.verb_text, ev.target_text) : el('span', { class: 'muted' }, '—');
      const cite = ev ? el('div', { class: 'cite' }, [ev.doc_id, ev.publisher, ev.date].filter(Boolean).join(' · ')) : '';
      tbody.append(el('tr', { class: 'q' + e.quad },
        el('td', { class: 'nowrap' }, e.date),
        el('td', {}, el('code', {}, e.source)),
        el('td', {}, el('code', {}, e.code), ' ', el('span', {}, e.name || ''), el('div', { class: 'muted small' }, QUAD[e.quad] || '')),
        el('td', {}, el('code', {}, e.target)),
        el('td', { class: 'num g ' + (e.goldstein >= 0 ? 'pos' : 'neg') }, fmtNum(e.goldstein)),
        el('td', { class: 'num' }, String(e.num_mentions)),
        el('td', { class: 'evid' }, evid, cite)));
    }
    if (!res.events.length) tbody.append(el('tr', {}, el('td', { colspan: '7', class: 'empty' }, 'No events.')));
    const end = state.eventsOffset + res.count;
    $('events-page').textContent = res.total ? `${state.eventsOffset + 1}–${end} of ${res.total}` : '0';
    $('events-prev').disabled = state.eventsOffset === 0;
    $('events-next').disabled = !res.next;
    $('events-title').textContent = f ? `— ${f.label}` : `— involving ${countryName(state.country)}`;
    $('events-clear').hidden = !f;
    $('events').dataset.rows = String(res.events.length);
  } catch (e) {
    clear(tbody);
    tbody.append(el('tr', {}, el('td', { colspan: '7', class: 'error' }, String(e.message))));
  }
}

// ---- live coding ------------------------------------------------------------------
async function codeText(ev) {
  ev.preventDefault();
  const out = $('code-out');
  const text = $('code-text').value;
  clear(out);
  if (!text.trim()) { out.append(el('div', { class: 'error' }, 'Paste some text first.')); return; }
  $('code-go').disabled = true;
  try {
    const res = await api('/api/code', {}, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text, date: $('code-date').value || undefined, id: 'dashboard' }),
    });
    out.append(el('div', { class: 'muted small' }, `${res.count} event${res.count === 1 ? '' : 's'} in ${res.sentences} sentence${res.sentences === 1 ? '' : 's'}`));
    for (const e of res.events) {
      const x = e.evidence || {};
      out.append(el('div', { class: 'coded q' + e.quad },
        el('div', { class: 'coded-head' },
          el('code', {}, e.source), ' → ', el('code', {}, e.target), ' ',
          el('span', { class: 'badge' }, e.code), ' ', e.name || '',
          el('span', { class: 'g ' + (e.goldstein >= 0 ? 'pos' : 'neg') }, ` ${fmtNum(e.goldstein)}`)),
        el('div', { class: 'evid' }, highlight(x.text || '', x.source && x.source.text, x.verb && x.verb.text, x.target && x.target.text))));
    }
    if (!res.count) out.append(el('div', { class: 'empty' }, 'No event found in this text.'));
    out.dataset.count = String(res.count);
  } catch (e) {
    showError(out, e);
    out.dataset.count = 'error';
  } finally {
    $('code-go').disabled = false;
  }
}

// ---- tooltip ------------------------------------------------------------------------
function tip(ev, text) {
  const t = $('tip');
  if (!ev) { t.hidden = true; return; }
  t.textContent = text;
  t.hidden = false;
  t.style.left = ev.clientX + 12 + 'px';
  t.style.top = ev.clientY + 12 + 'px';
}

// ---- wiring ------------------------------------------------------------------------
function selectCountry(code) {
  if (!code || code === state.country) return;
  state.country = code;
  $('country').value = code;
  state.eventsFilter = null;
  state.eventsOffset = 0;
  refreshCountry();
}

// The address bar keeps the view, so a link reopens it.
function saveView() {
  const q = new URLSearchParams({ country: state.country || '' });
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  if (state.by !== 'week') q.set('by', state.by);
  history.replaceState(null, '', '?' + q);
}

function refreshCountry() {
  state.gen++;
  saveView();
  focusNetwork();
  return Promise.all([loadTrend(), loadMap(), loadAlerts(), loadEvents()]);
}

async function refreshAll() {
  const net = await loadNetwork();
  fillPicker(net);
  await refreshCountry();
  document.body.dataset.ready = '1';
}

function fillPicker(net) {
  const sel = $('country');
  const keep = state.country;
  clear(sel);
  const nodes = net ? [...net.nodes].sort((a, b) => b.events - a.events) : [];
  for (const n of nodes) sel.append(el('option', { value: n.id }, `${n.id} — ${n.name || countryName(n.id)} (${n.events})`));
  const want = new URLSearchParams(location.search).get('country');
  const pick = [keep, want, 'VEN'].find((c) => c && nodes.some((n) => n.id === c)) || (nodes[0] && nodes[0].id);
  if (pick) sel.value = pick;
  state.country = pick || keep || 'VEN';
}

async function init() {
  try {
    const h = await api('/healthz');
    const db = h.database;
    if (db) {
      state.emptyStore = db.events === 0;
      setStatus(db.events
        ? `${db.events.toLocaleString()} events · ${db.documents.toLocaleString()} documents · ${db.from} → ${db.to}`
        : `0 events · ${db.documents.toLocaleString()} documents: the store is empty`);
      $('foot-db').textContent = `${db.backend} schema v${db.schema_version}`;
      if (db.from) $('from').value = db.from;
      if (db.to) { $('to').value = db.to; $('code-date').value = db.to; }
    } else {
      setStatus('no database', true);
    }
  } catch (e) {
    setStatus('API unreachable: ' + e.message, true);
    return;
  }
  const url = new URLSearchParams(location.search);
  for (const k of ['from', 'to']) if (/^\d{4}-\d{2}-\d{2}$/.test(url.get(k) || '')) $(k).value = url.get(k);
  if (['day', 'week', 'month'].includes(url.get('by'))) $('by').value = url.get('by');
  state.by = $('by').value;
  state.from = $('from').value;
  state.to = $('to').value;
  $('country').addEventListener('change', (e) => selectCountry(e.target.value));
  for (const id of ['from', 'to']) {
    $(id).addEventListener('change', () => {
      state.from = $('from').value;
      state.to = $('to').value;
      state.eventsOffset = 0;
      refreshAll();
    });
  }
  $('by').addEventListener('change', (e) => { state.by = e.target.value; saveView(); loadTrend(); });
  for (const b of document.querySelectorAll('#metric button')) {
    b.addEventListener('click', () => {
      for (const x of document.querySelectorAll('#metric button')) x.classList.toggle('on', x === b);
      state.metric = b.dataset.metric;
      drawTrend();
    });
  }
  for (const b of document.querySelectorAll('#map-view button')) {
    b.addEventListener('click', () => {
      for (const x of document.querySelectorAll('#map-view button')) x.classList.toggle('on', x === b);
      state.mapView = b.dataset.view;
      if (state.lastRel) drawMap(state.lastRel);
    });
  }
  $('alerts-all').addEventListener('change', (e) => { state.alertsAll = e.target.checked; loadAlerts(); });
  $('events-prev').addEventListener('click', () => { state.eventsOffset = Math.max(0, state.eventsOffset - state.eventsLimit); loadEvents(); });
  $('events-next').addEventListener('click', () => { state.eventsOffset += state.eventsLimit; loadEvents(); });
  $('events-clear').addEventListener('click', () => {
    state.eventsFilter = null;
    state.eventsOffset = 0;
    for (const x of document.querySelectorAll('.alert.sel')) x.classList.remove('sel');
    loadEvents();
  });
  $('code-form').addEventListener('submit', codeText);
  let rt;
  window.addEventListener('resize', () => {
    clearTimeout(rt);
    rt = setTimeout(() => { drawTrend(); loadMap(); if (cy) cy.resize(); }, 200);
  });
  await refreshAll();
}

init();
