/* network_write.c — the network as JSON, GraphML, DOT, CSV (edges) or a
 * table for people. Every format carries the same facts: nodes with their
 * bloc, signed edges with both directions' Goldstein sums, the blocs and the
 * partition's signed modularity. */
#include "analyse/network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void json(vg_out *o, const vg_network *net) {
    char f[11], t[11];
    vg_analyse__date_str(net->opt.from, f);
    vg_analyse__date_str(net->opt.to, t);
    vg_analyse__puts(o, "{\"from\":");
    if (*f) vg_analyse__printf(o, "\"%s\"", f); else vg_analyse__puts(o, "null");
    vg_analyse__puts(o, ",\"to\":");
    if (*t) vg_analyse__printf(o, "\"%s\"", t); else vg_analyse__puts(o, "null");
    vg_analyse__puts(o, ",\"weight\":\"sum of Goldstein weights of events both ways (cooperation minus conflict)\"");
    vg_analyse__puts(o, ",\"method\":\"signed modularity (Gomez-Jensen-Arenas 2009), Louvain-style local moves and merges, best of restarts\"");
    vg_analyse__puts(o, ",\"modularity\":");
    vg_analyse__json_num(o, net->modularity);
    vg_analyse__puts(o, ",\"frustration\":");
    vg_analyse__json_num(o, net->frustration);
    vg_analyse__puts(o, ",\"nodes\":[");
    for (size_t i = 0; i < net->n_nodes; i++) {
        const vg_net_node *n = &net->nodes[i];
        vg_analyse__puts(o, i ? ",{\"id\":" : "{\"id\":");
        vg_analyse__json_str(o, n->code);
        vg_analyse__puts(o, ",\"name\":");
        vg_analyse__json_str(o, n->name);
        vg_analyse__printf(o, ",\"bloc\":%d,\"community\":%d,\"pos\":", n->bloc, net->community[i]);
        vg_analyse__json_num(o, n->pos);
        vg_analyse__puts(o, ",\"neg\":");
        vg_analyse__json_num(o, n->neg);
        vg_analyse__printf(o, ",\"events\":%lld}", (long long)n->events);
    }
    vg_analyse__puts(o, "],\"edges\":[");
    for (size_t e = 0; e < net->n_edges; e++) {
        const vg_net_edge *ed = &net->edges[e];
        vg_analyse__puts(o, e ? ",{\"source\":" : "{\"source\":");
        vg_analyse__json_str(o, net->nodes[ed->a].code);
        vg_analyse__puts(o, ",\"target\":");
        vg_analyse__json_str(o, net->nodes[ed->b].code);
        vg_analyse__puts(o, ",\"weight\":");
        vg_analyse__json_num(o, ed->weight);
        vg_analyse__printf(o, ",\"sign\":%d,\"ab\":", ed->weight > 0 ? 1 : -1);
        vg_analyse__json_num(o, ed->ab);
        vg_analyse__puts(o, ",\"ba\":");
        vg_analyse__json_num(o, ed->ba);
        vg_analyse__printf(o, ",\"events\":%lld,\"quad\":[%lld,%lld,%lld,%lld]}", (long long)ed->events,
                           (long long)ed->quad[1], (long long)ed->quad[2], (long long)ed->quad[3],
                           (long long)ed->quad[4]);
    }
    vg_analyse__puts(o, "],\"blocs\":[");
    for (size_t b = 0; b < net->n_blocs; b++) {
        const vg_net_bloc *bl = &net->blocs[b];
        vg_analyse__printf(o, "%s{\"id\":%zu,\"size\":%zu,\"internal\":", b ? "," : "", b, bl->size);
        vg_analyse__json_num(o, bl->internal);
        vg_analyse__puts(o, ",\"members\":[");
        for (size_t k = 0; k < bl->size; k++) {
            if (k) vg_analyse__puts(o, ",");
            vg_analyse__json_str(o, net->nodes[bl->members[k]].code);
        }
        vg_analyse__puts(o, "]}");
    }
    vg_analyse__puts(o, "]}\n");
}

