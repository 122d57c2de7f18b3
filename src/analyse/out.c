/* out.c — writing helpers shared by the analysis writers: escaping for JSON,
 * XML and CSV, column padding for UTF-8 tables, sparklines and CCI bars.
 * Write failures are remembered in vg_out and reported once at the end, so
 * the writers stay readable. */
#include "analyse/analyse.h"

#include <math.h>
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

void vg_analyse__printf(vg_out *o, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    if (vfprintf(o->fp, fmt, ap) < 0) o->failed = 1;
    va_end(ap);
}

void vg_analyse__puts(vg_out *o, const char *s) {
    if (fputs(s, o->fp) == EOF) o->failed = 1;
}

void vg_analyse__json_str(vg_out *o, const char *s) {
    vg_buf b = VG_BUF_INIT;
    vg_buf_json_str(&b, s ? s : "", s ? strlen(s) : 0);
    if (b.oom) o->failed = 1;
    else if (b.len && fwrite(b.ptr, 1, b.len, o->fp) != b.len) o->failed = 1;
    vg_buf_free(&b);
}

void vg_analyse__xml_str(vg_out *o, const char *s) {
    for (; s && *s; s++) {
        switch (*s) {
        case '&': vg_analyse__puts(o, "&amp;"); break;
        case '<': vg_analyse__puts(o, "&lt;"); break;
        case '>': vg_analyse__puts(o, "&gt;"); break;
        case '"': vg_analyse__puts(o, "&quot;"); break;
        case '\'': vg_analyse__puts(o, "&apos;"); break;
        default:
            /* XML 1.0 forbids most control characters even when escaped. */
            if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r') continue;
            if (fputc(*s, o->fp) == EOF) o->failed = 1;
        }
    }
}

void vg_analyse__csv_str(vg_out *o, const char *s) {
    if (!s) s = "";
    if (!strpbrk(s, ",\"\n\r")) { vg_analyse__puts(o, s); return; }
    vg_analyse__puts(o, "\"");
    for (; *s; s++) {
        if (*s == '"') vg_analyse__puts(o, "\"\"");
        else if (fputc(*s, o->fp) == EOF) o->failed = 1;
    }
    vg_analyse__puts(o, "\"");
}

void vg_analyse__json_num(vg_out *o, double v) {
    if (!isfinite(v)) { vg_analyse__puts(o, "null"); return; }
    if (v == floor(v) && fabs(v) < 1e15) vg_analyse__printf(o, "%.0f", v);
    else vg_analyse__printf(o, "%.6g", v);
}

vg_status vg_analyse__out_status(vg_out *o, vg_error *err) {
    if (o->failed || ferror(o->fp)) return vg_err_set(err, VG_ERR_IO, NULL, 0, "cannot write output");
    return VG_OK;
}

static size_t utf8_len(unsigned char c) {
    return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
}

void vg_analyse__clip(char *out, size_t n, const char *s) {
    if (!n) return;
    size_t len = s ? strlen(s) : 0;
    if (len < n) { memcpy(out, s ? s : "", len + 1); return; }
    size_t keep = 0;
    while (keep < len) {
        size_t c = utf8_len((unsigned char)s[keep]);
        if (keep + c + 3 >= n) break;
        keep += c;
    }
    memcpy(out, s, keep);
    memcpy(out + keep, "...", 4);
}

size_t vg_analyse__width(const char *s) {
    size_t w = 0;
    for (; s && *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

void vg_analyse__pad(vg_out *o, const char *s, size_t w) {
    vg_analyse__puts(o, s);
    for (size_t i = vg_analyse__width(s); i < w; i++) vg_analyse__puts(o, " ");
}

/* Eight heights, U+2581..U+2588. */
static const char *const blocks[8] = { "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
                                       "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
                                       "\xe2\x96\x87", "\xe2\x96\x88" };

size_t vg_sparkline(char *buf, size_t n, const double *v, size_t count, double lo, double hi) {
    size_t len = 0;
    if (!n) return 0;
    for (size_t i = 0; i < count; i++) {
        const char *g = " ";
        if (!isnan(v[i])) {
            double t = hi > lo ? (v[i] - lo) / (hi - lo) : 0.5;
            if (t < 0) t = 0;
            if (t > 1) t = 1;
            g = blocks[(int)lround(t * 7)];
        }
        size_t gl = strlen(g);
        if (len + gl + 1 > n) break;
        memcpy(buf + len, g, gl);
        len += gl;
    }
    buf[len] = 0;
    return len;
}

void vg_analyse__cci_bar(char *out, size_t n, double cci, int events, int half) {
    /* Each side is `half` columns; a full block is one column, so |cci| = 1
     * fills one side. Left of the axis is conflict, right is cooperation. */
    size_t len = 0;
    int cells = (int)lround(fabs(cci) * half);
    if (!events) cells = 0;
    for (int side = 0; side < 2; side++) {
        for (int i = 0; i < half; i++) {
            int filled = side == 0 ? (cci < 0 && i >= half - cells) : (cci > 0 && i < cells);
            const char *g = filled ? (side == 0 ? "\xe2\x96\x93" : "\xe2\x96\x88") : " ";
            size_t gl = strlen(g);
            if (len + gl + 2 > n) break;
            memcpy(out + len, g, gl);
            len += gl;
        }
        if (side == 0 && len + 2 < n) out[len++] = events ? '|' : ':';
    }
    out[len] = 0;
}

void vg_analyse__party(const char *code, int domestic, char out[16]) {
    size_t len = code ? strlen(code) : 0;
    size_t keep = 3;
    if (len >= 3 && (domestic || !vg_analyse__is_state(code))) keep = 6;
    /* Regional organisations carry a region after IGO (IGOLAMOAS, IGOLAMCRB):
     * keep the organisation, not just the region. */
    if (len >= 9 && !domestic && !strncmp(code, "IGO", 3) &&
        (!strncmp(code + 3, "LAM", 3) || !strncmp(code + 3, "WST", 3) || !strncmp(code + 3, "EUR", 3) ||
         !strncmp(code + 3, "AFR", 3) || !strncmp(code + 3, "ASA", 3) || !strncmp(code + 3, "MEA", 3)))
        keep = 9;
    if (keep > len) keep = len;
    memcpy(out, code ? code : "", keep);
    out[keep] = 0;
}

/* Organisations the reports name often; others show their code. */
static const struct { const char *code, *name; } orgs[] = {
    { "IGOUNO", "United Nations" }, { "IGOLAMOAS", "OAS" }, { "IGOLAMCRB", "CARICOM" },
    { "IGOEUREEC", "European Union" }, { "IGOWSTNAT", "NATO" }, { "IGOLAMMRC", "Mercosur" },
};

void vg_analyse__party_label(const char *party, char *out, size_t n) {
    for (size_t i = 0; i < sizeof orgs / sizeof orgs[0]; i++)
        if (!strcmp(party, orgs[i].code)) { snprintf(out, n, "%s", orgs[i].name); return; }
    const char *name = vg_analyse__country_name(party);
    size_t len = strlen(party);
    if (!name || (len > 3 && !vg_analyse__is_state(party))) snprintf(out, n, "%s", party);
    else if (len > 3) snprintf(out, n, "%s %s", name, party + 3);
    else snprintf(out, n, "%s", name);
}
