/* store.c — opening a store and queueing documents into batches.
 *
 * put_doc / put_events validate and copy a document into the batch arena
 * (so the caller's record and doc can be reused at once); commit.c writes a
 * whole batch in one transaction. Copies are sanitised here: invalid UTF-8
 * becomes U+FFFD and NUL bytes are dropped, because PostgreSQL rejects both
 * and one bad byte must not fail a batch. */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

#define DEFAULT_BATCH 1000
#define MAX_ACTOR_LEN 64

/* ---- small helpers shared by the module ---- */

vg_status vg_store__prepare_cached(vg_store *s, int slot, const char *sql, vg_stmt **out, vg_error *err) {
    if (!s->stmt[slot]) {
        vg_status rc = s->ops->prepare(s, sql, &s->stmt[slot], err);
        if (rc != VG_OK) return rc;
    } else {
        s->ops->reset(s->stmt[slot]);
    }
    *out = s->stmt[slot];
    return VG_OK;
}

uint64_t vg_store__prefix8(const char *p) {
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        v <<= 8;
        if (*p) v |= (unsigned char)*p++;
    }
    return v;
}

void vg_store__prefix_hi(const char *prefix, char *hi, size_t n) {
    size_t len = strlen(prefix);
    if (len >= n) len = n - 1;
    memcpy(hi, prefix, len);
    hi[len] = '\0';
    /* increment the last byte that is not 0xFF; drop the 0xFF tail */
    while (len > 0 && (unsigned char)hi[len - 1] == 0xFF) hi[--len] = '\0';
    if (len == 0) { hi[0] = '\0'; return; }
    hi[len - 1] = (char)((unsigned char)hi[len - 1] + 1);
}

int32_t vg_store__period_start(int32_t date, vg_period by) {
    int y = date / 10000, m = date / 100 % 100, d = date % 100;
    switch (by) {
    case VG_PERIOD_MONTH: return y * 10000 + m * 100 + 1;
    case VG_PERIOD_WEEK:
        if (m < 1 || m > 12 || d < 1 || d > 31) return date;
        return vg_week_start(date);
    case VG_PERIOD_DAY: default: return date;
    }
}

/* ---- open / close ---- */

static bool starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

vg_status vg_store_open(vg_store **out, const char *url, const vg_store_options *opt, vg_error *err) {
    return vg_store__open_upto(out, url, opt, 0, err);
}

vg_status vg_store__open_upto(vg_store **out, const char *url, const vg_store_options *opt, int upto,
                              vg_error *err) {
    *out = NULL;
    vg_store *s = calloc(1, sizeof *s);
    if (!s) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    vg_store_options def = VG_STORE_OPTIONS_INIT;
    s->opt = opt ? *opt : def;
    if (!s->opt.batch_docs) s->opt.batch_docs = DEFAULT_BATCH;
    vg_arena_init(&s->arena, 256 * 1024);
    if (!url || !*url) url = "vigia.db";
    snprintf(s->url, sizeof s->url, "%s", url);
    vg_status rc;
    if (starts(url, "postgresql://") || starts(url, "postgres://")) {
        rc = vg_store__pg_open(s, url, err);
    } else {
        const char *path = url;
        if (starts(path, "sqlite://")) path += 9;
        else if (starts(path, "sqlite:")) path += 7;
        if (!*path) {
            free(s);
            return vg_err_set(err, VG_ERR_ARG, NULL, 0, "empty SQLite path in store url");
        }
        rc = vg_store__sqlite_open(s, path, err);
    }
    if (rc == VG_OK) rc = vg_store__migrate(s, upto, err);
    if (rc == VG_OK && !(s->opt.flags & VG_STORE_READONLY) && !upto)
        /* one writer holds a SQLite file: its bulk load dedups in memory (bulk.c) */
        rc = !(s->opt.flags & VG_STORE_BULK) ? vg_store__bulk_finish(s, true, err)
             : !strcmp(s->ops->name, "sqlite") ? vg_store__fast_begin(s, err)
                                                : vg_store__bulk_begin(s, err);
    if (rc != VG_OK) {
        vg_store__drop(s);
        return rc;
    }
    *out = s;
    return VG_OK;
}

vg_status vg_store_close(vg_store *s, vg_error *err) {
    if (!s) return VG_OK;
    vg_status rc = VG_OK;
    if (s->n_docs) rc = vg_store_commit(s, err);
    if ((s->opt.flags & VG_STORE_BULK) && !(s->opt.flags & VG_STORE_READONLY)) {
        vg_status ri = vg_store__bulk_finish(s, false, rc == VG_OK ? err : NULL);
        if (rc == VG_OK) rc = ri;
    }
    vg_store__drop(s);
    return rc;
}

