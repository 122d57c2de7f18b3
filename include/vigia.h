/*
 * vigia.h — the public interface of libvigia, a political event coder.
 *
 * vigia turns news text into CAMEO-coded events (who did what to whom, when),
 * stores them, and analyses how each relationship moves. This header is the
 * only one a program using the library includes; every type here is either a
 * plain struct the caller fills or an opaque handle with a _new/_free pair.
 *
 * Conventions (see docs/conventions.md):
 *  - Functions that can fail return vg_status; VG_OK is 0. Details go into a
 *    caller-provided vg_error (NULL is allowed). There is no global error.
 *  - Text is (pointer, length) and needs no NUL terminator.
 *  - A compiled vg_dict is immutable: any number of threads may code with it
 *    at once. Everything else (vg_doc, vg_reader, vg_writer, vg_store) belongs
 *    to one thread at a time.
 *  - Getters return borrowed pointers, valid while their owner lives.
 *
 * Minimal use:
 *
 *     vg_dict *dict; vg_doc *doc; vg_error err;
 *     vg_dict_options o = VG_DICT_OPTIONS_INIT;          // vigia's own dictionaries
 *     if (vg_dict_load(&dict, &o, &err) != VG_OK) die(&err);
 *     vg_doc_new(&doc);
 *     vg_record rec = {0};
 *     rec.id = "r1"; rec.id_len = 2; rec.date = 20251104;
 *     rec.text = text; rec.text_len = strlen(text);
 *     if (vg_code(doc, dict, &rec, NULL, &err) == VG_OK)
 *         for (size_t i = 0; i < vg_doc_event_count(doc); i++)
 *             use(vg_doc_event(doc, i));
 *     vg_doc_free(doc); vg_dict_free(dict);
 */
#ifndef VIGIA_H
#define VIGIA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(VG_BUILDING) && defined(__GNUC__)
#define VG_EXPORT __attribute__((visibility("default")))
#else
#define VG_EXPORT
#endif

#define VG_VERSION "0.1.0"

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

/** Result of every function that can fail. VG_DONE is not a failure: it ends
 *  a stream (no more records). Negative values are failures. */
typedef enum vg_status {
    VG_OK = 0,
    VG_DONE = 1,
    VG_ERR_NOMEM = -1,       /* an allocation failed */
    VG_ERR_IO = -2,          /* a file or stream could not be read or written */
    VG_ERR_DICT_SYNTAX = -3, /* a dictionary line is malformed */
    VG_ERR_DB = -4,          /* the event store failed */
    VG_ERR_LIMIT = -5,       /* input exceeds a configured limit */
    VG_ERR_INPUT = -6,       /* a record is malformed (bad JSON, XML, ...) */
    VG_ERR_ARG = -7,         /* an argument or option value is invalid */
    VG_ERR_NOTFOUND = -8     /* a named thing does not exist */
} vg_status;

/** Where and why something failed. Every field is optional: file "" and
 *  line 0 mean "not known". Filled by the function that failed. */
typedef struct vg_error {
    vg_status code;
    char message[256]; /* one impersonal sentence, no trailing newline */
    char file[256];    /* input or dictionary file name, "" if none */
    long line;         /* 1-based line in file, 0 if none */
    size_t offset;     /* byte offset in file or record, when known */
    char record[128];  /* id of the record concerned, "" if none */
} vg_error;

/** Reset an error to VG_OK with empty fields. Thread-safe. */
VG_EXPORT void vg_error_clear(vg_error *err);

/** Short name of a status ("ok", "out of memory", ...). Static string. */
VG_EXPORT const char *vg_status_str(vg_status st);

/** Render an error for people: "file:line: message", "record ID: message",
 *  or "message". Writes at most n bytes including the NUL; returns the
 *  length it wanted (like snprintf). Thread-safe. */
VG_EXPORT int vg_error_format(const vg_error *err, char *buf, size_t n);

/** Receives every non-fatal problem (a skipped dictionary line, a skipped
 *  record) while work goes on. payload is the caller's. */
typedef void (*vg_diag_fn)(const vg_error *diag, void *payload);

/* ------------------------------------------------------------------------ */
/* CAMEO ontology (compiled in; no files read at run time)                   */
/* ------------------------------------------------------------------------ */

/** One CAMEO event code. quad: 1 verbal cooperation (roots 01–05),
 *  2 material cooperation (06–08), 3 verbal conflict (09–13),
 *  4 material conflict (14–20). */
typedef struct vg_cameo {
    const char *code;      /* "0231", "172", "19" */
    const char *name;      /* "Appeal for economic aid" */
    int root;              /* 1..20 */
    int quad;              /* 1..4 */
    double goldstein;      /* -10.0 .. +10.0 */
    const char *plover;    /* PLOVER event type, e.g. "AGREE", "SANCTION"; "" for
                              plain statements (010-017), which PLOVER drops */
    const char *plover_mode; /* PLOVER mode where one applies, else "" */
} vg_cameo;

/** Look up a code ("042", "1721"). NULL when unknown. Thread-safe. */
VG_EXPORT const vg_cameo *vg_cameo_find(const char *code, size_t len);
/** Number of codes in the table, and the i-th (in code order). */
VG_EXPORT size_t vg_cameo_count(void);
VG_EXPORT const vg_cameo *vg_cameo_at(size_t i);
/** Quad class of a root code (1..20 → 1..4), 0 when out of range. */
VG_EXPORT int vg_quad_of_root(int root);

/** A CAMEO actor type or sector code (GOV, MIL, REB, ...). */
typedef struct vg_actor_type {
    const char *code;  /* "GOV" */
    const char *name;  /* "Government" */
} vg_actor_type;
VG_EXPORT const vg_actor_type *vg_actor_type_find(const char *code, size_t len);
VG_EXPORT size_t vg_actor_type_count(void);
VG_EXPORT const vg_actor_type *vg_actor_type_at(size_t i);

/* ------------------------------------------------------------------------ */
/* Records: one article or sentence to code                                  */
/* ------------------------------------------------------------------------ */

/** A gold event attached to a validation record. */
typedef struct vg_gold_event {
    const char *source, *target, *code;
} vg_gold_event;

/** One input record. All pointers are borrowed from whoever filled it (a
 *  vg_reader, or the caller) and need no NUL terminator. */
