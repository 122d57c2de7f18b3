/* dict_prefix.c — dictionaries of 100,000 entries sharing a prefix.
 *
 * Three shapes, each loaded at 25,000 and 100,000 entries and required to
 * load in linear time: actor phrases sharing their first eight words
 * ("NATIONAL ASSEMBLY ... SECTION QXYZ"), actor phrases that are one long
 * word sharing its first 50 letters, and one phrase repeated 100,000 times
 * (later entries replace earlier ones). The compiled dictionary must hold
 * the entries (stats) and find the last of them in a sentence. Verbs: one
 * verb with 100,000 patterns sharing a prefix, loaded linearly. The same
 * 100,000 shared-prefix actors in vigia's own .vgd format. */
#include "path.h"

/* Five letters naming entry i (base 26). */
static void tag(size_t i, char out[6]) {
    for (int k = 4; k >= 0; k--) { out[k] = (char)('A' + i % 26); i /= 26; }
    out[5] = '\0';
}

enum shape { WORDS, LONGWORD, SAME };

static char *make_actors(size_t n, enum shape sh, size_t *len) {
    size_t cap = n * 128 + 64;
    char *s = malloc(cap);
    if (!s) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char t[6];
        tag(i, t);
        switch (sh) {
        case WORDS:
            k += (size_t)snprintf(s + k, cap - k,
                "NATIONAL_ASSEMBLY_COMMITTEE_FOR_THE_DEFENSE_OF_SOVEREIGNTY_SECTION_%s [Q%s]\n", t, t);
            break;
        case LONGWORD:
            k += (size_t)snprintf(s + k, cap - k,
                "ESSEQUIBOBOUNDARYCOMMISSIONERSOFTHEREPUBLICANGUARD%s [Q%s]\n", t, t);
            break;
        case SAME:
            k += (size_t)snprintf(s + k, cap - k, "THE_SAME_ACTOR_NAME [Q%s]\n", t);
            break;
        }
    }
    *len = k;
    return s;
}

typedef struct ctx { enum shape sh; } ctx;

static int load_once(size_t n, void *p) {
    ctx *c = p;
    size_t len;
    char *s = make_actors(n, c->sh, &len);
    if (!s) return -1;
    vg_error err;
    vg_dict *d = path_load_dict(s, len, NULL, &err);
    free(s);
    if (!d) return -1;
    vg_dict_free(d);
    return 0;
}

static char *make_verbs(size_t n, size_t *len) {
    size_t cap = n * 96 + 256;
    char *s = malloc(cap);
    if (!s) return NULL;
    size_t k = (size_t)snprintf(s, cap, "--- ACCUSE [112] ---\nACCUSE {ACCUSES ACCUSED}\n");
    for (size_t i = 0; i < n; i++) {
        char t[6];
        tag(i, t);
        k += (size_t)snprintf(s + k, cap - k,
                              "- * + OF SERIOUS AND REPEATED VIOLATIONS OF %s [1121]\n", t);
    }
    *len = k;
    return s;
}

static int load_verbs_once(size_t n, void *p) {
    (void)p;
    size_t len;
    char *s = make_verbs(n, &len);
    char *path = s ? path_tmpfile("many.verbs", s, len) : NULL;
    free(s);
    if (!path) return -1;
    vg_dict_options o = VG_DICT_OPTIONS_INIT;
    o.verbs = path;
    vg_dict *d = NULL;
    vg_error err;
    vg_status st = vg_dict_load(&d, &o, &err);
    if (st != VG_OK) path_print_error("verbs", &err);
    remove(path);
    free(path);
    vg_dict_free(d);
    return st == VG_OK ? 0 : -1;
}

