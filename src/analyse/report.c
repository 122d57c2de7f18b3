/* report.c — the crisis report: what the store holds, who is talking to and
 * fighting whom, how the key relations moved week by week, the blocs of the
 * signed network and the escalation alerts with their evidence. It only
 * composes the other analyses (trend, network, alerts) and vg_store_pairs. */
#include "analyse/analyse.h"
#include "analyse/network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct udyad {
    char a[4], b[4];
    vg_flow f;
    double cci;
} udyad;

typedef struct pairs_acc {
    udyad *v;
    size_t n, cap;
    int oom;
} pairs_acc;

static int on_pair(const vg_pair_flow *p, void *payload) {
    pairs_acc *acc = payload;
    if (strlen(p->a) < 3 || strlen(p->b) < 3 || !strncmp(p->a, p->b, 3)) return 0;
    /* Relations between countries only, as in the network. */
    if (!vg_analyse__is_state(p->a) || !vg_analyse__is_state(p->b)) return 0;
    char a[4], b[4];
    const char *x = strncmp(p->a, p->b, 3) < 0 ? p->a : p->b, *y = x == p->a ? p->b : p->a;
    memcpy(a, x, 3); a[3] = 0;
    memcpy(b, y, 3); b[3] = 0;
    for (size_t i = 0; i < acc->n; i++)
        if (!strcmp(acc->v[i].a, a) && !strcmp(acc->v[i].b, b)) {
            vg_analyse__flow_sum(&acc->v[i].f, &p->flow);
            return 0;
        }
    if (acc->n == acc->cap) {
        size_t c = acc->cap ? acc->cap * 2 : 64;
        udyad *v = realloc(acc->v, c * sizeof *v);
        if (!v) { acc->oom = 1; return 1; }
        acc->v = v;
        acc->cap = c;
    }
    udyad *u = &acc->v[acc->n++];
    memset(u, 0, sizeof *u);
    memcpy(u->a, a, 4);
    memcpy(u->b, b, 4);
    u->f = p->flow;
    return 0;
}

static int cmp_udyad(const void *x, const void *y) {
    const udyad *a = x, *b = y;
    if (a->f.events != b->f.events) return a->f.events > b->f.events ? -1 : 1;
    if (fabs(a->f.goldstein_sum) != fabs(b->f.goldstein_sum))
        return fabs(a->f.goldstein_sum) > fabs(b->f.goldstein_sum) ? -1 : 1;
    int c = strcmp(a->a, b->a);
    return c ? c : strcmp(a->b, b->b);
}

static void dyad_label(const udyad *u, char *out, size_t n) {
    char la[64], lb[64];
    vg_analyse__party_label(u->a, la, sizeof la);
    vg_analyse__party_label(u->b, lb, sizeof lb);
    snprintf(out, n, "%s - %s", la, lb);
}

static void rule(vg_out *o, const char *title) {
    vg_analyse__printf(o, "\n%s\n", title);
    for (size_t i = vg_analyse__width(title); i > 0; i--) vg_analyse__puts(o, "=");
    vg_analyse__puts(o, "\n");
}


typedef struct dom_count {
    char c[4];
    int64_t events;
} dom_count;

typedef struct domestic_acc {
    dom_count v[256];
    size_t n;
} domestic_acc;

static int on_domestic(const vg_pair_flow *p, void *payload) {
    domestic_acc *acc = payload;
    if (strlen(p->a) < 3 || strncmp(p->a, p->b, 3) || !vg_analyse__is_state(p->a)) return 0;
    for (size_t i = 0; i < acc->n; i++)
        if (!strncmp(acc->v[i].c, p->a, 3)) { acc->v[i].events += p->flow.events; return 0; }
    if (acc->n < sizeof acc->v / sizeof acc->v[0]) {
        memcpy(acc->v[acc->n].c, p->a, 3);
        acc->v[acc->n].c[3] = 0;
        acc->v[acc->n++].events = p->flow.events;
    }
    return 0;
}

static int cmp_domestic(const void *x, const void *y) {
    const dom_count *a = x, *b = y;
    return a->events != b->events ? (a->events > b->events ? -1 : 1) : strcmp(a->c, b->c);
}

/* Two sparkline rows for a dyad: volume, then CCI with the window's index and
 * the last four periods'. */
