/* io.h — readers and writers of records and events. Private to the library.
 *
 * Input is read through vg_io_src, a refillable window over a file
 * descriptor (or over a caller's memory, used in place), so a stream of any
 * size is read with memory bounded by the longest record. Every reader
 * (text, JSON Lines, PETRARCH XML, events) keeps the record it returns in
 * buffers of its own, so the window can slide on.
 */
#ifndef VG_IO_H
#define VG_IO_H

#include "util/util.h"
#include <stdbool.h>
#include <stddef.h>

/* ---- incremental input ---- */
typedef struct vg_io_src {
    int fd;             /* -1 for a memory source */
    bool own_fd;
    bool mem;           /* buf is the caller's memory: never refilled, never freed */
    bool eof;           /* nothing more will come after buf[end) */
    int io_errno;       /* read(2) failed with this errno, 0 if not */
    char *buf;
    size_t cap, pos, end;   /* unread bytes are buf[pos, end) */
    size_t limit;           /* the window never grows past this many bytes */
    long line;              /* 1-based line number of buf[pos] */
} vg_io_src;

vg_status vg_io__src_open_fd(vg_io_src *s, int fd, bool own, size_t limit);
void vg_io__src_open_mem(vg_io_src *s, const char *buf, size_t len);
void vg_io__src_close(vg_io_src *s);
/* Make at least want unread bytes available (fewer only at end of input or
 * when want exceeds the limit). Returns the number available. */
size_t vg_io__src_fill(vg_io_src *s, size_t want);
/* Consume n bytes, counting their newlines. */
void vg_io__src_skip(vg_io_src *s, size_t n);

/* ---- JSON (one object a line) ---- */
typedef enum vg_json_kind {
    VG_JSON_STRING, VG_JSON_NUMBER, VG_JSON_TRUE, VG_JSON_FALSE, VG_JSON_NULL,
    VG_JSON_OBJECT, VG_JSON_ARRAY
} vg_json_kind;

typedef struct vg_json_member {
    const char *key; size_t key_len;   /* decoded, NUL-terminated */
    vg_json_kind kind;
    const char *raw; size_t raw_len;   /* the value as written in the input */
    const char *str; size_t str_len;   /* STRING: decoded, NUL-terminated */
} vg_json_member;

/* Called for each top-level member; return VG_OK to go on, anything else
 * stops the parse with that status (the callback sets its own message). */
typedef vg_status (*vg_json_member_fn)(const vg_json_member *m, void *ctx);

typedef struct vg_json_result {
    size_t err_offset;        /* byte offset of the fault in the line */
    const char *err_msg;      /* static text, NULL when parsing succeeded */
    bool replaced;            /* invalid UTF-8 in some string became U+FFFD */
} vg_json_result;

/* Parse one JSON object s[0,n). Decoded strings go into scratch (reset by the
 * caller; pointers given to fn stay valid until scratch is next reset).
 * Returns VG_OK, VG_ERR_INPUT (res->err_msg, err_offset), VG_ERR_NOMEM, or the
 * status fn returned. */
vg_status vg_json__parse_object(const char *s, size_t n, vg_buf *scratch, vg_json_member_fn fn,
                                void *ctx, vg_json_result *res);
/* Append bytes to b, replacing invalid UTF-8 with U+FFFD. Returns true if any
 * replacement happened. */
bool vg_io__put_utf8(vg_buf *b, const char *s, size_t n);
/* True if s[0,n) is valid UTF-8. */
bool vg_io__utf8_valid(const char *s, size_t n);

/* ---- readers ---- */
typedef struct vg_xml_state vg_xml_state;

struct vg_reader {
    vg_format fmt;
    vg_reader_options opt;
    size_t max;             /* max_record_bytes */
    char *name;             /* for messages: the path, the given name or "stdin" */
    vg_io_src src;
    bool done;
    bool warned_id, warned_date;
    /* storage of the record last returned */
    vg_buf scratch;         /* decoded JSON strings */
    vg_buf text, extra, id, aux;
    vg_gold_event *gold;
    size_t gold_n, gold_cap;
    /* PETRARCH XML */
    vg_xml_state *xml;
    char **env_names, **env_values;
    size_t env_n;
};

/* Report a warning about the record at line (id may be NULL). */
void vg_io__warn(vg_reader *r, long line, const char *id, size_t id_len, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Fill err (if not NULL) for a record that is skipped; returns code. */
vg_status vg_io__rec_error(vg_reader *r, vg_error *err, vg_status code, long line, const char *id,
                           size_t id_len, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Copy text into r->text replacing invalid UTF-8 with U+FFFD and NUL bytes
 * with spaces; returns true if anything was replaced. */
bool vg_io__clean_text(vg_buf *out, const char *s, size_t n);

/* Line access for the line-based readers: the next line (without its
 * newline) stays in the window until vg_io__end_line consumes it, so a
 * reader may look at a line and leave it for the next record. VG_ERR_LIMIT:
 * the line is longer than max_record_bytes (*skipped bytes of it are in
 * view; call vg_io__skip_long_line). */
vg_status vg_io__next_line(vg_reader *r, const char **line, size_t *len, long *lineno, size_t *skipped);
void vg_io__end_line(vg_reader *r, size_t len);
void vg_io__skip_long_line(vg_reader *r);

/* TABARI records (reader_tabari.c). looks_tabari: the first line at s->pos+i
 * that is neither blank nor a '#' comment is a "YYMMDD ID" header. */
bool vg_io__looks_tabari(vg_io_src *s, size_t i);
vg_status vg_io__tabari_next(vg_reader *r, vg_record *out, vg_error *err);

vg_status vg_io__xml_open(vg_reader *r, vg_error *err);
vg_status vg_io__xml_next(vg_reader *r, vg_record *out, vg_error *err);
void vg_io__xml_free(vg_reader *r);

/* ---- writing ---- */
struct vg_writer {
    FILE *fp;               /* NULL for a memory writer */
    vg_format fmt;
    unsigned flags;
    vg_buf buf;
    size_t events;
};

/* Write out (FILE writers) or keep (memory writers) what is buffered. */
vg_status vg_io__writer_flush(vg_writer *w, vg_error *err);

/* Append one event in fmt (VG_FMT_EVENTS or VG_FMT_TSV), with its newline. */
void vg_io__format_event(vg_buf *b, vg_format fmt, const vg_record *rec, const vg_event *ev);
/* The TSV header row, with its newline. */
void vg_io__tsv_header(vg_buf *b);

#endif
