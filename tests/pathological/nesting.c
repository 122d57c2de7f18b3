/* nesting.c — 10,000 nested quotes and parentheses, in text and in the
 * JSON and XML readers.
 *
 * Text: ((((( "“‘ ... Venezuela accused Guyana ... ’”" ))))) and the same
 * left unclosed must split, tokenize and code with no crash and in linear
 * time (2,500 vs 10,000 levels). JSON Lines: a record whose extra field
 * nests arrays and objects 10,000 and 1,000,000 deep must be read or
 * rejected with a clear error (no stack overflow), and the next line read.
 * PETRARCH XML: 10,000 nested elements inside <Text>. */
#include "path.h"
#include "text/text.h"

static void put(char **p, const char *s) {
    size_t n = strlen(s);
    memcpy(*p, s, n);
    *p += n;
}

/* depth levels of ( " “ around a sentence; closed or not. */
static char *make_nested(size_t depth, int closed, size_t *len) {
    static const char *const open[] = { "(", "\"", "\xe2\x80\x9c", "[", "\xe2\x80\x98" };
    static const char *const close[] = { ")", "\"", "\xe2\x80\x9d", "]", "\xe2\x80\x99" };
    const char core[] = " Venezuela accused Guyana. Cuba met with Russia. ";
    char *s = malloc(depth * 8 + sizeof core);
    if (!s) return NULL;
    char *p = s;
    for (size_t i = 0; i < depth; i++) put(&p, open[i % 5]);
    put(&p, core);
    if (closed)
        for (size_t i = depth; i-- > 0;) put(&p, close[i % 5]);
    *p = '\0';
    *len = (size_t)(p - s);
    return s;
}

typedef struct ctx { const vg_dict *dict; vg_doc *doc; int closed; } ctx;

static int code_once(size_t depth, void *p) {
    ctx *c = p;
    size_t len;
    char *s = make_nested(depth, c->closed, &len);
    if (!s) return -1;
    vg_record rec = path_record("nested", s, len);
    vg_code_options o = VG_CODE_OPTIONS_INIT;
    o.max_sentence_bytes = 64u << 20;
    vg_error err;
    vg_status st = vg_code(c->doc, c->dict, &rec, &o, &err);
    if (st != VG_OK) path_print_error("nested", &err);
    free(s);
    return st == VG_OK ? 0 : -1;
}

static int split_once(size_t depth, void *p) {
    (void)p;
    size_t len;
    char *s = make_nested(depth, 1, &len);
    if (!s) return -1;
    vg_spanvec sv = VG_SPANVEC_INIT;
    vg_tokvec tv = VG_TOKVEC_INIT;
    int rc = vg_text__split(&sv, s, len) == VG_OK ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < sv.n; i++)
        if (vg_text__tokenize(&tv, s + sv.v[i].off, sv.v[i].len) != VG_OK) rc = -1;
    vg_text__spanvec_free(&sv);
    vg_text__tokvec_free(&tv);
    free(s);
    return rc;
}

/* One JSONL buffer: a record with a deeply nested extra field, then a
 * normal record. */
static char *make_json(size_t depth, size_t *len) {
    size_t cap = depth * 6 + 256;
    char *s = malloc(cap);
    if (!s) return NULL;
    char *p = s;
    put(&p, "{\"id\":\"deep\",\"date\":\"2025-11-04\",\"text\":\"Venezuela accused Guyana.\",\"x\":");
    for (size_t i = 0; i < depth; i++) put(&p, (i & 1) ? "{\"k\":" : "[");
    put(&p, "1");
    for (size_t i = depth; i-- > 0;) put(&p, (i & 1) ? "}" : "]");
    put(&p, "}\n{\"id\":\"after\",\"date\":\"2025-11-05\",\"text\":\"Cuba met with Russia.\"}\n");
    *len = (size_t)(p - s);
    return s;
}

