/* reader_xml.c — PETRARCH XML records:
 *
 *   <Environment><Verbfile>...</Verbfile>...</Environment>
 *   <Sentence date="20080804" id="AFP0808020625_4" category="AFP" sentence="True">
 *   <EventCoding sourcecode="USA" targetcode="CHN" eventcode="042"/>
 *   <Text> ... </Text>  <Parse> ... </Parse>
 *   </Sentence>
 *
 * Not a general XML parser: a tag scanner over the input window that knows
 * these few elements and is tolerant of how the files in the wild break the
 * rules. A <Sentence .../> that is self-closed before its EventCoding and
 * Text (as in PETR2_GSR.dev.xml) owns what follows it up to </Sentence> or
 * the next <Sentence>. Comments are skipped wherever they are; entities are
 * decoded in text and attributes. A record is malformed (reported, skipped)
 * when it has no <Text>, when its <Text> is not closed, when the input
 * ends inside it, or when its <Parse> is a bracketed (Penn Treebank) parse
 * whose brackets do not balance. A <Parse> that does not start with '(' (the
 * CoNLL dependency rows of the GSR files) is not checked. The gold of a
 * rejected record stays readable (vg_reader_rejected_gold), so a scorer can
 * count a record whose gold says error="..." and that was rejected as right. */
#include "io.h"
#include <stdlib.h>
#include <string.h>

#define MAX_TAG (64u * 1024u)
#define MAX_ATTRS 32

typedef enum { ITEM_EOF, ITEM_TEXT, ITEM_TAG } item_kind;

typedef struct attr { size_t name, value; } attr;  /* offsets into attrs buf */

struct vg_xml_state {
    /* the tag last scanned */
    char name[64];
    bool closing, self_closing;
    attr attrs[MAX_ATTRS];
    size_t nattrs;
    vg_buf attrbuf;
    /* skipping a comment / reading CDATA across window refills */
    const char *until;      /* "-->" or "]]>", NULL when not inside one */
    bool until_is_text;
    /* the record being assembled */
    bool in_record, in_text, has_text, too_big, pending;
    long rec_line;
    long tag_line;          /* line where the tag last scanned starts */
    vg_buf raw;             /* <Text> content as written */
    vg_buf rid, rdate, rcat;
    int is_sentence, noevents;
    vg_buf goldstr;         /* NUL-separated gold codes; offsets in goldoff */
    size_t *goldoff;        /* 3 offsets per gold event */
    size_t gold_n, gold_cap;
    bool gold_error;        /* an <EventCoding error="..."> */
    /* <Parse>: 0 not in it, 1 before its first character, 2 bracketed, 3 other */
    int parse;
    long parse_depth;       /* open brackets; below 0 once it has gone negative */
    bool parse_bad;
    /* the gold of the record last rejected; rej_n < 0: none */
    long rej_n;
    bool rej_error;
    /* the <Sentence> tag that ended the previous record starts the next */
    vg_buf pend_id, pend_date, pend_cat;
    int pend_sentence;
    long pend_line;
    /* <Environment> */
    bool in_env;
    char env_key[64];
    bool env_capturing;
    vg_buf env_val;
};

/* ------------------------------------------------------------------------ */
/* Entities and whitespace                                                   */
/* ------------------------------------------------------------------------ */

/* Length of the entity at s[0]=='&' decoded into b, or 0 when it is not one
 * we know (the '&' is then literal text). */
