/* network.h — the vg_network handle, shared by network.c (building),
 * blocs.c (community detection) and network_write.c (JSON, GraphML, DOT). */
#ifndef VG_ANALYSE_NETWORK_H
#define VG_ANALYSE_NETWORK_H

#include "analyse/analyse.h"

struct vg_network {
    vg_network_options opt;
    vg_arena arena;          /* node code strings */
    vg_net_node *nodes;
    uint32_t *keys;          /* packed 3-character codes, parallel to nodes while building */
    size_t n_nodes, cap_nodes;
    vg_net_edge *edges;
    size_t n_edges, cap_edges;
    long *htab;              /* edge lookup while building */
    size_t hcap;
    vg_net_bloc *blocs;
    size_t n_blocs;
    int *community;          /* per node, the community found (also singletons) */
    double modularity, frustration;
};

/* Partition the nodes by signed modularity and fill blocs, node.bloc,
 * modularity and frustration. */
vg_status vg_analyse__find_blocs(vg_network *net, vg_error *err);

/* The table for people (also used by the report); max_edges 0 = all. */
void vg_analyse__network_table(vg_out *o, const vg_network *net, size_t max_edges);

#endif
