/* test_io.c — readers (text, JSON Lines, PETRARCH XML, events), format
 * detection, streaming limits, error reporting and batch continuation, and
 * the JSONL/TSV writers read back. None of it needs the coder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/io.h"

/* ---- helpers ---- */

typedef struct diags {
    int n;
    char last[1024];
} diags;

static void collect_diag(const vg_error *e, void *payload) {
    diags *d = payload;
    d->n++;
    vg_error_format(e, d->last, sizeof d->last);
}

static vg_reader *open_mem(const char *s, size_t n, vg_format fmt, diags *d, size_t max) {
    vg_reader_options o = VG_READER_OPTIONS_INIT;
    o.format = fmt;
    o.max_record_bytes = max;
    if (d) { o.diag = collect_diag; o.payload = d; }
    vg_reader *r = NULL;
    vg_error err;
    assert_int_equal(vg_reader_open_mem(&r, s, n, "in.jsonl", &o, &err), VG_OK);
    return r;
}

static bool span_is(const char *p, size_t n, const char *want) {
    return n == strlen(want) && !memcmp(p, want, n);
}

static char *write_temp(const char *data, size_t n) {
    char *path = strdup("/tmp/vigia_test_io_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, data + off, n - off);
        assert_true(w > 0);
        off += (size_t)w;
    }
    close(fd);
    return path;
}

/* ---- dates ---- */

static void test_io__date_parse(void **state) {
    (void)state;
    assert_int_equal(vg_date_parse("2025-11-04", 10), 20251104);
    assert_int_equal(vg_date_parse("20251104", 8), 20251104);
    assert_int_equal(vg_date_parse("2025-11-04T23:59:00Z", 20), 20251104);
    assert_int_equal(vg_date_parse("2025-11-04T23:59:00-05:00", 25), 20251104);
    assert_int_equal(vg_date_parse(" 2024-02-29 ", 12), 20240229);
    assert_int_equal(vg_date_parse("2025-02-29", 10), 0);   /* not a leap year */
    assert_int_equal(vg_date_parse("2025-13-01", 10), 0);
    assert_int_equal(vg_date_parse("121108", 6), 0);        /* as in PETR2_GSR.dev.xml */
    assert_int_equal(vg_date_parse("202511041", 9), 0);
    assert_int_equal(vg_date_parse("2025-11-04x", 11), 0);
    assert_int_equal(vg_date_parse("yesterday", 9), 0);
    assert_int_equal(vg_date_parse("", 0), 0);
}

/* ---- JSON Lines ---- */

static void test_io__jsonl_fields(void **state) {
    (void)state;
    const char in[] =
        "{\"id\":\"a1\",\"date\":\"2025-11-04\",\"text\":\"US strikes \\\"boat\\\"\\nnear Venezuela\","
        "\"source\":\"AP\",\"tags\":[1,{\"k\":\"v\"}],\"n\":null}\r\n"
        "\n   \n"
        "{\"text\":\"Caf\\u00e9 \\ud83d\\ude00\",\"id\":42,\"date\":20251105}\n"
        "\xEF\xBB\xBF{\"id\":\"last\",\"text\":\"no newline\",\"date\":\"2025-11-06T08:00:00Z\"}";
    vg_reader *r = open_mem(in, sizeof in - 1, VG_FMT_AUTO, NULL, 0);
    assert_int_equal(vg_reader_format(r), VG_FMT_JSONL);
    vg_record rec;
    vg_error err;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "a1"));
    assert_int_equal(rec.date, 20251104);
    assert_true(span_is(rec.text, rec.text_len, "US strikes \"boat\"\nnear Venezuela"));
    assert_true(span_is(rec.extra, rec.extra_len, "\"source\":\"AP\",\"tags\":[1,{\"k\":\"v\"}],\"n\":null"));
    assert_int_equal(rec.line, 1);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "42"));
    assert_int_equal(rec.date, 20251105);
    assert_true(span_is(rec.text, rec.text_len, "Caf\xC3\xA9 \xF0\x9F\x98\x80"));
    assert_null(rec.extra);
    assert_int_equal(rec.line, 4);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "last"));
    assert_int_equal(rec.date, 20251106);
    assert_int_equal(rec.line, 5);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    vg_reader_free(r);
}

/* Every kind of bad line is reported with file:line (and the id once seen),
 * and the good records around it are still read. */
