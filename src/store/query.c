/* query.c — reading the store: filtered event listings with evidence,
 * dyad series, country-pair totals, actor search and counts.
 *
 * Actor and code filters are prefixes, turned into byte ranges
 * (`col >= 'VEN' AND col < 'VEO'`) so that both backends answer them from
 * the events_key / events_target indexes (PostgreSQL columns are COLLATE "C",
 * see schema.c). Series at country level (3-character prefixes) read the
 * dyad_day aggregate that commit.c maintains, so their cost does not grow
 * with the number of events. */
#include "store/store.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARAMS 24
#define MAX_PREFIX 72

typedef struct qbuild {
    vg_store *s;         /* for expanding actor prefixes; NULL = never expand */
    vg_buf sql;
    int n;
    bool is_text[MAX_PARAMS];
    const char *text[MAX_PARAMS];
    int64_t num[MAX_PARAMS];
    char his[8][MAX_PREFIX + 1]; /* storage for range upper bounds */
    int n_his;
    bool any_where;
    bool overflow;
} qbuild;

static void p_text(qbuild *b, const char *t) {
    if (b->n >= MAX_PARAMS) { b->overflow = true; return; }
    b->is_text[b->n] = true;
    b->text[b->n++] = t;
}
static void p_int(qbuild *b, int64_t v) {
    if (b->n >= MAX_PARAMS) { b->overflow = true; return; }
    b->is_text[b->n] = false;
    b->num[b->n++] = v;
}

static void cond(qbuild *b, const char *text) {
    vg_buf_puts(&b->sql, b->any_where ? " AND " : " WHERE ");
    vg_buf_puts(&b->sql, text);
    b->any_where = true;
}

#define MAX_EXPAND 256

/* An actor prefix names the codes the actors table lists under it. When they
 * are few, `col IN ('VENGOV', 'VENMIL')` lets the index seek each one
 * (with a second column after it: source IN (...) AND target IN (...) is a
 * handful of seeks), where a range on the first column would scan every
 * code of the prefix and filter the second. Codes are inlined as literals
 * (quotes doubled): a dyad may expand to hundreds. Returns false (use a
 * range) when there are too many or the lookup fails. */
static bool expand(qbuild *b, const char *col, const char *prefix, const char *hi) {
    if (!b->s || (strcmp(col, "source") && strcmp(col, "target"))) return false;
    const vg_store_ops *o = b->s->ops;
    vg_stmt *st;
    if (o->prepare(b->s, *hi ? "SELECT code FROM actors WHERE code >= ? AND code < ? LIMIT 257"
                             : "SELECT code FROM actors WHERE code >= ? LIMIT 257", &st, NULL) != VG_OK)
        return false;
    o->bind_text(st, 1, prefix, strlen(prefix));
    if (*hi) o->bind_text(st, 2, hi, strlen(hi));
    vg_buf list = VG_BUF_INIT;
    int n = 0;
    vg_status rc;
    while ((rc = o->step(st, NULL)) == VG_OK && n <= MAX_EXPAND) {
        const char *c = o->col_text(st, 0);
        if (!c) continue;
        vg_buf_puts(&list, n++ ? ",'" : "'");
        for (; *c; c++) {
            if (*c == '\'') vg_buf_putc(&list, '\'');
            vg_buf_putc(&list, *c);
        }
        vg_buf_putc(&list, '\'');
    }
    o->finalize(st);
    bool ok = (rc == VG_DONE || rc == VG_OK) && n <= MAX_EXPAND && !list.oom;
    if (ok) {
        if (n) vg_buf_printf(&b->sql, "%s IN (%s)", col, list.ptr);
        else vg_buf_puts(&b->sql, "1 = 0"); /* no actor under this prefix */
    }
    vg_buf_free(&list);
    return ok;
}

/* Append "(col >= ? AND col < ?)" (or "col >= ?" when unbounded) for prefix,
 * or the IN list of its codes (expand). */
