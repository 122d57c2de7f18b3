/* cmd_validate.c — `vigia validate FILE.xml`: run a PETRARCH validation
 * file. The dictionaries are those its <Environment> names; each record is
 * coded and compared with its gold events; failing records are printed and
 * one summary line ends the output. */
#include "cli.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp) {
    fprintf(fp,
        "usage: vigia validate FILE.xml [options]\n"
        "\n"
        "Code every record of a PETRARCH validation file and compare the events with\n"
        "the gold codings it carries. The dictionaries are the ones named in the file's\n"
        "<Environment> (Verbfile, Actorfile, Agentfile, Discardfile, Issuefile),\n"
        "looked up in --dict-dir or else in the file's own folder.\n"
        "\n"
        "options:\n"
        "  --dict-dir DIR     where the <Environment> dictionaries are\n"
        "  --dict DIR         ignore <Environment>: load this Phoenix-style directory\n"
        "  --min-right N      exit 1 when fewer than N records are right\n"
        "  --min-f1 F         exit 1 when the event F1 is below F (0..1)\n"
        "  --all-events       keep repeated events (no one-per-story filter)\n"
        "  -q, --quiet        print only the summary line\n"
        "\n"
        "A record is right when the set of coded (source, target, code) events equals\n"
        "its gold set (none, for records marked noevents or error). Precision, recall\n"
        "and F1 count events over all records. Last line:\n"
        "  validate: records=N right=M precision=P recall=R f1=F\n");
}

/* Text of <Tag>...</Tag> inside the <Environment> of the file head. */
static bool env_value(const char *head, const char *tag, char *out, size_t cap) {
    const char *env = strstr(head, "<Environment>");
    if (!env) return false;
    const char *env_end = strstr(env, "</Environment>");
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = strstr(env, open);
    if (!a || (env_end && a > env_end)) return false;
    a += strlen(open);
    const char *b = strstr(a, close);
    if (!b) return false;
    while (a < b && (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')) a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n' || b[-1] == '\r')) b--;
    if ((size_t)(b - a) >= cap || b == a) return false;
    memcpy(out, a, (size_t)(b - a));
    out[b - a] = '\0';
    return true;
}

typedef struct triple { char s[64], t[64], c[16]; } triple;

static bool same(const triple *a, const triple *b) {
    return !strcmp(a->s, b->s) && !strcmp(a->t, b->t) && !strcmp(a->c, b->c);
}

static void set_triple(triple *t, const char *s, const char *g, const char *c) {
    snprintf(t->s, sizeof t->s, "%s", s ? s : "");
    snprintf(t->t, sizeof t->t, "%s", g ? g : "");
    snprintf(t->c, sizeof t->c, "%s", c ? c : "");
}

static void print_set(const char *label, const triple *v, size_t n) {
    printf("  %-9s", label);
    if (!n) printf(" (none)");
    for (size_t i = 0; i < n; i++) printf(" %s-%s-%s", v[i].s, v[i].t, v[i].c);
    printf("\n");
}

