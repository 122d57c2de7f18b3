/* store-bench.c — event store throughput and query latency (bench/store-bench
 * drives it; figures go to docs/benchmarks.md).
 *
 *   vg-store-bench ingest URL EVENTS [EVENTS_PER_DOC [SEED]]
 *       generate EVENTS synthetic coded events (documents of EVENTS_PER_DOC,
 *       default 5; SEED picks other events and document ids) and store them through vg_store_put_events; prints events/s
 *       of the store alone (generation is timed apart and subtracted).
 *   vg-store-bench query URL [RUNS]
 *       time the analysis queries on an existing store: median and best of RUNS
 *       (default 7) for the country-level dyad series (USA-VEN by day, week,
 *       month), an actor-level series (USAGOV-VENGOV), the country-pair totals
 *       of a 30-day window, and an evidence listing.
 *
 * The data: 10 years of dates, 60 countries x 5 roles, the first countries
 * (USA, VEN, ...) far more frequent (so USA-VEN is a heavy dyad as in a real
 * crisis), 60 CAMEO codes, 50 publishers; about 3 % of events repeat one
 * already stored (cross-document dedup at work). Public API only. */
#include "vigia.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng_next(uint64_t *s) {
    uint64_t x = *s;
    x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
    *s = x;
    return x * 2685821657736338717ULL;
}

static const char *const COUNTRIES[60] = {
    "USA", "VEN", "RUS", "CHN", "CUB", "IRN", "GUY", "COL", "BRA", "MEX", "NIC", "BOL", "ARG", "CHL",
    "PER", "ECU", "PAN", "TTO", "GBR", "FRA", "DEU", "ESP", "ITA", "NLD", "CAN", "JPN", "KOR", "PRK",
    "IND", "PAK", "TUR", "SAU", "ISR", "PSE", "EGY", "SYR", "IRQ", "UKR", "BLR", "POL", "SWE", "NOR",
    "ZAF", "NGA", "ETH", "KEN", "AUS", "NZL", "IDN", "PHL", "VNM", "THA", "MYS", "SGP", "DOM", "HTI",
    "JAM", "URY", "PRY", "IGO" };
static const char *const ROLES[5] = { "", "GOV", "MIL", "OPP", "BUS" };
static const struct { const char *code; double g; } CODES[] = {
    { "010", 0.0 }, { "011", -0.1 }, { "012", -0.4 }, { "013", 0.4 }, { "020", 3.0 }, { "036", 4.0 },
    { "040", 1.0 }, { "042", 1.9 }, { "043", 2.8 }, { "046", 7.0 }, { "050", 3.5 }, { "051", 3.4 },
    { "057", 8.0 }, { "060", 6.0 }, { "061", 6.4 }, { "070", 7.0 }, { "071", 7.4 }, { "073", 7.4 },
    { "080", 5.0 }, { "081", 5.0 }, { "090", -2.0 }, { "100", -5.0 }, { "110", -2.0 }, { "111", -2.0 },
    { "112", -2.0 }, { "1121", -2.0 }, { "120", -4.0 }, { "125", -5.0 }, { "128", -5.0 }, { "130", -4.4 },
    { "138", -7.0 }, { "140", -6.5 }, { "141", -6.5 }, { "150", -7.2 }, { "160", -4.0 }, { "163", -8.0 },
    { "1631", -5.6 }, { "164", -7.0 }, { "170", -7.0 }, { "172", -5.0 }, { "173", -5.0 }, { "175", -9.0 },
    { "180", -9.0 }, { "181", -9.0 }, { "182", -9.5 }, { "186", -10.0 }, { "190", -10.0 }, { "193", -10.0 },
    { "194", -10.0 }, { "195", -10.0 }, { "200", -10.0 }, { "0231", 3.4 }, { "0311", 5.2 }, { "0312", 4.5 },
    { "0331", 6.4 }, { "0341", 4.5 }, { "0354", 5.0 }, { "0356", 5.0 }, { "0811", 5.0 }, { "0874", 9.0 } };
#define N_CODES (sizeof CODES / sizeof CODES[0])

