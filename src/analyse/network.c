/* network.c — the signed, weighted graph of relations between countries over
 * a window, from the store's country-pair totals (vg_store_pairs).
 *
 * Edge weight between i and j = Goldstein sum of i->j plus j->i events, i.e.
 * Goldstein-weighted cooperation minus conflict, both directions combined.
 * Blocs come from blocs.c (signed modularity). */
#include "analyse/analyse.h"
#include "analyse/network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static vg_status nomem(vg_error *err) { return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory"); }

/* Node index of a 3-character code, adding it when new; nodes stay few (one
 * per country seen), so a linear scan over a packed key is enough. */
static long node_of(vg_network *net, const char *code) {
    uint32_t key = 0;
    for (int i = 0; i < 3 && code[i]; i++) key |= (uint32_t)(unsigned char)code[i] << (8 * i);
    for (size_t i = 0; i < net->n_nodes; i++)
        if (net->keys[i] == key) return (long)i;
    if (!vg_grow((void **)&net->nodes, &net->cap_nodes, net->n_nodes, sizeof *net->nodes, 32)) return -1;
    size_t kc = net->cap_nodes;
    uint32_t *k = realloc(net->keys, kc * sizeof *k);
    if (!k) return -1;
    net->keys = k;
    size_t i = net->n_nodes++;
    net->keys[i] = key;
    vg_net_node *nd = &net->nodes[i];
    memset(nd, 0, sizeof *nd);
    char *c = vg_arena_strndup(&net->arena, code, strnlen(code, 3));
    if (!c) return -1;
    const char *name = vg_analyse__country_name(c);
    nd->code = c;
    nd->name = name ? name : c;
    nd->bloc = -1;
    return (long)i;
}

static long edge_of(vg_network *net, size_t a, size_t b) {
    if (a > b) { size_t t = a; a = b; b = t; }
    /* Open addressing on (a, b); the table is rebuilt at 50 % load. */
    uint64_t key = ((uint64_t)a << 32) | b;
    if (net->n_edges * 2 >= net->hcap) {
        size_t hc = net->hcap ? net->hcap * 2 : 256;
        long *h = malloc(hc * sizeof *h);
        if (!h) return -1;
        for (size_t i = 0; i < hc; i++) h[i] = -1;
        for (size_t e = 0; e < net->n_edges; e++) {
            uint64_t k = ((uint64_t)net->edges[e].a << 32) | net->edges[e].b;
            size_t j = vg_hash(&k, sizeof k) & (hc - 1);
            while (h[j] >= 0) j = (j + 1) & (hc - 1);
            h[j] = (long)e;
        }
        free(net->htab);
        net->htab = h;
        net->hcap = hc;
    }
    size_t j = vg_hash(&key, sizeof key) & (net->hcap - 1);
    while (net->htab[j] >= 0) {
        const vg_net_edge *e = &net->edges[net->htab[j]];
        if (e->a == a && e->b == b) return net->htab[j];
        j = (j + 1) & (net->hcap - 1);
    }
    if (!vg_grow((void **)&net->edges, &net->cap_edges, net->n_edges, sizeof *net->edges, 32)) return -1;
    size_t e = net->n_edges++;
    memset(&net->edges[e], 0, sizeof net->edges[e]);
    net->edges[e].a = a;
    net->edges[e].b = b;
    net->htab[j] = (long)e;
    return (long)e;
}

static int add_pair(vg_network *net, const vg_pair_flow *p) {
    if (!p->a || !p->b || strlen(p->a) < 3 || strlen(p->b) < 3) return 0;
    if (!strncmp(p->a, p->b, 3)) return 0; /* domestic: not a relation between countries */
    if (!net->opt.include_nonstate && (!vg_analyse__is_state(p->a) || !vg_analyse__is_state(p->b))) return 0;
    long a = node_of(net, p->a), b = node_of(net, p->b);
    if (a < 0 || b < 0) return -1;
    long e = edge_of(net, (size_t)a, (size_t)b);
    if (e < 0) return -1;
    vg_net_edge *ed = &net->edges[e];
    if ((size_t)a == ed->a) ed->ab += p->flow.goldstein_sum;
    else ed->ba += p->flow.goldstein_sum;
    ed->weight += p->flow.goldstein_sum;
    ed->events += p->flow.events;
    for (int q = 1; q <= 4; q++) ed->quad[q] += p->flow.quad[q];
    return 0;
}

