/* test_dict.c — the dictionary builder and the PETRARCH-format readers,
 * with small dictionaries written here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dict/dict.h"
#include "text/text.h"

/* Collected diagnostics. */
typedef struct diags { int n; char msg[32][512]; } diags;

static void collect(const vg_error *e, void *payload) {
    diags *d = payload;
    if (d->n < 32) vg_error_format(e, d->msg[d->n], sizeof d->msg[0]);
    d->n++;
}

/* A builder with the given flags whose diagnostics go to dg. */
static vg_dict_builder *diag_builder(diags *dg, unsigned flags) {
    vg_dict_options o = VG_DICT_OPTIONS_INIT;
    o.flags = flags;
    o.diag = collect;
    o.payload = dg;
    vg_dict_builder *b = NULL;
    vg_error err;
    assert_int_equal(vg_dict__builder_new(&b, &o, &err), VG_OK);
    return b;
}

static const char VERBS[] =
    "# test verbs\n"
    "&WEAPON\n"
    "+MISSILES\n"
    "+CRUISE MISSILES\n"
    "+&ARMS\n"
    "\n"
    "&ARMS\n"
    "+RIFLES\n"
    "\n"
    "--- SEIZE [171] ---\n"
    "SEIZE {SEIZED SEIZING} # irregular given\n"
    "+TAKE_OVER {+TOOK_OVER +TAKEN_OVER}\n"
    "CONFISCATE [1711]\n"
    "- * &WEAPON [1712]\n"
    "- NOT_* [---]\n"
    "- * (FROM $) {SHIPS} [1713]\n"
    "\n"
    "--- VISIT [042:043] ---\n"
    "VISIT\n"
    "- % * [040]\n";

static const char ACTORS[] =
    "VENEZUELA [VEN]\n"
    "+BOLIVARIAN_REPUBLIC\n"
    "NICOLAS_MADURO_ # comment\n"
    "+MADURO\n"
    "\t[VENELI <130305]\n"
    "\t[VENGOV 130305-260110]\n"
    "\t[VENELI]\n"
    "GUYANA [GUY] [GUYGOV >200802]\n"
    "RUSSIA_AND_CHINA [RUS/CHN]\n";

static const char AGENTS[] =
    "!PERSON! = MAN, MEN, WOMAN, WOMEN\n"
    "GOVERNMENT [~GOV]\n"
    "POLICE {} [~COP]\n"
    "CONGRESS!PERSON! [~LEG]\n"
    "PARTY [~PTY]\n"
    "MSF {} [NGO~]\n"
    "GOOSE {GEESE} [~GGS]\n";

static vg_dict *load_all(diags *dg, unsigned flags) {
    vg_dict_options o = VG_DICT_OPTIONS_INIT;
    o.diag = collect;
    o.payload = dg;
    o.flags = flags;
    vg_dict_builder *b;
    vg_error err;
    assert_int_equal(vg_dict__builder_new(&b, &o, &err), VG_OK);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_VERBS, VERBS, strlen(VERBS), "v.txt", &err), VG_OK);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_ACTORS, ACTORS, strlen(ACTORS), "a.txt", &err), VG_OK);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_AGENTS, AGENTS, strlen(AGENTS), "g.txt", &err), VG_OK);
    const char *disc = "+HURRICANE\nFOOTBALL MATCH # sport\n";
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_DISCARDS, disc, strlen(disc), "d.txt", &err), VG_OK);
    const char *iss = "<ISSUE CATEGORY=\"X\">\ndrug n:cartel [NARCOTICS]\n~not this\n";
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_ISSUES, iss, strlen(iss), "i.txt", &err), VG_OK);
    vg_dict *d;
    assert_int_equal(vg_dict__builder_finish(b, &d, &err), VG_OK);
    return d;
}