static void range(qbuild *b, const char *col, const char *prefix) {
    if (b->n_his >= 8) { b->overflow = true; return; }
    char *hi = b->his[b->n_his++];
    vg_store__prefix_hi(prefix, hi, MAX_PREFIX + 1);
    if (expand(b, col, prefix, hi)) return;
    if (*hi) {
        vg_buf_printf(&b->sql, "(%s >= ? AND %s < ?)", col, col);
        p_text(b, prefix);
        p_text(b, hi);
    } else {
        vg_buf_printf(&b->sql, "%s >= ?", col);
        p_text(b, prefix);
    }
}

static void range_cond(qbuild *b, const char *col, const char *prefix) {
    vg_buf_puts(&b->sql, b->any_where ? " AND " : " WHERE ");
    b->any_where = true;
    range(b, col, prefix);
}

static bool set(const char *s) { return s && *s; }

static vg_status check_prefix(const char *p, const char *what, vg_error *err) {
    if (p && strlen(p) > MAX_PREFIX)
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "%s filter longer than %d bytes", what, MAX_PREFIX);
    return VG_OK;
}

static vg_status where_clause(qbuild *b, const vg_query *q, vg_error *err) {
    vg_status rc;
    if ((rc = check_prefix(q->actor, "actor", err)) || (rc = check_prefix(q->source, "source", err)) ||
        (rc = check_prefix(q->target, "target", err)) || (rc = check_prefix(q->dyad_a, "dyad", err)) ||
        (rc = check_prefix(q->dyad_b, "dyad", err)) || (rc = check_prefix(q->code, "code", err)))
        return rc;
    if (set(q->dyad_a) != set(q->dyad_b))
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "a dyad needs both actors");
    if (q->quad < 0 || q->quad > 4) return vg_err_set(err, VG_ERR_ARG, NULL, 0, "quad class must be 1..4");
    if (q->root < 0 || q->root > 20) return vg_err_set(err, VG_ERR_ARG, NULL, 0, "root code must be 1..20");
    if (set(q->actor)) {
        cond(b, "(");
        range(b, "source", q->actor);
        vg_buf_puts(&b->sql, " OR ");
        range(b, "target", q->actor);
        vg_buf_puts(&b->sql, ")");
    }
    if (set(q->source)) range_cond(b, "source", q->source);
    if (set(q->target)) range_cond(b, "target", q->target);
    if (set(q->dyad_a)) {
        cond(b, "((");
        range(b, "source", q->dyad_a);
        vg_buf_puts(&b->sql, " AND ");
        range(b, "target", q->dyad_b);
        vg_buf_puts(&b->sql, ") OR (");
        range(b, "source", q->dyad_b);
        vg_buf_puts(&b->sql, " AND ");
        range(b, "target", q->dyad_a);
        vg_buf_puts(&b->sql, "))");
    }
    if (set(q->code)) range_cond(b, "code", q->code);
    if (q->root) { cond(b, "root = ?"); p_int(b, q->root); }
    if (q->quad) { cond(b, "quad = ?"); p_int(b, q->quad); }
    if (q->date_from) { cond(b, "date >= ?"); p_int(b, q->date_from); }
    if (q->date_to) { cond(b, "date <= ?"); p_int(b, q->date_to); }
    if (q->min_mentions > 1) { cond(b, "num_mentions >= ?"); p_int(b, q->min_mentions); }
    if (set(q->doc_id)) {
        cond(b, "id IN (SELECT m.event FROM mentions m JOIN documents d ON d.id = m.doc WHERE d.key = ?)");
        p_text(b, q->doc_id);
    }
    return VG_OK;
}

