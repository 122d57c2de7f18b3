/* bad_bytes.c — invalid UTF-8 and NUL bytes.
 *
 * Text never fails: vg_code on bytes full of NULs, stray continuation
 * bytes, truncated and overlong sequences and surrogates must code (in
 * linear time, 1 MiB vs 4 MiB) and still find the events in the valid
 * parts. The readers (plain text, JSON Lines, PETRARCH XML) must return
 * those records with the bad bytes replaced, no NUL left in the text, and
 * a warning through the diag callback naming where. */
#include "path.h"

/* A deterministic generator (xorshift), so failures reproduce. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 11);
}

static const char *const bad[] = {
    "\x00", "\x80", "\xbf", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf8\x88\x80\x80\x80",
    "\xff", "\xfe", "\xc3", "\xe2\x82", "\xf0\x9f\x98", "\xf4\x90\x80\x80", "\x00\x00\x00",
};
static const size_t bad_len[] = { 1, 1, 1, 2, 3, 3, 5, 1, 1, 1, 2, 3, 4, 3 };
static const char good[] = "Venezuela accused Guyana of aggression. ";

/* n bytes: good sentences with bad byte runs between and inside words. */
static char *make_text(size_t n) {
    char *s = malloc(n + 64);
    if (!s) return NULL;
    size_t len = 0;
    while (len < n) {
        uint32_t r = rng();
        if (r % 3 == 0) {
            memcpy(s + len, good, sizeof good - 1);
            len += sizeof good - 1;
        } else {
            size_t k = (r >> 4) % (sizeof bad_len / sizeof bad_len[0]);
            memcpy(s + len, bad[k], bad_len[k]);
            len += bad_len[k];
            if (r & 0x100) s[len++] = 'a' + (char)((r >> 9) % 26);
            if (r & 0x200) s[len++] = ' ';
        }
    }
    return s;   /* length exactly n is not needed: the caller uses n */
}

typedef struct ctx { const vg_dict *dict; vg_doc *doc; } ctx;

static int code_once(size_t n, void *p) {
    ctx *c = p;
    char *s = make_text(n);
    if (!s) return -1;
    vg_record rec = path_record("bad", s, n);
    vg_code_options o = VG_CODE_OPTIONS_INIT;
    o.max_sentences = (size_t)-1 / 2;
    vg_error err;
    vg_status st = vg_code(c->doc, c->dict, &rec, &o, &err);
    if (st != VG_OK) path_print_error("bad bytes", &err);
    free(s);
    return st == VG_OK ? 0 : -1;
}

static void diag_count(const vg_error *d, void *payload) {
    size_t *n = payload;
    if (*n < 3) {
        char msg[700];
        vg_error_format(d, msg, sizeof msg);
        printf("  diag: %s\n", msg);
    }
    (*n)++;
}

static int valid_utf8_no_nul(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        size_t k = c < 0x80 ? 1 : (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3
                 : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
        if (c == 0 || k == 0 || i + k > n) return 0;
        for (size_t j = 1; j < k; j++)
            if ((u[i + j] & 0xc0) != 0x80) return 0;
        if (k == 3) {
            uint32_t cp = ((c & 0x0f) << 12) | ((u[i + 1] & 0x3f) << 6) | (u[i + 2] & 0x3f);
            if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
        }
        if (k == 4) {
            uint32_t cp = ((c & 0x07) << 18) | ((u[i + 1] & 0x3f) << 12) | ((u[i + 2] & 0x3f) << 6);
            if (cp < 0x10000 || cp > 0x10ffff) return 0;
        }
        i += k;
    }
    return 1;
}

static int contains(const char *s, size_t n, const char *w) {
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, w, k)) return 1;
    return 0;
}

/* Read buf with fmt; expect the first record back cleaned and warned
 * about, then a record with id next_id. */
