// util.js — small DOM helpers shared by the dashboard. Data from the API is
// only ever inserted as text (textContent / text nodes), never as HTML.

/** Create an element: attributes, then children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) e.setAttribute(k, v);
  for (const c of children.flat()) {
    if (c == null || c === '') continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

export function clear(e) {
  while (e.firstChild) e.removeChild(e.firstChild);
}

export function fmtNum(x) {
  if (x == null || Number.isNaN(x)) return '';
  const r = Math.round(x * 10) / 10;
  return (r > 0 ? '+' : '') + r.toString();
}

/** Find where each evidence phrase sits in the sentence (case-insensitive,
 *  first occurrence not already taken) and wrap it in a <mark>. Phrases the
 *  coder normalised beyond recognition are simply not marked. */
export function highlight(sentence, src, verb, tgt) {
  const wrap = el('span', { class: 'sentence' });
  const text = sentence || '';
  const low = text.toLowerCase();
  const spans = [];
  const take = (phrase, cls) => {
    if (!phrase) return;
    const p = String(phrase).toLowerCase().trim();
    if (!p) return;
    let from = 0;
    for (;;) {
      const i = low.indexOf(p, from);
      if (i < 0) return;
      const j = i + p.length;
      if (!spans.some((s) => i < s.end && j > s.start)) {
        spans.push({ start: i, end: j, cls });
        return;
      }
      from = i + 1;
    }
  };
  take(src, 'm-src');
  take(tgt, 'm-tgt');
  take(verb, 'm-verb');
  spans.sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of spans) {
    if (s.start > at) wrap.append(document.createTextNode(text.slice(at, s.start)));
    wrap.append(el('mark', { class: s.cls }, text.slice(s.start, s.end)));
    at = s.end;
  }
  if (at < text.length) wrap.append(document.createTextNode(text.slice(at)));
  return wrap;
}