static void test_io__jsonl_bad_records_continue(void **state) {
    (void)state;
    const char in[] =
        "{\"id\":\"ok1\",\"text\":\"one\"}\n"                       /* 1 */
        "{\"id\":\"trunc\",\"text\":\"cut in the mid\n"              /* 2 truncated */
        "{\"id\":\"nul\",\"text\":\"a\0b\"}\n"                     /* 3 raw NUL */
        "{\"id\":\"utf\",\"text\":\"bad \xC3\x28 byte\"}\n"          /* 4 invalid UTF-8: kept */
        "[1,2]\n"                                                  /* 5 not an object */
        "{\"id\":\"notext\",\"body\":\"x\"}\n"                       /* 6 no text */
        "{\"id\":[1],\"text\":\"x\"}\n"                              /* 7 bad id */
        "{\"id\":\"esc\",\"text\":\"bad \\q escape\"}\n"             /* 8 */
        "{\"id\":\"after\",\"text\":\"x\"} trailing\n"               /* 9 */
        "{\"id\":\"ok2\",\"text\":\"two\",\"date\":\"someday\"}\n";  /* 10 bad date: kept */
    diags d = {0};
    vg_reader *r = open_mem(in, sizeof in - 1, VG_FMT_JSONL, &d, 0);
    vg_record rec;
    vg_error err;
    struct { vg_status st; const char *id; long line; const char *msg; } want[] = {
        {VG_OK, "ok1", 1, NULL},
        {VG_ERR_INPUT, "trunc", 2, "truncated"},
        {VG_ERR_INPUT, "nul", 3, "control character"},
        {VG_OK, "utf", 4, NULL},
        {VG_ERR_INPUT, "", 5, "JSON object"},
        {VG_ERR_INPUT, "notext", 6, "no \"text\""},
        {VG_ERR_INPUT, "", 7, "\"id\" must be"},
        {VG_ERR_INPUT, "esc", 8, "escape"},
        {VG_ERR_INPUT, "after", 9, "after the JSON object"},
        {VG_OK, "ok2", 10, NULL},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        vg_error_clear(&err);
        vg_status st = vg_reader_next(r, &rec, &err);
        if (st != want[i].st) fail_msg("record %zu: status %d, want %d (%s)", i, st, want[i].st, err.message);
        if (st == VG_OK) {
            assert_true(span_is(rec.id, rec.id_len, want[i].id));
            assert_int_equal(rec.line, want[i].line);
        } else {
            assert_string_equal(err.file, "in.jsonl");
            assert_int_equal(err.line, want[i].line);
            assert_string_equal(err.record, want[i].id);
            if (!strstr(err.message, want[i].msg)) fail_msg("message '%s' lacks '%s'", err.message, want[i].msg);
        }
    }
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    /* warnings: the replaced byte (line 4) and the date (line 10) */
    assert_int_equal(d.n, 2);
    assert_non_null(strstr(d.last, "in.jsonl:10: record ok2: warning: date"));
    vg_reader_free(r);
}

static void test_io__jsonl_invalid_utf8_replaced(void **state) {
    (void)state;
    const char in[] = "{\"id\":\"u\",\"text\":\"x\xFFy\",\"k\":[\"\xFE\"]}\n";
    diags d = {0};
    vg_reader *r = open_mem(in, sizeof in - 1, VG_FMT_JSONL, &d, 0);
    vg_record rec;
    vg_error err;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.text, rec.text_len, "x\xEF\xBF\xBDy"));
    assert_true(span_is(rec.extra, rec.extra_len, "\"k\":[\"\xEF\xBF\xBD\"]"));
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.last, "record u: warning: invalid UTF-8"));
    vg_reader_free(r);
}

static void test_io__jsonl_lone_surrogates_and_nul_escape(void **state) {
    (void)state;
    const char in[] = "{\"id\":\"s\",\"text\":\"a\\ud800b\\udc00c\\u0000d\"}\n";
    vg_reader *r = open_mem(in, sizeof in - 1, VG_FMT_JSONL, NULL, 0);
    vg_record rec;
    vg_error err;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.text, rec.text_len, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c d"));
    assert_null(memchr(rec.text, '\0', rec.text_len));
    vg_reader_free(r);
}

/* fuzz finding 1: the limit holds for memory input too, where the whole
 * line is in view. */
static void test_io__jsonl_record_limit_in_memory(void **state) {
    (void)state;
    const char in[] = "{\"id\":\"long\",\"text\":\"0123456789012345678901234567890123456789\"}\n"
                      "{\"id\":\"short\",\"text\":\"ok\"}\n";
    vg_reader *r = open_mem(in, sizeof in - 1, VG_FMT_JSONL, NULL, 40);
    vg_record rec;
    vg_error err;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_LIMIT);
    assert_string_equal(err.record, "long");
    assert_int_equal(err.line, 1);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "short"));
    assert_int_equal(rec.line, 2);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    vg_reader_free(r);
}

static void test_io__jsonl_field_names(void **state) {
    (void)state;
    const char in[] = "{\"url\":\"u1\",\"date_publish\":\"2025-11-04 10:00:00\",\"maintext\":\"Body.\","
                      "\"text\":\"not this\",\"id\":\"kept\"}\n{\"url\":\"u2\",\"maintext\":null}\n";
    vg_reader_options o = VG_READER_OPTIONS_INIT;
    o.id_field = "url";
    o.date_field = "date_publish";
    o.text_field = "maintext";
    vg_reader *r;
    vg_error err;
    assert_int_equal(vg_reader_open_mem(&r, in, sizeof in - 1, "np.jsonl", &o, &err), VG_OK);
    vg_record rec;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "u1"));
    assert_int_equal(rec.date, 20251104);
    assert_true(span_is(rec.text, rec.text_len, "Body."));
    assert_true(span_is(rec.extra, rec.extra_len, "\"text\":\"not this\",\"id\":\"kept\""));
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_INPUT);
    assert_string_equal(err.message, "\"maintext\" must be a string");
    assert_string_equal(err.record, "u2");
    vg_reader_free(r);
}

static void test_io__jsonl_missing_id_gets_place(void **state) {
    (void)state;
    const char in[] = "{\"text\":\"a\"}\n{\"text\":\"b\",\"id\":\"\"}\n";
    diags d = {0};
    vg_reader *r = open_mem(in, sizeof in - 1, VG_FMT_JSONL, &d, 0);
    vg_record rec;
    vg_error err;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "in.jsonl:1"));
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "in.jsonl:2"));
    assert_int_equal(d.n, 1);  /* said once */
    vg_reader_free(r);
}

/* A line over max_record_bytes is skipped with VG_ERR_LIMIT naming its line
 * and id; reading goes on; the window never grows to the whole line. */