static void check_json(size_t depth) {
    size_t len;
    char *s = make_json(depth, &len);
    if (!s) { PATH_CHECK(0, "out of memory"); return; }
    vg_reader_options o = VG_READER_OPTIONS_INIT;
    o.format = VG_FMT_JSONL;
    vg_reader *r = NULL;
    vg_error err;
    PATH_CHECK(vg_reader_open_mem(&r, s, len, "deep.jsonl", &o, &err) == VG_OK, "open failed");
    if (r) {
        vg_record rec;
        vg_error_clear(&err);
        vg_status st = vg_reader_next(r, &rec, &err);
        char what[64];
        snprintf(what, sizeof what, "JSON nested %zu deep", depth);
        if (st == VG_OK)
            printf("%s: read (text %zu bytes)\n", what, rec.text_len);
        else
            path_print_error(what, &err);
        PATH_CHECK(st == VG_OK || ((st == VG_ERR_INPUT || st == VG_ERR_LIMIT) && err.line == 1 &&
                                   err.message[0]),
                   "%s: must be read or rejected naming line 1, got %s line %ld", what,
                   vg_status_str(st), err.line);
        st = vg_reader_next(r, &rec, &err);
        PATH_CHECK(st == VG_OK && rec.id_len == 5 && !memcmp(rec.id, "after", 5),
                   "%s: the record after it must still be read (got %s)", what, vg_status_str(st));
        vg_reader_free(r);
    }
    free(s);
}

static void check_xml(size_t depth) {
    size_t cap = depth * 16 + 512;
    char *s = malloc(cap), *p = s;
    if (!s) return;
    put(&p, "<Sentences>\n<Sentence date=\"20251104\" id=\"X-1\" sentence=\"true\">\n<Text>\n");
    for (size_t i = 0; i < depth; i++) put(&p, "<b>");
    put(&p, "Venezuela accused Guyana.");
    for (size_t i = 0; i < depth; i++) put(&p, "</b>");
    put(&p, "\n</Text>\n</Sentence>\n<Sentence date=\"20251105\" id=\"X-2\" sentence=\"true\">\n"
            "<Text>\nCuba met with Russia.\n</Text>\n</Sentence>\n</Sentences>\n");
    vg_reader_options o = VG_READER_OPTIONS_INIT;
    o.format = VG_FMT_PETRXML;
    vg_reader *r = NULL;
    vg_error err;
    PATH_CHECK(vg_reader_open_mem(&r, s, (size_t)(p - s), "deep.xml", &o, &err) == VG_OK,
               "open failed");
    if (r) {
        vg_record rec;
        vg_status st = vg_reader_next(r, &rec, &err);
        if (st != VG_OK) path_print_error("XML nested", &err);
        PATH_CHECK(st == VG_OK || (st == VG_ERR_INPUT && err.line > 0),
                   "nested XML must be read or rejected with its line (got %s)", vg_status_str(st));
        st = vg_reader_next(r, &rec, &err);
        PATH_CHECK(st == VG_OK && rec.id_len == 3 && !memcmp(rec.id, "X-2", 3),
                   "the sentence after the nested one must be read (got %s)", vg_status_str(st));
        vg_reader_free(r);
    }
    free(s);
}

int main(void) {
    const size_t depth = 10000;
    path_linear("10,000 nested quotes/brackets (split + tokenize)", split_once, depth / 4, NULL);

    vg_error err;
    vg_dict *dict = path_load_dict(NULL, 0, NULL, &err);
    if (!dict) return 1;
    vg_doc *doc = NULL;
    if (vg_doc_new(&doc) != VG_OK) return 1;
    ctx c = { dict, doc, 1 };
    PATH_CHECK(code_once(depth, &c) == 0, "coding 10,000 nested levels failed");
    printf("nested, closed: %zu sentences, %zu events\n", vg_doc_sentence_count(doc),
           vg_doc_event_count(doc));
    path_linear("10,000 nested quotes/brackets, closed (vg_code)", code_once, depth / 4, &c);
    c.closed = 0;
    PATH_CHECK(code_once(depth, &c) == 0, "coding 10,000 unclosed levels failed");
    path_linear("10,000 nested quotes/brackets, unclosed (vg_code)", code_once, depth / 4, &c);

    check_json(10000);
    check_json(1000000);
    check_xml(10000);

    vg_doc_free(doc);
    vg_dict_free(dict);
    return path_finish("nesting");
}
