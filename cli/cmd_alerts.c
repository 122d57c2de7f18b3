/* cmd_alerts.c — `vigia alerts`: escalation alerts per dyad, with evidence. */
#include "cmd_analyse.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: vigia alerts [--db URL] [--from DATE] [--to DATE] [--dyad A,B] [--format table|json|csv]\n"
    "                    [--limit EVENTS] [--kinds K,...] [--z X] [--baseline DAYS] [--min-intensity X]\n"
    "\n"
    "Escalation per dyad (a pair of countries, or of actors inside one country):\n"
    "  spike           the day's Goldstein-weighted conflict has z >= 4 against the\n"
    "                  dyad's own 28 days before (sd at least 2, conflict at least 8)\n"
    "  turn            CCI of the last 7 days <= -0.25 after >= +0.25 in the 28 before\n"
    "  first-material  the dyad's first material-conflict event\n"
    "Each alert lists the events behind it with their evidence sentence.\n"
    "\n"
    "  --db URL        store (default $VIGIA_DB, else vigia.db)\n"
    "  --from, --to    alerts firing in this window (earlier events are baseline)\n"
    "  --dyad A,B      only this dyad (actor code prefixes, e.g. USA,VEN)\n"
    "  --format F      table (default), json or csv\n"
    "  --limit N       events listed per alert (default 10)\n"
    "  --kinds K,...   only these kinds: spike, turn, first-material\n"
    "  --z X           spike threshold (default 4)\n"
    "  --baseline D    rolling baseline in days, also before a turn (default 28)\n"
    "  --min-intensity X  least Goldstein-weighted conflict of a spike day (default 8)\n";

static int run(int argc, char **argv) {
    vg_cli_aopt o;
    int rc = vg_cli__aopt_start(argc, argv, "db,from,to,dyad,format,limit,kinds,z,baseline,min-intensity", 0,
                                usage, &o);
    if (rc >= 0) return rc;
    int fmt = vg_cli__aopt_format(o.format, "table,json,csv", "table");
    if (fmt < 0) return VG_EXIT_USAGE;
    char a[64] = "", b[64] = "";
    if (o.dyad) {
        const char *comma = strchr(o.dyad, ',');
        size_t la = comma ? (size_t)(comma - o.dyad) : 0;
        if (!comma || !la || !comma[1] || la >= sizeof a || strlen(comma + 1) >= sizeof b) {
            fprintf(stderr, "vigia alerts: --dyad needs two actor codes, e.g. --dyad USA,VEN\n");
            return VG_EXIT_USAGE;
        }
        memcpy(a, o.dyad, la);
        snprintf(b, sizeof b, "%s", comma + 1);
    }
    vg_store *s;
    if ((rc = vg_cli__aopt_open(&o, &s))) return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_alert_options ao = VG_ALERT_OPTIONS_INIT;
    ao.from = o.from;
    ao.to = o.to;
    if (o.dyad) { ao.dyad_a = a; ao.dyad_b = b; }
    if (o.limit > 0) ao.max_events = (size_t)o.limit;
    ao.z_threshold = o.z;
    ao.baseline_days = (int)o.baseline;
    ao.min_intensity = o.min_intensity;
    for (const char *k = o.kinds; k && *k;) {
        const char *e = strchr(k, ',');
        size_t n = e ? (size_t)(e - k) : strlen(k);
        vg_alert_kind kind = 0;
        for (int x = VG_ALERT_SPIKE; x <= VG_ALERT_FIRST_MATERIAL; x++)
            if (strlen(vg_alert_kind_str((vg_alert_kind)x)) == n && !strncmp(k, vg_alert_kind_str((vg_alert_kind)x), n))
                kind = (vg_alert_kind)x;
        if (!kind) {
            fprintf(stderr, "vigia alerts: --kinds takes spike, turn, first-material, not '%.*s'\n", (int)n, k);
            vg_store_close(s, NULL);
            return VG_EXIT_USAGE;
        }
        ao.kinds |= 1u << kind;
        k = e ? e + 1 : k + n;
    }
    vg_alerts *al = NULL;
    vg_status st = vg_alerts_find(&al, s, &ao, &err);
    if (st == VG_OK) st = vg_alerts_write(al, stdout, (vg_out_format)fmt, &err);
    vg_alerts_free(al);
    vg_store_close(s, NULL);
    return st == VG_OK ? VG_EXIT_OK : vg_cli__afail(&err);
}

const vg_cli_cmd vg_cmd_alerts = { "alerts", "escalation alerts per dyad, with the events behind them", run };