/* Load n entries of shape sh and code a sentence naming the last one. */
static void check_lookup(size_t n, enum shape sh, const char *prefix, int tagged) {
    size_t len;
    char *s = make_actors(n, sh, &len);
    if (!s) return;
    vg_error err;
    vg_dict_stats st;
    vg_dict *d = path_load_dict(s, len, &st, &err);
    free(s);
    PATH_CHECK(d != NULL, "loading %zu entries failed", n);
    if (!d) return;
    printf("shape %d: %zu actors, %zu actor phrases, %zu problems\n", (int)sh, st.actors,
           st.actor_phrases, st.problems);
    PATH_CHECK(st.problems == 0, "no line of the generated dictionary is wrong");
    if (sh != SAME)
        PATH_CHECK(st.actor_phrases >= n, "expected at least %zu phrases, got %zu", n,
                   st.actor_phrases);
    char t[6], name[160], text[256], code[8];
    tag(n - 1, t);
    snprintf(name, sizeof name, "%s%s", prefix, tagged ? t : "");
    for (char *q = name; *q; q++) if (*q == '_') *q = ' ';
    snprintf(text, sizeof text, "The %s accused Guyana of aggression.", name);
    snprintf(code, sizeof code, "Q%s", t);
    vg_doc *doc = NULL;
    vg_doc_new(&doc);
    vg_record rec = path_record("prefix-1", text, strlen(text));
    vg_status cs = vg_code(doc, d, &rec, NULL, &err);
    PATH_CHECK(cs == VG_OK, "coding failed");
    PATH_CHECK(path_has_event(doc, code, "GUY", "1121"),
               "'%s' must code %s GUY 1121 (the last of %zu entries)", text, code, n);
    if (path_failures) path_dump_events(doc);
    vg_doc_free(doc);
    vg_dict_free(d);
}

/* vigia's own format: n actor entries sharing seven words, and one verb. */
static int load_vgd_once(size_t n, void *p) {
    int *last_ok = p;
    size_t cap = n * 128 + 256, k = 0;
    char *s = malloc(cap);
    if (!s) return -1;
    k += (size_t)snprintf(s, cap, "actor GUY = Guyana\nverb 1121 = accuse TARGET of aggression\n");
    for (size_t i = 0; i < n; i++) {
        char t[6];
        tag(i, t);
        k += (size_t)snprintf(s + k, cap - k,
            "actor Q%s = national assembly committee for the defense of sovereignty section %s\n", t, t);
    }
    char *path = path_tmpfile("many.vgd", s, k);
    free(s);
    if (!path) return -1;
    vg_dict_options o = VG_DICT_OPTIONS_INIT;
    o.actors = path;   /* a .vgd file is read as .vgd whatever list names it */
    vg_dict *d = NULL;
    vg_error err;
    vg_status st = vg_dict_load(&d, &o, &err);
    if (st != VG_OK) path_print_error("vgd", &err);
    remove(path);
    free(path);
    if (st == VG_OK && last_ok) {
        char t[6], text[200], code[8];
        tag(n - 1, t);
        snprintf(text, sizeof text, "The national assembly committee for the defense of sovereignty "
                 "section %s accused Guyana of aggression.", t);
        snprintf(code, sizeof code, "Q%s", t);
        vg_doc *doc = NULL;
        vg_doc_new(&doc);
        vg_record rec = path_record("vgd-1", text, strlen(text));
        *last_ok = vg_code(doc, d, &rec, NULL, &err) == VG_OK && path_has_event(doc, code, "GUY", "1121");
        if (!*last_ok) path_dump_events(doc);
        vg_doc_free(doc);
    }
    vg_dict_free(d);
    return st == VG_OK ? 0 : -1;
}

int main(void) {
    const size_t n = 100000;
    ctx c = { WORDS };
    path_linear("100,000 actors sharing 8 words", load_once, n / 4, &c);
    check_lookup(n, WORDS, "NATIONAL_ASSEMBLY_COMMITTEE_FOR_THE_DEFENSE_OF_SOVEREIGNTY_SECTION_", 1);
    c.sh = LONGWORD;
    path_linear("100,000 actors sharing a 50-letter prefix", load_once, n / 4, &c);
    check_lookup(n, LONGWORD, "ESSEQUIBOBOUNDARYCOMMISSIONERSOFTHEREPUBLICANGUARD", 1);
    c.sh = SAME;
    path_linear("100,000 entries of one phrase", load_once, n / 4, &c);
    check_lookup(n, SAME, "THE_SAME_ACTOR_NAME", 0);
    path_linear("100,000 verb patterns sharing 7 words", load_verbs_once, n / 4, NULL);
    path_linear("100,000 .vgd actors sharing 7 words", load_vgd_once, n / 4, NULL);
    int last_ok = 0;
    PATH_CHECK(load_vgd_once(n, &last_ok) == 0 && last_ok,
               "the last of 100,000 .vgd actors must be found (code QAFRYD GUY 1121)");
    return path_finish("dict_prefix");
}
