/* cmd_dict.c — `vigia dict stats|compile|check`: look at, compile and check
 * dictionaries. */
#include "cli.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static void usage(FILE *fp) {
    fprintf(fp,
        "usage: vigia dict stats   [dictionary options]\n"
        "       vigia dict compile [dictionary options] -o FILE\n"
        "       vigia dict check   [dictionary options]\n"
        "\n"
        "  stats     counts per kind of entry, and the CAMEO codes no verb pattern reaches\n"
        "  compile   write a compiled dictionary that `vigia code --compiled FILE` maps\n"
        "            directly (no parsing at start-up)\n"
        "  check     report every problem as FILE:LINE: message; exit 1 if there is any\n"
        "\n"
        "dictionary options (default: vigia's own dictionaries):\n"
        "  --dict DIR         a directory laid out like the Phoenix set\n"
        "  --verbs FILE  --actors FILE[,FILE...]  --agents FILE  --discards FILE  --issues FILE\n"
        "  --compiled FILE    (stats, check) a compiled dictionary\n"
        "  --strict           stop at the first syntax error\n");
}

typedef struct dict_args {
    vg_dict_options opt;
    const char *compiled;
    const char *output;
    size_t problems;
    bool quiet_diag;
} dict_args;

static void count_diag(const vg_error *d, void *payload) {
    dict_args *a = payload;
    a->problems++;
    vg_cli_diag(d, NULL);
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int parse(dict_args *a, const char *cmd, int argc, char **argv) {
    for (int i = 2; i < argc; i++) {
        const char *s = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **slot = NULL;
        if (!strcmp(s, "--help") || !strcmp(s, "-h")) { usage(stdout); return VG_EXIT_OK; }
        if (!strcmp(s, "--strict")) { a->opt.flags |= VG_DICT_STRICT; continue; }
        if (!strcmp(s, "--dict")) slot = &a->opt.dir;
        else if (!strcmp(s, "--verbs")) slot = &a->opt.verbs;
        else if (!strcmp(s, "--actors")) slot = &a->opt.actors;
        else if (!strcmp(s, "--agents")) slot = &a->opt.agents;
        else if (!strcmp(s, "--discards")) slot = &a->opt.discards;
        else if (!strcmp(s, "--issues")) slot = &a->opt.issues;
        else if (!strcmp(s, "--compiled")) slot = &a->compiled;
        else if (!strcmp(s, "-o") || !strcmp(s, "--output")) slot = &a->output;
        else {
            fprintf(stderr, "vigia dict %s: unknown option '%s' (see vigia dict --help)\n", cmd, s);
            return VG_EXIT_USAGE;
        }
        if (!v) {
            fprintf(stderr, "vigia dict %s: %s needs a value\n", cmd, s);
            return VG_EXIT_USAGE;
        }
        *slot = v;
        i++;
    }
    return -1;
}

static int load(dict_args *a, vg_dict **d, double *ms) {
    vg_error err;
    vg_error_clear(&err);
    double t0 = now_ms();
    vg_status st;
    if (a->compiled) {
        st = vg_dict_open_compiled(d, a->compiled, &err);
    } else {
        a->opt.diag = count_diag;
        a->opt.payload = a;
        st = vg_dict_load(d, &a->opt, &err);
    }
    *ms = now_ms() - t0;
    if (st != VG_OK) {
        vg_cli_error(&err);
        return st == VG_ERR_DICT_SYNTAX ? VG_EXIT_FAIL : VG_EXIT_RESOURCE;
    }
    return -1;
}

/* The set of codes some pattern reaches, as a sorted list of strings. */
typedef struct codeset {
    char (*codes)[8];
    size_t n, cap;
    bool oom;
} codeset;

static void add_code(const char *code, void *payload) {
    codeset *s = payload;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        char (*p)[8] = realloc(s->codes, cap * sizeof *p);
        if (!p) { s->oom = true; return; }
        s->codes = p;
        s->cap = cap;
    }
    snprintf(s->codes[s->n++], 8, "%s", code);
}

static int cmp_code(const void *a, const void *b) { return strcmp(a, b); }

static bool has_code(const codeset *s, const char *code) {
    char key[8];
    snprintf(key, sizeof key, "%s", code);
    return bsearch(key, s->codes, s->n, sizeof *s->codes, cmp_code) != NULL;
}

/* A two-digit root ("19") is a category, never coded as such: events take its
 * general code ("190"), so the root counts as reached when that code is. */
static bool reaches(const codeset *s, const char *code) {
    if (strlen(code) == 2) {
        char general[4] = {code[0], code[1], '0', '\0'};
        return has_code(s, code) || has_code(s, general);
    }
    return has_code(s, code);
}

static void collect(const vg_dict *d, codeset *s) {
    vg_dict_each_code(d, add_code, s);
    if (s->n) qsort(s->codes, s->n, sizeof *s->codes, cmp_code);
}

