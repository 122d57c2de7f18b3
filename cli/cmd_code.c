/* cmd_code.c — `vigia code`: read records, code them, write events.
 *
 * With -j 1 everything happens in this thread, record by record. With -j N
 * the work is a pipeline: this thread reads records into batches, N threads
 * code whole batches, and one writer thread writes the batches in the order
 * they were read. The batch ring is bounded, so memory stays flat whatever
 * the input size, and the output (stdout and the diagnostics on stderr) is
 * byte-identical to -j 1: both paths format records the same way, and every
 * message about a record travels with its batch. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BATCH_RECORDS 256
#define BATCH_BYTES (1u << 20)
#define MAX_JOBS 256

static void usage(FILE *fp) {
    fprintf(fp,
        "usage: vigia code [options] [FILE...]\n"
        "\n"
        "Code news records into CAMEO events. Reads each FILE in turn, or stdin when\n"
        "there is none or FILE is '-'; writes one event a line on stdout.\n"
        "\n"
        "input:\n"
        "  --input FMT        text | jsonl | xml | tabari | auto (default auto: told by the\n"
        "                     first bytes: '{' JSON Lines, '<' PETRARCH XML, 'YYMMDD ID'\n"
        "                     lines TABARI records, else plain text)\n"
        "  --date DATE        plain text: the article's date (YYYY-MM-DD; default a date the\n"
        "                     file name starts with, else today)\n"
        "  --id ID            plain text: the article's id (default the file name)\n"
        "  --id-field NAME  --date-field NAME  --text-field NAME\n"
        "                     JSON Lines: take id, date, text from these members\n"
        "                     (e.g. --text-field maintext --date-field date_publish)\n"
        "  --max-record-bytes N  records larger than N bytes are skipped (default 64 MiB)\n"
        "dictionaries (default: vigia's own):\n"
        "  --dict DIR         a directory laid out like the Phoenix set\n"
        "  --verbs FILE  --actors FILE[,FILE...]  --agents FILE  --discards FILE  --issues FILE\n"
        "                     override single kinds\n"
        "  --compiled FILE    a dictionary written by `vigia dict compile`\n"
        "  --strict           stop at the first dictionary syntax error\n"
        "coding:\n"
        "  --all-events       keep repeated events (no one-per-story filter)\n"
        "  -j, --jobs N       N coding threads (default 1; auto: one per core); output\n"
        "                     identical to -j 1\n"
        "output:\n"
        "  --format FMT       jsonl (default) | tsv (with a header row)\n"
        "  -o, --output FILE  write events to FILE instead of stdout\n"
        "  --line-buffered    write each record's events as soon as it is coded (for live\n"
        "                     pipes; slower on big inputs)\n"
        "  --strict-exit      exit 1 when any record was skipped\n"
        "  --stats            print a summary line on stderr at the end\n"
        "  -q, --quiet        no progress display (shown only when stderr is a terminal)\n"
        "\n"
        "Problems are reported on stderr as 'vigia: FILE:LINE: record ID: message'; the\n"
        "record is skipped and the rest is coded. Exit status: 0 done (records may have\n"
        "been skipped), 1 records skipped with --strict-exit, 2 usage error, 3 a file,\n"
        "the dictionaries, memory or the output failed. See docs/cli.md.\n");
}

/* ------------------------------------------------------------------------ */
/* Options                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct options {
    vg_cli_coding coding;
    vg_format out_fmt;
    const char *output;
    int jobs;
    bool strict_exit, stats, quiet, line_buffered;
    const char **files;
    int nfiles;
} options;

/* Returns -1 to go on, else the exit code. */
static int parse_args(options *o, int argc, char **argv) {
    o->files = calloc((size_t)argc, sizeof *o->files);
    if (!o->files) { fprintf(stderr, "vigia code: out of memory\n"); return VG_EXIT_RESOURCE; }
    vg_cli_args args;
    vg_cli_args_init(&args, "code", argc, argv, o->files);
    while (vg_cli_args_next(&args)) {
        const char *name = args.name, *val;
#define FLAG(s) vg_cli_args_is(&args, s)
#define VALUE() do { if (!(val = vg_cli_args_value(&args))) return VG_EXIT_USAGE; } while (0)
        int taken = vg_cli_coding_option(&args, &o->coding, VG_CLI_TABARI | VG_CLI_FIELDS);
        if (taken < 0) return VG_EXIT_USAGE;
        if (taken) continue;
        if (FLAG("--help") || FLAG("-h")) { usage(stdout); return VG_EXIT_OK; }
        else if (FLAG("--strict-exit")) o->strict_exit = true;
        else if (FLAG("--stats")) o->stats = true;
        else if (FLAG("--line-buffered")) o->line_buffered = true;
        else if (FLAG("--quiet") || FLAG("-q")) o->quiet = true;
        else if (FLAG("--format")) {
            VALUE();
            if (!strcmp(val, "jsonl") || !strcmp(val, "json")) o->out_fmt = VG_FMT_EVENTS;
            else if (!strcmp(val, "tsv")) o->out_fmt = VG_FMT_TSV;
            else return vg_cli_usage("code", "--format must be jsonl or tsv (not '%s')", val);
        } else if (FLAG("-o") || FLAG("--output")) { VALUE(); o->output = val; }
        else if (FLAG("-j") || FLAG("--jobs") || !strncmp(name, "-j", 2)) {
            if (!strncmp(name, "-j", 2) && name[2] && name[1] != '-') args.val = name + 2;  /* -j4 */
            VALUE();
            char *end;
            long n = !strcmp(val, "auto") ? sysconf(_SC_NPROCESSORS_ONLN) : strtol(val, &end, 10);
            if (!strcmp(val, "auto")) { if (n < 1) n = 1; if (n > MAX_JOBS) n = MAX_JOBS; }
            else if (*end || end == val || n < 1 || n > MAX_JOBS)
                return vg_cli_usage("code", "-j needs a number of threads from 1 to %d, or auto", MAX_JOBS);
            o->jobs = (int)n;
        } else {
            return vg_cli_usage("code", "unknown option '%s'", args.arg);
        }
#undef FLAG
#undef VALUE
    }
    int rc = vg_cli_coding_done(&args, &o->coding);
    o->nfiles = args.nfiles;
    return rc;
}

