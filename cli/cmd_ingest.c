/* cmd_ingest.c — `vigia ingest`: code records and store their events, or
 * store already-coded event JSON Lines, in one step.
 *
 * Articles (text, JSON Lines, PETRARCH XML) are coded with the dictionaries
 * (loaded only when the first article arrives, so storing event JSON Lines
 * needs none). Event JSON Lines are grouped into documents by consecutive
 * "id": the lines of one document must follow each other, as `vigia code`
 * writes them. Storage is batched (see vg_store_put_doc): a run killed at any
 * point keeps every committed batch, and running the same command again
 * completes the rest (committed documents are skipped as unchanged). */
#include "cli.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void usage(FILE *fp) {
    fprintf(fp,
        "usage: vigia ingest [options] [FILE...]\n"
        "\n"
        "Code news records and store their events in the event store, or store event\n"
        "JSON Lines written by `vigia code`. Reads each FILE in turn, or stdin when there\n"
        "is none or FILE is '-'. Ingesting a document again replaces its events; an\n"
        "unchanged document is skipped, so an interrupted run is completed by running it\n"
        "again.\n"
        "\n"
        "store:\n"
        "  --db URL           the store (default $VIGIA_DB, else vigia.db): a SQLite file\n"
        "                     path or sqlite:PATH, or postgresql://user@host:port/db\n"
        "  --batch N          documents per transaction (default 1000)\n"
        "  --force            re-store documents even when unchanged\n"
        "  --bulk             a large backfill by one writer: query-only indexes are\n"
        "                     dropped while loading and rebuilt at the end (faster)\n"
        "input:\n"
        "  --input FMT        text | jsonl | xml | events | auto (default auto)\n"
        "  --date DATE        plain text: the article's date (YYYY-MM-DD; default today)\n"
        "  --id ID            plain text: the article's id (default the file name)\n"
        "  --max-record-bytes N  records larger than N bytes are skipped (default 64 MiB)\n"
        "dictionaries (default: vigia's own; not needed for event JSON Lines):\n"
        "  --dict DIR         a directory laid out like the Phoenix set\n"
        "  --verbs FILE  --actors FILE[,FILE...]  --agents FILE  --discards FILE  --issues FILE\n"
        "  --compiled FILE    a dictionary written by `vigia dict compile`\n"
        "  --strict           stop at the first dictionary syntax error\n"
        "coding:\n"
        "  --all-events       keep repeated events (no one-per-story filter)\n"
        "output:\n"
        "  --stats            print a summary on stderr at the end\n"
        "  --strict-exit      exit 1 when any record was skipped\n"
        "  -q, --quiet        no progress display (shown only when stderr is a terminal)\n"
        "\n"
        "Bad records are reported on stderr as 'vigia: FILE:LINE: record ID: message' and\n"
        "skipped; the rest is stored. Exit status: 0 done (records may have been skipped),\n"
        "1 records skipped with --strict-exit, 2 usage error, 3 a file, the dictionaries,\n"
        "the database or memory failed.\n");
}

typedef struct options {
    const char *db;
    vg_store_options sopt;
    vg_cli_coding coding;
    bool strict_exit, stats, quiet;
    const char **files;
    int nfiles;
} options;

/* -1 to go on, else the exit code. */
static int parse_args(options *o, int argc, char **argv) {
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    if (!o->files) { fprintf(stderr, "vigia ingest: out of memory\n"); return VG_EXIT_RESOURCE; }
    vg_cli_args args;
    vg_cli_args_init(&args, "ingest", argc, argv, o->files);
    while (vg_cli_args_next(&args)) {
        const char *val;
#define FLAG(s) vg_cli_args_is(&args, s)
#define VALUE() do { if (!(val = vg_cli_args_value(&args))) return VG_EXIT_USAGE; } while (0)
        int taken = vg_cli_coding_option(&args, &o->coding, 0);
        if (taken < 0) return VG_EXIT_USAGE;
        if (taken) continue;
        if (FLAG("--help") || FLAG("-h")) { usage(stdout); return VG_EXIT_OK; }
        else if (FLAG("--db")) { VALUE(); o->db = val; }
        else if (FLAG("--batch")) {
            VALUE();
            if (!vg_cli_parse_size(val, &o->sopt.batch_docs) || !o->sopt.batch_docs)
                return vg_cli_usage("ingest", "--batch needs a positive number of documents");
        } else if (FLAG("--force")) o->sopt.flags |= VG_STORE_FORCE;
        else if (FLAG("--bulk")) o->sopt.flags |= VG_STORE_BULK;
        else if (FLAG("--strict-exit")) o->strict_exit = true;
        else if (FLAG("--stats")) o->stats = true;
        else if (FLAG("--quiet") || FLAG("-q")) o->quiet = true;
        else return vg_cli_usage("ingest", "unknown option '%s'", args.arg);
#undef FLAG
#undef VALUE
    }
    int rc = vg_cli_coding_done(&args, &o->coding);
    o->nfiles = args.nfiles;
    if (!o->db) o->db = getenv("VIGIA_DB");
    return rc;
}