static size_t entity(vg_buf *b, const char *s, size_t n) {
    /* XML's five, then the HTML ones that scraped news brings along */
    static const struct { const char *name; unsigned cp; } named[] = {
        {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''},
        {"nbsp;", 0xA0}, {"ndash;", 0x2013}, {"mdash;", 0x2014}, {"lsquo;", 0x2018},
        {"rsquo;", 0x2019}, {"ldquo;", 0x201C}, {"rdquo;", 0x201D}, {"hellip;", 0x2026},
        {"eacute;", 0xE9}, {"aacute;", 0xE1}, {"iacute;", 0xED}, {"oacute;", 0xF3},
        {"uacute;", 0xFA}, {"ntilde;", 0xF1}, {"ccedil;", 0xE7}, {"uuml;", 0xFC}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t l = strlen(named[i].name);
        if (n > l && !memcmp(s + 1, named[i].name, l)) { vg_buf_put_cp(b, named[i].cp); return l + 1; }
    }
    if (n > 3 && s[1] == '#') {
        size_t i = 2;
        int base = 10;
        if (s[2] == 'x' || s[2] == 'X') { base = 16; i = 3; }
        unsigned long cp = 0;
        size_t start = i;
        for (; i < n && i < start + 8; i++) {
            char c = s[i];
            int d = c >= '0' && c <= '9' ? c - '0'
                  : base == 16 && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : base == 16 && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) break;
            cp = cp * (unsigned long)base + (unsigned long)d;
        }
        if (i > start && i < n && s[i] == ';') { vg_buf_put_cp(b, cp); return i + 1; }
    }
    return 0;
}

/* Decode entities; with collapse, runs of whitespace (the line wrapping of
 * <Text>) become one space and the ends are trimmed. */