typedef struct vg_record {
    const char *id; size_t id_len;       /* record id; required */
    int32_t date;                        /* YYYYMMDD, 0 when unknown */
    const char *text; size_t text_len;   /* the article or sentence */
    const char *extra; size_t extra_len; /* JSONL fields other than id/date/text,
                                            as `"k":v,"k2":v2` (no braces), carried
                                            through to output; may be NULL */
    const char *file; long line;         /* where the record starts, for errors */
    /* PETRARCH validation records only (NULL/0 otherwise): */
    const char *category;
    const vg_gold_event *gold; size_t gold_count;
    int gold_noevents;                   /* record says: no event here */
    int is_sentence;                     /* text is one sentence: do not split */
} vg_record;

/** Parse "YYYY-MM-DD", "YYYYMMDD" or an ISO-8601 date-time into YYYYMMDD.
 *  Returns 0 when the text is not a valid date. Thread-safe. */
VG_EXPORT int32_t vg_date_parse(const char *s, size_t len);

/* ------------------------------------------------------------------------ */
/* Dictionaries                                                              */
/* ------------------------------------------------------------------------ */

typedef struct vg_dict vg_dict;

#define VG_DICT_OPTIONS_VERSION 1
#define VG_DICT_STRICT 1u   /* first syntax error fails the load */

/** What to load. With every path NULL, vigia's own dictionaries (dict/). */
typedef struct vg_dict_options {
    unsigned version;     /* VG_DICT_OPTIONS_VERSION */
    unsigned flags;       /* VG_DICT_* bits */
    const char *dir;      /* a directory laid out like the Phoenix set: the kind of
                             each file is told by its name */
    const char *verbs;    /* these override what dir provides; actors may */
    const char *actors;   /* list several files separated by commas */
    const char *agents;
    const char *discards;
    const char *issues;
    vg_diag_fn diag;      /* each problem while loading: "file:line: message" */
    void *payload;
} vg_dict_options;

#define VG_DICT_OPTIONS_INIT { VG_DICT_OPTIONS_VERSION, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/** Load and compile dictionaries. Syntax errors go to opt->diag and the line
 *  is skipped, unless VG_DICT_STRICT (then VG_ERR_DICT_SYNTAX with the
 *  place in err). On success *out is owned by the caller (vg_dict_free).
 *  Thread-safe (loads share nothing). */
VG_EXPORT vg_status vg_dict_load(vg_dict **out, const vg_dict_options *opt, vg_error *err);

/** Write a compiled dictionary to a file that vg_dict_open_compiled maps
 *  directly (no parsing): the Phoenix set opens in a few milliseconds
 *  instead of tens. The file is tied to the build that wrote it (pointer
 *  size, byte order, record layout); opening checks every index in it and
 *  refuses a damaged file or one from another build with VG_ERR_INPUT
 *  ("compile it again"); VG_ERR_IO when it cannot be read or written. The
 *  opened dictionary is freed with vg_dict_free and, like a loaded one,
 *  shared read-only by any number of threads. */
VG_EXPORT vg_status vg_dict_save_compiled(const vg_dict *dict, const char *path, vg_error *err);
VG_EXPORT vg_status vg_dict_open_compiled(vg_dict **out, const char *path, vg_error *err);

/** Free a dictionary. NULL does nothing. No vg_doc coded with it may be used
 *  afterwards. */
VG_EXPORT void vg_dict_free(vg_dict *dict);

typedef struct vg_dict_stats {
    size_t actors;          /* actor entries (codes with their phrases) */
    size_t actor_phrases;   /* phrases that name an actor */
    size_t agents;          /* agent phrases */
    size_t verbs;           /* verb forms */
    size_t patterns;        /* verb patterns, including the bare verb */
    size_t synsets;
    size_t discards;
    size_t issues;
    size_t problems;        /* lines skipped while loading */
} vg_dict_stats;
VG_EXPORT void vg_dict_get_stats(const vg_dict *dict, vg_dict_stats *out);

/** Calls fn once for every CAMEO code that some verb, verb form or pattern
 *  of dict can produce, in code order ("---" is not a code). */
VG_EXPORT void vg_dict_each_code(const vg_dict *dict, void (*fn)(const char *code, void *payload),
                                 void *payload);

/** Directory of the dictionaries vigia ships: $VIGIA_DICT_DIR, else the
 *  dict/ folder next to the executable's source tree or install prefix. */
VG_EXPORT const char *vg_dict_default_dir(void);

/* ------------------------------------------------------------------------ */
/* Coding                                                                    */
/* ------------------------------------------------------------------------ */

/** A view of text owned by a vg_doc (or by the record it was coded from). */
typedef struct vg_span {
    const char *ptr;
    size_t len;
} vg_span;

/** One coded event. Strings are owned by the vg_doc (or its vg_dict) and are
 *  NUL-terminated. */
typedef struct vg_event {
    int sentence;          /* 0-based index of the sentence in its record */
    int32_t date;          /* YYYYMMDD, the record's */
    const char *source;    /* CAMEO actor code, e.g. "VENGOV" */
    const char *target;
    char code[8];          /* CAMEO event code, e.g. "172" */
    int root;              /* 1..20 */
    int quad;              /* 1..4 */
    double goldstein;
    vg_span sentence_text; /* evidence: the whole sentence */
    vg_span source_text;   /* ... the words that named the source */
    vg_span verb_text;     /* ... the verb phrase that gave the code */
    vg_span target_text;   /* ... the words that named the target */
} vg_event;

#define VG_CODE_OPTIONS_VERSION 1
#define VG_CODE_ALL_EVENTS 1u   /* keep repeats: no one-per-story filter */
#define VG_CODE_NO_PRONOUNS 2u  /* do not resolve "it"/"its" */

typedef struct vg_code_options {
    unsigned version;          /* VG_CODE_OPTIONS_VERSION */
    unsigned flags;            /* VG_CODE_* bits */
    size_t max_sentence_bytes; /* longer sentences are skipped and reported; 0 = default 65536 */
    size_t max_sentences;      /* per record; 0 = default 10000 */
} vg_code_options;

#define VG_CODE_OPTIONS_INIT { VG_CODE_OPTIONS_VERSION, 0, 0, 0 }

/** A coded record: its sentences and events. Reused across vg_code calls so
 *  that a thread codes many records with no allocation in the steady state. */
