/* store.h — private interface of the event store (src/store).
 *
 * Layering: store.c holds every rule (batching, hashing, dedup, counts,
 * aggregates) and talks to a database only through vg_store_ops, a small
 * statement interface (prepare / bind / step / column) that sqlite.c and pg.c
 * implement. SQL is written once with `?` placeholders; the PostgreSQL backend
 * rewrites them to $n. The few statements whose text differs per backend are
 * the migrations (schema.c). */
#ifndef VG_STORE_STORE_H
#define VG_STORE_STORE_H

#include "util/util.h"
#include <stdbool.h>

typedef struct vg_stmt vg_stmt;

typedef struct vg_store_ops {
    const char *name; /* "sqlite" | "postgresql" */
    /* Run one or more statements that return no rows. */
    vg_status (*exec)(vg_store *s, const char *sql, vg_error *err);
    vg_status (*prepare)(vg_store *s, const char *sql, vg_stmt **out, vg_error *err);
    /* Parameters are 1-based. Text must stay valid until the next step/reset. */
    void (*bind_null)(vg_stmt *st, int i);
    void (*bind_int)(vg_stmt *st, int i, int64_t v);
    void (*bind_double)(vg_stmt *st, int i, double v);
    void (*bind_text)(vg_stmt *st, int i, const char *p, size_t n);
    /* VG_OK: a row is available; VG_DONE: no (more) rows; else failure. */
    vg_status (*step)(vg_stmt *st, vg_error *err);
    /* Columns are 0-based, valid until the next step/reset. */
    int64_t (*col_int)(vg_stmt *st, int i);
    double (*col_double)(vg_stmt *st, int i);
    const char *(*col_text)(vg_stmt *st, int i); /* NULL for SQL NULL */
    void (*reset)(vg_stmt *st);                  /* ready to bind and run again */
    void (*finalize)(vg_stmt *st);
    /* Take transaction-scoped locks on 64-bit keys, in the order given
     * (ascending, so that writers never wait on each other in a cycle):
     * PostgreSQL advisory locks, one round trip. NULL when the backend
     * serialises writers anyway (SQLite). */
    vg_status (*lock_keys)(vg_store *s, const int64_t *keys, size_t n, vg_error *err);
    /* Ask that a statement's rows be fetched in chunks instead of whole
     * (PostgreSQL cursor); NULL when rows already stream (SQLite). Call
     * before the first step. */
    void (*stream)(vg_stmt *st);
    const char *begin_sql;  /* starts a write transaction */
    void (*close)(vg_store *s);
} vg_store_ops;

/* One sentence's evidence for an event, as queued in a batch. Strings are
 * NUL-terminated copies in the batch arena. */
typedef struct st_mention {
    struct st_doc *doc;
    int32_t date;
    const char *source, *target;
    char code[8];
    int root, quad;
    double goldstein;
    int sentence;
    const char *source_text, *verb_text, *target_text;
    uint64_t pre[3];   /* the first 8 bytes of source, target and code, big-endian,
                          NUL-padded (vg_store__prefix8): cheap key comparisons */
    int64_t event_id;  /* filled at commit */
} st_mention;

typedef struct st_sentence {
    int idx;
    const char *text;
} st_sentence;

enum { ST_PUT = 0, ST_DELETE = 1 };

typedef struct st_doc {
    int op;                 /* ST_PUT | ST_DELETE */
    const char *key;        /* document id */
    int32_t date;
    const char *publisher;  /* NULL when unknown */
    const char *pubkey;     /* what counts as its source: the publisher, or "#" + key
                               (a document without one is a source of its own; the
                               recount SQL in commit.c uses the same rule) */
    const char *url;
    char hash[17];          /* 16 hex digits of the content hash */
    st_sentence *sent; size_t n_sent;
    st_mention *men; size_t n_men;
    const char *file; long line;  /* where the record came from, for errors */
    size_t seq;             /* queue order */
    /* commit-time state */
    int64_t id;
    bool active;            /* written in this commit (not unchanged/superseded) */
    bool existed;
    bool same;              /* stored with the same hash */
} st_doc;

/* Statement slots prepared once per handle. */
enum {
    Q_DOC_GET, Q_DOC_INS, Q_DOC_UPD, Q_DOC_DEL, Q_MEN_DEL_DOC, Q_SENT_DEL_DOC,
    Q_EV_UPSERT, Q_EV_RECOUNT, Q_EV_DEL, Q_SENT_INS, Q_MEN_INS, Q_SENT_INS_N, Q_MEN_INS_N, Q_EV_UPSERT_N, Q_DYAD_UPSERT_N,
    Q_DYAD_UPSERT, Q_DYAD_CLEAN, Q_ACTOR_UPSERT, Q_ACTOR_CLEAN,
    Q_EV_INS_FAST, Q_EV_INS_FAST_N, Q_EV_GET_KEY, Q_RECOUNT_MARK, Q_DOC_INS_N,
    Q__COUNT
};

/* The events a fast bulk load knows (bulk.c): 64-bit hash of the dedup key
 * (source, target, date, code) -> event id, open addressing. A hit is
 * confirmed against the row itself, so a hash collision never merges two
 * events. */
typedef struct st_evmap {
    struct st_evslot { uint64_t h; int64_t id; } *slot;
    size_t n, cap;  /* cap is a power of two */
} st_evmap;

