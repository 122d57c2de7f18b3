/* many_tokens.c — a sentence of 100,000 tokens, dense with actors and
 * verbs ("Venezuela accused Guyana , Cuba met with Russia , ..."), the
 * input that makes a coder quadratic when each verb scans the whole
 * sentence for its source and target.
 *
 * The tokenizer must find exactly 100,000 tokens; vg_code must report
 * VG_ERR_LIMIT under the default 64 KiB sentence limit and code the
 * sentence once max_sentence_bytes is raised (fuzz/FINDINGS.md #7: it
 * used to refuse more than 30,000 tokens whatever the options). Both in
 * time linear in the token count (25,000 vs 100,000; #8: verbs without
 * actors used to make the coder quadratic). */
#include "path.h"
#include "text/text.h"

/* 8 tokens per unit. */
static const char unit[] = "Venezuela accused Guyana , Cuba met Russia , ";
/* The same with no actor the dictionary knows: every verb looks for a
 * source and a target it will not find. */
static const char unit_noactor[] = "officials accused critics , envoys met rivals , ";
#define UNIT_TOKENS 8
static const char *unit_text = unit;

static char *make_text(size_t tokens, size_t *len) {
    size_t ul = strlen(unit_text), units = tokens / UNIT_TOKENS;
    char *s = malloc(units * ul + 1);
    if (!s) return NULL;
    for (size_t i = 0; i < units; i++) memcpy(s + i * ul, unit_text, ul);
    *len = units * ul - 1;   /* drop the final space */
    s[*len] = '\0';
    return s;
}

typedef struct ctx { const vg_dict *dict; vg_doc *doc; } ctx;

static int code_once(size_t tokens, void *p) {
    ctx *c = p;
    size_t len;
    char *s = make_text(tokens, &len);
    if (!s) return -1;
    vg_record rec = path_record("tokens", s, len);
    rec.is_sentence = 1;
    vg_code_options o = VG_CODE_OPTIONS_INIT;
    o.max_sentence_bytes = 64u << 20;
    o.flags = VG_CODE_ALL_EVENTS;
    vg_error err;
    vg_status st = vg_code(c->doc, c->dict, &rec, &o, &err);
    if (st != VG_OK) path_print_error("raised limit", &err);
    free(s);
    return st == VG_OK ? 0 : -1;
}

static int tokenize_once(size_t tokens, void *p) {
    vg_tokvec *tv = p;
    size_t len;
    char *s = make_text(tokens, &len);
    if (!s) return -1;
    vg_status st = vg_text__tokenize(tv, s, len);
    free(s);
    return st == VG_OK && tv->n == tokens ? 0 : -1;
}

int main(void) {
    const size_t n = 100000;
    vg_tokvec tv = VG_TOKVEC_INIT;
    size_t len;
    char *s = make_text(n, &len);
    if (!s) return 1;
    PATH_CHECK(vg_text__tokenize(&tv, s, len) == VG_OK, "tokenize failed");
    PATH_CHECK(tv.n == n, "expected %zu tokens, the tokenizer found %zu", n, tv.n);
    path_linear("100,000-token sentence (tokenizer)", tokenize_once, n / 4, &tv);
    vg_text__tokvec_free(&tv);

    vg_error err;
    vg_dict *dict = path_load_dict(NULL, 0, NULL, &err);
    if (!dict) return 1;
    vg_doc *doc = NULL;
    if (vg_doc_new(&doc) != VG_OK) return 1;

    vg_record rec = path_record("tokens-1", s, len);
    vg_error_clear(&err);
    vg_status st = vg_code(doc, dict, &rec, NULL, &err);
    path_print_error("default limit", &err);
    PATH_CHECK(st == VG_ERR_LIMIT && err.message[0] && !strcmp(err.record, "tokens-1"),
               "a %zu-byte sentence over the default limit must be reported (got %s)", len,
               vg_status_str(st));

    ctx c = { dict, doc };
    PATH_CHECK(code_once(n, &c) == 0, "coding with the limit raised failed");
    size_t events = vg_doc_event_count(doc);
    printf("events coded from the 100,000-token sentence: %zu\n", events);
    PATH_CHECK(events > 0, "a sentence full of actors and verbs coded no event");
    PATH_CHECK(path_has_event(doc, "VEN", "GUY", "112"), "VEN GUY 112 not coded");
    path_linear("100,000-token sentence (vg_code)", code_once, n / 4, &c);
    unit_text = unit_noactor;
    path_linear("100,000-token sentence, verbs without actors (vg_code)", code_once, n / 4, &c);

    free(s);
    vg_doc_free(doc);
    vg_dict_free(dict);
    return path_finish("many_tokens");
}
