/* api_events.c — GET /healthz, /api/events, /api/actors. */
#include "serve/serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVENTS_DEFAULT_LIMIT 50
#define EVENTS_MAX_LIMIT 1000
#define CSV_MAX_LIMIT 100000

vg_store *vg_api__store(const vg_server *s, vg_resp *r) {
    if (!s->pool) {
        vg_resp__error(r, 503, "no_database", "the server was started without a database (--db)");
        return NULL;
    }
    vg_store *st = vg_store_pool__get(s->pool);
    if (!st) vg_resp__error(r, 503, "database", "cannot open the database");
    return st;
}

void vg_api__release(const vg_server *s, vg_store *st) {
    if (st) vg_store_pool__put(s->pool, st);
}

const vg_country *vg_country__find(const char *a3) {
    size_t lo = 0, hi = vg_countries__count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(vg_countries__table[mid].a3, a3);
        if (!c) return &vg_countries__table[mid];
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

void vg_api__health(const vg_server *s, vg_req *req, vg_resp *r) {
    (void)req;
    vg_buf *b = &r->body;
    vg_buf_printf(b, "{\"status\":\"ok\",\"version\":\"%s\",\"dict\":%s,\"writes\":%s,\"web\":%s", VG_VERSION,
                  s->dict ? "true" : "false", s->token ? "true" : "false", s->web_root ? "true" : "false");
    if (s->pool) {
        vg_store *st = vg_store_pool__get(s->pool);
        vg_store_stats ss;
        vg_error err;
        vg_error_clear(&err);
        if (!st || vg_store_get_stats(st, &ss, &err) != VG_OK) {
            if (st) vg_api__release(s, st);
            vg_resp__error(r, 503, "database", "database unavailable: %s", err.message[0] ? err.message : "cannot open");
            return;
        }
        vg_buf_puts(b, ",\"database\":{\"backend\":");
        vg_json__str(b, vg_store_backend(st));
        vg_buf_printf(b, ",\"schema_version\":%d,\"documents\":%lld,\"events\":%lld,\"mentions\":%lld,\"from\":",
                      ss.schema_version, (long long)ss.documents, (long long)ss.events, (long long)ss.mentions);
        vg_json__date(b, ss.date_min);
        vg_buf_puts(b, ",\"to\":");
        vg_json__date(b, ss.date_max);
        vg_buf_puts(b, "}");
        vg_api__release(s, st);
    } else {
        vg_buf_puts(b, ",\"database\":null");
    }
    vg_buf_puts(b, "}\n");
    r->status = 200;
}

/* ---- /api/events ---------------------------------------------------------- */

typedef struct ev_ctx {
    vg_buf *b;
    size_t n;
} ev_ctx;

static void span_json(vg_buf *b, const char *name, const char *text) {
    vg_buf_putc(b, ',');
    vg_buf_json_str(b, name, strlen(name));
    vg_buf_putc(b, ':');
    vg_json__str(b, text && *text ? text : NULL);
}

static int put_event(const vg_stored_event *ev, void *payload) {
    ev_ctx *c = payload;
    vg_buf *b = c->b;
    if (c->n++) vg_buf_putc(b, ',');
    vg_buf_printf(b, "{\"id\":%lld", (long long)ev->id);
    vg_json__event_core(b, ev->date, ev->source, ev->target, ev->code);
    vg_buf_printf(b, ",\"root\":%d,\"quad\":%d,\"goldstein\":", ev->root, ev->quad);
    vg_json__num(b, ev->goldstein);
    vg_buf_printf(b, ",\"num_mentions\":%d,\"num_sources\":%d,\"num_articles\":%d,\"evidence\":[",
                  ev->num_mentions, ev->num_sources, ev->num_articles);
    for (size_t i = 0; i < ev->mention_count && ev->mentions; i++) {
        const vg_mention *m = &ev->mentions[i];
        if (i) vg_buf_putc(b, ',');
        vg_buf_puts(b, "{\"doc_id\":");
        vg_json__str(b, m->doc_id);
        vg_buf_puts(b, ",\"date\":");
        vg_json__date(b, m->doc_date);
        vg_buf_puts(b, ",\"publisher\":");
        vg_json__str(b, m->publisher);
        vg_buf_puts(b, ",\"url\":");
        vg_json__str(b, m->url);
        vg_buf_printf(b, ",\"sentence\":%d", m->sentence);
        span_json(b, "text", m->sentence_text);
        span_json(b, "source_text", m->source_text);
        span_json(b, "verb_text", m->verb_text);
        span_json(b, "target_text", m->target_text);
        vg_buf_putc(b, '}');
    }
    vg_buf_puts(b, "]}");
    return b->oom;
}

/* ---- CSV (format=csv) ---- */

/* One RFC 4180 field. Text that a spreadsheet would take for a formula
 * (=, +, -, @ first) gets a leading apostrophe: sentences come from the news. */
static void csv_field(vg_buf *b, const char *s, bool text) {
    if (!s) return;
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    bool formula = text && (*s == '=' || *s == '+' || *s == '-' || *s == '@');
    if (quote || formula) vg_buf_putc(b, '"');
    if (formula) vg_buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"') vg_buf_putc(b, '"');
        vg_buf_putc(b, *p);
    }
    if (quote || formula) vg_buf_putc(b, '"');
}

