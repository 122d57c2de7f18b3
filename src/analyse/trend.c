/* trend.c — one dyad over time: counts per quad class, Goldstein sum and mean,
 * Goldstein-weighted cooperation and conflict and their index, per day, week
 * or month, both directions.
 *
 * The series comes from vg_store_series: for a dyad of two 3-letter
 * prefixes (countries) the store reads its daily country-pair aggregate, so
 * the cost follows the number of days, not of events; for longer prefixes
 * (VENGOV) it scans the dyad's events with a light query. The aggregate keeps
 * cooperation and conflict weighted separately (vg_flow.coop / conf), which
 * is all the index needs. Streaming every event (vg_store_query) is kept as
 * the reference path: both give identical trends (Goldstein sums are rounded
 * to 4 decimals, vg_analyse__weight, so the order of summation cannot show). */
#include "analyse/analyse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct vg_trend {
    char a[64], b[64];
    vg_period by;
    int32_t from, to;            /* as asked (0 = open) */
    vg_trend_point *pts;
    size_t n, cap;
    vg_trend_point total;
};

typedef struct trend_ctx {
    vg_trend *t;
    int oom;
} trend_ctx;

/* A series longer than this is a mistake (--by day over centuries), not a
 * trend anyone reads: refuse it rather than allocate gigabytes. */
#define MAX_PERIODS 200000

static int push_period(vg_trend *t, int32_t period) {
    if (t->n >= MAX_PERIODS) return -1;
    if (!vg_grow((void **)&t->pts, &t->cap, t->n, sizeof *t->pts, 64)) return -1;
    memset(&t->pts[t->n], 0, sizeof t->pts[0]);
    t->pts[t->n++].period = period;
    return 0;
}

/* Append empty periods until the last one is `period`. */
static int fill_to(vg_trend *t, int32_t period) {
    if (!t->n) return push_period(t, period);
    while (t->pts[t->n - 1].period < period) {
        if (push_period(t, vg_analyse__period_next(t->pts[t->n - 1].period, t->by))) return -1;
    }
    return 0;
}

static int has_prefix(const char *s, const char *p) {
    return strncmp(s, p, strlen(p)) == 0;
}

static int on_event(const vg_stored_event *ev, void *payload) {
    trend_ctx *c = payload;
    vg_trend *t = c->t;
    int32_t period = vg_analyse__period_start(ev->date, t->by);
    if (fill_to(t, period)) { c->oom = 1; return 1; }
    /* Events arrive in date order, so the event's period is the last one. */
    vg_trend_point *p = &t->pts[t->n - 1];
    int ab = has_prefix(ev->source, t->a) && has_prefix(ev->target, t->b);
    vg_analyse__flow_add(ab ? &p->ab : &p->ba, ev->quad, ev->goldstein, ev->num_mentions);
    return 0;
}

static int on_point(const vg_series_point *sp, void *payload) {
    trend_ctx *c = payload;
    vg_trend *t = c->t;
    if (fill_to(t, sp->period)) { c->oom = 1; return 1; }
    /* Points arrive in period order, one per period. */
    vg_trend_point *p = &t->pts[t->n - 1];
    vg_analyse__flow_sum(&p->ab, &sp->ab);
    vg_analyse__flow_sum(&p->ba, &sp->ba);
    return 0;
}

vg_status vg_trend_build(vg_trend **out, vg_store *s, const char *a, const char *b,
                         vg_period by, int32_t from, int32_t to, vg_error *err) {
    return vg_analyse__trend_build(out, s, a, b, by, from, to, 1, err);
}

vg_status vg_analyse__trend_build(vg_trend **out, vg_store *s, const char *a, const char *b,
                                  vg_period by, int32_t from, int32_t to, int filter, vg_error *err) {
    return vg_analyse__trend_build_from(out, s, a, b, by, from, to, filter, VG_ANALYSE__SERIES, err);
}