void vg_store__drop(vg_store *s) {
    for (int i = 0; i < Q__COUNT; i++)
        if (s->stmt[i]) s->ops->finalize(s->stmt[i]);
    if (s->ops) s->ops->close(s);
    vg_arena_free(&s->arena);
    vg_store__evmap_free(&s->evmap);
    free(s->fd_v);
    free(s->fd_slot);
    free(s->docs);
    free(s);
}

const char *vg_store_backend(const vg_store *s) { return s->ops->name; }
int vg_store_schema_version(const vg_store *s) { return s->schema_version; }

void vg_store_get_ingest_stats(const vg_store *s, vg_store_ingest_stats *out) { *out = s->stats; }

/* ---- copying into the batch ---- */

/* NUL-terminated sanitised copy (see file comment). NULL only for no memory. */
static char *sdup(vg_arena *a, const char *p, size_t n) {
    if (!p) n = 0;
    bool clean = true;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 0x80 || p[i] == '\0') { clean = false; break; }
    if (clean) return vg_arena_strndup(a, p ? p : "", n);
    size_t cap;
    if (!vg_mul_ok(n, 3, &cap) || !vg_add_ok(cap, 1, &cap)) return NULL;
    char *o = vg_arena_alloc(a, cap), *w = o;
    if (!o) return NULL;
    const unsigned char *u = (const unsigned char *)p;
    for (size_t i = 0; i < n;) {
        if (u[i] == 0) { i++; continue; }
        size_t l = vg_utf8_len(u + i, n - i);
        if (l) { memcpy(w, u + i, l); w += l; i += l; }
        else { memcpy(w, "\xEF\xBF\xBD", 3); w += 3; i++; }
    }
    *w = '\0';
    return o;
}

static const char *trimmed(const char *p, size_t *n) {
    while (*n && (*p == ' ' || *p == '\t')) { p++; (*n)--; }
    while (*n && (p[*n - 1] == ' ' || p[*n - 1] == '\t')) (*n)--;
    return p;
}

/* Find a string field of a record's extra JSON members (`"k":v,...`) and
 * decode it into the arena. Only simple escapes matter for names and URLs;
 * \uXXXX outside ASCII is decoded to UTF-8. */
static const char *json_skip_value(const char *p, const char *end) {
    int depth = 0;
    bool in_str = false;
    for (; p < end; p++) {
        char c = *p;
        if (in_str) {
            if (c == '\\') p++;
            else if (c == '"') { in_str = false; if (!depth) return p + 1; }
            continue;
        }
        if (c == '"') in_str = true;
        else if (c == '{' || c == '[') depth++;
        else if (c == '}' || c == ']') { if (--depth < 0) return p; if (!depth) return p + 1; }
        else if (c == ',' && !depth) return p;
    }
    return end;
}

static unsigned hexval(char c) {
    if (c >= '0' && c <= '9') return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'f') return (unsigned)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (unsigned)(c - 'A' + 10);
    return 0;
}

static char *json_string_dup(vg_arena *a, const char *p, const char *end) {
    /* p at the opening quote */
    vg_buf b = VG_BUF_INIT;
    for (p++; p < end && *p != '"'; p++) {
        if (*p != '\\') { vg_buf_putc(&b, *p); continue; }
        if (++p >= end) break;
        switch (*p) {
        case 'n': vg_buf_putc(&b, '\n'); break;
        case 't': vg_buf_putc(&b, '\t'); break;
        case 'r': vg_buf_putc(&b, '\r'); break;
        case 'b': case 'f': vg_buf_putc(&b, ' '); break;
        case 'u': {
            if (end - p < 5) { p = end; break; }
            unsigned cp = 0;
            for (int i = 1; i <= 4; i++) cp = cp * 16 + hexval(p[i]);
            p += 4;
            char u[4];
            if (cp < 0x80) vg_buf_putc(&b, (char)cp);
            else if (cp < 0x800) {
                u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3F));
                vg_buf_put(&b, u, 2);
            } else {
                u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[2] = (char)(0x80 | (cp & 0x3F));
                vg_buf_put(&b, u, 3);
            }
            break;
        }
        default: vg_buf_putc(&b, *p);
        }
    }
    char *r = b.oom ? NULL : sdup(a, b.ptr ? b.ptr : "", b.len);
    vg_buf_free(&b);
    return r;
}