static vg_status prepare_built(vg_store *s, qbuild *b, vg_stmt **out, vg_error *err) {
    if (b->sql.oom) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    if (b->overflow) return vg_err_set(err, VG_ERR_LIMIT, NULL, 0, "too many query conditions");
    vg_status rc = s->ops->prepare(s, b->sql.ptr, out, err);
    if (rc != VG_OK) return rc;
    for (int i = 0; i < b->n; i++) {
        if (b->is_text[i]) s->ops->bind_text(*out, i + 1, b->text[i], strlen(b->text[i]));
        else s->ops->bind_int(*out, i + 1, b->num[i]);
    }
    return VG_OK;
}

static const vg_query *query_or_all(const vg_query *q, vg_query *all) {
    if (q) return q;
    vg_query init = VG_QUERY_INIT;
    *all = init;
    return all;
}

vg_status vg_store_count(vg_store *s, const vg_query *q, int64_t *out, vg_error *err) {
    vg_query all;
    q = query_or_all(q, &all);
    qbuild b;
    memset(&b, 0, sizeof b);
    b.s = s;
    vg_buf_puts(&b.sql, "SELECT count(*) FROM events");
    vg_status rc = where_clause(&b, q, err);
    vg_stmt *st = NULL;
    if (rc == VG_OK) rc = prepare_built(s, &b, &st, err);
    if (rc == VG_OK) {
        rc = s->ops->step(st, err);
        if (rc == VG_OK) *out = s->ops->col_int(st, 0);
        else if (rc == VG_DONE) { *out = 0; rc = VG_OK; }
    }
    if (st) s->ops->finalize(st);
    vg_buf_free(&b.sql);
    return rc;
}

static const char *dupcol(vg_arena *a, vg_store *s, vg_stmt *st, int i) {
    const char *t = s->ops->col_text(st, i);
    return t ? vg_arena_strndup(a, t, strlen(t)) : NULL;
}

static vg_status load_mentions(vg_store *s, vg_stmt *mst, vg_stored_event *ev, size_t max,
                               vg_arena *a, vg_error *err) {
    const vg_store_ops *o = s->ops;
    o->reset(mst);
    o->bind_int(mst, 1, ev->id);
    o->bind_int(mst, 2, (int64_t)max);
    vg_mention *m = vg_arena_calloc(a, max, sizeof *m);
    if (!m) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    size_t n = 0;
    vg_status rc;
    while (n < max && (rc = o->step(mst, err)) == VG_OK) {
        vg_mention *x = &m[n++];
        x->doc_id = dupcol(a, s, mst, 0);
        x->doc_date = (int32_t)o->col_int(mst, 1);
        x->publisher = dupcol(a, s, mst, 2);
        x->url = dupcol(a, s, mst, 3);
        x->sentence = (int)o->col_int(mst, 4);
        x->sentence_text = dupcol(a, s, mst, 5);
        x->source_text = dupcol(a, s, mst, 6);
        x->verb_text = dupcol(a, s, mst, 7);
        x->target_text = dupcol(a, s, mst, 8);
        if (!x->sentence_text) x->sentence_text = "";
        if (!x->doc_id || !x->source_text || !x->verb_text || !x->target_text)
            return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    }
    if (n < max && rc != VG_DONE) return rc;
    o->reset(mst);
    ev->mentions = m;
    ev->mention_count = n;
    return VG_OK;
}