/* ------------------------------------------------------------------------ */
/* One document's events from event JSON Lines, copied out of the reader     */
/* ------------------------------------------------------------------------ */

typedef struct pool {
    char *p;
    size_t len, cap;
    bool oom;
} pool;

/* Offsets, not pointers, while the pool may still move. */
typedef struct ev_copy {
    vg_event ev;
    size_t src, tgt, sent, stext, vtext, ttext; /* offsets into the pool */
} ev_copy;

typedef struct group {
    pool strings;
    ev_copy *evs;
    size_t n, cap;
    size_t id, extra, file;     /* offsets */
    size_t id_len, extra_len;
    int32_t date;
    long line;
    bool open;
} group;

static size_t pool_put(pool *p, const char *s, size_t n) {
    if (!s) { s = ""; n = 0; }
    if (p->len + n + 1 > p->cap) {
        size_t cap = p->cap ? p->cap : 4096;
        while (cap < p->len + n + 1) cap *= 2;
        char *q = realloc(p->p, cap);
        if (!q) { p->oom = true; return 0; }
        p->p = q;
        p->cap = cap;
    }
    size_t off = p->len;
    memcpy(p->p + off, s, n);
    p->p[off + n] = '\0';
    p->len += n + 1;
    return off;
}

static bool group_add(group *g, const vg_event *ev, const vg_record *rec) {
    if (!g->open) {
        g->strings.len = 0;
        g->n = 0;
        g->id = pool_put(&g->strings, rec->id, rec->id_len);
        g->id_len = rec->id_len;
        g->extra = pool_put(&g->strings, rec->extra, rec->extra_len);
        g->extra_len = rec->extra ? rec->extra_len : 0;
        g->file = pool_put(&g->strings, rec->file, rec->file ? strlen(rec->file) : 0);
        g->date = rec->date;
        g->line = rec->line;
        g->open = true;
    }
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        ev_copy *e = realloc(g->evs, cap * sizeof *e);
        if (!e) return false;
        g->evs = e;
        g->cap = cap;
    }
    ev_copy *c = &g->evs[g->n++];
    c->ev = *ev;
    c->src = pool_put(&g->strings, ev->source, ev->source ? strlen(ev->source) : 0);
    c->tgt = pool_put(&g->strings, ev->target, ev->target ? strlen(ev->target) : 0);
    c->sent = pool_put(&g->strings, ev->sentence_text.ptr, ev->sentence_text.len);
    c->stext = pool_put(&g->strings, ev->source_text.ptr, ev->source_text.len);
    c->vtext = pool_put(&g->strings, ev->verb_text.ptr, ev->verb_text.len);
    c->ttext = pool_put(&g->strings, ev->target_text.ptr, ev->target_text.len);
    return !g->strings.oom;
}

static bool same_doc(const group *g, const vg_record *rec) {
    return g->open && g->id_len == rec->id_len && !memcmp(g->strings.p + g->id, rec->id, rec->id_len);
}

/* ------------------------------------------------------------------------ */
/* Seen document ids (to warn about non-consecutive event lines)             */
/* ------------------------------------------------------------------------ */

typedef struct idset {
    uint64_t *h;
    size_t n, cap;
} idset;

static uint64_t fnv(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ull; }
    return h ? h : 1;
}

/* true when newly added */
static bool idset_add(idset *s, uint64_t h) {
    if (s->n * 2 >= s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        uint64_t *t = calloc(cap, sizeof *t);
        if (!t) return true;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->h[i]) continue;
            size_t j = s->h[i] & (cap - 1);
            while (t[j]) j = (j + 1) & (cap - 1);
            t[j] = s->h[i];
        }
        free(s->h);
        s->h = t;
        s->cap = cap;
    }
    size_t j = h & (s->cap - 1);
    while (s->h[j]) {
        if (s->h[j] == h) return false;
        j = (j + 1) & (s->cap - 1);
    }
    s->h[j] = h;
    s->n++;
    return true;
}

