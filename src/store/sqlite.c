/* sqlite.c — the SQLite backend of the statement interface (store.h).
 *
 * The file is opened in WAL mode with synchronous=NORMAL: a committed
 * transaction survives the process being killed at any point (the WAL is
 * written before COMMIT returns); only a power failure can lose the last
 * commits, never corrupt the file. Writers take the lock up front (BEGIN
 * IMMEDIATE) and wait busy_timeout_ms for another process. */
#include "store/store.h"
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct vg_stmt {
    vg_store *s;
    sqlite3_stmt *st;
    bool done;
};

static vg_status db_fail(vg_store *s, vg_error *err, const char *what) {
    sqlite3 *db = s->db;
    int rc = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
    s->retryable = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
    return vg_err_set(err, VG_ERR_DB, NULL, 0, "sqlite: %s: %s", what,
                      db ? sqlite3_errmsg(db) : "cannot open");
}

static vg_status sq_exec(vg_store *s, const char *sql, vg_error *err) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        s->retryable = (sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY;
        vg_err_set(err, VG_ERR_DB, NULL, 0, "sqlite: %s", msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return VG_ERR_DB;
    }
    return VG_OK;
}

static vg_status sq_prepare(vg_store *s, const char *sql, vg_stmt **out, vg_error *err) {
    vg_stmt *st = calloc(1, sizeof *st);
    if (!st) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    st->s = s;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->st, NULL) != SQLITE_OK) {
        free(st);
        return db_fail(s, err, "prepare");
    }
    *out = st;
    return VG_OK;
}

static void sq_bind_null(vg_stmt *st, int i) { sqlite3_bind_null(st->st, i); }
static void sq_bind_int(vg_stmt *st, int i, int64_t v) { sqlite3_bind_int64(st->st, i, v); }
static void sq_bind_double(vg_stmt *st, int i, double v) { sqlite3_bind_double(st->st, i, v); }
static void sq_bind_text(vg_stmt *st, int i, const char *p, size_t n) {
    /* STATIC: the caller keeps p alive until the next step/reset (store.h). */
    sqlite3_bind_text(st->st, i, p, (int)n, SQLITE_STATIC);
}

static vg_status sq_step(vg_stmt *st, vg_error *err) {
    if (st->done) return VG_DONE;
    int rc = sqlite3_step(st->st);
    if (rc == SQLITE_ROW) return VG_OK;
    st->done = true;
    if (rc == SQLITE_DONE) return VG_DONE;
    return db_fail(st->s, err, "step");
}

static int64_t sq_col_int(vg_stmt *st, int i) { return sqlite3_column_int64(st->st, i); }
static double sq_col_double(vg_stmt *st, int i) { return sqlite3_column_double(st->st, i); }
static const char *sq_col_text(vg_stmt *st, int i) {
    return (const char *)sqlite3_column_text(st->st, i);
}
static void sq_reset(vg_stmt *st) {
    sqlite3_reset(st->st);
    sqlite3_clear_bindings(st->st);
    st->done = false;
}
static void sq_finalize(vg_stmt *st) {
    if (!st) return;
    sqlite3_finalize(st->st);
    free(st);
}
static void sq_close(vg_store *s) {
    if (s->db) sqlite3_close_v2(s->db);
    s->db = NULL;
}

static const vg_store_ops sqlite_ops = {
    "sqlite", sq_exec, sq_prepare, sq_bind_null, sq_bind_int, sq_bind_double, sq_bind_text,
    sq_step, sq_col_int, sq_col_double, sq_col_text, sq_reset, sq_finalize, NULL, NULL,
    "BEGIN IMMEDIATE", sq_close,
};

vg_status vg_store__sqlite_open(vg_store *s, const char *path, vg_error *err) {
    s->ops = &sqlite_ops;
    sqlite3 *db = NULL;
    int flags = (s->opt.flags & VG_STORE_READONLY) ? SQLITE_OPEN_READONLY
                                                    : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        vg_err_set(err, VG_ERR_DB, path, 0, "cannot open SQLite database: %s",
                   db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close_v2(db);
        return VG_ERR_DB;
    }
    s->db = db;
    sqlite3_busy_timeout(db, s->opt.busy_timeout_ms > 0 ? s->opt.busy_timeout_ms : 60000);
    sqlite3_extended_result_codes(db, 1);
    if (!(s->opt.flags & VG_STORE_READONLY)) {
        /* journal_mode returns a row; exec ignores it. WAL makes readers and
         * the writer not block each other and keeps commits crash-safe. */
        /* 8 KB pages for a new file (a no-op on an existing one): half the
         * pages, WAL frames and write calls of 4 KB ones; a bulk load of
         * 1,000,000 events takes 9-11 % less time, queries the same
         * (docs/benchmarks.md). Must precede journal_mode=WAL. */
        vg_status st = sq_exec(s,
                               "PRAGMA page_size=8192;"
                               "PRAGMA journal_mode=WAL;"
                               "PRAGMA synchronous=NORMAL;"
                               "PRAGMA foreign_keys=OFF;"
                               "PRAGMA temp_store=MEMORY;",
                               err);
        /* a bulk load touches index pages all over: give it a larger cache */
        if (st == VG_OK)
            st = sq_exec(s, (s->opt.flags & VG_STORE_BULK)
                                ? "PRAGMA cache_size=-524288; PRAGMA wal_autocheckpoint=20000;"
                                : "PRAGMA cache_size=-131072;", err);
        /* reads through a shared mapping: no copy per page read, and the
         * pages are the OS cache's, not this process's */
        if (st == VG_OK) st = sq_exec(s, "PRAGMA mmap_size=4294967296;", err);
        if (st != VG_OK) {
            if (err) snprintf(err->file, sizeof err->file, "%s", path);
            return st;
        }
    } else {
        sq_exec(s, "PRAGMA cache_size=-65536; PRAGMA mmap_size=4294967296;", NULL);
    }
    return VG_OK;
}
