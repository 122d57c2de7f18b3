/* path.h — helpers of the pathological-input tests (tests/pathological/).
 *
 * Each test builds a hostile input at run time (nothing large is
 * committed), feeds it to the library through its public API, and checks
 * two things: the outcome (a result, or a clear error naming the limit
 * that was hit, never a silent truncation), and that the work grows
 * linearly. Linearity is asserted by timing the same operation at sizes n
 * and 4n: linear work gives a ratio near 4, quadratic near 16; the test
 * fails above PATH_MAX_RATIO. CPU time of this process is used (not wall
 * time) and the best of a few runs is kept, so other jobs on the machine
 * do not make the test flaky; a run whose 4n case takes under
 * PATH_FLOOR_SEC cannot be told apart from noise and passes.
 *
 * Exit codes: 0 pass, 1 fail, 77 skipped (with a message). */
#ifndef VG_PATH_H
#define VG_PATH_H

#include "vigia.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PATH_MAX_RATIO 8.0
#define PATH_FLOOR_SEC 0.01

static int path_failures;

#define PATH_CHECK(cond, ...)                                                      \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);        \
            fprintf(stderr, __VA_ARGS__);                                          \
            fputc('\n', stderr);                                                   \
            path_failures++;                                                       \
        }                                                                          \
    } while (0)

static inline double path_cpu(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One measured operation at size n; returns 0 on success. */
typedef int (*path_op)(size_t n, void *ctx);

static inline double path_time(path_op op, size_t n, void *ctx, int reps) {
    double best = 1e30;
    for (int i = 0; i < reps; i++) {
        double t0 = path_cpu();
        if (op(n, ctx) != 0) return -1;
        double t = path_cpu() - t0;
        if (t < best) best = t;
        if (t > 2.0) break;   /* slow enough to measure once */
    }
    return best;
}

/* Time op at n and 4n and check the growth is linear. */
static inline void path_linear(const char *what, path_op op, size_t n, void *ctx) {
    double t1 = path_time(op, n, ctx, 3);
    double t4 = path_time(op, 4 * n, ctx, 3);
    if (t1 < 0 || t4 < 0) {
        PATH_CHECK(0, "%s: the operation failed", what);
        return;
    }
    double ratio = t4 / (t1 > 1e-6 ? t1 : 1e-6);
    printf("%s: n=%zu %.4fs, 4n=%zu %.4fs, ratio %.2f (limit %.1f)\n", what, n, t1, 4 * n, t4,
           ratio, PATH_MAX_RATIO);
    PATH_CHECK(t4 < PATH_FLOOR_SEC || ratio < PATH_MAX_RATIO,
               "%s grows faster than linearly: %.4fs at n=%zu, %.4fs at 4n", what, t1, n, t4);
}

/* Write a temporary file; returns a malloc'd path (caller removes, frees). */
static inline char *path_tmpfile(const char *tag, const void *data, size_t len) {
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    size_t n = strlen(dir) + strlen(tag) + 64;
    char *path = malloc(n);
    if (!path) return NULL;
    snprintf(path, n, "%s/vg-path-%ld-%s", dir, (long)getpid(), tag);
    FILE *fp = fopen(path, "wb");
    if (!fp) { free(path); return NULL; }
    int ok = fwrite(data, 1, len, fp) == len;
    if (fclose(fp) != 0) ok = 0;
    if (!ok) { remove(path); free(path); return NULL; }
    return path;
}

/* A small dictionary in the PETRARCH formats, written for these tests. */
static const char path_actors[] =
    "VENEZUELA [VEN]\n+CARACAS\nGUYANA [GUY]\nUNITED_STATES [USA]\n+WASHINGTON\n"
    "CUBA [CUB]\nRUSSIA [RUS]\nCHINA [CHN]\n";
static const char path_agents[] = "GOVERNMENT [~GOV]\nNAVY [~MIL]\nOPPOSITION [~OPP]\n";
static const char path_verbs[] =
    "--- ACCUSE [112] ---\nACCUSE {ACCUSES ACCUSED}\n- * + OF AGGRESSION [1121]\n"
    "--- MEET [036] ---\nMEET {MEETS MET}\n- * WITH + [036]\n"
    "--- CRITICIZE [111] ---\nCRITICIZE {CRITICIZES CRITICIZED}\n";

/* Load the dictionary above, with extra actors text appended when given.
 * Returns NULL (and prints why) on failure. */
static inline vg_dict *path_load_dict(const char *extra_actors, size_t extra_len,
                                      vg_dict_stats *stats, vg_error *err) {
    size_t base = sizeof path_actors - 1;
    char *actors = malloc(base + extra_len + 1);
    if (!actors) return NULL;
    memcpy(actors, path_actors, base);
    if (extra_len) memcpy(actors + base, extra_actors, extra_len);
    char *pa = path_tmpfile("actors.txt", actors, base + extra_len);
    char *pg = path_tmpfile("agents.txt", path_agents, sizeof path_agents - 1);
    char *pv = path_tmpfile("verbs.txt", path_verbs, sizeof path_verbs - 1);
    free(actors);
    vg_dict *dict = NULL;
    if (pa && pg && pv) {
        vg_dict_options o = VG_DICT_OPTIONS_INIT;
        o.actors = pa;
        o.agents = pg;
        o.verbs = pv;
        if (vg_dict_load(&dict, &o, err) != VG_OK) {
            char msg[600];
            vg_error_format(err, msg, sizeof msg);
            fprintf(stderr, "cannot load the test dictionary: %s\n", msg);
            dict = NULL;
        } else if (stats) {
            vg_dict_get_stats(dict, stats);
        }
    }
    if (!pa || !pg || !pv) fprintf(stderr, "cannot write temporary files\n");
    char *paths[3] = { pa, pg, pv };
    for (int i = 0; i < 3; i++) {
        if (paths[i]) remove(paths[i]);
        free(paths[i]);
    }
    return dict;
}

/* Whether doc holds an event source -> target with code. */
static inline int path_has_event(const vg_doc *doc, const char *source, const char *target,
                                 const char *code) {
    for (size_t i = 0; i < vg_doc_event_count(doc); i++) {
        const vg_event *ev = vg_doc_event(doc, i);
        if (!strcmp(ev->source, source) && !strcmp(ev->target, target) && !strcmp(ev->code, code))
            return 1;
    }
    return 0;
}

/* Print the events of doc (when a check about them fails). */
static inline void path_dump_events(const vg_doc *doc) {
    for (size_t i = 0; i < vg_doc_event_count(doc) && i < 20; i++) {
        const vg_event *ev = vg_doc_event(doc, i);
        fprintf(stderr, "  event %zu: %s %s %s (sentence %d)\n", i, ev->source, ev->target,
                ev->code, ev->sentence);
    }
}

/* A record over text with the given id. */
static inline vg_record path_record(const char *id, const char *text, size_t len) {
    vg_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = id;
    rec.id_len = strlen(id);
    rec.date = 20251104;
    rec.text = text;
    rec.text_len = len;
    return rec;
}

/* Print an error as the CLI would. */
static inline void path_print_error(const char *what, const vg_error *err) {
    char msg[700];
    vg_error_format(err, msg, sizeof msg);
    printf("%s: %s: %s\n", what, vg_status_str(err->code), msg);
}

static inline int path_finish(const char *name) {
    if (path_failures) {
        fprintf(stderr, "%s: %d check(s) failed\n", name, path_failures);
        return 1;
    }
    printf("%s: ok\n", name);
    return 0;
}

#endif