static void graphml(vg_out *o, const vg_network *net) {
    vg_analyse__puts(o,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
        "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
        "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
        "  <key id=\"bloc\" for=\"node\" attr.name=\"bloc\" attr.type=\"int\"/>\n"
        "  <key id=\"community\" for=\"node\" attr.name=\"community\" attr.type=\"int\"/>\n"
        "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
        "  <key id=\"sign\" for=\"edge\" attr.name=\"sign\" attr.type=\"int\"/>\n"
        "  <key id=\"events\" for=\"edge\" attr.name=\"events\" attr.type=\"long\"/>\n"
        "  <key id=\"ab\" for=\"edge\" attr.name=\"goldstein_source_to_target\" attr.type=\"double\"/>\n"
        "  <key id=\"ba\" for=\"edge\" attr.name=\"goldstein_target_to_source\" attr.type=\"double\"/>\n"
        "  <graph id=\"vigia\" edgedefault=\"undirected\">\n");
    for (size_t i = 0; i < net->n_nodes; i++) {
        const vg_net_node *n = &net->nodes[i];
        vg_analyse__puts(o, "    <node id=\"");
        vg_analyse__xml_str(o, n->code);
        vg_analyse__puts(o, "\"><data key=\"name\">");
        vg_analyse__xml_str(o, n->name);
        vg_analyse__printf(o, "</data><data key=\"bloc\">%d</data><data key=\"community\">%d</data></node>\n",
                           n->bloc, net->community[i]);
    }
    for (size_t e = 0; e < net->n_edges; e++) {
        const vg_net_edge *ed = &net->edges[e];
        vg_analyse__printf(o, "    <edge id=\"e%zu\" source=\"", e);
        vg_analyse__xml_str(o, net->nodes[ed->a].code);
        vg_analyse__puts(o, "\" target=\"");
        vg_analyse__xml_str(o, net->nodes[ed->b].code);
        vg_analyse__printf(o, "\"><data key=\"weight\">%.4f</data><data key=\"sign\">%d</data>"
                              "<data key=\"events\">%lld</data><data key=\"ab\">%.4f</data>"
                              "<data key=\"ba\">%.4f</data></edge>\n",
                           ed->weight, ed->weight > 0 ? 1 : -1, (long long)ed->events, ed->ab, ed->ba);
    }
    vg_analyse__puts(o, "  </graph>\n</graphml>\n");
}

static const char *const palette[] = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                                       "#8c564b", "#e377c2", "#17becf" };

static void dot_id(vg_out *o, const char *s) {
    vg_analyse__puts(o, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') vg_analyse__puts(o, "\\");
        if (fputc(*s, o->fp) == EOF) o->failed = 1;
    }
    vg_analyse__puts(o, "\"");
}

static void dot(vg_out *o, const vg_network *net) {
    vg_analyse__printf(o, "// vigia network: signed modularity Q = %.3f, frustration %.1f\n"
                          "// green solid = cooperation (positive weight), red dashed = conflict\n"
                          "graph vigia {\n  layout=neato; overlap=false; splines=true;\n"
                          "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fillcolor=\"#eeeeee\"];\n",
                       net->modularity, net->frustration);
    for (size_t b = 0; b < net->n_blocs; b++) {
        vg_analyse__printf(o, "  subgraph cluster_bloc%zu {\n    label=\"bloc %zu\"; color=\"%s\";\n", b, b + 1,
                           palette[b % (sizeof palette / sizeof palette[0])]);
        for (size_t k = 0; k < net->blocs[b].size; k++) {
            const vg_net_node *n = &net->nodes[net->blocs[b].members[k]];
            vg_analyse__puts(o, "    ");
            dot_id(o, n->code);
            vg_analyse__puts(o, " [label=");
            dot_id(o, n->name);
            vg_analyse__printf(o, ", fillcolor=\"%s\", fontcolor=white];\n",
                               palette[b % (sizeof palette / sizeof palette[0])]);
        }
        vg_analyse__puts(o, "  }\n");
    }
    for (size_t i = 0; i < net->n_nodes; i++) {
        if (net->nodes[i].bloc >= 0) continue;
        vg_analyse__puts(o, "  ");
        dot_id(o, net->nodes[i].code);
        vg_analyse__puts(o, " [label=");
        dot_id(o, net->nodes[i].name);
        vg_analyse__puts(o, "];\n");
    }
    for (size_t e = 0; e < net->n_edges; e++) {
        const vg_net_edge *ed = &net->edges[e];
        double pw = 1 + log1p(fabs(ed->weight)) / 1.5;
        vg_analyse__puts(o, "  ");
        dot_id(o, net->nodes[ed->a].code);
        vg_analyse__puts(o, " -- ");
        dot_id(o, net->nodes[ed->b].code);
        vg_analyse__printf(o, " [weight=%.3f, penwidth=%.2f, color=\"%s\", style=%s, label=\"%+.1f\"];\n",
                           fabs(ed->weight), pw, ed->weight > 0 ? "#2ca02c" : "#d62728",
                           ed->weight > 0 ? "solid" : "dashed", ed->weight);
    }
    vg_analyse__puts(o, "}\n");
}

static void csv(vg_out *o, const vg_network *net) {
    vg_analyse__puts(o, "source,target,weight,sign,ab,ba,events,verbal_coop,material_coop,verbal_conflict,"
                        "material_conflict,source_bloc,target_bloc\n");
    for (size_t e = 0; e < net->n_edges; e++) {
        const vg_net_edge *ed = &net->edges[e];
        vg_analyse__printf(o, "%s,%s,%.4f,%d,%.4f,%.4f,%lld,%lld,%lld,%lld,%lld,%d,%d\n",
                           net->nodes[ed->a].code, net->nodes[ed->b].code, ed->weight,
                           ed->weight > 0 ? 1 : -1, ed->ab, ed->ba, (long long)ed->events,
                           (long long)ed->quad[1], (long long)ed->quad[2], (long long)ed->quad[3],
                           (long long)ed->quad[4], net->nodes[ed->a].bloc, net->nodes[ed->b].bloc);
    }
}

