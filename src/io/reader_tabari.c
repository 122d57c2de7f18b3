/* reader_tabari.c — TABARI records, the format of the TABARI validation
 * suite and of many older event-data text files:
 *
 *   950101  DEMO-01
 *   Arnor is about to restore full diplomatic ties with Gondor almost
 *   five years after crowds trashed its embassy.
 *   / *  ... comment, where the expected events are written
 *   \n{ ARN / GON / 064 } * /
 *
 * A record starts at a line of six digits (YYMMDD) then its id; its text
 * is the lines after it up to a blank line or the start of a comment; a
 * comment may hold gold events "{ SRC / TGT / CODE }" ("-{...}" marks one
 * TABARI was not expected to find; it is not gold). Lines starting with '#'
 * between records are comments. Two-digit years: 00-49 are 20xx, 50-99
 * 19xx. A header line after a blank line starts a record even inside a
 * comment, as comments whose closing is mistyped ("/ *" for "* /") would
 * otherwise swallow the records after them. Line based, so a file of any
 * size streams. */
#include "io.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_blank(const char *l, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (l[i] != ' ' && l[i] != '\t' && l[i] != '\r') return false;
    return true;
}

/* "YYMMDD<space>ID": the id's offset and length, or false. */
static bool header(const char *l, size_t n, size_t *id, size_t *id_len) {
    if (n < 8) return false;
    for (int i = 0; i < 6; i++)
        if (l[i] < '0' || l[i] > '9') return false;
    if (l[6] != ' ' && l[6] != '\t') return false;
    size_t i = 6;
    while (i < n && (l[i] == ' ' || l[i] == '\t')) i++;
    size_t s = i;
    while (i < n && l[i] != ' ' && l[i] != '\t' && l[i] != '\r') i++;
    if (i == s) return false;
    *id = s;
    *id_len = i - s;
    return true;
}

bool vg_io__looks_tabari(vg_io_src *s, size_t i) {
    vg_io__src_fill(s, 64 * 1024);
    const char *p = s->buf + s->pos + i, *end = s->buf + s->end;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (!is_blank(p, n) && p[0] != '#') {
            size_t a, b;
            return header(p, n, &a, &b);
        }
        if (!nl) break;
        p = nl + 1;
    }
    return false;
}

/* Gold events of one comment line, appended to r->aux as "src\0tgt\0code\0". */
static size_t gold_in(vg_reader *r, const char *l, size_t n) {
    size_t found = 0;
    for (size_t i = 0; i < n; i++) {
        if (l[i] != '{') continue;
        const char *close = memchr(l + i, '}', n - i);
        if (!close) break;
        size_t end = (size_t)(close - l);
        bool negated = i > 0 && l[i - 1] == '-';
        const char *part[3];
        size_t plen[3], np = 0;
        size_t k = i + 1;
        while (np < 3) {
            while (k < end && (l[k] == ' ' || l[k] == '\t')) k++;
            size_t s = k;
            while (k < end && l[k] != '/') k++;
            size_t e = k;
            while (e > s && (l[e - 1] == ' ' || l[e - 1] == '\t')) e--;
            part[np] = l + s;
            plen[np++] = e - s;
            if (k >= end) break;
            k++;
        }
        if (!negated && np == 3 && plen[0] && plen[1] && plen[2] && k >= end) {
            /* the code is the first word: "{ DAG / GON / 032 } 950103" */
            size_t cl = 0;
            while (cl < plen[2] && part[2][cl] != ' ') cl++;
            for (int q = 0; q < 3; q++) {
                vg_buf_put(&r->aux, part[q], q == 2 ? cl : plen[q]);
                vg_buf_putc(&r->aux, '\0');
            }
            found++;
        }
        i = end;
    }
    return found;
}