static int put_event_csv(const vg_stored_event *ev, void *payload) {
    ev_ctx *c = payload;
    vg_buf *b = c->b;
    c->n++;
    const vg_cameo *cm = ev->code ? vg_cameo_find(ev->code, strlen(ev->code)) : NULL;
    const vg_mention *m = ev->mention_count && ev->mentions ? &ev->mentions[0] : NULL;
    vg_buf_printf(b, "%lld,%04d-%02d-%02d,", (long long)ev->id, (int)(ev->date / 10000), (int)(ev->date / 100 % 100),
                  (int)(ev->date % 100));
    csv_field(b, ev->source, false);
    vg_buf_putc(b, ',');
    csv_field(b, ev->target, false);
    vg_buf_putc(b, ',');
    csv_field(b, ev->code, false);
    vg_buf_putc(b, ',');
    csv_field(b, cm ? cm->name : "", true);
    vg_buf_printf(b, ",%d,%d,", ev->root, ev->quad);
    vg_json__num(b, ev->goldstein);
    vg_buf_printf(b, ",%d,%d,%d,", ev->num_mentions, ev->num_sources, ev->num_articles);
    const char *cols[] = { m ? m->doc_id : NULL, m ? m->publisher : NULL, m ? m->url : NULL,
                           m ? m->sentence_text : NULL, m ? m->source_text : NULL, m ? m->verb_text : NULL,
                           m ? m->target_text : NULL };
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        if (i) vg_buf_putc(b, ',');
        csv_field(b, cols[i], true);
    }
    vg_buf_puts(b, "\r\n");
    return b->oom;
}

/* Split "USA-VEN", "USA,VEN" or "USA VEN" into two codes. */
static bool split_dyad(vg_req *req, const char *v, const char **a, const char **b) {
    size_t n = strcspn(v, "-, _");
    if (!v[n] || !n || !v[n + 1]) return false;
    *a = vg_arena_strndup(&req->arena, v, n);
    *b = v + n + 1;
    return *a != NULL;
}

/* Rebuild the query string with a new offset, for the `next` link. */
static char *next_link(vg_req *req, const char *path, size_t offset) {
    vg_buf u = VG_BUF_INIT;
    vg_buf_puts(&u, path);
    char sep = '?';
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < req->nparams; i++) {
        if (!strcmp(req->params[i].key, "offset")) continue;
        vg_buf_putc(&u, sep);
        sep = '&';
        for (int kv = 0; kv < 2; kv++) {
            const unsigned char *p = (const unsigned char *)(kv ? req->params[i].val : req->params[i].key);
            for (; *p; p++) {
                if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                    *p == '-' || *p == '_' || *p == '.' || *p == '~')
                    vg_buf_putc(&u, (char)*p);
                else {
                    vg_buf_putc(&u, '%');
                    vg_buf_putc(&u, hex[*p >> 4]);
                    vg_buf_putc(&u, hex[*p & 15]);
                }
            }
            if (!kv) vg_buf_putc(&u, '=');
        }
    }
    vg_buf_printf(&u, "%coffset=%zu", sep, offset);
    char *out = u.oom ? NULL : vg_arena_strndup(&req->arena, u.ptr, u.len);
    vg_buf_free(&u);
    return out;
}