static void test_io__jsonl_record_limit_from_file(void **state) {
    (void)state;
    size_t big = 5u * 1024 * 1024;
    char *data = malloc(big + 200);
    size_t n = (size_t)sprintf(data, "{\"id\":\"small\",\"text\":\"a\"}\n{\"id\":\"huge\",\"text\":\"");
    memset(data + n, 'x', big);
    n += big;
    n += (size_t)sprintf(data + n, "\"}\n{\"id\":\"next\",\"text\":\"b\"}\n");
    char *path = write_temp(data, n);
    free(data);
    vg_reader_options o = VG_READER_OPTIONS_INIT;
    o.max_record_bytes = 1024 * 1024;
    vg_reader *r;
    vg_error err;
    assert_int_equal(vg_reader_open(&r, path, &o, &err), VG_OK);
    vg_record rec;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "small"));
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_LIMIT);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.record, "huge");
    assert_string_equal(err.file, path);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "next"));
    assert_int_equal(rec.line, 3);
    assert_true(r->src.cap <= 2u * 1024 * 1024 + 4);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    vg_reader_free(r);
    /* With the default limit (64 MiB) the 5 MB record is read whole. */
    assert_int_equal(vg_reader_open(&r, path, NULL, &err), VG_OK);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_int_equal(rec.text_len, big);
    vg_reader_free(r);
    unlink(path);
    free(path);
}

/* Streaming: 40 MB of records go through a window that stays at its first
 * size; records come out in order with the right line numbers. */
static void test_io__jsonl_streams_with_flat_memory(void **state) {
    (void)state;
    char *path = strdup("/tmp/vigia_test_io_XXXXXX");
    int fd = mkstemp(path);
    FILE *fp = fdopen(fd, "w");
    const size_t count = 200000;
    for (size_t i = 0; i < count; i++)
        fprintf(fp, "{\"id\":\"r%zu\",\"date\":\"2025-11-04\",\"text\":\"Venezuela said on Tuesday it "
                    "would answer any attack; record number %zu of the stream, padded to be long "
                    "enough that the file is many times the window.\"}\n", i, i);
    fclose(fp);
    vg_reader *r;
    vg_error err;
    assert_int_equal(vg_reader_open(&r, path, NULL, &err), VG_OK);
    vg_record rec;
    size_t got = 0;
    vg_status st;
    while ((st = vg_reader_next(r, &rec, &err)) == VG_OK) {
        char want[32];
        int k = snprintf(want, sizeof want, "r%zu", got);
        if (!span_is(rec.id, rec.id_len, want)) fail_msg("record %zu has id %.*s", got, (int)rec.id_len, rec.id);
        assert_int_equal(rec.line, (long)got + 1);
        (void)k;
        got++;
    }
    assert_int_equal(st, VG_DONE);
    assert_int_equal(got, count);
    assert_true(r->src.cap <= 256 * 1024);
    vg_reader_free(r);
    unlink(path);
    free(path);
}

/* A reader over a pipe (as from a decompressor): detection and records. */
static void test_io__open_fd_pipe(void **state) {
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    const char in[] = "{\"id\":\"p1\",\"text\":\"a\"}\n{\"id\":\"p2\",\"text\":\"b\"}\n";
    assert_int_equal(write(p[1], in, sizeof in - 1), (ssize_t)(sizeof in - 1));
    close(p[1]);
    vg_reader *r;
    vg_error err;
    assert_int_equal(vg_reader_open_fd(&r, p[0], "news.jsonl.gz", NULL, &err), VG_OK);
    assert_int_equal(vg_reader_format(r), VG_FMT_JSONL);
    vg_record rec;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "p1"));
    assert_string_equal(rec.file, "news.jsonl.gz");
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    vg_reader_free(r);
    assert_int_equal(close(p[0]), 0);  /* the reader did not close it */
}

/* ---- detection ---- */

static void test_io__detect(void **state) {
    (void)state;
    struct { const char *in; vg_format want; } cases[] = {
        {"{\"id\":1,\"text\":\"x\"}\n", VG_FMT_JSONL},
        {"\xEF\xBB\xBF  \n{\"id\":1,\"text\":\"x\"}\n", VG_FMT_JSONL},
        {"<Sentences><Sentence id=\"a\"><Text>x</Text></Sentence></Sentences>", VG_FMT_PETRXML},
        {"<?xml version='1.0'?>\n<Validation/>", VG_FMT_PETRXML},
        {"CARACAS, Nov 12 (AFP) - Venezuela ...", VG_FMT_TEXT},
        {"{\"id\":\"a\",\"sentence\":0,\"source\":\"USA\",\"target\":\"VEN\",\"code\":\"190\"}\n", VG_FMT_EVENTS},
        {"", VG_FMT_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vg_reader *r = open_mem(cases[i].in, strlen(cases[i].in), VG_FMT_AUTO, NULL, 0);
        if (vg_reader_format(r) != cases[i].want)
            fail_msg("case %zu: format %d, want %d", i, vg_reader_format(r), cases[i].want);
        vg_reader_free(r);
    }
}

/* ---- plain text ---- */

static void test_io__text_article(void **state) {
    (void)state;
    const char in[] = "CARACAS, Nov 12 (AFP) - Venezuela\0 protested\xFF.\n";
    diags d = {0};
    vg_reader_options o = VG_READER_OPTIONS_INIT;
    o.diag = collect_diag;
    o.payload = &d;
    o.default_date = 20251112;
    vg_reader *r;
    vg_error err;
    assert_int_equal(vg_reader_open_mem(&r, in, sizeof in - 1, "news/caracas.txt", &o, &err), VG_OK);
    assert_int_equal(vg_reader_format(r), VG_FMT_TEXT);
    vg_record rec;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "caracas.txt"));
    assert_int_equal(rec.date, 20251112);
    assert_true(span_is(rec.text, rec.text_len, "CARACAS, Nov 12 (AFP) - Venezuela  protested\xEF\xBF\xBD.\n"));
    assert_int_equal(d.n, 1);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    vg_reader_free(r);

    o.default_id = "story-7";
    o.default_date = 0;
    assert_int_equal(vg_reader_open_mem(&r, "hello", 5, "x.txt", &o, &err), VG_OK);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "story-7"));
    assert_true(rec.date > 20250000);  /* today */
    vg_reader_free(r);

    /* a date at the start of the file name dates the article */
    const char *names[] = {"in/2025-07-18-venezuela.txt", "20250719_x.txt", "2025-07-32-bad.txt", "123456789.txt"};
    int32_t want[] = {20250718, 20250719, 0, 0};
    o.default_id = NULL;
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(vg_reader_open_mem(&r, "hello", 5, names[i], &o, &err), VG_OK);
        assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
        if (want[i]) assert_int_equal(rec.date, want[i]);
        else assert_true(rec.date > 20250000 && rec.date != 20250732);  /* today */
        vg_reader_free(r);
    }
    o.default_id = "story-7";

    o.max_record_bytes = 4;
    assert_int_equal(vg_reader_open_mem(&r, "hello", 5, "x.txt", &o, &err), VG_OK);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_LIMIT);
    assert_string_equal(err.record, "story-7");
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    vg_reader_free(r);
}

