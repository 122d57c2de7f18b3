/* commit.c — writing one batch of documents in one transaction.
 *
 * Phases (each in a fixed order so that concurrent writers on PostgreSQL
 * take row locks in the same order and rarely deadlock; when they do, the
 * whole batch is replayed, as it is still queued in memory):
 *   1. documents, in lock-key order: lock the key (advisory lock), skip it
 *      when its hash is unchanged, else drop its old mentions and sentences;
 *   2. events, in dedup-key order: one upsert per distinct
 *      (source, target, date, code) of the batch. The upsert adds the batch's
 *      mention count k and returns the new total: a total of exactly k means
 *      the row was just created (a stored event always has >= 1 mention);
 *   3. sentences and mentions of each written document;
 *   4. recount, in id order, every event that existed before or lost
 *      mentions: counts come from the mentions table itself (so they are
 *      right whatever ran concurrently), and an event left with none is
 *      deleted;
 *   5. daily country-pair aggregate and actor list, from deltas gathered
 *      above, in key order.
 * If a batch fails for another reason, each document is retried alone so
 * that only the culprit is left out (and reported). */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- growable arrays of plain structs ---- */
#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vec, ok) \
    (vg_grow((void **)&(vec).v, &(vec).cap, (vec).n, sizeof *(vec).v, 64) \
         ? ((ok) = true, &(vec).v[(vec).n++]) : ((ok) = false, (void *)0))

/* Open addressing over an array's indexes (a slot holds index + 1, 0 is
 * empty), kept at most half full. Make room for entry n: when the table is
 * full enough, double it (first size `first`, a power of two) and re-enter
 * entries 0..n-1 by hash(arr, i). */
typedef uint64_t (*slot_hash_fn)(const void *arr, size_t i);

static bool slots_reserve(uint32_t **slot, size_t *cap, size_t n, size_t first, slot_hash_fn hash,
                          const void *arr) {
    if ((n + 1) * 2 <= *cap) return true;
    size_t c = *cap ? *cap * 2 : first;
    if (c > UINT32_MAX) return false;
    uint32_t *t = calloc(c, sizeof *t);
    if (!t) return false;
    for (size_t i = 0; i < n; i++) {
        size_t k = (size_t)hash(arr, i) & (c - 1);
        while (t[k]) k = (k + 1) & (c - 1);
        t[k] = (uint32_t)i + 1;
    }
    free(*slot);
    *slot = t;
    *cap = c;
    return true;
}

struct dyad_delta {
    uint64_t ab;       /* a's and b's bytes, NUL-padded: orders as (a, b) by strcmp */
    char a[4], b[4];
    int32_t day;
    int64_t events, q[5], mentions;
    double gold, coop, conf;
};
typedef struct dyad_delta dyad_delta;

/* One actor's deltas of a batch, merged as they come (add_actor). */
typedef struct actor_delta {
    const char *code;  /* arena string */
    const char *name;  /* may be NULL */
    int64_t events;
    int32_t first, last;
    uint64_t hash;
} actor_delta;

typedef struct recount {
    int64_t id;
    int64_t delta;     /* mentions added minus removed */
} recount;

typedef struct batch_ctx {
    vg_store *s;
    vg_store_ingest_stats st;
    VEC(st_mention *) men;
    VEC(recount) rc;
    VEC(dyad_delta) dyad;
    VEC(actor_delta) actor;
    uint32_t *aslot;   /* open addressing: index + 1 into actor.v, 0 = empty */
    size_t acap;       /* a power of two, > 2 * actor.n */
    VEC(const char *) pubs;
    VEC(struct ev_run) runs;
    vg_arena scratch;  /* texts returned by the database that outlive a row */
} batch_ctx;

static void country(char out[4], const char *code) {
    size_t i = 0;
    for (; i < 3 && code[i]; i++) out[i] = code[i];
    out[i] = '\0';
}