typedef struct vg_doc vg_doc;

VG_EXPORT vg_status vg_doc_new(vg_doc **out);
VG_EXPORT void vg_doc_free(vg_doc *doc);

/** Code one record into doc (whose previous content is dropped). opt may be
 *  NULL. Text never fails: any bytes give a result, possibly empty. Fails only
 *  for memory (VG_ERR_NOMEM) or a limit (VG_ERR_LIMIT, the record is then
 *  coded up to the limit and err says where). Thread-safe with distinct
 *  docs and a shared dict. */
VG_EXPORT vg_status vg_code(vg_doc *doc, const vg_dict *dict, const vg_record *rec,
                            const vg_code_options *opt, vg_error *err);

VG_EXPORT size_t vg_doc_event_count(const vg_doc *doc);
VG_EXPORT const vg_event *vg_doc_event(const vg_doc *doc, size_t i);
VG_EXPORT size_t vg_doc_sentence_count(const vg_doc *doc);
VG_EXPORT vg_span vg_doc_sentence(const vg_doc *doc, size_t i);
/** Issues the coded record mentions (the dictionary's issue phrases, e.g.
 *  Phoenix "NARCOTICS"), each code once, in order of first mention; events
 *  do not depend on them. Strings owned by the dictionary. */
VG_EXPORT size_t vg_doc_issue_count(const vg_doc *doc);
VG_EXPORT const char *vg_doc_issue(const vg_doc *doc, size_t i);

/* ------------------------------------------------------------------------ */
/* Reading and writing                                                       */
/* ------------------------------------------------------------------------ */

typedef enum vg_format {
    VG_FMT_AUTO = 0,   /* readers: detect from the first bytes */
    VG_FMT_TEXT,       /* a file is one article */
    VG_FMT_JSONL,      /* {"id","date","text",...} a line */
    VG_FMT_PETRXML,    /* PETRARCH <Sentence> records */
    VG_FMT_EVENTS,     /* coded events as JSON Lines (vigia's output) */
    VG_FMT_TSV,        /* writers: tab-separated with a header row */
    VG_FMT_TABARI      /* TABARI records: "YYMMDD ID" line, text, optional
                          comment with gold events "{ SRC / TGT / CODE }" */
} vg_format;

typedef struct vg_reader vg_reader;

#define VG_READER_OPTIONS_VERSION 1
typedef struct vg_reader_options {
    unsigned version;           /* VG_READER_OPTIONS_VERSION */
    vg_format format;           /* VG_FMT_AUTO to detect */
    const char *default_id;     /* plain text: record id (else the file name) */
    int32_t default_date;       /* plain text: date (else today) */
    size_t max_record_bytes;    /* larger records are skipped with VG_ERR_LIMIT; 0 = 64 MiB */
    vg_diag_fn diag;            /* warnings about a record that is still returned (invalid
                                   UTF-8 or NUL bytes replaced, a date not understood); may be NULL */
    void *payload;              /* passed to diag */
    const char *id_field;       /* JSON Lines: member names of the id, date and text */
    const char *date_field;     /*   (NULL: "id", "date", "text"), e.g. "maintext" for */
    const char *text_field;     /*   news-please output */
} vg_reader_options;
#define VG_READER_OPTIONS_INIT { VG_READER_OPTIONS_VERSION, VG_FMT_AUTO, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL }

/** Open a stream of records from a file (path NULL or "-" for stdin). The
 *  input is read incrementally, never whole. */
VG_EXPORT vg_status vg_reader_open(vg_reader **out, const char *path, const vg_reader_options *opt,
                                   vg_error *err);
/** Same over an open file descriptor (a pipe, a socket, a decompressor's
 *  output), read incrementally; the caller closes fd after vg_reader_free.
 *  name is used in errors. */
VG_EXPORT vg_status vg_reader_open_fd(vg_reader **out, int fd, const char *name, const vg_reader_options *opt,
                                      vg_error *err);
/** Same over a caller-owned buffer (must outlive the reader). name is used in errors. */
VG_EXPORT vg_status vg_reader_open_mem(vg_reader **out, const char *buf, size_t len, const char *name,
                                       const vg_reader_options *opt, vg_error *err);
/** Next record. VG_OK: *out is valid until the next call. VG_DONE: no more.
 *  A negative status means this record was malformed and skipped: err names
 *  file:line and the record id when known; call again to go on. */
VG_EXPORT vg_status vg_reader_next(vg_reader *r, vg_record *out, vg_error *err);
/** Next coded event of a VG_FMT_EVENTS stream (vigia's own JSON Lines output,
 *  read back e.g. by `vigia ingest`). On VG_OK *out and *rec are valid until
 *  the next call: out's strings and spans, and rec's id, text (= the
 *  sentence_text) and extra (the fields vigia does not know, as
 *  `"k":v,...`), point into the reader. rec may be NULL. Statuses as for
 *  vg_reader_next; a line missing id, source, target or code is skipped with
 *  VG_ERR_INPUT naming file:line and id. Only for VG_FMT_EVENTS readers
 *  (VG_ERR_ARG otherwise). */
VG_EXPORT vg_status vg_reader_next_event(vg_reader *r, vg_event *out, vg_record *rec, vg_error *err);
/** The format being read (after detection; VG_FMT_AUTO never). */
VG_EXPORT vg_format vg_reader_format(const vg_reader *r);
/** PETRARCH XML only: the value of an <Environment> entry, e.g. "Verbfile",
 *  "Actorfile" (comma-separated file names as written), "Agentfile",
 *  "Discardfile", "Include"; NULL when absent or for other formats. The
 *  Environment block is read by vg_reader_open, so this works before the first
 *  record. The string is owned by the reader. */
VG_EXPORT const char *vg_reader_env_get(const vg_reader *r, const char *name);
/** The i-th <Environment> entry in file order: 1 with *name and *value set
 *  (owned by the reader), 0 past the end. */
VG_EXPORT int vg_reader_env_at(const vg_reader *r, size_t i, const char **name, const char **value);
/** PETRARCH XML only: after vg_reader_next rejected a record as malformed,
 *  how many gold events that record expected (its <EventCoding>s), and in
 *  *gold_error (may be NULL) whether its gold marks it as bad input
 *  (<EventCoding error="...">). -1 when the last call did not reject a
 *  record, or for other formats. For scorers: a rejected record whose gold is
 *  an error coding was handled right. */
