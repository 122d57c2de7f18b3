/* alerts.c — escalation alerts per dyad. Three statistics, each stated in
 * docs/analysis.md:
 *
 *  SPIKE  Goldstein-weighted conflict of a dyad on day t, C_t = sum over the
 *         day's events of max(-goldstein, 0), against its own rolling baseline:
 *         the B days before t (B = 28, days without events count as 0, days
 *         before the store's first event are not observed and not counted).
 *         z_t = (C_t - mean) / max(sd, sd_floor) with sd_floor = 2 (one
 *         accusation); fires when z_t >= 4, C_t >= 8 (a sanction, an attack,
 *         or several hostile statements) and at least 14 baseline days were
 *         observed. Firing days
 *         closer than gap_days merge into one alert (the peak z is kept).
 *  TURN   the CCI of the R = 7 days to t is <= -0.25 while the CCI of the B
 *         days before them was >= +0.25, each window with at least 4 points
 *         of Goldstein weight; re-armed when the recent CCI is >= +0.25 again.
 *  FIRST_MATERIAL  the dyad's first quad-4 (material conflict) event, when it
 *         comes at least 14 days after the store's first event (before that
 *         "first" only means "first observed").
 *
 * A dyad is a pair of countries (first three characters of the actor codes),
 * or, for events inside one country, the pair of actor codes cut to six
 * characters (VENGOV vs VENOPP); non-state actors keep six (IGOUNO).
 *
 * Pass 1 builds per-dyad day records: a dyad of two countries reads them
 * from the store's daily country-pair aggregate (vg_store_series per pair,
 * cost by days, not events); only the events the aggregate cannot place
 * (inside one country, or with a non-state actor such as IGOUNO, whose dyads
 * are finer than a country pair) are streamed, without evidence. Pass 2
 * fetches, per alert that fired, the events behind it with their evidence.
 * Streaming every event (VG_ANALYSE__EVENTS) is kept as the reference path;
 * tests/unit/test_analyse.c checks both give the same alerts. Each day's
 * weights are rounded to 4 decimals (vg_analyse__weight) so the order of
 * summation cannot show. */
#include "analyse/analyse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct day_rec {
    int64_t day;
    double conf, coop;   /* Goldstein-weighted */
    int n4;              /* material-conflict events */
    double min4;         /* most negative Goldstein among them */
} day_rec;

typedef struct dyad {
    char a[16], b[16];
    day_rec *d;
    size_t n, cap;
} dyad;

struct vg_alerts {
    vg_arena arena;
    vg_alert *v;
    size_t n, cap;
};

typedef struct scan {
    vg_alert_options opt;
    dyad *dy;
    size_t n_dy, cap_dy;
    long *htab;
    size_t hcap;
    int64_t cov_start;   /* day number of the first event seen */
    int have_cov;
    int oom;
} scan;