void vg_api__events(const vg_server *s, vg_req *req, vg_resp *r) {
    vg_query q = VG_QUERY_INIT;
    long limit, offset, root, quad, minm, ev, maxm;
    const char *format = vg_http__param(req, "format");
    bool csv = format && !strcmp(format, "csv");
    if (format && *format && !csv && strcmp(format, "json")) {
        vg_resp__error(r, 400, "bad_parameter", "format must be json or csv, got '%.32s'", format);
        return;
    }
    if (!vg_param__int(req, r, "limit", 1, csv ? CSV_MAX_LIMIT : EVENTS_MAX_LIMIT,
                      csv ? CSV_MAX_LIMIT : EVENTS_DEFAULT_LIMIT, &limit) ||
        !vg_param__int(req, r, "offset", 0, 100000000, 0, &offset) ||
        !vg_param__int(req, r, "root", 0, 20, 0, &root) || !vg_param__int(req, r, "quad", 0, 4, 0, &quad) ||
        !vg_param__int(req, r, "min_mentions", 0, 1000000, 0, &minm) ||
        !vg_param__int(req, r, "evidence", 0, 100, 3, &maxm) ||
        !vg_param__date(req, r, "from", &q.date_from) || !vg_param__date(req, r, "to", &q.date_to) ||
        !vg_param__actor(req, r, "actor", &q.actor) || !vg_param__actor(req, r, "source", &q.source) ||
        !vg_param__actor(req, r, "target", &q.target))
        return;
    (void)ev;
    const char *dyad = vg_http__param(req, "dyad");
    if (dyad && *dyad) {
        if (!split_dyad(req, dyad, &q.dyad_a, &q.dyad_b)) {
            vg_resp__error(r, 400, "bad_parameter", "dyad must be two actor codes like USA-VEN, got '%.64s'", dyad);
            return;
        }
    }
    const char *code = vg_http__param(req, "code");
    if (code && *code) {
        size_t n = strlen(code);
        bool ok = n <= 4;
        for (size_t i = 0; ok && i < n; i++) ok = code[i] >= '0' && code[i] <= '9';
        if (!ok) {
            vg_resp__error(r, 400, "bad_parameter", "code must be a CAMEO code prefix (1-4 digits), got '%.64s'", code);
            return;
        }
        q.code = code;
    }
    if (q.date_from && q.date_to && q.date_from > q.date_to) {
        vg_resp__error(r, 400, "bad_parameter", "from is after to");
        return;
    }
    const char *doc = vg_http__param(req, "doc");
    if (doc && *doc) q.doc_id = doc;
    const char *order = vg_http__param(req, "order");
    if (!order || !*order || !strcmp(order, "date-desc") || !strcmp(order, "date_desc") || !strcmp(order, "-date"))
        q.order = VG_ORDER_DATE_DESC;
    else if (!strcmp(order, "date")) q.order = VG_ORDER_DATE;
    else if (!strcmp(order, "mentions")) q.order = VG_ORDER_MENTIONS_DESC;
    else {
        vg_resp__error(r, 400, "bad_parameter", "order must be date, date-desc (or -date) or mentions, got '%.64s'", order);
        return;
    }
    q.root = (int)root;
    q.quad = (int)quad;
    q.min_mentions = (int)minm;
    q.limit = (size_t)limit;
    q.offset = (size_t)offset;
    if (csv && maxm > 1) maxm = 1; /* one evidence sentence per CSV row */
    if (maxm > 0) {
        q.flags |= VG_QUERY_EVIDENCE;
        q.max_mentions = (size_t)maxm;
    }
    if (csv) {
        vg_store *st = vg_api__store(s, r);
        if (!st) return;
        vg_error err;
        vg_error_clear(&err);
        vg_buf_puts(&r->body, "id,date,source,target,code,name,root,quad,goldstein,num_mentions,num_sources,"
                              "num_articles,doc_id,publisher,url,sentence,source_text,verb_text,target_text\r\n");
        ev_ctx c = { &r->body, 0 };
        vg_status rc = vg_store_query(st, &q, put_event_csv, &c, &err);
        vg_api__release(s, st);
        if (rc != VG_OK) { vg_resp__status(r, &err); return; }
        r->status = 200;
        r->content_type = "text/csv; charset=utf-8";
        r->disposition = "attachment; filename=\"vigia-events.csv\"";
        return;
    }

    vg_store *st = vg_api__store(s, r);
    if (!st) return;
    vg_error err;
    vg_error_clear(&err);
    int64_t total = 0;
    vg_buf *b = &r->body;
    vg_status rc = vg_store_count(st, &q, &total, &err);
    if (rc == VG_OK) {
        vg_buf_puts(b, "{\"events\":[");
        ev_ctx c = { b, 0 };
        rc = vg_store_query(st, &q, put_event, &c, &err);
        if (rc == VG_OK) {
            vg_buf_printf(b, "],\"count\":%zu,\"total\":%lld,\"limit\":%ld,\"offset\":%ld,\"next\":", c.n,
                          (long long)total, limit, offset);
            if ((int64_t)(offset + (long)c.n) < total && c.n > 0) {
                char *nl = next_link(req, "/api/events", (size_t)offset + c.n);
                vg_json__str(b, nl);
                if (nl) {
                    size_t ln = strlen(nl) + 16;
                    char *h = vg_arena_alloc(&req->arena, ln);
                    if (h) { snprintf(h, ln, "<%s>; rel=\"next\"", nl); r->link = h; }
                }
            } else {
                vg_buf_puts(b, "null");
            }
            vg_buf_puts(b, "}\n");
        }
    }
    vg_api__release(s, st);
    if (rc != VG_OK) { vg_resp__status(r, &err); return; }
    r->status = 200;
}