static int cmp_abs(const void *x, const void *y, const vg_network *net) {
    const vg_net_edge *a = &net->edges[*(const size_t *)x], *b = &net->edges[*(const size_t *)y];
    return fabs(a->weight) < fabs(b->weight) ? 1 : fabs(a->weight) > fabs(b->weight) ? -1 : 0;
}

void vg_analyse__network_table(vg_out *o, const vg_network *net, size_t max_edges) {
    vg_analyse__printf(o, "%zu countries, %zu relations, %zu bloc%s (signed modularity Q = %.3f, "
                          "frustration %.1f)\n",
                       net->n_nodes, net->n_edges, net->n_blocs, net->n_blocs == 1 ? "" : "s",
                       net->modularity, net->frustration);
    for (size_t b = 0; b < net->n_blocs; b++) {
        const vg_net_bloc *bl = &net->blocs[b];
        vg_analyse__printf(o, "  bloc %zu (%zu, internal %+.1f): ", b + 1, bl->size, bl->internal);
        for (size_t k = 0; k < bl->size; k++)
            vg_analyse__printf(o, "%s%s", k ? ", " : "", net->nodes[bl->members[k]].name);
        vg_analyse__puts(o, "\n");
    }
    /* Weight between each pair of blocs: the signed graph's reason to separate them. */
    for (size_t x = 0; x < net->n_blocs; x++)
        for (size_t y = x + 1; y < net->n_blocs; y++) {
            double w = 0;
            size_t k = 0;
            for (size_t e = 0; e < net->n_edges; e++) {
                int ba = net->nodes[net->edges[e].a].bloc, bb = net->nodes[net->edges[e].b].bloc;
                if ((ba == (int)x && bb == (int)y) || (ba == (int)y && bb == (int)x)) {
                    w += net->edges[e].weight;
                    k++;
                }
            }
            if (k) vg_analyse__printf(o, "  between bloc %zu and bloc %zu: %+.1f over %zu relation%s\n", x + 1,
                                      y + 1, w, k, k == 1 ? "" : "s");
        }
    size_t *idx = malloc((net->n_edges ? net->n_edges : 1) * sizeof *idx);
    if (!idx) { o->failed = 1; return; }
    for (size_t e = 0; e < net->n_edges; e++) idx[e] = e;
    /* Insertion sort by |weight| (no qsort context in C11; edges are few). */
    for (size_t i = 1; i < net->n_edges; i++) {
        size_t v = idx[i], j = i;
        while (j > 0 && cmp_abs(&idx[j - 1], &v, net) > 0) { idx[j] = idx[j - 1]; j--; }
        idx[j] = v;
    }
    size_t shown = max_edges && max_edges < net->n_edges ? max_edges : net->n_edges;
    if (shown) vg_analyse__printf(o, "\n  %-34s %8s %6s  %s\n", "strongest relations", "weight", "events", "blocs");
    for (size_t k = 0; k < shown; k++) {
        const vg_net_edge *ed = &net->edges[idx[k]];
        const vg_net_node *a = &net->nodes[ed->a], *b = &net->nodes[ed->b];
        char label[160], bl[32];
        snprintf(label, sizeof label, "%s - %s", a->name, b->name);
        char clipped[64];
        vg_analyse__clip(clipped, 35, label);
        vg_analyse__puts(o, "  ");
        vg_analyse__pad(o, clipped, 34);
        if (a->bloc >= 0 && a->bloc == b->bloc) snprintf(bl, sizeof bl, "inside %d", a->bloc + 1);
        else if (a->bloc >= 0 && b->bloc >= 0) snprintf(bl, sizeof bl, "%d vs %d", a->bloc + 1, b->bloc + 1);
        else snprintf(bl, sizeof bl, "-");
        vg_analyse__printf(o, " %+8.1f %6lld  %s\n", ed->weight, (long long)ed->events, bl);
    }
    if (shown < net->n_edges) vg_analyse__printf(o, "  ... %zu more\n", net->n_edges - shown);
    free(idx);
}

vg_status vg_network_write(const vg_network *net, FILE *fp, vg_out_format fmt, vg_error *err) {
    vg_out o = { fp, 0 };
    switch (fmt) {
    case VG_OUT_JSON: json(&o, net); break;
    case VG_OUT_GRAPHML: graphml(&o, net); break;
    case VG_OUT_DOT: dot(&o, net); break;
    case VG_OUT_CSV: csv(&o, net); break;
    case VG_OUT_TABLE: vg_analyse__network_table(&o, net, 0); break;
    default: return vg_err_set(err, VG_ERR_ARG, NULL, 0, "unknown network format");
    }
    return vg_analyse__out_status(&o, err);
}