static vg_status nomem(vg_error *err) { return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory"); }

static uint64_t key_hash(const char *a, const char *b) {
    return vg_hash(a, strlen(a)) * 31 + vg_hash(b, strlen(b));
}

static long dyad_of(scan *s, const char *a, const char *b) {
    if (s->n_dy * 2 >= s->hcap) {
        size_t hc = s->hcap ? s->hcap * 2 : 1024;
        long *h = malloc(hc * sizeof *h);
        if (!h) return -1;
        for (size_t i = 0; i < hc; i++) h[i] = -1;
        for (size_t i = 0; i < s->n_dy; i++) {
            size_t j = key_hash(s->dy[i].a, s->dy[i].b) & (hc - 1);
            while (h[j] >= 0) j = (j + 1) & (hc - 1);
            h[j] = (long)i;
        }
        free(s->htab);
        s->htab = h;
        s->hcap = hc;
    }
    size_t j = key_hash(a, b) & (s->hcap - 1);
    while (s->htab[j] >= 0) {
        dyad *d = &s->dy[s->htab[j]];
        if (!strcmp(d->a, a) && !strcmp(d->b, b)) return s->htab[j];
        j = (j + 1) & (s->hcap - 1);
    }
    if (!vg_grow((void **)&s->dy, &s->cap_dy, s->n_dy, sizeof *s->dy, 16)) return -1;
    dyad *d = &s->dy[s->n_dy];
    memset(d, 0, sizeof *d);
    snprintf(d->a, sizeof d->a, "%s", a);
    snprintf(d->b, sizeof d->b, "%s", b);
    s->htab[j] = (long)s->n_dy;
    return (long)s->n_dy++;
}

/* The dyad an event belongs to; 0 when it belongs to none (an actor with
 * itself). */
static int dyad_key(const vg_alert_options *o, const vg_stored_event *ev, char a[16], char b[16]) {
    if (o->dyad_a) {
        snprintf(a, 16, "%s", o->dyad_a);
        snprintf(b, 16, "%s", o->dyad_b);
        return 1;
    }
    /* A world region ("a boat in the Caribbean") or an actor of unknown
     * country (---BUS) is no party anyone can watch: no dyad. */
    if (vg_analyse__is_region(ev->source) || vg_analyse__is_region(ev->target)) return 0;
    int domestic = !strncmp(ev->source, ev->target, 3);
    vg_analyse__party(ev->source, domestic, a);
    vg_analyse__party(ev->target, domestic, b);
    int c = strcmp(a, b);
    if (c == 0) return 0;
    if (c > 0) { char t[16]; memcpy(t, a, 16); memcpy(a, b, 16); memcpy(b, t, 16); }
    return 1;
}

static int on_event(const vg_stored_event *ev, void *payload) {
    scan *s = payload;
    char a[16], b[16];
    int64_t day = vg_days_from_ymd(ev->date);
    if (!s->have_cov) { s->cov_start = day; s->have_cov = 1; }
    if (!dyad_key(&s->opt, ev, a, b)) return 0;
    long k = dyad_of(s, a, b);
    if (k < 0) { s->oom = 1; return 1; }
    dyad *d = &s->dy[k];
    if (!d->n || d->d[d->n - 1].day != day) {
        if (!vg_grow((void **)&d->d, &d->cap, d->n, sizeof *d->d, 16)) { s->oom = 1; return 1; }
        memset(&d->d[d->n], 0, sizeof d->d[0]);
        d->d[d->n++].day = day;
    }
    day_rec *r = &d->d[d->n - 1];
    if (ev->goldstein > 0) r->coop += ev->goldstein;
    else r->conf -= ev->goldstein;
    if (ev->quad == 4) {
        if (!r->n4 || ev->goldstein < r->min4) r->min4 = ev->goldstein;
        r->n4++;
    }
    return 0;
}

/* Events of the non-state actor query number k (see scan_rest): skip those
 * another query already gave (inside one prefix; with an earlier non-state
 * prefix). */
typedef struct rest_ctx {
    scan *s;
    char (*nonstate)[4];
    size_t k;
} rest_ctx;

static int on_rest_event(const vg_stored_event *ev, void *payload) {
    rest_ctx *c = payload;
    if (!strncmp(ev->source, ev->target, 3)) return 0;
    const char *other = strncmp(ev->source, c->nonstate[c->k], 3) ? ev->source : ev->target;
    for (size_t i = 0; i < c->k; i++)
        if (!strncmp(other, c->nonstate[i], 3)) return 0;
    return on_event(ev, c->s);
}

typedef struct series_ctx {
    scan *s;
    dyad *d;
    int oom;
} series_ctx;

/* One day of a dyad from the store's series (both directions summed). */
static int on_day(const vg_series_point *p, void *payload) {
    series_ctx *c = payload;
    dyad *d = c->d;
    if (p->ab.events + p->ba.events <= 0) return 0;
    int64_t day = vg_days_from_ymd(p->period);
    if (!c->s->have_cov) { c->s->cov_start = day; c->s->have_cov = 1; }
    if (!vg_grow((void **)&d->d, &d->cap, d->n, sizeof *d->d, 16)) { c->oom = 1; return 1; }
    day_rec *r = &d->d[d->n++];
    memset(r, 0, sizeof *r);
    r->day = day;
    r->coop = p->ab.coop + p->ba.coop;
    r->conf = p->ab.conf + p->ba.conf;
    r->n4 = (int)(p->ab.quad[4] + p->ba.quad[4]);
    return 0;
}

static void round_days(dyad *d) {
    for (size_t k = 0; k < d->n; k++) {
        d->d[k].coop = vg_analyse__weight(d->d[k].coop);
        d->d[k].conf = vg_analyse__weight(d->d[k].conf);
    }
}

static vg_alert *new_alert(vg_alerts *al, vg_alert_kind kind, const dyad *d, int64_t day) {
    if (!vg_grow((void **)&al->v, &al->cap, al->n, sizeof *al->v, 16)) return NULL;
    vg_alert *x = &al->v[al->n];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->a = vg_arena_strndup(&al->arena, d->a, strlen(d->a));
    x->b = vg_arena_strndup(&al->arena, d->b, strlen(d->b));
    if (!x->a || !x->b) return NULL;
    x->date = x->last_date = vg_ymd_from_days(day);
    al->n++;
    return x;
}

static int in_window(const vg_alert_options *o, int64_t day) {
    int32_t ymd = vg_ymd_from_days(day);
    return (!o->from || ymd >= o->from) && (!o->to || ymd <= o->to);
}

static int want(const vg_alert_options *o, vg_alert_kind k) { return (o->kinds >> k) & 1u; }

static int detect(const scan *s, const dyad *d, vg_alerts *al) {
    const vg_alert_options *o = &s->opt;
    int64_t B = o->baseline_days, R = o->recent_days;
    /* SPIKE */
    long last_spike = -1;
    for (size_t k = 0; want(o, VG_ALERT_SPIKE) && k < d->n; k++) {
        const day_rec *r = &d->d[k];
        if (r->conf <= 0 || !in_window(o, r->day)) continue;
        int64_t lo = r->day - B;
        if (lo < s->cov_start) lo = s->cov_start;
        int64_t obs = r->day - lo;
        if (obs < o->min_baseline_days) continue;
        double sum = 0, sq = 0;
        for (size_t j = k; j-- > 0 && d->d[j].day >= lo;) { sum += d->d[j].conf; sq += d->d[j].conf * d->d[j].conf; }
        double mu = sum / (double)obs, var = sq / (double)obs - mu * mu;
        double sd = var > 0 ? sqrt(var) : 0;
        double z = (r->conf - mu) / (sd > o->sd_floor ? sd : o->sd_floor);
        if (z < o->z_threshold || r->conf < o->min_intensity) continue;
        vg_alert *prev = last_spike >= 0 ? &al->v[last_spike] : NULL;
        if (prev && r->day - vg_days_from_ymd(prev->last_date) < o->gap_days) {
            prev->last_date = vg_ymd_from_days(r->day);
            if (z > prev->z) { prev->z = z; prev->value = r->conf; }
            continue;
        }
        vg_alert *x = new_alert(al, VG_ALERT_SPIKE, d, r->day);
        if (!x) return -1;
        x->value = r->conf;
        x->baseline_mean = mu;
        x->baseline_sd = sd;
        x->z = z;
        last_spike = (long)(al->n - 1);
    }
    /* TURN */
    int armed = 1;
    for (size_t k = 0; want(o, VG_ALERT_TURN) && k < d->n; k++) {
        int64_t day = d->d[k].day;
        double cr = 0, fr = 0, cb = 0, fb = 0;
        for (size_t j = k + 1; j-- > 0;) {
            int64_t dd = d->d[j].day;
            if (dd <= day - R - B) break;
            if (dd > day - R) { cr += d->d[j].coop; fr += d->d[j].conf; }
            else { cb += d->d[j].coop; fb += d->d[j].conf; }
        }
        double ir = vg_analyse__cci(cr, fr), ib = vg_analyse__cci(cb, fb);
        if (!armed) {
            if (cr + fr >= o->turn_min_weight && ir >= o->turn_threshold) armed = 1;
            continue;
        }
        if (!in_window(o, day)) continue;
        if (cb + fb >= o->turn_min_weight && ib >= o->turn_threshold && fr >= o->turn_min_weight &&
            ir <= -o->turn_threshold) {
            vg_alert *x = new_alert(al, VG_ALERT_TURN, d, day);
            if (!x) return -1;
            x->value = ir;
            x->index_before = ib;
            armed = 0;
        }
    }
    /* FIRST_MATERIAL */
    for (size_t k = 0; want(o, VG_ALERT_FIRST_MATERIAL) && k < d->n; k++) {
        const day_rec *r = &d->d[k];
        if (!r->n4) continue;
        if (r->day - s->cov_start >= o->min_baseline_days && in_window(o, r->day)) {
            vg_alert *x = new_alert(al, VG_ALERT_FIRST_MATERIAL, d, r->day);
            if (!x) return -1;
            x->value = r->min4;
        }
        break;
    }
    return 0;
}

/* ---- pass 2: the events behind each alert, with evidence ---- */

typedef struct ev_ctx {
    vg_alerts *al;
    const vg_alert_options *opt;
    const vg_alert *x;
    int min_quad;
    vg_alert_event *ev;
    size_t n, cap;
    int oom;
} ev_ctx;

static int on_evidence(const vg_stored_event *ev, void *payload) {
    ev_ctx *c = payload;
    if (ev->quad < c->min_quad) return 0;
    /* The prefix query can match a neighbouring dyad (VEN-VENOPP also matches
     * VENGOV-VENOPP events): keep only this alert's own. */
    char ka[16], kb[16];
    if (!dyad_key(c->opt, ev, ka, kb) || strcmp(ka, c->x->a) || strcmp(kb, c->x->b)) return 0;
    if (!vg_grow((void **)&c->ev, &c->cap, c->n, sizeof *c->ev, 16)) { c->oom = 1; return 1; }
    vg_arena *a = &c->al->arena;
    vg_alert_event *e = &c->ev[c->n];
    const vg_mention *m = ev->mention_count ? &ev->mentions[0] : NULL;
    e->id = ev->id;
    e->date = ev->date;
    e->source = vg_arena_strndup(a, ev->source, strlen(ev->source));
    e->target = vg_arena_strndup(a, ev->target, strlen(ev->target));
    e->code = vg_arena_strndup(a, ev->code, strlen(ev->code));
    e->quad = ev->quad;
    e->goldstein = ev->goldstein;
    e->num_mentions = ev->num_mentions;
    const char *doc = m && m->doc_id ? m->doc_id : "", *sent = m && m->sentence_text ? m->sentence_text : "";
    e->doc_id = vg_arena_strndup(a, doc, strlen(doc));
    e->sentence = vg_arena_strndup(a, sent, strlen(sent));
    if (!e->source || !e->target || !e->code || !e->doc_id || !e->sentence) { c->oom = 1; return 1; }
    c->n++;
    return 0;
}

static int cmp_ev(const void *x, const void *y) {
    const vg_alert_event *a = x, *b = y;
    if (a->goldstein != b->goldstein) return a->goldstein < b->goldstein ? -1 : 1;
    if (a->date != b->date) return a->date < b->date ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static vg_status evidence(vg_store *s, const vg_alert_options *o, vg_alerts *al, vg_alert *x,
                          vg_error *err) {
    vg_query q = VG_QUERY_INIT;
    q.flags = VG_QUERY_EVIDENCE;
    q.max_mentions = 1;
    q.dyad_a = x->a;
    q.dyad_b = x->b;
    q.date_from = x->kind == VG_ALERT_TURN ? vg_ymd_from_days(vg_days_from_ymd(x->date) - o->recent_days + 1)
                                           : x->date;
    q.date_to = x->last_date;
    q.order = VG_ORDER_DATE;
    ev_ctx c = { al, o, x, x->kind == VG_ALERT_FIRST_MATERIAL ? 4 : 3, NULL, 0, 0, 0 };
    vg_status st = vg_store_query(s, &q, on_evidence, &c, err);
    if (st == VG_OK && c.oom) st = nomem(err);
    if (st != VG_OK) { free(c.ev); return st; }
    if (c.n) qsort(c.ev, c.n, sizeof *c.ev, cmp_ev);
    /* The strongest material conflict of the day (the aggregate only counts them). */
    if (x->kind == VG_ALERT_FIRST_MATERIAL && c.n) x->value = c.ev[0].goldstein;
    size_t keep = c.n < o->max_events ? c.n : o->max_events;
    vg_alert_event *copy = keep ? vg_arena_alloc(&al->arena, keep * sizeof *copy) : NULL;
    if (keep && !copy) { free(c.ev); return nomem(err); }
    if (keep) memcpy(copy, c.ev, keep * sizeof *copy);
    x->events = copy;
    x->event_count = keep;
    free(c.ev);

    char la[96], lb[96], d1[11], d2[11], text[512];
    vg_analyse__party_label(x->a, la, sizeof la);
    vg_analyse__party_label(x->b, lb, sizeof lb);
    vg_analyse__date_str(x->date, d1);
    vg_analyse__date_str(x->last_date, d2);
    switch (x->kind) {
    case VG_ALERT_SPIKE:
        snprintf(text, sizeof text,
                 "Conflict between %s and %s rose to %.1f Goldstein points a day (z = %.1f over the %d days "
                 "before: mean %.2f, sd %.2f)%s%s; %zu conflict event%s.",
                 la, lb, x->value, x->z, o->baseline_days, x->baseline_mean, x->baseline_sd,
                 strcmp(d1, d2) ? ", lasting to " : "", strcmp(d1, d2) ? d2 : "", c.n, c.n == 1 ? "" : "s");
        break;
    case VG_ALERT_TURN:
        snprintf(text, sizeof text,
                 "%s and %s turned from cooperation (CCI %+.2f over the %d days before) to conflict "
                 "(CCI %+.2f in the %d days to %s).",
                 la, lb, x->index_before, o->baseline_days, x->value, o->recent_days, d1);
        break;
    default:
        snprintf(text, sizeof text, "First material conflict between %s and %s (Goldstein %.1f).", la, lb,
                 x->value);
    }
    x->summary = vg_arena_strndup(&al->arena, text, strlen(text));
    return x->summary ? VG_OK : nomem(err);
}

static int cmp_alert(const void *x, const void *y) {
    const vg_alert *a = x, *b = y;
    if (a->date != b->date) return a->date > b->date ? -1 : 1;
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    int c = strcmp(a->a, b->a);
    return c ? c : strcmp(a->b, b->b);
}

vg_status vg_alerts_find(vg_alerts **out, vg_store *store, const vg_alert_options *opt, vg_error *err) {
    return vg_analyse__alerts_find_from(out, store, opt, VG_ANALYSE__SERIES, err);
}

typedef struct pair_list {
    char (*pair)[2][4];      /* state pairs, a < b */
    size_t n, cap;
    char (*dom)[4];          /* prefixes with events inside them */
    size_t n_dom, cap_dom;
    char (*nonstate)[4];     /* non-state prefixes with events across */
    size_t n_ns, cap_ns;
    int odd;                 /* a prefix shorter than 3 characters: stream everything */
    int oom;
} pair_list;

static int add_code(char (**v)[4], size_t *n, size_t *cap, const char *c) {
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*v)[i], c)) return 0;
    if (!vg_grow((void **)v, cap, *n, sizeof **v, 16)) return -1;
    snprintf((*v)[(*n)++], 4, "%s", c);
    return 0;
}