/* Skewed pick: country i with probability falling like 1/(i+1). */
static int pick_country(uint64_t *s) {
    double u = (double)(rng_next(s) >> 11) / 9007199254740992.0;
    int i = (int)(60.0 * u * u * u);
    return i < 60 ? i : 59;
}

static int32_t date_of_day(int day) {
    /* day 0 = 2016-01-01; a civil calendar walk is fast enough here */
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y = 2016;
    for (;;) {
        int ylen = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
        if (day < ylen) break;
        day -= ylen;
        y++;
    }
    int m = 0;
    for (;; m++) {
        int ml = mdays[m] + (m == 1 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
        if (day < ml) break;
        day -= ml;
    }
    return y * 10000 + (m + 1) * 100 + day + 1;
}

typedef struct gen {
    uint64_t s;
    char actor[2][16][8];
    char sent[16][96];
    char id[32], extra[64];
    vg_event ev[16];
    vg_record rec;
    /* earlier events, to repeat some (dedup) */
    vg_event past[1024];
    char past_actor[1024][2][8];
    size_t n_past;
} gen;

static void make_doc(gen *g, size_t n, size_t docno, int per_doc) {
    int day = (int)(rng_next(&g->s) % 3653);
    int32_t date = date_of_day(day);
    snprintf(g->id, sizeof g->id, "bench-%zu", docno);
    snprintf(g->extra, sizeof g->extra, "\"publisher\":\"pub%02d\"", (int)(rng_next(&g->s) % 50));
    memset(&g->rec, 0, sizeof g->rec);
    g->rec.id = g->id;
    g->rec.id_len = strlen(g->id);
    g->rec.date = date;
    g->rec.extra = g->extra;
    g->rec.extra_len = strlen(g->extra);
    for (int i = 0; i < per_doc && (size_t)i < n; i++) {
        vg_event *e = &g->ev[i];
        if (g->n_past == 1024 && rng_next(&g->s) % 100 < 3) {
            /* another article reporting an event already stored */
            size_t k = rng_next(&g->s) % 1024;
            *e = g->past[k];
            memcpy(g->actor[0][i], g->past_actor[k][0], 8);
            memcpy(g->actor[1][i], g->past_actor[k][1], 8);
        } else {
            memset(e, 0, sizeof *e);
            int a = pick_country(&g->s), b = pick_country(&g->s);
            if (b == a) b = (a + 1) % 60;
            snprintf(g->actor[0][i], 8, "%s%s", COUNTRIES[a], ROLES[rng_next(&g->s) % 5]);
            snprintf(g->actor[1][i], 8, "%s%s", COUNTRIES[b], ROLES[rng_next(&g->s) % 5]);
            size_t c = rng_next(&g->s) % N_CODES;
            snprintf(e->code, sizeof e->code, "%s", CODES[c].code);
            e->goldstein = CODES[c].g;
            e->date = date;
            size_t k = g->n_past < 1024 ? g->n_past++ : rng_next(&g->s) % 1024;
            g->past[k] = *e;
            memcpy(g->past_actor[k][0], g->actor[0][i], 8);
            memcpy(g->past_actor[k][1], g->actor[1][i], 8);
        }
        e->sentence = i;
        e->source = g->actor[0][i];
        e->target = g->actor[1][i];
        int len = snprintf(g->sent[i], sizeof g->sent[i], "Officials of %s acted (%s) towards %s on day %d.",
                           e->source, e->code, e->target, day);
        e->sentence_text = (vg_span){ g->sent[i], (size_t)len };
        e->source_text = (vg_span){ g->sent[i] + 13, strlen(e->source) };
        e->verb_text = (vg_span){ g->sent[i] + 13 + strlen(e->source) + 1, 5 };
        e->target_text = (vg_span){ g->sent[i] + len - (int)strlen(e->target) - 13, strlen(e->target) };
    }
}

static int cmd_ingest(const char *url, size_t total, int per_doc, uint64_t seed) {
    if (per_doc < 1 || per_doc > 16) per_doc = 5;
    gen *g = calloc(1, sizeof *g);
    g->s = 0x9E3779B97F4A7C15ULL ^ (seed * 0xD1B54A32D192ED03ULL);
    size_t first_doc = (size_t)seed * 100000000u; /* distinct document ids per seed */
    /* time the generator alone first, to subtract it */
    double t0 = now();
    size_t done = 0, docno = first_doc;
    while (done < total) {
        size_t n = total - done < (size_t)per_doc ? total - done : (size_t)per_doc;
        make_doc(g, n, docno++, per_doc);
        done += n;
    }
    double tgen = now() - t0;
    memset(g, 0, sizeof *g);
    g->s = 0x9E3779B97F4A7C15ULL ^ (seed * 0xD1B54A32D192ED03ULL);
    vg_store *s;
    vg_error err;
    vg_error_clear(&err);
    vg_store_options o = VG_STORE_OPTIONS_INIT;
    o.batch_docs = 2000;
    const char *mode = getenv("VG_BENCH_MODE");
    bool bulk = !mode || strcmp(mode, "normal");
    if (bulk) o.flags |= VG_STORE_BULK;
    if (vg_store_open(&s, url, &o, &err) != VG_OK) {
        fprintf(stderr, "vg-store-bench: %s\n", err.message);
        return 3;
    }
    t0 = now();
    double last = t0;
    done = 0;
    docno = first_doc;
    while (done < total) {
        size_t n = total - done < (size_t)per_doc ? total - done : (size_t)per_doc;
        make_doc(g, n, docno++, per_doc);
        if (vg_store_put_events(s, &g->rec, g->ev, n, &err) != VG_OK) {
            fprintf(stderr, "vg-store-bench: %s\n", err.message);
            return 3;
        }
        done += n;
        if ((docno & 0xFFFF) == 0 && now() - last > 5) {
            last = now();
            fprintf(stderr, "  ... %zu events, %.0f events/s\n", done, (double)done / (last - t0));
        }
    }
    if (vg_store_commit(s, &err) != VG_OK) {
        fprintf(stderr, "vg-store-bench: %s\n", err.message);
        return 3;
    }
    vg_store_ingest_stats is;
    vg_store_get_ingest_stats(s, &is);
    struct rusage ru0;
    getrusage(RUSAGE_SELF, &ru0);
    double tclose = now();
    if (vg_store_close(s, &err) != VG_OK) { /* a bulk load rebuilds indexes here: timed */
        fprintf(stderr, "vg-store-bench: %s\n", err.message);
        return 3;
    }
    double t = now() - t0;
    tclose = now() - tclose;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu_close = (double)(ru.ru_utime.tv_sec - ru0.ru_utime.tv_sec) +
                       (ru.ru_utime.tv_usec - ru0.ru_utime.tv_usec) / 1e6 +
                       (double)(ru.ru_stime.tv_sec - ru0.ru_stime.tv_sec) +
                       (ru.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6;
    double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
                 ru.ru_stime.tv_usec / 1e6;
    double store_t = t - tgen > 1e-9 ? t - tgen : 1e-9;
    printf("ingest: %zu events in %zu documents (%d per document) into %s, %s mode\n", total, docno - first_doc,
           per_doc, url, bulk ? "bulk" : "normal");
    printf("ingest: %.2f s total, %.2f s generating, %.2f s storing\n", t, tgen, store_t);
    printf("ingest: %.0f events/s stored (%.0f events/s including generation)\n", (double)total / store_t,
           (double)total / t);
    printf("ingest: %.2f s CPU (user+sys, generation included): %.0f events per CPU second\n", cpu,
           (double)total / (cpu - tgen > 1e-9 ? cpu - tgen : 1e-9));
    printf("ingest: closing the store (bulk: index and aggregate rebuild): %.2f s, %.2f s CPU\n", tclose,
           cpu_close);
    printf("ingest: %zu events new, %zu mentions merged into existing events, %zu commits\n",
           is.events_new, is.events_merged, is.commits);
    free(g);
    return 0;
}

static int cmp_d(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct tally { long n; int64_t events; } tally;
static int series_cb(const vg_series_point *p, void *payload) {
    tally *t = payload;
    t->n++;
    t->events += p->ab.events + p->ba.events;
    return 0;
}
static int pair_cb(const vg_pair_flow *p, void *payload) {
    tally *t = payload;
    t->n++;
    t->events += p->flow.events;
    return 0;
}
static int event_cb(const vg_stored_event *e, void *payload) {
    tally *t = payload;
    t->n++;
    t->events += (int64_t)e->mention_count;
    return 0;
}

enum { Q_DAY, Q_WEEK, Q_MONTH, Q_ACTOR, Q_PAIRS, Q_LIST };

static vg_status run_q(vg_store *s, int which, tally *t, vg_error *err) {
    switch (which) {
    case Q_DAY: return vg_store_series(s, "USA", "VEN", VG_PERIOD_DAY, 0, 0, series_cb, t, err);
    case Q_WEEK: return vg_store_series(s, "USA", "VEN", VG_PERIOD_WEEK, 0, 0, series_cb, t, err);
    case Q_MONTH: return vg_store_series(s, "USA", "VEN", VG_PERIOD_MONTH, 0, 0, series_cb, t, err);
    case Q_ACTOR: return vg_store_series(s, "USAGOV", "VENGOV", VG_PERIOD_WEEK, 0, 0, series_cb, t, err);
    case Q_PAIRS: return vg_store_pairs(s, 20251001, 20251030, pair_cb, t, err);
    default: {
        vg_query q = VG_QUERY_INIT;
        q.flags = VG_QUERY_EVIDENCE;
        q.dyad_a = "USA";
        q.dyad_b = "VEN";
        q.date_from = 20251001;
        q.date_to = 20251031;
        q.quad = 4;
        return vg_store_query(s, &q, event_cb, t, err);
    }
    }
}

static int cmd_query(const char *url, int runs) {
    static const char *const names[] = {
        "dyad series USA-VEN by day (both directions, all years)",
        "dyad series USA-VEN by week",
        "dyad series USA-VEN by month",
        "actor series USAGOV-VENGOV by week (index scan)",
        "country-pair totals, 30-day window (network)",
        "material-conflict USA-VEN events of a month, with evidence" };
    vg_store *s;
    vg_error err;
    vg_error_clear(&err);
    /* opened for writing so that a store built by an older vigia is
     * migrated first (nothing is written otherwise) */
    double tm = now();
    if (vg_store_open(&s, url, NULL, &err) != VG_OK) {
        fprintf(stderr, "vg-store-bench: %s\n", err.message);
        return 3;
    }
    tm = now() - tm;
    if (tm > 1.0) printf("query: opening (migrating) the store took %.1f s\n", tm);
    vg_store_stats st;
    if (vg_store_get_stats(s, &st, &err) == VG_OK)
        printf("query: store %s: %lld events, %lld mentions, %lld documents, %d..%d\n", url,
               (long long)st.events, (long long)st.mentions, (long long)st.documents, st.date_min,
               st.date_max);
    for (int w = Q_DAY; w <= Q_LIST; w++) {
        double ms[64];
        tally t = { 0, 0 };
        if (runs > 64) runs = 64;
        for (int r = 0; r < runs; r++) {
            t.n = 0;
            t.events = 0;
            double t0 = now();
            if (run_q(s, w, &t, &err) != VG_OK) {
                fprintf(stderr, "vg-store-bench: %s\n", err.message);
                return 3;
            }
            ms[r] = (now() - t0) * 1000.0;
        }
        qsort(ms, (size_t)runs, sizeof *ms, cmp_d);
        printf("query: %-62s median %8.2f ms  best %8.2f ms  (%ld rows, %lld events)\n", names[w],
               ms[runs / 2], ms[0], t.n, (long long)t.events);
    }
    vg_store_close(s, NULL);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 4 && !strcmp(argv[1], "ingest"))
        return cmd_ingest(argv[2], strtoull(argv[3], NULL, 10), argc > 4 ? atoi(argv[4]) : 5,
                          argc > 5 ? strtoull(argv[5], NULL, 10) : 0);
    if (argc >= 3 && !strcmp(argv[1], "query"))
        return cmd_query(argv[2], argc > 3 ? atoi(argv[3]) : 7);
    fprintf(stderr, "usage: vg-store-bench ingest URL EVENTS [PER_DOC [SEED]] | query URL [RUNS]\n");
    return 2;
}
