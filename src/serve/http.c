/* http.c — URL decoding, query strings, parameters and error responses. */
#include "serve/serve.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *vg_http__decode(vg_arena *a, const char *s, size_t n, bool plus_space) {
    char *out = vg_arena_alloc(a, n + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= n) return NULL;
            int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
            if (h < 0 || l < 0) return NULL;
            c = (char)(h * 16 + l);
            i += 2;
        } else if (c == '+' && plus_space) {
            c = ' ';
        }
        /* A NUL inside a path or value would silently cut it short. */
        if (c == '\0') return NULL;
        out[o++] = c;
    }
    out[o] = '\0';
    return out;
}

void vg_http__parse_uri(vg_req *req) {
    const char *u = req->raw_uri ? req->raw_uri : "/";
    const char *q = strchr(u, '?');
    size_t plen = q ? (size_t)(q - u) : strlen(u);
    const char *hash = memchr(u, '#', plen);
    if (hash) plen = (size_t)(hash - u);
    req->path = vg_http__decode(&req->arena, u, plen, false);
    if (!req->path) { req->bad_uri = true; return; }
    if (!q) return;
    q++;
    size_t cap = 1;
    for (const char *p = q; *p; p++) if (*p == '&') cap++;
    if (cap > 256) { req->bad_uri = true; return; }
    req->params = vg_arena_calloc(&req->arena, cap, sizeof *req->params);
    if (!req->params) { req->bad_uri = true; return; }
    const char *p = q;
    while (*p && *p != '#') {
        const char *end = p + strcspn(p, "&#");
        const char *eq = memchr(p, '=', (size_t)(end - p));
        if (end > p) {
            const char *kend = eq ? eq : end;
            char *k = vg_http__decode(&req->arena, p, (size_t)(kend - p), true);
            char *v = eq ? vg_http__decode(&req->arena, eq + 1, (size_t)(end - eq - 1), true)
                         : vg_arena_strndup(&req->arena, "", 0);
            if (!k || !v) { req->bad_uri = true; return; }
            req->params[req->nparams].key = k;
            req->params[req->nparams].val = v;
            req->nparams++;
        }
        p = *end == '&' ? end + 1 : end;
        if (*end == '#') break;
    }
}

const char *vg_http__param(const vg_req *req, const char *key) {
    for (size_t i = req->nparams; i-- > 0;)
        if (!strcmp(req->params[i].key, key)) return req->params[i].val;
    return NULL;
}

void vg_resp__error(vg_resp *r, unsigned status, const char *code, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    vg_buf_clear(&r->body);
    r->status = status;
    r->content_type = NULL;
    vg_buf_puts(&r->body, "{\"error\":{\"code\":");
    vg_buf_json_str(&r->body, code, strlen(code));
    vg_buf_puts(&r->body, ",\"message\":");
    vg_buf_json_str(&r->body, msg, strlen(msg));
    vg_buf_puts(&r->body, "}}\n");
}

void vg_resp__status(vg_resp *r, const vg_error *err) {
    char msg[1024];
    vg_error_format(err, msg, sizeof msg);
    switch (err->code) {
    case VG_ERR_ARG: vg_resp__error(r, 400, "bad_request", "%s", msg); break;
    case VG_ERR_INPUT: vg_resp__error(r, 400, "bad_input", "%s", msg); break;
    case VG_ERR_LIMIT: vg_resp__error(r, 413, "too_large", "%s", msg); break;
    case VG_ERR_NOTFOUND: vg_resp__error(r, 404, "not_found", "%s", msg); break;
    case VG_ERR_DB: vg_resp__error(r, 503, "database", "%s", msg); break;
    default: vg_resp__error(r, 500, "internal", "%s", msg); break;
    }
}

bool vg_param__int(const vg_req *req, vg_resp *r, const char *key, long lo, long hi, long def, long *out) {
    const char *v = vg_http__param(req, key);
    *out = def;
    if (!v || !*v) return true;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || *end || end == v || x < lo || x > hi) {
        vg_resp__error(r, 400, "bad_parameter", "%s must be an integer from %ld to %ld, got '%.64s'", key,
                      lo, hi, v);
        return false;
    }
    *out = x;
    return true;
}

bool vg_param__date(const vg_req *req, vg_resp *r, const char *key, int32_t *out) {
    const char *v = vg_http__param(req, key);
    *out = 0;
    if (!v || !*v) return true;
    int32_t d = vg_date_parse(v, strlen(v));
    if (!d) {
        vg_resp__error(r, 400, "bad_parameter", "%s must be a date YYYY-MM-DD, got '%.64s'", key, v);
        return false;
    }
    *out = d;
    return true;
}

bool vg_param__actor(const vg_req *req, vg_resp *r, const char *key, const char **out) {
    const char *v = vg_http__param(req, key);
    *out = NULL;
    if (!v || !*v) return true;
    size_t n = strlen(v);
    bool ok = n <= 32;
    for (size_t i = 0; ok && i < n; i++) {
        char c = v[i];
        ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' || c == '_';
    }
    if (!ok) {
        vg_resp__error(r, 400, "bad_parameter", "%s must be a CAMEO actor code (letters and digits), got '%.64s'",
                      key, v);
        return false;
    }
    *out = v;
    return true;
}

void vg_json__date(vg_buf *b, int32_t d) {
    if (d <= 0) { vg_buf_puts(b, "null"); return; }
    vg_buf_printf(b, "\"%04d-%02d-%02d\"", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
}

void vg_json__str(vg_buf *b, const char *s) {
    if (!s) vg_buf_puts(b, "null");
    else vg_buf_json_str(b, s, strlen(s));
}

void vg_json__num(vg_buf *b, double x) {
    if (x != x || x > 1e300 || x < -1e300) { vg_buf_puts(b, "null"); return; }
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.4f", x);
    /* Trim trailing zeros so 3.0000 prints as 3 and 1.2500 as 1.25. */
    char *dot = strchr(tmp, '.');
    if (dot) {
        char *e = tmp + strlen(tmp) - 1;
        while (e > dot && *e == '0') *e-- = '\0';
        if (e == dot) *e = '\0';
    }
    if (!strcmp(tmp, "-0")) strcpy(tmp, "0");
    vg_buf_puts(b, tmp);
}

void vg_json__event_core(vg_buf *b, int32_t date, const char *source, const char *target,
                         const char *code) {
    vg_buf_puts(b, ",\"date\":");
    vg_json__date(b, date);
    vg_buf_puts(b, ",\"source\":");
    vg_json__str(b, source);
    vg_buf_puts(b, ",\"target\":");
    vg_json__str(b, target);
    vg_buf_puts(b, ",\"code\":");
    vg_json__str(b, code);
    const vg_cameo *cm = code ? vg_cameo_find(code, strlen(code)) : NULL;
    vg_buf_puts(b, ",\"name\":");
    vg_json__str(b, cm ? cm->name : NULL);
}