/* Walk a phrase through a trie; returns the node or 0. */
static uint32_t walk(const vg_dict *d, uint32_t root, const char *phrase) {
    char buf[256];
    snprintf(buf, sizeof buf, "%s", phrase);
    uint32_t node = root;
    for (char *w = strtok(buf, " "); w && node; w = strtok(NULL, " ")) {
        char key[128];
        size_t n = vg_text__normalize(w, strlen(w), key, sizeof key);
        node = vg_dict__child(d, node, vg_dict__word(d, key, n));
    }
    return node;
}

static void test_dict__actors_and_dates(void **state) {
    (void)state;
    diags dg = { 0 };
    vg_dict *d = load_all(&dg, 0);
    assert_int_equal(dg.n, 0);
    uint32_t n = walk(d, VG_ROOT_ACTOR, "Bolivarian Republic");
    assert_true(n);
    int32_t a = vg_dict__node(d, n)->actor;
    assert_string_equal(vg_dict__actor_code_on(d, a, 20250101), "VEN");
    /* Dated codes: before, range, fallback. "Nicolás" matches NICOLAS. */
    n = walk(d, VG_ROOT_ACTOR, "Nicolás Maduro");
    assert_true(n);
    a = vg_dict__node(d, n)->actor;
    assert_string_equal(vg_dict__actor_code_on(d, a, 20100101), "VENELI");
    assert_string_equal(vg_dict__actor_code_on(d, a, 20251104), "VENGOV");
    assert_string_equal(vg_dict__actor_code_on(d, a, 20260111), "VENELI");
    assert_string_equal(vg_dict__actor_code_on(d, vg_dict__node(d, walk(d, VG_ROOT_ACTOR, "MADURO"))->actor, 20251104), "VENGOV");
    /* ">" restriction next to an undated code on one line. */
    a = vg_dict__node(d, walk(d, VG_ROOT_ACTOR, "GUYANA"))->actor;
    assert_string_equal(vg_dict__actor_code_on(d, a, 20190101), "GUY");
    assert_string_equal(vg_dict__actor_code_on(d, a, 20210101), "GUYGOV");
    vg_dict_stats st;
    vg_dict_get_stats(d, &st);
    assert_int_equal(st.actors, 4);
    assert_int_equal(st.actor_phrases, 6);
    assert_int_equal(st.problems, 0);
    vg_dict_free(d);
}

/* PETRARCH-format actor and agent phrases: a space join becomes the gap
 * pseudo-word in the trie (the coder may skip words there), an underscore
 * join stays adjacent; phrases added without gaps (vigia's .vgd) have none. */