static void decode(vg_buf *b, const char *s, size_t n, bool collapse) {
    size_t i = 0;
    bool space = false;
    if (collapse) while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    while (i < n) {
        char c = s[i];
        if (collapse && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) { space = true; i++; continue; }
        if (space) { vg_buf_putc(b, ' '); space = false; }
        if (c == '&') {
            size_t k = entity(b, s + i, n - i);
            if (k) { i += k; continue; }
        }
        size_t start = i++;
        while (i < n && s[i] != '&' && !(collapse && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')))
            i++;
        vg_buf_put(b, s + start, i - start);
    }
}

/* ------------------------------------------------------------------------ */
/* Scanning items: text chunks and tags                                      */
/* ------------------------------------------------------------------------ */

static bool is_name_start(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':';
}
static bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}
static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Parse the tag t[0,n) ('<' ... '>') into x. */
static void parse_tag(vg_xml_state *x, const char *t, size_t n) {
    size_t i = 1;
    x->closing = x->self_closing = false;
    x->nattrs = 0;
    vg_buf_clear(&x->attrbuf);
    if (t[i] == '/') { x->closing = true; i++; }
    size_t k = 0;
    while (i < n && is_name_char(t[i])) { if (k < sizeof x->name - 1) x->name[k++] = t[i]; i++; }
    x->name[k] = '\0';
    size_t end = n - 1;  /* the '>' */
    if (end > i && t[end - 1] == '/') { x->self_closing = true; end--; }
    while (i < end) {
        while (i < end && is_ws(t[i])) i++;
        size_t ns = i;
        while (i < end && !is_ws(t[i]) && t[i] != '=') i++;
        size_t ne = i;
        if (ne == ns) { i++; continue; }
        while (i < end && is_ws(t[i])) i++;
        size_t vs = i, ve = i;
        if (i < end && t[i] == '=') {
            i++;
            while (i < end && is_ws(t[i])) i++;
            if (i < end && (t[i] == '"' || t[i] == '\'')) {
                char q = t[i++];
                vs = i;
                while (i < end && t[i] != q) i++;
                ve = i;
                if (i < end) i++;
            } else {
                vs = i;
                while (i < end && !is_ws(t[i])) i++;
                ve = i;
            }
        }
        if (x->nattrs == MAX_ATTRS) continue;
        attr *a = &x->attrs[x->nattrs++];
        a->name = x->attrbuf.len;
        vg_buf_put(&x->attrbuf, t + ns, ne - ns);
        vg_buf_putc(&x->attrbuf, '\0');
        a->value = x->attrbuf.len;
        decode(&x->attrbuf, t + vs, ve - vs, false);
        vg_buf_putc(&x->attrbuf, '\0');
    }
}

static const char *get_attr(const vg_xml_state *x, const char *name) {
    for (size_t i = 0; i < x->nattrs; i++)
        if (!strcmp(x->attrbuf.ptr + x->attrs[i].name, name)) return x->attrbuf.ptr + x->attrs[i].value;
    return NULL;
}

static bool ieq(const char *a, const char *b) {
    for (; *a && *b; a++, b++) {
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (ca != cb) return false;
    }
    return *a == *b;
}

/* The next item. A text chunk is returned in (*p, *n) and already consumed,
 * so the window may slide before the caller is done with nothing else. */
static item_kind next_item(vg_reader *r, const char **p, size_t *n) {
    vg_xml_state *x = r->xml;
    vg_io_src *s = &r->src;
    for (;;) {
        size_t avail = s->end - s->pos;
        if (avail == 0 && (avail = vg_io__src_fill(s, 1)) == 0) return ITEM_EOF;
        const char *w = s->buf + s->pos;
        if (x->until) {
            /* inside a comment or CDATA section */
            size_t ul = strlen(x->until);
            const char *hit = NULL;
            for (const char *q = w; (q = memchr(q, x->until[0], avail - (size_t)(q - w))) != NULL; q++)
                if ((size_t)(w + avail - q) >= ul && !memcmp(q, x->until, ul)) { hit = q; break; }
                else if ((size_t)(w + avail - q) < ul) break;
            size_t take = hit ? (size_t)(hit - w) : avail > ul ? avail - ul : 0;
            if (!hit && take == 0) {
                if (s->eof) { vg_io__src_skip(s, avail); x->until = NULL; continue; }
                vg_io__src_fill(s, avail + 1);
                continue;
            }
            bool text = x->until_is_text;
            if (hit) x->until = NULL;
            *p = w;
            *n = take;
            vg_io__src_skip(s, take + (hit ? ul : 0));
            if (text && take) return ITEM_TEXT;
            continue;
        }
        if (w[0] != '<') {
            const char *lt = memchr(w, '<', avail);
            size_t take = lt ? (size_t)(lt - w) : avail;
            *p = w;
            *n = take;
            vg_io__src_skip(s, take);
            return ITEM_TEXT;
        }
        if (avail < 9 && !s->eof) { vg_io__src_fill(s, 9); continue; }
        if (avail >= 4 && !memcmp(w, "<!--", 4)) {
            vg_io__src_skip(s, 4);
            x->until = "-->";
            x->until_is_text = false;
            continue;
        }
        if (avail >= 9 && !memcmp(w, "<![CDATA[", 9)) {
            vg_io__src_skip(s, 9);
            x->until = "]]>";
            x->until_is_text = true;
            continue;
        }
        char c = avail > 1 ? w[1] : '\0';
        if (!(is_name_start(c) || c == '/' || c == '?' || c == '!')) {
            /* a bare '<' in text */
            *p = w; *n = 1;
            vg_io__src_skip(s, 1);
            return ITEM_TEXT;
        }
        const char *gt = memchr(w, '>', avail);
        const char *lt = memchr(w + 1, '<', gt ? (size_t)(gt - w) - 1 : avail - 1);
        if (lt) {
            /* a tag cut short ("</Te" then a new tag): its bytes are text */
            *p = w;
            *n = (size_t)(lt - w);
            vg_io__src_skip(s, *n);
            return ITEM_TEXT;
        }
        if (!gt) {
            if (!s->eof && avail < MAX_TAG) { vg_io__src_fill(s, avail + 1); continue; }
            /* no end to this tag: take the '<' as text and go on */
            *p = w; *n = 1;
            vg_io__src_skip(s, 1);
            return ITEM_TEXT;
        }
        size_t tn = (size_t)(gt - w) + 1;
        if (c == '?' || c == '!') { vg_io__src_skip(s, tn); continue; }
        parse_tag(x, w, tn);
        *p = NULL;
        *n = 0;
        x->tag_line = s->line;
        vg_io__src_skip(s, tn);
        return ITEM_TAG;
    }
}

/* ------------------------------------------------------------------------ */
/* Records                                                                   */
/* ------------------------------------------------------------------------ */

static void set_buf(vg_buf *b, const char *s) {
    vg_buf_clear(b);
    if (s) vg_buf_puts(b, s);
}

static bool attr_false(const char *v) { return v && (ieq(v, "false") || ieq(v, "0") || ieq(v, "no")); }

/* Remember a <Sentence> tag's attributes as the next record's. */
static void take_sentence_tag(vg_xml_state *x, long line) {
    set_buf(&x->pend_id, get_attr(x, "id"));
    set_buf(&x->pend_date, get_attr(x, "date"));
    set_buf(&x->pend_cat, get_attr(x, "category"));
    x->pend_sentence = !attr_false(get_attr(x, "sentence"));
    x->pend_line = line;
    x->pending = true;
}

static void start_record(vg_xml_state *x) {
    x->in_record = true;
    x->in_text = x->has_text = x->too_big = false;
    x->pending = false;
    x->rec_line = x->pend_line;
    vg_buf_clear(&x->rid); vg_buf_put(&x->rid, x->pend_id.ptr, x->pend_id.len);
    vg_buf_clear(&x->rdate); vg_buf_put(&x->rdate, x->pend_date.ptr, x->pend_date.len);
    vg_buf_clear(&x->rcat); vg_buf_put(&x->rcat, x->pend_cat.ptr, x->pend_cat.len);
    x->is_sentence = x->pend_sentence;
    x->noevents = 0;
    x->gold_n = 0;
    x->gold_error = false;
    x->parse = 0;
    x->parse_depth = 0;
    x->parse_bad = false;
    vg_buf_clear(&x->goldstr);
    vg_buf_clear(&x->raw);
}

static void add_gold(vg_xml_state *x) {
    const char *ne = get_attr(x, "noevents");
    if (ne && !attr_false(ne)) { x->noevents = 1; return; }
    if (get_attr(x, "error")) { x->gold_error = true; return; }
    const char *src = get_attr(x, "sourcecode"), *tgt = get_attr(x, "targetcode"),
               *code = get_attr(x, "eventcode");
    if (!src && !tgt && !code) return;
    if (x->gold_n == x->gold_cap) {
        size_t cap = x->gold_cap ? x->gold_cap * 2 : 8;
        size_t *p = realloc(x->goldoff, cap * 3 * sizeof *p);
        if (!p) { x->goldstr.oom = true; return; }
        x->goldoff = p;
        x->gold_cap = cap;
    }
    const char *v[3] = {src, tgt, code};
    for (int k = 0; k < 3; k++) {
        x->goldoff[x->gold_n * 3 + (size_t)k] = x->goldstr.len;
        vg_buf_puts(&x->goldstr, v[k] ? v[k] : "");
        vg_buf_putc(&x->goldstr, '\0');
    }
    x->gold_n++;
}

static vg_status rec_fail(vg_reader *r, vg_error *err, vg_status code, const char *msg) {
    vg_xml_state *x = r->xml;
    x->in_record = false;
    x->rej_n = (long)x->gold_n;
    x->rej_error = x->gold_error;
    return vg_io__rec_error(r, err, code, x->rec_line, x->rid.ptr, x->rid.len, "%s", msg);
}

/* The record in x is complete (eof: the input ended inside it). */
static vg_status finish(vg_reader *r, vg_record *out, vg_error *err, bool eof) {
    vg_xml_state *x = r->xml;
    if (x->in_text)
        return rec_fail(r, err, VG_ERR_INPUT, eof ? "input ends inside <Text> (truncated record?)"
                                                  : "<Text> not closed (truncated record?)");
    if (eof) return rec_fail(r, err, VG_ERR_INPUT, "input ends before </Sentence> (truncated record?)");
    if (x->too_big) {
        char msg[128];
        snprintf(msg, sizeof msg, "record longer than %zu bytes (max record size) skipped", r->max);
        return rec_fail(r, err, VG_ERR_LIMIT, msg);
    }
    if (!x->has_text) return rec_fail(r, err, VG_ERR_INPUT, "record has no <Text>");
    if (x->parse_bad)
        return rec_fail(r, err, VG_ERR_INPUT, "<Parse> brackets do not balance (malformed parse)");
    x->in_record = false;

    vg_buf_clear(&r->aux);
    decode(&r->aux, x->raw.ptr ? x->raw.ptr : "", x->raw.len, true);
    bool dirty = vg_io__clean_text(&r->text, r->aux.ptr ? r->aux.ptr : "", r->aux.len);
    if (x->gold_n > r->gold_cap) {
        vg_gold_event *g = realloc(r->gold, x->gold_n * sizeof *g);
        if (!g) return rec_fail(r, err, VG_ERR_NOMEM, "out of memory");
        r->gold = g;
        r->gold_cap = x->gold_n;
    }
    if (r->text.oom || r->aux.oom || x->goldstr.oom || x->raw.oom || x->rid.oom)
        return rec_fail(r, err, VG_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < x->gold_n; i++) {
        r->gold[i].source = x->goldstr.ptr + x->goldoff[i * 3];
        r->gold[i].target = x->goldstr.ptr + x->goldoff[i * 3 + 1];
        r->gold[i].code = x->goldstr.ptr + x->goldoff[i * 3 + 2];
    }
    const char *id = x->rid.ptr;
    size_t id_len = x->rid.len;
    if (!id_len) {
        vg_buf_clear(&r->id);
        const char *b = strrchr(r->name, '/');
        vg_buf_printf(&r->id, "%s:%ld", b ? b + 1 : r->name, x->rec_line);
        id = r->id.ptr;
        id_len = r->id.len;
        if (!r->warned_id) {
            r->warned_id = true;
            vg_io__warn(r, x->rec_line, NULL, 0,
                        "<Sentence> without id: using FILE:LINE as its id (said once per input)");
        }
    }
    int32_t date = x->rdate.len ? vg_date_parse(x->rdate.ptr, x->rdate.len) : 0;
    if (x->rdate.len && !date)
        vg_io__warn(r, x->rec_line, id, id_len, "date \"%.40s\" not understood (want YYYYMMDD); "
                    "coded without a date", x->rdate.ptr);
    if (dirty) vg_io__warn(r, x->rec_line, id, id_len, "invalid UTF-8 or NUL bytes replaced");
    memset(out, 0, sizeof *out);
    out->id = id; out->id_len = id_len;
    out->date = date;
    out->text = r->text.ptr ? r->text.ptr : "";
    out->text_len = r->text.len;
    out->file = r->name;
    out->line = x->rec_line;
    out->category = x->rcat.len ? x->rcat.ptr : NULL;
    out->gold = x->gold_n ? r->gold : NULL;
    out->gold_count = x->gold_n;
    out->gold_noevents = x->noevents;
    out->is_sentence = x->is_sentence;
    return VG_OK;
}

static vg_status add_env(vg_reader *r, const char *name, const char *value, size_t vlen) {
    char **nn = realloc(r->env_names, (r->env_n + 1) * sizeof *nn);
    if (!nn) return VG_ERR_NOMEM;
    r->env_names = nn;
    char **vv = realloc(r->env_values, (r->env_n + 1) * sizeof *vv);
    if (!vv) return VG_ERR_NOMEM;
    r->env_values = vv;
    vg_buf v = VG_BUF_INIT;
    decode(&v, value, vlen, true);
    char *n = strdup(name);
    if (!n || v.oom) { free(n); vg_buf_free(&v); return VG_ERR_NOMEM; }
    r->env_names[r->env_n] = n;
    r->env_values[r->env_n] = v.ptr ? v.ptr : strdup("");
    r->env_n++;
    return VG_OK;
}

/* Follow the bracket depth of a <Parse> chunk; a bracketed parse whose
 * depth goes below zero is malformed at once (the total is checked at
 * </Parse>). */
static void parse_scan(vg_xml_state *x, const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (x->parse == 1) {
            if (is_ws(c)) continue;
            x->parse = c == '(' ? 2 : 3;
        }
        if (x->parse != 2) return;
        if (c == '(') x->parse_depth++;
        else if (c == ')' && --x->parse_depth < 0) { x->parse_bad = true; x->parse = 3; return; }
    }
}