static vg_network *net_new(const vg_network_options *opt) {
    vg_network *net = calloc(1, sizeof *net);
    if (!net) return NULL;
    vg_network_options d = VG_NETWORK_OPTIONS_INIT;
    net->opt = opt ? *opt : d;
    if (net->opt.min_events <= 0) net->opt.min_events = 1;
    if (net->opt.restarts <= 0) net->opt.restarts = 64;
    if (!net->opt.seed) net->opt.seed = 0x9E3779B97F4A7C15ull;
    vg_arena_init(&net->arena, 4096);
    return net;
}

/* Drop edges under min_events and nodes left without edges, then find blocs. */
static vg_status finish(vg_network *net, vg_error *err) {
    size_t kept = 0;
    for (size_t e = 0; e < net->n_edges; e++)
        if (net->edges[e].events >= net->opt.min_events && net->edges[e].weight != 0.0)
            net->edges[kept++] = net->edges[e];
    net->n_edges = kept;
    size_t *remap = malloc((net->n_nodes ? net->n_nodes : 1) * sizeof *remap);
    if (!remap) return nomem(err);
    for (size_t i = 0; i < net->n_nodes; i++) remap[i] = SIZE_MAX;
    for (size_t e = 0; e < net->n_edges; e++) remap[net->edges[e].a] = remap[net->edges[e].b] = 0;
    size_t n = 0;
    for (size_t i = 0; i < net->n_nodes; i++)
        if (remap[i] == 0) { net->nodes[n] = net->nodes[i]; remap[i] = n++; }
    net->n_nodes = n;
    for (size_t e = 0; e < net->n_edges; e++) {
        vg_net_edge *ed = &net->edges[e];
        ed->a = remap[ed->a];
        ed->b = remap[ed->b];
        vg_net_node *na = &net->nodes[ed->a], *nb = &net->nodes[ed->b];
        if (ed->weight > 0) { na->pos += ed->weight; nb->pos += ed->weight; }
        else { na->neg -= ed->weight; nb->neg -= ed->weight; }
        na->events += ed->events;
        nb->events += ed->events;
    }
    free(remap);
    free(net->htab);
    net->htab = NULL;
    net->hcap = 0;
    return vg_analyse__find_blocs(net, err);
}

vg_status vg_network_from_pairs(vg_network **out, const vg_pair_flow *pairs, size_t n,
                                const vg_network_options *opt, vg_error *err) {
    *out = NULL;
    vg_network *net = net_new(opt);
    if (!net) return nomem(err);
    for (size_t i = 0; i < n; i++)
        if (add_pair(net, &pairs[i])) { vg_network_free(net); return nomem(err); }
    vg_status st = finish(net, err);
    if (st != VG_OK) { vg_network_free(net); return st; }
    *out = net;
    return VG_OK;
}

typedef struct pairs_ctx { vg_network *net; int oom; } pairs_ctx;

static int on_pair(const vg_pair_flow *p, void *payload) {
    pairs_ctx *c = payload;
    if (add_pair(c->net, p)) { c->oom = 1; return 1; }
    return 0;
}

vg_status vg_network_build(vg_network **out, vg_store *s, const vg_network_options *opt, vg_error *err) {
    *out = NULL;
    if (opt && opt->from && opt->to && opt->from > opt->to)
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "the window starts after it ends");
    vg_network *net = net_new(opt);
    if (!net) return nomem(err);
    pairs_ctx c = { net, 0 };
    vg_status st = vg_store_pairs(s, net->opt.from, net->opt.to, on_pair, &c, err);
    if (st == VG_OK && c.oom) st = nomem(err);
    if (st == VG_OK) st = finish(net, err);
    if (st != VG_OK) { vg_network_free(net); return st; }
    *out = net;
    return VG_OK;
}

void vg_network_free(vg_network *net) {
    if (!net) return;
    for (size_t i = 0; i < net->n_blocs; i++) free((void *)net->blocs[i].members);
    free(net->blocs);
    free(net->nodes);
    free(net->keys);
    free(net->edges);
    free(net->htab);
    free(net->community);
    vg_arena_free(&net->arena);
    free(net);
}

size_t vg_network_node_count(const vg_network *net) { return net->n_nodes; }
const vg_net_node *vg_network_node(const vg_network *net, size_t i) {
    return i < net->n_nodes ? &net->nodes[i] : NULL;
}
size_t vg_network_edge_count(const vg_network *net) { return net->n_edges; }
const vg_net_edge *vg_network_edge(const vg_network *net, size_t i) {
    return i < net->n_edges ? &net->edges[i] : NULL;
}
size_t vg_network_bloc_count(const vg_network *net) { return net->n_blocs; }
const vg_net_bloc *vg_network_bloc(const vg_network *net, size_t i) {
    return i < net->n_blocs ? &net->blocs[i] : NULL;
}
double vg_network_modularity(const vg_network *net) { return net->modularity; }
double vg_network_frustration(const vg_network *net) { return net->frustration; }