static const char *source_name(const dict_args *a) {
    if (a->compiled) return a->compiled;
    if (a->opt.dir) return a->opt.dir;
    if (a->opt.verbs || a->opt.actors || a->opt.agents || a->opt.discards || a->opt.issues)
        return "(files given)";
    return vg_dict_default_dir();
}

static int cmd_stats(dict_args *a, vg_dict *d, double ms) {
    vg_dict_stats st;
    memset(&st, 0, sizeof st);
    vg_dict_get_stats(d, &st);
    printf("dictionaries      %s\n", source_name(a));
    printf("load time         %.1f ms\n", ms);
    printf("actors            %zu\n", st.actors);
    printf("actor phrases     %zu\n", st.actor_phrases);
    printf("agents            %zu\n", st.agents);
    printf("verbs             %zu\n", st.verbs);
    printf("verb patterns     %zu\n", st.patterns);
    printf("synsets           %zu\n", st.synsets);
    printf("discards          %zu\n", st.discards);
    printf("issues            %zu\n", st.issues);
    printf("problems          %zu\n", st.problems);
    codeset s = {0};
    collect(d, &s);
    if (s.oom) { fprintf(stderr, "vigia: out of memory\n"); free(s.codes); return VG_EXIT_RESOURCE; }
    size_t total = vg_cameo_count(), reached = 0;
    for (size_t i = 0; i < total; i++)
        if (reaches(&s, vg_cameo_at(i)->code)) reached++;
    printf("CAMEO codes       %zu of %zu reached by some verb pattern\n", reached, total);
    if (reached < total) {
        printf("not reached:\n");
        for (size_t i = 0; i < total; i++) {
            const vg_cameo *c = vg_cameo_at(i);
            if (!reaches(&s, c->code)) printf("  %-5s %s\n", c->code, c->name);
        }
    }
    free(s.codes);
    return VG_EXIT_OK;
}

static int cmd_check(dict_args *a, vg_dict *d) {
    codeset s = {0};
    collect(d, &s);
    size_t unknown = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (i && !strcmp(s.codes[i], s.codes[i - 1])) continue;
        if (!vg_cameo_find(s.codes[i], strlen(s.codes[i]))) {
            fprintf(stderr, "vigia: %s: verb patterns produce code %s, which is not a CAMEO code\n",
                    source_name(a), s.codes[i]);
            unknown++;
        }
    }
    free(s.codes);
    size_t problems = a->problems + unknown;
    printf("check: %zu problem%s\n", problems, problems == 1 ? "" : "s");
    return problems ? VG_EXIT_FAIL : VG_EXIT_OK;
}

static int cmd_compile(dict_args *a, vg_dict *d, double ms) {
    vg_error err;
    vg_error_clear(&err);
    double t0 = now_ms();
    if (vg_dict_save_compiled(d, a->output, &err) != VG_OK) {
        vg_cli_error(&err);
        return VG_EXIT_RESOURCE;
    }
    struct stat sb;
    long long size = stat(a->output, &sb) == 0 ? (long long)sb.st_size : -1;
    printf("compiled %s: %lld bytes (load %.1f ms, write %.1f ms)\n", a->output, size, ms, now_ms() - t0);
    return VG_EXIT_OK;
}

static int run(int argc, char **argv) {
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? VG_EXIT_USAGE : VG_EXIT_OK;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "stats") && strcmp(cmd, "compile") && strcmp(cmd, "check")) {
        fprintf(stderr, "vigia dict: unknown subcommand '%s' (stats, compile or check)\n", cmd);
        return VG_EXIT_USAGE;
    }
    dict_args a;
    memset(&a, 0, sizeof a);
    vg_dict_options def = VG_DICT_OPTIONS_INIT;
    a.opt = def;
    int rc = parse(&a, cmd, argc, argv);
    if (rc >= 0) return rc;
    if (!strcmp(cmd, "compile")) {
        if (!a.output) {
            fprintf(stderr, "vigia dict compile: -o FILE is required\n");
            return VG_EXIT_USAGE;
        }
        if (a.compiled) {
            fprintf(stderr, "vigia dict compile: --compiled is an input of stats and check only\n");
            return VG_EXIT_USAGE;
        }
    }
    vg_dict *d = NULL;
    double ms = 0;
    rc = load(&a, &d, &ms);
    if (rc >= 0) return rc;
    if (!strcmp(cmd, "stats")) rc = cmd_stats(&a, d, ms);
    else if (!strcmp(cmd, "check")) rc = cmd_check(&a, d);
    else rc = cmd_compile(&a, d, ms);
    vg_dict_free(d);
    return rc;
}

const vg_cli_cmd vg_cmd_dict = {"dict", "dictionary statistics, compile and check", run};
