/* reader.c — record streams: opening, format detection, plain text, JSON
 * Lines records and JSON Lines events. PETRARCH XML is in reader_xml.c.
 *
 * A malformed record is reported through the return value of _next (with
 * file:line and the id when it was seen) and skipped; the next call goes on
 * with the record after it. Problems that do not lose the record (invalid
 * UTF-8 replaced, a date not understood) go to opt.diag as warnings. */
#include "io.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_MAX_RECORD (64u * 1024u * 1024u)

void vg_io__warn(vg_reader *r, long line, const char *id, size_t id_len, const char *fmt, ...) {
    if (!r->opt.diag) return;
    vg_error e;
    vg_error_clear(&e);
    e.code = VG_OK;
    snprintf(e.file, sizeof e.file, "%s", r->name);
    e.line = line;
    vg_err_set_record(&e, id, id_len);
    int k = snprintf(e.message, sizeof e.message, "warning: ");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message + k, sizeof e.message - (size_t)k, fmt, ap);
    va_end(ap);
    r->opt.diag(&e, r->opt.payload);
}

bool vg_io__clean_text(vg_buf *out, const char *s, size_t n) {
    vg_buf_clear(out);
    bool changed = vg_io__put_utf8(out, s, n);
    if (out->oom) return changed;
    for (size_t i = 0; i < out->len; i++)
        if (out->ptr[i] == '\0') { out->ptr[i] = ' '; changed = true; }
    return changed;
}

vg_status vg_io__rec_error(vg_reader *r, vg_error *err, vg_status code, long line, const char *id,
                           size_t id_len, const char *fmt, ...) {
    if (!err) return code;
    vg_error_clear(err);
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", r->name);
    err->line = line;
    vg_err_set_record(err, id, id_len);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

static int32_t today(void) {
    time_t t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm)) return 0;
    return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

/* ------------------------------------------------------------------------ */
/* Format detection                                                          */
/* ------------------------------------------------------------------------ */

typedef struct keyscan { bool text, source, code, target; } keyscan;

static vg_status scan_key(const vg_json_member *m, void *ctx) {
    keyscan *k = ctx;
    if (!strcmp(m->key, "text")) k->text = true;
    else if (!strcmp(m->key, "source")) k->source = true;
    else if (!strcmp(m->key, "target")) k->target = true;
    else if (!strcmp(m->key, "code")) k->code = true;
    return VG_OK;
}

static vg_format detect(vg_reader *r) {
    vg_io_src *s = &r->src;
    size_t avail = vg_io__src_fill(s, 3);
    if (avail >= 3 && !memcmp(s->buf + s->pos, "\xEF\xBB\xBF", 3)) vg_io__src_skip(s, 3);
    for (size_t i = 0;; i++) {
        avail = s->end - s->pos;
        if (i >= avail) {
            if (s->eof || i >= 64 * 1024) return VG_FMT_TEXT;
            vg_io__src_fill(s, i + 1);
            if (i >= s->end - s->pos) return VG_FMT_TEXT;
        }
        char c = s->buf[s->pos + i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == '<') return VG_FMT_PETRXML;
        if (c == '#' || (c >= '0' && c <= '9')) return vg_io__looks_tabari(s, i) ? VG_FMT_TABARI : VG_FMT_TEXT;
        if (c != '{') return VG_FMT_TEXT;
        /* JSON Lines: records have "text"; vigia's own event output has
         * "source", "target" and "code" instead. Look at the first line. */
        /* Wait for the first line only (a live pipe may send one record
         * and wait for its events), or 64 KiB of it. */
        const char *nl;
        for (;;) {
            avail = s->end - s->pos;
            nl = memchr(s->buf + s->pos + i, '\n', avail - i);
            if (nl || s->eof || avail >= 64 * 1024 || vg_io__src_fill(s, avail + 1) <= avail) break;
        }
        const char *p = s->buf + s->pos + i;
        size_t n = s->end - s->pos - i;
        nl = memchr(p, '\n', n);
        if (nl) n = (size_t)(nl - p);
        keyscan k = {false, false, false, false};
        vg_json_result res;
        vg_json__parse_object(p, n, &r->scratch, scan_key, &k, &res);
        vg_buf_clear(&r->scratch);
        return !k.text && k.source && k.target && k.code ? VG_FMT_EVENTS : VG_FMT_JSONL;
    }
}

