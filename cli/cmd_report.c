/* cmd_report.c — `vigia report`: the crisis report (the README's first
 * command prints it). Also home of the option parsing the analysis commands
 * share (cmd_analyse.h). */
#include "cmd_analyse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int listed(const char *list, const char *name, size_t len) {
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == len && !strncmp(p, name, len)) return 1;
        if (!e) break;
        p = e + 1;
    }
    return 0;
}

/* Prints the problem and returns VG_EXIT_USAGE on a bad option, else
 * VG_EXIT_OK. */
static int aopt_parse(int argc, char **argv, const char *allowed, int max_pos, vg_cli_aopt *o) {
    memset(o, 0, sizeof *o);
    o->limit = -1;
    const char *cmd = argv[0];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { o->help = 1; continue; }
        if (strncmp(a, "--", 2) != 0 || !a[2]) {
            if (a[0] == '-' && a[1]) {
                fprintf(stderr, "vigia %s: unknown option '%s'\n", cmd, a);
                return VG_EXIT_USAGE;
            }
            if (o->npos >= max_pos) {
                fprintf(stderr, "vigia %s: unexpected argument '%s'\n", cmd, a);
                return VG_EXIT_USAGE;
            }
            o->pos[o->npos++] = a;
            continue;
        }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        if (!listed(allowed, name, nlen)) {
            fprintf(stderr, "vigia %s: unknown option '%.*s'\n", cmd, (int)(nlen + 2), a);
            return VG_EXIT_USAGE;
        }
        const char *val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (!val) {
            fprintf(stderr, "vigia %s: option '--%.*s' needs a value\n", cmd, (int)nlen, name);
            return VG_EXIT_USAGE;
        }
        if (!strncmp(name, "db", nlen)) o->db = val;
        else if (!strncmp(name, "format", nlen)) o->format = val;
        else if (!strncmp(name, "by", nlen)) o->by = val;
        else if (!strncmp(name, "dyad", nlen)) o->dyad = val;
        else if (!strncmp(name, "kinds", nlen)) o->kinds = val;
        else if (!strncmp(name, "z", nlen) || !strncmp(name, "min-intensity", nlen)) {
            char *end;
            double x = strtod(val, &end);
            if (*end || !(x > 0) || x > 1e6) {
                fprintf(stderr, "vigia %s: --%.*s needs a positive number, not '%s'\n", cmd, (int)nlen, name, val);
                return VG_EXIT_USAGE;
            }
            if (name[0] == 'z') o->z = x;
            else o->min_intensity = x;
        } else if (!strncmp(name, "baseline", nlen)) {
            char *end;
            o->baseline = strtol(val, &end, 10);
            if (*end || o->baseline < 2 || o->baseline > 3650) {
                fprintf(stderr, "vigia %s: --baseline needs a number of days (2..3650), not '%s'\n", cmd, val);
                return VG_EXIT_USAGE;
            }
        }
        else if (!strncmp(name, "limit", nlen)) {
            char *end;
            o->limit = strtol(val, &end, 10);
            if (*end || o->limit < 0) {
                fprintf(stderr, "vigia %s: --limit needs a number, not '%s'\n", cmd, val);
                return VG_EXIT_USAGE;
            }
        } else {
            int32_t d = vg_date_parse(val, strlen(val));
            if (!d) {
                fprintf(stderr, "vigia %s: --%.*s needs a date (YYYY-MM-DD), not '%s'\n", cmd, (int)nlen, name, val);
                return VG_EXIT_USAGE;
            }
            if (!strncmp(name, "from", nlen)) o->from = d;
            else o->to = d;
        }
    }
    if (o->from && o->to && o->from > o->to) {
        fprintf(stderr, "vigia %s: --from is after --to\n", cmd);
        return VG_EXIT_USAGE;
    }
    return VG_EXIT_OK;
}

