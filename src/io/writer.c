/* writer.c — events out: JSON Lines (one event a line, Phoenix-style field
 * names plus the evidence) or TSV with a header row. Formatting goes through
 * a buffer so that threads can format into memory writers and one thread
 * writes them in order (see vigia code -j). */
#include "io.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const tsv_columns[] = {
    "id", "sentence", "date", "source", "target", "code", "root", "quad", "goldstein",
    "sentence_text", "source_text", "verb_text", "target_text", "extra"};

void vg_io__tsv_header(vg_buf *b) {
    for (size_t i = 0; i < sizeof tsv_columns / sizeof tsv_columns[0]; i++) {
        if (i) vg_buf_putc(b, '\t');
        vg_buf_puts(b, tsv_columns[i]);
    }
    vg_buf_putc(b, '\n');
}

/* A TSV field: tab, newline, carriage return and backslash escaped as \t \n
 * \r \\ so that every event stays one line of fixed columns. */
static void tsv_str(vg_buf *b, const char *s, size_t n) {
    if (!s) return;
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        const char *e = c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\\' ? "\\\\"
                      : c == '\0' ? " " : NULL;
        if (!e) continue;
        vg_io__put_utf8(b, s + start, i - start);
        vg_buf_puts(b, e);
        start = i + 1;
    }
    vg_io__put_utf8(b, s + start, n - start);
}

/* Integers and dates by hand: printf was a tenth of the coding time. */
static void put_int(vg_buf *b, long v) {
    char tmp[24];
    size_t i = sizeof tmp;
    unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
    do { tmp[--i] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) tmp[--i] = '-';
    vg_buf_put(b, tmp + i, sizeof tmp - i);
}

static void put_goldstein(vg_buf *b, double g) {
    if (!isfinite(g)) { vg_buf_puts(b, "null"); return; }
    double t = g * 10.0, r = nearbyint(t);
    if (fabs(t - r) < 1e-9 && fabs(r) < 1e15) {
        /* CAMEO weights have one decimal: -10.0, 3.4, 0.0 */
        long tenths = (long)r;
        if (tenths < 0) { vg_buf_putc(b, '-'); tenths = -tenths; }
        put_int(b, tenths / 10);
        vg_buf_putc(b, '.');
        vg_buf_putc(b, (char)('0' + tenths % 10));
    } else {
        vg_buf_printf(b, "%.6g", g);
    }
}

static void put_date(vg_buf *b, int32_t d, bool json) {
    if (d <= 0 || d > 99991231) { if (json) vg_buf_puts(b, "null"); return; }
    char s[12] = {'"', (char)('0' + d / 10000000), (char)('0' + d / 1000000 % 10), (char)('0' + d / 100000 % 10),
                  (char)('0' + d / 10000 % 10), '-', (char)('0' + d / 1000 % 10), (char)('0' + d / 100 % 10), '-',
                  (char)('0' + d / 10 % 10), (char)('0' + d % 10), '"'};
    if (json) vg_buf_put(b, s, 12);
    else vg_buf_put(b, s + 1, 10);
}

/* ,"name":"value" — name is a literal with its punctuation, e.g. ",\"source\":" */
static void json_field(vg_buf *b, const char *name_lit, size_t name_len, const char *s, size_t n) {
    vg_buf_put(b, name_lit, name_len);
    vg_buf_json_str(b, s ? s : "", s ? n : 0);
}
#define FIELD(b, lit, s, n) json_field(b, lit, sizeof lit - 1, s, n)