/* ---- PETRARCH XML ---- */

static const char xml_in[] =
    "<?xml version='1.0' encoding='utf-8'?>\n"                                        /* 1 */
    "<Validation>\n"                                                                  /* 2 */
    "<Environment>\n"                                                                 /* 3 */
    "    <Verbfile>CAMEO.2.0.txt</Verbfile>\n"                                         /* 4 */
    "    <Actorfile>A.txt,B.txt</Actorfile>\n"                                        /* 5 */
    "</Environment>\n"                                                                /* 6 */
    "<Sentences>\n"                                                                   /* 7 */
    "<!-- a comment <Sentence id=\"no\"> that hides a tag -->\n"                      /* 8 */
    "<Sentence date = \"20080804\" id =\"S1\" category=\"AFP\" sentence = \"True\">\n"/* 9 */
    "<EventCoding sourcecode=\"USA\" targetcode=\"CHN\" eventcode=\"042\"></EventCoding>\n"
    "<Text>\nThe US &amp; China &#233;&#x00e9; met&nbsp;&mdash;\n  in Beijing. &bogus;\n</Text>\n"
    "<Parse>(ROOT (S (NP (NNP US))))</Parse>\n"
    "</Sentence>\n"
    "<Sentence category=\"AFP\" date=\"20080806\" id=\"S2\" evaluate=\"true\"/>\n"   /* 17 */
    "<EventCoding noevents=\"True\" />\n"
    "<Text>\nNo event here.\n</Text>\n"
    "</Parse></Sentence>\n"
    "<Sentence date=\"20080806\" id=\"S3\">\n"                                        /* 23 */
    "<Text>\nnever closed\n"
    "<Sentence date=\"20080806\" id=\"S4\">\n"                                        /* 26 */
    "<Text>cut short</Te\n"
    "<Sentence date=\"121108\" id=\"S5\">\n"                                          /* 28 */
    "<EventCoding sourcecode=\"LBNGOV\" targetcode=\"USAMIL\" eventcode=\"046\" />\n"
    "<EventCoding sourcecode=\"USAMIL\" targetcode=\"LBNGOV\" eventcode=\"046\" />\n"
    "<Text>Two golds.</Text>\n"
    "</Sentence>\n"
    "<Sentence date=\"20080806\" id=\"S6\"><Parse>no text</Parse></Sentence>\n"      /* 33 */
    "<Sentence date=\"20080806\" id=\"S7\">\n"                                        /* 34 */
    "<Text>\nthe input ends";

static void test_io__xml_records(void **state) {
    (void)state;
    diags d = {0};
    vg_reader *r = open_mem(xml_in, sizeof xml_in - 1, VG_FMT_AUTO, &d, 0);
    assert_int_equal(vg_reader_format(r), VG_FMT_PETRXML);
    assert_string_equal(vg_reader_env_get(r, "Verbfile"), "CAMEO.2.0.txt");
    assert_string_equal(vg_reader_env_get(r, "Actorfile"), "A.txt,B.txt");
    assert_null(vg_reader_env_get(r, "Agentfile"));
    const char *n, *v;
    assert_int_equal(vg_reader_env_at(r, 1, &n, &v), 1);
    assert_string_equal(n, "Actorfile");
    assert_int_equal(vg_reader_env_at(r, 2, &n, &v), 0);

    vg_record rec;
    vg_error err;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "S1"));
    assert_int_equal(rec.date, 20080804);
    assert_int_equal(rec.line, 9);
    assert_string_equal(rec.category, "AFP");
    assert_true(span_is(rec.text, rec.text_len, "The US & China \xC3\xA9\xC3\xA9 met\xC2\xA0\xE2\x80\x94 in Beijing. &bogus;"));
    assert_int_equal(rec.gold_count, 1);
    assert_string_equal(rec.gold[0].source, "USA");
    assert_string_equal(rec.gold[0].target, "CHN");
    assert_string_equal(rec.gold[0].code, "042");
    assert_int_equal(rec.gold_noevents, 0);
    assert_int_equal(rec.is_sentence, 1);

    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "S2"));
    assert_int_equal(rec.line, 17);
    assert_int_equal(rec.gold_count, 0);
    assert_int_equal(rec.gold_noevents, 1);
    assert_true(span_is(rec.text, rec.text_len, "No event here."));

    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_INPUT);
    assert_string_equal(err.record, "S3");
    assert_int_equal(err.line, 23);
    assert_non_null(strstr(err.message, "<Text> not closed"));

    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_INPUT);
    assert_string_equal(err.record, "S4");
    assert_int_equal(err.line, 26);

    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "S5"));
    assert_int_equal(rec.date, 0);  /* "121108" is not a date: warned */
    assert_int_equal(rec.gold_count, 2);
    assert_string_equal(rec.gold[1].source, "USAMIL");
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.last, "record S5: warning: date \"121108\""));

    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_INPUT);
    assert_string_equal(err.record, "S6");
    assert_non_null(strstr(err.message, "no <Text>"));

    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_INPUT);
    assert_string_equal(err.record, "S7");
    assert_int_equal(err.line, 34);
    assert_non_null(strstr(err.message, "input ends inside <Text>"));
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    vg_reader_free(r);
}