static int run(int argc, char **argv) {
    const char *file = NULL, *dict_dir = NULL, *dict = NULL;
    long min_right = -1;
    double min_f1 = -1;
    bool quiet = false;
    vg_code_options copt = VG_CODE_OPTIONS_INIT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); return VG_EXIT_OK; }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) { quiet = true; continue; }
        if (!strcmp(a, "--all-events")) { copt.flags |= VG_CODE_ALL_EVENTS; continue; }
        if ((!strcmp(a, "--dict-dir") || !strcmp(a, "--dict") || !strcmp(a, "--min-right") ||
             !strcmp(a, "--min-f1")) && i + 1 < argc) {
            const char *v = argv[++i];
            if (!strcmp(a, "--dict-dir")) dict_dir = v;
            else if (!strcmp(a, "--dict")) dict = v;
            else if (!strcmp(a, "--min-right")) {
                char *e;
                min_right = strtol(v, &e, 10);
                if (*e || min_right < 0) { fprintf(stderr, "vigia validate: --min-right needs a count\n"); return VG_EXIT_USAGE; }
            } else {
                char *e;
                min_f1 = strtod(v, &e);
                if (*e || min_f1 < 0 || min_f1 > 1) { fprintf(stderr, "vigia validate: --min-f1 needs a number in 0..1\n"); return VG_EXIT_USAGE; }
            }
            continue;
        }
        if (a[0] == '-' && a[1]) {
            fprintf(stderr, "vigia validate: unknown or incomplete option '%s'\n", a);
            usage(stderr);
            return VG_EXIT_USAGE;
        }
        if (file) { fprintf(stderr, "vigia validate: one validation file at a time\n"); return VG_EXIT_USAGE; }
        file = a;
    }
    if (!file) { usage(stderr); return VG_EXIT_USAGE; }

    /* Dictionaries from <Environment>. */
    vg_dict_options dopt = VG_DICT_OPTIONS_INIT;
    dopt.diag = vg_cli_diag;
    char paths[5][4096];
    memset(paths, 0, sizeof paths);
    if (dict) {
        dopt.dir = dict;
    } else {
        FILE *fp = fopen(file, "rb");
        if (!fp) { fprintf(stderr, "vigia: %s: cannot open\n", file); return VG_EXIT_RESOURCE; }
        char *head = calloc(1, 65537);
        size_t hn = head ? fread(head, 1, 65536, fp) : 0;
        fclose(fp);
        if (!head) return VG_EXIT_RESOURCE;
        head[hn] = '\0';
        char base[4096];
        if (dict_dir) snprintf(base, sizeof base, "%s", dict_dir);
        else {
            snprintf(base, sizeof base, "%s", file);
            char *sl = strrchr(base, '/');
            if (sl) *sl = '\0'; else snprintf(base, sizeof base, ".");
        }
        static const char *const tags[5] = { "Verbfile", "Actorfile", "Agentfile", "Discardfile", "Issuefile" };
        const char **slots[5] = { &dopt.verbs, &dopt.actors, &dopt.agents, &dopt.discards, &dopt.issues };
        int found = 0;
        for (int k = 0; k < 5; k++) {
            char name[1024];
            if (!env_value(head, tags[k], name, sizeof name)) continue;
            int w = name[0] == '/' ? snprintf(paths[k], sizeof paths[k], "%s", name)
                                   : snprintf(paths[k], sizeof paths[k], "%.2047s/%.1023s", base, name);
            if (w < 0 || (size_t)w >= sizeof paths[k]) continue;
            *slots[k] = paths[k];
            found++;
        }
        free(head);
        if (!found) {
            fprintf(stderr, "vigia: %s: no <Environment> dictionaries; use --dict DIR\n", file);
            return VG_EXIT_USAGE;
        }
    }
    vg_dict *d;
    vg_error err;
    if (vg_dict_load(&d, &dopt, &err) != VG_OK) { vg_cli_error(&err); return VG_EXIT_RESOURCE; }

    vg_reader_options ropt = VG_READER_OPTIONS_INIT;
    ropt.format = VG_FMT_PETRXML;
    vg_reader *r;
    if (vg_reader_open(&r, file, &ropt, &err) != VG_OK) {
        vg_cli_error(&err);
        vg_dict_free(d);
        return VG_EXIT_RESOURCE;
    }
    vg_doc *doc;
    if (vg_doc_new(&doc) != VG_OK) { vg_reader_free(r); vg_dict_free(d); return VG_EXIT_RESOURCE; }

    long records = 0, right = 0, skipped = 0;
    long tp = 0, ncoded = 0, ngold = 0;
    triple *gold = NULL, *coded = NULL;
    size_t cap = 0;
    int rc = VG_EXIT_OK;
    for (;;) {
        vg_record rec;
        vg_status st = vg_reader_next(r, &rec, &err);
        if (st == VG_DONE) break;
        if (st == VG_ERR_IO || st == VG_ERR_NOMEM) { vg_cli_error(&err); rc = VG_EXIT_RESOURCE; break; }
        if (st != VG_OK) {
            vg_cli_error(&err);
            skipped++;
            /* a record the reader rejected: right when its gold says the
             * input is bad, a miss of every event it expected otherwise */
            int gerr = 0;
            long gn = vg_reader_rejected_gold(r, &gerr);
            if (gn >= 0) {
                records++;
                ngold += gn;
                if (gerr && gn == 0) right++;
                else if (!quiet) printf("FAIL %.*s: rejected as malformed, %ld gold events expected\n",
                                        (int)strlen(err.record), err.record, gn);
            }
            continue;
        }
        records++;
        vg_error cerr;
        vg_error_clear(&cerr);
        st = vg_code(doc, d, &rec, &copt, &cerr);
        if (st == VG_ERR_NOMEM) { vg_cli_error(&cerr); rc = VG_EXIT_RESOURCE; break; }
        if (st != VG_OK) vg_cli_error(&cerr);
        size_t ne = vg_doc_event_count(doc);
        size_t need = (ne > rec.gold_count ? ne : rec.gold_count) + 1;
        if (need > cap) {
            cap = need * 2;
            triple *g2 = realloc(gold, cap * sizeof *gold), *c2 = g2 ? realloc(coded, cap * sizeof *coded) : NULL;
            if (!g2 || !c2) { free(g2 ? g2 : gold); free(coded); fprintf(stderr, "vigia: out of memory\n"); rc = VG_EXIT_RESOURCE; gold = coded = NULL; break; }
            gold = g2;
            coded = c2;
        }
        size_t ng = 0, nc = 0;
        for (size_t i = 0; i < rec.gold_count; i++) {
            triple t;
            set_triple(&t, rec.gold[i].source, rec.gold[i].target, rec.gold[i].code);
            bool dup = false;
            for (size_t k = 0; k < ng; k++) dup |= same(&gold[k], &t);
            if (!dup) gold[ng++] = t;
        }
        for (size_t i = 0; i < ne; i++) {
            const vg_event *e = vg_doc_event(doc, i);
            triple t;
            set_triple(&t, e->source, e->target, e->code);
            bool dup = false;
            for (size_t k = 0; k < nc; k++) dup |= same(&coded[k], &t);
            if (!dup) coded[nc++] = t;
        }
        size_t hit = 0;
        for (size_t i = 0; i < nc; i++)
            for (size_t k = 0; k < ng; k++)
                if (same(&coded[i], &gold[k])) { hit++; break; }
        tp += (long)hit;
        ncoded += (long)nc;
        ngold += (long)ng;
        bool ok = hit == ng && hit == nc;
        if (ok) right++;
        else if (!quiet) {
            printf("FAIL %.*s (%d): %.*s\n", (int)rec.id_len, rec.id, rec.date, (int)rec.text_len, rec.text);
            print_set("expected", gold, ng);
            print_set("coded", coded, nc);
        }
    }
    free(gold);
    free(coded);
    vg_doc_free(doc);
    vg_reader_free(r);
    vg_dict_free(d);
    double p = ncoded ? (double)tp / (double)ncoded : (ngold ? 0.0 : 1.0);
    double rcl = ngold ? (double)tp / (double)ngold : 1.0;
    double f1 = p + rcl > 0 ? 2 * p * rcl / (p + rcl) : 0.0;
    if (skipped) fprintf(stderr, "vigia validate: %ld malformed records skipped\n", skipped);
    printf("validate: records=%ld right=%ld precision=%.3f recall=%.3f f1=%.3f\n", records, right, p, rcl, f1);
    if (rc != VG_EXIT_OK) return rc;
    if (min_right >= 0 && right < min_right) {
        fprintf(stderr, "vigia validate: %ld records right, below the required %ld\n", right, min_right);
        return VG_EXIT_FAIL;
    }
    if (min_f1 >= 0 && f1 < min_f1) {
        fprintf(stderr, "vigia validate: F1 %.3f below the required %.3f\n", f1, min_f1);
        return VG_EXIT_FAIL;
    }
    return VG_EXIT_OK;
}

const vg_cli_cmd vg_cmd_validate = { "validate", "code a PETRARCH validation file and score it", run };