vg_status vg_store_query(vg_store *s, const vg_query *q, vg_store_event_fn fn, void *payload,
                         vg_error *err) {
    vg_query all;
    q = query_or_all(q, &all);
    qbuild b;
    memset(&b, 0, sizeof b);
    b.s = s;
    vg_buf_puts(&b.sql, "SELECT id, date, source, target, code, root, quad, goldstein, "
                        "num_mentions, num_sources, num_articles FROM events");
    vg_status rc = where_clause(&b, q, err);
    if (rc != VG_OK) { vg_buf_free(&b.sql); return rc; }
    switch (q->order) {
    case VG_ORDER_DATE_DESC: vg_buf_puts(&b.sql, " ORDER BY date DESC, source, target, code"); break;
    case VG_ORDER_MENTIONS_DESC:
        vg_buf_puts(&b.sql, " ORDER BY num_mentions DESC, date, source, target, code"); break;
    case VG_ORDER_DATE: default: vg_buf_puts(&b.sql, " ORDER BY date, source, target, code"); break;
    }
    if (q->limit || q->offset) {
        vg_buf_puts(&b.sql, " LIMIT ? OFFSET ?");
        p_int(&b, q->limit ? (int64_t)q->limit : INT64_MAX);
        p_int(&b, (int64_t)q->offset);
    }
    vg_stmt *st = NULL, *mst = NULL;
    rc = prepare_built(s, &b, &st, err);
    if (rc == VG_OK && s->ops->stream) s->ops->stream(st); /* listings can be huge */
    bool evidence = q->flags & VG_QUERY_EVIDENCE;
    size_t maxm = q->max_mentions ? q->max_mentions : 20;
    if (rc == VG_OK && evidence)
        rc = s->ops->prepare(s,
                             "SELECT d.key, d.date, d.source, d.url, m.sentence, t.text, "
                             "m.source_text, m.verb_text, m.target_text FROM mentions m "
                             "JOIN documents d ON d.id = m.doc "
                             "LEFT JOIN sentences t ON t.doc = m.doc AND t.idx = m.sentence "
                             "WHERE m.event = ? ORDER BY d.date DESC, m.id DESC LIMIT ?",
                             &mst, err);
    vg_arena a;
    vg_arena_init(&a, 16 * 1024);
    const vg_store_ops *o = s->ops;
    while (rc == VG_OK && (rc = o->step(st, err)) == VG_OK) {
        vg_arena_reset(&a);
        vg_stored_event ev;
        memset(&ev, 0, sizeof ev);
        ev.id = o->col_int(st, 0);
        ev.date = (int32_t)o->col_int(st, 1);
        ev.source = dupcol(&a, s, st, 2);
        ev.target = dupcol(&a, s, st, 3);
        ev.code = dupcol(&a, s, st, 4);
        ev.root = (int)o->col_int(st, 5);
        ev.quad = (int)o->col_int(st, 6);
        ev.goldstein = o->col_double(st, 7);
        ev.num_mentions = (int)o->col_int(st, 8);
        ev.num_sources = (int)o->col_int(st, 9);
        ev.num_articles = (int)o->col_int(st, 10);
        if (!ev.source || !ev.target || !ev.code) {
            rc = vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
            break;
        }
        if (evidence && (rc = load_mentions(s, mst, &ev, maxm, &a, err)) != VG_OK) break;
        if (fn(&ev, payload)) { rc = VG_DONE; break; }
    }
    if (rc == VG_DONE) rc = VG_OK;
    vg_arena_free(&a);
    if (mst) o->finalize(mst);
    if (st) o->finalize(st);
    vg_buf_free(&b.sql);
    return rc;
}

/* ---- series ---- */

static void flow_add(vg_flow *f, int64_t events, const int64_t q[5], double gold, int64_t mentions,
                     double coop, double conf) {
    f->events += events;
    for (int i = 1; i <= 4; i++) f->quad[i] += q[i];
    f->goldstein_sum += gold;
    f->mentions += mentions;
    f->coop += coop;
    f->conf += conf;
}

static bool has_prefix(const char *s, const char *p) { return s && !strncmp(s, p, strlen(p)); }

