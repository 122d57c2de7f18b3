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

/** Mark the evidence words in the sentence: source, verb and target phrases
 *  are found case-insensitively (the target after the source when it occurs
 *  twice); the verb phrase often spans the target, so source and target marks
 *  win where they overlap it. Phrases the coder normalised beyond
 *  recognition are simply not marked. */
export function highlight(sentence, src, verb, tgt) {
  const wrap = el('span', { class: 'sentence' });
  const text = sentence || '';
  const low = text.toLowerCase();
  const cls = new Array(text.length).fill('');
  const find = (phrase, from = 0) => {
    const p = phrase ? String(phrase).toLowerCase().trim() : '';
    if (!p) return null;
    let i = low.indexOf(p, from);
    if (i < 0 && from > 0) i = low.indexOf(p);
    return i < 0 ? null : [i, i + p.length];
  };
  const paint = (r, c, over) => {
    if (!r) return;
    for (let i = r[0]; i < r[1]; i++) if (over || !cls[i]) cls[i] = c;
  };
  const rs = find(src);
  const rt = find(tgt, rs ? rs[1] : 0);
  const rv = find(verb, rs ? rs[1] : 0);
  paint(rv, 'm-verb', false);
  paint(rs, 'm-src', true);
  paint(rt, 'm-tgt', true);
  let at = 0;
  while (at < text.length) {
    let end = at + 1;
    while (end < text.length && cls[end] === cls[at]) end++;
    const piece = text.slice(at, end);
    wrap.append(cls[at] ? el('mark', { class: cls[at] }, piece) : document.createTextNode(piece));
    at = end;
  }
  return wrap;
}
