/* pg.c — the PostgreSQL backend of the statement interface (store.h), over
 * libpq. Statements are prepared server-side once per connection; parameters
 * travel as text and the server infers their types from the SQL. Deadlocks
 * and serialization failures are flagged retryable so that store.c replays
 * the whole batch (it still holds every queued document). */
#include "store/store.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG_MAX_PARAMS 1024 /* >= the largest multi-row statement: commit.c DOC_KEYS x 7 columns */

struct vg_stmt {
    vg_store *s;
    char name[24];
    int nparams;
    char *val[PG_MAX_PARAMS];
    size_t cap[PG_MAX_PARAMS];
    bool isnull[PG_MAX_PARAMS];
    PGresult *res;
    int row, nrows;
    bool ran;
    /* streaming through a cursor (pg_stream) */
    char *sql;          /* the statement text with $n placeholders */
    bool stream, cursor_open, began, exhausted;
};

#define FETCH_ROWS 2000

typedef struct pg_conn {
    PGconn *conn;
    int next_stmt;
} pg_conn;

static PGconn *conn_of(vg_store *s) { return ((pg_conn *)s->db)->conn; }

static vg_status res_fail(vg_store *s, PGresult *res, vg_error *err, const char *what) {
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    /* 40P01 deadlock_detected, 40001 serialization_failure: replaying the
     * transaction is the documented remedy. */
    s->retryable = state && (!strcmp(state, "40P01") || !strcmp(state, "40001"));
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_of(s));
    char clean[200];
    snprintf(clean, sizeof clean, "%s", msg && *msg ? msg : "unknown error");
    clean[strcspn(clean, "\n")] = '\0';
    return vg_err_set(err, VG_ERR_DB, NULL, 0, "postgresql: %s: %s%s%s%s", what, clean,
                      state ? " (SQLSTATE " : "", state ? state : "", state ? ")" : "");
}

static vg_status pg_exec(vg_store *s, const char *sql, vg_error *err) {
    PGresult *res = PQexec(conn_of(s), sql);
    ExecStatusType rs = PQresultStatus(res);
    if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
        vg_status st = res_fail(s, res, err, "exec");
        PQclear(res);
        return st;
    }
    PQclear(res);
    return VG_OK;
}

/* `?` → `$n`. Our SQL has no `?` inside literals. */
static char *convert_placeholders(const char *sql, int *nparams) {
    size_t n = strlen(sql), extra = 0;
    for (size_t i = 0; i < n; i++) extra += sql[i] == '?' ? 3 : 0;
    char *out = malloc(n + extra + 1);
    if (!out) return NULL;
    int k = 0;
    char *o = out;
    for (size_t i = 0; i < n; i++) {
        if (sql[i] == '?') o += sprintf(o, "$%d", ++k);
        else *o++ = sql[i];
    }
    *o = '\0';
    *nparams = k;
    return out;
}

static vg_status pg_prepare(vg_store *s, const char *sql, vg_stmt **out, vg_error *err) {
    pg_conn *pc = s->db;
    int np = 0;
    char *q = convert_placeholders(sql, &np);
    if (!q) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    if (np > PG_MAX_PARAMS) {
        free(q);
        return vg_err_set(err, VG_ERR_LIMIT, NULL, 0, "statement has too many parameters");
    }
    vg_stmt *st = calloc(1, sizeof *st);
    if (!st) { free(q); return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory"); }
    st->s = s;
    st->nparams = np;
    snprintf(st->name, sizeof st->name, "vg%d", ++pc->next_stmt);
    PGresult *res = PQprepare(pc->conn, st->name, q, 0, NULL);
    st->sql = q;
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        vg_status rs = res_fail(s, res, err, "prepare");
        PQclear(res);
        free(st->sql);
        free(st);
        return rs;
    }
    PQclear(res);
    for (int i = 0; i < np; i++) st->isnull[i] = true;
    *out = st;
    return VG_OK;
}

static void set_param(vg_stmt *st, int i, const char *p, size_t n) {
    if (i < 1 || i > st->nparams) return;
    i--;
    /* text parameters cannot hold NUL: stop at the first one (store.c
     * sanitises input, so this only guards against misuse) */
    const char *z = memchr(p, '\0', n);
    if (z) n = (size_t)(z - p);
    if (st->cap[i] < n + 1) {
        size_t cap = n + 1 < 32 ? 32 : n + 1;
        char *v = realloc(st->val[i], cap);
        if (!v) { st->isnull[i] = true; return; }
        st->val[i] = v;
        st->cap[i] = cap;
    }
    memcpy(st->val[i], p, n);
    st->val[i][n] = '\0';
    st->isnull[i] = false;
}