static int on_pair(const vg_pair_flow *p, void *payload) {
    pair_list *l = payload;
    if (strlen(p->a) != 3 || strlen(p->b) != 3) { l->odd = 1; return 1; }
    int c = strcmp(p->a, p->b);
    if (c == 0) {
        if (!vg_analyse__is_region(p->a) && add_code(&l->dom, &l->n_dom, &l->cap_dom, p->a)) l->oom = 1;
        return l->oom;
    }
    if (vg_analyse__is_region(p->a) || vg_analyse__is_region(p->b)) return 0; /* no dyad */
    if (!vg_analyse__is_state(p->a) || !vg_analyse__is_state(p->b)) {
        if (!vg_analyse__is_state(p->a) && add_code(&l->nonstate, &l->n_ns, &l->cap_ns, p->a)) l->oom = 1;
        if (!vg_analyse__is_state(p->b) && add_code(&l->nonstate, &l->n_ns, &l->cap_ns, p->b)) l->oom = 1;
        return l->oom;
    }
    /* Unordered: (b, a) comes too, and is merged after sorting. */
    if (!vg_grow((void **)&l->pair, &l->cap, l->n, sizeof *l->pair, 16)) { l->oom = 1; return 1; }
    memset(l->pair[l->n], 0, sizeof l->pair[l->n]);
    snprintf(l->pair[l->n][0], 4, "%s", c < 0 ? p->a : p->b);
    snprintf(l->pair[l->n][1], 4, "%s", c < 0 ? p->b : p->a);
    l->n++;
    return 0;
}