static void check_reader(const char *what, vg_format fmt, const char *buf, size_t len,
                         const char *next_id) {
    size_t warnings = 0;
    vg_reader_options o = VG_READER_OPTIONS_INIT;
    o.format = fmt;
    o.default_id = "plain";
    o.diag = diag_count;
    o.payload = &warnings;
    vg_reader *r = NULL;
    vg_error err;
    vg_status st = vg_reader_open_mem(&r, buf, len, what, &o, &err);
    PATH_CHECK(st == VG_OK, "%s: open failed", what);
    if (!r) return;
    vg_record rec;
    vg_error_clear(&err);
    st = vg_reader_next(r, &rec, &err);
    if (st != VG_OK) path_print_error(what, &err);
    PATH_CHECK(st == VG_OK, "%s: a record with bad bytes must be returned cleaned, got %s", what,
               vg_status_str(st));
    if (st == VG_OK) {
        PATH_CHECK(valid_utf8_no_nul(rec.text, rec.text_len),
                   "%s: the text handed on must be valid UTF-8 without NUL", what);
        PATH_CHECK(warnings > 0, "%s: replacing bytes must be reported through diag", what);
        PATH_CHECK(rec.text_len > 0 && contains(rec.text, rec.text_len, "Guyana"),
                   "%s: the valid words must survive", what);
    }
    if (next_id) {
        st = vg_reader_next(r, &rec, &err);
        PATH_CHECK(st == VG_OK && rec.id_len == strlen(next_id) &&
                   !memcmp(rec.id, next_id, rec.id_len),
                   "%s: the next record must be read (got %s)", what, vg_status_str(st));
    }
    vg_reader_free(r);
}

int main(void) {
    vg_error err;
    vg_dict *dict = path_load_dict(NULL, 0, NULL, &err);
    if (!dict) return 1;
    vg_doc *doc = NULL;
    if (vg_doc_new(&doc) != VG_OK) return 1;

    /* Bad bytes inside the words of a sentence that should code. */
    static const char mixed[] = "Venezuela\x00 accused \xff\xfeGuyana\x80 of aggression. "
                                "\xc0\xaf\xed\xa0\x80 Cuba met with Russia\x00\x00.";
    vg_record rec = path_record("bad-1", mixed, sizeof mixed - 1);
    vg_error_clear(&err);
    vg_status st = vg_code(doc, dict, &rec, NULL, &err);
    PATH_CHECK(st == VG_OK, "bad bytes must not fail vg_code (got %s)", vg_status_str(st));
    PATH_CHECK(path_has_event(doc, "CUB", "RUS", "036"),
               "the clean sentence after bad bytes must be coded");
    for (size_t i = 0; i < vg_doc_event_count(doc); i++) {
        const vg_event *ev = vg_doc_event(doc, i);
        PATH_CHECK(valid_utf8_no_nul(ev->source, strlen(ev->source)) &&
                   valid_utf8_no_nul(ev->target, strlen(ev->target)), "event %zu codes", i);
    }
    if (path_failures) path_dump_events(doc);

    ctx c = { dict, doc };
    path_linear("invalid UTF-8 and NUL bytes (vg_code)", code_once, 1u << 20, &c);

    /* Readers. */
    static const char text[] = "Venezuela accused\x00 Guyana \xff\xc3( of \xed\xa0\x80 aggression.";
    check_reader("plain text", VG_FMT_TEXT, text, sizeof text - 1, NULL);
    static const char jsonl[] =
        "{\"id\":\"j1\",\"date\":\"2025-11-04\",\"text\":\"Venezuela \\u0000accused \xff\xfe Guyana"
        " \\ud800 of \xc0\xaf aggression.\"}\n"
        "{\"id\":\"j2\",\"date\":\"2025-11-04\",\"text\":\"Cuba met with Russia.\"}\n";
    check_reader("JSON Lines", VG_FMT_JSONL, jsonl, sizeof jsonl - 1, "j2");
    static const char xml[] =
        "<Sentences>\n<Sentence date=\"20251104\" id=\"x1\" sentence=\"true\">\n<Text>\n"
        "Venezuela \xff accused\x00 Guyana \xe2\x82 of aggression.\n</Text>\n</Sentence>\n"
        "<Sentence date=\"20251104\" id=\"x2\" sentence=\"true\">\n<Text>\nCuba met with Russia.\n"
        "</Text>\n</Sentence>\n</Sentences>\n";
    check_reader("PETRARCH XML", VG_FMT_PETRXML, xml, sizeof xml - 1, "x2");

    vg_doc_free(doc);
    vg_dict_free(dict);
    return path_finish("bad_bytes");
}
