/* json.c — a small strict JSON reader for request bodies.
 *
 * Only what POST bodies need: one object whose interesting members are
 * strings or numbers. Everything else is still parsed (so malformed JSON is
 * rejected with the byte offset) but skipped. Depth is bounded so a body of
 * nested brackets cannot exhaust the stack. */
#include "serve/serve.h"

#include <stdio.h>
#include <string.h>

typedef struct jp {
    const char *p, *end, *start;
    vg_arena *a;
    char *msg; size_t msgn;
} jp;

static bool fail(jp *j, const char *what) {
    snprintf(j->msg, j->msgn, "invalid JSON at byte %zu: %s", (size_t)(j->p - j->start), what);
    return false;
}

static void ws(jp *j) {
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')) j->p++;
}

/* Parses a string at j->p (which is '"'). With out, the decoded text goes there. */
static bool str(jp *j, vg_buf *out) {
    j->p++;
    while (j->p < j->end) {
        unsigned char c = (unsigned char)*j->p;
        if (c == '"') { j->p++; return true; }
        if (c < 0x20) return fail(j, "control character in string");
        if (c != '\\') {
            const char *s = j->p;
            while (j->p < j->end && *j->p != '"' && *j->p != '\\' && (unsigned char)*j->p >= 0x20) j->p++;
            if (out) vg_buf_put(out, s, (size_t)(j->p - s));
            continue;
        }
        if (j->end - j->p < 2) break;
        char e = j->p[1];
        j->p += 2;
        unsigned cp;
        switch (e) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u': {
            if (j->end - j->p < 4) return fail(j, "truncated \\u escape");
            unsigned long u;
            bool lone;
            int used = vg_json_u_escape(j->p, (size_t)(j->end - j->p), &u, &lone);
            if (used < 0) return fail(j, "bad \\u escape");
            j->p += used;
            cp = (unsigned)u;
            break;
        }
        default: j->p--; return fail(j, "bad escape");
        }
        if (out) vg_buf_put_cp(out, cp);
    }
    return fail(j, "unterminated string");
}

static bool value(jp *j, int depth);

static bool number(jp *j) {
    const char *s = j->p;
    if (j->p < j->end && *j->p == '-') j->p++;
    if (j->p >= j->end || *j->p < '0' || *j->p > '9') { j->p = s; return fail(j, "unexpected character"); }
    while (j->p < j->end && ((*j->p >= '0' && *j->p <= '9') || *j->p == '.' || *j->p == 'e' || *j->p == 'E' ||
                             *j->p == '+' || *j->p == '-'))
        j->p++;
    return true;
}

static bool lit(jp *j, const char *w) {
    size_t n = strlen(w);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n)) return fail(j, "unexpected character");
    j->p += n;
    return true;
}

static bool value(jp *j, int depth) {
    if (depth > 64) return fail(j, "nested too deeply");
    ws(j);
    if (j->p >= j->end) return fail(j, "unexpected end of input");
    switch (*j->p) {
    case '"': return str(j, NULL);
    case 't': return lit(j, "true");
    case 'f': return lit(j, "false");
    case 'n': return lit(j, "null");
    case '[':
        j->p++; ws(j);
        if (j->p < j->end && *j->p == ']') { j->p++; return true; }
        for (;;) {
            if (!value(j, depth + 1)) return false;
            ws(j);
            if (j->p < j->end && *j->p == ',') { j->p++; continue; }
            if (j->p < j->end && *j->p == ']') { j->p++; return true; }
            return fail(j, "expected ',' or ']'");
        }
    case '{':
        j->p++; ws(j);
        if (j->p < j->end && *j->p == '}') { j->p++; return true; }
        for (;;) {
            ws(j);
            if (j->p >= j->end || *j->p != '"') return fail(j, "expected a member name");
            if (!str(j, NULL)) return false;
            ws(j);
            if (j->p >= j->end || *j->p != ':') return fail(j, "expected ':'");
            j->p++;
            if (!value(j, depth + 1)) return false;
            ws(j);
            if (j->p < j->end && *j->p == ',') { j->p++; continue; }
            if (j->p < j->end && *j->p == '}') { j->p++; return true; }
            return fail(j, "expected ',' or '}'");
        }
    default: return number(j);
    }
}

bool vg_json__object(vg_arena *a, const char *p, size_t n, vg_json_field *fields, size_t nfields,
                     char *msg, size_t msgn) {
    jp j = { p, p + n, p, a, msg, msgn };
    for (size_t i = 0; i < nfields; i++) { fields[i].kind = VG_JSON_NONE; fields[i].str = NULL; fields[i].len = 0; }
    ws(&j);
    if (j.p >= j.end || *j.p != '{') return fail(&j, "expected an object");
    j.p++;
    ws(&j);
    bool ok = true;
    vg_buf key = VG_BUF_INIT, sv = VG_BUF_INIT;
    if (j.p < j.end && *j.p == '}') { j.p++; goto tail; }
    for (;;) {
        ws(&j);
        if (j.p >= j.end || *j.p != '"') { ok = fail(&j, "expected a member name"); break; }
        vg_buf_clear(&key);
        if (!(ok = str(&j, &key))) break;
        ws(&j);
        if (j.p >= j.end || *j.p != ':') { ok = fail(&j, "expected ':'"); break; }
        j.p++;
        ws(&j);
        vg_json_field *f = NULL;
        for (size_t i = 0; i < nfields; i++)
            if (key.ptr && !strcmp(key.ptr, fields[i].key)) f = &fields[i];
        const char *vs = j.p;
        if (f && j.p < j.end && *j.p == '"') {
            vg_buf_clear(&sv);
            if (!(ok = str(&j, &sv))) break;
            f->kind = VG_JSON_STRING;
            f->str = vg_arena_strndup(a, sv.ptr ? sv.ptr : "", sv.len);
            f->len = sv.len;
            if (!f->str) { ok = fail(&j, "out of memory"); break; }
        } else {
            if (!(ok = value(&j, 1))) break;
            if (f) {
                bool num = (*vs == '-' || (*vs >= '0' && *vs <= '9'));
                f->kind = num ? VG_JSON_NUMBER : VG_JSON_OTHER;
                f->str = vg_arena_strndup(a, vs, (size_t)(j.p - vs));
                f->len = (size_t)(j.p - vs);
            }
        }
        ws(&j);
        if (j.p < j.end && *j.p == ',') { j.p++; continue; }
        if (j.p < j.end && *j.p == '}') { j.p++; break; }
        ok = fail(&j, "expected ',' or '}'");
        break;
    }
tail:
    if (ok) {
        ws(&j);
        if (j.p != j.end) ok = fail(&j, "trailing characters after the object");
    }
    if (key.oom || sv.oom) ok = fail(&j, "out of memory");
    vg_buf_free(&key);
    vg_buf_free(&sv);
    return ok;
}
