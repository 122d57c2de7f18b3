/* api_analyse.c — GET /api/trend, /api/partners, /api/network, /api/alerts:
 * the analyse module's results as JSON. */
#include "serve/serve.h"
#include "analyse/analyse.h"

#include <stdlib.h>
#include <string.h>

static void flow_json(vg_buf *b, const vg_flow *f) {
    vg_buf_printf(b, "{\"events\":%lld,\"quad\":[%lld,%lld,%lld,%lld],\"goldstein\":", (long long)f->events,
                  (long long)f->quad[1], (long long)f->quad[2], (long long)f->quad[3], (long long)f->quad[4]);
    vg_json__num(b, f->goldstein_sum);
    vg_buf_printf(b, ",\"mentions\":%lld}", (long long)f->mentions);
}

static void point_json(vg_buf *b, const vg_trend_point *p) {
    vg_buf_puts(b, "{\"period\":");
    vg_json__date(b, p->period);
    vg_buf_puts(b, ",\"ab\":");
    flow_json(b, &p->ab);
    vg_buf_puts(b, ",\"ba\":");
    flow_json(b, &p->ba);
    vg_buf_printf(b, ",\"events\":%lld,\"coop\":", (long long)p->all.events);
    vg_json__num(b, p->coop);
    vg_buf_puts(b, ",\"conf\":");
    vg_json__num(b, p->conf);
    vg_buf_puts(b, ",\"index\":");
    vg_json__num(b, p->index);
    vg_buf_putc(b, '}');
}

static bool param_period(const vg_req *req, vg_resp *r, vg_period *out) {
    const char *by = vg_http__param(req, "by");
    *out = VG_PERIOD_WEEK;
    if (!by || !*by || !strcmp(by, "week")) return true;
    if (!strcmp(by, "day")) *out = VG_PERIOD_DAY;
    else if (!strcmp(by, "month")) *out = VG_PERIOD_MONTH;
    else {
        vg_resp__error(r, 400, "bad_parameter", "by must be day, week or month, got '%.32s'", by);
        return false;
    }
    return true;
}

static const char *period_name(vg_period p) {
    return p == VG_PERIOD_DAY ? "day" : p == VG_PERIOD_MONTH ? "month" : "week";
}

void vg_api__trend(const vg_server *s, vg_req *req, vg_resp *r) {
    const char *a, *bb;
    int32_t from, to;
    vg_period by;
    if (!vg_param__actor(req, r, "a", &a) || !vg_param__actor(req, r, "b", &bb) || !param_period(req, r, &by) ||
        !vg_param__date(req, r, "from", &from) || !vg_param__date(req, r, "to", &to))
        return;
    if (!a || !bb) {
        vg_resp__error(r, 400, "missing_parameter", "a and b (actor codes, e.g. a=USA&b=VEN) are required");
        return;
    }
    if (from && to && from > to) {
        vg_resp__error(r, 400, "bad_parameter", "from is after to");
        return;
    }
    /* Bound the number of periods a request can ask for. */
    if (from && to && by == VG_PERIOD_DAY && vg_days_from_ymd(to) - vg_days_from_ymd(from) > 3660) {
        vg_resp__error(r, 400, "bad_parameter", "at most 10 years by day; use by=week or by=month");
        return;
    }
    vg_store *st = vg_api__store(s, r);
    if (!st) return;
    vg_error err;
    vg_error_clear(&err);
    vg_trend *t = NULL;
    vg_status rc = vg_trend_build(&t, st, a, bb, by, from, to, &err);
    vg_api__release(s, st);
    if (rc != VG_OK) { vg_resp__status(r, &err); return; }
    vg_buf *b = &r->body;
    vg_buf_puts(b, "{\"a\":");
    vg_json__str(b, a);
    vg_buf_puts(b, ",\"b\":");
    vg_json__str(b, bb);
    vg_buf_printf(b, ",\"by\":\"%s\",\"from\":", period_name(by));
    vg_json__date(b, from);
    vg_buf_puts(b, ",\"to\":");
    vg_json__date(b, to);
    vg_buf_puts(b, ",\"total\":");
    const vg_trend_point *tot = vg_trend_total(t);
    if (tot) point_json(b, tot);
    else vg_buf_puts(b, "null");
    vg_buf_puts(b, ",\"points\":[");
    size_t n = vg_trend_count(t);
    for (size_t i = 0; i < n; i++) {
        if (i) vg_buf_putc(b, ',');
        point_json(b, vg_trend_at(t, i));
    }
    vg_buf_printf(b, "],\"count\":%zu}\n", n);
    vg_trend_free(t);
    r->status = 200;
}