static void pg_bind_null(vg_stmt *st, int i) {
    if (i >= 1 && i <= st->nparams) st->isnull[i - 1] = true;
}
static void pg_bind_int(vg_stmt *st, int i, int64_t v) {
    char b[32];
    int n = snprintf(b, sizeof b, "%lld", (long long)v);
    set_param(st, i, b, (size_t)n);
}
static void pg_bind_double(vg_stmt *st, int i, double v) {
    char b[40];
    int n = snprintf(b, sizeof b, "%.17g", v);
    set_param(st, i, b, (size_t)n);
}
static void pg_bind_text(vg_stmt *st, int i, const char *p, size_t n) { set_param(st, i, p, n); }

static void pg_stream(vg_stmt *st) { st->stream = true; }

/* Rows of a streamed statement come from a cursor, FETCH_ROWS at a time, so
 * that a listing of millions of events never sits in memory whole. The
 * cursor lives in a transaction: the caller's, or one opened here and closed
 * with the cursor. Other statements may run between fetches. */
static vg_status cursor_fetch(vg_stmt *st, vg_error *err) {
    PGconn *c = conn_of(st->s);
    if (st->res) PQclear(st->res);
    st->res = NULL;
    if (!st->cursor_open) {
        if (PQtransactionStatus(c) == PQTRANS_IDLE) {
            PGresult *b = PQexec(c, "BEGIN READ ONLY");
            bool ok = PQresultStatus(b) == PGRES_COMMAND_OK;
            vg_status r = ok ? VG_OK : res_fail(st->s, b, err, "begin");
            PQclear(b);
            if (!ok) return r;
            st->began = true;
        }
        size_t n = strlen(st->sql) + 64;
        char *decl = malloc(n);
        if (!decl) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
        snprintf(decl, n, "DECLARE %s_c NO SCROLL CURSOR FOR %s", st->name, st->sql);
        const char *vals[PG_MAX_PARAMS];
        for (int i = 0; i < st->nparams; i++) vals[i] = st->isnull[i] ? NULL : st->val[i];
        PGresult *d = PQexecParams(c, decl, st->nparams, NULL, vals, NULL, NULL, 0);
        free(decl);
        bool ok = PQresultStatus(d) == PGRES_COMMAND_OK;
        vg_status r = ok ? VG_OK : res_fail(st->s, d, err, "declare cursor");
        PQclear(d);
        if (!ok) return r;
        st->cursor_open = true;
    }
    char fetch[64];
    snprintf(fetch, sizeof fetch, "FETCH %d FROM %s_c", FETCH_ROWS, st->name);
    st->res = PQexec(c, fetch);
    if (PQresultStatus(st->res) != PGRES_TUPLES_OK) {
        vg_status r = res_fail(st->s, st->res, err, "fetch");
        PQclear(st->res);
        st->res = NULL;
        return r;
    }
    st->nrows = PQntuples(st->res);
    st->row = -1;
    st->exhausted = st->nrows < FETCH_ROWS;
    return VG_OK;
}

static void cursor_close(vg_stmt *st) {
    PGconn *c = conn_of(st->s);
    if (st->cursor_open) {
        char sql[64];
        snprintf(sql, sizeof sql, "CLOSE %s_c", st->name);
        PQclear(PQexec(c, sql));
        st->cursor_open = false;
    }
    if (st->began) {
        PQclear(PQexec(c, "COMMIT"));
        st->began = false;
    }
    st->exhausted = false;
}

static vg_status pg_step(vg_stmt *st, vg_error *err) {
    if (st->stream) {
        if (!st->ran) {
            st->ran = true;
            vg_status r = cursor_fetch(st, err);
            if (r != VG_OK) return r;
        }
        if (!st->res) return VG_DONE;
        if (st->row + 1 >= st->nrows) {
            if (st->exhausted) return VG_DONE;
            vg_status r = cursor_fetch(st, err);
            if (r != VG_OK) return r;
            if (st->nrows == 0) return VG_DONE;
        }
        st->row++;
        return VG_OK;
    }
    if (!st->ran) {
        const char *vals[PG_MAX_PARAMS];
        for (int i = 0; i < st->nparams; i++) vals[i] = st->isnull[i] ? NULL : st->val[i];
        st->res = PQexecPrepared(conn_of(st->s), st->name, st->nparams, vals, NULL, NULL, 0);
        st->ran = true;
        ExecStatusType rs = PQresultStatus(st->res);
        if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
            vg_status r = res_fail(st->s, st->res, err, "query");
            PQclear(st->res);
            st->res = NULL;
            return r;
        }
        st->nrows = rs == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
        st->row = -1;
    }
    if (!st->res) return VG_DONE;
    if (st->row + 1 >= st->nrows) return VG_DONE;
    st->row++;
    return VG_OK;
}

