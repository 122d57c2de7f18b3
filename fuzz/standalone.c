/* standalone.c — replay fuzz inputs without libFuzzer.
 *
 * Linked with one fuzz target instead of libFuzzer, so any compiler (gcc in
 * the default build) can run the committed corpora as a regression test:
 *
 *     fuzz_<target>_replay fuzz/corpora/<target> [more files or dirs]
 *
 * Every regular file is fed to LLVMFuzzerTestOneInput once, directories in
 * name order. A crash or failed invariant aborts with the file name already
 * printed; an empty corpus is an error too, so a corpus that vanished from
 * the tree is noticed. (libgit2's fuzzers/standalone_driver.c does the
 * same job.) */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Optional hook of libFuzzer targets; weak so targets need not define it. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay_file(const char *path, size_t *count) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "standalone: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, len = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) break;
        if (len == cap) {
            uint8_t *nb = realloc(buf, cap * 2);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, fp);
        if (n == 0) break;
        len += n;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (!buf || bad) {
        fprintf(stderr, "standalone: %s: cannot read\n", path);
        free(buf);
        return -1;
    }
    /* Shrink to the exact size so ASan sees reads one past the input. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) { free(buf); return -1; }
    memcpy(exact, buf, len);
    free(buf);
    fprintf(stderr, "standalone: %s (%zu bytes)\n", path, len);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    (*count)++;
    return 0;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay(const char *path, size_t *count) {
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "standalone: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) return replay_file(path, count);

    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "standalone: %s: %s\n", path, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;   /* ., .., and hidden notes */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn) { rc = -1; break; }
            names = nn;
        }
        size_t need = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(need);
        if (!names[n]) { rc = -1; break; }
        snprintf(names[n], need, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && replay(names[i], count) != 0) rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    size_t count = 0;
    for (int i = 1; i < argc; i++)
        if (replay(argv[i], &count) != 0) return 1;
    if (count == 0) {
        fprintf(stderr, "standalone: no inputs found in the corpus\n");
        return 1;
    }
    fprintf(stderr, "standalone: %zu inputs replayed, no failure\n", count);
    return 0;
}