/* ------------------------------------------------------------------------ */
/* A growable byte buffer (the CLI uses only the public header)              */
/* ------------------------------------------------------------------------ */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    bool oom;
} sbuf;

static size_t sb_put(sbuf *b, const void *s, size_t n) {
    size_t off = b->len;
    if (b->oom) return off;
    if (b->len + n + 1 > b->cap || b->len + n + 1 < n) {
        size_t cap = b->cap ? b->cap + b->cap / 2 : 4096;
        if (cap < b->len + n + 1) cap = b->len + n + 1;
        char *np = realloc(b->p, cap);
        if (!np) { b->oom = true; return off; }
        b->p = np;
        b->cap = cap;
    }
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return off;
}

/* "vigia: FILE:LINE: record ID: message\n" */
static void put_msg(sbuf *b, const vg_error *e) {
    char msg[1200];
    int n = snprintf(msg, sizeof msg, "vigia: ");
    int k = vg_error_format(e, msg + n, sizeof msg - (size_t)n);
    size_t len = (size_t)n + (k < 0 ? 0 : (size_t)k);
    if (len > sizeof msg - 2) len = sizeof msg - 2;
    msg[len++] = '\n';
    sb_put(b, msg, len);
}

/* ------------------------------------------------------------------------ */
/* Coding one record (shared by both paths, so their output is the same)    */
/* ------------------------------------------------------------------------ */

typedef struct totals {
    size_t records, skipped, sentences, events, text_bytes;
} totals;

