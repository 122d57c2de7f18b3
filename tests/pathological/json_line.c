/* json_line.c — a 50 MB JSON line, generated at test time (never
 * committed).
 *
 * Read from a file through vg_reader_open (the incremental reader the CLI
 * uses), the record must come back whole (text length checked exactly) in
 * time linear in its size (12.5 MB vs 50 MB). With max_record_bytes below
 * its size it must be skipped with VG_ERR_LIMIT naming file:line and the
 * limit, and the next line still read. Past the 64 MiB default, the same
 * without any option set. */
#include "path.h"

/* The text: ASCII words with JSON escapes (\" \\ \n \u00e9 \ud83c\udf0e)
 * every few hundred bytes; *text_len gets the decoded length. */
static char *make_jsonl(size_t text_bytes, size_t *len, size_t *text_len) {
    static const char head[] = "{\"id\":\"big\",\"date\":\"2025-11-04\",\"source\":\"wire\",\"text\":\"";
    static const char tail[] = "\"}\n{\"id\":\"after\",\"date\":\"2025-11-05\",\"text\":\"Cuba met with Russia.\"}\n";
    static const char *const esc[] = { "\\\"", "\\\\", "\\n", "\\u00e9", "\\ud83c\\udf0e" };
    static const size_t esc_dec[] = { 1, 1, 1, 2, 4 };
    static const char words[] = "Venezuela accused Guyana of provocations near the Essequibo. ";
    size_t cap = sizeof head + 2 * text_bytes + 128 + sizeof tail;   /* escapes are longer raw */
    char *s = malloc(cap);
    if (!s) return NULL;
    size_t n = sizeof head - 1, dec = 0, k = 0;
    memcpy(s, head, n);
    while (dec < text_bytes) {
        const char *piece;
        size_t pl, pd;
        if (k % 8 == 7) {
            piece = esc[(k / 8) % 5];
            pl = strlen(piece);
            pd = esc_dec[(k / 8) % 5];
        } else {
            piece = words;
            pl = pd = sizeof words - 1;
        }
        memcpy(s + n, piece, pl);
        n += pl;
        dec += pd;
        k++;
    }
    memcpy(s + n, tail, sizeof tail - 1);
    n += sizeof tail - 1;
    *len = n;
    *text_len = dec;
    return s;
}

typedef struct ctx { char *path; size_t text_len; } ctx;

static int prepare(size_t bytes, const char *tag, ctx *c) {
    size_t len;
    char *s = make_jsonl(bytes, &len, &c->text_len);
    if (!s) return -1;
    c->path = path_tmpfile(tag, s, len);
    free(s);
    return c->path ? 0 : -1;
}

/* Read the file's first record and check its length. */
static int read_once(size_t bytes, void *p) {
    (void)bytes;
    ctx *c = p;
    vg_reader *r = NULL;
    vg_error err;
    vg_reader_options o = VG_READER_OPTIONS_INIT;
    o.format = VG_FMT_JSONL;
    if (vg_reader_open(&r, c->path, &o, &err) != VG_OK) return -1;
    vg_record rec;
    vg_status st = vg_reader_next(r, &rec, &err);
    int rc = st == VG_OK && rec.text_len == c->text_len ? 0 : -1;
    if (st != VG_OK) path_print_error("50 MB line", &err);
    else if (rc) fprintf(stderr, "text of %zu bytes expected, got %zu\n", c->text_len, rec.text_len);
    vg_reader_free(r);
    return rc;
}

static void check_limit(const char *path, size_t limit, const char *what) {
    vg_reader *r = NULL;
    vg_error err;
    vg_reader_options o = VG_READER_OPTIONS_INIT;
    o.format = VG_FMT_JSONL;
    o.max_record_bytes = limit;
    PATH_CHECK(vg_reader_open(&r, path, &o, &err) == VG_OK, "%s: open failed", what);
    if (!r) return;
    vg_record rec;
    vg_error_clear(&err);
    vg_status st = vg_reader_next(r, &rec, &err);
    path_print_error(what, &err);
    PATH_CHECK(st == VG_ERR_LIMIT, "%s: the record over the limit must be VG_ERR_LIMIT, got %s",
               what, vg_status_str(st));
    PATH_CHECK(err.line == 1 && err.file[0], "%s: the error must name file:line 1 (got '%s':%ld)",
               what, err.file, err.line);
    char lim[32];
    snprintf(lim, sizeof lim, "%zu", limit ? limit : (size_t)64 << 20);
    PATH_CHECK(strstr(err.message, lim) != NULL, "%s: the message must name the limit %s: '%s'",
               what, lim, err.message);
    st = vg_reader_next(r, &rec, &err);
    PATH_CHECK(st == VG_OK && rec.id_len == 5 && !memcmp(rec.id, "after", 5),
               "%s: the next line must still be read (got %s)", what, vg_status_str(st));
    PATH_CHECK(vg_reader_next(r, &rec, &err) == VG_DONE, "%s: then the end", what);
    vg_reader_free(r);
}

int main(void) {
    const size_t big = 50u * 1000 * 1000;
    /* Each file is written once, before timing: only reading is timed. */
    ctx sizes[2] = { { NULL, 0 }, { NULL, 0 } };
    if (prepare(big / 4, "quarter.jsonl", &sizes[0]) || prepare(big, "big.jsonl", &sizes[1])) {
        fprintf(stderr, "cannot write the test files\n");
        return 1;
    }
    printf("50 MB line: %zu bytes of text\n", sizes[1].text_len);
    PATH_CHECK(read_once(big, &sizes[1]) == 0, "the 50 MB record must be read whole");

    double t1 = path_time(read_once, big / 4, &sizes[0], 3);
    double t4 = path_time(read_once, big, &sizes[1], 3);
    double ratio = t4 / (t1 > 1e-6 ? t1 : 1e-6);
    printf("50 MB JSON line (vg_reader_open + next): 12.5 MB %.4fs, 50 MB %.4fs, ratio %.2f "
           "(limit %.1f)\n", t1, t4, ratio, PATH_MAX_RATIO);
    PATH_CHECK(t1 >= 0 && t4 >= 0, "reading failed");
    PATH_CHECK(t4 < PATH_FLOOR_SEC || ratio < PATH_MAX_RATIO,
               "reading grows faster than linearly: %.4fs vs %.4fs", t1, t4);

    check_limit(sizes[1].path, 1u << 20, "max_record_bytes 1 MiB");

    /* Past the default limit (64 MiB) with no option set. */
    size_t len, tl;
    char *s = make_jsonl((64u << 20) + 4096, &len, &tl);
    char *over = s ? path_tmpfile("over.jsonl", s, len) : NULL;
    free(s);
    PATH_CHECK(over != NULL, "cannot write the 64 MiB file");
    if (over) {
        check_limit(over, 0, "default limit (64 MiB)");
        remove(over);
        free(over);
    }
    for (int i = 0; i < 2; i++) { remove(sizes[i].path); free(sizes[i].path); }
    return path_finish("json_line");
}