VG_EXPORT long vg_reader_rejected_gold(const vg_reader *r, int *gold_error);
VG_EXPORT void vg_reader_free(vg_reader *r);

typedef struct vg_writer vg_writer;
/** An event writer to fp (not closed by vg_writer_free). fmt is VG_FMT_EVENTS
 *  (JSON Lines) or VG_FMT_TSV (header row first). */
VG_EXPORT vg_status vg_writer_new(vg_writer **out, FILE *fp, vg_format fmt, vg_error *err);
/** Write every event of a coded record. */
VG_EXPORT vg_status vg_writer_write_doc(vg_writer *w, const vg_record *rec, const vg_doc *doc,
                                        vg_error *err);
/** Write one event (e.g. one read back from a store). rec supplies id and
 *  extra fields; its other fields are not used. */
VG_EXPORT vg_status vg_writer_write_event(vg_writer *w, const vg_record *rec, const vg_event *ev,
                                          vg_error *err);
/** An event writer into memory instead of a FILE: write_doc appends to an
 *  internal buffer read with vg_writer_data and emptied with vg_writer_clear
 *  (lets threads format output that one thread writes in order). flags:
 *  VG_WRITER_NO_HEADER leaves out the TSV header row. */
#define VG_WRITER_NO_HEADER 1u
VG_EXPORT vg_status vg_writer_new_mem(vg_writer **out, vg_format fmt, unsigned flags, vg_error *err);
/** The bytes a memory writer holds (borrowed; valid until the next write or
 *  clear) and their count in *len. */
VG_EXPORT const char *vg_writer_data(const vg_writer *w, size_t *len);
VG_EXPORT void vg_writer_clear(vg_writer *w);
/** Events written so far by this writer. */
VG_EXPORT size_t vg_writer_event_count(const vg_writer *w);
VG_EXPORT void vg_writer_free(vg_writer *w);

/** One event as one JSON object (no newline) into a malloc'd string the
 *  caller frees with free(). Thread-safe. */
VG_EXPORT vg_status vg_event_to_json(char **out, size_t *out_len, const vg_record *rec,
                                     const vg_event *ev);

/* ------------------------------------------------------------------------ */
/* Event store   (section owned by src/store; see docs/store.md)             */
/* ------------------------------------------------------------------------ */

/* STORE-API-BEGIN */

/* The event store keeps coded events so they can be asked about later. One
 * interface over two backends with the same schema and behaviour:
 *
 *   NULL or ""                  the SQLite file "vigia.db" in the current directory
 *   "PATH" or "sqlite:PATH"     a SQLite file (created when absent; WAL mode)
 *   "postgresql://..." or
 *   "postgres://..."            PostgreSQL through libpq (any libpq URI)
 *
 * Opening applies pending schema migrations (schema_version table, each
 * migration in its own transaction), so any url opens a ready database.
 *
 * Model (see docs/store.md):
 *  - A document is one input record: its id (key), date, publisher ("source"
 *    field of the record's JSON), url, and a content hash. Storing a document
 *    id again REPLACES every mention it made; an unchanged document (same
 *    hash of date, text, fields and coded events) is skipped.
 *  - An event is unique by (date, source actor, target actor, CAMEO code).
 *    Several documents (or sentences) reporting it give ONE event with
 *    num_mentions (sentences), num_articles (distinct documents) and
 *    num_sources (distinct publishers; a document without one counts alone),
 *    like GDELT's NumMentions / NumArticles / NumSources.
 *  - A mention is one sentence's evidence for an event: document, sentence
 *    index and text, and the words that named source, verb and target.
 *  - Actor patterns in queries are PREFIXES: "VEN" matches VEN, VENGOV,
 *    VENMIL. A country is the first three characters of an actor code.
 *
 * Writes are batched: vg_store_put_doc queues a document; every batch_docs
 * documents (and at vg_store_commit / vg_store_close) the batch is written
 * in ONE transaction. A process killed at any point loses at most the open
 * batch; a rerun of the same input stores it (committed documents are
 * skipped as unchanged). Several processes may write one PostgreSQL database
 * (or one SQLite file) at once without duplicating or losing events.
 *
 * Thread-safety: a vg_store belongs to one thread at a time; open one per
 * thread to read or write in parallel. */

typedef struct vg_store vg_store;

#define VG_STORE_OPTIONS_VERSION 1
#define VG_STORE_READONLY 1u /* open for queries only: no migration, no writes */
#define VG_STORE_FORCE 2u    /* re-store documents even when their hash is unchanged */
/* Bulk load (a large backfill by one writer): the indexes that only queries
 * use (events by target, events by date) are dropped while this handle is
 * open and rebuilt, sorted, by vg_store_close. Other handles still get right
 * answers meanwhile, only slower. A bulk run that is killed leaves the
 * rebuild to the next vg_store_open that may write. */
#define VG_STORE_BULK 4u

typedef struct vg_store_options {
    unsigned version;      /* VG_STORE_OPTIONS_VERSION */
    unsigned flags;        /* VG_STORE_* bits */
    size_t batch_docs;     /* documents per transaction; 0 = 1000 */
    int busy_timeout_ms;   /* SQLite: wait this long for another writer; 0 = 60000 */
    vg_diag_fn diag;       /* each document a commit had to leave out (record id, file:line
                              and why) while the rest of its batch was stored; may be NULL */
    void *payload;         /* passed to diag */
} vg_store_options;
#define VG_STORE_OPTIONS_INIT { VG_STORE_OPTIONS_VERSION, 0, 0, 0, NULL, NULL }

/** Open (creating and migrating when needed) the store named by url, see
 *  above. opt may be NULL. On success *out is the caller's (vg_store_close).
 *  VG_ERR_DB when the database cannot be opened or migrated (err says why),
 *  VG_ERR_ARG for an unusable url. */
VG_EXPORT vg_status vg_store_open(vg_store **out, const char *url, const vg_store_options *opt,
                                  vg_error *err);

/** Commit the open batch (if any) and close. NULL does nothing. A failed
 *  final commit is reported in err (may be NULL) and returned; the handle is
 *  freed either way. */
VG_EXPORT vg_status vg_store_close(vg_store *s, vg_error *err);