static const char *extra_field(vg_arena *a, const char *extra, size_t n, const char *const *keys) {
    const char *p = extra, *end = extra + n;
    while (p && p < end) {
        while (p < end && (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')) p++;
        if (p >= end || *p != '"') return NULL;
        const char *k = p + 1, *ke = k;
        while (ke < end && *ke != '"') ke += *ke == '\\' ? 2 : 1;
        if (ke >= end) return NULL;
        p = ke + 1;
        while (p < end && (*p == ' ' || *p == ':')) p++;
        if (p >= end) return NULL;
        for (size_t i = 0; keys[i]; i++) {
            if (strlen(keys[i]) == (size_t)(ke - k) && !memcmp(keys[i], k, (size_t)(ke - k))) {
                if (*p != '"') break; /* not a string: ignore */
                char *v = json_string_dup(a, p, end);
                return v && *v ? v : NULL;
            }
        }
        p = json_skip_value(p, end);
    }
    return NULL;
}

static bool valid_code(const char *c, size_t n) {
    if (n < 2 || n > 4) return false;
    for (size_t i = 0; i < n; i++)
        if (c[i] < '0' || c[i] > '9') return false;
    return true;
}

static int quad_of_root(int root) {
    if (root >= 1 && root <= 5) return 1;
    if (root >= 6 && root <= 8) return 2;
    if (root >= 9 && root <= 13) return 3;
    if (root >= 14 && root <= 20) return 4;
    return 0;
}

static vg_status input_error(vg_error *err, const vg_record *rec, const char *fmt, const char *arg) {
    vg_err_set(err, VG_ERR_INPUT, rec->file, rec->file ? rec->line : 0, fmt, arg);
    vg_err_set_record(err, rec->id, rec->id_len);
    return VG_ERR_INPUT;
}

static bool grow_docs(vg_store *s) {
    if (s->n_docs < s->cap_docs) return true;
    size_t cap = s->cap_docs ? s->cap_docs * 3 / 2 + 1 : 256;
    st_doc **d = realloc(s->docs, cap * sizeof *d);
    if (!d) return false;
    s->docs = d;
    s->cap_docs = cap;
    return true;
}

/* FNV-1a over a field followed by a separator byte that text cannot hold
 * after sanitising (0x00), so that field boundaries are part of the hash. */
static uint64_t hmix(uint64_t h, const void *p, size_t n) {
    const unsigned char *u = p;
    for (size_t i = 0; i < n; i++) { h ^= u[i]; h *= 1099511628211ull; }
    h ^= 0; h *= 1099511628211ull;
    return h;
}
static uint64_t hstr(uint64_t h, const char *s) { return hmix(h, s ? s : "", s ? strlen(s) : 0); }

static const vg_event *array_event(const void *src, size_t i) { return &((const vg_event *)src)[i]; }

vg_status vg_store__queue(vg_store *s, const vg_record *rec, size_t n, const vg_event_source *from,
                          vg_error *err) {
    if (!rec->id || !rec->id_len) return input_error(err, rec, "%s", "record has no id");
    if (s->opt.flags & VG_STORE_READONLY)
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "store is open read-only");
    /* validate everything before copying anything: a bad record leaves no trace */
    for (size_t i = 0; i < n; i++) {
        const vg_event *e = from->event(from->src, i);
        size_t ls = e->source ? strlen(e->source) : 0, lt = e->target ? strlen(e->target) : 0;
        const char *src = e->source ? trimmed(e->source, &ls) : "";
        const char *tgt = e->target ? trimmed(e->target, &lt) : "";
        (void)src; (void)tgt;
        if (!ls) return input_error(err, rec, "%s", "event has no source actor");
        if (!lt) return input_error(err, rec, "%s", "event has no target actor");
        if (ls > MAX_ACTOR_LEN || lt > MAX_ACTOR_LEN)
            return input_error(err, rec, "%s", "actor code longer than 64 bytes");
        if (!valid_code(e->code, strnlen(e->code, sizeof e->code)))
            return input_error(err, rec, "invalid CAMEO event code '%s'", e->code);
        if (!(e->date ? e->date : rec->date))
            return input_error(err, rec, "%s", "record has no date (events need one)");
    }
    if (!grow_docs(s)) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    vg_arena *a = &s->arena;
    st_doc *d = vg_arena_calloc(a, 1, sizeof *d);
    if (!d) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    d->op = ST_PUT;
    d->key = sdup(a, rec->id, rec->id_len);
    d->date = rec->date;
    static const char *const pub_keys[] = { "publisher", "source_name", "outlet", "source", NULL };
    static const char *const url_keys[] = { "url", "link", NULL };
    if (rec->extra && rec->extra_len) {
        d->publisher = extra_field(a, rec->extra, rec->extra_len, pub_keys);
        d->url = extra_field(a, rec->extra, rec->extra_len, url_keys);
    }
    if (d->publisher) {
        d->pubkey = d->publisher;
    } else if (d->key) {
        size_t kl = strlen(d->key);
        char *pk = vg_arena_alloc(a, kl + 2);
        if (pk) { pk[0] = '#'; memcpy(pk + 1, d->key, kl + 1); }
        d->pubkey = pk;
    }
    if (!d->pubkey) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    d->file = rec->file ? vg_arena_strndup(a, rec->file, strlen(rec->file)) : NULL;
    d->line = rec->line;
    d->seq = s->seq++;
    d->men = n ? vg_arena_calloc(a, n, sizeof *d->men) : NULL;
    d->sent = n ? vg_arena_calloc(a, n, sizeof *d->sent) : NULL;
    if (!d->key || (n && (!d->men || !d->sent)))
        return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    uint64_t h = 1469598103934665603ull;
    h = hmix(h, &d->date, sizeof d->date);
    h = hstr(hstr(h, d->publisher), d->url);
    int max_sent = -1;
    for (size_t i = 0; i < n; i++) {
        const vg_event *e = from->event(from->src, i);
        st_mention *m = &d->men[i];
        size_t ls = strlen(e->source), lt = strlen(e->target);
        const char *src = trimmed(e->source, &ls), *tgt = trimmed(e->target, &lt);
        m->doc = d;
        m->date = e->date ? e->date : rec->date;
        m->source = sdup(a, src, ls);
        m->target = sdup(a, tgt, lt);
        memcpy(m->code, e->code, sizeof m->code);
        m->code[sizeof m->code - 1] = '\0';
        m->pre[2] = vg_store__prefix8(m->code);
        int root = (m->code[0] - '0') * 10 + (m->code[1] - '0');
        m->root = root;
        m->quad = quad_of_root(root);
        m->goldstein = e->goldstein;
        m->sentence = e->sentence < 0 ? 0 : e->sentence;
        m->source_text = sdup(a, e->source_text.ptr, e->source_text.len);
        m->verb_text = sdup(a, e->verb_text.ptr, e->verb_text.len);
        m->target_text = sdup(a, e->target_text.ptr, e->target_text.len);
        if (!m->source || !m->target || !m->source_text || !m->verb_text || !m->target_text)
            return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
        m->pre[0] = vg_store__prefix8(m->source);
        m->pre[1] = vg_store__prefix8(m->target);
        /* one sentence row per distinct sentence index. Events come in
         * sentence order, so a new index is above every one seen and the
         * search (quadratic on a pathological order only) is rarely needed */
        bool have = false;
        if (d->n_sent && m->sentence <= max_sent) {
            for (size_t j = d->n_sent; j-- > 0;)
                if (d->sent[j].idx == m->sentence) { have = true; break; }
        }
        if (m->sentence > max_sent) max_sent = m->sentence;
        if (!have) {
            vg_span sp = e->sentence_text;
            if (!sp.ptr && from->sentence) sp = from->sentence(from->src, (size_t)m->sentence);
            st_sentence *st = &d->sent[d->n_sent++];
            st->idx = m->sentence;
            st->text = sdup(a, sp.ptr, sp.len);
            if (!st->text) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
            h = hmix(h, &st->idx, sizeof st->idx);
            h = hstr(h, st->text);
        }
        h = hmix(h, &m->date, sizeof m->date);
        h = hstr(hstr(hstr(h, m->source), m->target), m->code);
        h = hmix(h, &m->goldstein, sizeof m->goldstein);
        h = hmix(h, &m->sentence, sizeof m->sentence);
        h = hstr(hstr(hstr(h, m->source_text), m->verb_text), m->target_text);
    }
    d->n_men = n;
    snprintf(d->hash, sizeof d->hash, "%016llx", (unsigned long long)h);
    s->docs[s->n_docs++] = d;
    if (s->n_docs >= s->opt.batch_docs) return vg_store_commit(s, err);
    return VG_OK;
}

vg_status vg_store_put_events(vg_store *s, const vg_record *rec, const vg_event *ev, size_t n,
                              vg_error *err) {
    vg_event_source from = { ev, array_event, NULL };
    return vg_store__queue(s, rec, n, &from, err);
}

vg_status vg_store_delete_doc(vg_store *s, const char *id, size_t id_len, vg_error *err) {
    if (!id || !id_len) return vg_err_set(err, VG_ERR_ARG, NULL, 0, "empty document id");
    if (s->opt.flags & VG_STORE_READONLY)
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "store is open read-only");
    if (!grow_docs(s)) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    st_doc *d = vg_arena_calloc(&s->arena, 1, sizeof *d);
    if (!d || !(d->key = sdup(&s->arena, id, id_len)))
        return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    d->op = ST_DELETE;
    d->seq = s->seq++;
    s->docs[s->n_docs++] = d;
    if (s->n_docs >= s->opt.batch_docs) return vg_store_commit(s, err);
    return VG_OK;
}
