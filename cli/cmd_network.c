/* cmd_network.c — `vigia network`: the signed network of countries and its blocs. */
#include "cmd_analyse.h"

#include <stdio.h>

static const char usage[] =
    "usage: vigia network [--db URL] [--from DATE] [--to DATE] [--format json|graphml|dot|csv|table]\n"
    "                     [--limit MIN_EVENTS]\n"
    "\n"
    "Countries linked by the Goldstein sum of their events both ways (cooperation\n"
    "minus conflict), and the blocs found by signed modularity: positive links\n"
    "inside blocs, negative links between them.\n"
    "\n"
    "  --db URL        store (default $VIGIA_DB, else vigia.db)\n"
    "  --from, --to    window (YYYY-MM-DD), default everything\n"
    "  --format F      json (default), graphml, dot (Graphviz), csv (edges) or table\n"
    "  --limit N       leave out relations with fewer than N events (default 1)\n";

static int run(int argc, char **argv) {
    vg_cli_aopt o;
    int rc = vg_cli__aopt_start(argc, argv, "db,from,to,format,limit", 0, usage, &o);
    if (rc >= 0) return rc;
    int fmt = vg_cli__aopt_format(o.format, "json,graphml,dot,csv,table", "json");
    if (fmt < 0) return VG_EXIT_USAGE;
    vg_store *s;
    if ((rc = vg_cli__aopt_open(&o, &s))) return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_network_options no = VG_NETWORK_OPTIONS_INIT;
    no.from = o.from;
    no.to = o.to;
    if (o.limit > 0) no.min_events = o.limit;
    vg_network *net = NULL;
    vg_status st = vg_network_build(&net, s, &no, &err);
    if (st == VG_OK) st = vg_network_write(net, stdout, (vg_out_format)fmt, &err);
    vg_network_free(net);
    vg_store_close(s, NULL);
    return st == VG_OK ? VG_EXIT_OK : vg_cli__afail(&err);
}

const vg_cli_cmd vg_cmd_network = { "network", "signed network of countries and its blocs (json, graphml, dot)", run };