/* ------------------------------------------------------------------------ */
/* Opening                                                                   */
/* ------------------------------------------------------------------------ */

static vg_status reader_new(vg_reader **out, const char *name, const vg_reader_options *opt) {
    vg_reader *r = calloc(1, sizeof *r);
    if (!r) return VG_ERR_NOMEM;
    vg_reader_options def = VG_READER_OPTIONS_INIT;
    r->opt = opt ? *opt : def;
    r->max = r->opt.max_record_bytes ? r->opt.max_record_bytes : DEFAULT_MAX_RECORD;
    r->name = strdup(name);
    if (!r->name) { free(r); return VG_ERR_NOMEM; }
    *out = r;
    return VG_OK;
}

static vg_status reader_start(vg_reader *r, vg_error *err) {
    r->fmt = r->opt.format == VG_FMT_AUTO ? detect(r) : r->opt.format;
    if (r->fmt == VG_FMT_TSV)
        return vg_err_set(err, VG_ERR_ARG, r->name, 0, "TSV is an output format, not an input format");
    if (r->opt.format != VG_FMT_AUTO) {
        vg_io_src *s = &r->src;
        if (vg_io__src_fill(s, 3) >= 3 && !memcmp(s->buf + s->pos, "\xEF\xBB\xBF", 3))
            vg_io__src_skip(s, 3);
    }
    if (r->fmt == VG_FMT_PETRXML) return vg_io__xml_open(r, err);
    return VG_OK;
}

/* A reader over fd (closed by vg_reader_free when own). */
static vg_status open_fd(vg_reader **out, int fd, bool own, const char *name, const vg_reader_options *opt,
                         vg_error *err) {
    *out = NULL;
    vg_reader *r;
    if (reader_new(&r, name, opt) != VG_OK) {
        if (own) close(fd);
        return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    }
    size_t limit = r->max + 2; /* the record, its newline, and one byte to see it is too long */
    if (limit < r->max) limit = r->max;
    if (vg_io__src_open_fd(&r->src, fd, own, limit) != VG_OK) {
        vg_reader_free(r);  /* closes fd when own */
        return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    }
    vg_status st = reader_start(r, err);
    if (st == VG_OK && r->src.io_errno)
        st = vg_err_set(err, VG_ERR_IO, r->name, 0, "read failed: %s", strerror(r->src.io_errno));
    if (st != VG_OK) { vg_reader_free(r); return st; }
    *out = r;
    return VG_OK;
}