static void spark_rows(vg_out *o, const char *label, const vg_trend *tk, vg_period by) {
    size_t n = vg_trend_count(tk);
    double *v = malloc((n ? n : 1) * sizeof *v);
    char *line = malloc(n * 3 + 1);
    if (!v || !line) { free(v); free(line); o->failed = 1; return; }
    double maxe = 0;
    for (size_t k = 0; k < n; k++) {
        v[k] = (double)vg_trend_at(tk, k)->all.events;
        if (v[k] > maxe) maxe = v[k];
    }
    char clipped[64];
    vg_analyse__clip(clipped, 37, label);
    vg_analyse__pad(o, clipped, 36);
    vg_sparkline(line, n * 3 + 1, v, n, 0, maxe);
    vg_analyse__printf(o, " events %s\n", line);
    for (size_t k = 0; k < n; k++) v[k] = vg_trend_at(tk, k)->all.events ? vg_trend_at(tk, k)->index : NAN;
    vg_sparkline(line, n * 3 + 1, v, n, -1, 1);
    /* The last four periods tell where the relation is now. */
    double cc = 0, cf = 0;
    for (size_t k = n > 4 ? n - 4 : 0; k < n; k++) { cc += vg_trend_at(tk, k)->coop; cf += vg_trend_at(tk, k)->conf; }
    vg_analyse__printf(o, "%-36s CCI    %s  window %+.2f, last 4 %ss ", "", line, vg_trend_total(tk)->index,
                       vg_analyse__period_name(by));
    if (cc + cf > 0) vg_analyse__printf(o, "%+.2f\n", vg_analyse__cci(cc, cf));
    else vg_analyse__puts(o, "(none)\n");
    free(v);
    free(line);
}

/* ---- inside countries: government against opposition and the like ---- */

typedef struct inner {
    char a[16], b[16];
    int64_t events;
} inner;

typedef struct inner_acc {
    inner v[64];
    size_t n;
} inner_acc;

static int on_inner(const vg_stored_event *ev, void *payload) {
    inner_acc *acc = payload;
    char a[16], b[16];
    vg_analyse__party(ev->source, 1, a);
    vg_analyse__party(ev->target, 1, b);
    int c = strcmp(a, b);
    if (!c) return 0;
    if (c > 0) { char t[16]; memcpy(t, a, 16); memcpy(a, b, 16); memcpy(b, t, 16); }
    for (size_t i = 0; i < acc->n; i++)
        if (!strcmp(acc->v[i].a, a) && !strcmp(acc->v[i].b, b)) { acc->v[i].events++; return 0; }
    if (acc->n < sizeof acc->v / sizeof acc->v[0]) {
        inner *x = &acc->v[acc->n++];
        memcpy(x->a, a, 16);
        memcpy(x->b, b, 16);
        x->events = 1;
    }
    return 0;
}

static int cmp_inner(const void *x, const void *y) {
    const inner *a = x, *b = y;
    if (a->events != b->events) return a->events > b->events ? -1 : 1;
    int c = strcmp(a->a, b->a);
    return c ? c : strcmp(a->b, b->b);
}

/* The busiest dyads of actors inside one country (VENGOV-VENOPP), for the
 * three countries with most domestic events, as sparkline rows. */
static vg_status inside_countries(vg_out *o, vg_store *s, vg_period by, int32_t from, int32_t to, int filter,
                                  vg_error *err) {
    domestic_acc dom = { { { "", 0 } }, 0 };
    vg_status st = vg_store_pairs(s, from, to, on_domestic, &dom, err);
    if (st != VG_OK) return st;
    qsort(dom.v, dom.n, sizeof dom.v[0], cmp_domestic);
    inner_acc acc;
    acc.n = 0;
    for (size_t i = 0; i < dom.n && i < 3; i++) {
        vg_query q = VG_QUERY_INIT;
        q.dyad_a = dom.v[i].c;
        q.dyad_b = dom.v[i].c;
        q.date_from = filter ? from : 0;
        q.date_to = filter ? to : 0;
        if ((st = vg_store_query(s, &q, on_inner, &acc, err)) != VG_OK) return st;
    }
    qsort(acc.v, acc.n, sizeof acc.v[0], cmp_inner);
    size_t shown = 0;
    for (size_t i = 0; i < acc.n && shown < 3; i++) {
        if (acc.v[i].events < 3) break;
        if (!shown) rule(o, "Inside countries (actors of one country, both directions)");
        vg_trend *t = NULL;
        st = vg_analyse__trend_build(&t, s, acc.v[i].a, acc.v[i].b, by, from, to, filter, err);
        if (st != VG_OK) return st;
        char la[64], lb[64], label[160];
        vg_analyse__party_label(acc.v[i].a, la, sizeof la);
        vg_analyse__party_label(acc.v[i].b, lb, sizeof lb);
        snprintf(label, sizeof label, "%s - %s", la, lb);
        spark_rows(o, label, t, by);
        vg_trend_free(t);
        shown++;
    }
    return VG_OK;
}