/* Code rec and write its events to w; messages go to errs, or straight to
 * stderr when errs is NULL. Fails only when memory runs out. */
static vg_status code_one(const vg_dict *dict, const vg_code_options *copt, vg_doc *doc, const vg_record *rec,
                          vg_writer *w, sbuf *errs, totals *t) {
    vg_error err;
    /* cheaper than vg_error_clear on every record: the fields read below */
    err.code = VG_OK; err.message[0] = err.file[0] = err.record[0] = '\0'; err.line = 0; err.offset = 0;
    vg_status st = vg_code(doc, dict, rec, copt, &err);
    if (st == VG_ERR_NOMEM) return st;
    if (st != VG_OK) {
        /* The record was coded up to a limit: say where, keep its events. */
        if (!err.file[0] && rec->file) snprintf(err.file, sizeof err.file, "%s", rec->file);
        if (!err.line) err.line = rec->line;
        if (!err.record[0]) {
            size_t n = rec->id_len < sizeof err.record - 1 ? rec->id_len : sizeof err.record - 1;
            memcpy(err.record, rec->id, n);
            err.record[n] = '\0';
        }
        if (errs) put_msg(errs, &err);
        else vg_cli_error(&err);
    }
    t->records++;
    t->text_bytes += rec->text_len;
    t->sentences += vg_doc_sentence_count(doc);
    t->events += vg_doc_event_count(doc);
    st = vg_writer_write_doc(w, rec, doc, &err);
    if (st != VG_OK && errs) return st;  /* memory writer: out of memory */
    return st;
}

/* ------------------------------------------------------------------------ */
/* Progress (only when stderr is a terminal)                                 */
/* ------------------------------------------------------------------------ */

static double cpu_s(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           (double)ru.ru_stime.tv_usec / 1e6;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct progress {
    bool on;
    double start, last;
} progress;

static void progress_show(progress *p, const totals *t, bool final) {
    if (!p->on) return;
    double now = now_s();
    if (final) { fprintf(stderr, "\r\033[K"); return; }
    if (now - p->last < 0.5) return;
    p->last = now;
    double el = now - p->start;
    fprintf(stderr, "\r\033[Kvigia: %zu records, %zu events, %.0f records/s", t->records, t->events,
            el > 0 ? (double)t->records / el : 0.0);
}

/* ------------------------------------------------------------------------ */
/* The context of a run                                                      */
/* ------------------------------------------------------------------------ */

typedef struct item {
    bool is_msg;              /* a message to print, not a record */
    size_t id, id_len, text, text_len, extra, extra_len, msg, msg_len;  /* offsets in store */
    int32_t date;
    long line;
    int is_sentence;
    const char *file;
} item;

enum { B_FREE, B_FILLED, B_CODING, B_DONE };

typedef struct batch {
    item *items;
    size_t n, cap;
    sbuf store;
    vg_writer *out;           /* memory writer, no TSV header */
    sbuf errs;
    totals t;
    vg_status fatal;
    int state;
} batch;

typedef struct run_ctx {
    options *o;
    vg_dict *dict;
    FILE *out;
    vg_writer *w;             /* -j 1: writes straight to out */
    vg_doc *doc;              /* -j 1 */
    totals t;
    progress prog;
    bool io_failed;           /* an input could not be opened or read */
    bool out_failed;
    vg_status fatal;
    /* -j N */
    pthread_mutex_t mu;
    pthread_cond_t cv_free, cv_filled, cv_done;
    batch *ring;
    size_t nring, next_fill, next_code, next_write;
    bool input_done, abort;
    batch *cur;
    const char *cur_file;     /* name of the input being read: outlives its reader */
    bool stopped;             /* the reader saw abort: read no more (reader thread only) */
    vg_status worker_fatal;   /* set under mu by workers and the writer, read after join */
    bool writer_failed;
    int out_errno;            /* errno of the first failed write */
} run_ctx;

/* ------------------------------------------------------------------------ */
/* -j N: the pipeline                                                        */
/* ------------------------------------------------------------------------ */

static batch *fill_batch(run_ctx *c) {
    pthread_mutex_lock(&c->mu);
    batch *b = &c->ring[c->next_fill % c->nring];
    while (b->state != B_FREE && !c->abort) pthread_cond_wait(&c->cv_free, &c->mu);
    bool abort = c->abort;
    pthread_mutex_unlock(&c->mu);
    if (abort) { c->stopped = true; return NULL; }
    b->n = 0;
    b->store.len = 0;
    b->errs.len = 0;
    vg_writer_clear(b->out);
    memset(&b->t, 0, sizeof b->t);
    b->fatal = VG_OK;
    return b;
}

static void submit(run_ctx *c) {
    if (!c->cur) return;
    pthread_mutex_lock(&c->mu);
    c->cur->state = B_FILLED;
    c->next_fill++;
    pthread_cond_broadcast(&c->cv_filled);
    pthread_mutex_unlock(&c->mu);
    c->cur = NULL;
}

static item *new_item(run_ctx *c) {
    if (!c->cur && !(c->cur = fill_batch(c))) return NULL;
    batch *b = c->cur;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        item *p = realloc(b->items, cap * sizeof *p);
        if (!p) { c->fatal = VG_ERR_NOMEM; return NULL; }
        b->items = p;
        b->cap = cap;
    }
    item *it = &b->items[b->n++];
    memset(it, 0, sizeof *it);
    return it;
}