static void test_dict__space_joins(void **state) {
    (void)state;
    const char *actors = "ROHAN HORSE_LORDS_ [ROHCAV]\n";
    const char *agents = "WAR COUNCIL [~MIL]\n";
    vg_dict_builder *b;
    vg_error err;
    assert_int_equal(vg_dict__builder_new(&b, NULL, &err), VG_OK);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_ACTORS, actors, strlen(actors), "a.txt", &err), VG_OK);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_AGENTS, agents, strlen(agents), "g.txt", &err), VG_OK);
    uint32_t a;
    assert_int_equal(vg_dict__actor_new(b, "x.vgd", 1, &a), VG_OK);
    assert_int_equal(vg_dict__actor_phrase(b, a, "ROHAN MARSHAL", 13), VG_OK);
    assert_int_equal(vg_dict__actor_code(b, a, "ROHMIL", 6, 0, 0), VG_OK);
    vg_dict *d;
    assert_int_equal(vg_dict__builder_finish(b, &d, &err), VG_OK);
    uint32_t gap = vg_dict__word(d, VG_DICT_GAP_KEY, strlen(VG_DICT_GAP_KEY));
    assert_true(gap);
    uint32_t rohan = walk(d, VG_ROOT_ACTOR, "Rohan");
    assert_true(rohan);
    /* ROHAN, gap, HORSE, LORDS: no gap between HORSE and LORDS. */
    uint32_t g = vg_dict__child(d, rohan, gap);
    assert_true(g);
    assert_int_equal(vg_dict__child(d, rohan, vg_dict__word(d, "HORSE", 5)), 0);
    uint32_t horse = vg_dict__child(d, g, vg_dict__word(d, "HORSE", 5));
    assert_true(horse);
    assert_int_equal(vg_dict__child(d, horse, gap), 0);
    uint32_t lords = vg_dict__child(d, horse, vg_dict__word(d, "LORDS", 5));
    assert_true(lords);
    assert_string_equal(vg_dict__actor_code_on(d, vg_dict__node(d, lords)->actor, 0), "ROHCAV");
    /* Added without gaps: adjacent. */
    uint32_t marshal = walk(d, VG_ROOT_ACTOR, "Rohan Marshal");
    assert_true(marshal);
    assert_string_equal(vg_dict__actor_code_on(d, vg_dict__node(d, marshal)->actor, 0), "ROHMIL");
    /* Agents too, plural included. */
    uint32_t war = walk(d, VG_ROOT_AGENT, "war");
    assert_true(war);
    g = vg_dict__child(d, war, gap);
    assert_true(g);
    uint32_t councils = vg_dict__child(d, g, vg_dict__word(d, "COUNCILS", 8));
    assert_true(councils);
    assert_true(vg_dict__node(d, councils)->agent >= 0);
    vg_dict_free(d);
}

static void test_dict__agents_plurals_and_substitutions(void **state) {
    (void)state;
    diags dg = { 0 };
    vg_dict *d = load_all(&dg, 0);
    const char *has[] = { "GOVERNMENT", "GOVERNMENTS", "POLICE", "CONGRESSMAN", "CONGRESSWOMEN", "PARTY",
                          "PARTIES", "GOOSE", "GEESE", "MSF" };
    for (size_t i = 0; i < sizeof has / sizeof has[0]; i++) {
        uint32_t n = walk(d, VG_ROOT_AGENT, has[i]);
        if (!n || vg_dict__node(d, n)->agent < 0) fail_msg("agent %s missing", has[i]);
    }
    /* "{}" means no generated plural. */
    uint32_t n = walk(d, VG_ROOT_AGENT, "POLICES");
    assert_true(!n || vg_dict__node(d, n)->agent < 0);
    const vg_dagent *g = vg_dict__agent(d, vg_dict__node(d, walk(d, VG_ROOT_AGENT, "MSF"))->agent);
    assert_string_equal(g->code, "NGO");
    assert_false(g->suffix);
    g = vg_dict__agent(d, vg_dict__node(d, walk(d, VG_ROOT_AGENT, "CONGRESSMEN"))->agent);
    assert_string_equal(g->code, "LEG");
    assert_true(g->suffix);
    vg_dict_free(d);
}

