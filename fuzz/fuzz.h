/* fuzz.h — helpers shared by the fuzz targets in fuzz/.
 *
 * Every target defines LLVMFuzzerTestOneInput. It is linked either with
 * libFuzzer (clang, -DVG_BUILD_FUZZERS=ON) or with standalone.c, which
 * replays the committed corpora under any compiler so ctest checks them.
 *
 * Conventions (cmark's fuzzer): the first bytes of an input pick the
 * options, the rest is the text handed to the parser, so one corpus
 * explores every option combination. Targets never print, and they check
 * the invariants the public API promises (statuses in range, errors filled,
 * spans inside their buffers) with fuzz_check, which aborts so both
 * libFuzzer and the standalone driver report the input. */
#ifndef VG_FUZZ_H
#define VG_FUZZ_H

#include "vigia.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when an invariant of the API is broken. */
#define fuzz_check(cond)                                                           \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                        \
            abort();                                                               \
        }                                                                          \
    } while (0)

/* Consume one option byte (0 when the input is exhausted). */
static inline uint8_t fuzz_byte(const uint8_t **data, size_t *size) {
    if (*size == 0) return 0;
    uint8_t b = **data;
    (*data)++;
    (*size)--;
    return b;
}

/* Whether open finding `id` (fuzz/FINDINGS.md) is masked for this run:
 * VG_FUZZ_KNOWN="1,3" relaxes the checks those findings trip, so a long
 * exploratory run can look for new bugs while old ones wait for a fix.
 * Recorded runs (docs/testing.md) never set it. */
static inline int fuzz_known(int id) {
    const char *k = getenv("VG_FUZZ_KNOWN");
    if (!k) return 0;
    for (const char *p = k; *p;) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p) { p++; continue; }
        if (v == id) return 1;
        p = end;
    }
    return 0;
}

/* A status any public function may return. */
static inline int fuzz_status_ok(vg_status st) {
    return st >= VG_ERR_NOTFOUND && st <= VG_DONE;
}

/* A failure must say what happened: code set and a message. */
static inline void fuzz_check_error(vg_status st, const vg_error *err) {
    if (st >= 0) return;
    if (st == VG_ERR_DICT_SYNTAX && fuzz_known(3) && err->code == 0) return;
    fuzz_check(err->code == st);
    fuzz_check(err->message[0] != '\0');
    fuzz_check(memchr(err->message, '\0', sizeof err->message) != NULL);
    fuzz_check(memchr(err->file, '\0', sizeof err->file) != NULL);
    fuzz_check(memchr(err->record, '\0', sizeof err->record) != NULL);
    char line[1024];
    fuzz_check(vg_error_format(err, line, sizeof line) >= 0);
}

/* A span returned by the library points inside [base, base+len) or is
 * empty. */
static inline int fuzz_span_in(const char *p, size_t n, const char *base, size_t len) {
    if (n == 0) return 1;
    if (p == NULL) return 0;
    return p >= base && p + n <= base + len && p + n >= p;
}

#define FUZZ_MAX_FILES 16
static char fuzz_files[FUZZ_MAX_FILES][512];

static void fuzz_remove_files(void) {
    for (int i = 0; i < FUZZ_MAX_FILES; i++)
        if (fuzz_files[i][0]) remove(fuzz_files[i]);
}

/* Write bytes to a per-process temporary file (reused between runs, so the
 * file system is not filled; removed at exit) and return its path in buf.
 * slot (0..15) tells apart several files of one input. Returns 0 on
 * failure. */
static inline int fuzz_write_file(char *buf, size_t bufn, int slot, const char *suffix,
                                  const void *data, size_t size) {
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    if (slot < 0 || slot >= FUZZ_MAX_FILES) return 0;
    snprintf(buf, bufn, "%s/vg-fuzz-%ld-%d%s", dir, (long)getpid(), slot, suffix);
    if (!fuzz_files[slot][0]) {
        static int registered;
        if (!registered) registered = atexit(fuzz_remove_files) == 0;
        snprintf(fuzz_files[slot], sizeof fuzz_files[slot], "%s", buf);
    }
    FILE *fp = fopen(buf, "wb");
    if (!fp) return 0;
    int ok = fwrite(data, 1, size, fp) == size;
    ok &= fclose(fp) == 0;
    return ok;
}

/* A diag callback that checks each diagnostic is well formed and counts it. */
static inline void fuzz_diag(const vg_error *diag, void *payload) {
    fuzz_check(diag != NULL);
    fuzz_check(memchr(diag->message, '\0', sizeof diag->message) != NULL);
    fuzz_check(diag->message[0] != '\0');
    if (payload) (*(size_t *)payload)++;
}

#endif