/* Run the scanner. env_only: stop before the first record (at open). */
static vg_status run(vg_reader *r, vg_record *out, vg_error *err, bool env_only) {
    vg_xml_state *x = r->xml;
    for (;;) {
        if (!x->in_record && x->pending) {
            if (env_only) return VG_OK;
            start_record(x);
        }
        const char *p;
        size_t n;
        item_kind k = next_item(r, &p, &n);
        if (k == ITEM_EOF) {
            if (x->in_record) return finish(r, out, err, true);
            r->done = true;
            return env_only ? VG_OK : VG_DONE;
        }
        if (k == ITEM_TEXT) {
            if (x->in_record && x->in_text && !x->too_big) {
                if (x->raw.len + n > r->max) { x->too_big = true; vg_buf_free(&x->raw); }
                else vg_buf_put(&x->raw, p, n);
            } else if (x->in_record && x->parse) {
                parse_scan(x, p, n);
            } else if (x->env_capturing) {
                vg_buf_put(&x->env_val, p, n);
            }
            continue;
        }
        /* a tag */
        long tag_line = x->tag_line;
        if (ieq(x->name, "Sentence") && !x->closing) {
            take_sentence_tag(x, tag_line);
            if (x->in_record) return finish(r, out, err, false);
            continue;
        }
        if (ieq(x->name, "Sentence") || ieq(x->name, "Sentences")) {
            if (x->closing && x->in_record) return finish(r, out, err, false);
            continue;
        }
        if (!x->in_record) {
            if (ieq(x->name, "Environment")) { x->in_env = !x->closing && !x->self_closing; continue; }
            if (x->in_env && !x->closing && !x->self_closing) {
                snprintf(x->env_key, sizeof x->env_key, "%s", x->name);
                vg_buf_clear(&x->env_val);
                x->env_capturing = true;
            } else if (x->in_env && x->closing && x->env_capturing && !strcmp(x->name, x->env_key)) {
                x->env_capturing = false;
                if (add_env(r, x->env_key, x->env_val.ptr ? x->env_val.ptr : "", x->env_val.len) != VG_OK)
                    return vg_err_set(err, VG_ERR_NOMEM, r->name, tag_line, "out of memory");
            }
            continue;
        }
        if (ieq(x->name, "Text")) {
            if (x->closing) {
                if (x->in_text) { x->in_text = false; x->has_text = true; }
            } else if (!x->self_closing && !x->has_text) {
                x->in_text = true;
            }
        } else if (ieq(x->name, "EventCoding") && !x->closing) {
            add_gold(x);
        } else if (ieq(x->name, "Parse")) {
            if (x->closing && x->parse) {
                if (x->parse == 2 && x->parse_depth != 0) x->parse_bad = true;
                x->parse = 0;
            } else if (!x->closing && !x->self_closing) {
                x->parse = 1;
                x->parse_depth = 0;
            }
        }
    }
}