static void test_dict__verbs_forms_patterns_synsets(void **state) {
    (void)state;
    diags dg = { 0 };
    vg_dict *d = load_all(&dg, 0);
    assert_int_equal(dg.n, 0);
    /* Given and generated inflections, multi-word forms with their head. */
    const char *forms[] = { "SEIZE", "SEIZED", "SEIZES", "TAKE OVER", "TOOK OVER", "TAKES OVER", "CONFISCATED", "VISITING" };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        uint32_t n = walk(d, VG_ROOT_VERB, forms[i]);
        if (!n || vg_dict__node(d, n)->form < 0) fail_msg("verb form %s missing", forms[i]);
    }
    const vg_dform *f = vg_dict__form(d, vg_dict__node(d, walk(d, VG_ROOT_VERB, "TOOK OVER"))->form);
    assert_int_equal(f->head, 0);
    assert_int_equal(f->nwords, 2);
    const vg_dblock *bl = vg_dict__block(d, f->block);
    assert_string_equal(bl->code, "171");
    assert_null(bl->code2);
    /* A form's own code. */
    f = vg_dict__form(d, vg_dict__node(d, walk(d, VG_ROOT_VERB, "CONFISCATE"))->form);
    assert_string_equal(f->code, "1711");
    /* Paired code. */
    f = vg_dict__form(d, vg_dict__node(d, walk(d, VG_ROOT_VERB, "VISIT"))->form);
    bl = vg_dict__block(d, f->block);
    assert_string_equal(bl->code, "042");
    assert_string_equal(bl->code2, "043");
    /* Patterns sorted most specific first within the block. */
    f = vg_dict__form(d, vg_dict__node(d, walk(d, VG_ROOT_VERB, "SEIZE"))->form);
    bl = vg_dict__block(d, f->block);
    assert_int_equal(bl->npat, 3);
    int prev = 1 << 30;
    for (uint32_t i = 0; i < bl->npat; i++) {
        const vg_dpattern *p = vg_dict__pattern(d, bl->first_pat + i);
        assert_true(p->score <= prev);
        prev = p->score;
    }
    /* Synsets with nested references. */
    const vg_dpattern *p = NULL;
    for (uint32_t i = 0; i < bl->npat; i++) {
        const vg_dpattern *q = vg_dict__pattern(d, bl->first_pat + i);
        if (!strcmp(q->code, "1712")) p = q;
    }
    assert_non_null(p);
    const vg_delem *el = vg_dict__elems(d, p);
    assert_int_equal(el[p->verb].kind, VG_PAT_VERB);
    uint32_t root = el[p->verb + 1].id;
    assert_int_equal(el[p->verb + 1].kind, VG_PAT_SYNSET);
    assert_true(vg_dict__node(d, walk(d, root, "CRUISE MISSILES"))->synset_end);
    assert_true(vg_dict__node(d, walk(d, root, "RIFLES"))->synset_end); /* via &ARMS */
    uint32_t cruise = walk(d, root, "CRUISE");
    assert_true(cruise && !vg_dict__node(d, cruise)->synset_end);
    /* Discards and issues. */
    assert_int_equal(vg_dict__node(d, walk(d, VG_ROOT_DISCARD, "HURRICANE"))->discard, 2);
    assert_int_equal(vg_dict__node(d, walk(d, VG_ROOT_DISCARD, "FOOTBALL MATCH"))->discard, 1);
    assert_string_equal(vg_dict__issue_code(d, vg_dict__node(d, walk(d, VG_ROOT_ISSUE, "DRUG CARTELS"))->issue), "NARCOTICS");
    vg_dict_stats st;
    vg_dict_get_stats(d, &st);
    assert_int_equal(st.synsets, 2);
    assert_int_equal(st.patterns, 4);
    assert_int_equal(st.discards, 2);
    vg_dict_free(d);
}

static void codes_cb(const char *code, void *payload) {
    char *buf = payload;
    strcat(buf, code);
    strcat(buf, " ");
}

static void test_dict__each_code(void **state) {
    (void)state;
    diags dg = { 0 };
    vg_dict *d = load_all(&dg, 0);
    char buf[512] = "";
    vg_dict_each_code(d, codes_cb, buf);
    assert_non_null(strstr(buf, "171 "));
    assert_non_null(strstr(buf, "1713 "));
    assert_non_null(strstr(buf, "043 "));
    assert_null(strstr(buf, "---"));
    /* Once each, in order. */
    assert_string_equal(buf, "040 042 043 171 1711 1712 1713 ");
    vg_dict_free(d);
}