/** "sqlite" or "postgresql". */
VG_EXPORT const char *vg_store_backend(const vg_store *s);

/** Current schema version of the open database (after migrations). */
VG_EXPORT int vg_store_schema_version(const vg_store *s);

/** Queue one coded record: rec gives the document (id required, date, the
 *  "source"/"publisher" and "url" fields of rec->extra), doc its events and
 *  evidence (doc may hold no events: the document is still recorded, and a
 *  re-ingest that now yields none removes its old mentions). Data is copied;
 *  rec and doc may be reused at once. May commit the batch (see above):
 *  VG_ERR_DB then, with the batch rolled back. VG_ERR_INPUT (err names the
 *  record, file:line) when rec has no id or an event has no source, target
 *  or valid code: nothing of that record is stored and the batch goes on. */
VG_EXPORT vg_status vg_store_put_doc(vg_store *s, const vg_record *rec, const vg_doc *doc,
                                     vg_error *err);

/** Same as vg_store_put_doc with already-coded events (e.g. read from event
 *  JSON Lines): the n events of ev all belong to the document rec. rec->text
 *  may be empty. Strings of ev and rec are copied. */
VG_EXPORT vg_status vg_store_put_events(vg_store *s, const vg_record *rec, const vg_event *ev,
                                        size_t n, vg_error *err);

/** Remove a document and its mentions (events left with none are removed).
 *  Queued in the batch like a put. VG_OK also when the id is unknown. */
VG_EXPORT vg_status vg_store_delete_doc(vg_store *s, const char *id, size_t id_len, vg_error *err);

/** Write the open batch now, in one transaction. VG_OK with nothing queued. */
VG_EXPORT vg_status vg_store_commit(vg_store *s, vg_error *err);

/** What this handle's committed batches did (counted at commit). */
typedef struct vg_store_ingest_stats {
    size_t docs_new;        /* documents stored for the first time */
    size_t docs_replaced;   /* documents whose content changed: old mentions replaced */
    size_t docs_unchanged;  /* documents skipped: same hash already stored */
    size_t docs_deleted;
    size_t events_new;      /* events created */
    size_t events_merged;   /* mentions added to an event that already existed */
    size_t mentions;        /* mentions written */
    size_t commits;         /* transactions committed */
    size_t retries;         /* transactions retried after a deadlock or conflict (PostgreSQL) */
    size_t docs_failed;     /* documents a commit had to leave out (each reported to diag) */
} vg_store_ingest_stats;
VG_EXPORT void vg_store_get_ingest_stats(const vg_store *s, vg_store_ingest_stats *out);

/** Whole-database counts. */
typedef struct vg_store_stats {
    int64_t documents, sentences, events, mentions;
    int32_t date_min, date_max; /* YYYYMMDD over events; 0 when empty */
    int schema_version;
} vg_store_stats;
VG_EXPORT vg_status vg_store_get_stats(vg_store *s, vg_store_stats *out, vg_error *err);

/* ---- Queries -------------------------------------------------------------
 * All queries see committed data only (call vg_store_commit first to see your
 * own batch). Strings handed to callbacks are valid during the call only. A
 * callback returning nonzero stops the query early (the function then
 * returns VG_OK). */

typedef enum vg_query_order {
    VG_ORDER_DATE = 0,       /* date ascending, then source, target, code */
    VG_ORDER_DATE_DESC,      /* newest first */
    VG_ORDER_MENTIONS_DESC   /* most mentioned first, then date */
} vg_query_order;

#define VG_QUERY_VERSION 1
#define VG_QUERY_EVIDENCE 1u /* fill vg_stored_event.mentions */

/** An event filter. Every field is optional (NULL / 0 = no condition);
 *  conditions combine with AND. */
typedef struct vg_query {
    unsigned version;        /* VG_QUERY_VERSION */
    unsigned flags;          /* VG_QUERY_* bits */
    const char *actor;       /* prefix, on either side */
    const char *source;      /* prefix of the source actor */
    const char *target;      /* prefix of the target actor */
    const char *dyad_a;      /* with dyad_b: events between a and b in either */
    const char *dyad_b;      /*   direction (prefixes) */
    const char *code;        /* CAMEO code prefix: "17" = 17*, "172" = 172, 1721, ... */
    int root;                /* 1..20 */
    int quad;                /* 1..4 */
    int32_t date_from;       /* YYYYMMDD inclusive */
    int32_t date_to;         /* YYYYMMDD inclusive */
    int min_mentions;        /* num_mentions >= this */
    const char *doc_id;      /* events mentioned by this document */
    vg_query_order order;
    size_t limit;            /* 0 = no limit */
    size_t offset;
    size_t max_mentions;     /* with VG_QUERY_EVIDENCE: mentions per event, 0 = 20 */
} vg_query;
#define VG_QUERY_INIT { VG_QUERY_VERSION, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, \
                        NULL, VG_ORDER_DATE, 0, 0, 0 }

/** One mention: a sentence's evidence for an event. */
typedef struct vg_mention {
    const char *doc_id;      /* document key */
    int32_t doc_date;
    const char *publisher;   /* NULL when unknown */
    const char *url;         /* NULL when unknown */
    int sentence;            /* 0-based index in the document */
    const char *sentence_text;
    const char *source_text; /* words that named the source ("" when unknown) */
    const char *verb_text;
    const char *target_text;
} vg_mention;

/** One stored (deduplicated) event. */
typedef struct vg_stored_event {
    int64_t id;              /* stable while the event has mentions */
    int32_t date;            /* YYYYMMDD */
    const char *source;      /* actor codes */
    const char *target;
    const char *code;        /* CAMEO code */
    int root, quad;
    double goldstein;
    int num_mentions, num_sources, num_articles;
    const vg_mention *mentions; /* with VG_QUERY_EVIDENCE, most recent first; else NULL */
    size_t mention_count;       /* mentions given here (<= max_mentions) */
} vg_stored_event;

typedef int (*vg_store_event_fn)(const vg_stored_event *ev, void *payload);

/** Stream the events matching q (NULL = all) to fn in q->order. */
VG_EXPORT vg_status vg_store_query(vg_store *s, const vg_query *q, vg_store_event_fn fn,
                                   void *payload, vg_error *err);

