/* buf.c — growable output buffer. Appends never fail loudly: an allocation
 * failure sets the sticky oom flag so callers check once. */
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool vg_buf_grow(vg_buf *b, size_t extra) {
    size_t need;
    if (b->oom) return false;
    if (!vg_add_ok(b->len, extra, &need) || !vg_add_ok(need, 1, &need)) { b->oom = true; return false; }
    if (need <= b->cap) return true;
    size_t cap = b->cap ? b->cap + b->cap / 2 : 256;
    if (cap < need) cap = need;
    char *p = realloc(b->ptr, cap);
    if (!p) { b->oom = true; return false; }
    b->ptr = p; b->cap = cap;
    return true;
}

void vg_buf_put(vg_buf *b, const void *p, size_t n) {
    if (!vg_buf_grow(b, n)) return;
    if (n) memcpy(b->ptr + b->len, p, n);
    b->len += n;
    b->ptr[b->len] = '\0';
}

void vg_buf_puts(vg_buf *b, const char *s) { vg_buf_put(b, s, strlen(s)); }

void vg_buf_putc(vg_buf *b, char c) {
    if (!vg_buf_grow(b, 1)) return;
    b->ptr[b->len++] = c;
    b->ptr[b->len] = '\0';
}

void vg_buf_printf(vg_buf *b, const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && vg_buf_grow(b, (size_t)n)) {
        vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void vg_buf_put_cp(vg_buf *b, unsigned long cp) {
    char u[4];
    size_t k;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) { u[0] = (char)cp; k = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3F)); k = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)); k = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); k = 4;
    }
    vg_buf_put(b, u, k);
}

int vg_hex4(const char *s) {
    int v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

int vg_json_u_escape(const char *s, size_t n, unsigned long *cp, bool *lone) {
    int v = n >= 4 ? vg_hex4(s) : -1;
    if (v < 0) return -1;
    *lone = false;
    int used = 4;
    if (v >= 0xD800 && v <= 0xDBFF) {
        int lo = n >= 10 && s[4] == '\\' && s[5] == 'u' ? vg_hex4(s + 6) : -1;
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
            used = 10;
        } else {
            *lone = true;
        }
    } else if (v >= 0xDC00 && v <= 0xDFFF) {
        *lone = true;
    }
    *cp = *lone ? 0xFFFD : v == 0 ? ' ' : (unsigned long)v;
    return used;
}

void vg_buf_json_str(vg_buf *b, const char *str, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)str;
    vg_buf_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\') i++;
        vg_buf_put(b, s + start, i - start);
        if (i >= n) break;
        unsigned c = s[i];
        if (c >= 0x80) {
            size_t len = vg_utf8_len(s + i, n - i);
            if (len) { vg_buf_put(b, s + i, len); i += len; }
            else { vg_buf_puts(b, "\xEF\xBF\xBD"); i++; }
            continue;
        }
        switch (c) {
        case '"': vg_buf_puts(b, "\\\""); break;
        case '\\': vg_buf_puts(b, "\\\\"); break;
        case '\n': vg_buf_puts(b, "\\n"); break;
        case '\r': vg_buf_puts(b, "\\r"); break;
        case '\t': vg_buf_puts(b, "\\t"); break;
        default: {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            vg_buf_put(b, e, 6);
        }
        }
        i++;
    }
    vg_buf_putc(b, '"');
}

void vg_buf_clear(vg_buf *b) {
    b->len = 0;
    if (b->ptr) b->ptr[0] = '\0';
}

void vg_buf_free(vg_buf *b) {
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->oom = false;
}