vg_status vg_io__tabari_next(vg_reader *r, vg_record *out, vg_error *err) {
    const char *line;
    size_t len, skipped = 0, ido, idl;
    long lineno;
    /* find a header */
    for (;;) {
        vg_status st = vg_io__next_line(r, &line, &len, &lineno, &skipped);
        if (st == VG_DONE) { r->done = true; return VG_DONE; }
        if (st == VG_ERR_LIMIT) {
            vg_io__skip_long_line(r);
            return vg_io__rec_error(r, err, VG_ERR_LIMIT, lineno, NULL, 0,
                                    "line longer than the max record size skipped");
        }
        if (is_blank(line, len) || line[0] == '#') { vg_io__end_line(r, len); continue; }
        if (header(line, len, &ido, &idl)) break;
        vg_io__end_line(r, len);
        return vg_io__rec_error(r, err, VG_ERR_INPUT, lineno, NULL, 0,
                                "line outside a record (a record starts with 'YYMMDD ID')");
    }
    long rec_line = lineno;
    vg_buf_clear(&r->id);
    vg_buf_put(&r->id, line + ido, idl);
    int yy = (line[0] - '0') * 10 + (line[1] - '0');
    char ymd[9];
    snprintf(ymd, sizeof ymd, "%02d%.6s", yy < 50 ? 20 : 19, line);
    int32_t date = vg_date_parse(ymd, 8);
    vg_io__end_line(r, len);

    vg_buf_clear(&r->scratch);   /* raw text, lines joined */
    vg_buf_clear(&r->aux);       /* gold strings */
    size_t ngold = 0;
    bool text_done = false, in_comment = false, too_big = false, prev_blank = false;
    for (;;) {
        vg_status st = vg_io__next_line(r, &line, &len, &lineno, &skipped);
        if (st == VG_DONE) break;
        if (st == VG_ERR_LIMIT) { too_big = true; vg_io__skip_long_line(r); continue; }
        /* The next record: leave it. A header after a blank line also ends a
         * comment whose closing is mistyped (the TABARI suite has a few). */
        if ((!in_comment || prev_blank) && header(line, len, &ido, &idl)) break;
        prev_blank = is_blank(line, len);
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t')) k++;
        if (!in_comment && len - k >= 2 && line[k] == '/' && line[k + 1] == '*') {
            in_comment = true;
            text_done = true;
        }
        if (in_comment) {
            ngold += gold_in(r, line, len);
            for (size_t i = 0; i + 1 < len; i++)
                if (line[i] == '*' && line[i + 1] == '/' && (i > k + 1 || line[k] != '/')) in_comment = false;
        } else if (is_blank(line, len)) {
            if (r->scratch.len) text_done = true;
        } else if (!text_done && !too_big) {
            size_t n = len;
            while (n > k && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r')) n--;
            if (r->scratch.len + n - k + 1 > r->max) too_big = true;
            else {
                if (r->scratch.len) vg_buf_putc(&r->scratch, ' ');
                vg_buf_put(&r->scratch, line + k, n - k);
            }
        }
        vg_io__end_line(r, len);
    }
    const char *id = r->id.ptr;
    size_t id_len = r->id.len;
    if (r->id.oom || r->scratch.oom || r->aux.oom)
        return vg_io__rec_error(r, err, VG_ERR_NOMEM, rec_line, id, id_len, "out of memory");
    if (too_big)
        return vg_io__rec_error(r, err, VG_ERR_LIMIT, rec_line, id, id_len,
                                "record longer than the max record size skipped");
    if (!r->scratch.len)
        return vg_io__rec_error(r, err, VG_ERR_INPUT, rec_line, id, id_len, "record has no text");
    if (!date) vg_io__warn(r, rec_line, id, id_len, "date \"%.6s\" not understood (want YYMMDD)", ymd + 2);
    if (vg_io__clean_text(&r->text, r->scratch.ptr, r->scratch.len))
        vg_io__warn(r, rec_line, id, id_len, "invalid UTF-8 or NUL bytes replaced");
    if (ngold > r->gold_cap) {
        vg_gold_event *g = realloc(r->gold, ngold * sizeof *g);
        if (!g) return vg_io__rec_error(r, err, VG_ERR_NOMEM, rec_line, id, id_len, "out of memory");
        r->gold = g;
        r->gold_cap = ngold;
    }
    const char *p = r->aux.ptr;
    for (size_t i = 0; i < ngold; i++) {
        r->gold[i].source = p; p += strlen(p) + 1;
        r->gold[i].target = p; p += strlen(p) + 1;
        r->gold[i].code = p; p += strlen(p) + 1;
    }
    memset(out, 0, sizeof *out);
    out->id = id; out->id_len = id_len;
    out->date = date;
    out->text = r->text.ptr ? r->text.ptr : "";
    out->text_len = r->text.len;
    out->file = r->name;
    out->line = rec_line;
    out->gold = ngold ? r->gold : NULL;
    out->gold_count = ngold;
    return VG_OK;
}