/** Number of events matching q, ignoring limit and offset. */
VG_EXPORT vg_status vg_store_count(vg_store *s, const vg_query *q, int64_t *out, vg_error *err);

/* ---- Aggregates for analysis (so that src/analyse never touches SQL) ---- */

typedef enum vg_period { VG_PERIOD_DAY = 0, VG_PERIOD_WEEK, VG_PERIOD_MONTH } vg_period;

/** What one direction of a relation did in one period (or window). Counts are
 *  deduplicated events; mentions sums their num_mentions. */
typedef struct vg_flow {
    int64_t events;
    int64_t quad[5];         /* quad[1..4]: events per quad class; quad[0] unused */
    double goldstein_sum;    /* sum of the events' Goldstein weights */
    int64_t mentions;
    double coop;             /* sum of the positive Goldstein weights */
    double conf;             /* sum of the negative ones, as a positive number
                                (goldstein_sum = coop - conf) */
} vg_flow;

/** One period of a dyad series. */
typedef struct vg_series_point {
    int32_t period;          /* first day of the period, YYYYMMDD (weeks start on Monday) */
    vg_flow ab;              /* a acting on b */
    vg_flow ba;              /* b acting on a */
} vg_series_point;

typedef int (*vg_series_fn)(const vg_series_point *p, void *payload);

/** The dyad series between actor prefixes a and b, both directions, per
 *  period, between from and to (YYYYMMDD inclusive; 0 = open), in period
 *  order. Only periods with at least one event are given: fill gaps
 *  yourself. Country-level prefixes (3 characters, e.g. "USA", "VEN") read a
 *  maintained daily aggregate (fast at any size); longer prefixes scan the
 *  dyad index. Events of an actor with itself (a == b) count once, in ab. */
VG_EXPORT vg_status vg_store_series(vg_store *s, const char *a, const char *b, vg_period by,
                                    int32_t from, int32_t to, vg_series_fn fn, void *payload,
                                    vg_error *err);

/** Totals per ordered country pair over a window (the network). */
typedef struct vg_pair_flow {
    const char *a, *b;       /* countries (3-character prefixes); a acts on b */
    vg_flow flow;
} vg_pair_flow;
typedef int (*vg_pair_fn)(const vg_pair_flow *p, void *payload);

/** Every ordered country pair with events between from and to (0 = open),
 *  including a == b (domestic events), in (a, b) order. */
VG_EXPORT vg_status vg_store_pairs(vg_store *s, int32_t from, int32_t to, vg_pair_fn fn,
                                   void *payload, vg_error *err);

/** An actor code seen in the store. */
typedef struct vg_store_actor {
    const char *code;        /* "VENGOV" */
    const char *name;        /* most recent words that named it, NULL when none */
    int64_t events;          /* events where it is source or target */
    int32_t first_date, last_date;
} vg_store_actor;
typedef int (*vg_actor_fn)(const vg_store_actor *a, void *payload);

/** Actor codes starting with prefix (NULL or "" = all), most frequent first,
 *  at most limit (0 = 100). For the API's actor search. */
VG_EXPORT vg_status vg_store_actors(vg_store *s, const char *prefix, size_t limit, vg_actor_fn fn,
                                    void *payload, vg_error *err);

/* STORE-API-END */

/* ------------------------------------------------------------------------ */
/* Analysis      (section owned by src/analyse)                              */
/* ------------------------------------------------------------------------ */

/* ANALYSE-API-BEGIN */

/* Analysis reads a vg_store (never SQL) and answers three questions about
 * relations between actors over time. The measures (see docs/analysis.md):
 *
 *  - Goldstein-weighted cooperation of a set of events: coop = sum of max(g, 0);
 *    conflict: conf = sum of max(-g, 0), g being each event's Goldstein weight.
 *  - Conflict-cooperation index CCI = (coop - conf) / (coop + conf), in
 *    [-1, +1]: +1 only cooperation, -1 only conflict, 0 balanced (and 0 when
 *    there is no weight at all; check `events` to tell "none" from "balanced").
 *  - Events are the store's deduplicated events: each counts once however
 *    many articles reported it.
 *
 * Results are handles owned by the caller (free them); strings in them live
 * as long as the handle. Thread-safety: functions taking a vg_store use it
 * like any query (one thread at a time per store); result handles are
 * read-only afterwards and may be shared. */

/* ---- Trend: one dyad over time ------------------------------------------ */

/** One period of a dyad trend. Periods without events are present (all zero)
 *  so that the series has no gaps. */
typedef struct vg_trend_point {
    int32_t period;          /* first day of the period, YYYYMMDD (weeks start on Monday) */
    vg_flow ab;              /* a acting on b */
    vg_flow ba;              /* b acting on a */
    vg_flow all;             /* both directions */
    double coop, conf;       /* Goldstein-weighted cooperation and conflict, both directions */
    double index;            /* CCI of the period; 0 when coop + conf is 0 */
} vg_trend_point;

typedef struct vg_trend vg_trend;

/** The trend of the dyad between actor prefixes a and b ("USA", "VENGOV"),
 *  both directions, per period `by`, between from and to (YYYYMMDD
 *  inclusive, 0 = open: then the series spans the dyad's first to last
 *  event). On success *out is the caller's (vg_trend_free). VG_ERR_ARG for
 *  an empty prefix or from > to; store failures are passed up. */
VG_EXPORT vg_status vg_trend_build(vg_trend **out, vg_store *s, const char *a, const char *b,
                                   vg_period by, int32_t from, int32_t to, vg_error *err);
VG_EXPORT void vg_trend_free(vg_trend *t);
VG_EXPORT size_t vg_trend_count(const vg_trend *t);
/** The i-th period (borrowed). */
VG_EXPORT const vg_trend_point *vg_trend_at(const vg_trend *t, size_t i);
/** The whole window summed as one point (period = first period, or 0). */
VG_EXPORT const vg_trend_point *vg_trend_total(const vg_trend *t);

typedef enum vg_out_format {
    VG_OUT_TABLE = 0,   /* for people: aligned columns, Unicode sparklines */
    VG_OUT_CSV,         /* header row, one line per period / node / alert */
    VG_OUT_JSON,        /* one JSON document */
    VG_OUT_GRAPHML,     /* network only */
    VG_OUT_DOT          /* network only (Graphviz) */
} vg_out_format;