vg_status vg_store_series(vg_store *s, const char *a, const char *b_, vg_period by, int32_t from,
                          int32_t to, vg_series_fn fn, void *payload, vg_error *err) {
    if (!set(a) || !set(b_)) return vg_err_set(err, VG_ERR_ARG, NULL, 0, "a dyad needs two actors");
    vg_status rc;
    if ((rc = check_prefix(a, "dyad", err)) || (rc = check_prefix(b_, "dyad", err))) return rc;
    bool country = strlen(a) == 3 && strlen(b_) == 3;
    qbuild b;
    memset(&b, 0, sizeof b);
    if (country) {
        vg_buf_puts(&b.sql, "SELECT a, b, day, events, q1, q2, q3, q4, goldstein_sum, mentions, "
                            "coop, conf FROM dyad_day WHERE ((a = ? AND b = ?) OR (a = ? AND b = ?))");
        p_text(&b, a); p_text(&b, b_); p_text(&b, b_); p_text(&b, a);
        b.any_where = true;
        if (from) { cond(&b, "day >= ?"); p_int(&b, from); }
        if (to) { cond(&b, "day <= ?"); p_int(&b, to); }
        vg_buf_puts(&b.sql, " ORDER BY day");
    } else {
        vg_query q = VG_QUERY_INIT;
        q.dyad_a = a;
        q.dyad_b = b_;
        q.date_from = from;
        q.date_to = to;
        b.s = s;
        vg_buf_puts(&b.sql, "SELECT source, target, date, 1, quad, goldstein, num_mentions FROM events");
        if ((rc = where_clause(&b, &q, err)) != VG_OK) { vg_buf_free(&b.sql); return rc; }
        vg_buf_puts(&b.sql, " ORDER BY date");
    }
    vg_stmt *st = NULL;
    rc = prepare_built(s, &b, &st, err);
    if (rc == VG_OK && !country && s->ops->stream) s->ops->stream(st);
    const vg_store_ops *o = s->ops;
    vg_series_point p;
    memset(&p, 0, sizeof p);
    bool open = false;
    while (rc == VG_OK && (rc = o->step(st, err)) == VG_OK) {
        const char *src = o->col_text(st, 0), *tgt = o->col_text(st, 1);
        int32_t day = (int32_t)o->col_int(st, 2);
        int32_t period = vg_store__period_start(day, by);
        if (open && period != p.period) {
            if (fn(&p, payload)) { open = false; rc = VG_DONE; break; }
            open = false;
        }
        if (!open) {
            memset(&p, 0, sizeof p);
            p.period = period;
            open = true;
        }
        int64_t q[5] = { 0 };
        double gold, coop, conf;
        int64_t events, mentions;
        if (country) {
            events = o->col_int(st, 3);
            for (int i = 1; i <= 4; i++) q[i] = o->col_int(st, 3 + i);
            gold = o->col_double(st, 8);
            mentions = o->col_int(st, 9);
            coop = o->col_double(st, 10);
            conf = o->col_double(st, 11);
        } else {
            events = 1;
            int quad = (int)o->col_int(st, 4);
            if (quad >= 1 && quad <= 4) q[quad] = 1;
            gold = o->col_double(st, 5);
            mentions = o->col_int(st, 6);
            coop = gold > 0 ? gold : 0;
            conf = gold < 0 ? -gold : 0;
        }
        bool ab = country ? (src && !strcmp(src, a) && tgt && !strcmp(tgt, b_))
                          : (has_prefix(src, a) && has_prefix(tgt, b_));
        flow_add(ab ? &p.ab : &p.ba, events, q, gold, mentions, coop, conf);
    }
    if (rc == VG_DONE && open) (void)fn(&p, payload);
    if (rc == VG_DONE) rc = VG_OK;
    if (st) o->finalize(st);
    vg_buf_free(&b.sql);
    return rc;
}

static void pair_row(const vg_store_ops *o, vg_stmt *st, vg_pair_flow *p) {
    memset(p, 0, sizeof *p);
    p->a = o->col_text(st, 0);
    p->b = o->col_text(st, 1);
    p->flow.events = o->col_int(st, 2);
    for (int i = 1; i <= 4; i++) p->flow.quad[i] = o->col_int(st, 2 + i);
    p->flow.goldstein_sum = o->col_double(st, 7);
    p->flow.mentions = o->col_int(st, 8);
    p->flow.coop = o->col_double(st, 9);
    p->flow.conf = o->col_double(st, 10);
}