static void test_io__xml_limit(void **state) {
    (void)state;
    const char in[] = "<Sentences><Sentence id=\"big\"><Text>0123456789 0123456789</Text></Sentence>"
                      "<Sentence id=\"small\"><Text>ok</Text></Sentence></Sentences>";
    vg_reader *r = open_mem(in, sizeof in - 1, VG_FMT_PETRXML, NULL, 10);
    vg_record rec;
    vg_error err;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_LIMIT);
    assert_string_equal(err.record, "big");
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "small"));
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    vg_reader_free(r);
}

/* A bracketed <Parse> must balance; an absent one or a CoNLL one (rows of
 * tokens, which may be brackets) is not checked. */
static void test_io__xml_parse_check(void **state) {
    (void)state;
    const char in[] =
        "<Sentences>\n"
        "<Sentence id=\"bal\"><EventCoding sourcecode=\"A\" targetcode=\"B\" eventcode=\"042\"/>\n"
        "<Text>A visits B.</Text>\n"
        "<Parse> (ROOT (S (NP (NNP A)) (VP (VBZ visits) (NP (NNP B))) (. .))) </Parse></Sentence>\n"
        "<Sentence id=\"open\"><EventCoding error=\"bad_input_parse\"></EventCoding>\n"  /* 5 */
        "<Text>A visits B.</Text>\n"
        "<Parse>(ROOT (S (NP (NNP A)) (VP (VBZ visits) (NP (NNP B))) (. .))</Parse></Sentence>\n"
        "<Sentence id=\"close\"><EventCoding sourcecode=\"A\" targetcode=\"B\" eventcode=\"042\"/>\n" /* 8 */
        "<Text>A visits B.</Text>\n"
        "<Parse>(ROOT (S (NP (NNP A))) (VP (VBZ visits) (NP (NNP B)))) (. .)))\n(</Parse></Sentence>\n"
        "<Sentence id=\"none\"><Text>A visits B.</Text></Sentence>\n"
        "<Sentence id=\"conll\"><Text>A (B) visits.</Text>\n"
        "<Parse>\n1\tA\ta\tPROPN\n2\t(\t(\tPUNCT\n3\tB\tb\tPROPN\n4\tvisits\tvisit\tVERB\n</Parse></Sentence>\n"
        "</Sentences>\n";
    vg_reader *r = open_mem(in, sizeof in - 1, VG_FMT_PETRXML, NULL, 0);
    vg_record rec;
    vg_error err;
    int gerr = -1;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "bal"));
    assert_int_equal(vg_reader_rejected_gold(r, &gerr), -1);

    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_INPUT);
    assert_string_equal(err.record, "open");
    assert_int_equal(err.line, 5);
    assert_non_null(strstr(err.message, "<Parse> brackets do not balance"));
    assert_int_equal(vg_reader_rejected_gold(r, &gerr), 0);
    assert_int_equal(gerr, 1);

    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_INPUT);
    assert_string_equal(err.record, "close");
    assert_int_equal(err.line, 8);
    assert_int_equal(vg_reader_rejected_gold(r, &gerr), 1);
    assert_int_equal(gerr, 0);

    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "none"));
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "conll"));
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    vg_reader_free(r);
}

static void test_io__xml_shared_files(void **state) {
    (void)state;
    /* rejected: records whose bracketed <Parse> does not balance; their gold
     * says error="bad_input_parse" */
    struct { const char *rel; size_t records, rejected; } files[] = {
        {"/validation/gsr/PETR2_GSR.dev.xml", 39, 0},
        {"/validation/petrarch/PETR.UnitTest.records.xml", 282, 2},
        {"/corpora/gigaword-sample.PETR.xml", 76, 0},
    };
    char path[1024];
    snprintf(path, sizeof path, "%s%s", VG_TEST_SHARED_DIR, files[0].rel);
    if (access(path, R_OK) != 0) { fprintf(stderr, "SKIP: %s absent\n", path); skip(); }
    for (size_t f = 0; f < 3; f++) {
        snprintf(path, sizeof path, "%s%s", VG_TEST_SHARED_DIR, files[f].rel);
        vg_reader *r;
        vg_error err;
        assert_int_equal(vg_reader_open(&r, path, NULL, &err), VG_OK);
        assert_int_equal(vg_reader_format(r), VG_FMT_PETRXML);
        vg_record rec;
        size_t ok = 0, gold = 0, rejected = 0;
        vg_status st;
        while ((st = vg_reader_next(r, &rec, &err)) != VG_DONE) {
            if (st != VG_OK) {
                int gerr = 0;
                if (st != VG_ERR_INPUT || !strstr(err.message, "<Parse>") ||
                    vg_reader_rejected_gold(r, &gerr) != 0 || !gerr)
                    fail_msg("%s: %s", path, err.message);
                rejected++;
                continue;
            }
            assert_int_equal(vg_reader_rejected_gold(r, NULL), -1);
            /* (the gigaword sample has a few records with an empty <Text>) */
            if (f < 2 && rec.text_len < 5) fail_msg("%s: record %.*s has text '%.*s'", path, (int)rec.id_len, rec.id, (int)rec.text_len, rec.text);
            assert_null(memchr(rec.text, '\n', rec.text_len));
            gold += rec.gold_count + (size_t)rec.gold_noevents;
            ok++;
        }
        assert_int_equal(ok, files[f].records);
        assert_int_equal(rejected, files[f].rejected);
        if (f < 2) assert_true(gold >= ok);  /* validation files: every record has gold */
        if (f == 0) assert_string_equal(vg_reader_env_get(r, "Agentfile"), "Phoenix.agents.txt");
        vg_reader_free(r);
    }
}