vg_status vg_analyse__trend_build_from(vg_trend **out, vg_store *s, const char *a, const char *b,
                                       vg_period by, int32_t from, int32_t to, int filter,
                                       vg_analyse__source src, vg_error *err) {
    *out = NULL;
    if (!a || !*a || !b || !*b) return vg_err_set(err, VG_ERR_ARG, NULL, 0, "a dyad needs two actor codes");
    if (strlen(a) >= 64 || strlen(b) >= 64) return vg_err_set(err, VG_ERR_ARG, NULL, 0, "actor code too long");
    if (from && to && from > to) return vg_err_set(err, VG_ERR_ARG, NULL, 0, "the window starts after it ends");
    if (by != VG_PERIOD_DAY && by != VG_PERIOD_WEEK && by != VG_PERIOD_MONTH)
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "unknown period");
    vg_trend *t = calloc(1, sizeof *t);
    if (!t) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    strcpy(t->a, a);
    strcpy(t->b, b);
    t->by = by;
    t->from = from;
    t->to = to;
    trend_ctx c = { t, 0 };
    if (from && push_period(t, vg_analyse__period_start(from, by))) c.oom = 1;
    vg_status st = VG_OK;
    if (c.oom) {
        /* refused below */
    } else if (src == VG_ANALYSE__EVENTS) {
        vg_query q = VG_QUERY_INIT;
        q.dyad_a = a;
        q.dyad_b = b;
        q.date_from = filter ? from : 0;
        q.date_to = filter ? to : 0;
        q.order = VG_ORDER_DATE;
        st = vg_store_query(s, &q, on_event, &c, err);
    } else {
        /* The country aggregate is indexed by dyad and day: a window only
         * narrows it. An actor-level series scans events, where (as for the
         * event path) a date range may steer SQLite to the date index. */
        int country = strlen(a) == 3 && strlen(b) == 3;
        st = vg_store_series(s, a, b, by, filter || country ? from : 0, filter || country ? to : 0, on_point,
                             &c, err);
    }
    if (st == VG_OK && !c.oom && to && (t->n || from)) {
        if (fill_to(t, vg_analyse__period_start(to, by))) c.oom = 1;
    }
    if (st == VG_OK && c.oom && t->n >= MAX_PERIODS)
        st = vg_err_set(err, VG_ERR_LIMIT, NULL, 0, "more than %d periods: use a shorter window or longer periods",
                        MAX_PERIODS);
    else if (st == VG_OK && c.oom) st = vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    if (st != VG_OK) { vg_trend_free(t); return st; }
    for (size_t i = 0; i < t->n; i++) {
        vg_trend_point *p = &t->pts[i];
        vg_analyse__flow_round(&p->ab);
        vg_analyse__flow_round(&p->ba);
        p->all = p->ab;
        vg_analyse__flow_sum(&p->all, &p->ba);
        vg_analyse__flow_round(&p->all);
        p->coop = p->all.coop;
        p->conf = p->all.conf;
        p->index = vg_analyse__cci(p->coop, p->conf);
        vg_analyse__flow_sum(&t->total.ab, &p->ab);
        vg_analyse__flow_sum(&t->total.ba, &p->ba);
    }
    vg_analyse__flow_round(&t->total.ab);
    vg_analyse__flow_round(&t->total.ba);
    t->total.all = t->total.ab;
    vg_analyse__flow_sum(&t->total.all, &t->total.ba);
    vg_analyse__flow_round(&t->total.all);
    t->total.coop = t->total.all.coop;
    t->total.conf = t->total.all.conf;
    t->total.period = t->n ? t->pts[0].period : 0;
    t->total.index = vg_analyse__cci(t->total.coop, t->total.conf);
    *out = t;
    return VG_OK;
}

void vg_trend_free(vg_trend *t) {
    if (!t) return;
    free(t->pts);
    free(t);
}

size_t vg_trend_count(const vg_trend *t) { return t->n; }
const vg_trend_point *vg_trend_at(const vg_trend *t, size_t i) { return i < t->n ? &t->pts[i] : NULL; }
const vg_trend_point *vg_trend_total(const vg_trend *t) { return &t->total; }

static double mean_of(const vg_flow *f) {
    return f->events ? f->goldstein_sum / (double)f->events : NAN;
}

