/* cmd_analyse.h — option parsing shared by the analysis subcommands (trend,
 * network, alerts, report); defined in cmd_report.c. */
#ifndef VG_CMD_ANALYSE_H
#define VG_CMD_ANALYSE_H

#include "cli.h"

typedef struct vg_cli_aopt {
    const char *db;        /* --db URL (NULL = vigia.db) */
    int32_t from, to;      /* --from, --to (YYYYMMDD, 0 = open) */
    const char *format;    /* --format NAME */
    const char *by;        /* --by day|week|month */
    const char *dyad;      /* --dyad A,B */
    long limit;            /* --limit N (-1 = not given) */
    double z;              /* --z X (0 = not given) */
    long baseline;         /* --baseline DAYS (0 = not given) */
    double min_intensity;  /* --min-intensity X (0 = not given) */
    const char *kinds;     /* --kinds spike,turn,first-material */
    int help;              /* -h / --help */
    const char *pos[4];    /* positional arguments */
    int npos;
} vg_cli_aopt;

/* Parse argv (argv[0] is the subcommand). `allowed` lists the value options
 * this command accepts, e.g. "db,from,to,format". After a bad option print
 * the problem and where help is; with --help print usage. Returns -1 to go
 * on, else the exit code. */
int vg_cli__aopt_start(int argc, char **argv, const char *allowed, int max_pos, const char *usage,
                       vg_cli_aopt *o);

/* --by day|week|month into *out; prints the problem (as `vigia cmd`) and
 * returns -1 when it is none of them. */
int vg_cli__aopt_period(const char *cmd, const char *by, vg_period *out);

/* Open the store read-only, printing the error on failure; returns an exit
 * code (VG_EXIT_OK or VG_EXIT_RESOURCE). */
int vg_cli__aopt_open(const vg_cli_aopt *o, vg_store **out);

/* Map a format name to vg_out_format among `allowed` ("table,csv,json");
 * prints the problem and returns -1 when it is not one of them. */
int vg_cli__aopt_format(const char *name, const char *allowed, const char *dflt);

/* Exit code for a failed library call (prints the error). */
int vg_cli__afail(const vg_error *err);

#endif