/* ------------------------------------------------------------------------ */
/* The run                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct run {
    options *o;
    vg_store *store;
    vg_dict *dict;
    vg_doc *doc;
    bool dict_failed;
    size_t records, skipped, events;
    int fatal;                 /* exit code of a failure that stops the run, 0 none */
    group g;
    idset seen;
    bool progress;
    double t0, last_progress;
} run;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(run *r, bool final) {
    if (!r->progress) return;
    double t = now_s();
    if (!final && t - r->last_progress < 0.25) return;
    r->last_progress = t;
    double el = t - r->t0 > 1e-6 ? t - r->t0 : 1e-6;
    fprintf(stderr, "\rvigia ingest: %zu records, %zu events, %zu skipped (%.0f records/s)%s",
            r->records, r->events, r->skipped, (double)r->records / el, final ? "\n" : "");
    fflush(stderr);
}

static void report(run *r, const vg_error *err) {
    if (r->progress) fputc('\n', stderr);
    vg_cli_error(err);
}

static void store_diag(const vg_error *e, void *payload) {
    run *r = payload;
    r->skipped++;
    report(r, e);
}

/* A store failure that is not about one record ends the run. */
static void store_status(run *r, vg_status st, const vg_error *err) {
    if (st == VG_OK) return;
    report(r, err);
    if (st == VG_ERR_INPUT) { r->skipped++; return; }
    r->fatal = VG_EXIT_RESOURCE;
}

static void flush_group(run *r) {
    group *g = &r->g;
    if (!g->open) return;
    g->open = false;
    char *base = g->strings.p;
    for (size_t i = 0; i < g->n; i++) {
        ev_copy *c = &g->evs[i];
        c->ev.source = base + c->src;
        c->ev.target = base + c->tgt;
        c->ev.sentence_text = (vg_span){ base + c->sent, strlen(base + c->sent) };
        c->ev.source_text = (vg_span){ base + c->stext, strlen(base + c->stext) };
        c->ev.verb_text = (vg_span){ base + c->vtext, strlen(base + c->vtext) };
        c->ev.target_text = (vg_span){ base + c->ttext, strlen(base + c->ttext) };
    }
    /* the events were copied in order; vg_store_put_events wants an array */
    vg_event *evs = malloc((g->n ? g->n : 1) * sizeof *evs);
    if (!evs) { fprintf(stderr, "vigia: out of memory\n"); r->fatal = VG_EXIT_RESOURCE; return; }
    for (size_t i = 0; i < g->n; i++) evs[i] = g->evs[i].ev;
    vg_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = base + g->id;
    rec.id_len = g->id_len;
    rec.date = g->date;
    rec.extra = g->extra_len ? base + g->extra : NULL;
    rec.extra_len = g->extra_len;
    rec.file = base[g->file] ? base + g->file : NULL;
    rec.line = g->line;
    if (!idset_add(&r->seen, fnv(rec.id, rec.id_len))) {
        vg_error w;
        vg_error_clear(&w);
        snprintf(w.message, sizeof w.message,
                 "events of this document are not on consecutive lines: this group replaces "
                 "the earlier one");
        snprintf(w.file, sizeof w.file, "%s", rec.file ? rec.file : "");
        w.line = rec.line;
        snprintf(w.record, sizeof w.record, "%.*s", (int)(rec.id_len < 127 ? rec.id_len : 127), rec.id);
        report(r, &w);
    }
    vg_error err;
    vg_error_clear(&err);
    vg_status st = vg_store_put_events(r->store, &rec, evs, g->n, &err);
    free(evs);
    r->records++;
    if (st == VG_OK) r->events += g->n;
    store_status(r, st, &err);
}

static bool ensure_dict(run *r) {
    if (r->dict) return true;
    if (r->dict_failed) return false;
    vg_error err;
    vg_error_clear(&err);
    vg_status st = vg_cli_coding_dict(&r->o->coding, &r->dict, &err);
    if (st == VG_OK) st = vg_doc_new(&r->doc);
    if (st != VG_OK) {
        report(r, &err);
        r->dict_failed = true;
        r->fatal = VG_EXIT_RESOURCE;
        return false;
    }
    return true;
}

