/* json.c — a small JSON parser for JSON Lines records: one object a line.
 * Top-level members are reported one by one; nested objects and arrays are
 * validated and handed over raw (they are carried through, not used).
 * Strings are decoded into a scratch buffer reserved up front (at most 3
 * bytes out per byte in, for U+FFFD), so the pointers handed out stay put. */
#include "io.h"
#include <string.h>

#define MAX_DEPTH 256

typedef struct parser {
    const char *s;
    size_t n, i;
    vg_buf *sc;
    const char *msg;
    size_t off;
    bool replaced;
} parser;

bool vg_io__utf8_valid(const char *str, size_t n) {
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) { i++; continue; }
        size_t l = vg_utf8_len(s + i, n - i);
        if (!l) return false;
        i += l;
    }
    return true;
}

bool vg_io__put_utf8(vg_buf *b, const char *str, size_t n) {
    const unsigned char *s = (const unsigned char *)str;
    bool replaced = false;
    size_t i = 0, start = 0;
    while (i < n) {
        if (s[i] < 0x80) { i++; continue; }
        size_t l = vg_utf8_len(s + i, n - i);
        if (l) { i += l; continue; }
        vg_buf_put(b, s + start, i - start);
        vg_buf_put(b, "\xEF\xBF\xBD", 3);
        replaced = true;
        start = ++i;
    }
    vg_buf_put(b, s + start, n - start);
    return replaced;
}

static bool fail(parser *p, const char *msg) {
    if (!p->msg) { p->msg = msg; p->off = p->i; }
    return false;
}

static void skip_ws(parser *p) {
    while (p->i < p->n) {
        char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
        p->i++;
    }
}

/* At the opening quote. With decode, the string goes into p->sc (followed by
 * a NUL) and *off and *len say where. */
static bool parse_string(parser *p, bool decode, size_t *off, size_t *len) {
    const unsigned char *s = (const unsigned char *)p->s;
    p->i++;
    size_t start = p->sc->len;
    for (;;) {
        size_t run = p->i;
        while (p->i < p->n && s[p->i] >= 0x20 && s[p->i] < 0x80 && s[p->i] != '"' && s[p->i] != '\\')
            p->i++;
        if (decode) vg_buf_put(p->sc, s + run, p->i - run);
        if (p->i >= p->n) return fail(p, "unterminated string (truncated record?)");
        unsigned c = s[p->i];
        if (c == '"') { p->i++; break; }
        if (c < 0x20) return fail(p, "raw control character in a string (must be escaped)");
        if (c >= 0x80) {
            size_t l = vg_utf8_len(s + p->i, p->n - p->i);
            if (l) { if (decode) vg_buf_put(p->sc, s + p->i, l); p->i += l; }
            else { if (decode) vg_buf_put(p->sc, "\xEF\xBF\xBD", 3); p->replaced = true; p->i++; }
            continue;
        }
        /* backslash */
        if (p->i + 1 >= p->n) { p->i++; return fail(p, "unterminated string (truncated record?)"); }
        char e = p->s[p->i + 1];
        const char *lit = NULL;
        switch (e) {
        case '"': lit = "\""; break;
        case '\\': lit = "\\"; break;
        case '/': lit = "/"; break;
        case 'b': lit = "\b"; break;
        case 'f': lit = "\f"; break;
        case 'n': lit = "\n"; break;
        case 'r': lit = "\r"; break;
        case 't': lit = "\t"; break;
        case 'u': break;
        default: p->i++; return fail(p, "invalid escape in a string");
        }
        if (lit) { if (decode) vg_buf_put(p->sc, lit, 1); p->i += 2; continue; }
        if (p->i + 6 > p->n) { p->i++; return fail(p, "truncated \\u escape"); }
        unsigned long cp;
        bool lone;
        int used = vg_json_u_escape(p->s + p->i + 2, p->n - p->i - 2, &cp, &lone);
        if (used < 0) { p->i += 2; return fail(p, "invalid \\u escape"); }
        p->i += 2 + (size_t)used;
        p->replaced |= lone;
        if (decode) vg_buf_put_cp(p->sc, cp);
    }
    if (decode) {
        *off = start;
        *len = p->sc->len - start;
        vg_buf_putc(p->sc, '\0');
    }
    return true;
}

static bool parse_number(parser *p) {
    const char *s = p->s;
    if (p->i < p->n && s[p->i] == '-') p->i++;
    if (p->i >= p->n) return fail(p, "unexpected end of line in a number (truncated record?)");
    if (s[p->i] == '0') p->i++;
    else if (s[p->i] >= '1' && s[p->i] <= '9') while (p->i < p->n && s[p->i] >= '0' && s[p->i] <= '9') p->i++;
    else return fail(p, "invalid number");
    if (p->i < p->n && s[p->i] == '.') {
        p->i++;
        if (p->i >= p->n || s[p->i] < '0' || s[p->i] > '9') return fail(p, "invalid number");
        while (p->i < p->n && s[p->i] >= '0' && s[p->i] <= '9') p->i++;
    }
    if (p->i < p->n && (s[p->i] == 'e' || s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (s[p->i] == '+' || s[p->i] == '-')) p->i++;
        if (p->i >= p->n || s[p->i] < '0' || s[p->i] > '9') return fail(p, "invalid number");
        while (p->i < p->n && s[p->i] >= '0' && s[p->i] <= '9') p->i++;
    }
    return true;
}

static bool parse_value(parser *p, int depth, vg_json_kind *kind, bool decode, size_t *off, size_t *len);