vg_status vg_reader_open(vg_reader **out, const char *path, const vg_reader_options *opt, vg_error *err) {
    *out = NULL;
    if (!path || !strcmp(path, "-")) return open_fd(out, 0, false, "stdin", opt, err);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return vg_err_set(err, VG_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    return open_fd(out, fd, true, path, opt, err);
}

vg_status vg_reader_open_fd(vg_reader **out, int fd, const char *name, const vg_reader_options *opt,
                            vg_error *err) {
    return open_fd(out, fd, false, name ? name : "fd", opt, err);
}

vg_status vg_reader_open_mem(vg_reader **out, const char *buf, size_t len, const char *name,
                             const vg_reader_options *opt, vg_error *err) {
    *out = NULL;
    vg_reader *r;
    if (reader_new(&r, name ? name : "memory", opt) != VG_OK)
        return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    vg_io__src_open_mem(&r->src, buf, len);
    vg_status st = reader_start(r, err);
    if (st != VG_OK) { vg_reader_free(r); return st; }
    *out = r;
    return VG_OK;
}

void vg_reader_free(vg_reader *r) {
    if (!r) return;
    vg_io__xml_free(r);
    vg_io__src_close(&r->src);
    vg_buf_free(&r->scratch);
    vg_buf_free(&r->text);
    vg_buf_free(&r->extra);
    vg_buf_free(&r->id);
    vg_buf_free(&r->aux);
    free(r->gold);
    for (size_t i = 0; i < r->env_n; i++) { free(r->env_names[i]); free(r->env_values[i]); }
    free(r->env_names);
    free(r->env_values);
    free(r->name);
    free(r);
}

vg_format vg_reader_format(const vg_reader *r) { return r->fmt; }

const char *vg_reader_env_get(const vg_reader *r, const char *name) {
    for (size_t i = 0; i < r->env_n; i++)
        if (!strcmp(r->env_names[i], name)) return r->env_values[i];
    return NULL;
}

int vg_reader_env_at(const vg_reader *r, size_t i, const char **name, const char **value) {
    if (i >= r->env_n) return 0;
    *name = r->env_names[i];
    *value = r->env_values[i];
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Plain text: the whole input is one article                                */
/* ------------------------------------------------------------------------ */

static const char *base_name(const char *path) {
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

/* A file named like "2025-11-04-strike.txt" or "20251104_strike.txt" is
 * dated by its name: archives are commonly laid out so. 0 if not. */
static int32_t name_date(const char *name) {
    size_t n = strlen(name);
    if (n >= 10 && name[4] == '-' && name[7] == '-' && (n == 10 || !(name[10] >= '0' && name[10] <= '9')))
        return vg_date_parse(name, 10);
    if (n >= 8 && (n == 8 || !(name[8] >= '0' && name[8] <= '9')) && name[4] != '-')
        return vg_date_parse(name, 8);
    return 0;
}

static vg_status next_text(vg_reader *r, vg_record *out, vg_error *err) {
    vg_io_src *s = &r->src;
    r->done = true;
    const char *id = r->opt.default_id ? r->opt.default_id : base_name(r->name);
    size_t id_len = strlen(id);
    size_t n = vg_io__src_fill(s, r->max + 1);
    if (s->io_errno)
        return vg_io__rec_error(r, err, VG_ERR_IO, 0, id, id_len, "read failed: %s",
                                strerror(s->io_errno));
    if (n > r->max) {
        /* Drain the rest so that a pipe writer is not left blocked. */
        while (vg_io__src_fill(s, 1)) { s->pos = s->end; }
        return vg_io__rec_error(r, err, VG_ERR_LIMIT, 1, id, id_len,
                                "article longer than %zu bytes (max record size) skipped", r->max);
    }
    memset(out, 0, sizeof *out);
    const char *text = s->buf + s->pos;
    bool dirty = memchr(text, '\0', n) || !vg_io__utf8_valid(text, n);
    if (dirty) {
        vg_io__clean_text(&r->text, text, n);
        if (r->text.oom) return vg_io__rec_error(r, err, VG_ERR_NOMEM, 1, id, id_len, "out of memory");
        vg_io__warn(r, 1, id, id_len, "invalid UTF-8 or NUL bytes replaced");
        text = r->text.ptr;
        n = r->text.len;
    }
    out->id = id; out->id_len = id_len;
    out->date = r->opt.default_date ? r->opt.default_date : name_date(base_name(r->name));
    if (!out->date) out->date = today();
    out->text = text; out->text_len = n;
    out->file = r->name; out->line = 1;
    return VG_OK;
}

/* ------------------------------------------------------------------------ */
/* JSON Lines                                                                */
/* ------------------------------------------------------------------------ */

/* The next line in the window: VG_OK with *line and *len (no newline), VG_DONE,
 * or VG_ERR_LIMIT when the line is longer than the limit (then it has been
 * skipped, and *lineno and a prefix of it are given for the message). */
vg_status vg_io__next_line(vg_reader *r, const char **line, size_t *len, long *lineno, size_t *skipped) {
    vg_io_src *s = &r->src;
    size_t scanned = 0;
    for (;;) {
        size_t avail = s->end - s->pos;
        const char *nl = memchr(s->buf + s->pos + scanned, '\n', avail - scanned);
        if (nl) {
            *line = s->buf + s->pos;
            *len = (size_t)(nl - *line);
            *lineno = s->line;
            if (*len <= r->max) return VG_OK;
            /* longer than the limit though it fits the window (memory input) */
            *skipped = *len;
            return VG_ERR_LIMIT;
        }
        scanned = avail;
        if (s->eof || avail > r->max) {
            if (avail == 0) return VG_DONE;
            *line = s->buf + s->pos;
            *len = avail;
            *lineno = s->line;
            if (avail <= r->max) return VG_OK;  /* the last line has no newline */
            /* Too long: caller reads the prefix, then we skip. */
            *skipped = avail;
            return VG_ERR_LIMIT;
        }
        if (vg_io__src_fill(s, avail + 1) <= avail && !s->eof) {
            *line = s->buf + s->pos;   /* the window cannot grow (out of memory) */
            *lineno = s->line;
            *skipped = avail;
            return VG_ERR_LIMIT;
        }
    }
}

/* Consume the line returned by next_line (and its newline). */
void vg_io__end_line(vg_reader *r, size_t len) {
    vg_io_src *s = &r->src;
    size_t n = len < s->end - s->pos && s->buf[s->pos + len] == '\n' ? len + 1 : len;
    /* The line counter only needs the newline at the end: records contain
     * none (JSON escapes them), so count it directly. */
    s->pos += n;
    if (n > len) s->line++;
}

/* Skip the rest of an over-long line, however long. */
void vg_io__skip_long_line(vg_reader *r) {
    vg_io_src *s = &r->src;
    for (;;) {
        const char *nl = memchr(s->buf + s->pos, '\n', s->end - s->pos);
        if (nl) { s->pos = (size_t)(nl - s->buf) + 1; s->line++; return; }
        s->pos = s->end;
        if (s->eof || !vg_io__src_fill(s, 1)) return;
    }
}

typedef struct rec_ctx {
    vg_reader *r;
    const char *id; size_t id_len;
    const char *text; size_t text_len; bool has_text;
    int32_t date; bool bad_date; const char *date_raw; size_t date_raw_len;
    const char *bad_type;       /* a known field with the wrong type: what it must be */
    const char *bad_field;      /*   and its name */
} rec_ctx;

static void put_extra(vg_reader *r, const vg_json_member *m) {
    if (r->extra.len) vg_buf_putc(&r->extra, ',');
    vg_buf_json_str(&r->extra, m->key, m->key_len);
    vg_buf_putc(&r->extra, ':');
    if (m->kind == VG_JSON_STRING) vg_buf_json_str(&r->extra, m->str, m->str_len);
    else vg_io__put_utf8(&r->extra, m->raw, m->raw_len);
}

static bool key_is(const vg_json_member *m, const char *k) {
    size_t n = strlen(k);
    return m->key_len == n && !memcmp(m->key, k, n);
}

static vg_status record_member(const vg_json_member *m, void *ctx) {
    rec_ctx *c = ctx;
    const vg_reader_options *o = &c->r->opt;
    if (key_is(m, o->id_field ? o->id_field : "id")) {
        if (m->kind == VG_JSON_STRING) { c->id = m->str; c->id_len = m->str_len; }
        else if (m->kind == VG_JSON_NUMBER) { c->id = m->raw; c->id_len = m->raw_len; }
        else { c->bad_type = "must be a string or a number"; c->bad_field = m->key; }
    } else if (key_is(m, o->date_field ? o->date_field : "date")) {
        if (m->kind == VG_JSON_STRING || m->kind == VG_JSON_NUMBER) {
            const char *d = m->kind == VG_JSON_STRING ? m->str : m->raw;
            size_t dl = m->kind == VG_JSON_STRING ? m->str_len : m->raw_len;
            c->date = vg_date_parse(d, dl);
            c->bad_date = c->date == 0 && dl > 0;
            c->date_raw = d; c->date_raw_len = dl;
        } else if (m->kind != VG_JSON_NULL) {
            c->bad_type = "must be a string or a number";
            c->bad_field = m->key;
        }
    } else if (key_is(m, o->text_field ? o->text_field : "text")) {
        if (m->kind == VG_JSON_STRING) { c->text = m->str; c->text_len = m->str_len; c->has_text = true; }
        else { c->bad_type = "must be a string"; c->bad_field = m->key; }
    } else {
        put_extra(c->r, m);
    }
    return VG_OK;
}

/* Remember where a malformed line was, for the message. */
static vg_status json_error(vg_reader *r, vg_error *err, long line, const char *id, size_t id_len,
                            const vg_json_result *res) {
    return vg_io__rec_error(r, err, VG_ERR_INPUT, line, id, id_len, "invalid JSON at column %zu: %s",
                            res->err_offset + 1, res->err_msg ? res->err_msg : "malformed");
}

static vg_status synth_id(vg_reader *r, long line, const char **id, size_t *id_len) {
    vg_buf_clear(&r->id);
    vg_buf_printf(&r->id, "%s:%ld", base_name(r->name), line);
    if (r->id.oom) return VG_ERR_NOMEM;
    if (!r->warned_id) {
        r->warned_id = true;
        vg_io__warn(r, line, NULL, 0, "record without \"id\": using FILE:LINE as its id "
                    "(said once per input)");
    }
    *id = r->id.ptr;
    *id_len = r->id.len;
    return VG_OK;
}

/* A line too long to hold: find the id in the part we have, for the message. */
static vg_status id_probe(const vg_json_member *m, void *ctx) {
    rec_ctx *c = ctx;
    if (key_is(m, "id") && (m->kind == VG_JSON_STRING || m->kind == VG_JSON_NUMBER)) {
        c->id = m->kind == VG_JSON_STRING ? m->str : m->raw;
        c->id_len = m->kind == VG_JSON_STRING ? m->str_len : m->raw_len;
        return VG_DONE;
    }
    return VG_OK;
}

static vg_status too_long(vg_reader *r, vg_error *err, const char *line, size_t len, long lineno) {
    rec_ctx c;
    memset(&c, 0, sizeof c);
    vg_buf_clear(&r->scratch);
    vg_json_result res;
    size_t probe = len < 4096 ? len : 4096;  /* ids come first in practice */
    vg_json__parse_object(line, probe, &r->scratch, id_probe, &c, &res);
    /* The id points into scratch, which survives the skip. */
    vg_status st = vg_io__rec_error(r, err, VG_ERR_LIMIT, lineno, c.id, c.id_len,
                                    "record longer than %zu bytes (max record size) skipped", r->max);
    vg_io__skip_long_line(r);
    return st;
}

/* A non-blank JSON line, for records and events alike. */
typedef struct json_line {
    const char *obj;   /* the object text, without a BOM, leading blanks or a CR */
    size_t n;
    size_t len;        /* what vg_io__end_line must consume */
    size_t k;          /* offset of obj in the line, for error columns */
    long lineno;
} json_line;

/* The next non-blank JSON line. VG_DONE at the end; VG_ERR_LIMIT after
 * reporting an over-long line in err. */
static vg_status next_json_line(vg_reader *r, vg_error *err, json_line *l) {
    for (;;) {
        const char *line;
        size_t skipped = 0;
        vg_status st = vg_io__next_line(r, &line, &l->len, &l->lineno, &skipped);
        if (st == VG_DONE) { r->done = true; return VG_DONE; }
        if (st == VG_ERR_LIMIT) return too_long(r, err, line, skipped, l->lineno);
        size_t m = l->len;
        if (m && line[m - 1] == '\r') m--;
        size_t i = 0;
        /* a byte-order mark inside the stream: files concatenated with cat */
        if (m >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) i = 3;
        while (i < m && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i == m) { vg_io__end_line(r, l->len); continue; }  /* blank line */
        l->obj = line + i;
        l->n = m - i;
        l->k = i;
        return VG_OK;
    }
}

/* Parse l's object with fn into ctx and consume the line. fn leaves the
 * record's id at *id, *id_len, for the messages. */
static vg_status parse_json_line(vg_reader *r, vg_error *err, const json_line *l, vg_json_member_fn fn,
                                 void *ctx, const char *const *id, const size_t *id_len,
                                 vg_json_result *res) {
    vg_buf_clear(&r->scratch);
    vg_buf_clear(&r->extra);
    vg_status st = vg_json__parse_object(l->obj, l->n, &r->scratch, fn, ctx, res);
    vg_io__end_line(r, l->len);
    /* obj stays readable: the window only moves on a fill */
    if (st == VG_ERR_NOMEM || r->extra.oom)
        return vg_io__rec_error(r, err, VG_ERR_NOMEM, l->lineno, *id, *id_len, "out of memory");
    if (st != VG_OK) {
        res->err_offset += l->k;
        return json_error(r, err, l->lineno, *id, *id_len, res);
    }
    return VG_OK;
}

static vg_status next_jsonl(vg_reader *r, vg_record *out, vg_error *err) {
    json_line l;
    vg_status st = next_json_line(r, err, &l);
    if (st != VG_OK) return st;
    long lineno = l.lineno;
    rec_ctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    vg_json_result res;
    st = parse_json_line(r, err, &l, record_member, &c, &c.id, &c.id_len, &res);
    if (st != VG_OK) return st;
    if (c.bad_type)
        return vg_io__rec_error(r, err, VG_ERR_INPUT, lineno, c.id, c.id_len, "\"%.40s\" %s", c.bad_field,
                                c.bad_type);
    if ((!c.id || !c.id_len) && synth_id(r, lineno, &c.id, &c.id_len) != VG_OK)
        return vg_io__rec_error(r, err, VG_ERR_NOMEM, lineno, NULL, 0, "out of memory");
    if (!c.has_text)
        return vg_io__rec_error(r, err, VG_ERR_INPUT, lineno, c.id, c.id_len, "record has no \"%s\" field",
                                r->opt.text_field ? r->opt.text_field : "text");
    if (res.replaced) vg_io__warn(r, lineno, c.id, c.id_len, "invalid UTF-8 replaced by U+FFFD");
    if (c.bad_date)
        vg_io__warn(r, lineno, c.id, c.id_len, "date \"%.*s\" not understood (want YYYY-MM-DD or "
                    "YYYYMMDD); coded without a date", (int)(c.date_raw_len > 40 ? 40 : c.date_raw_len),
                    c.date_raw);
    memset(out, 0, sizeof *out);
    out->id = c.id; out->id_len = c.id_len;
    out->date = c.date;
    out->text = c.text; out->text_len = c.text_len;
    out->extra = r->extra.len ? r->extra.ptr : NULL;
    out->extra_len = r->extra.len;
    out->file = r->name; out->line = lineno;
    return VG_OK;
}

vg_status vg_reader_next(vg_reader *r, vg_record *out, vg_error *err) {
    if (r->done) return VG_DONE;
    vg_status st;
    switch (r->fmt) {
    case VG_FMT_TEXT:
        /* An empty or blank input holds no article. */
        if (vg_io__src_fill(&r->src, 1) == 0 && !r->src.io_errno) { r->done = true; return VG_DONE; }
        st = next_text(r, out, err);
        break;
    case VG_FMT_JSONL: st = next_jsonl(r, out, err); break;
    case VG_FMT_PETRXML: st = vg_io__xml_next(r, out, err); break;
    case VG_FMT_TABARI: st = vg_io__tabari_next(r, out, err); break;
    case VG_FMT_EVENTS: {
        vg_event ev;
        st = vg_reader_next_event(r, &ev, out, err);
        break;
    }
    default: return vg_err_set(err, VG_ERR_ARG, r->name, 0, "not an input format");
    }
    if (r->src.io_errno && st != VG_OK) {
        int e = r->src.io_errno;
        r->src.io_errno = 0;
        r->done = true;
        return vg_io__rec_error(r, err, VG_ERR_IO, r->src.line, NULL, 0, "read failed: %s", strerror(e));
    }
    return st;
}

/* ------------------------------------------------------------------------ */
/* Events (vigia's own JSON Lines output, read back)                         */
/* ------------------------------------------------------------------------ */

typedef struct ev_ctx {
    vg_reader *r;
    vg_event *ev;
    const char *id; size_t id_len;
    bool has_source, has_target, has_code, has_root, has_quad, has_goldstein;
    const char *bad;
} ev_ctx;

static bool raw_number(const vg_json_member *m, double *out) {
    if (m->kind != VG_JSON_NUMBER || m->raw_len >= 64) return false;
    char tmp[64];
    memcpy(tmp, m->raw, m->raw_len);
    tmp[m->raw_len] = '\0';
    *out = strtod(tmp, NULL);
    return true;
}

static vg_status event_member(const vg_json_member *m, void *ctx) {
    ev_ctx *c = ctx;
    vg_event *ev = c->ev;
    double d;
    if (key_is(m, "id")) {
        if (m->kind == VG_JSON_STRING) { c->id = m->str; c->id_len = m->str_len; }
        else if (m->kind == VG_JSON_NUMBER) { c->id = m->raw; c->id_len = m->raw_len; }
        else c->bad = "\"id\" must be a string or a number";
    } else if (key_is(m, "sentence")) {
        if (raw_number(m, &d) && d >= 0 && d < 1e9) ev->sentence = (int)d;  /* (NaN fails too) */
        else c->bad = "\"sentence\" must be a number";
    } else if (key_is(m, "date")) {
        if (m->kind == VG_JSON_STRING) ev->date = vg_date_parse(m->str, m->str_len);
        else if (m->kind == VG_JSON_NUMBER) ev->date = vg_date_parse(m->raw, m->raw_len);
        else if (m->kind != VG_JSON_NULL) c->bad = "\"date\" must be a string";
        if (m->kind != VG_JSON_NULL && !ev->date && !c->bad) c->bad = "\"date\" is not a valid date";
    } else if (key_is(m, "source") || key_is(m, "target")) {
        if (m->kind != VG_JSON_STRING) { c->bad = "\"source\" and \"target\" must be strings"; return VG_OK; }
        if (m->key[0] == 's') { ev->source = m->str; c->has_source = true; }
        else { ev->target = m->str; c->has_target = true; }
    } else if (key_is(m, "code")) {
        if (m->kind != VG_JSON_STRING || m->str_len == 0 || m->str_len >= sizeof ev->code) {
            c->bad = "\"code\" must be a CAMEO code string";
            return VG_OK;
        }
        memcpy(ev->code, m->str, m->str_len + 1);
        c->has_code = true;
    } else if (key_is(m, "root")) {
        if (raw_number(m, &d) && d >= 0 && d <= 20) { ev->root = (int)d; c->has_root = true; }
        else c->bad = "\"root\" must be a number from 1 to 20";
    } else if (key_is(m, "quad")) {
        if (raw_number(m, &d) && d >= 0 && d <= 4) { ev->quad = (int)d; c->has_quad = true; }
        else c->bad = "\"quad\" must be a number from 1 to 4";
    } else if (key_is(m, "goldstein")) {
        if (raw_number(m, &d) && d >= -10.0 && d <= 10.0) { ev->goldstein = d; c->has_goldstein = true; }
        else if (m->kind != VG_JSON_NULL) c->bad = "\"goldstein\" must be a number from -10 to 10";
    } else if (key_is(m, "sentence_text") || key_is(m, "source_text") || key_is(m, "verb_text") ||
               key_is(m, "target_text")) {
        if (m->kind != VG_JSON_STRING) {
            if (m->kind != VG_JSON_NULL) c->bad = "evidence fields must be strings";
            return VG_OK;
        }
        vg_span sp = {m->str, m->str_len};
        if (key_is(m, "sentence_text")) ev->sentence_text = sp;
        else if (key_is(m, "source_text")) ev->source_text = sp;
        else if (key_is(m, "verb_text")) ev->verb_text = sp;
        else ev->target_text = sp;
    } else {
        put_extra(c->r, m);
    }
    return VG_OK;
}

vg_status vg_reader_next_event(vg_reader *r, vg_event *out, vg_record *rec, vg_error *err) {
    if (r->fmt != VG_FMT_EVENTS)
        return vg_err_set(err, VG_ERR_ARG, r->name, 0, "not an event stream");
    if (r->done) return VG_DONE;
    json_line l;
    vg_status st = next_json_line(r, err, &l);
    if (st != VG_OK) return st;
    long lineno = l.lineno;
    memset(out, 0, sizeof *out);
    ev_ctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.ev = out;
    vg_json_result res;
    st = parse_json_line(r, err, &l, event_member, &c, &c.id, &c.id_len, &res);
    if (st != VG_OK) return st;
    if (c.bad) return vg_io__rec_error(r, err, VG_ERR_INPUT, lineno, c.id, c.id_len, "%s", c.bad);
    if (c.id && !c.id_len)
        return vg_io__rec_error(r, err, VG_ERR_INPUT, lineno, NULL, 0, "event has an empty \"id\"");
    const char *missing = !c.id ? "id" : !c.has_source ? "source" : !c.has_target ? "target"
                        : !c.has_code ? "code" : NULL;
    if (missing)
        return vg_io__rec_error(r, err, VG_ERR_INPUT, lineno, c.id, c.id_len,
                                "event has no \"%s\" field", missing);
    if (!c.has_root) {
        out->root = (out->code[0] >= '0' && out->code[0] <= '9' && out->code[1] >= '0' &&
                     out->code[1] <= '9') ? (out->code[0] - '0') * 10 + (out->code[1] - '0') : 0;
        if (out->root > 20) out->root = 0;  /* not a CAMEO root: unknown */
    }
    if (!c.has_quad) out->quad = vg_quad_of_root(out->root);
    if (!c.has_goldstein) {
        const vg_cameo *cm = vg_cameo_find(out->code, strlen(out->code));
        out->goldstein = cm ? cm->goldstein : 0.0;
    }
    if (res.replaced) vg_io__warn(r, lineno, c.id, c.id_len, "invalid UTF-8 replaced by U+FFFD");
    if (rec) {
        memset(rec, 0, sizeof *rec);
        rec->id = c.id; rec->id_len = c.id_len;
        rec->date = out->date;
        rec->text = out->sentence_text.ptr; rec->text_len = out->sentence_text.len;
        rec->extra = r->extra.len ? r->extra.ptr : NULL;
        rec->extra_len = r->extra.len;
        rec->file = r->name; rec->line = lineno;
        rec->is_sentence = 1;
    }
    return VG_OK;
}