static int64_t pg_col_int(vg_stmt *st, int i) {
    if (!st->res || PQgetisnull(st->res, st->row, i)) return 0;
    const char *v = PQgetvalue(st->res, st->row, i);
    if (v[0] == 't' && v[1] == '\0') return 1; /* booleans */
    if (v[0] == 'f' && v[1] == '\0') return 0;
    return strtoll(v, NULL, 10);
}
static double pg_col_double(vg_stmt *st, int i) {
    if (!st->res || PQgetisnull(st->res, st->row, i)) return 0;
    return strtod(PQgetvalue(st->res, st->row, i), NULL);
}
static const char *pg_col_text(vg_stmt *st, int i) {
    if (!st->res || PQgetisnull(st->res, st->row, i)) return NULL;
    return PQgetvalue(st->res, st->row, i);
}
static void pg_reset(vg_stmt *st) {
    if (st->stream) cursor_close(st);
    if (st->res) PQclear(st->res);
    st->res = NULL;
    st->ran = false;
    for (int i = 0; i < st->nparams; i++) st->isnull[i] = true;
}
static void pg_finalize(vg_stmt *st) {
    if (!st) return;
    pg_reset(st);
    for (int i = 0; i < st->nparams; i++) free(st->val[i]);
    free(st->sql);
    free(st);
}

static vg_status pg_lock_keys(vg_store *s, const int64_t *keys, size_t n, vg_error *err) {
    if (!n) return VG_OK;
    size_t cap = n * 22 + 3;
    char *arr = malloc(cap), *w = arr;
    if (!arr) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    *w++ = '{';
    for (size_t i = 0; i < n; i++) w += sprintf(w, i ? ",%lld" : "%lld", (long long)keys[i]);
    *w++ = '}';
    *w = '\0';
    const char *vals[1] = { arr };
    /* unnest yields the array in order: the locks are taken in that order */
    PGresult *res = PQexecParams(conn_of(s), "SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k",
                                 1, NULL, vals, NULL, NULL, 0);
    free(arr);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        vg_status st = res_fail(s, res, err, "lock");
        PQclear(res);
        return st;
    }
    PQclear(res);
    return VG_OK;
}

static void pg_close(vg_store *s) {
    pg_conn *pc = s->db;
    if (!pc) return;
    PQfinish(pc->conn);
    free(pc);
    s->db = NULL;
}

static void quiet_notices(void *arg, const char *msg) { (void)arg; (void)msg; }

static const vg_store_ops pg_ops = {
    "postgresql", pg_exec, pg_prepare, pg_bind_null, pg_bind_int, pg_bind_double, pg_bind_text,
    pg_step, pg_col_int, pg_col_double, pg_col_text, pg_reset, pg_finalize, pg_lock_keys, pg_stream,
    "BEGIN", pg_close,
};

vg_status vg_store__pg_open(vg_store *s, const char *conninfo, vg_error *err) {
    s->ops = &pg_ops;
    pg_conn *pc = calloc(1, sizeof *pc);
    if (!pc) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    pc->conn = PQconnectdb(conninfo);
    s->db = pc;
    if (!pc->conn || PQstatus(pc->conn) != CONNECTION_OK) {
        char clean[200];
        snprintf(clean, sizeof clean, "%s", pc->conn ? PQerrorMessage(pc->conn) : "out of memory");
        clean[strcspn(clean, "\n")] = '\0';
        vg_err_set(err, VG_ERR_DB, NULL, 0, "cannot connect to PostgreSQL: %s", clean);
        pg_close(s);
        return VG_ERR_DB;
    }
    PQsetNoticeProcessor(pc->conn, quiet_notices, NULL);
    vg_status st = pg_exec(s, "SET client_encoding = 'UTF8'; SET client_min_messages = warning;", err);
    if (st == VG_OK && (s->opt.flags & VG_STORE_READONLY))
        st = pg_exec(s, "SET default_transaction_read_only = on;", err);
    return st;
}