/* ---- /api/partners: who a country deals with, for the dashboard's picker -- */

typedef struct partner {
    char code[8];
    vg_flow out, in;   /* a on partner, partner on a */
} partner;

typedef struct partners_ctx {
    const char *a;
    partner *v;
    size_t n, cap;
    bool oom;
} partners_ctx;

static int add_pair(const vg_pair_flow *p, void *payload) {
    partners_ctx *c = payload;
    bool out = !strcmp(p->a, c->a), in = !strcmp(p->b, c->a);
    if (out == in) return 0; /* unrelated, or domestic */
    const char *other = out ? p->b : p->a;
    size_t i = 0;
    while (i < c->n && strcmp(c->v[i].code, other)) i++;
    if (i == c->n) {
        if (c->n == c->cap) {
            size_t cap = c->cap ? c->cap * 2 : 32;
            partner *nv = realloc(c->v, cap * sizeof *nv);
            if (!nv) { c->oom = true; return 1; }
            c->v = nv;
            c->cap = cap;
        }
        memset(&c->v[i], 0, sizeof c->v[i]);
        snprintf(c->v[i].code, sizeof c->v[i].code, "%s", other);
        c->n++;
    }
    vg_flow *f = out ? &c->v[i].out : &c->v[i].in;
    f->events += p->flow.events;
    for (int q = 1; q <= 4; q++) f->quad[q] += p->flow.quad[q];
    f->goldstein_sum += p->flow.goldstein_sum;
    f->mentions += p->flow.mentions;
    return 0;
}

static int by_events(const void *x, const void *y) {
    const partner *a = x, *b = y;
    int64_t ea = a->out.events + a->in.events, eb = b->out.events + b->in.events;
    if (ea != eb) return ea < eb ? 1 : -1;
    return strcmp(a->code, b->code);
}