/* ---- TABARI records ---- */

static void test_io__tabari(void **state) {
    (void)state;
    const char in[] =
        "\n# a comment line\n\n"
        "950101  DEMO-01\n"                                       /* 4 */
        "Arnor is about to restore full diplomatic ties \n"
        "with Gondor.\n"
        "/*\\n-------\n"
        "\\n{ ARN / GON / 064 } 950101\n"
        "\\n-{ARN / GON / 999 } */\n"
        "\n"
        "051231  NEXT-02\n"                                       /* 11 */
        "Bree met Eriador.\n"
        "/* unclosed comment, mistyped /*\n"
        "\n"
        "950104  AFTER-03\n"                                      /* 15 */
        "\n"
        "961301  BADDATE\n"                                       /* 17 */
        "Text.\n";
    diags d = {0};
    vg_reader *r = open_mem(in, sizeof in - 1, VG_FMT_AUTO, &d, 0);
    assert_int_equal(vg_reader_format(r), VG_FMT_TABARI);
    vg_record rec;
    vg_error err;
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "DEMO-01"));
    assert_int_equal(rec.date, 19950101);
    assert_int_equal(rec.line, 4);
    assert_true(span_is(rec.text, rec.text_len, "Arnor is about to restore full diplomatic ties with Gondor."));
    assert_int_equal(rec.gold_count, 1);  /* the "-{...}" one is not gold */
    assert_string_equal(rec.gold[0].source, "ARN");
    assert_string_equal(rec.gold[0].target, "GON");
    assert_string_equal(rec.gold[0].code, "064");
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "NEXT-02"));
    assert_int_equal(rec.date, 20051231);
    assert_int_equal(rec.line, 11);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_ERR_INPUT);  /* header, no text */
    assert_string_equal(err.record, "AFTER-03");
    assert_int_equal(err.line, 15);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_OK);
    assert_true(span_is(rec.id, rec.id_len, "BADDATE"));
    assert_int_equal(rec.date, 0);
    assert_int_equal(d.n, 1);
    assert_int_equal(vg_reader_next(r, &rec, &err), VG_DONE);
    vg_reader_free(r);

    char path[1024];
    snprintf(path, sizeof path, "%s/validation/tabari/Validate.text", VG_TEST_SHARED_DIR);
    if (access(path, R_OK) != 0) return;
    assert_int_equal(vg_reader_open(&r, path, NULL, &err), VG_OK);
    assert_int_equal(vg_reader_format(r), VG_FMT_TABARI);
    size_t n = 0, gold = 0;
    vg_status st;
    while ((st = vg_reader_next(r, &rec, &err)) != VG_DONE) {
        if (st != VG_OK) fail_msg("%s:%ld: %s", err.file, err.line, err.message);
        n++;
        gold += rec.gold_count;
    }
    assert_int_equal(n, 475);   /* every "YYMMDD ID" header of the suite */
    assert_true(gold >= 500);
    vg_reader_free(r);
}

/* ---- writers and the events reader ---- */

static vg_event sample_event(void) {
    vg_event ev;
    memset(&ev, 0, sizeof ev);
    ev.sentence = 2;
    ev.date = 20251104;
    ev.source = "USA";
    ev.target = "VEN";
    strcpy(ev.code, "190");
    ev.root = 19;
    ev.quad = 4;
    ev.goldstein = -10.0;
    static const char sent[] = "The US struck a \"boat\"\tnear\nVenezuela, said Caf\xC3\xA9.";
    ev.sentence_text = (vg_span){sent, sizeof sent - 1};
    ev.source_text = (vg_span){sent + 4, 2};
    ev.verb_text = (vg_span){sent + 7, 6};
    ev.target_text = (vg_span){strstr(sent, "Venezuela"), 9};
    return ev;
}