/* Every malformed line is reported as file:line and the rest loads. */
static void test_dict__malformed_lines(void **state) {
    (void)state;
    const char *verbs =
        "--- ATTACK [190] ---\n"          /* 1 */
        "ATTACK\n"                        /* 2 */
        "- * WITH &NOSUCH [195]\n"        /* 3: unknown synset (reported at finish) */
        "- WITHOUT VERB SLOT [190]\n"     /* 4 */
        "- * TWICE * [190]\n"             /* 5 */
        "- * NO CODE\n"                   /* 6 */
        "--- BROKEN HEADER ---\n"         /* 7 */
        "ORPHAN\n"                        /* 8: verb outside a block */
        "--- SHELL [1!0] ---\n"           /* 9: bad code */
        "--- BOMB [183] ---\n"            /* 10 */
        "BOMB {BOMBED\n";                 /* 11: missing } */
    const char *actors =
        "+ORPHAN_SYNONYM\n"               /* 1 */
        "GONDOR [GON 991301]\n"           /* 2: bad date */
        "ROHAN [ROH\n"                    /* 3: missing ] */
        "MORDOR [MOR 20100101-20000101]\n" /* 4: reversed range */
        "ARNOR [ARN]\n";                  /* 5: fine */
    const char *agents = "MINISTER [GOV]\n"  /* 1: no tilde */
                         "SOLDIER [~MIL]\n"; /* 2: fine */
    diags dg = { 0 };
    vg_dict_builder *b = diag_builder(&dg, 0);
    vg_error err;
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_VERBS, verbs, strlen(verbs), "bad.verbs.txt", &err), VG_OK);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_ACTORS, actors, strlen(actors), "bad.actors.txt", &err), VG_OK);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_AGENTS, agents, strlen(agents), "bad.agents.txt", &err), VG_OK);
    vg_dict *d;
    assert_int_equal(vg_dict__builder_finish(b, &d, &err), VG_OK);
    const char *want[] = { "bad.verbs.txt:4:", "bad.verbs.txt:5:", "bad.verbs.txt:6:", "bad.verbs.txt:7:",
                           "bad.verbs.txt:8:", "bad.verbs.txt:9:", "bad.verbs.txt:11:",
                           "bad.actors.txt:1:", "bad.actors.txt:2:", "bad.actors.txt:3:", "bad.actors.txt:4:",
                           "bad.agents.txt:1:", "NOSUCH" };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        bool found = false;
        for (int k = 0; k < dg.n && k < 32; k++) found |= strstr(dg.msg[k], want[i]) != NULL;
        if (!found) {
            for (int k = 0; k < dg.n && k < 32; k++) fprintf(stderr, "  diag: %s\n", dg.msg[k]);
            fail_msg("no diagnostic for %s", want[i]);
        }
    }
    assert_int_equal(dg.n, (int)(sizeof want / sizeof want[0]));
    /* The good lines loaded. */
    assert_true(vg_dict__node(d, walk(d, VG_ROOT_ACTOR, "ARNOR"))->actor >= 0);
    assert_true(vg_dict__node(d, walk(d, VG_ROOT_AGENT, "SOLDIERS"))->agent >= 0);
    assert_true(vg_dict__node(d, walk(d, VG_ROOT_VERB, "ATTACKED"))->form >= 0);
    vg_dict_stats st;
    vg_dict_get_stats(d, &st);
    assert_int_equal(st.problems, (size_t)dg.n);
    vg_dict_free(d);
}

/* !SUBSTITUTION! markers multiply: four markers of 16 items would make
 * 65,536 phrases from one line (fuzz finding 10). A line stops at 1024,
 * says so with its place, and the next line still loads. */