int vg_cli__aopt_start(int argc, char **argv, const char *allowed, int max_pos, const char *usage,
                       vg_cli_aopt *o) {
    int rc = aopt_parse(argc, argv, allowed, max_pos, o);
    if (rc) { fprintf(stderr, "(see vigia %s --help)\n", argv[0]); return rc; }
    if (o->help) { fputs(usage, stdout); return VG_EXIT_OK; }
    return -1;
}

int vg_cli__aopt_period(const char *cmd, const char *by, vg_period *out) {
    if (!strcmp(by, "day")) *out = VG_PERIOD_DAY;
    else if (!strcmp(by, "week")) *out = VG_PERIOD_WEEK;
    else if (!strcmp(by, "month")) *out = VG_PERIOD_MONTH;
    else {
        fprintf(stderr, "vigia %s: --by must be day, week or month, not '%s'\n", cmd, by);
        return -1;
    }
    return 0;
}

int vg_cli__aopt_open(const vg_cli_aopt *o, vg_store **out) {
    vg_error err;
    vg_error_clear(&err);
    vg_store_options so = VG_STORE_OPTIONS_INIT;
    so.flags = VG_STORE_READONLY;
    const char *db = o->db ? o->db : getenv("VIGIA_DB"); /* as `vigia ingest` */
    if (vg_store_open(out, db, &so, &err) != VG_OK) {
        vg_cli_error(&err);
        return VG_EXIT_RESOURCE;
    }
    return VG_EXIT_OK;
}

int vg_cli__aopt_format(const char *name, const char *allowed, const char *dflt) {
    static const char *const names[] = { "table", "csv", "json", "graphml", "dot" };
    if (!name) name = dflt;
    for (int i = 0; i < 5; i++)
        if (!strcmp(name, names[i]) && listed(allowed, name, strlen(name))) return i;
    fprintf(stderr, "vigia: --format must be one of %s, not '%s'\n", allowed, name);
    return -1;
}

int vg_cli__afail(const vg_error *err) {
    vg_cli_error(err);
    return err->code == VG_ERR_ARG || err->code == VG_ERR_LIMIT ? VG_EXIT_USAGE : VG_EXIT_RESOURCE;
}

static const char usage[] =
    "usage: vigia report [--db URL] [--from DATE] [--to DATE] [--by day|week|month] [--limit N]\n"
    "\n"
    "The crisis report: store coverage, the top relations between countries,\n"
    "the key relations period by period with sparklines, the blocs of the signed\n"
    "network and the escalation alerts with the sentences behind them.\n"
    "\n"
    "  --db URL      store (default $VIGIA_DB, else vigia.db; sqlite:PATH or postgresql://...)\n"
    "  --from DATE   first day (YYYY-MM-DD), default the store's first event\n"
    "  --to DATE     last day, default the store's last event\n"
    "  --by PERIOD   trend periods (default week)\n"
    "  --limit N     dyads whose alerts are shown (default 12)\n";

static int run(int argc, char **argv) {
    vg_cli_aopt o;
    int rc = vg_cli__aopt_start(argc, argv, "db,from,to,by,limit", 0, usage, &o);
    if (rc >= 0) return rc;
    vg_report_options ro = VG_REPORT_OPTIONS_INIT;
    ro.from = o.from;
    ro.to = o.to;
    if (o.limit > 0) ro.max_alerts = (size_t)o.limit;
    if (o.by) {
        if (vg_cli__aopt_period("report", o.by, &ro.by)) return VG_EXIT_USAGE;
        ro.by_set = 1;
    }
    vg_store *s;
    if ((rc = vg_cli__aopt_open(&o, &s))) return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_status st = vg_report_write(s, stdout, &ro, &err);
    vg_store_close(s, NULL);
    if (fflush(stdout) == EOF && st == VG_OK) { fprintf(stderr, "vigia: cannot write output\n"); return VG_EXIT_RESOURCE; }
    return st == VG_OK ? VG_EXIT_OK : vg_cli__afail(&err);
}

const vg_cli_cmd vg_cmd_report = { "report", "the crisis report: top relations, trends, blocs, alerts", run };