/** Write a trend as VG_OUT_TABLE, VG_OUT_CSV or VG_OUT_JSON. VG_ERR_ARG for
 *  another format, VG_ERR_IO when writing fails. */
VG_EXPORT vg_status vg_trend_write(const vg_trend *t, FILE *fp, vg_out_format fmt, vg_error *err);

/** Render values as a Unicode block sparkline ("▁▂▃▅▇") into buf (n bytes,
 *  NUL-terminated, 3 bytes per value). Values are scaled between lo and hi;
 *  NAN gives a space. Returns the bytes written. Thread-safe. */
VG_EXPORT size_t vg_sparkline(char *buf, size_t n, const double *v, size_t count, double lo,
                              double hi);

/* ---- Network: signed graph of relations and its blocs ------------------- */

/** One country (three-letter prefix of actor codes). */
typedef struct vg_net_node {
    const char *code;        /* "VEN" */
    const char *name;        /* "Venezuela" (the code when unknown) */
    int bloc;                /* index into the blocs, -1 when alone */
    double pos, neg;         /* total positive / negative edge weight */
    int64_t events;          /* events on its edges */
} vg_net_node;

/** A relation between two countries, both directions combined. */
typedef struct vg_net_edge {
    size_t a, b;             /* node indexes, a < b */
    double weight;           /* Goldstein sum of a->b and b->a events: cooperation minus conflict */
    double ab, ba;           /* Goldstein sum of each direction */
    int64_t events;
    int64_t quad[5];         /* events per quad class (index 1..4) */
} vg_net_edge;

/** A bloc: two or more countries put together by signed community detection. */
typedef struct vg_net_bloc {
    size_t size;
    const size_t *members;   /* node indexes, strongest first */
    double internal;         /* sum of edge weights inside (positive is cohesive) */
} vg_net_bloc;

typedef struct vg_network vg_network;

#define VG_NETWORK_OPTIONS_VERSION 1
typedef struct vg_network_options {
    unsigned version;        /* VG_NETWORK_OPTIONS_VERSION */
    int32_t from, to;        /* window, YYYYMMDD inclusive; 0 = open */
    int64_t min_events;      /* edges with fewer events are left out; 0 = 1 */
    int include_nonstate;    /* keep IGO/NGO/IMG/MNC/UIS and region prefixes as nodes */
    int restarts;            /* community detection runs (best kept); 0 = 64 */
    uint64_t seed;           /* of those runs' node orders; 0 = fixed default */
} vg_network_options;
#define VG_NETWORK_OPTIONS_INIT { VG_NETWORK_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0 }

/** Build the network of the window from the store's country-pair totals and
 *  find its blocs by maximising signed modularity (Gomez, Jensen & Arenas
 *  2009) with Louvain-style local moves from several random orders. opt may
 *  be NULL. Deterministic for a given seed. *out is the caller's. */
VG_EXPORT vg_status vg_network_build(vg_network **out, vg_store *s, const vg_network_options *opt,
                                     vg_error *err);
/** Same over caller-given pair totals (for tests and other sources). */
VG_EXPORT vg_status vg_network_from_pairs(vg_network **out, const vg_pair_flow *pairs, size_t n,
                                          const vg_network_options *opt, vg_error *err);
VG_EXPORT void vg_network_free(vg_network *net);
VG_EXPORT size_t vg_network_node_count(const vg_network *net);
VG_EXPORT const vg_net_node *vg_network_node(const vg_network *net, size_t i);
VG_EXPORT size_t vg_network_edge_count(const vg_network *net);
VG_EXPORT const vg_net_edge *vg_network_edge(const vg_network *net, size_t i);
/** Blocs, largest first. Countries alone in their community are not blocs. */
VG_EXPORT size_t vg_network_bloc_count(const vg_network *net);
VG_EXPORT const vg_net_bloc *vg_network_bloc(const vg_network *net, size_t i);
/** Signed modularity Q of the partition found, and its frustration: weight of
 *  negative edges inside communities plus positive edges between them. */
VG_EXPORT double vg_network_modularity(const vg_network *net);
VG_EXPORT double vg_network_frustration(const vg_network *net);
/** Write as VG_OUT_JSON, VG_OUT_GRAPHML, VG_OUT_DOT, VG_OUT_CSV (edges) or
 *  VG_OUT_TABLE. */
VG_EXPORT vg_status vg_network_write(const vg_network *net, FILE *fp, vg_out_format fmt,
                                     vg_error *err);

/* ---- Alerts: escalation per dyad ---------------------------------------- */

typedef enum vg_alert_kind {
    VG_ALERT_SPIKE = 1,      /* daily conflict far above the dyad's own rolling baseline */
    VG_ALERT_TURN,           /* the dyad turned from cooperation to conflict */
    VG_ALERT_FIRST_MATERIAL  /* the dyad's first material-conflict event (quad 4) */
} vg_alert_kind;

/** An event behind an alert, with one sentence of evidence. */
typedef struct vg_alert_event {
    int64_t id;              /* the store's event id */
    int32_t date;
    const char *source, *target, *code;
    int quad;
    double goldstein;
    int num_mentions;
    const char *doc_id;      /* first mention's document, "" when none */
    const char *sentence;    /* its sentence, "" when none */
} vg_alert_event;

typedef struct vg_alert {
    vg_alert_kind kind;
    const char *a, *b;       /* the dyad: countries, or actor codes for a domestic dyad */
    int32_t date;            /* day the alert fired */
    int32_t last_date;       /* last day folded into it (spikes within gap_days merge) */
    double value;            /* SPIKE: Goldstein-weighted conflict that day; TURN: CCI of the
                                recent window; FIRST_MATERIAL: the event's Goldstein weight */
    double baseline_mean, baseline_sd; /* SPIKE: of the baseline window */
    double z;                /* SPIKE: peak z-score; others 0 */
    double index_before;     /* TURN: CCI of the baseline window */
    const char *summary;     /* one sentence for people */
    const vg_alert_event *events; /* the events behind it, strongest conflict first */
    size_t event_count;
} vg_alert;