static void test_io__jsonl_round_trip(void **state) {
    (void)state;
    vg_event ev = sample_event();
    vg_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = "art-1"; rec.id_len = 5;
    rec.date = 20251104;
    rec.extra = "\"outlet\":\"AFP\",\"tags\":[\"a\",1]"; rec.extra_len = strlen(rec.extra);
    vg_writer *w;
    vg_error err;
    assert_int_equal(vg_writer_new_mem(&w, VG_FMT_EVENTS, 0, &err), VG_OK);
    assert_int_equal(vg_writer_write_event(w, &rec, &ev, &err), VG_OK);
    ev.sentence = 3;
    strcpy(ev.code, "0874");
    ev.goldstein = 4.25;
    assert_int_equal(vg_writer_write_event(w, &rec, &ev, &err), VG_OK);
    assert_int_equal(vg_writer_event_count(w), 2);
    size_t len;
    const char *out = vg_writer_data(w, &len);
    assert_non_null(strstr(out, "{\"id\":\"art-1\",\"sentence\":2,\"date\":\"2025-11-04\",\"source\":\"USA\","
                                "\"target\":\"VEN\",\"code\":\"190\",\"root\":19,\"quad\":4,\"goldstein\":-10.0,"));
    assert_non_null(strstr(out, "\"outlet\":\"AFP\",\"tags\":[\"a\",1]}\n"));

    vg_reader *r = open_mem(out, len, VG_FMT_AUTO, NULL, 0);
    assert_int_equal(vg_reader_format(r), VG_FMT_EVENTS);
    vg_event back;
    vg_record brec;
    assert_int_equal(vg_reader_next_event(r, &back, &brec, &err), VG_OK);
    assert_true(span_is(brec.id, brec.id_len, "art-1"));
    assert_int_equal(back.sentence, 2);
    assert_int_equal(back.date, 20251104);
    assert_string_equal(back.source, "USA");
    assert_string_equal(back.target, "VEN");
    assert_string_equal(back.code, "190");
    assert_int_equal(back.root, 19);
    assert_int_equal(back.quad, 4);
    assert_true(back.goldstein == -10.0);
    assert_true(span_is(back.sentence_text.ptr, back.sentence_text.len, ev.sentence_text.ptr));
    assert_true(span_is(back.verb_text.ptr, back.verb_text.len, "struck"));
    assert_true(span_is(back.target_text.ptr, back.target_text.len, "Venezuela"));
    assert_true(span_is(brec.extra, brec.extra_len, rec.extra));
    assert_int_equal(vg_reader_next_event(r, &back, &brec, &err), VG_OK);
    assert_string_equal(back.code, "0874");
    assert_true(back.goldstein == 4.25);
    assert_int_equal(vg_reader_next_event(r, &back, &brec, &err), VG_DONE);
    vg_reader_free(r);

    /* Goldstein weights: one decimal as written, others in full */
    double gs[] = {-0.3, 0.0, 7.0, -2.5};
    const char *gw[] = {"\"goldstein\":-0.3,", "\"goldstein\":0.0,", "\"goldstein\":7.0,", "\"goldstein\":-2.5,"};
    for (size_t i = 0; i < 4; i++) {
        char *j;
        ev.goldstein = gs[i];
        assert_int_equal(vg_event_to_json(&j, NULL, &rec, &ev), VG_OK);
        if (!strstr(j, gw[i])) fail_msg("%s lacks %s", j, gw[i]);
        free(j);
    }

    /* vg_event_to_json is the same object without the newline */
    char *js;
    size_t jl;
    assert_int_equal(vg_event_to_json(&js, &jl, &rec, &ev), VG_OK);
    assert_int_equal(js[0], '{');
    assert_int_equal(js[jl - 1], '}');
    assert_int_equal(strlen(js), jl);
    free(js);
    vg_writer_free(w);
}

static void test_io__events_reader_errors(void **state) {
    (void)state;
    const char in[] =
        "{\"id\":\"a\",\"source\":\"USA\",\"target\":\"VEN\",\"code\":\"1721\",\"date\":\"2025-11-04\"}\n"
        "{\"id\":\"b\",\"source\":\"USA\",\"code\":\"190\"}\n"
        "{\"id\":\"c\",\"source\":\"USA\",\"target\":\"VEN\",\"code\":\"190\",\"date\":\"soon\"}\n"
        "{\"id\":\"d\",\"source\":\"USA\",\"target\":\"VEN\",\"code\":\"190\"\n"
        "{\"id\":\"e\",\"source\":\"CUB\",\"target\":\"VEN\",\"code\":\"057\",\"goldstein\":8}\n"
        /* fuzz finding 2: numbers out of range are refused, not cast */
        "{\"id\":\"f\",\"source\":\"CUB\",\"target\":\"VEN\",\"code\":\"057\",\"quad\":-0.5e+10}\n"
        "{\"id\":\"g\",\"source\":\"CUB\",\"target\":\"VEN\",\"code\":\"057\",\"root\":1e300}\n"
        "{\"id\":\"h\",\"source\":\"CUB\",\"target\":\"VEN\",\"code\":\"057\",\"sentence\":-1}\n"
        "{\"id\":\"i\",\"source\":\"CUB\",\"target\":\"VEN\",\"code\":\"057\",\"goldstein\":1e999}\n"
        "{\"id\":\"\",\"source\":\"CUB\",\"target\":\"VEN\",\"code\":\"057\"}\n"
        /* a code that is no CAMEO code keeps root 0 rather than an impossible root */
        "{\"id\":\"k\",\"source\":\"CUB\",\"target\":\"VEN\",\"code\":\"390\"}\n";
    vg_reader *r = open_mem(in, sizeof in - 1, VG_FMT_EVENTS, NULL, 0);
    vg_event ev;
    vg_error err;
    assert_int_equal(vg_reader_next_event(r, &ev, NULL, &err), VG_OK);
    assert_int_equal(ev.root, 17);      /* derived from the code */
    assert_int_equal(ev.quad, 4);
    assert_int_equal(vg_reader_next_event(r, &ev, NULL, &err), VG_ERR_INPUT);
    assert_string_equal(err.record, "b");
    assert_non_null(strstr(err.message, "\"target\""));
    assert_int_equal(vg_reader_next_event(r, &ev, NULL, &err), VG_ERR_INPUT);
    assert_non_null(strstr(err.message, "date"));
    assert_int_equal(vg_reader_next_event(r, &ev, NULL, &err), VG_ERR_INPUT);
    assert_int_equal(err.line, 4);
    assert_string_equal(err.record, "d");
    assert_int_equal(vg_reader_next_event(r, &ev, NULL, &err), VG_OK);
    assert_string_equal(ev.source, "CUB");
    assert_true(ev.goldstein == 8.0);
    const char *bad[] = {"f", "g", "h", "i", ""};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(vg_reader_next_event(r, &ev, NULL, &err), VG_ERR_INPUT);
        assert_string_equal(err.record, bad[i]);
    }
    assert_int_equal(vg_reader_next_event(r, &ev, NULL, &err), VG_OK);
    assert_int_equal(ev.root, 0);
    assert_int_equal(ev.quad, 0);
    assert_int_equal(vg_reader_next_event(r, &ev, NULL, &err), VG_DONE);
    vg_reader_free(r);

    r = open_mem("{\"id\":1,\"text\":\"x\"}\n", 20, VG_FMT_JSONL, NULL, 0);
    assert_int_equal(vg_reader_next_event(r, &ev, NULL, &err), VG_ERR_ARG);
    vg_reader_free(r);
}