/* A message from the reader, kept in order with the records. */
static void queue_msg(run_ctx *c, const vg_error *e) {
    item *it = new_item(c);
    if (!it) return;
    sbuf tmp = {0};
    put_msg(&tmp, e);
    it->is_msg = true;
    it->msg = sb_put(&c->cur->store, tmp.p ? tmp.p : "", tmp.len);
    it->msg_len = tmp.len;
    free(tmp.p);
    /* an input of nothing but bad records must not grow one batch forever */
    if (c->cur->n >= BATCH_RECORDS || c->cur->store.len >= BATCH_BYTES) submit(c);
}

static void queue_record(run_ctx *c, const vg_record *r) {
    item *it = new_item(c);
    if (!it) return;
    sbuf *s = &c->cur->store;
    it->id = sb_put(s, r->id, r->id_len); it->id_len = r->id_len;
    it->text = sb_put(s, r->text, r->text_len); it->text_len = r->text_len;
    it->extra = sb_put(s, r->extra, r->extra_len); it->extra_len = r->extra ? r->extra_len : 0;
    it->date = r->date;
    it->line = r->line;
    it->is_sentence = r->is_sentence;
    it->file = c->cur_file;   /* r->file dies with the reader; the batch may outlive it */
    if (s->oom) c->fatal = VG_ERR_NOMEM;
    if (c->cur->n >= BATCH_RECORDS || s->len >= BATCH_BYTES || c->o->line_buffered) submit(c);
}

static void code_batch(run_ctx *c, batch *b, vg_doc *doc) {
    for (size_t i = 0; i < b->n; i++) {
        const item *it = &b->items[i];
        if (it->is_msg) { sb_put(&b->errs, b->store.p + it->msg, it->msg_len); continue; }
        vg_record rec;
        memset(&rec, 0, sizeof rec);
        rec.id = b->store.p + it->id; rec.id_len = it->id_len;
        rec.text = b->store.p + it->text; rec.text_len = it->text_len;
        rec.extra = it->extra_len ? b->store.p + it->extra : NULL; rec.extra_len = it->extra_len;
        rec.date = it->date;
        rec.file = it->file;
        rec.line = it->line;
        rec.is_sentence = it->is_sentence;
        vg_status st = code_one(c->dict, &c->o->coding.copt, doc, &rec, b->out, &b->errs, &b->t);
        if (st != VG_OK) { b->fatal = st; return; }
    }
    if (b->errs.oom) b->fatal = VG_ERR_NOMEM;
}