struct vg_store {
    const vg_store_ops *ops;
    void *db;                     /* sqlite3* or PGconn* */
    char url[512];
    vg_store_options opt;
    int schema_version;
    bool in_tx;
    bool retryable;               /* last failure was a deadlock/serialization failure */
    vg_stmt *stmt[Q__COUNT];
    /* the open batch */
    vg_arena arena;
    st_doc **docs; size_t n_docs, cap_docs;
    size_t seq;
    vg_store_ingest_stats stats;
    /* fast bulk load (SQLite, bulk.c): the dedup key index and the mention
     * indexes are dropped too, events are deduplicated against evmap and
     * appended with ids given here; leaves to the ordinary bulk path
     * (indexes back) as soon as a batch replaces a stored document */
    bool bulk_fast;
    bool need_slow;               /* a batch asked to leave the fast path */
    bool bulk_dyad;               /* the fast path sums the daily aggregate itself:
                                     dyad_day was whole when the load began */
    struct dyad_delta *fd_v;      /* its deltas not yet written, one per row (commit.c) */
    size_t fd_n, fd_cap;
    uint32_t *fd_slot;            /* open addressing over fd_v: index + 1, 0 = empty */
    size_t fd_scap;
    st_evmap evmap;
    int64_t next_event_id;
};

/* Where queued events come from: an array (put_events) or a vg_doc
 * (put_doc.c, kept apart so that the rest of the store links without the
 * coder). sentence may be NULL; it supplies text an event's span lacks. */
typedef struct vg_event_source {
    const void *src;
    const vg_event *(*event)(const void *src, size_t i);
    vg_span (*sentence)(const void *src, size_t i);
} vg_event_source;

/* Validate and copy one document into the batch; commits a full batch. */
vg_status vg_store__queue(vg_store *s, const vg_record *rec, size_t n, const vg_event_source *from,
                          vg_error *err);

/* vg_store_open that migrates only up to version upto (0 = latest); tests. */
vg_status vg_store__open_upto(vg_store **out, const char *url, const vg_store_options *opt, int upto,
                              vg_error *err);

/* Free the handle without committing or finishing a bulk load: what a
 * killed writer leaves behind (vg_store_close ends with it; tests). */
void vg_store__drop(vg_store *s);

/* ---- backends ---- */
vg_status vg_store__sqlite_open(vg_store *s, const char *path, vg_error *err);
vg_status vg_store__pg_open(vg_store *s, const char *conninfo, vg_error *err);

/* ---- schema.c: migrations ---- */
/* Bring the schema to the newest version (or to `upto` when > 0, for tests).
 * Each migration runs in its own transaction, serialised between processes. */
vg_status vg_store__migrate(vg_store *s, int upto, vg_error *err);
int vg_store__latest_version(void);
/* Create the query-only indexes that are missing (after a bulk load). */
vg_status vg_store__ensure_indexes(vg_store *s, vg_error *err);
/* Drop the dedup key and mention indexes (start of a fast bulk load). */
vg_status vg_store__drop_dedup_indexes(vg_store *s, vg_error *err);
/* Whether a bulk load is marked as pending (bulk_pending exists). */
vg_status vg_store__bulk_pending(vg_store *s, bool *pending, vg_error *err);
/* Drop them (start of a bulk load). */
vg_status vg_store__drop_query_indexes(vg_store *s, vg_error *err);
/* Start a bulk load: drop the query indexes, mark the load as pending. */
vg_status vg_store__bulk_begin(vg_store *s, vg_error *err);
/* End one (or complete one that was killed, when only_if_pending finds the
 * mark): rebuild the indexes and the daily aggregate. */
vg_status vg_store__bulk_finish(vg_store *s, bool only_if_pending, vg_error *err);

/* ---- bulk.c: the fast bulk path ---- */
/* Enter it (after vg_store__bulk_begin, SQLite only): drop the dedup and
 * mention indexes, load the stored events' keys. */
vg_status vg_store__fast_begin(vg_store *s, vg_error *err);
/* Leave it: indexes back (own transaction), map freed. */
vg_status vg_store__fast_leave(vg_store *s, vg_error *err);
void vg_store__evmap_free(st_evmap *m);
/* Write the daily-aggregate deltas a fast load gathered (commit.c), in the
 * open transaction. */
vg_status vg_store__fast_flush_dyad(vg_store *s, vg_error *err);
uint64_t vg_store__evkey_hash(const char *source, const char *target, int32_t date, const char *code);
/* The id of the event with hash h, 0 when unknown. */
int64_t vg_store__evmap_get(const st_evmap *m, uint64_t h);
bool vg_store__evmap_put(st_evmap *m, uint64_t h, int64_t id);

/* ---- shared helpers (store.c) ---- */
/* The first 8 bytes of a string as a big-endian integer, NUL-padded: two
 * strings' prefixes compare as strcmp does. */
uint64_t vg_store__prefix8(const char *p);
vg_status vg_store__prepare_cached(vg_store *s, int slot, const char *sql, vg_stmt **out, vg_error *err);
/* Prefix range [lo, hi) so that `col >= lo AND col < hi` matches every string
 * starting with prefix, byte-wise. hi is "" when there is no upper bound. */
void vg_store__prefix_hi(const char *prefix, char *hi, size_t n);
/* YYYYMMDD of the first day of the period containing date. */
int32_t vg_store__period_start(int32_t date, vg_period by);

#endif