void vg_api__partners(const vg_server *s, vg_req *req, vg_resp *r) {
    const char *a;
    int32_t from, to;
    long limit;
    if (!vg_param__actor(req, r, "a", &a) || !vg_param__date(req, r, "from", &from) ||
        !vg_param__date(req, r, "to", &to) || !vg_param__int(req, r, "limit", 1, 500, 20, &limit))
        return;
    if (!a || strlen(a) != 3) {
        vg_resp__error(r, 400, "missing_parameter", "a (a three-letter country code, e.g. a=VEN) is required");
        return;
    }
    char up[4];
    for (int i = 0; i < 4; i++) up[i] = (char)(a[i] >= 'a' && a[i] <= 'z' ? a[i] - 32 : a[i]);
    vg_store *st = vg_api__store(s, r);
    if (!st) return;
    vg_error err;
    vg_error_clear(&err);
    partners_ctx c = { up, NULL, 0, 0, false };
    vg_status rc = vg_store_pairs(st, from, to, add_pair, &c, &err);
    vg_api__release(s, st);
    if (rc == VG_OK && c.oom) rc = vg_err_set(&err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    if (rc != VG_OK) { free(c.v); vg_resp__status(r, &err); return; }
    if (c.n) qsort(c.v, c.n, sizeof *c.v, by_events);
    vg_buf *b = &r->body;
    vg_buf_puts(b, "{\"a\":");
    vg_json__str(b, up);
    const vg_country *me = vg_country__find(up);
    vg_buf_puts(b, ",\"name\":");
    vg_json__str(b, me ? me->name : NULL);
    vg_buf_puts(b, ",\"partners\":[");
    size_t shown = c.n < (size_t)limit ? c.n : (size_t)limit;
    for (size_t i = 0; i < shown; i++) {
        const partner *p = &c.v[i];
        const vg_country *ct = vg_country__find(p->code);
        double g = p->out.goldstein_sum + p->in.goldstein_sum;
        int64_t ev = p->out.events + p->in.events;
        if (i) vg_buf_putc(b, ',');
        vg_buf_puts(b, "{\"code\":");
        vg_json__str(b, p->code);
        vg_buf_puts(b, ",\"name\":");
        vg_json__str(b, ct ? ct->name : NULL);
        vg_buf_printf(b, ",\"numeric\":%d,\"events\":%lld,\"goldstein\":", ct ? ct->numeric : 0, (long long)ev);
        vg_json__num(b, g);
        vg_buf_puts(b, ",\"mean_goldstein\":");
        vg_json__num(b, ev ? g / (double)ev : 0.0);
        vg_buf_puts(b, ",\"out\":");
        flow_json(b, &p->out);
        vg_buf_puts(b, ",\"in\":");
        flow_json(b, &p->in);
        vg_buf_putc(b, '}');
    }
    vg_buf_printf(b, "],\"count\":%zu,\"total\":%zu}\n", shown, c.n);
    free(c.v);
    r->status = 200;
}

/* ---- /api/network ---------------------------------------------------------- */

void vg_api__network(const vg_server *s, vg_req *req, vg_resp *r) {
    vg_network_options o = VG_NETWORK_OPTIONS_INIT;
    long minev, nonstate;
    if (!vg_param__date(req, r, "from", &o.from) || !vg_param__date(req, r, "to", &o.to) ||
        !vg_param__int(req, r, "min_events", 0, 1000000, 1, &minev) ||
        !vg_param__int(req, r, "nonstate", 0, 1, 0, &nonstate))
        return;
    if (o.from && o.to && o.from > o.to) {
        vg_resp__error(r, 400, "bad_parameter", "from is after to");
        return;
    }
    o.min_events = minev;
    o.include_nonstate = (int)nonstate;
    o.restarts = 16; /* interactive: fewer restarts than the CLI's default */
    vg_store *st = vg_api__store(s, r);
    if (!st) return;
    vg_error err;
    vg_error_clear(&err);
    vg_network *net = NULL;
    vg_status rc = vg_network_build(&net, st, &o, &err);
    vg_api__release(s, st);
    if (rc != VG_OK) { vg_resp__status(r, &err); return; }
    vg_buf *b = &r->body;
    size_t nn = vg_network_node_count(net), ne = vg_network_edge_count(net), nb = vg_network_bloc_count(net);
    vg_buf_puts(b, "{\"from\":");
    vg_json__date(b, o.from);
    vg_buf_puts(b, ",\"to\":");
    vg_json__date(b, o.to);
    vg_buf_puts(b, ",\"nodes\":[");
    for (size_t i = 0; i < nn; i++) {
        const vg_net_node *n = vg_network_node(net, i);
        const vg_country *ct = vg_country__find(n->code);
        if (i) vg_buf_putc(b, ',');
        vg_buf_puts(b, "{\"id\":");
        vg_json__str(b, n->code);
        vg_buf_puts(b, ",\"name\":");
        vg_json__str(b, n->name ? n->name : (ct ? ct->name : n->code));
        vg_buf_printf(b, ",\"bloc\":%d,\"events\":%lld,\"pos\":", n->bloc, (long long)n->events);
        vg_json__num(b, n->pos);
        vg_buf_puts(b, ",\"neg\":");
        vg_json__num(b, n->neg);
        vg_buf_printf(b, ",\"numeric\":%d}", ct ? ct->numeric : 0);
    }
    vg_buf_puts(b, "],\"edges\":[");
    for (size_t i = 0; i < ne; i++) {
        const vg_net_edge *e = vg_network_edge(net, i);
        if (i) vg_buf_putc(b, ',');
        vg_buf_puts(b, "{\"source\":");
        vg_json__str(b, vg_network_node(net, e->a)->code);
        vg_buf_puts(b, ",\"target\":");
        vg_json__str(b, vg_network_node(net, e->b)->code);
        vg_buf_puts(b, ",\"weight\":");
        vg_json__num(b, e->weight);
        vg_buf_puts(b, ",\"ab\":");
        vg_json__num(b, e->ab);
        vg_buf_puts(b, ",\"ba\":");
        vg_json__num(b, e->ba);
        vg_buf_printf(b, ",\"events\":%lld,\"quad\":[%lld,%lld,%lld,%lld]}", (long long)e->events,
                      (long long)e->quad[1], (long long)e->quad[2], (long long)e->quad[3], (long long)e->quad[4]);
    }
    vg_buf_puts(b, "],\"blocs\":[");
    for (size_t i = 0; i < nb; i++) {
        const vg_net_bloc *bl = vg_network_bloc(net, i);
        if (i) vg_buf_putc(b, ',');
        vg_buf_printf(b, "{\"index\":%zu,\"members\":[", i);
        for (size_t k = 0; k < bl->size; k++) {
            if (k) vg_buf_putc(b, ',');
            vg_json__str(b, vg_network_node(net, bl->members[k])->code);
        }
        vg_buf_puts(b, "],\"internal\":");
        vg_json__num(b, bl->internal);
        vg_buf_putc(b, '}');
    }
    vg_buf_puts(b, "],\"modularity\":");
    vg_json__num(b, vg_network_modularity(net));
    vg_buf_puts(b, ",\"frustration\":");
    vg_json__num(b, vg_network_frustration(net));
    vg_buf_puts(b, "}\n");
    vg_network_free(net);
    r->status = 200;
}

/* ---- /api/alerts ------------------------------------------------------------- */

void vg_api__alerts(const vg_server *s, vg_req *req, vg_resp *r) {
    vg_alert_options o = VG_ALERT_OPTIONS_INIT;
    long limit, maxev;
    if (!vg_param__date(req, r, "from", &o.from) || !vg_param__date(req, r, "to", &o.to) ||
        !vg_param__int(req, r, "limit", 1, 1000, 100, &limit) || !vg_param__int(req, r, "events", 1, 100, 10, &maxev))
        return;
    o.max_events = (size_t)maxev;
    const char *dyad = vg_http__param(req, "dyad");
    if (dyad && *dyad) {
        size_t n = strcspn(dyad, "-, _");
        if (!dyad[n] || !n || !dyad[n + 1]) {
            vg_resp__error(r, 400, "bad_parameter", "dyad must be two actor codes like USA-VEN, got '%.64s'", dyad);
            return;
        }
        o.dyad_a = vg_arena_strndup(&req->arena, dyad, n);
        o.dyad_b = dyad + n + 1;
    }
    const char *kind = vg_http__param(req, "kind");
    if (kind && *kind) {
        if (!strcmp(kind, "spike")) o.kinds = 1u << VG_ALERT_SPIKE;
        else if (!strcmp(kind, "turn")) o.kinds = 1u << VG_ALERT_TURN;
        else if (!strcmp(kind, "first-material")) o.kinds = 1u << VG_ALERT_FIRST_MATERIAL;
        else {
            vg_resp__error(r, 400, "bad_parameter", "kind must be spike, turn or first-material, got '%.32s'", kind);
            return;
        }
    }
    vg_store *st = vg_api__store(s, r);
    if (!st) return;
    vg_error err;
    vg_error_clear(&err);
    vg_alerts *al = NULL;
    vg_status rc = vg_alerts_find(&al, st, &o, &err);
    vg_api__release(s, st);
    if (rc != VG_OK) { vg_resp__status(r, &err); return; }
    vg_buf *b = &r->body;
    size_t n = vg_alerts_count(al), shown = n < (size_t)limit ? n : (size_t)limit;
    vg_buf_puts(b, "{\"alerts\":[");
    for (size_t i = 0; i < shown; i++) {
        const vg_alert *x = vg_alerts_at(al, i);
        if (i) vg_buf_putc(b, ',');
        vg_buf_printf(b, "{\"id\":%zu,\"kind\":", i);
        vg_json__str(b, vg_alert_kind_str(x->kind));
        vg_buf_puts(b, ",\"a\":");
        vg_json__str(b, x->a);
        vg_buf_puts(b, ",\"b\":");
        vg_json__str(b, x->b);
        vg_buf_puts(b, ",\"date\":");
        vg_json__date(b, x->date);
        vg_buf_puts(b, ",\"last_date\":");
        vg_json__date(b, x->last_date);
        vg_buf_puts(b, ",\"value\":");
        vg_json__num(b, x->value);
        vg_buf_puts(b, ",\"baseline_mean\":");
        vg_json__num(b, x->baseline_mean);
        vg_buf_puts(b, ",\"baseline_sd\":");
        vg_json__num(b, x->baseline_sd);
        vg_buf_puts(b, ",\"z\":");
        vg_json__num(b, x->z);
        vg_buf_puts(b, ",\"index_before\":");
        vg_json__num(b, x->index_before);
        vg_buf_puts(b, ",\"summary\":");
        vg_json__str(b, x->summary);
        vg_buf_puts(b, ",\"events\":[");
        for (size_t k = 0; k < x->event_count; k++) {
            const vg_alert_event *e = &x->events[k];
            if (k) vg_buf_putc(b, ',');
            vg_buf_printf(b, "{\"id\":%lld", (long long)e->id);
            vg_json__event_core(b, e->date, e->source, e->target, e->code);
            vg_buf_printf(b, ",\"quad\":%d,\"goldstein\":", e->quad);
            vg_json__num(b, e->goldstein);
            vg_buf_printf(b, ",\"num_mentions\":%d,\"doc_id\":", e->num_mentions);
            vg_json__str(b, e->doc_id && *e->doc_id ? e->doc_id : NULL);
            vg_buf_puts(b, ",\"sentence\":");
            vg_json__str(b, e->sentence && *e->sentence ? e->sentence : NULL);
            vg_buf_putc(b, '}');
        }
        vg_buf_puts(b, "]}");
    }
    vg_buf_printf(b, "],\"count\":%zu,\"total\":%zu}\n", shown, n);
    vg_alerts_free(al);
    r->status = 200;
}