static int cmp_pair(const void *x, const void *y) { return memcmp(x, y, sizeof(char[2][4])); }

static int first_event(const vg_stored_event *ev, void *payload) {
    scan *s = payload;
    s->cov_start = vg_days_from_ymd(ev->date);
    s->have_cov = 1;
    return 1;
}

/* Day records from the store's series for the dyad (a, b), then detect. */
static vg_status series_dyad(vg_store *store, scan *s, const char *a, const char *b, vg_alerts *al,
                             vg_error *err) {
    dyad d;
    memset(&d, 0, sizeof d);
    snprintf(d.a, sizeof d.a, "%s", a);
    snprintf(d.b, sizeof d.b, "%s", b);
    series_ctx c = { s, &d, 0 };
    vg_status st = vg_store_series(store, a, b, VG_PERIOD_DAY, 0, s->opt.to, on_day, &c, err);
    if (st == VG_OK && c.oom) st = nomem(err);
    if (st == VG_OK) {
        round_days(&d);
        if (detect(s, &d, al)) st = nomem(err);
    }
    free(d.d);
    return st;
}

/* The aggregate path over every dyad: see the top of the file. */
static vg_status scan_all(vg_store *store, scan *s, vg_alerts *al, int *fallback, vg_error *err) {
    const vg_alert_options *o = &s->opt;
    vg_query q = VG_QUERY_INIT;
    q.date_to = o->to;
    q.order = VG_ORDER_DATE;
    q.limit = 1;
    vg_status st = vg_store_query(store, &q, first_event, s, err);
    if (st != VG_OK || !s->have_cov) return st;
    pair_list l;
    memset(&l, 0, sizeof l);
    st = vg_store_pairs(store, 0, o->to, on_pair, &l, err);
    if (l.n) {
        qsort(l.pair, l.n, sizeof *l.pair, cmp_pair);
        size_t u = 1;
        for (size_t i = 1; i < l.n; i++)
            if (cmp_pair(l.pair[i], l.pair[u - 1])) memcpy(l.pair[u++], l.pair[i], sizeof *l.pair);
        l.n = u;
    }
    if (st == VG_OK && l.oom) st = nomem(err);
    if (st == VG_OK && l.odd) *fallback = 1;
    for (size_t i = 0; st == VG_OK && !l.odd && i < l.n; i++)
        st = series_dyad(store, s, l.pair[i][0], l.pair[i][1], al, err);
    /* Inside one prefix: the events of each, parted by dyad_key. */
    for (size_t i = 0; st == VG_OK && !l.odd && i < l.n_dom; i++) {
        vg_query dq = VG_QUERY_INIT;
        dq.dyad_a = l.dom[i];
        dq.dyad_b = l.dom[i];
        dq.date_to = o->to;
        dq.order = VG_ORDER_DATE;
        st = vg_store_query(store, &dq, on_event, s, err);
        if (st == VG_OK && s->oom) st = nomem(err);
    }
    /* A non-state prefix with anyone else. */
    for (size_t i = 0; st == VG_OK && !l.odd && i < l.n_ns; i++) {
        vg_query nq = VG_QUERY_INIT;
        nq.actor = l.nonstate[i];
        nq.date_to = o->to;
        nq.order = VG_ORDER_DATE;
        rest_ctx rc = { s, l.nonstate, i };
        st = vg_store_query(store, &nq, on_rest_event, &rc, err);
        if (st == VG_OK && s->oom) st = nomem(err);
    }
    free(l.pair);
    free(l.dom);
    free(l.nonstate);
    return st;
}

