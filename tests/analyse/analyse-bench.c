/* analyse-bench.c — time the analysis library calls on an existing store
 * (tests/analyse/bench-big.sh runs it; figures go to docs/benchmarks.md).
 *
 *   vg-analyse-bench URL [RUNS [MATCH]]
 *
 * MATCH: only the calls whose name contains it.
 *
 * For each call: median and best of RUNS (default 5) in the same process
 * (warm cache, the store opened once), without writing the result. The
 * reference event path (every event streamed, what trend and alerts did
 * before reading the daily aggregate) is timed once, for comparison. Not a
 * test: nothing is asserted. */
#include "vigia.h"
#include "analyse/analyse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_d(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

typedef struct job {
    const char *name;
    const char *a, *b;   /* trend dyad; NULL a = alerts */
    vg_period by;
    const char *da, *db; /* alerts --dyad */
    vg_analyse__source src;
} job;

static double run_once(vg_store *s, const job *j, long long *size) {
    vg_error err;
    double t0 = now();
    if (j->a) {
        vg_trend *t = NULL;
        if (vg_analyse__trend_build_from(&t, s, j->a, j->b, j->by, 0, 0, 1, j->src, &err) != VG_OK) {
            fprintf(stderr, "%s: %s\n", j->name, err.message);
            exit(1);
        }
        double dt = now() - t0;
        *size = (long long)vg_trend_total(t)->all.events;
        vg_trend_free(t);
        return dt;
    }
    vg_alert_options o = VG_ALERT_OPTIONS_INIT;
    o.dyad_a = j->da;
    o.dyad_b = j->db;
    vg_alerts *al = NULL;
    if (vg_analyse__alerts_find_from(&al, s, &o, j->src, &err) != VG_OK) {
        fprintf(stderr, "%s: %s\n", j->name, err.message);
        exit(1);
    }
    double dt = now() - t0;
    *size = (long long)vg_alerts_count(al);
    vg_alerts_free(al);
    return dt;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: vg-analyse-bench URL [RUNS [MATCH]]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 100) runs = 5;
    vg_store_options so = VG_STORE_OPTIONS_INIT;
    so.flags = VG_STORE_READONLY;
    vg_store *s;
    vg_error err;
    if (vg_store_open(&s, argv[1], &so, &err) != VG_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], err.message);
        return 1;
    }
    const job jobs[] = {
        { "trend USA VEN by week (daily aggregate)", "USA", "VEN", VG_PERIOD_WEEK, NULL, NULL, VG_ANALYSE__SERIES },
        { "trend USA VEN by day (daily aggregate)", "USA", "VEN", VG_PERIOD_DAY, NULL, NULL, VG_ANALYSE__SERIES },
        { "trend USA VEN by month (daily aggregate)", "USA", "VEN", VG_PERIOD_MONTH, NULL, NULL, VG_ANALYSE__SERIES },
        { "trend USAGOV VENGOV by week (store's actor-level series)", "USAGOV", "VENGOV", VG_PERIOD_WEEK, NULL, NULL,
          VG_ANALYSE__SERIES },
        { "alerts --dyad USA,VEN (daily aggregate)", NULL, NULL, VG_PERIOD_DAY, "USA", "VEN", VG_ANALYSE__SERIES },
        { "alerts, all dyads (aggregate + streamed domestic/non-state events)", NULL, NULL, VG_PERIOD_DAY, NULL, NULL,
          VG_ANALYSE__SERIES },
        { "REFERENCE trend USA VEN by week, every event streamed", "USA", "VEN", VG_PERIOD_WEEK, NULL, NULL,
          VG_ANALYSE__EVENTS },
        { "REFERENCE trend USAGOV VENGOV by week, every event streamed", "USAGOV", "VENGOV", VG_PERIOD_WEEK, NULL,
          NULL, VG_ANALYSE__EVENTS },
        { "REFERENCE alerts, all dyads, every event streamed", NULL, NULL, VG_PERIOD_DAY, NULL, NULL,
          VG_ANALYSE__EVENTS },
    };
    const char *skip = getenv("VG_BENCH_SKIP_REFERENCE");
    for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++) {
        const job *j = &jobs[i];
        int ref = j->src == VG_ANALYSE__EVENTS;
        if (ref && skip && *skip == '1') continue;
        if (argc > 3 && !strstr(j->name, argv[3])) continue;
        int n = ref || !j->a ? (runs < 3 ? runs : 3) : runs;
        if (ref) n = 1;
        double t[100];
        long long size = 0;
        for (int r = 0; r < n; r++) t[r] = run_once(s, j, &size);
        qsort(t, (size_t)n, sizeof t[0], cmp_d);
        printf("%-70s %10lld %s  median %9.1f ms  best %9.1f ms  (%d run%s)\n", j->name, size,
               j->a ? "events" : "alerts", t[n / 2] * 1e3, t[0] * 1e3, n, n == 1 ? "" : "s");
        fflush(stdout);
    }
    vg_store_close(s, NULL);
    return 0;
}