static void test_dict__agent_substitutions_bounded(void **state) {
    (void)state;
    const char *agents =
        "!A! = WA, WB, WC, WD, WE, WF, WG, WH, WI, WJ, WK, WL, WM, WN, WO, WP\n" /* 1 */
        "X!A!_!A!_!A!_!A! [~GOV]\n"                                              /* 2 */
        "Y!A!_!A! [~MIL]\n";                                                     /* 3: 256, fine */
    diags dg = { 0 };
    vg_dict_builder *b = diag_builder(&dg, 0);
    vg_error err;
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_AGENTS, agents, strlen(agents), "big.agents.txt", &err),
                     VG_OK);
    vg_dict *d;
    assert_int_equal(vg_dict__builder_finish(b, &d, &err), VG_OK);
    assert_int_equal(dg.n, 1);
    assert_non_null(strstr(dg.msg[0], "big.agents.txt:2:"));
    assert_non_null(strstr(dg.msg[0], "more than 1024 phrases"));
    /* The first expansions of line 2 and all of line 3 loaded. */
    assert_true(vg_dict__node(d, walk(d, VG_ROOT_AGENT, "XWA WA WA WA"))->agent >= 0);
    assert_true(vg_dict__node(d, walk(d, VG_ROOT_AGENT, "YWP WP"))->agent >= 0);
    vg_dict_free(d);
    /* Strict: the line is an error naming its place. */
    dg.n = 0;
    b = diag_builder(&dg, VG_DICT_STRICT);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_AGENTS, agents, strlen(agents), "big.agents.txt", &err),
                     VG_ERR_DICT_SYNTAX);
    assert_int_equal(err.line, 2);
    vg_dict__builder_free(b);
}

static void test_dict__strict_stops_at_first_error(void **state) {
    (void)state;
    const char *actors = "ARNOR [ARN]\nGONDOR [GON 991301]\nROHAN [ROH]\n";
    vg_dict_options o = VG_DICT_OPTIONS_INIT;
    o.flags = VG_DICT_STRICT;
    vg_dict_builder *b;
    vg_error err;
    vg_error_clear(&err);
    assert_int_equal(vg_dict__builder_new(&b, &o, &err), VG_OK);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_ACTORS, actors, strlen(actors), "s.txt", &err),
                     VG_ERR_DICT_SYNTAX);
    assert_string_equal(err.file, "s.txt");
    assert_int_equal(err.line, 2);
    vg_dict__builder_free(b);
}

/* vg_dict_load over a directory: kinds told by file names, overrides. */
static void test_dict__load_directory(void **state) {
    (void)state;
    char dir[] = "/tmp/vg_test_dict_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    struct { const char *name, *text; } files[] = {
        { "CAMEO.test.txt", VERBS }, { "Test.actors.txt", ACTORS }, { "Test.agents.txt", AGENTS },
        { "Test.discards.txt", "+HURRICANE\n" }, { "README.md", "not a dictionary [X]\n" },
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        fputs(files[i].text, fp);
        fclose(fp);
    }
    diags dg = { 0 };
    vg_dict_options o = VG_DICT_OPTIONS_INIT;
    o.dir = dir;
    o.diag = collect;
    o.payload = &dg;
    vg_dict *d;
    vg_error err;
    assert_int_equal(vg_dict_load(&d, &o, &err), VG_OK);
    vg_dict_stats st;
    vg_dict_get_stats(d, &st);
    assert_int_equal(st.actors, 4);
    assert_int_equal(st.discards, 1);
    assert_true(st.verbs > 0);
    assert_int_equal(dg.n, 0);
    vg_dict_free(d);
    /* A missing override file is an I/O error naming it. */
    o.actors = "/nonexistent/x.actors.txt";
    assert_int_equal(vg_dict_load(&d, &o, &err), VG_ERR_IO);
    assert_string_equal(err.file, "/nonexistent/x.actors.txt");
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
        unlink(path);
    }
    rmdir(dir);
}

/* The Phoenix set loads with every problem reported by file:line. */
static void test_dict__phoenix(void **state) {
    (void)state;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/dictionaries/phoenix", VG_TEST_SHARED_DIR);
    if (access(dir, R_OK) != 0) { skip(); }
    diags dg = { 0 };
    vg_dict_options o = VG_DICT_OPTIONS_INIT;
    o.dir = dir;
    o.diag = collect;
    o.payload = &dg;
    vg_dict *d;
    vg_error err;
    assert_int_equal(vg_dict_load(&d, &o, &err), VG_OK);
    vg_dict_stats st;
    vg_dict_get_stats(d, &st);
    assert_true(st.actors > 20000);
    assert_true(st.verbs > 5000);
    assert_true(st.patterns > 4000);
    assert_true(st.agents > 2000);
    for (int k = 0; k < dg.n && k < 32; k++)
        if (!strstr(dg.msg[k], ":") ) fail_msg("diagnostic without a place: %s", dg.msg[k]);
    vg_dict_free(d);
}