static void ingest_file(run *r, const char *path) {
    vg_reader *rd = NULL;
    vg_error err;
    vg_error_clear(&err);
    const char *name = strcmp(path, "-") ? path : NULL;
    if (vg_reader_open(&rd, name, &r->o->coding.ropt, &err) != VG_OK) {
        report(r, &err);
        r->fatal = VG_EXIT_RESOURCE;
        return;
    }
    bool events = vg_reader_format(rd) == VG_FMT_EVENTS;
    while (!r->fatal) {
        vg_record rec;
        vg_status st;
        vg_error_clear(&err);
        if (events) {
            vg_event ev;
            st = vg_reader_next_event(rd, &ev, &rec, &err);
            if (st == VG_OK) {
                if (!same_doc(&r->g, &rec)) flush_group(r);
                if (!group_add(&r->g, &ev, &rec)) {
                    fprintf(stderr, "vigia: out of memory\n");
                    r->fatal = VG_EXIT_RESOURCE;
                }
            }
        } else {
            st = vg_reader_next(rd, &rec, &err);
            if (st == VG_OK) {
                if (!ensure_dict(r)) break;
                vg_status cs = vg_code(r->doc, r->dict, &rec, &r->o->coding.copt, &err);
                if (cs == VG_ERR_LIMIT) report(r, &err); /* coded up to the limit: store that */
                else if (cs != VG_OK) { report(r, &err); r->fatal = VG_EXIT_RESOURCE; break; }
                vg_error_clear(&err);
                vg_status ps = vg_store_put_doc(r->store, &rec, r->doc, &err);
                r->records++;
                if (ps == VG_OK) r->events += vg_doc_event_count(r->doc);
                store_status(r, ps, &err);
            }
        }
        if (st == VG_DONE) break;
        if (st == VG_ERR_NOMEM) { report(r, &err); r->fatal = VG_EXIT_RESOURCE; break; }
        if (st == VG_ERR_IO) { report(r, &err); r->fatal = VG_EXIT_RESOURCE; break; }
        if (st != VG_OK) { report(r, &err); r->skipped++; }
        progress(r, false);
    }
    if (events && !r->fatal) flush_group(r);
    r->g.open = false;
    vg_reader_free(rd);
}

static int cmd_ingest(int argc, char **argv) {
    options o;
    memset(&o, 0, sizeof o);
    vg_store_options sinit = VG_STORE_OPTIONS_INIT;
    o.sopt = sinit;
    vg_cli_coding_init(&o.coding);
    int rc = parse_args(&o, argc, argv);
    if (rc >= 0) { free(o.files); return rc; }

    run r;
    memset(&r, 0, sizeof r);
    r.o = &o;
    r.progress = !o.quiet && isatty(STDERR_FILENO);
    r.t0 = r.last_progress = now_s();
    o.coding.ropt.diag = vg_cli_diag;
    o.sopt.diag = store_diag;
    o.sopt.payload = &r;
    vg_error err;
    vg_error_clear(&err);
    if (vg_store_open(&r.store, o.db, &o.sopt, &err) != VG_OK) {
        vg_cli_error(&err);
        free(o.files);
        return VG_EXIT_RESOURCE;
    }
    for (int i = 0; i < o.nfiles && !r.fatal; i++) ingest_file(&r, o.files[i]);
    vg_error_clear(&err);
    vg_status cst = vg_store_commit(r.store, &err);
    vg_store_ingest_stats is;
    vg_store_get_ingest_stats(r.store, &is);
    if (cst == VG_OK) cst = vg_store_close(r.store, &err);
    else vg_store_close(r.store, NULL);
    if (cst != VG_OK) {
        report(&r, &err);
        r.fatal = VG_EXIT_RESOURCE;
    }
    progress(&r, true);
    if (o.stats) {
        double el = now_s() - r.t0;
        fprintf(stderr,
                "vigia ingest: %zu records (%zu skipped), %zu events in %.2f s (%.0f events/s); "
                "store: %zu documents new, %zu replaced, "
                "%zu unchanged, %zu events new, %zu merged, %zu commits, %zu retries\n",
                r.records, r.skipped, r.events, el, el > 0 ? (double)r.events / el : 0.0,
                is.docs_new, is.docs_replaced, is.docs_unchanged, is.events_new, is.events_merged,
                is.commits, is.retries);
    }
    vg_doc_free(r.doc);
    vg_dict_free(r.dict);
    free(r.g.strings.p);
    free(r.g.evs);
    free(r.seen.h);
    free(o.files);
    if (r.fatal) return r.fatal;
    return r.skipped && o.strict_exit ? VG_EXIT_FAIL : VG_EXIT_OK;
}

const vg_cli_cmd vg_cmd_ingest = { "ingest", "code records and store their events (or store event JSON Lines)",
                                   cmd_ingest };