static void test_io__tsv(void **state) {
    (void)state;
    vg_event ev = sample_event();
    vg_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = "t\t1"; rec.id_len = 3;
    vg_writer *w;
    vg_error err;
    assert_int_equal(vg_writer_new_mem(&w, VG_FMT_TSV, 0, &err), VG_OK);
    assert_int_equal(vg_writer_write_event(w, &rec, &ev, &err), VG_OK);
    size_t len;
    const char *out = vg_writer_data(w, &len);
    const char *nl = strchr(out, '\n');
    assert_non_null(nl);
    assert_true(span_is(out, (size_t)(nl - out),
                        "id\tsentence\tdate\tsource\ttarget\tcode\troot\tquad\tgoldstein\tsentence_text\t"
                        "source_text\tverb_text\ttarget_text\textra"));
    const char *row = nl + 1;
    assert_int_equal(out[len - 1], '\n');
    assert_null(memchr(row, '\n', (size_t)(out + len - 1 - row)));   /* one line */
    size_t tabs = 0;
    for (const char *p = row; p < out + len; p++) tabs += *p == '\t';
    assert_int_equal(tabs, 13);
    assert_non_null(strstr(row, "t\\t1\t2\t2025-11-04\tUSA\tVEN\t190\t19\t4\t-10.0\t"));
    assert_non_null(strstr(row, "\\\"boat\\\"") == NULL ? strstr(row, "\"boat\"\\tnear\\nVenezuela") : NULL);
    vg_writer_free(w);

    assert_int_equal(vg_writer_new_mem(&w, VG_FMT_TSV, VG_WRITER_NO_HEADER, &err), VG_OK);
    out = vg_writer_data(w, &len);
    assert_int_equal(len, 0);
    vg_writer_free(w);

    /* A FILE writer writes the header at once, even with no events. */
    FILE *fp = tmpfile();
    assert_int_equal(vg_writer_new(&w, fp, VG_FMT_TSV, &err), VG_OK);
    vg_writer_free(w);
    assert_true(ftell(fp) > 50);
    fclose(fp);
}

/* ---- any bytes in, no crash ---- */

static void test_io__random_bytes(void **state) {
    (void)state;
    uint64_t s = 0x9E3779B97F4A7C15ull;
    const char *pieces[] = {"{", "}", "\"", "\\", "\\u", "d83d", ":", ",", "[", "]", "\n", "<Sentence ",
                            "\n950101  ID-1\n", "/*", "*/", "{ A / B / 01 }", "#",
                            "id=\"", "<Text>", "</Text>", "</Sentence>", "<!--", "-->", "&amp;", "&#",
                            "\xFF", "\0", "text", "id", "true", "-1.5e3", " "};
    char buf[4096];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0;
        while (n < sizeof buf - 16) {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            if (s % 97 == 0) break;
            const char *p = pieces[s % (sizeof pieces / sizeof pieces[0])];
            size_t l = strlen(p);
            if (l == 0) l = 1;  /* the NUL piece */
            memcpy(buf + n, p, l);
            n += l;
            if (s % 5 == 0) buf[n++] = (char)(s >> 24);
        }
        vg_format fmts[] = {VG_FMT_AUTO, VG_FMT_JSONL, VG_FMT_PETRXML, VG_FMT_EVENTS, VG_FMT_TEXT, VG_FMT_TABARI};
        for (size_t f = 0; f < 6; f++) {
            vg_reader *r = open_mem(buf, n, fmts[f], NULL, 512);
            vg_record rec;
            vg_error err;
            int guard = 0;
            vg_status st;
            while ((st = vg_reader_next(r, &rec, &err)) != VG_DONE && guard++ < 10000)
                if (st == VG_OK) assert_true(rec.id_len > 0);
            assert_true(guard < 10000);
            vg_reader_free(r);
        }
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_io__date_parse),
        cmocka_unit_test(test_io__jsonl_fields),
        cmocka_unit_test(test_io__jsonl_bad_records_continue),
        cmocka_unit_test(test_io__jsonl_invalid_utf8_replaced),
        cmocka_unit_test(test_io__jsonl_lone_surrogates_and_nul_escape),
        cmocka_unit_test(test_io__jsonl_record_limit_in_memory),
        cmocka_unit_test(test_io__jsonl_field_names),
        cmocka_unit_test(test_io__jsonl_missing_id_gets_place),
        cmocka_unit_test(test_io__jsonl_record_limit_from_file),
        cmocka_unit_test(test_io__jsonl_streams_with_flat_memory),
        cmocka_unit_test(test_io__open_fd_pipe),
        cmocka_unit_test(test_io__detect),
        cmocka_unit_test(test_io__text_article),
        cmocka_unit_test(test_io__xml_records),
        cmocka_unit_test(test_io__xml_limit),
        cmocka_unit_test(test_io__xml_parse_check),
        cmocka_unit_test(test_io__xml_shared_files),
        cmocka_unit_test(test_io__tabari),
        cmocka_unit_test(test_io__jsonl_round_trip),
        cmocka_unit_test(test_io__events_reader_errors),
        cmocka_unit_test(test_io__tsv),
        cmocka_unit_test(test_io__random_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