static void write_flow_json(vg_out *o, const vg_flow *f) {
    vg_analyse__printf(o, "{\"events\":%lld,\"quad\":[%lld,%lld,%lld,%lld],\"goldstein_sum\":",
                       (long long)f->events, (long long)f->quad[1], (long long)f->quad[2],
                       (long long)f->quad[3], (long long)f->quad[4]);
    vg_analyse__json_num(o, f->goldstein_sum);
    vg_analyse__puts(o, ",\"goldstein_mean\":");
    vg_analyse__json_num(o, mean_of(f));
    vg_analyse__printf(o, ",\"mentions\":%lld}", (long long)f->mentions);
}

static void write_point_json(vg_out *o, const vg_trend_point *p) {
    char d[11];
    vg_analyse__date_str(p->period, d);
    vg_analyse__printf(o, "{\"period\":\"%s\",\"ab\":", d);
    write_flow_json(o, &p->ab);
    vg_analyse__puts(o, ",\"ba\":");
    write_flow_json(o, &p->ba);
    vg_analyse__puts(o, ",\"all\":");
    write_flow_json(o, &p->all);
    vg_analyse__puts(o, ",\"coop\":");
    vg_analyse__json_num(o, p->coop);
    vg_analyse__puts(o, ",\"conf\":");
    vg_analyse__json_num(o, p->conf);
    vg_analyse__puts(o, ",\"cci\":");
    vg_analyse__json_num(o, p->all.events ? p->index : NAN);
    vg_analyse__puts(o, "}");
}

static void write_json(vg_out *o, const vg_trend *t) {
    char f[11], to[11];
    vg_analyse__date_str(t->n ? t->pts[0].period : t->from, f);
    vg_analyse__date_str(t->n ? t->pts[t->n - 1].period : t->to, to);
    vg_analyse__puts(o, "{\"a\":");
    vg_analyse__json_str(o, t->a);
    vg_analyse__puts(o, ",\"b\":");
    vg_analyse__json_str(o, t->b);
    vg_analyse__printf(o, ",\"by\":\"%s\",\"from\":", vg_analyse__period_name(t->by));
    if (*f) vg_analyse__printf(o, "\"%s\"", f); else vg_analyse__puts(o, "null");
    vg_analyse__puts(o, ",\"to\":");
    if (*to) vg_analyse__printf(o, "\"%s\"", to); else vg_analyse__puts(o, "null");
    vg_analyse__puts(o, ",\"index\":\"cci = (coop - conf) / (coop + conf), Goldstein-weighted\",\"total\":");
    write_point_json(o, &t->total);
    vg_analyse__puts(o, ",\"points\":[");
    for (size_t i = 0; i < t->n; i++) {
        if (i) vg_analyse__puts(o, ",");
        write_point_json(o, &t->pts[i]);
    }
    vg_analyse__puts(o, "]}\n");
}

static void write_csv(vg_out *o, const vg_trend *t) {
    vg_analyse__puts(o, "period,events,ab_events,ba_events,verbal_coop,material_coop,verbal_conflict,"
                        "material_conflict,goldstein_sum,goldstein_mean,coop,conf,cci,mentions\n");
    for (size_t i = 0; i < t->n; i++) {
        const vg_trend_point *p = &t->pts[i];
        char d[11];
        vg_analyse__date_str(p->period, d);
        vg_analyse__printf(o, "%s,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%.3f,", d, (long long)p->all.events,
                           (long long)p->ab.events, (long long)p->ba.events, (long long)p->all.quad[1],
                           (long long)p->all.quad[2], (long long)p->all.quad[3],
                           (long long)p->all.quad[4], p->all.goldstein_sum);
        if (p->all.events) vg_analyse__printf(o, "%.3f,", mean_of(&p->all));
        else vg_analyse__puts(o, ",");
        vg_analyse__printf(o, "%.3f,%.3f,", p->coop, p->conf);
        if (p->all.events) vg_analyse__printf(o, "%.4f", p->index);
        vg_analyse__printf(o, ",%lld\n", (long long)p->all.mentions);
    }
}