vg_status vg_analyse__alerts_find_from(vg_alerts **out, vg_store *store, const vg_alert_options *opt,
                                       vg_analyse__source src, vg_error *err) {
    *out = NULL;
    vg_alert_options d = VG_ALERT_OPTIONS_INIT;
    scan s;
    memset(&s, 0, sizeof s);
    s.opt = opt ? *opt : d;
    vg_alert_options *o = &s.opt;
    if ((o->dyad_a && !*o->dyad_a) || (o->dyad_b && !*o->dyad_b) || (!o->dyad_a != !o->dyad_b))
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "a dyad needs two actor codes");
    if ((o->dyad_a && strlen(o->dyad_a) > 15) || (o->dyad_b && strlen(o->dyad_b) > 15))
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "actor code too long");
    if (o->from && o->to && o->from > o->to)
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "the window starts after it ends");
    if (o->baseline_days <= 0) o->baseline_days = 28;
    if (o->z_threshold <= 0) o->z_threshold = 4.0;
    if (o->sd_floor <= 0) o->sd_floor = 2.0;
    if (o->min_intensity <= 0) o->min_intensity = 8.0;
    if (o->min_baseline_days <= 0) o->min_baseline_days = 14;
    if (o->recent_days <= 0) o->recent_days = 7;
    if (o->turn_threshold <= 0) o->turn_threshold = 0.25;
    if (o->turn_min_weight <= 0) o->turn_min_weight = 4.0;
    if (o->gap_days <= 0) o->gap_days = 7;
    if (!o->max_events) o->max_events = 10;
    if (!o->kinds) o->kinds = ~0u;

    vg_alerts *al = calloc(1, sizeof *al);
    if (!al) return nomem(err);
    vg_arena_init(&al->arena, 16384);
    /* The whole history up to `to` is read: baselines and "first" need it. */
    vg_status st = VG_OK;
    int stream = src == VG_ANALYSE__EVENTS;
    if (!stream && o->dyad_a) st = series_dyad(store, &s, o->dyad_a, o->dyad_b, al, err);
    else if (!stream) {
        st = scan_all(store, &s, al, &stream, err);
        if (stream) {
            /* Prefixes the aggregate cannot part: start over from the events. */
            for (size_t i = 0; i < s.n_dy; i++) free(s.dy[i].d);
            s.n_dy = 0;
            if (s.htab)
                for (size_t i = 0; i < s.hcap; i++) s.htab[i] = -1;
            s.have_cov = 0;
            al->n = 0;
        }
    }
    if (st == VG_OK && stream) {
        vg_query q = VG_QUERY_INIT;
        q.dyad_a = o->dyad_a;
        q.dyad_b = o->dyad_b;
        q.date_to = o->to;
        q.order = VG_ORDER_DATE;
        st = vg_store_query(store, &q, on_event, &s, err);
        if (st == VG_OK && s.oom) st = nomem(err);
    }
    for (size_t i = 0; st == VG_OK && i < s.n_dy; i++) {
        round_days(&s.dy[i]);
        if (detect(&s, &s.dy[i], al)) st = nomem(err);
    }
    for (size_t i = 0; st == VG_OK && i < al->n; i++) st = evidence(store, o, al, &al->v[i], err);
    for (size_t i = 0; i < s.n_dy; i++) free(s.dy[i].d);
    free(s.dy);
    free(s.htab);
    if (st != VG_OK) { vg_alerts_free(al); return st; }
    if (al->n) qsort(al->v, al->n, sizeof *al->v, cmp_alert);
    *out = al;
    return VG_OK;
}

void vg_alerts_free(vg_alerts *al) {
    if (!al) return;
    free(al->v);
    vg_arena_free(&al->arena);
    free(al);
}

size_t vg_alerts_count(const vg_alerts *al) { return al->n; }
const vg_alert *vg_alerts_at(const vg_alerts *al, size_t i) { return i < al->n ? &al->v[i] : NULL; }

const char *vg_alert_kind_str(vg_alert_kind k) {
    switch (k) {
    case VG_ALERT_SPIKE: return "spike";
    case VG_ALERT_TURN: return "turn";
    case VG_ALERT_FIRST_MATERIAL: return "first-material";
    }
    return "unknown";
}