/* Save, open again, and find the same entries; damaged files are refused. */
static void test_dict__compiled_round_trip(void **state) {
    (void)state;
    diags dg = { 0 };
    vg_dict *d = load_all(&dg, 0);
    char path[] = "/tmp/vg_test_compiled_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    vg_error err;
    assert_int_equal(vg_dict_save_compiled(d, path, &err), VG_OK);
    vg_dict *c;
    assert_int_equal(vg_dict_open_compiled(&c, path, &err), VG_OK);
    vg_dict_stats a, b;
    vg_dict_get_stats(d, &a);
    vg_dict_get_stats(c, &b);
    assert_memory_equal(&a, &b, sizeof a);
    int32_t act = vg_dict__node(c, walk(c, VG_ROOT_ACTOR, "Nicolás Maduro"))->actor;
    assert_string_equal(vg_dict__actor_code_on(c, act, 20251104), "VENGOV");
    const vg_dform *f = vg_dict__form(c, vg_dict__node(c, walk(c, VG_ROOT_VERB, "TOOK OVER"))->form);
    assert_string_equal(vg_dict__block(c, f->block)->name, "SEIZE");
    assert_string_equal(vg_dict__block(c, f->block)->code, "171");
    char b1[512] = "", b2[512] = "";
    vg_dict_each_code(d, codes_cb, b1);
    vg_dict_each_code(c, codes_cb, b2);
    assert_string_equal(b1, b2);
    vg_dict_free(c);
    /* Damage: truncate, then flip bytes in the body. */
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    fp = fopen(path, "wb");
    fwrite(buf, 1, (size_t)n / 2, fp);
    fclose(fp);
    assert_int_equal(vg_dict_open_compiled(&c, path, &err), VG_ERR_INPUT);
    assert_null(c);
    unsigned seed = 1;
    for (int round = 0; round < 200; round++) {
        char *m = malloc((size_t)n);
        memcpy(m, buf, (size_t)n);
        for (int k = 0; k < 4; k++) {
            seed = seed * 1103515245u + 12345u;
            m[256 + (seed >> 8) % (unsigned)(n - 256)] ^= (char)(1 + (seed & 0x7f));
        }
        fp = fopen(path, "wb");
        fwrite(m, 1, (size_t)n, fp);
        fclose(fp);
        free(m);
        if (vg_dict_open_compiled(&c, path, &err) == VG_OK) {
            /* Accepted: it must still be safe to walk. */
            walk(c, VG_ROOT_ACTOR, "VENEZUELA");
            vg_dict_free(c);
        }
    }
    assert_int_equal(vg_dict_open_compiled(&c, "/nonexistent/x.vgc", &err), VG_ERR_IO);
    free(buf);
    unlink(path);
    vg_dict_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dict__actors_and_dates),
        cmocka_unit_test(test_dict__space_joins),
        cmocka_unit_test(test_dict__agents_plurals_and_substitutions),
        cmocka_unit_test(test_dict__agent_substitutions_bounded),
        cmocka_unit_test(test_dict__verbs_forms_patterns_synsets),
        cmocka_unit_test(test_dict__each_code),
        cmocka_unit_test(test_dict__malformed_lines),
        cmocka_unit_test(test_dict__strict_stops_at_first_error),
        cmocka_unit_test(test_dict__load_directory),
        cmocka_unit_test(test_dict__phoenix),
        cmocka_unit_test(test_dict__compiled_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
