/* blocs.c — blocs of a signed network by signed modularity.
 *
 * Objective (Gomez, Jensen & Arenas, Phys. Rev. E 80, 016114, 2009): with
 * w+ = max(w, 0), w- = max(-w, 0), k+_i, k-_i the positive and negative
 * strengths and 2W+ = sum k+, 2W- = sum k-,
 *
 *   Q = 1/(2W+ + 2W-) * sum_ij [ w_ij - k+_i k+_j / 2W+ + k-_i k-_j / 2W- ] d(c_i, c_j)
 *
 * Q rewards positive weight inside communities and negative weight between
 * them, each against what the node strengths alone would give. It is
 * maximised Louvain-style: nodes move one at a time to the community with the
 * best gain until none moves, then whole communities merge while that raises
 * Q, and both repeat until stable. Local moves depend on the visiting order,
 * so the search runs from `restarts` orders (the first is the natural one,
 * the others shuffled by a seeded generator) and keeps the best Q: the result
 * is deterministic for a given seed. Networks of countries have at most a
 * few hundred nodes, so this is cheap. */
#include "analyse/network.h"

#include <stdlib.h>
#include <string.h>

typedef struct adj { size_t to; double w; } adj;

typedef struct graph {
    size_t n;
    size_t *start;      /* CSR offsets, n + 1 */
    adj *nb;
    double *kp, *kn;    /* positive / negative strength */
    double w2p, w2n;    /* sums of kp and kn (each edge counted from both ends) */
} graph;

typedef struct work {
    int *comm, *best_comm, *size, *order;
    double *Kp, *Kn, *wc;
    int *touched;
} work;