vg_status vg_report_write(vg_store *s, FILE *fp, const vg_report_options *opt, vg_error *err) {
    vg_report_options d = VG_REPORT_OPTIONS_INIT;
    vg_report_options ro = opt ? *opt : d;
    if (!ro.top_dyads) ro.top_dyads = 10;
    if (!ro.key_dyads) ro.key_dyads = 5;
    if (!ro.max_alerts) ro.max_alerts = 12;
    vg_period by = ro.by_set ? ro.by : VG_PERIOD_WEEK;
    vg_out o = { fp, 0 };
    vg_store_stats stats;
    vg_status st = vg_store_get_stats(s, &stats, err);
    if (st != VG_OK) return st;
    int32_t from = ro.from ? ro.from : stats.date_min, to = ro.to ? ro.to : stats.date_max;
    char f[11], t[11];
    vg_analyse__date_str(from, f);
    vg_analyse__date_str(to, t);

    vg_analyse__puts(&o, "VIGIA CRISIS REPORT\n");
    vg_analyse__printf(&o, "store: %s, %lld documents, %lld events (%lld mentions)", vg_store_backend(s),
                       (long long)stats.documents, (long long)stats.events, (long long)stats.mentions);
    if (*f) vg_analyse__printf(&o, ", %s .. %s", f, t);
    vg_analyse__puts(&o, "\n");
    vg_analyse__puts(&o, "CCI = (cooperation - conflict) / (cooperation + conflict), Goldstein-weighted: "
                         "+1 all cooperation, -1 all conflict\n");
    if (!stats.events) {
        vg_analyse__puts(&o, "\nThe store holds no events yet: ingest articles first (vigia ingest FILE...).\n");
        return vg_analyse__out_status(&o, err);
    }

    /* ---- top dyads ---- */
    pairs_acc acc = { NULL, 0, 0, 0 };
    st = vg_store_pairs(s, from, to, on_pair, &acc, err);
    if (st == VG_OK && acc.oom) st = vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    if (st != VG_OK) { free(acc.v); return st; }
    if (acc.n) qsort(acc.v, acc.n, sizeof *acc.v, cmp_udyad);
    size_t top = acc.n < ro.top_dyads ? acc.n : ro.top_dyads;
    size_t weeks = 0;
    /* One trend per shown dyad: its CCI for the table, its series for the sparklines. */
    vg_trend **tr = calloc(top ? top : 1, sizeof *tr);
    if (!tr) { free(acc.v); return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory"); }
    for (size_t i = 0; st == VG_OK && i < top; i++) {
        st = vg_analyse__trend_build(&tr[i], s, acc.v[i].a, acc.v[i].b, by, from, to,
                                     ro.from || ro.to, err);
        if (st == VG_OK) acc.v[i].cci = vg_trend_total(tr[i])->index;
    }
    if (st == VG_OK) {
        rule(&o, "Top relations (country pairs, both directions)");
        vg_analyse__printf(&o, "%-36s %6s %6s %6s %6s %6s %8s %6s %6s\n", "dyad", "events", "vcoop", "mcoop",
                           "vconf", "mconf", "goldst", "mean", "CCI");
        for (size_t i = 0; i < top; i++) {
            const udyad *u = &acc.v[i];
            char label[160], clipped[64];
            dyad_label(u, label, sizeof label);
            vg_analyse__clip(clipped, 37, label);
            vg_analyse__pad(&o, clipped, 36);
            vg_analyse__printf(&o, " %6lld %6lld %6lld %6lld %6lld %8.1f %6.2f %+6.2f\n", (long long)u->f.events,
                               (long long)u->f.quad[1], (long long)u->f.quad[2], (long long)u->f.quad[3],
                               (long long)u->f.quad[4], u->f.goldstein_sum,
                               u->f.events ? u->f.goldstein_sum / (double)u->f.events : 0.0, u->cci);
        }
        if (acc.n > top) vg_analyse__printf(&o, "... and %zu more pairs\n", acc.n - top);

        size_t key = top < ro.key_dyads ? top : ro.key_dyads;
        if (key) {
            weeks = vg_trend_count(tr[0]);
            char title[128];
            snprintf(title, sizeof title, "Key relations by %s, %s .. %s", vg_analyse__period_name(by), f, t);
            rule(&o, title);
            vg_analyse__puts(&o, "(events: volume per period; CCI: low bar = conflict, high bar = cooperation, "
                                 "blank = no events)\n");
        }
        for (size_t i = 0; i < key; i++) {
            char label[160];
            dyad_label(&acc.v[i], label, sizeof label);
            spark_rows(&o, label, tr[i], by);
        }
        (void)weeks;
    }
    if (st == VG_OK) st = inside_countries(&o, s, by, from, to, ro.from || ro.to, err);
    for (size_t i = 0; i < top; i++) vg_trend_free(tr[i]);
    free(tr);
    free(acc.v);
    if (st != VG_OK) return st;

    /* ---- blocs ---- */
    vg_network_options no = VG_NETWORK_OPTIONS_INIT;
    no.from = from;
    no.to = to;
    vg_network *net = NULL;
    st = vg_network_build(&net, s, &no, err);
    if (st != VG_OK) return st;
    rule(&o, "Blocs (signed network of countries)");
    vg_analyse__network_table(&o, net, 8);
    vg_network_free(net);

    /* ---- alerts ---- */
    vg_alert_options ao = VG_ALERT_OPTIONS_INIT;
    ao.from = ro.from;
    ao.to = ro.to;
    ao.max_events = 3;
    vg_alerts *al = NULL;
    st = vg_alerts_find(&al, s, &ao, err);
    if (st != VG_OK) return st;
    size_t na = vg_alerts_count(al);
    /* Grouped by dyad, dyads with the newest alert first: each dyad's alerts
     * as a timeline, then the evidence of its strongest one. */
    size_t *order = malloc((na ? na : 1) * sizeof *order);
    if (!order) { vg_alerts_free(al); return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory"); }
    size_t ndy = 0;
    for (size_t i = 0; i < na; i++) {
        const vg_alert *x = vg_alerts_at(al, i);
        int seen = 0;
        for (size_t k = 0; k < ndy && !seen; k++) {
            const vg_alert *y = vg_alerts_at(al, order[k]);
            seen = !strcmp(x->a, y->a) && !strcmp(x->b, y->b);
        }
        if (!seen) order[ndy++] = i;
    }
    char title[96];
    snprintf(title, sizeof title, "Escalation alerts (%zu on %zu dyad%s, newest first)", na, ndy, ndy == 1 ? "" : "s");
    rule(&o, title);
    vg_analyse__puts(&o, "spike: daily Goldstein-weighted conflict >= 8 and z >= 4 over its 28-day baseline; "
                         "turn: CCI from >= +0.25 to <= -0.25;\nfirst-material: first material-conflict "
                         "event of the dyad. Each dyad's strongest alert is shown with its evidence.\n");
    if (!na) vg_analyse__puts(&o, "\nno alerts\n");
    size_t shown = 0;
    for (size_t k = 0; k < ndy && shown < ro.max_alerts; k++, shown++) {
        const vg_alert *first = vg_alerts_at(al, order[k]), *best = NULL;
        char la[96], lb[96];
        vg_analyse__party_label(first->a, la, sizeof la);
        vg_analyse__party_label(first->b, lb, sizeof lb);
        vg_analyse__printf(&o, "\n%s - %s:", la, lb);
        /* Alerts are newest first: walk backwards for a chronological line. */
        for (size_t i = na; i-- > 0;) {
            const vg_alert *x = vg_alerts_at(al, i);
            if (strcmp(x->a, first->a) || strcmp(x->b, first->b)) continue;
            char d[11];
            vg_analyse__date_str(x->date, d);
            vg_analyse__printf(&o, " %s %s", vg_alert_kind_str(x->kind), d);
            if (x->kind == VG_ALERT_SPIKE) vg_analyse__printf(&o, " (z %.1f)", x->z);
            /* Strongest: the most intense spike, else the first material
             * conflict, else the latest turn. */
            int rank = x->kind == VG_ALERT_SPIKE ? 3 : x->kind == VG_ALERT_FIRST_MATERIAL ? 2 : 1;
            int brank = !best ? 0 : best->kind == VG_ALERT_SPIKE ? 3 : best->kind == VG_ALERT_FIRST_MATERIAL ? 2 : 1;
            if (rank > brank || (rank == brank && rank == 3 && x->value > best->value) ||
                (rank == brank && rank == 1))
                best = x;
        }
        vg_analyse__puts(&o, "\n  ");
        vg_analyse__alert_table(&o, best, 3);
    }
    if (ndy > shown)
        vg_analyse__printf(&o, "\n... %zu more dyads with alerts: vigia alerts --db URL\n", ndy - shown);
    free(order);
    vg_alerts_free(al);
    return vg_analyse__out_status(&o, err);
}
