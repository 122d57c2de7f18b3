/* cmd_trend.c — `vigia trend A B`: one relation over time, both directions. */
#include "cmd_analyse.h"

#include <stdio.h>

static const char usage[] =
    "usage: vigia trend A B [--db URL] [--by day|week|month] [--from DATE] [--to DATE]\n"
    "                       [--format table|csv|json]\n"
    "\n"
    "Events between actors A and B (code prefixes: USA, VEN, VENGOV) in both\n"
    "directions, per period: counts per quad class, Goldstein sum and mean, and\n"
    "the conflict-cooperation index CCI = (coop - conf) / (coop + conf) with\n"
    "Goldstein-weighted cooperation and conflict (+1 cooperation .. -1 conflict).\n"
    "The table ends with sparklines of volume and CCI.\n"
    "\n"
    "  --db URL        store (default $VIGIA_DB, else vigia.db)\n"
    "  --by PERIOD     day, week (default) or month\n"
    "  --from, --to    window (YYYY-MM-DD); default the dyad's first to last event\n"
    "  --format F      table (default), csv or json\n";

static int run(int argc, char **argv) {
    vg_cli_aopt o;
    int rc = vg_cli__aopt_start(argc, argv, "db,by,from,to,format", 2, usage, &o);
    if (rc >= 0) return rc;
    if (o.npos != 2) {
        fprintf(stderr, "vigia trend: needs two actors, e.g. vigia trend USA VEN\n(see vigia trend --help)\n");
        return VG_EXIT_USAGE;
    }
    vg_period by = VG_PERIOD_WEEK;
    if (o.by && vg_cli__aopt_period("trend", o.by, &by)) return VG_EXIT_USAGE;
    int fmt = vg_cli__aopt_format(o.format, "table,csv,json", "table");
    if (fmt < 0) return VG_EXIT_USAGE;
    vg_store *s;
    if ((rc = vg_cli__aopt_open(&o, &s))) return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_trend *t = NULL;
    vg_status st = vg_trend_build(&t, s, o.pos[0], o.pos[1], by, o.from, o.to, &err);
    if (st == VG_OK) st = vg_trend_write(t, stdout, (vg_out_format)fmt, &err);
    vg_trend_free(t);
    vg_store_close(s, NULL);
    return st == VG_OK ? VG_EXIT_OK : vg_cli__afail(&err);
}

const vg_cli_cmd vg_cmd_trend = { "trend", "one relation over time, with a conflict-cooperation index", run };