static vg_status nomem(vg_error *err) { return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory"); }

static vg_status add_dyad(batch_ctx *c, const char *src, const char *tgt, int32_t day, int64_t ev,
                          int quad, double gold, int64_t mentions, vg_error *err) {
    bool ok;
    dyad_delta *d = VEC_PUSH(c->dyad, ok);
    if (!ok) return nomem(err);
    memset(d, 0, sizeof *d);
    country(d->a, src);
    country(d->b, tgt);
    for (int i = 0; i < 3; i++)
        d->ab |= (uint64_t)(unsigned char)d->a[i] << (40 - 8 * i) | (uint64_t)(unsigned char)d->b[i] << (16 - 8 * i);
    d->day = day;
    d->events = ev;
    if (quad >= 1 && quad <= 4) d->q[quad] = ev;
    d->gold = gold * (double)ev;
    d->coop = (gold > 0 ? gold : 0) * (double)ev;
    d->conf = (gold < 0 ? -gold : 0) * (double)ev;
    d->mentions = mentions;
    return VG_OK;
}

/* Merge an actor's delta into the batch's (a batch names few actors, each
 * many times): the latest name wins, dates widen, events add up. */
static uint64_t actor_hash_at(const void *arr, size_t i) { return ((const actor_delta *)arr)[i].hash; }

static vg_status add_actor(batch_ctx *c, const char *code, const char *name, int64_t ev, int32_t date,
                           vg_error *err) {
    if (!slots_reserve(&c->aslot, &c->acap, c->actor.n, 1024, actor_hash_at, c->actor.v)) return nomem(err);
    uint64_t h = vg_hash(code, strlen(code));
    size_t k = (size_t)h & (c->acap - 1);
    for (; c->aslot[k]; k = (k + 1) & (c->acap - 1)) {
        actor_delta *d = &c->actor.v[c->aslot[k] - 1];
        if (d->hash != h || strcmp(d->code, code)) continue;
        d->events += ev;
        if (name && *name) d->name = name;
        if (ev > 0 && date < d->first) d->first = date;
        if (ev > 0 && date > d->last) d->last = date;
        return VG_OK;
    }
    bool ok;
    actor_delta *d = VEC_PUSH(c->actor, ok);
    if (!ok) return nomem(err);
    d->code = code;
    d->name = name && *name ? name : NULL;
    d->events = ev;
    d->first = ev > 0 ? date : 99999999;
    d->last = ev > 0 ? date : 0;
    d->hash = h;
    c->aslot[k] = (uint32_t)c->actor.n;
    return VG_OK;
}

/* ---- SQL (portable between SQLite >= 3.35 and PostgreSQL) ---- */

static const char *const SQL[Q__COUNT] = {
    /* Q_DOC_GET: built by lookup_docs */
    /* Q_DOC_INS, Q_DOC_INS_N: built by insert_docs */
    [Q_DOC_UPD] = "UPDATE documents SET date = ?, source = ?, url = ?, hash = ?, n_events = ?, "
                  "ingested_at = ? WHERE id = ?",
    [Q_DOC_DEL] = "DELETE FROM documents WHERE id = ?",
    [Q_MEN_DEL_DOC] = "DELETE FROM mentions WHERE doc = ? RETURNING event",
    [Q_SENT_DEL_DOC] = "DELETE FROM sentences WHERE doc = ?",
    [Q_EV_RECOUNT] =
        "UPDATE events SET "
        "num_mentions = (SELECT count(*) FROM mentions m WHERE m.event = events.id), "
        "num_articles = (SELECT count(DISTINCT m.doc) FROM mentions m WHERE m.event = events.id), "
        "num_sources = (SELECT count(DISTINCT coalesce(d.source, '#' || d.key)) FROM mentions m "
        "  JOIN documents d ON d.id = m.doc WHERE m.event = events.id) "
        "WHERE id = ? RETURNING num_mentions, date, source, target, quad, goldstein",
    [Q_EV_DEL] = "DELETE FROM events WHERE id = ?",
    [Q_SENT_INS] = "INSERT INTO sentences(doc, idx, text) VALUES (?, ?, ?)",
    [Q_MEN_INS] = "INSERT INTO mentions(event, doc, sentence, source_text, verb_text, target_text) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
    [Q_DYAD_CLEAN] = "DELETE FROM dyad_day WHERE a = ? AND b = ? AND day = ? AND events <= 0",
    [Q_ACTOR_UPSERT] =
        "INSERT INTO actors(code, name, events, first_date, last_date) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET events = actors.events + excluded.events, "
        "name = coalesce(excluded.name, actors.name), "
        "first_date = CASE WHEN excluded.first_date < actors.first_date "
        "  THEN excluded.first_date ELSE actors.first_date END, "
        "last_date = CASE WHEN excluded.last_date > actors.last_date "
        "  THEN excluded.last_date ELSE actors.last_date END",
    [Q_ACTOR_CLEAN] = "DELETE FROM actors WHERE code = ? AND events <= 0",
    /* the fast bulk path (SQLite only, bulk.c) */
    [Q_EV_GET_KEY] = "SELECT date, source, target, code FROM events WHERE id = ?",
    [Q_RECOUNT_MARK] = "INSERT OR IGNORE INTO bulk_recount(id) VALUES (?)",
};

#define PREP(slot, var) \
    do { rc = vg_store__prepare_cached(s, (slot), SQL[(slot)], &(var), err); if (rc) return rc; } while (0)

static void bind_str(const vg_store_ops *o, vg_stmt *st, int i, const char *v) {
    if (v) o->bind_text(st, i, v, strlen(v));
    else o->bind_null(st, i);
}

/* Run a statement expected to return nothing (or ignore its rows). */
static vg_status run(vg_store *s, vg_stmt *st, vg_error *err) {
    vg_status rc;
    while ((rc = s->ops->step(st, err)) == VG_OK) {}
    return rc == VG_DONE ? VG_OK : rc;
}

/* ---- phase 1 ---- */

typedef struct lock_ent { int64_t key; st_doc *doc; } lock_ent;

static int cmp_lock(const void *a, const void *b) {
    const lock_ent *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* Keys per document lookup statement: one round trip for DOC_KEYS documents. */
#define DOC_KEYS 64

static int cmp_key_doc(const void *k, const void *d) {
    return strcmp(k, (*(st_doc *const *)d)->key);
}

/* Find which documents of the batch (sorted by key) are stored, with their id
 * and whether their hash is unchanged: SELECT ... WHERE key IN (DOC_KEYS keys),
 * a short last chunk padded by repeating its last key. */
static vg_status lookup_docs(vg_store *s, st_doc **docs, size_t n, vg_error *err) {
    const vg_store_ops *o = s->ops;
    vg_status rc;
    vg_stmt *st;
    if (s->stmt[Q_DOC_GET]) {
        o->reset(s->stmt[Q_DOC_GET]);
        st = s->stmt[Q_DOC_GET];
    } else {
        vg_buf b = VG_BUF_INIT;
        vg_buf_puts(&b, "SELECT key, id, hash FROM documents WHERE key IN (");
        for (int k = 0; k < DOC_KEYS; k++) vg_buf_puts(&b, k ? ",?" : "?");
        vg_buf_putc(&b, ')');
        rc = b.oom ? nomem(err) : vg_store__prepare_cached(s, Q_DOC_GET, b.ptr, &st, err);
        vg_buf_free(&b);
        if (rc != VG_OK) return rc;
    }
    for (size_t i = 0; i < n; i++) {
        docs[i]->active = docs[i]->existed = docs[i]->same = false;
        docs[i]->id = 0;
    }
    for (size_t i = 0; i < n; i += DOC_KEYS) {
        size_t m = n - i < DOC_KEYS ? n - i : DOC_KEYS;
        for (size_t k = 0; k < DOC_KEYS; k++) {
            const char *key = docs[i + (k < m ? k : m - 1)]->key;
            o->bind_text(st, (int)k + 1, key, strlen(key));
        }
        while ((rc = o->step(st, err)) == VG_OK) {
            const char *key = o->col_text(st, 0), *h = o->col_text(st, 2);
            if (!key) continue;
            st_doc **hit = bsearch(key, docs, n, sizeof *docs, cmp_key_doc);
            if (!hit) continue;
            /* every put of that key in the batch (the last one is written) */
            while (hit > docs && !strcmp(hit[-1]->key, key)) hit--;
            for (; hit < docs + n && !strcmp((*hit)->key, key); hit++) {
                (*hit)->existed = true;
                (*hit)->id = o->col_int(st, 1);
                (*hit)->same = h && !strcmp(h, (*hit)->hash);
            }
        }
        if (rc != VG_DONE) return rc;
        o->reset(st);
    }
    return VG_OK;
}

static vg_status prepare_multi(vg_store *s, int slot, const char *head, int cols, int rows,
                               const char *tail, vg_stmt **out, vg_error *err);

static void bind_doc(const vg_store_ops *o, vg_stmt *st, int p, const st_doc *d, int64_t now) {
    bind_str(o, st, p + 1, d->key);
    o->bind_int(st, p + 2, d->date);
    bind_str(o, st, p + 3, d->publisher);
    bind_str(o, st, p + 4, d->url);
    bind_str(o, st, p + 5, d->hash);
    o->bind_int(st, p + 6, (int64_t)d->n_men);
    o->bind_int(st, p + 7, now);
}

/* Insert the batch's new documents (active, not stored before), in key
 * order, DOC_KEYS rows per statement and the rest one by one; ids come back
 * with their key (RETURNING rows have no promised order). */
static vg_status insert_docs(vg_store *s, st_doc **docs, size_t n, int64_t now, vg_error *err) {
    const vg_store_ops *o = s->ops;
    vg_status rc;
    size_t todo = 0;
    for (size_t i = 0; i < n; i++) todo += docs[i]->active && !docs[i]->existed;
    size_t i = 0;
    while (todo) {
        size_t rows = todo >= DOC_KEYS ? DOC_KEYS : 1;
        vg_stmt *st;
        rc = prepare_multi(s, rows > 1 ? Q_DOC_INS_N : Q_DOC_INS,
                           "documents(key, date, source, url, hash, n_events, ingested_at)", 7, (int)rows,
                           " RETURNING id, key", &st, err);
        if (rc != VG_OK) return rc;
        for (size_t k = 0; k < rows; i++) {
            if (!docs[i]->active || docs[i]->existed) continue;
            bind_doc(o, st, (int)k * 7, docs[i], now);
            k++;
        }
        size_t got = 0;
        while ((rc = o->step(st, err)) == VG_OK) {
            const char *key = o->col_text(st, 1);
            st_doc **hit = key ? bsearch(key, docs, n, sizeof *docs, cmp_key_doc) : NULL;
            if (!hit) continue;
            while (hit + 1 < docs + n && !strcmp(hit[1]->key, key)) hit++; /* the last put */
            (*hit)->id = o->col_int(st, 0);
            got++;
        }
        if (rc != VG_DONE) return rc;
        o->reset(st);
        if (got != rows)
            return vg_err_set(err, VG_ERR_DB, NULL, 0, "document insert returned %zu ids for %zu rows", got, rows);
        todo -= rows;
    }
    return VG_OK;
}

static vg_status phase_docs(batch_ctx *c, st_doc **docs, size_t n, vg_error *err) {
    vg_store *s = c->s;
    const vg_store_ops *o = s->ops;
    vg_status rc;
    if (o->lock_keys) {
        lock_ent *le = malloc((n ? n : 1) * sizeof *le);
        int64_t *keys = malloc((n ? n : 1) * sizeof *keys);
        if (!le || !keys) { free(le); free(keys); return nomem(err); }
        for (size_t i = 0; i < n; i++) {
            le[i].key = (int64_t)vg_hash(docs[i]->key, strlen(docs[i]->key));
            le[i].doc = docs[i];
        }
        qsort(le, n, sizeof *le, cmp_lock);
        size_t nk = 0;
        for (size_t i = 0; i < n; i++)
            if (!nk || le[i].key != keys[nk - 1]) keys[nk++] = le[i].key;
        rc = o->lock_keys(s, keys, nk, err);
        free(le);
        free(keys);
        if (rc != VG_OK) return rc;
    }
    if ((rc = lookup_docs(s, docs, n, err)) != VG_OK) return rc;
    int64_t now = (int64_t)time(NULL);
    for (size_t i = 0; i < n; i++) {
        st_doc *d = docs[i];
        if (i + 1 < n && !strcmp(d->key, docs[i + 1]->key)) continue; /* superseded in this batch */
        vg_stmt *st;
        bool same = d->same;
        if (d->op == ST_PUT && same && !(s->opt.flags & VG_STORE_FORCE)) {
            c->st.docs_unchanged++;
            continue;
        }
        if (d->existed && s->bulk_fast) {
            /* replacing needs the mention indexes: leave the fast path (bulk.c) */
            s->need_slow = true;
            return vg_err_set(err, VG_ERR_DB, NULL, 0, "fast bulk load: document %s is replaced", d->key);
        }
        if (d->existed) {
            PREP(Q_MEN_DEL_DOC, st);
            o->bind_int(st, 1, d->id);
            while ((rc = o->step(st, err)) == VG_OK) {
                bool ok;
                recount *r = VEC_PUSH(c->rc, ok);
                if (!ok) return nomem(err);
                r->id = o->col_int(st, 0);
                r->delta = -1;
            }
            if (rc != VG_DONE) return rc;
            PREP(Q_SENT_DEL_DOC, st);
            o->bind_int(st, 1, d->id);
            if ((rc = run(s, st, err)) != VG_OK) return rc;
        }
        if (d->op == ST_DELETE) {
            if (d->existed) {
                PREP(Q_DOC_DEL, st);
                o->bind_int(st, 1, d->id);
                if ((rc = run(s, st, err)) != VG_OK) return rc;
                c->st.docs_deleted++;
            }
            continue;
        }
        if (d->existed) {
            PREP(Q_DOC_UPD, st);
            o->bind_int(st, 1, d->date);
            bind_str(o, st, 2, d->publisher);
            bind_str(o, st, 3, d->url);
            bind_str(o, st, 4, d->hash);
            o->bind_int(st, 5, (int64_t)d->n_men);
            o->bind_int(st, 6, now);
            o->bind_int(st, 7, d->id);
            if ((rc = run(s, st, err)) != VG_OK) return rc;
            c->st.docs_replaced++;
        } else {
            c->st.docs_new++; /* inserted below, DOC_KEYS per statement */
        }
        d->active = true;
    }
    return insert_docs(s, docs, n, now, err);
}

/* ---- phase 2 ---- */

/* Strings compared through their first 8 bytes (st_mention.pre): only
 * codes longer than that need the rest. Orders as strcmp. */
static int cmp_pre(uint64_t a, uint64_t b, const char *x, const char *y) {
    if (a != b) return a < b ? -1 : 1;
    return (a & 0xff) ? strcmp(x + 8, y + 8) : 0;
}

static int cmp_men(const void *a, const void *b) {
    const st_mention *x = *(st_mention *const *)a, *y = *(st_mention *const *)b;
    int r = cmp_pre(x->pre[0], y->pre[0], x->source, y->source);
    if (!r) r = cmp_pre(x->pre[1], y->pre[1], x->target, y->target);
    if (!r) r = (x->date > y->date) - (x->date < y->date);
    if (!r) r = cmp_pre(x->pre[2], y->pre[2], x->code, y->code);
    if (!r) r = (x->doc->seq > y->doc->seq) - (x->doc->seq < y->doc->seq);
    return r;
}

static bool same_key(const st_mention *x, const st_mention *y) {
    return x->date == y->date && !cmp_pre(x->pre[0], y->pre[0], x->source, y->source) &&
           !cmp_pre(x->pre[1], y->pre[1], x->target, y->target) && !strcmp(x->code, y->code);
}

static const char *pub_of(const st_doc *d) { return d->pubkey; }

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Rows go in multi-row INSERTs of ROWS_PER_INSERT: per-statement overhead,
 * not the b-tree, is much of the cost of a one-row insert. */
#define ROWS_PER_INSERT 16

/* Prepare (once) "INSERT INTO <head> VALUES (?,..),(?,..)... <tail>" for rows rows. */
static vg_status prepare_multi(vg_store *s, int slot, const char *head, int cols, int rows,
                               const char *tail, vg_stmt **out, vg_error *err) {
    if (s->stmt[slot]) {
        s->ops->reset(s->stmt[slot]);
        *out = s->stmt[slot];
        return VG_OK;
    }
    vg_buf b = VG_BUF_INIT;
    vg_buf_printf(&b, "INSERT INTO %s VALUES ", head);
    for (int r = 0; r < rows; r++) {
        vg_buf_puts(&b, r ? ",(" : "(");
        for (int k = 0; k < cols; k++) vg_buf_puts(&b, k ? ",?" : "?");
        vg_buf_putc(&b, ')');
    }
    if (tail) vg_buf_puts(&b, tail);
    vg_status rc = b.oom ? nomem(err) : vg_store__prepare_cached(s, slot, b.ptr, out, err);
    vg_buf_free(&b);
    return rc;
}

typedef struct ev_run {
    size_t i, j;               /* c->men.v[i..j): mentions of one event */
    int64_t k, articles, sources;
    int64_t id, total;
    bool got;
} ev_run;

static void bind_event(const vg_store_ops *o, vg_stmt *st, int p, const ev_run *r, const st_mention *m) {
    o->bind_int(st, p + 1, m->date);
    o->bind_text(st, p + 2, m->source, strlen(m->source));
    o->bind_text(st, p + 3, m->target, strlen(m->target));
    o->bind_text(st, p + 4, m->code, strlen(m->code));
    o->bind_int(st, p + 5, m->root);
    o->bind_int(st, p + 6, m->quad);
    o->bind_double(st, p + 7, m->goldstein);
    o->bind_int(st, p + 8, r->k);
    o->bind_int(st, p + 9, r->sources);
    o->bind_int(st, p + 10, r->articles);
}

#define DYAD_HEAD "dyad_day(a, b, day, events, q1, q2, q3, q4, goldstein_sum, mentions, coop, conf)"
#define DYAD_TAIL " ON CONFLICT (a, b, day) DO UPDATE SET " \
    "coop = dyad_day.coop + excluded.coop, conf = dyad_day.conf + excluded.conf, " \
    "events = dyad_day.events + excluded.events, q1 = dyad_day.q1 + excluded.q1, " \
    "q2 = dyad_day.q2 + excluded.q2, q3 = dyad_day.q3 + excluded.q3, " \
    "q4 = dyad_day.q4 + excluded.q4, " \
    "goldstein_sum = dyad_day.goldstein_sum + excluded.goldstein_sum, " \
    "mentions = dyad_day.mentions + excluded.mentions"

#define EV_UPSERT_HEAD "events(date, source, target, code, root, quad, goldstein, num_mentions, " \
                       "num_sources, num_articles)"
#define EV_UPSERT_TAIL " ON CONFLICT (source, target, date, code) DO UPDATE SET " \
                       "num_mentions = events.num_mentions + excluded.num_mentions " \
                       "RETURNING id, num_mentions, source, target, date, code"

/* Upsert the runs [a, b) in one statement (b - a == ROWS_PER_INSERT) or one
 * by one; RETURNING rows come in no promised order, so they are matched to
 * their run by key. */
static vg_status upsert_runs(batch_ctx *c, ev_run *runs, size_t a, size_t b, vg_error *err) {
    vg_store *s = c->s;
    const vg_store_ops *o = s->ops;
    vg_status rc;
    vg_stmt *st;
    bool multi = b - a == ROWS_PER_INSERT;
    if (multi) rc = prepare_multi(s, Q_EV_UPSERT_N, EV_UPSERT_HEAD, 10, ROWS_PER_INSERT, EV_UPSERT_TAIL, &st, err);
    else rc = prepare_multi(s, Q_EV_UPSERT, EV_UPSERT_HEAD, 10, 1, EV_UPSERT_TAIL, &st, err);
    if (rc != VG_OK) return rc;
    for (size_t r = a; r < b; r++) bind_event(o, st, (int)(r - a) * 10, &runs[r], c->men.v[runs[r].i]);
    size_t got = 0;
    while ((rc = o->step(st, err)) == VG_OK) {
        const char *src = o->col_text(st, 2), *tgt = o->col_text(st, 3), *code = o->col_text(st, 5);
        int32_t date = (int32_t)o->col_int(st, 4);
        for (size_t r = a; r < b; r++) {
            const st_mention *m = c->men.v[runs[r].i];
            if (runs[r].got || m->date != date || !src || !tgt || !code || strcmp(m->source, src) ||
                strcmp(m->target, tgt) || strcmp(m->code, code))
                continue;
            runs[r].id = o->col_int(st, 0);
            runs[r].total = o->col_int(st, 1);
            runs[r].got = true;
            got++;
            break;
        }
    }
    if (rc != VG_DONE) return rc;
    o->reset(st);
    if (got != b - a) return vg_err_set(err, VG_ERR_DB, NULL, 0, "event upsert returned %zu rows for %zu events", got, b - a);
    return VG_OK;
}

/* Rows per multi-row INSERT on the fast bulk path: appends, so larger
 * statements pay off further. */
#define FAST_ROWS 64
#define EV_INS_HEAD "events(id, date, source, target, code, root, quad, goldstein, num_mentions, " \
                    "num_sources, num_articles)"

/* Fast bulk path (bulk.c): dedup against the in-memory map of stored
 * events; a new event is appended with the next id, one already stored is
 * marked for a recount at the end of the load (its new mentions point to it). */
static vg_status fast_events(batch_ctx *c, vg_error *err) {
    vg_store *s = c->s;
    const vg_store_ops *o = s->ops;
    vg_status rc;
    vg_stmt *st;
    size_t nr = c->runs.n, n_new = 0;
    for (size_t x = 0; x < nr; x++) {
        ev_run *r = &c->runs.v[x];
        const st_mention *m = c->men.v[r->i];
        uint64_t h = vg_store__evkey_hash(m->source, m->target, m->date, m->code);
        int64_t id = vg_store__evmap_get(&s->evmap, h);
        if (id) {
            /* confirm against the row: a hash collision must not merge */
            PREP(Q_EV_GET_KEY, st);
            o->bind_int(st, 1, id);
            rc = o->step(st, err);
            bool same = false;
            if (rc == VG_OK) {
                const char *src = o->col_text(st, 1), *tgt = o->col_text(st, 2), *code = o->col_text(st, 3);
                same = o->col_int(st, 0) == m->date && src && tgt && code && !strcmp(src, m->source) &&
                       !strcmp(tgt, m->target) && !strcmp(code, m->code);
            }
            o->reset(st);
            if (rc != VG_OK && rc != VG_DONE) return rc;
            if (!same) {
                s->need_slow = true;
                return vg_err_set(err, VG_ERR_DB, NULL, 0, "fast bulk load: event key hash collision");
            }
            PREP(Q_RECOUNT_MARK, st);
            o->bind_int(st, 1, id);
            if ((rc = run(s, st, err)) != VG_OK) return rc;
            r->id = id;
            r->total = r->k + 1; /* not new */
        } else {
            id = s->next_event_id++;
            if (!vg_store__evmap_put(&s->evmap, h, id)) return nomem(err);
            r->id = id;
            r->total = r->k;
            r->got = true; /* to insert */
            n_new++;
        }
    }
    /* append the new ones, FAST_ROWS per statement, the rest one by one */
    size_t x = 0;
    while (n_new) {
        size_t rows = n_new >= FAST_ROWS ? FAST_ROWS : 1;
        rc = prepare_multi(s, rows > 1 ? Q_EV_INS_FAST_N : Q_EV_INS_FAST, EV_INS_HEAD, 11, (int)rows, NULL, &st, err);
        if (rc != VG_OK) return rc;
        for (size_t k = 0; k < rows; x++) {
            const ev_run *r = &c->runs.v[x];
            if (!r->got) continue;
            o->bind_int(st, (int)k * 11 + 1, r->id);
            bind_event(o, st, (int)k * 11 + 1, r, c->men.v[r->i]);
            k++;
        }
        if ((rc = run(s, st, err)) != VG_OK) return rc;
        n_new -= rows;
    }
    return VG_OK;
}

static vg_status phase_events(batch_ctx *c, st_doc **docs, size_t n, vg_error *err) {
    vg_status rc;
    c->men.n = 0;
    for (size_t i = 0; i < n; i++) {
        if (!docs[i]->active) continue;
        for (size_t j = 0; j < docs[i]->n_men; j++) {
            bool ok;
            st_mention **m = VEC_PUSH(c->men, ok);
            if (!ok) return nomem(err);
            *m = &docs[i]->men[j];
        }
    }
    if (c->men.n > 1) qsort(c->men.v, c->men.n, sizeof *c->men.v, cmp_men);
    c->runs.n = 0;
    for (size_t i = 0; i < c->men.n;) {
        size_t j = i + 1;
        while (j < c->men.n && same_key(c->men.v[i], c->men.v[j])) j++;
        bool ok;
        ev_run *r = VEC_PUSH(c->runs, ok);
        if (!ok) return nomem(err);
        memset(r, 0, sizeof *r);
        r->i = i;
        r->j = j;
        r->k = (int64_t)(j - i);
        /* a run is ordered by document (cmp_men), so documents are counted
         * by changes; publishers by sorting their names (k can be large when
         * a batch holds many reports of one event) */
        c->pubs.n = 0;
        for (size_t x = i; x < j; x++) {
            if (x == i || c->men.v[x]->doc != c->men.v[x - 1]->doc) {
                r->articles++;
                const char **p = VEC_PUSH(c->pubs, ok);
                if (!ok) return nomem(err);
                *p = pub_of(c->men.v[x]->doc);
            }
        }
        if (c->pubs.n > 1) qsort(c->pubs.v, c->pubs.n, sizeof *c->pubs.v, cmp_str);
        for (size_t x = 0; x < c->pubs.n; x++)
            r->sources += x == 0 || strcmp(c->pubs.v[x], c->pubs.v[x - 1]) != 0;
        i = j;
    }
    size_t nr = c->runs.n;
    if (c->s->bulk_fast) {
        if ((rc = fast_events(c, err)) != VG_OK) return rc;
    } else {
        /* in key order: full chunks in multi-row statements, the rest one by one */
        size_t full = nr - nr % ROWS_PER_INSERT;
        for (size_t a = 0; a < full; a += ROWS_PER_INSERT)
            if ((rc = upsert_runs(c, c->runs.v, a, a + ROWS_PER_INSERT, err)) != VG_OK) return rc;
        for (size_t a = full; a < nr; a++)
            if ((rc = upsert_runs(c, c->runs.v, a, a + 1, err)) != VG_OK) return rc;
    }
    for (size_t x = 0; x < nr; x++) {
        ev_run *r = &c->runs.v[x];
        st_mention *m = c->men.v[r->i];
        for (size_t y = r->i; y < r->j; y++) c->men.v[y]->event_id = r->id;
        if (r->total == r->k) {
            c->st.events_new++;
            if ((rc = add_dyad(c, m->source, m->target, m->date, 1, m->quad, m->goldstein, r->k, err))) return rc;
            if ((rc = add_actor(c, m->source, m->source_text, 1, m->date, err))) return rc;
            if (strcmp(m->source, m->target) &&
                (rc = add_actor(c, m->target, m->target_text, 1, m->date, err))) return rc;
        } else {
            c->st.events_merged += (size_t)r->k;
            if (c->s->bulk_fast) {
                /* marked in bulk_recount instead; it gains exactly k mentions
                 * (the fast path only adds documents) */
                if ((rc = add_dyad(c, m->source, m->target, m->date, 0, m->quad, 0, r->k, err))) return rc;
                continue;
            }
            bool ok;
            recount *rr = VEC_PUSH(c->rc, ok);
            if (!ok) return nomem(err);
            rr->id = r->id;
            rr->delta = r->k;
        }
    }
    return VG_OK;
}

/* ---- phase 3 ---- */

static vg_status phase_mentions(batch_ctx *c, st_doc **docs, size_t n, vg_error *err) {
    vg_store *s = c->s;
    const vg_store_ops *o = s->ops;
    vg_status rc;
    vg_stmt *st;
    /* sentences, then mentions, each in chunks */
    for (int table = 0; table < 2; table++) {
        int cols = table ? 6 : 3;
        int multi = 0;
        for (size_t i = 0; i < n; i++) {
            st_doc *d = docs[i];
            if (!d->active) continue;
            size_t rows = table ? d->n_men : d->n_sent;
            for (size_t j = 0; j < rows; j++) {
                /* fill a multi-row statement, run it when full; the rows
                 * left over at the end are written one by one below */
                if (multi == 0) {
                    rc = table ? prepare_multi(s, Q_MEN_INS_N,
                                               "mentions(event, doc, sentence, source_text, "
                                               "verb_text, target_text)", 6, ROWS_PER_INSERT, NULL,
                                               &st, err)
                               : prepare_multi(s, Q_SENT_INS_N, "sentences(doc, idx, text)", 3,
                                               ROWS_PER_INSERT, NULL, &st, err);
                    if (rc != VG_OK) return rc;
                }
                int p = multi * cols;
                if (table) {
                    const st_mention *m = &d->men[j];
                    o->bind_int(st, p + 1, m->event_id);
                    o->bind_int(st, p + 2, d->id);
                    o->bind_int(st, p + 3, m->sentence);
                    o->bind_text(st, p + 4, m->source_text, strlen(m->source_text));
                    o->bind_text(st, p + 5, m->verb_text, strlen(m->verb_text));
                    o->bind_text(st, p + 6, m->target_text, strlen(m->target_text));
                } else {
                    o->bind_int(st, p + 1, d->id);
                    o->bind_int(st, p + 2, d->sent[j].idx);
                    o->bind_text(st, p + 3, d->sent[j].text, strlen(d->sent[j].text));
                }
                if (++multi == ROWS_PER_INSERT) {
                    if ((rc = run(s, st, err)) != VG_OK) return rc;
                    multi = 0;
                }
            }
        }
        if (multi == 0) continue;
        /* the last, partial chunk: one row at a time, in the same order.
         * They are the last `multi` rows: find where they start. */
        o->reset(st);
        size_t left = (size_t)multi, i0 = n, j0 = 0;
        while (left && i0 > 0) {
            st_doc *d = docs[--i0];
            if (!d->active) continue;
            size_t rows = table ? d->n_men : d->n_sent;
            if (rows >= left) { j0 = rows - left; left = 0; }
            else left -= rows;
        }
        for (size_t i = i0; i < n; i++, j0 = 0) {
            st_doc *d = docs[i];
            if (!d->active) continue;
            size_t rows = table ? d->n_men : d->n_sent;
            for (size_t j = j0; j < rows; j++) {
                vg_stmt *one;
                if (table) {
                    const st_mention *m = &d->men[j];
                    PREP(Q_MEN_INS, one);
                    o->bind_int(one, 1, m->event_id);
                    o->bind_int(one, 2, d->id);
                    o->bind_int(one, 3, m->sentence);
                    o->bind_text(one, 4, m->source_text, strlen(m->source_text));
                    o->bind_text(one, 5, m->verb_text, strlen(m->verb_text));
                    o->bind_text(one, 6, m->target_text, strlen(m->target_text));
                } else {
                    PREP(Q_SENT_INS, one);
                    o->bind_int(one, 1, d->id);
                    o->bind_int(one, 2, d->sent[j].idx);
                    o->bind_text(one, 3, d->sent[j].text, strlen(d->sent[j].text));
                }
                if ((rc = run(s, one, err)) != VG_OK) return rc;
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        if (docs[i]->active) c->st.mentions += docs[i]->n_men;
    return VG_OK;
}

/* ---- phase 4 ---- */

static int cmp_rc(const void *a, const void *b) {
    const recount *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static vg_status phase_recount(batch_ctx *c, vg_error *err) {
    vg_store *s = c->s;
    const vg_store_ops *o = s->ops;
    vg_status rc;
    if (c->rc.n > 1) qsort(c->rc.v, c->rc.n, sizeof *c->rc.v, cmp_rc);
    for (size_t i = 0; i < c->rc.n;) {
        int64_t id = c->rc.v[i].id, delta = 0;
        size_t j = i;
        for (; j < c->rc.n && c->rc.v[j].id == id; j++) delta += c->rc.v[j].delta;
        i = j;
        vg_stmt *st;
        PREP(Q_EV_RECOUNT, st);
        o->bind_int(st, 1, id);
        rc = o->step(st, err);
        if (rc == VG_DONE) continue; /* already gone */
        if (rc != VG_OK) return rc;
        int64_t total = o->col_int(st, 0);
        int32_t date = (int32_t)o->col_int(st, 1);
        const char *src = o->col_text(st, 2), *tgt = o->col_text(st, 3);
        char *src_c = vg_arena_strndup(&c->scratch, src ? src : "", src ? strlen(src) : 0);
        char *tgt_c = vg_arena_strndup(&c->scratch, tgt ? tgt : "", tgt ? strlen(tgt) : 0);
        int quad = (int)o->col_int(st, 4);
        double gold = o->col_double(st, 5);
        o->reset(st);
        if (!src_c || !tgt_c) return nomem(err);
        if (delta && (rc = add_dyad(c, src_c, tgt_c, date, 0, quad, 0, delta, err))) return rc;
        if (total > 0) continue;
        PREP(Q_EV_DEL, st);
        o->bind_int(st, 1, id);
        if ((rc = run(s, st, err)) != VG_OK) return rc;
        if ((rc = add_dyad(c, src_c, tgt_c, date, -1, quad, gold, 0, err))) return rc;
        if ((rc = add_actor(c, src_c, NULL, -1, date, err))) return rc;
        if (strcmp(src_c, tgt_c) && (rc = add_actor(c, tgt_c, NULL, -1, date, err))) return rc;
    }
    return VG_OK;
}

/* ---- phase 5 ---- */

static int cmp_dyad(const void *a, const void *b) {
    const dyad_delta *x = a, *y = b;
    if (x->ab != y->ab) return x->ab < y->ab ? -1 : 1;
    return (x->day > y->day) - (x->day < y->day);
}

static int cmp_actor(const void *a, const void *b) {
    return strcmp(((const actor_delta *)a)->code, ((const actor_delta *)b)->code);
}

/* Sort many deltas by (a, b, day): an LSD radix sort, 16 bits a pass, of
 * (ab, day, index) records (a pass whose digit is the same everywhere is
 * skipped), then one move of each delta into place. Stable, like the
 * qsort it replaces; the 720,000 rows a fast load of 1,000,000 events
 * writes at its end sort in about a tenth of qsort's time. False when out
 * of memory (the caller sorts with qsort). */
typedef struct dyad_key { uint64_t ab; uint32_t day, i; } dyad_key;

static bool radix_dyads(dyad_delta *v, size_t n) {
    dyad_key *k = malloc(n * sizeof *k), *t = malloc(n * sizeof *t);
    size_t *count = malloc(65536 * sizeof *count);
    dyad_delta *out = malloc(n * sizeof *out);
    bool ok = k && t && count && out && n <= UINT32_MAX;
    if (ok) {
        for (size_t i = 0; i < n; i++) {
            k[i].ab = v[i].ab;
            k[i].day = (uint32_t)v[i].day ^ 0x80000000u; /* signed order */
            k[i].i = (uint32_t)i;
        }
        /* digits, least significant first: day's low and high halves, then ab's three */
        for (int pass = 0; pass < 5; pass++) {
            memset(count, 0, 65536 * sizeof *count);
#define DIGIT(x) (pass < 2 ? ((x).day >> (16 * pass)) & 0xffff : ((x).ab >> (16 * (pass - 2))) & 0xffff)
            for (size_t i = 0; i < n; i++) count[DIGIT(k[i])]++;
            if (count[DIGIT(k[0])] == n) continue;
            size_t sum = 0;
            for (size_t d = 0; d < 65536; d++) {
                size_t c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (size_t i = 0; i < n; i++) t[count[DIGIT(k[i])]++] = k[i];
#undef DIGIT
            dyad_key *x = k;
            k = t;
            t = x;
        }
        for (size_t i = 0; i < n; i++) out[i] = v[k[i].i];
        memcpy(v, out, n * sizeof *v);
    }
    free(k);
    free(t);
    free(count);
    free(out);
    return ok;
}

/* Add delta d's counts to into's (same key). */
static void dyad_sum(dyad_delta *into, const dyad_delta *d) {
    into->events += d->events;
    for (int q = 1; q <= 4; q++) into->q[q] += d->q[q];
    into->gold += d->gold;
    into->coop += d->coop;
    into->conf += d->conf;
    into->mentions += d->mentions;
}

/* Sort deltas by (a, b, day) and merge each key's into the front; returns
 * how many are left. */
static size_t merge_dyads(dyad_delta *v, size_t n) {
    if (n > 1 && (n < 16384 || !radix_dyads(v, n))) qsort(v, n, sizeof *v, cmp_dyad);
    size_t nd = 0;
    for (size_t i = 0; i < n;) {
        dyad_delta sum = v[i];
        size_t j = i + 1;
        for (; j < n && !cmp_dyad(&v[i], &v[j]); j++) dyad_sum(&sum, &v[j]);
        i = j;
        if (sum.events || sum.mentions) v[nd++] = sum;
    }
    return nd;
}

/* Upsert merged deltas, ROWS_PER_INSERT at a time, in key order; rows left
 * without events are deleted. */
static vg_status write_dyads(vg_store *s, const dyad_delta *v, size_t nd, vg_error *err) {
    const vg_store_ops *o = s->ops;
    vg_status rc;
    vg_stmt *st;
    for (size_t i = 0; i < nd;) {
        size_t rows = nd - i >= ROWS_PER_INSERT ? ROWS_PER_INSERT : 1;
        rc = prepare_multi(s, rows > 1 ? Q_DYAD_UPSERT_N : Q_DYAD_UPSERT, DYAD_HEAD, 12, (int)rows,
                           DYAD_TAIL, &st, err);
        if (rc != VG_OK) return rc;
        for (size_t r = 0; r < rows; r++) {
            const dyad_delta *sum = &v[i + r];
            int p = (int)r * 12;
            o->bind_text(st, p + 1, sum->a, strlen(sum->a));
            o->bind_text(st, p + 2, sum->b, strlen(sum->b));
            o->bind_int(st, p + 3, sum->day);
            o->bind_int(st, p + 4, sum->events);
            for (int q = 1; q <= 4; q++) o->bind_int(st, p + 4 + q, sum->q[q]);
            o->bind_double(st, p + 9, sum->gold);
            o->bind_int(st, p + 10, sum->mentions);
            o->bind_double(st, p + 11, sum->coop);
            o->bind_double(st, p + 12, sum->conf);
        }
        if ((rc = run(s, st, err)) != VG_OK) return rc;
        i += rows;
    }
    for (size_t i = 0; i < nd; i++) {
        const dyad_delta *sum = &v[i];
        if (sum->events >= 0) continue;
        PREP(Q_DYAD_CLEAN, st);
        o->bind_text(st, 1, sum->a, strlen(sum->a));
        o->bind_text(st, 2, sum->b, strlen(sum->b));
        o->bind_int(st, 3, sum->day);
        if ((rc = run(s, st, err)) != VG_OK) return rc;
    }
    return VG_OK;
}

/* A fast bulk load keeps the daily-aggregate deltas, merged per row
 * (fast_add_dyad), and writes them in key order when they are this many rows
 * and at the end of the load: near-sequential upserts into dyad_day's
 * primary key, its only b-tree on SQLite. */
#define FAST_DYAD_FLUSH (4u << 20)

vg_status vg_store__fast_flush_dyad(vg_store *s, vg_error *err) {
    size_t nd = merge_dyads(s->fd_v, s->fd_n);
    vg_status rc = write_dyads(s, s->fd_v, nd, err);
    s->fd_n = 0;
    if (s->fd_slot) memset(s->fd_slot, 0, s->fd_scap * sizeof *s->fd_slot);
    return rc;
}

/* The key (country pair, day) of a delta, mixed for the table. */
static uint64_t dyad_hash(const dyad_delta *d) { return vg_mix64(d->ab ^ (uint64_t)(uint32_t)d->day << 48); }
static uint64_t dyad_hash_at(const void *arr, size_t i) { return dyad_hash(&((const dyad_delta *)arr)[i]); }

/* Add a batch's delta to those a fast load holds: one entry per
 * (country pair, day), found through an open-addressing table, so that a
 * load keeps (and sorts, at the end) one delta per aggregate row instead of
 * one per batch and row. */
static bool fast_add_dyad(vg_store *s, const dyad_delta *d) {
    if (!slots_reserve(&s->fd_slot, &s->fd_scap, s->fd_n, 1u << 14, dyad_hash_at, s->fd_v)) return false;
    size_t k = (size_t)dyad_hash(d) & (s->fd_scap - 1);
    for (; s->fd_slot[k]; k = (k + 1) & (s->fd_scap - 1)) {
        dyad_delta *e = &s->fd_v[s->fd_slot[k] - 1];
        if (e->ab != d->ab || e->day != d->day) continue;
        dyad_sum(e, d);
        return true;
    }
    if (!vg_grow((void **)&s->fd_v, &s->fd_cap, s->fd_n, sizeof *s->fd_v, 64)) return false;
    s->fd_v[s->fd_n++] = *d;
    s->fd_slot[k] = (uint32_t)s->fd_n;
    return true;
}

static vg_status phase_aggregates(batch_ctx *c, vg_error *err) {
    vg_store *s = c->s;
    const vg_store_ops *o = s->ops;
    vg_status rc;
    vg_stmt *st;
    if ((s->opt.flags & VG_STORE_BULK) && !(s->bulk_fast && s->bulk_dyad))
        c->dyad.n = 0; /* rebuilt at the end (schema.c) */
    if (s->bulk_fast && s->bulk_dyad) {
        for (size_t i = 0; i < c->dyad.n; i++)
            if (!fast_add_dyad(s, &c->dyad.v[i])) return nomem(err);
        if (s->fd_n >= FAST_DYAD_FLUSH && (rc = vg_store__fast_flush_dyad(s, err)) != VG_OK) return rc;
    } else if ((rc = write_dyads(s, c->dyad.v, merge_dyads(c->dyad.v, c->dyad.n), err)) != VG_OK) {
        return rc;
    }
    /* merged already (add_actor): one delta per actor, written in code order */
    if (c->actor.n > 1) qsort(c->actor.v, c->actor.n, sizeof *c->actor.v, cmp_actor);
    for (size_t i = 0; i < c->actor.n; i++) {
        const actor_delta sum = c->actor.v[i];
        if (!sum.events && sum.last == 0) continue;
        PREP(Q_ACTOR_UPSERT, st);
        o->bind_text(st, 1, sum.code, strlen(sum.code));
        bind_str(o, st, 2, sum.name);
        o->bind_int(st, 3, sum.events);
        o->bind_int(st, 4, sum.first);
        o->bind_int(st, 5, sum.last);
        if ((rc = run(s, st, err)) != VG_OK) return rc;
        if (sum.events < 0) {
            PREP(Q_ACTOR_CLEAN, st);
            o->bind_text(st, 1, sum.code, strlen(sum.code));
            if ((rc = run(s, st, err)) != VG_OK) return rc;
        }
    }
    return VG_OK;
}

/* ---- one transaction ---- */

static vg_status write_batch(batch_ctx *c, st_doc **docs, size_t n, vg_error *err) {
    vg_store *s = c->s;
    memset(&c->st, 0, sizeof c->st);
    c->rc.n = c->dyad.n = c->actor.n = c->men.n = 0;
    if (c->aslot) memset(c->aslot, 0, c->acap * sizeof *c->aslot);
    vg_arena_reset(&c->scratch);
    s->retryable = false;
    vg_status rc = s->ops->exec(s, s->ops->begin_sql, err);
    if (rc != VG_OK) return rc;
    s->in_tx = true;
    if ((rc = phase_docs(c, docs, n, err)) == VG_OK &&
        (rc = phase_events(c, docs, n, err)) == VG_OK &&
        (rc = phase_mentions(c, docs, n, err)) == VG_OK &&
        (rc = phase_recount(c, err)) == VG_OK &&
        (rc = phase_aggregates(c, err)) == VG_OK)
        rc = s->ops->exec(s, "COMMIT", err);
    if (rc != VG_OK) {
        bool retry = s->retryable;
        for (int i = 0; i < Q__COUNT; i++)
            if (s->stmt[i]) s->ops->reset(s->stmt[i]);
        s->ops->exec(s, "ROLLBACK", NULL);
        s->retryable = retry;
    }
    s->in_tx = false;
    return rc;
}

static void backoff(vg_store *s, int attempt) {
    /* randomised so that writers that collided do not collide again */
    uint64_t r = vg_hash(&s, sizeof s) ^ (uint64_t)getpid() ^ (uint64_t)clock() ^ (uint64_t)attempt;
    r ^= r >> 33; r *= 0xff51afd7ed558ccdULL; r ^= r >> 33;
    long ms = 2 + (long)(r % (uint64_t)(10 * (attempt < 8 ? attempt + 1 : 8)));
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

#define MAX_ATTEMPTS 30

static vg_status write_with_retry(batch_ctx *c, st_doc **docs, size_t n, vg_error *err) {
    for (int attempt = 0;; attempt++) {
        vg_status rc = write_batch(c, docs, n, err);
        if (rc == VG_OK) {
            vg_store_ingest_stats *t = &c->s->stats;
            t->docs_new += c->st.docs_new;
            t->docs_replaced += c->st.docs_replaced;
            t->docs_unchanged += c->st.docs_unchanged;
            t->docs_deleted += c->st.docs_deleted;
            t->events_new += c->st.events_new;
            t->events_merged += c->st.events_merged;
            t->mentions += c->st.mentions;
            t->commits++;
            return VG_OK;
        }
        if (c->s->bulk_fast) {
            /* a replaced document, a collision or any failure: the batch
             * is replayed on the ordinary bulk path (bulk.c) */
            vg_status rl = vg_store__fast_leave(c->s, err);
            if (rl != VG_OK) return rl;
            attempt--;
            continue;
        }
        if (!c->s->retryable || attempt + 1 >= MAX_ATTEMPTS) return rc;
        c->s->stats.retries++;
        backoff(c->s, attempt);
    }
}

static int cmp_doc(const void *a, const void *b) {
    const st_doc *x = *(st_doc *const *)a, *y = *(st_doc *const *)b;
    int r = strcmp(x->key, y->key);
    if (!r) r = (x->seq > y->seq) - (x->seq < y->seq);
    return r;
}

vg_status vg_store_commit(vg_store *s, vg_error *err) {
    if (!s->n_docs) return VG_OK;
    batch_ctx c;
    memset(&c, 0, sizeof c);
    c.s = s;
    vg_arena_init(&c.scratch, 16 * 1024);
    /* key order: phase 1's row order, and the last put of a key wins */
    qsort(s->docs, s->n_docs, sizeof *s->docs, cmp_doc);
    vg_status rc = write_with_retry(&c, s->docs, s->n_docs, err);
    if (rc != VG_OK && rc != VG_ERR_NOMEM && s->n_docs > 1) {
        /* isolate the document(s) that fail; store the rest */
        size_t failed = 0, groups = 0;
        vg_error e1;
        for (size_t i = 0; i < s->n_docs; i++) {
            size_t j = i + 1;
            while (j < s->n_docs && !strcmp(s->docs[j]->key, s->docs[i]->key)) j++;
            groups++;
            vg_error_clear(&e1);
            if (write_with_retry(&c, s->docs + i, j - i, &e1) != VG_OK) {
                failed++;
                s->stats.docs_failed++;
                st_doc *d = s->docs[j - 1];
                vg_err_set_record(&e1, d->key, strlen(d->key));
                if (d->file) {
                    snprintf(e1.file, sizeof e1.file, "%s", d->file);
                    e1.line = d->line;
                }
                if (s->opt.diag) s->opt.diag(&e1, s->opt.payload);
                if (err) *err = e1;
            }
            i = j - 1;
        }
        rc = failed == groups ? VG_ERR_DB : VG_OK;
    } else if (rc != VG_OK) {
        s->stats.docs_failed += s->n_docs;
    }
    free(c.men.v);
    free(c.rc.v);
    free(c.dyad.v);
    free(c.actor.v);
    free(c.aslot);
    free(c.pubs.v);
    free(c.runs.v);
    vg_arena_free(&c.scratch);
    /* the batch is done with either way: its documents are stored, or were
     * reported as failed */
    s->n_docs = 0;
    vg_arena_reset(&s->arena);
    return rc;
}