#define PAIR_SUMS "sum(d.events), sum(d.q1), sum(d.q2), sum(d.q3), sum(d.q4), " \
                  "sum(d.goldstein_sum), sum(d.mentions), sum(d.coop), sum(d.conf)"

/* A window on SQLite, whose dyad_day has no by-day index (schema.c,
 * migration 5): each country pair in key order, found by a seek past the
 * previous one, and its day range read from the primary key (a, b, day):
 * two seeks per pair plus the rows in the window, in one read snapshot. The
 * seek past a pair names the whole key, (a, b, day) > (pair, largest day):
 * with (a, b) > (pair) SQLite 3.40 seeks on a only and steps through the
 * rest of a's rows. */
static vg_status pairs_by_seek(vg_store *s, int32_t from, int32_t to, vg_pair_fn fn, void *payload,
                               vg_error *err) {
    const vg_store_ops *o = s->ops;
    static const char first[] =
        "SELECT p.a, p.b, " PAIR_SUMS " FROM (SELECT a, b FROM dyad_day ORDER BY a, b LIMIT 1) p "
        "LEFT JOIN dyad_day d ON d.a = p.a AND d.b = p.b AND d.day >= ?1 AND d.day <= ?2";
    static const char next[] =
        "SELECT p.a, p.b, " PAIR_SUMS " FROM (SELECT a, b FROM dyad_day "
        "WHERE (a, b, day) > (?3, ?4, 2147483647) ORDER BY a, b, day LIMIT 1) p "
        "LEFT JOIN dyad_day d ON d.a = p.a AND d.b = p.b AND d.day >= ?1 AND d.day <= ?2";
    /* one read snapshot for all the statements, as the single statement of
     * the other path has (a savepoint opens a transaction or nests in one) */
    vg_status rc = o->exec(s, "SAVEPOINT vg_pairs", err);
    if (rc != VG_OK) return rc;
    vg_stmt *st1 = NULL, *st2 = NULL;
    rc = o->prepare(s, first, &st1, err);
    if (rc == VG_OK) rc = o->prepare(s, next, &st2, err);
    char a[MAX_PREFIX + 1], b[MAX_PREFIX + 1];
    vg_stmt *st = st1;
    while (rc == VG_OK) {
        o->bind_int(st, 1, from ? from : INT32_MIN);
        o->bind_int(st, 2, to ? to : INT32_MAX);
        if (st == st2) {
            o->bind_text(st, 3, a, strlen(a));
            o->bind_text(st, 4, b, strlen(b));
        }
        /* an aggregate without GROUP BY: one row, a NULL pair after the last */
        if ((rc = o->step(st, err)) != VG_OK) break;
        vg_pair_flow p;
        pair_row(o, st, &p);
        if (!p.a || !p.b) { rc = VG_DONE; break; }
        if (strlen(p.a) > MAX_PREFIX || strlen(p.b) > MAX_PREFIX) {
            rc = vg_err_set(err, VG_ERR_DB, NULL, 0, "dyad_day: country pair longer than %d bytes", MAX_PREFIX);
            break;
        }
        if (p.flow.events > 0 && fn(&p, payload)) { rc = VG_DONE; break; }
        snprintf(a, sizeof a, "%s", p.a);
        snprintf(b, sizeof b, "%s", p.b);
        o->reset(st);
        st = st2;
    }
    if (rc == VG_DONE) rc = VG_OK;
    if (st1) o->finalize(st1);
    if (st2) o->finalize(st2);
    vg_status re = o->exec(s, "RELEASE vg_pairs", rc == VG_OK ? err : NULL);
    return rc == VG_OK ? re : rc;
}