static bool parse_container(parser *p, int depth, bool object) {
    if (depth > MAX_DEPTH) return fail(p, "nesting too deep");
    char close = object ? '}' : ']';
    p->i++;
    skip_ws(p);
    if (p->i < p->n && p->s[p->i] == close) { p->i++; return true; }
    for (;;) {
        skip_ws(p);
        if (object) {
            if (p->i >= p->n) return fail(p, "unexpected end of line (truncated record?)");
            if (p->s[p->i] != '"') return fail(p, "expected a member name in quotes");
            if (!parse_string(p, false, NULL, NULL)) return false;
            skip_ws(p);
            if (p->i >= p->n) return fail(p, "unexpected end of line (truncated record?)");
            if (p->s[p->i] != ':') return fail(p, "expected ':' after a member name");
            p->i++;
        }
        vg_json_kind k;
        if (!parse_value(p, depth + 1, &k, false, NULL, NULL)) return false;
        skip_ws(p);
        if (p->i >= p->n) return fail(p, "unexpected end of line (truncated record?)");
        if (p->s[p->i] == ',') { p->i++; continue; }
        if (p->s[p->i] == close) { p->i++; return true; }
        return fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static bool literal(parser *p, const char *word, size_t n) {
    if (p->n - p->i < n) {
        if (!memcmp(p->s + p->i, word, p->n - p->i))
            return fail(p, "unexpected end of line (truncated record?)");
        return fail(p, "unexpected character");
    }
    if (memcmp(p->s + p->i, word, n)) return fail(p, "unexpected character");
    p->i += n;
    return true;
}

static bool parse_value(parser *p, int depth, vg_json_kind *kind, bool decode, size_t *off, size_t *len) {
    skip_ws(p);
    if (p->i >= p->n) return fail(p, "unexpected end of line (truncated record?)");
    switch (p->s[p->i]) {
    case '"': *kind = VG_JSON_STRING; return parse_string(p, decode, off, len);
    case '{': *kind = VG_JSON_OBJECT; return parse_container(p, depth, true);
    case '[': *kind = VG_JSON_ARRAY; return parse_container(p, depth, false);
    case 't': *kind = VG_JSON_TRUE; return literal(p, "true", 4);
    case 'f': *kind = VG_JSON_FALSE; return literal(p, "false", 5);
    case 'n': *kind = VG_JSON_NULL; return literal(p, "null", 4);
    default:
        if (p->s[p->i] == '-' || (p->s[p->i] >= '0' && p->s[p->i] <= '9')) {
            *kind = VG_JSON_NUMBER;
            return parse_number(p);
        }
        return fail(p, "unexpected character");
    }
}

vg_status vg_json__parse_object(const char *s, size_t n, vg_buf *scratch, vg_json_member_fn fn,
                                void *ctx, vg_json_result *res) {
    parser p = {s, n, 0, scratch, NULL, 0, false};
    memset(res, 0, sizeof *res);
    size_t need;
    /* Reserve the worst case so that decoded strings never move. */
    if (!vg_mul_ok(n, 3, &need) || !vg_add_ok(need, 16, &need) || !vg_buf_grow(scratch, need))
        return VG_ERR_NOMEM;
    skip_ws(&p);
    if (p.i >= n) { fail(&p, "empty record"); goto bad; }
    if (s[p.i] != '{') { fail(&p, "a record must be a JSON object"); goto bad; }
    p.i++;
    skip_ws(&p);
    if (p.i < n && s[p.i] == '}') { p.i++; goto end; }
    for (;;) {
        skip_ws(&p);
        if (p.i >= n) { fail(&p, "unexpected end of line (truncated record?)"); goto bad; }
        if (s[p.i] != '"') { fail(&p, "expected a member name in quotes"); goto bad; }
        size_t koff, klen, voff = 0, vlen = 0;
        if (!parse_string(&p, true, &koff, &klen)) goto bad;
        skip_ws(&p);
        if (p.i >= n) { fail(&p, "unexpected end of line (truncated record?)"); goto bad; }
        if (s[p.i] != ':') { fail(&p, "expected ':' after a member name"); goto bad; }
        p.i++;
        skip_ws(&p);
        size_t raw = p.i;
        vg_json_member m;
        if (!parse_value(&p, 1, &m.kind, true, &voff, &vlen)) goto bad;
        m.key = scratch->ptr + koff; m.key_len = klen;
        m.raw = s + raw; m.raw_len = p.i - raw;
        m.str = m.kind == VG_JSON_STRING ? scratch->ptr + voff : NULL;
        m.str_len = m.kind == VG_JSON_STRING ? vlen : 0;
        if (scratch->oom) return VG_ERR_NOMEM;
        vg_status st = fn(&m, ctx);
        if (st != VG_OK) { res->replaced = p.replaced; return st; }
        skip_ws(&p);
        if (p.i >= n) { fail(&p, "unexpected end of line (truncated record?)"); goto bad; }
        if (s[p.i] == ',') { p.i++; continue; }
        if (s[p.i] == '}') { p.i++; break; }
        fail(&p, "expected ',' or '}'");
        goto bad;
    }
end:
    skip_ws(&p);
    if (p.i < n) { fail(&p, "unexpected data after the JSON object"); goto bad; }
    res->replaced = p.replaced;
    return VG_OK;
bad:
    res->replaced = p.replaced;
    res->err_msg = p.msg;
    res->err_offset = p.off;
    return VG_ERR_INPUT;
}