/* With c->mu held: wait until the batch at *next (the ring position a
 * thread takes next) is in state; NULL when the run is over. */
static batch *wait_batch(run_ctx *c, const size_t *next, int state, pthread_cond_t *cv) {
    for (;;) {
        batch *b = &c->ring[*next % c->nring];
        if (c->abort || (c->input_done && *next == c->next_fill)) return NULL;
        if (*next < c->next_fill && b->state == state) return b;
        pthread_cond_wait(cv, &c->mu);
    }
}

static void *worker(void *arg) {
    run_ctx *c = arg;
    vg_doc *doc = NULL;
    if (vg_doc_new(&doc) != VG_OK) {
        pthread_mutex_lock(&c->mu);
        c->worker_fatal = VG_ERR_NOMEM;
        c->abort = true;
        pthread_cond_broadcast(&c->cv_free);
        pthread_cond_broadcast(&c->cv_filled);
        pthread_cond_broadcast(&c->cv_done);
        pthread_mutex_unlock(&c->mu);
        return NULL;
    }
    for (;;) {
        pthread_mutex_lock(&c->mu);
        batch *b = wait_batch(c, &c->next_code, B_FILLED, &c->cv_filled);
        if (!b) { pthread_mutex_unlock(&c->mu); break; }
        b->state = B_CODING;
        c->next_code++;
        pthread_mutex_unlock(&c->mu);
        code_batch(c, b, doc);
        pthread_mutex_lock(&c->mu);
        b->state = B_DONE;
        pthread_cond_broadcast(&c->cv_done);
        pthread_mutex_unlock(&c->mu);
    }
    vg_doc_free(doc);
    return NULL;
}