static uint64_t next_rand(uint64_t *s) {
    /* xorshift64*: small, deterministic, no global state. */
    uint64_t x = *s;
    x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static double gain(const graph *g, const work *w, size_t i, int c, double wic) {
    double d = wic;
    if (g->w2p > 0) d -= g->kp[i] * w->Kp[c] / g->w2p;
    if (g->w2n > 0) d += g->kn[i] * w->Kn[c] / g->w2n;
    return d;
}

/* One round of local moves; returns the number of nodes moved. */
static size_t local_moves(const graph *g, work *w) {
    size_t total = 0;
    for (int pass = 0; pass < 1000; pass++) {
        size_t moved = 0;
        for (size_t k = 0; k < g->n; k++) {
            size_t i = (size_t)w->order[k];
            int c0 = w->comm[i];
            w->Kp[c0] -= g->kp[i];
            w->Kn[c0] -= g->kn[i];
            w->size[c0]--;
            size_t nt = 0;
            for (size_t e = g->start[i]; e < g->start[i + 1]; e++) {
                int c = w->comm[g->nb[e].to];
                if (w->wc[c] == 0.0) w->touched[nt++] = c;
                w->wc[c] += g->nb[e].w;
                if (w->wc[c] == 0.0) w->wc[c] = 1e-300; /* keep it marked */
            }
            int best = c0;
            double bg = gain(g, w, i, c0, w->wc[c0]);
            for (size_t t = 0; t < nt; t++) {
                int c = w->touched[t];
                double gc = gain(g, w, i, c, w->wc[c]);
                if (gc > bg + 1e-12) { bg = gc; best = c; }
            }
            if (bg < -1e-12) {
                /* Alone is better than anywhere: an empty community has gain 0. */
                if (w->size[c0] == 0) best = c0;
                else {
                    for (size_t c = 0; c < g->n; c++)
                        if (w->size[c] == 0) { best = (int)c; break; }
                }
            }
            for (size_t t = 0; t < nt; t++) w->wc[w->touched[t]] = 0.0;
            w->comm[i] = best;
            w->Kp[best] += g->kp[i];
            w->Kn[best] += g->kn[i];
            w->size[best]++;
            if (best != c0) moved++;
        }
        total += moved;
        if (!moved) break;
    }
    return total;
}

/* Merge the pair of communities whose union raises Q most, while one does;
 * returns the number of merges. wab is an n*n scratch matrix. */
static size_t merges(const graph *g, work *w, double *wab) {
    size_t n = g->n, done = 0;
    for (;;) {
        memset(wab, 0, n * n * sizeof *wab);
        for (size_t i = 0; i < n; i++)
            for (size_t e = g->start[i]; e < g->start[i + 1]; e++)
                wab[(size_t)w->comm[i] * n + (size_t)w->comm[g->nb[e].to]] += g->nb[e].w;
        double best = 1e-12;
        int ba = -1, bb = -1;
        for (size_t a = 0; a < n; a++) {
            if (!w->size[a]) continue;
            for (size_t b = a + 1; b < n; b++) {
                if (!w->size[b] || wab[a * n + b] == 0.0) continue;
                double d = 2 * wab[a * n + b];
                if (g->w2p > 0) d -= 2 * w->Kp[a] * w->Kp[b] / g->w2p;
                if (g->w2n > 0) d += 2 * w->Kn[a] * w->Kn[b] / g->w2n;
                if (d > best) { best = d; ba = (int)a; bb = (int)b; }
            }
        }
        if (ba < 0) return done;
        for (size_t i = 0; i < n; i++)
            if (w->comm[i] == bb) w->comm[i] = ba;
        w->Kp[ba] += w->Kp[bb]; w->Kn[ba] += w->Kn[bb]; w->size[ba] += w->size[bb];
        w->Kp[bb] = w->Kn[bb] = 0; w->size[bb] = 0;
        done++;
    }
}

static double modularity(const graph *g, const int *comm, double *Kp, double *Kn) {
    double m = g->w2p + g->w2n;
    if (m <= 0) return 0;
    size_t n = g->n;
    memset(Kp, 0, n * sizeof *Kp);
    memset(Kn, 0, n * sizeof *Kn);
    double in = 0;
    for (size_t i = 0; i < n; i++) {
        Kp[comm[i]] += g->kp[i];
        Kn[comm[i]] += g->kn[i];
        for (size_t e = g->start[i]; e < g->start[i + 1]; e++)
            if (comm[g->nb[e].to] == comm[i]) in += g->nb[e].w;
    }
    double q = in;
    for (size_t c = 0; c < n; c++) {
        if (g->w2p > 0) q -= Kp[c] * Kp[c] / g->w2p;
        if (g->w2n > 0) q += Kn[c] * Kn[c] / g->w2n;
    }
    return q / m;
}



/* qsort has no context argument in C11: members are sorted by insertion
 * (blocs are small) instead. */
static void sort_members(const vg_network *net, size_t *m, size_t k) {
    for (size_t i = 1; i < k; i++) {
        size_t v = m[i], j = i;
        while (j > 0) {
            const vg_net_node *a = &net->nodes[m[j - 1]], *b = &net->nodes[v];
            int before = b->pos > a->pos || (b->pos == a->pos && strcmp(b->code, a->code) < 0);
            if (!before) break;
            m[j] = m[j - 1];
            j--;
        }
        m[j] = v;
    }
}

static int cmp_bloc(const void *x, const void *y) {
    const vg_net_bloc *a = x, *b = y;
    if (a->size != b->size) return a->size > b->size ? -1 : 1;
    if (a->internal != b->internal) return a->internal > b->internal ? -1 : 1;
    return 0;
}

vg_status vg_analyse__find_blocs(vg_network *net, vg_error *err) {
    size_t n = net->n_nodes, m = net->n_edges;
    net->modularity = net->frustration = 0;
    net->n_blocs = 0;
    if (!n) return VG_OK;
    graph g = { n, NULL, NULL, NULL, NULL, 0, 0 };
    work w;
    memset(&w, 0, sizeof w);
    size_t nn;
    double *wab = NULL;
    vg_status st = VG_OK;
    g.start = calloc(n + 1, sizeof *g.start);
    g.nb = malloc((2 * m + 1) * sizeof *g.nb);
    g.kp = calloc(n, sizeof *g.kp);
    g.kn = calloc(n, sizeof *g.kn);
    w.comm = malloc(n * sizeof *w.comm);
    w.best_comm = malloc(n * sizeof *w.best_comm);
    w.size = malloc(n * sizeof *w.size);
    w.order = malloc(n * sizeof *w.order);
    w.touched = malloc(n * sizeof *w.touched);
    w.Kp = malloc(n * sizeof *w.Kp);
    w.Kn = malloc(n * sizeof *w.Kn);
    w.wc = calloc(n, sizeof *w.wc);
    net->community = malloc(n * sizeof *net->community);
    /* The merge phase keeps an n*n matrix of community weights: skipped for
     * graphs too large for it (local moves alone still optimise Q). */
    if (n <= 2048 && vg_mul_ok(n, n, &nn) && vg_mul_ok(nn, sizeof *wab, &nn)) wab = malloc(nn);
    if (!g.start || !g.nb || !g.kp || !g.kn || !w.comm || !w.best_comm || !w.size || !w.order ||
        !w.touched || !w.Kp || !w.Kn || !w.wc || !net->community || (n <= 2048 && !wab)) {
        st = vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
        goto done;
    }
    /* CSR adjacency, both directions. */
    for (size_t e = 0; e < m; e++) { g.start[net->edges[e].a + 1]++; g.start[net->edges[e].b + 1]++; }
    for (size_t i = 0; i < n; i++) g.start[i + 1] += g.start[i];
    {
        size_t *fill = malloc(n * sizeof *fill);
        if (!fill) { st = vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory"); goto done; }
        memcpy(fill, g.start, n * sizeof *fill);
        for (size_t e = 0; e < m; e++) {
            const vg_net_edge *ed = &net->edges[e];
            g.nb[fill[ed->a]++] = (adj){ ed->b, ed->weight };
            g.nb[fill[ed->b]++] = (adj){ ed->a, ed->weight };
            double wp = ed->weight > 0 ? ed->weight : 0, wn = ed->weight < 0 ? -ed->weight : 0;
            g.kp[ed->a] += wp; g.kp[ed->b] += wp;
            g.kn[ed->a] += wn; g.kn[ed->b] += wn;
        }
        free(fill);
    }
    for (size_t i = 0; i < n; i++) { g.w2p += g.kp[i]; g.w2n += g.kn[i]; }

    double best_q = -2;
    uint64_t rng = net->opt.seed;
    for (int r = 0; r < net->opt.restarts; r++) {
        for (size_t i = 0; i < n; i++) {
            w.comm[i] = (int)i; w.size[i] = 1; w.order[i] = (int)i;
            w.Kp[i] = g.kp[i]; w.Kn[i] = g.kn[i];
        }
        if (r > 0)
            for (size_t i = n - 1; i > 0; i--) {
                size_t j = (size_t)(next_rand(&rng) % (i + 1));
                int t = w.order[i]; w.order[i] = w.order[j]; w.order[j] = t;
            }
        for (int round = 0; round < 50; round++) {
            size_t moved = local_moves(&g, &w);
            size_t merged = wab ? merges(&g, &w, wab) : 0;
            if (!merged && (!moved || round > 0)) break;
        }
        double q = modularity(&g, w.comm, w.Kp, w.Kn);
        if (q > best_q + 1e-12) {
            best_q = q;
            memcpy(w.best_comm, w.comm, n * sizeof *w.comm);
        }
    }
    /* Relabel communities 0.. in node order, so output is stable. */
    {
        int *label = w.size; /* reuse: maps old community -> new label */
        for (size_t c = 0; c < n; c++) label[c] = -1;
        int next = 0;
        for (size_t i = 0; i < n; i++) {
            int c = w.best_comm[i];
            if (label[c] < 0) label[c] = next++;
            net->community[i] = label[c];
        }
    }
    net->modularity = best_q;
    for (size_t e = 0; e < m; e++) {
        const vg_net_edge *ed = &net->edges[e];
        int same = net->community[ed->a] == net->community[ed->b];
        if (same && ed->weight < 0) net->frustration -= ed->weight;
        if (!same && ed->weight > 0) net->frustration += ed->weight;
    }
    /* Blocs: communities of two or more. */
    {
        int *count = w.order;
        memset(count, 0, n * sizeof *count);
        for (size_t i = 0; i < n; i++) count[net->community[i]]++;
        size_t nb = 0;
        for (size_t c = 0; c < n; c++) nb += count[c] >= 2;
        net->blocs = calloc(nb ? nb : 1, sizeof *net->blocs);
        if (!net->blocs) { st = vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory"); goto done; }
        for (size_t c = 0; c < n; c++) {
            if (count[c] < 2) continue;
            vg_net_bloc *b = &net->blocs[net->n_blocs];
            size_t *mem = malloc((size_t)count[c] * sizeof *mem);
            if (!mem) { st = vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory"); goto done; }
            for (size_t i = 0; i < n; i++)
                if (net->community[i] == (int)c) mem[b->size++] = i;
            sort_members(net, mem, b->size);
            b->members = mem;
            for (size_t e = 0; e < m; e++)
                if (net->community[net->edges[e].a] == (int)c && net->community[net->edges[e].b] == (int)c)
                    b->internal += net->edges[e].weight;
            net->n_blocs++;
        }
        qsort(net->blocs, net->n_blocs, sizeof *net->blocs, cmp_bloc);
        for (size_t bi = 0; bi < net->n_blocs; bi++)
            for (size_t k = 0; k < net->blocs[bi].size; k++) net->nodes[net->blocs[bi].members[k]].bloc = (int)bi;
    }
done:
    free(g.start); free(g.nb); free(g.kp); free(g.kn);
    free(w.comm); free(w.best_comm); free(w.size); free(w.order); free(w.touched);
    free(w.Kp); free(w.Kn); free(w.wc); free(wab);
    return st;
}
