/* json_check.h — a strict JSON validator (RFC 8259) for checking what vigia
 * writes: API responses, event lines. Written for the fuzz targets; it
 * only says yes or no. Nesting is bounded (deeper output is a finding
 * too: vigia never writes more than a few levels). */
#ifndef VG_FUZZ_JSON_CHECK_H
#define VG_FUZZ_JSON_CHECK_H

#include <stddef.h>

typedef struct jc { const unsigned char *p, *end; int depth; } jc;

static void jc_ws(jc *c) {
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) c->p++;
}

static int jc_lit(jc *c, const char *s) {
    for (; *s; s++, c->p++)
        if (c->p >= c->end || *c->p != (unsigned char)*s) return 0;
    return 1;
}

static int jc_hex(int ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/* Strings must be valid UTF-8 with no raw control characters. */
static int jc_string(jc *c) {
    if (c->p >= c->end || *c->p != '"') return 0;
    c->p++;
    while (c->p < c->end) {
        unsigned ch = *c->p;
        if (ch == '"') { c->p++; return 1; }
        if (ch < 0x20) return 0;
        if (ch == '\\') {
            c->p++;
            if (c->p >= c->end) return 0;
            unsigned e = *c->p++;
            if (e == 'u') {
                for (int i = 0; i < 4; i++, c->p++)
                    if (c->p >= c->end || !jc_hex(*c->p)) return 0;
            } else if (!strchr("\"\\/bfnrt", (int)e) || e == 0) {
                return 0;
            }
            continue;
        }
        size_t k = ch < 0x80 ? 1 : (ch >= 0xc2 && ch <= 0xdf) ? 2 : (ch >= 0xe0 && ch <= 0xef) ? 3
                 : (ch >= 0xf0 && ch <= 0xf4) ? 4 : 0;
        if (!k || (size_t)(c->end - c->p) < k) return 0;
        for (size_t j = 1; j < k; j++)
            if ((c->p[j] & 0xc0) != 0x80) return 0;
        if (k == 3) {
            unsigned cp = ((ch & 0x0f) << 12) | ((c->p[1] & 0x3fu) << 6) | (c->p[2] & 0x3fu);
            if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
        } else if (k == 4) {
            unsigned cp = ((ch & 0x07) << 18) | ((c->p[1] & 0x3fu) << 12);
            if (cp < 0x10000 || cp > 0x10ffff) return 0;
        }
        c->p += k;
    }
    return 0;
}

static int jc_number(jc *c) {
    const unsigned char *s = c->p;
    if (c->p < c->end && *c->p == '-') c->p++;
    if (c->p >= c->end) return 0;
    if (*c->p == '0') c->p++;
    else if (*c->p >= '1' && *c->p <= '9') while (c->p < c->end && *c->p >= '0' && *c->p <= '9') c->p++;
    else return 0;
    if (c->p < c->end && *c->p == '.') {
        c->p++;
        if (c->p >= c->end || *c->p < '0' || *c->p > '9') return 0;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9') c->p++;
    }
    if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
        c->p++;
        if (c->p < c->end && (*c->p == '+' || *c->p == '-')) c->p++;
        if (c->p >= c->end || *c->p < '0' || *c->p > '9') return 0;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9') c->p++;
    }
    return c->p > s;
}

static int jc_value(jc *c);

static int jc_container(jc *c, unsigned char open, unsigned char close, int object) {
    if (++c->depth > 64) return 0;
    c->p++;   /* open */
    (void)open;
    jc_ws(c);
    if (c->p < c->end && *c->p == close) { c->p++; c->depth--; return 1; }
    for (;;) {
        jc_ws(c);
        if (object) {
            if (!jc_string(c)) return 0;
            jc_ws(c);
            if (c->p >= c->end || *c->p != ':') return 0;
            c->p++;
            jc_ws(c);
        }
        if (!jc_value(c)) return 0;
        jc_ws(c);
        if (c->p >= c->end) return 0;
        if (*c->p == ',') { c->p++; continue; }
        if (*c->p == close) { c->p++; c->depth--; return 1; }
        return 0;
    }
}

static int jc_value(jc *c) {
    if (c->p >= c->end) return 0;
    switch (*c->p) {
    case '{': return jc_container(c, '{', '}', 1);
    case '[': return jc_container(c, '[', ']', 0);
    case '"': return jc_string(c);
    case 't': return jc_lit(c, "true");
    case 'f': return jc_lit(c, "false");
    case 'n': return jc_lit(c, "null");
    default: return jc_number(c);
    }
}

/* Whether [s, s+n) is exactly one JSON value (with surrounding space). */
static int json_valid(const char *s, size_t n) {
    jc c = { (const unsigned char *)s, (const unsigned char *)s + n, 0 };
    jc_ws(&c);
    if (!jc_value(&c)) return 0;
    jc_ws(&c);
    return c.p == c.end;
}

#endif