#define VG_ALERT_OPTIONS_VERSION 1
typedef struct vg_alert_options {
    unsigned version;        /* VG_ALERT_OPTIONS_VERSION */
    int32_t from, to;        /* alerts firing in this window (history before it is used
                                as baseline); 0 = open */
    const char *dyad_a;      /* with dyad_b: only this dyad (actor prefixes) */
    const char *dyad_b;
    int baseline_days;       /* rolling baseline length; 0 = 28 */
    double z_threshold;      /* SPIKE fires at z >= this; 0 = 4.0 */
    double sd_floor;         /* the baseline sd is at least this; 0 = 2.0 */
    double min_intensity;    /* ...and the day's conflict at least this; 0 = 8.0 */
    int min_baseline_days;   /* observed baseline days needed; 0 = 14 */
    int recent_days;         /* TURN: recent window; 0 = 7 */
    double turn_threshold;   /* TURN: CCI before >= +t and after <= -t; 0 = 0.25 */
    double turn_min_weight;  /* TURN: weight needed in each window; 0 = 4.0 */
    int gap_days;            /* SPIKE days closer than this merge into one alert; 0 = 7 */
    size_t max_events;       /* events listed per alert; 0 = 10 */
    unsigned kinds;          /* bit (1 << kind) per kind wanted; 0 = all */
} vg_alert_options;
#define VG_ALERT_OPTIONS_INIT { VG_ALERT_OPTIONS_VERSION, 0, 0, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

typedef struct vg_alerts vg_alerts;

/** Find the alerts of every dyad (or of opt->dyad_a/dyad_b) in the store.
 *  The statistics are stated in docs/analysis.md. Alerts come newest first.
 *  opt may be NULL. *out is the caller's (vg_alerts_free). */
VG_EXPORT vg_status vg_alerts_find(vg_alerts **out, vg_store *s, const vg_alert_options *opt,
                                   vg_error *err);
VG_EXPORT void vg_alerts_free(vg_alerts *al);
VG_EXPORT size_t vg_alerts_count(const vg_alerts *al);
VG_EXPORT const vg_alert *vg_alerts_at(const vg_alerts *al, size_t i);
/** "spike", "turn", "first-material". */
VG_EXPORT const char *vg_alert_kind_str(vg_alert_kind k);
/** Write as VG_OUT_TABLE (with evidence), VG_OUT_JSON or VG_OUT_CSV. */
VG_EXPORT vg_status vg_alerts_write(const vg_alerts *al, FILE *fp, vg_out_format fmt,
                                    vg_error *err);

/* ---- The crisis report -------------------------------------------------- */

#define VG_REPORT_OPTIONS_VERSION 1
typedef struct vg_report_options {
    unsigned version;        /* VG_REPORT_OPTIONS_VERSION */
    int32_t from, to;        /* window; 0 = the whole store */
    size_t top_dyads;        /* dyads in the top table; 0 = 10 */
    size_t key_dyads;        /* dyads with a trend; 0 = 5 */
    size_t max_alerts;       /* dyads whose alerts are shown; 0 = 12 */
    vg_period by;            /* trend periods; VG_PERIOD_DAY means weekly here unless
                                by_set is nonzero */
    int by_set;
} vg_report_options;
#define VG_REPORT_OPTIONS_INIT { VG_REPORT_OPTIONS_VERSION, 0, 0, 0, 0, 0, VG_PERIOD_DAY, 0 }

/** Write the crisis report for people: the store's coverage, the top dyads,
 *  weekly trends of the key dyads with sparklines, the blocs of the signed
 *  network and the alerts with their evidence. */
VG_EXPORT vg_status vg_report_write(vg_store *s, FILE *fp, const vg_report_options *opt,
                                    vg_error *err);

/* ANALYSE-API-END */

/* ------------------------------------------------------------------------ */
/* HTTP server   (section owned by src/serve)                                */
/* ------------------------------------------------------------------------ */

/* SERVE-API-BEGIN */

/* The HTTP API and dashboard (`vigia serve`, docs/api.md). The server runs
 * its own threads (libmicrohttpd thread pool); it holds nothing but a pool of
 * store handles (one per concurrent request), the borrowed dictionary and
 * its options. */

typedef struct vg_server vg_server;

#define VG_SERVER_OPTIONS_VERSION 1

typedef struct vg_server_options {
    unsigned version;        /* VG_SERVER_OPTIONS_VERSION */
    const char *db;          /* store url as for vg_store_open; NULL: no store (data endpoints 503) */
    const char *bind;        /* IPv4 address to listen on; NULL = "127.0.0.1" */
    unsigned port;           /* 0 = any free port (see vg_server_port) */
    const char *token;       /* bearer token for write endpoints; NULL = writes disabled */
    const char *web_dir;     /* dashboard files; NULL = vg_server_default_web_dir() */
    const vg_dict *dict;     /* for POST /api/code and ingest; borrowed, must outlive
                                the server; NULL = those endpoints answer 503 */
    size_t max_body;         /* request body limit in bytes; 0 = 1 MiB */
    unsigned threads;        /* worker threads; 0 = 4 */
    vg_diag_fn log;          /* one line per request ("GET /api/x -> 200"); may be NULL */
    void *payload;
} vg_server_options;
#define VG_SERVER_OPTIONS_INIT { VG_SERVER_OPTIONS_VERSION, NULL, NULL, 0, NULL, NULL, NULL, 0, 0, NULL, NULL }

/** Open the store and start serving in background threads. Returns at once;
 *  on success *out is the caller's (vg_server_stop). VG_ERR_IO when the
 *  address cannot be bound, VG_ERR_DB when the store cannot be opened,
 *  VG_ERR_ARG for bad options. */
VG_EXPORT vg_status vg_server_start(vg_server **out, const vg_server_options *opt, vg_error *err);
/** The port actually listened on (useful with port 0). */
VG_EXPORT unsigned vg_server_port(const vg_server *s);
/** realpath of the directory static files come from, NULL when it is missing. */
VG_EXPORT const char *vg_server_web_root(const vg_server *s);
/** Stop serving (waits for requests in flight), close the store, free. NULL does nothing. */
VG_EXPORT void vg_server_stop(vg_server *s);
/** $VIGIA_WEB_DIR, else web/dist of the source tree when built, else the
 *  install prefix's share/vigia/web. Static string. */
VG_EXPORT const char *vg_server_default_web_dir(void);

/* SERVE-API-END */

#ifdef __cplusplus
}
#endif
#endif /* VIGIA_H */