static void *writer_thread(void *arg) {
    run_ctx *c = arg;
    for (;;) {
        pthread_mutex_lock(&c->mu);
        batch *b = wait_batch(c, &c->next_write, B_DONE, &c->cv_done);
        pthread_mutex_unlock(&c->mu);
        if (!b) break;
        bool fail = false;
        if (b->errs.len) { fwrite(b->errs.p, 1, b->errs.len, stderr); fflush(stderr); }
        size_t len;
        const char *data = vg_writer_data(b->out, &len);
        if (len && fwrite(data, 1, len, c->out) != len) { fail = true; c->out_errno = errno; }
        if (c->o->line_buffered && fflush(c->out) != 0) { fail = true; c->out_errno = errno; }
        c->t.records += b->t.records;
        c->t.sentences += b->t.sentences;
        c->t.events += b->t.events;
        c->t.text_bytes += b->t.text_bytes;
        progress_show(&c->prog, &c->t, false);
        pthread_mutex_lock(&c->mu);
        if (b->fatal != VG_OK) { c->worker_fatal = b->fatal; fail = true; }
        else if (fail) c->writer_failed = true;
        if (fail) {
            c->abort = true;
            pthread_cond_broadcast(&c->cv_filled);
        }
        b->state = B_FREE;
        c->next_write++;
        pthread_cond_broadcast(&c->cv_free);
        pthread_mutex_unlock(&c->mu);
    }
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */
/* ------------------------------------------------------------------------ */

static void reader_diag(const vg_error *e, void *payload) {
    run_ctx *c = payload;
    if (c->o->jobs > 1) queue_msg(c, e);
    else vg_cli_error(e);
}

extern char **environ;

static void io_error(vg_error *e, const char *file, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void io_error(vg_error *e, const char *file, const char *fmt, ...) {
    vg_error_clear(e);
    e->code = VG_ERR_IO;
    snprintf(e->file, sizeof e->file, "%s", file);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
}

/* Close the pipe and reap the decompressor; a failure (a corrupt archive)
 * fails the input unless we stopped reading early ourselves. */
static void end_decompressor(run_ctx *c, const char *tool, const char *path, int fd, pid_t pid, bool early) {
    close(fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (early) return;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
    vg_error e;
    if (WIFEXITED(status))
        io_error(&e, path, "%s -dc failed (exit %d): the input is damaged or cut short", tool,
                       WEXITSTATUS(status));
    else
        io_error(&e, path, "%s -dc was killed by signal %d", tool, WTERMSIG(status));
    reader_diag(&e, c);
    c->io_failed = true;
}

/* The decompressor for a compressed file, told by its magic bytes (news
 * archives such as Gigaword come gzipped), or NULL. */
static const char *decompressor(const char *path) {
    unsigned char m[6];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    ssize_t n = read(fd, m, sizeof m);
    close(fd);
    if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b) return "gzip";
    if (n >= 3 && !memcmp(m, "BZh", 3)) return "bzip2";
    if (n >= 6 && !memcmp(m, "\xFD" "7zXZ\0", 6)) return "xz";
    if (n >= 4 && !memcmp(m, "\x28\xB5\x2F\xFD", 4)) return "zstd";
    return NULL;
}

/* Start `tool -dc -- path` with its stdout on a pipe: the read end in *fd. */
static bool spawn_decompressor(const char *tool, const char *path, int *fd, pid_t *pid) {
    int p[2];
    if (pipe(p) != 0) return false;
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    posix_spawn_file_actions_addclose(&fa, p[0]);
    posix_spawn_file_actions_addclose(&fa, p[1]);
    /* its own complaints would come unordered with ours: we report its exit */
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    char *argv[] = {(char *)tool, "-dc", "--", (char *)path, NULL};
    int rc = posix_spawnp(pid, tool, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    if (rc != 0) { close(p[0]); errno = rc; return false; }
    *fd = p[0];
    return true;
}

/* Read (and in -j 1, code and write) every record of one input. */
static void read_input(run_ctx *c, const char *path) {
    vg_reader_options ro = c->o->coding.ropt;
    ro.diag = reader_diag;
    ro.payload = c;
    vg_reader *r;
    vg_error err;
    vg_error_clear(&err);
    const char *tool = strcmp(path, "-") ? decompressor(path) : NULL;
    int zfd = -1;
    pid_t zpid = 0;
    vg_status ost;
    if (tool) {
        if (!spawn_decompressor(tool, path, &zfd, &zpid)) {
            io_error(&err, path, "cannot run %s to decompress it: %s", tool, strerror(errno));
            reader_diag(&err, c);
            c->io_failed = true;
            return;
        }
        ost = vg_reader_open_fd(&r, zfd, path, &ro, &err);
    } else {
        ost = vg_reader_open(&r, path, &ro, &err);
    }
    if (ost != VG_OK) {
        reader_diag(&err, c);
        c->io_failed = true;
        if (tool) end_decompressor(c, tool, path, zfd, zpid, true);
        return;
    }
    if (vg_reader_format(r) == VG_FMT_EVENTS) {
        vg_error e;
        vg_error_clear(&e);
        snprintf(e.file, sizeof e.file, "%s", strcmp(path, "-") ? path : "stdin");
        snprintf(e.message, sizeof e.message, "this is coded events, not records to code (see vigia ingest)");
        e.code = VG_ERR_INPUT;
        reader_diag(&e, c);
        c->io_failed = true;
        vg_reader_free(r);
        if (tool) end_decompressor(c, tool, path, zfd, zpid, true);
        return;
    }
    c->cur_file = strcmp(path, "-") ? path : "stdin";
    vg_record rec;
    for (;;) {
        if (c->fatal != VG_OK || c->out_failed || c->stopped) break;
        vg_error_clear(&err);
        vg_status st = vg_reader_next(r, &rec, &err);
        if (st == VG_DONE) break;
        if (st != VG_OK) {
            reader_diag(&err, c);
            if (st == VG_ERR_IO) { c->io_failed = true; break; }
            if (st == VG_ERR_NOMEM) { c->fatal = st; break; }
            c->t.skipped++;
            continue;
        }
        if (c->o->jobs > 1) { queue_record(c, &rec); continue; }
        vg_status cs = code_one(c->dict, &c->o->coding.copt, c->doc, &rec, c->w, NULL, &c->t);
        if (cs == VG_ERR_NOMEM) { c->fatal = cs; break; }
        if (cs == VG_OK && c->o->line_buffered && fflush(c->out) != 0) cs = VG_ERR_IO;
        if (cs != VG_OK) { c->out_failed = true; c->out_errno = errno; break; }
        progress_show(&c->prog, &c->t, false);
    }
    vg_reader_free(r);
    if (tool) end_decompressor(c, tool, path, zfd, zpid, c->stopped || c->out_failed || c->fatal != VG_OK);
}

/* ------------------------------------------------------------------------ */
/* The command                                                               */
/* ------------------------------------------------------------------------ */

static int load_dict(options *o, vg_dict **dict, double *ms) {
    double t0 = now_s();
    vg_error err;
    vg_error_clear(&err);
    vg_status st = vg_cli_coding_dict(&o->coding, dict, &err);
    *ms = (now_s() - t0) * 1000.0;
    if (st != VG_OK) {
        vg_cli_error(&err);
        fprintf(stderr, "vigia: cannot load the dictionaries\n");
        return VG_EXIT_RESOURCE;
    }
    return -1;
}

static int run_parallel(run_ctx *c) {
    int n = c->o->jobs;
    c->nring = (size_t)n * 2 + 2;
    c->ring = calloc(c->nring, sizeof *c->ring);
    pthread_t *th = calloc((size_t)n, sizeof *th);
    if (!c->ring || !th) { free(th); c->fatal = VG_ERR_NOMEM; return -1; }
    for (size_t i = 0; i < c->nring; i++) {
        vg_error err;
        if (vg_writer_new_mem(&c->ring[i].out, c->o->out_fmt, VG_WRITER_NO_HEADER, &err) != VG_OK) {
            c->fatal = VG_ERR_NOMEM;
            break;
        }
    }
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv_free, NULL);
    pthread_cond_init(&c->cv_filled, NULL);
    pthread_cond_init(&c->cv_done, NULL);
    pthread_t wt;
    int started = 0;
    bool writer_started = false;
    if (c->fatal == VG_OK) {
        for (; started < n; started++)
            if (pthread_create(&th[started], NULL, worker, c)) break;
        writer_started = started > 0 && !pthread_create(&wt, NULL, writer_thread, c);
        if (!writer_started || started == 0) c->fatal = VG_ERR_NOMEM;
    }
    if (c->fatal == VG_OK)
        for (int i = 0; i < c->o->nfiles && !c->stopped && c->fatal == VG_OK; i++)
            read_input(c, c->o->files[i]);
    if (c->cur && c->cur->n) submit(c);
    else if (c->cur) { /* an empty batch was taken: give it back */ c->cur = NULL; }
    pthread_mutex_lock(&c->mu);
    c->input_done = true;
    if (c->fatal != VG_OK) c->abort = true;
    pthread_cond_broadcast(&c->cv_filled);
    pthread_cond_broadcast(&c->cv_done);
    pthread_cond_broadcast(&c->cv_free);
    pthread_mutex_unlock(&c->mu);
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    if (writer_started) pthread_join(wt, NULL);
    if (c->worker_fatal != VG_OK) c->fatal = c->worker_fatal;
    if (c->writer_failed) c->out_failed = true;
    for (size_t i = 0; i < c->nring; i++) {
        free(c->ring[i].items);
        free(c->ring[i].store.p);
        free(c->ring[i].errs.p);
        vg_writer_free(c->ring[i].out);
    }
    free(c->ring);
    free(th);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv_free);
    pthread_cond_destroy(&c->cv_filled);
    pthread_cond_destroy(&c->cv_done);
    return -1;
}

static int run(int argc, char **argv) {
    options o;
    memset(&o, 0, sizeof o);
    vg_cli_coding_init(&o.coding);
    o.out_fmt = VG_FMT_EVENTS;
    o.jobs = 1;
    int rc = parse_args(&o, argc, argv);
    if (rc >= 0) { free(o.files); return rc; }

    run_ctx c;
    memset(&c, 0, sizeof c);
    c.o = &o;
    double t0 = now_s(), dict_ms = 0;
    rc = load_dict(&o, &c.dict, &dict_ms);
    if (rc >= 0) { free(o.files); return rc; }
    double cpu0 = cpu_s();

    c.out = stdout;
    if (o.output && strcmp(o.output, "-")) {
        c.out = fopen(o.output, "w");
        if (!c.out) {
            fprintf(stderr, "vigia: %s: cannot open for writing: %s\n", o.output, strerror(errno));
            vg_dict_free(c.dict);
            free(o.files);
            return VG_EXIT_RESOURCE;
        }
    }
    char *obuf = malloc(1 << 16);
    if (obuf) setvbuf(c.out, obuf, _IOFBF, 1 << 16);
    c.prog.on = !o.quiet && isatty(2);
    c.prog.start = c.prog.last = now_s();

    vg_error err;
    vg_error_clear(&err);
    if (vg_writer_new(&c.w, c.out, o.out_fmt, &err) != VG_OK) {
        vg_cli_error(&err);
        c.out_failed = true;
    } else if (o.jobs > 1) {
        run_parallel(&c);
    } else if (vg_doc_new(&c.doc) != VG_OK) {
        c.fatal = VG_ERR_NOMEM;
    } else {
        for (int i = 0; i < o.nfiles && c.fatal == VG_OK && !c.out_failed; i++) read_input(&c, o.files[i]);
    }
    progress_show(&c.prog, &c.t, true);
    if ((fflush(c.out) != 0 || ferror(c.out)) && !c.out_failed) { c.out_failed = true; c.out_errno = errno; }
    if (c.out != stdout && fclose(c.out) != 0 && !c.out_failed) { c.out_failed = true; c.out_errno = errno; }
    if (c.out == stdout) setvbuf(stdout, NULL, _IONBF, 0);  /* before obuf goes */
    free(obuf);
    if (c.out_failed)
        fprintf(stderr, "vigia: %s: writing the events failed: %s\n", o.output ? o.output : "stdout",
                c.out_errno ? strerror(c.out_errno) : "error");
    if (c.fatal == VG_ERR_NOMEM) fprintf(stderr, "vigia: out of memory\n");

    if (o.stats) {
        double el = now_s() - t0 - dict_ms / 1000.0, cpu = cpu_s() - cpu0;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr,
                "vigia: stats: records=%zu skipped=%zu sentences=%zu events=%zu text_bytes=%zu "
                "dict_ms=%.1f code_s=%.3f cpu_s=%.3f sentences_per_s=%.0f max_rss_kb=%ld jobs=%d\n",
                c.t.records, c.t.skipped, c.t.sentences, c.t.events, c.t.text_bytes, dict_ms, el, cpu,
                el > 0 ? (double)c.t.sentences / el : 0.0, ru.ru_maxrss, o.jobs);
    }
    vg_writer_free(c.w);
    vg_doc_free(c.doc);
    vg_dict_free(c.dict);
    free(o.files);
    if (c.out_failed || c.fatal != VG_OK || c.io_failed) return VG_EXIT_RESOURCE;
    if (o.strict_exit && c.t.skipped) return VG_EXIT_FAIL;
    return VG_EXIT_OK;
}

const vg_cli_cmd vg_cmd_code = {"code", "code news records into CAMEO events", run};