static void write_table(vg_out *o, const vg_trend *t) {
    char la[96], lb[96], f[11], to[11];
    vg_analyse__party_label(t->a, la, sizeof la);
    vg_analyse__party_label(t->b, lb, sizeof lb);
    vg_analyse__date_str(t->n ? t->pts[0].period : t->from, f);
    vg_analyse__date_str(t->n ? t->pts[t->n - 1].period : t->to, to);
    vg_analyse__printf(o, "a = %s (%s), b = %s (%s), by %s", la, t->a, lb, t->b, vg_analyse__period_name(t->by));
    if (*f) vg_analyse__printf(o, ", %s .. %s", f, to);
    vg_analyse__puts(o, "\n");
    if (!t->total.all.events) {
        vg_analyse__puts(o, "no events between these actors in the window\n");
        return;
    }
    vg_analyse__printf(o, "%-10s %6s %5s %5s %5s %5s %5s %5s %8s %6s %6s  %-21s\n", "period", "events",
                       "a->b", "b->a", "vcoop", "mcoop", "vconf", "mconf", "goldst", "mean", "CCI",
                       "conflict | cooperation");
    for (size_t i = 0; i < t->n; i++) {
        const vg_trend_point *p = &t->pts[i];
        char d[11], bar[128];
        vg_analyse__date_str(p->period, d);
        vg_analyse__cci_bar(bar, sizeof bar, p->index, (int)(p->all.events > 0), 10);
        if (!p->all.events) {
            vg_analyse__printf(o, "%-10s %6d %5s %5s %5s %5s %5s %5s %8s %6s %6s  %s\n", d, 0, "", "", "",
                               "", "", "", "", "", "", bar);
            continue;
        }
        vg_analyse__printf(o, "%-10s %6lld %5lld %5lld %5lld %5lld %5lld %5lld %8.1f %6.2f %+6.2f  %s\n", d,
                           (long long)p->all.events, (long long)p->ab.events, (long long)p->ba.events,
                           (long long)p->all.quad[1], (long long)p->all.quad[2], (long long)p->all.quad[3],
                           (long long)p->all.quad[4], p->all.goldstein_sum, mean_of(&p->all), p->index, bar);
    }
    const vg_trend_point *p = &t->total;
    vg_analyse__printf(o, "%-10s %6lld %5lld %5lld %5lld %5lld %5lld %5lld %8.1f %6.2f %+6.2f\n", "total",
                       (long long)p->all.events, (long long)p->ab.events, (long long)p->ba.events,
                       (long long)p->all.quad[1], (long long)p->all.quad[2], (long long)p->all.quad[3],
                       (long long)p->all.quad[4], p->all.goldstein_sum, mean_of(&p->all), p->index);
    /* Sparklines over the whole window: volume, then the index (gaps blank). */
    double *v = malloc((t->n ? t->n : 1) * sizeof *v);
    size_t bytes = t->n * 3 + 1;
    char *line = malloc(bytes);
    if (!v || !line) { free(v); free(line); o->failed = 1; return; }
    double maxe = 0;
    for (size_t i = 0; i < t->n; i++) {
        v[i] = (double)t->pts[i].all.events;
        if (v[i] > maxe) maxe = v[i];
    }
    vg_sparkline(line, bytes, v, t->n, 0, maxe);
    vg_analyse__printf(o, "\nevents %s  (max %.0f per %s)\n", line, maxe, vg_analyse__period_name(t->by));
    for (size_t i = 0; i < t->n; i++) v[i] = t->pts[i].all.events ? t->pts[i].index : NAN;
    vg_sparkline(line, bytes, v, t->n, -1, 1);
    vg_analyse__printf(o, "CCI    %s  (-1 conflict .. +1 cooperation)\n", line);
    free(v);
    free(line);
}

vg_status vg_trend_write(const vg_trend *t, FILE *fp, vg_out_format fmt, vg_error *err) {
    vg_out o = { fp, 0 };
    switch (fmt) {
    case VG_OUT_TABLE: write_table(&o, t); break;
    case VG_OUT_CSV: write_csv(&o, t); break;
    case VG_OUT_JSON: write_json(&o, t); break;
    default: return vg_err_set(err, VG_ERR_ARG, NULL, 0, "a trend is written as table, csv or json");
    }
    return vg_analyse__out_status(&o, err);
}