vg_status vg_io__xml_open(vg_reader *r, vg_error *err) {
    r->xml = calloc(1, sizeof *r->xml);
    if (!r->xml) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    r->xml->rej_n = -1;
    r->done = false;
    return run(r, NULL, err, true);
}

vg_status vg_io__xml_next(vg_reader *r, vg_record *out, vg_error *err) {
    if (!r->xml->pending && !r->xml->in_record && r->done) return VG_DONE;
    r->done = false;
    r->xml->rej_n = -1;
    vg_status st = run(r, out, err, false);
    return st;
}

long vg_reader_rejected_gold(const vg_reader *r, int *gold_error) {
    if (gold_error) *gold_error = 0;
    if (r->fmt != VG_FMT_PETRXML || !r->xml || r->xml->rej_n < 0) return -1;
    if (gold_error) *gold_error = r->xml->rej_error;
    return r->xml->rej_n;
}

void vg_io__xml_free(vg_reader *r) {
    vg_xml_state *x = r->xml;
    if (!x) return;
    vg_buf *bufs[] = {&x->attrbuf, &x->raw, &x->rid, &x->rdate, &x->rcat, &x->goldstr,
                      &x->pend_id, &x->pend_date, &x->pend_cat, &x->env_val};
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++) vg_buf_free(bufs[i]);
    free(x->goldoff);
    free(x);
    r->xml = NULL;
}