/* ---- /api/actors ------------------------------------------------------------ */

typedef struct act_ctx {
    vg_buf *b;
    size_t n, limit;
    char seen[64][33];   /* codes already listed from the country table */
    size_t nseen;
} act_ctx;

static int put_actor(const vg_store_actor *a, void *payload) {
    act_ctx *c = payload;
    for (size_t i = 0; i < c->nseen; i++)
        if (!strcmp(c->seen[i], a->code)) return 0;
    if (c->n >= c->limit) return 1;
    vg_buf *b = c->b;
    if (c->n++) vg_buf_putc(b, ',');
    const vg_country *ct = strlen(a->code) == 3 ? vg_country__find(a->code) : NULL;
    vg_buf_puts(b, "{\"code\":");
    vg_json__str(b, a->code);
    vg_buf_puts(b, ",\"name\":");
    vg_json__str(b, ct ? ct->name : a->name);
    vg_buf_printf(b, ",\"events\":%lld,\"first\":", (long long)a->events);
    vg_json__date(b, a->first_date);
    vg_buf_puts(b, ",\"last\":");
    vg_json__date(b, a->last_date);
    vg_buf_puts(b, ",\"country\":");
    vg_json__str(b, ct ? ct->a3 : NULL);
    vg_buf_putc(b, '}');
    return 0;
}

/* ASCII case-insensitive substring test; names are UTF-8, so only ASCII folds. */
static bool contains_ci(const char *hay, const char *needle) {
    size_t n = strlen(needle);
    for (const char *h = hay; *h; h++) {
        size_t i = 0;
        while (i < n && h[i]) {
            char a = h[i], b = needle[i];
            if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
            if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
            if (a != b) break;
            i++;
        }
        if (i == n) return true;
    }
    return false;
}

void vg_api__actors(const vg_server *s, vg_req *req, vg_resp *r) {
    long limit;
    if (!vg_param__int(req, r, "limit", 1, 500, 50, &limit)) return;
    const char *q = vg_http__param(req, "q");
    if (!q) q = "";
    if (strlen(q) > 64) {
        vg_resp__error(r, 400, "bad_parameter", "q is longer than 64 bytes");
        return;
    }
    vg_store *st = vg_api__store(s, r);
    if (!st) return;
    act_ctx *c = calloc(1, sizeof *c);
    if (!c) { vg_api__release(s, st); vg_resp__error(r, 500, "nomem", "out of memory"); return; }
    c->b = &r->body;
    c->limit = (size_t)limit;
    vg_buf *b = &r->body;
    vg_buf_puts(b, "{\"query\":");
    vg_json__str(b, q);
    vg_buf_puts(b, ",\"actors\":[");
    vg_error err;
    vg_error_clear(&err);
    vg_status rc = VG_OK;
    /* Countries whose name contains q come first (when the store knows them),
     * so "venez" finds VEN even though no actor code starts with it. */
    if (strlen(q) >= 3) {
        for (size_t i = 0; i < vg_countries__count && rc == VG_OK && c->nseen < 64; i++) {
            const vg_country *ct = &vg_countries__table[i];
            if (!contains_ci(ct->name, q)) continue;
            vg_query cq = VG_QUERY_INIT;
            cq.actor = ct->a3;
            int64_t n = 0;
            rc = vg_store_count(st, &cq, &n, &err);
            if (rc == VG_OK && n > 0) {
                vg_store_actor a = { ct->a3, ct->name, n, 0, 0 };
                put_actor(&a, c);
                memcpy(c->seen[c->nseen++], ct->a3, 4);
            }
        }
    }
    if (rc == VG_OK) {
        /* Then actor codes starting with q (upper-cased). */
        char prefix[65];
        size_t n = 0;
        bool code_like = true;
        for (; q[n] && n < 64; n++) {
            char ch = q[n];
            if (ch >= 'a' && ch <= 'z') ch = (char)(ch - 32);
            if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) code_like = false;
            prefix[n] = ch;
        }
        prefix[n] = '\0';
        if (code_like) rc = vg_store_actors(st, prefix, (size_t)limit + c->nseen, put_actor, c, &err);
    }
    vg_api__release(s, st);
    size_t count = c->n;
    free(c);
    if (rc != VG_OK) { vg_resp__status(r, &err); return; }
    vg_buf_printf(b, "],\"count\":%zu}\n", count);
    r->status = 200;
}