vg_status vg_store_pairs(vg_store *s, int32_t from, int32_t to, vg_pair_fn fn, void *payload,
                         vg_error *err) {
    if ((from || to) && !strcmp(s->ops->name, "sqlite")) return pairs_by_seek(s, from, to, fn, payload, err);
    qbuild b;
    memset(&b, 0, sizeof b);
    vg_buf_puts(&b.sql, "SELECT a, b, sum(events), sum(q1), sum(q2), sum(q3), sum(q4), "
                        "sum(goldstein_sum), sum(mentions), sum(coop), sum(conf) FROM dyad_day");
    if (from) { cond(&b, "day >= ?"); p_int(&b, from); }
    if (to) { cond(&b, "day <= ?"); p_int(&b, to); }
    vg_buf_puts(&b.sql, " GROUP BY a, b HAVING sum(events) > 0 ORDER BY a, b");
    vg_stmt *st = NULL;
    vg_status rc = prepare_built(s, &b, &st, err);
    const vg_store_ops *o = s->ops;
    while (rc == VG_OK && (rc = o->step(st, err)) == VG_OK) {
        vg_pair_flow p;
        pair_row(o, st, &p);
        if (fn(&p, payload)) { rc = VG_DONE; break; }
    }
    if (rc == VG_DONE) rc = VG_OK;
    if (st) o->finalize(st);
    vg_buf_free(&b.sql);
    return rc;
}

vg_status vg_store_actors(vg_store *s, const char *prefix, size_t limit, vg_actor_fn fn,
                          void *payload, vg_error *err) {
    vg_status rc = check_prefix(prefix, "actor", err);
    if (rc != VG_OK) return rc;
    qbuild b;
    memset(&b, 0, sizeof b);
    vg_buf_puts(&b.sql, "SELECT code, name, events, first_date, last_date FROM actors");
    if (set(prefix)) range_cond(&b, "code", prefix);
    vg_buf_puts(&b.sql, " ORDER BY events DESC, code LIMIT ?");
    p_int(&b, (int64_t)(limit ? limit : 100));
    vg_stmt *st = NULL;
    rc = prepare_built(s, &b, &st, err);
    const vg_store_ops *o = s->ops;
    while (rc == VG_OK && (rc = o->step(st, err)) == VG_OK) {
        vg_store_actor x;
        x.code = o->col_text(st, 0);
        x.name = o->col_text(st, 1);
        x.events = o->col_int(st, 2);
        x.first_date = (int32_t)o->col_int(st, 3);
        x.last_date = (int32_t)o->col_int(st, 4);
        if (fn(&x, payload)) { rc = VG_DONE; break; }
    }
    if (rc == VG_DONE) rc = VG_OK;
    if (st) o->finalize(st);
    vg_buf_free(&b.sql);
    return rc;
}

vg_status vg_store_get_stats(vg_store *s, vg_store_stats *out, vg_error *err) {
    memset(out, 0, sizeof *out);
    vg_stmt *st;
    vg_status rc = s->ops->prepare(s,
                                   "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences), "
                                   "(SELECT count(*) FROM events), (SELECT count(*) FROM mentions), "
                                   "(SELECT coalesce(min(date), 0) FROM events), "
                                   "(SELECT coalesce(max(date), 0) FROM events)",
                                   &st, err);
    if (rc != VG_OK) return rc;
    rc = s->ops->step(st, err);
    if (rc == VG_OK) {
        out->documents = s->ops->col_int(st, 0);
        out->sentences = s->ops->col_int(st, 1);
        out->events = s->ops->col_int(st, 2);
        out->mentions = s->ops->col_int(st, 3);
        out->date_min = (int32_t)s->ops->col_int(st, 4);
        out->date_max = (int32_t)s->ops->col_int(st, 5);
    }
    if (rc == VG_DONE) rc = VG_OK;
    out->schema_version = s->schema_version;
    s->ops->finalize(st);
    return rc;
}