void vg_io__format_event(vg_buf *b, vg_format fmt, const vg_record *rec, const vg_event *ev) {
    const char *src = ev->source ? ev->source : "", *tgt = ev->target ? ev->target : "";
    size_t code_len = strnlen(ev->code, sizeof ev->code);
    if (fmt == VG_FMT_TSV) {
        tsv_str(b, rec->id, rec->id_len);
        vg_buf_putc(b, '\t');
        put_int(b, ev->sentence);
        vg_buf_putc(b, '\t');
        put_date(b, ev->date ? ev->date : rec->date, false);
        vg_buf_putc(b, '\t'); tsv_str(b, src, strlen(src));
        vg_buf_putc(b, '\t'); tsv_str(b, tgt, strlen(tgt));
        vg_buf_putc(b, '\t'); tsv_str(b, ev->code, code_len);
        vg_buf_putc(b, '\t');
        put_int(b, ev->root);
        vg_buf_putc(b, '\t');
        put_int(b, ev->quad);
        vg_buf_putc(b, '\t');
        put_goldstein(b, ev->goldstein);
        vg_buf_putc(b, '\t'); tsv_str(b, ev->sentence_text.ptr, ev->sentence_text.len);
        vg_buf_putc(b, '\t'); tsv_str(b, ev->source_text.ptr, ev->source_text.len);
        vg_buf_putc(b, '\t'); tsv_str(b, ev->verb_text.ptr, ev->verb_text.len);
        vg_buf_putc(b, '\t'); tsv_str(b, ev->target_text.ptr, ev->target_text.len);
        vg_buf_putc(b, '\t');
        if (rec->extra_len) {
            vg_buf_putc(b, '{');
            tsv_str(b, rec->extra, rec->extra_len);
            vg_buf_putc(b, '}');
        }
        vg_buf_putc(b, '\n');
        return;
    }
    vg_buf_put(b, "{\"id\":", 6);
    vg_buf_json_str(b, rec->id ? rec->id : "", rec->id ? rec->id_len : 0);
    vg_buf_put(b, ",\"sentence\":", 12);
    put_int(b, ev->sentence);
    vg_buf_put(b, ",\"date\":", 8);
    put_date(b, ev->date ? ev->date : rec->date, true);
    FIELD(b, ",\"source\":", src, strlen(src));
    FIELD(b, ",\"target\":", tgt, strlen(tgt));
    FIELD(b, ",\"code\":", ev->code, code_len);
    vg_buf_put(b, ",\"root\":", 8);
    put_int(b, ev->root);
    vg_buf_put(b, ",\"quad\":", 8);
    put_int(b, ev->quad);
    vg_buf_put(b, ",\"goldstein\":", 13);
    put_goldstein(b, ev->goldstein);
    FIELD(b, ",\"sentence_text\":", ev->sentence_text.ptr, ev->sentence_text.len);
    FIELD(b, ",\"source_text\":", ev->source_text.ptr, ev->source_text.len);
    FIELD(b, ",\"verb_text\":", ev->verb_text.ptr, ev->verb_text.len);
    FIELD(b, ",\"target_text\":", ev->target_text.ptr, ev->target_text.len);
    if (rec->extra && rec->extra_len) {
        vg_buf_putc(b, ',');
        vg_buf_put(b, rec->extra, rec->extra_len);
    }
    vg_buf_puts(b, "}\n");
}

static vg_status writer_make(vg_writer **out, FILE *fp, vg_format fmt, unsigned flags, vg_error *err) {
    *out = NULL;
    if (fmt == VG_FMT_JSONL) fmt = VG_FMT_EVENTS;
    if (fmt != VG_FMT_EVENTS && fmt != VG_FMT_TSV)
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "events are written as JSON Lines or TSV");
    vg_writer *w = calloc(1, sizeof *w);
    if (!w) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    w->fp = fp;
    w->fmt = fmt;
    w->flags = flags;
    if (fmt == VG_FMT_TSV && !(flags & VG_WRITER_NO_HEADER)) vg_io__tsv_header(&w->buf);
    *out = w;
    return VG_OK;
}

vg_status vg_io__writer_flush(vg_writer *w, vg_error *err) {
    if (w->buf.oom) {
        vg_buf_clear(&w->buf);
        w->buf.oom = false;
        return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    }
    if (!w->fp || !w->buf.len) return VG_OK;
    size_t n = fwrite(w->buf.ptr, 1, w->buf.len, w->fp);
    bool ok = n == w->buf.len;
    vg_buf_clear(&w->buf);
    if (!ok || ferror(w->fp)) return vg_err_set(err, VG_ERR_IO, NULL, 0, "write failed");
    return VG_OK;
}

vg_status vg_writer_new(vg_writer **out, FILE *fp, vg_format fmt, vg_error *err) {
    vg_status st = writer_make(out, fp, fmt, 0, err);
    if (st != VG_OK) return st;
    st = vg_io__writer_flush(*out, err);
    if (st != VG_OK) { vg_writer_free(*out); *out = NULL; }
    return st;
}

vg_status vg_writer_new_mem(vg_writer **out, vg_format fmt, unsigned flags, vg_error *err) {
    return writer_make(out, NULL, fmt, flags, err);
}

vg_status vg_writer_write_event(vg_writer *w, const vg_record *rec, const vg_event *ev, vg_error *err) {
    vg_io__format_event(&w->buf, w->fmt, rec, ev);
    w->events++;
    return vg_io__writer_flush(w, err);
}

const char *vg_writer_data(const vg_writer *w, size_t *len) {
    *len = w->buf.len;
    return w->buf.ptr ? w->buf.ptr : "";
}

void vg_writer_clear(vg_writer *w) { vg_buf_clear(&w->buf); }

size_t vg_writer_event_count(const vg_writer *w) { return w->events; }

void vg_writer_free(vg_writer *w) {
    if (!w) return;
    vg_buf_free(&w->buf);
    free(w);
}

vg_status vg_event_to_json(char **out, size_t *out_len, const vg_record *rec, const vg_event *ev) {
    vg_buf b = VG_BUF_INIT;
    vg_io__format_event(&b, VG_FMT_EVENTS, rec, ev);
    if (b.oom) { vg_buf_free(&b); *out = NULL; return VG_ERR_NOMEM; }
    b.ptr[--b.len] = '\0';  /* no newline */
    *out = b.ptr;
    if (out_len) *out_len = b.len;
    return VG_OK;
}
