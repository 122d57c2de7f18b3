/* api_code.c — POST /api/code (code text, store nothing) and POST
 * /api/ingest (code articles and store them; bearer token required). */
#include "serve/serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SKIPPED_LISTED 100

static int32_t today(void) {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

static bool is_json(const char *ct) {
    return ct && (!strncmp(ct, "application/json", 16) || strstr(ct, "+json"));
}

/* A span as {"text","start","end"} with byte offsets into the sentence, or
 * null when the coder gave none (offsets let a client highlight exactly). */
static void span_json(vg_buf *b, vg_span sent, vg_span sp) {
    if (!sp.ptr || !sp.len) { vg_buf_puts(b, "null"); return; }
    vg_buf_puts(b, "{\"text\":");
    vg_buf_json_str(b, sp.ptr, sp.len);
    if (sent.ptr && sp.ptr >= sent.ptr && sp.ptr + sp.len <= sent.ptr + sent.len)
        vg_buf_printf(b, ",\"start\":%zu,\"end\":%zu}", (size_t)(sp.ptr - sent.ptr),
                      (size_t)(sp.ptr - sent.ptr) + sp.len);
    else
        vg_buf_puts(b, ",\"start\":null,\"end\":null}");
}

static void event_json(vg_buf *b, const vg_event *e) {
    vg_buf_printf(b, "{\"sentence\":%d", e->sentence);
    vg_json__event_core(b, e->date, e->source, e->target, e->code);
    vg_buf_printf(b, ",\"root\":%d,\"quad\":%d,\"goldstein\":", e->root, e->quad);
    vg_json__num(b, e->goldstein);
    vg_buf_puts(b, ",\"evidence\":{\"text\":");
    if (e->sentence_text.ptr) vg_buf_json_str(b, e->sentence_text.ptr, e->sentence_text.len);
    else vg_buf_puts(b, "null");
    vg_buf_puts(b, ",\"source\":");
    span_json(b, e->sentence_text, e->source_text);
    vg_buf_puts(b, ",\"verb\":");
    span_json(b, e->sentence_text, e->verb_text);
    vg_buf_puts(b, ",\"target\":");
    span_json(b, e->sentence_text, e->target_text);
    vg_buf_puts(b, "}}");
}

void vg_api__code(const vg_server *s, vg_req *req, vg_resp *r) {
    if (!s->dict) {
        vg_resp__error(r, 503, "no_dictionary", "the server was started without dictionaries");
        return;
    }
    const char *text = NULL, *id = NULL;
    size_t text_len = 0;
    int32_t date = 0;
    const char *body = req->body.ptr ? req->body.ptr : "";
    if (is_json(req->content_type)) {
        vg_json_field f[3] = { { "text", 0, NULL, 0 }, { "date", 0, NULL, 0 }, { "id", 0, NULL, 0 } };
        char msg[160];
        if (!vg_json__object(&req->arena, body, req->body.len, f, 3, msg, sizeof msg)) {
            vg_resp__error(r, 400, "bad_json", "%s", msg);
            return;
        }
        if (f[0].kind != VG_JSON_STRING) {
            vg_resp__error(r, 400, "missing_field", "the JSON body needs a \"text\" string");
            return;
        }
        text = f[0].str;
        text_len = f[0].len;
        if (f[1].kind == VG_JSON_STRING || f[1].kind == VG_JSON_NUMBER) {
            date = vg_date_parse(f[1].str, f[1].len);
            if (!date) {
                vg_resp__error(r, 400, "bad_field", "\"date\" must be YYYY-MM-DD, got '%.40s'", f[1].str);
                return;
            }
        } else if (f[1].kind != VG_JSON_NONE && strcmp(f[1].str, "null")) {
            vg_resp__error(r, 400, "bad_field", "\"date\" must be a string YYYY-MM-DD");
            return;
        }
        if (f[2].kind == VG_JSON_STRING) id = f[2].str;
        else if (f[2].kind == VG_JSON_NUMBER) id = f[2].str;
    } else {
        text = body;
        text_len = req->body.len;
        if (!vg_param__date(req, r, "date", &date)) return;
        id = vg_http__param(req, "id");
    }
    bool blank = true;
    for (size_t i = 0; i < text_len && blank; i++)
        blank = text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t';
    if (blank) {
        vg_resp__error(r, 400, "empty_text", "no text to code: send JSON {\"text\": ...} or text/plain");
        return;
    }
    long all;
    if (!vg_param__int(req, r, "all", 0, 1, 0, &all)) return;
    if (!date) date = today();
    if (!id || !*id) id = "request";

    vg_doc *doc = NULL;
    if (vg_doc_new(&doc) != VG_OK) {
        vg_resp__error(r, 500, "nomem", "out of memory");
        return;
    }
    vg_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = id;
    rec.id_len = strlen(id);
    rec.date = date;
    rec.text = text;
    rec.text_len = text_len;
    vg_code_options co = VG_CODE_OPTIONS_INIT;
    if (all) co.flags |= VG_CODE_ALL_EVENTS;
    vg_error err;
    vg_error_clear(&err);
    vg_status rc = vg_code(doc, s->dict, &rec, &co, &err);
    if (rc != VG_OK && rc != VG_ERR_LIMIT) {
        vg_doc_free(doc);
        vg_resp__status(r, &err);
        return;
    }
    vg_buf *b = &r->body;
    vg_buf_puts(b, "{\"id\":");
    vg_json__str(b, id);
    vg_buf_puts(b, ",\"date\":");
    vg_json__date(b, date);
    size_t ns = vg_doc_sentence_count(doc), ne = vg_doc_event_count(doc);
    vg_buf_printf(b, ",\"sentences\":%zu,\"events\":[", ns);
    for (size_t i = 0; i < ne; i++) {
        if (i) vg_buf_putc(b, ',');
        event_json(b, vg_doc_event(doc, i));
    }
    vg_buf_printf(b, "],\"count\":%zu,\"warning\":", ne);
    if (rc == VG_ERR_LIMIT) vg_json__str(b, err.message);
    else vg_buf_puts(b, "null");
    vg_buf_puts(b, "}\n");
    vg_doc_free(doc);
    r->status = 200;
}

/* ---- /api/ingest ------------------------------------------------------------ */

/* Compare without leaking the position of the first difference. */
static bool token_eq(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    unsigned char d = (unsigned char)(na != nb);
    for (size_t i = 0; i < nb; i++) d |= (unsigned char)(a[i % (na ? na : 1)] ^ b[i]);
    return d == 0 && na;
}

static bool authorised(const vg_server *s, const vg_req *req, vg_resp *r) {
    if (!s->token) {
        vg_resp__error(r, 403, "writes_disabled", "write endpoints are disabled: start vigia serve with --token");
        return false;
    }
    if (!req->auth || !*req->auth) {
        vg_resp__error(r, 401, "unauthorized", "send Authorization: Bearer <token>");
        return false;
    }
    if (strncmp(req->auth, "Bearer ", 7) || !token_eq(req->auth + 7, s->token)) {
        vg_resp__error(r, 403, "forbidden", "the bearer token does not match");
        return false;
    }
    return true;
}

void vg_api__ingest(const vg_server *s, vg_req *req, vg_resp *r) {
    if (!authorised(s, req, r)) return;
    if (!s->dict) {
        vg_resp__error(r, 503, "no_dictionary", "the server was started without dictionaries");
        return;
    }
    if (!req->body.len) {
        vg_resp__error(r, 400, "empty_body", "send articles as JSON {\"id\",\"date\",\"text\"} or JSON Lines");
        return;
    }
    /* A single pretty-printed JSON object becomes one JSON Lines record: raw
     * newlines cannot occur inside JSON strings, so they are whitespace. */
    if (is_json(req->content_type))
        for (size_t i = 0; i < req->body.len; i++)
            if (req->body.ptr[i] == '\n' || req->body.ptr[i] == '\r') req->body.ptr[i] = ' ';

    vg_store *st = vg_api__store(s, r);
    if (!st) return;
    vg_error err;
    vg_error_clear(&err);
    vg_reader *rd = NULL;
    vg_reader_options ro = VG_READER_OPTIONS_INIT;
    ro.format = VG_FMT_JSONL;
    ro.max_record_bytes = s->max_body;
    vg_doc *doc = NULL;
    vg_status rc = vg_reader_open_mem(&rd, req->body.ptr, req->body.len, "request", &ro, &err);
    if (rc == VG_OK) rc = vg_doc_new(&doc);
    if (rc != VG_OK) {
        vg_reader_free(rd);
        vg_api__release(s, st);
        vg_resp__status(r, &err);
        return;
    }
    vg_store_ingest_stats before, after;
    vg_store_get_ingest_stats(st, &before);
    size_t records = 0, stored = 0, events = 0, skipped = 0;
    vg_buf sk = VG_BUF_INIT;
    for (;;) {
        vg_record rec;
        vg_error e;
        vg_error_clear(&e);
        vg_status x = vg_reader_next(rd, &rec, &e);
        if (x == VG_DONE) break;
        if (x == VG_OK) {
            records++;
            x = vg_code(doc, s->dict, &rec, NULL, &e);
            if (x == VG_OK || x == VG_ERR_LIMIT) {
                events += vg_doc_event_count(doc);
                x = vg_store_put_doc(st, &rec, doc, &e);
                if (x == VG_OK) { stored++; continue; }
                if (x == VG_ERR_DB) { err = e; rc = x; break; }
            }
            if (!e.record[0]) vg_err_set_record(&e, rec.id, rec.id_len);
        } else {
            records++;
        }
        if (x == VG_ERR_NOMEM || x == VG_ERR_IO) { err = e; rc = x; break; }
        skipped++;
        if (skipped <= MAX_SKIPPED_LISTED) {
            if (skipped > 1) vg_buf_putc(&sk, ',');
            vg_buf_printf(&sk, "{\"line\":%ld,\"record\":", e.line);
            vg_json__str(&sk, e.record[0] ? e.record : NULL);
            vg_buf_puts(&sk, ",\"message\":");
            vg_json__str(&sk, e.message);
            vg_buf_putc(&sk, '}');
        }
    }
    if (rc == VG_OK) rc = vg_store_commit(st, &err);
    vg_store_get_ingest_stats(st, &after);
    vg_doc_free(doc);
    vg_reader_free(rd);
    vg_api__release(s, st);
    if (rc != VG_OK) {
        vg_buf_free(&sk);
        vg_resp__status(r, &err);
        return;
    }
    vg_buf *b = &r->body;
    vg_buf_printf(b,
                  "{\"records\":%zu,\"stored\":%zu,\"skipped\":%zu,\"coded_events\":%zu,"
                  "\"docs_new\":%zu,\"docs_replaced\":%zu,\"docs_unchanged\":%zu,\"events_new\":%zu,"
                  "\"events_merged\":%zu,\"errors\":[%s]}\n",
                  records, stored, skipped, events, after.docs_new - before.docs_new,
                  after.docs_replaced - before.docs_replaced, after.docs_unchanged - before.docs_unchanged,
                  after.events_new - before.events_new, after.events_merged - before.events_merged,
                  sk.ptr ? sk.ptr : "");
    vg_buf_free(&sk);
    /* Nothing usable at all is the client's mistake; partial success is 200. */
    r->status = (stored == 0 && skipped > 0) ? 400 : 200;
}
