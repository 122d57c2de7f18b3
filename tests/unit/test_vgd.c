/* test_vgd.c — the .vgd dictionary reader: every kind of malformed line is
 * reported with file:line and skipped, good lines load, inflections and
 * plurals are generated, and vigia's shipped dictionaries load cleanly and
 * reach every CAMEO code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dict/vgd.h"
#include "ontology/ontology.h"

typedef struct diags {
    int n;
    long line[64];
    char file[64][256];
    char msg[64][300];
} diags;

static void collect(const vg_error *e, void *payload) {
    diags *d = payload;
    if (d->n < 64) {
        d->line[d->n] = e->line;
        snprintf(d->file[d->n], sizeof d->file[0], "%s", e->file);
        snprintf(d->msg[d->n], sizeof d->msg[0], "%s", e->message);
    }
    d->n++;
}

/* Load text as file "case.vgd" and compile; returns the dictionary.
 * dict_flags: VG_DICTF_* behaviour (vg_dict_load sets AGENT_COUNTRY for
 * every .vgd file; the in-memory reader leaves it to the caller). */
static vg_dict *load_text_ex(const char *text, diags *dg, unsigned flags, unsigned dict_flags,
                             vg_status *load_st, vg_error *err) {
    vg_dict_options o = VG_DICT_OPTIONS_INIT;
    o.flags = flags;
    o.diag = collect;
    o.payload = dg;
    vg_dict_builder *b;
    assert_int_equal(vg_dict__builder_new(&b, &o, err), VG_OK);
    if (dict_flags) vg_dict__set_flags(b, dict_flags);
    *load_st = vg_dict__load_vgd_mem(b, text, strlen(text), "case.vgd", err);
    vg_dict *d = NULL;
    vg_error ferr;
    vg_error_clear(&ferr);
    assert_int_equal(vg_dict__builder_finish(b, &d, &ferr), VG_OK);
    return d;
}

static vg_dict *load_text(const char *text, diags *dg, unsigned flags, vg_status *load_st,
                          vg_error *err) {
    return load_text_ex(text, dg, flags, 0, load_st, err);
}

/* The good lines that surround every malformed one: 2 discards. */
#define GOOD1 "discard = friendly match\n"
#define GOOD2 "discard = world cup qualifier\n"

typedef struct bad_case {
    const char *line;
    const char *want; /* substring of the message */
} bad_case;

static const bad_case bad_cases[] = {
    {"frobnicate = x", "unknown keyword 'frobnicate'"},
    {"= x", "no keyword"},
    {"discard", "expected '= ...'"},
    {"discard =", "nothing after '='"},
    {"discard = a || b", "empty item"},
    {"discard = a | b |", "empty item"},
    {"discard sometimes = x", "unknown discard option"},
    {"actor ven = Venezuela", "bad actor code 'ven'"},
    {"actor V = Venezuela", "bad actor code 'V'"},
    {"actor VEN 2025-02-30..2026-01-01 = Venezuela", "bad date '2025-02-30'"},
    {"actor VEN 2025-13..2026 = Venezuela", "bad date '2025-13'"},
    {"actor VEN 2026..2025 = Venezuela", "ends before it starts"},
    {"actor VEN 2025 = Venezuela", "bad date range"},
    {"actor VEN .. = Venezuela", "no date"},
    {"actor VEN 20250101..20260101 = Venezuela", "bad date"},
    {"actor = Venezuela", "usage: actor CODE"},
    {"actor VEN = Vene{zuela", "unbalanced '{'"},
    {"actor VEN = a b c d e f g h i j k l m n o p q", "more than 16 words"},
    {"capital = Caracas", "'capital' outside an actor or person entry"},
    {"code VENGOV", "'code' outside"},
    {"role VENGOV 2013..2026", "'role' outside a person entry"},
    {"person", "expected '= ...'"},
    {"person VENGOV = Maduro", "usage: person"},
    {"agent XYZ = foo", "unknown actor type 'XYZ'"},
    {"agent GOV suffix = president", "unknown agent option 'suffix'"},
    {"agent = president", "usage: agent"},
    {"agent GOV = chief of staff {chiefs of staff", "unbalanced '{'"},
    {"agent GOV = chief {a,,b}", "empty plural"},
    {"agent GOV = chief {chiefs} x", "text after '}'"},
    {"verb 999 = condemn", "unknown CAMEO code '999'"},
    {"verb = condemn", "usage: verb CODE"},
    {"verb 111 = TARGET", "pattern has no verb"},
    {"verb 111 = *condemn *denounce", "two verbs marked"},
    {"verb 111 = condemn TARGETS", "unknown placeholder 'TARGETS'"},
    {"verb 111 = condemn [strongly", "unbalanced '['"},
    {"verb 111 = condemn strongly]", "unbalanced ']'"},
    {"verb 111 = [a|b|c|d] [a|b|c|d] [a|b|c|d] [a|b|c|d] go", "more than 64"},
    {"verb 111 = cond3mn TARGET", "not a plain word"},
    {"verb 111 = condemn & TARGET", "'&' without a synset name"},
    {"verb 111 = condemn &lower TARGET", "bad synset name"},
    {"verb 111 = condemn a b c d e f g h i j k l m n o p q", "more than 16 words"},
    {"synset vessel = boat", "bad synset name 'vessel'"},
    {"synset VESSEL = &bad", "bad synset name '&bad'"},
    {"issue narcotics = cocaine", "bad issue code"},
    {"inflect strike = strikes | struck", "needs 4 forms"},
    {"inflect str1ke = a | b | c | d", "not a plain word"},
    {"discard = a\x01" "b", NULL}, /* control bytes are text, not an error */
};

static void test_vgd__malformed_lines(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        char text[1024];
        snprintf(text, sizeof text, GOOD1 "%s\n" GOOD2, c->line);
        diags dg = {0};
        vg_error err;
        vg_error_clear(&err);
        vg_status st;
        vg_dict *d = load_text(text, &dg, 0, &st, &err);
        assert_int_equal(st, VG_OK); /* lenient: the load goes on */
        vg_dict_stats s;
        vg_dict_get_stats(d, &s);
        if (c->want == NULL) {
            if (dg.n != 0) fail_msg("case %zu '%s': unexpected problem: %s", i, c->line, dg.msg[0]);
            vg_dict_free(d);
            continue;
        }
        if (dg.n != 1)
            fail_msg("case %zu '%s': %d problems, expected 1 (first: %s)", i, c->line, dg.n,
                     dg.n ? dg.msg[0] : "-");
        assert_string_equal(dg.file[0], "case.vgd");
        if (dg.line[0] != 2) fail_msg("case %zu '%s': line %ld, expected 2", i, c->line, dg.line[0]);
        if (!strstr(dg.msg[0], c->want))
            fail_msg("case %zu '%s': message '%s' lacks '%s'", i, c->line, dg.msg[0], c->want);
        /* the good lines around it still loaded */
        assert_int_equal(s.discards, 2);
        assert_int_equal(s.problems, 1);
        vg_dict_free(d);
    }
}

static void test_vgd__strict_stops_at_first(void **state) {
    (void)state;
    diags dg = {0};
    vg_error err;
    vg_error_clear(&err);
    vg_status st;
    vg_dict *d = load_text(GOOD1 "\n# comment\nverb 111 = condemn\nactor xx = y\nfrob\n", &dg,
                           VG_DICT_STRICT, &st, &err);
    assert_int_equal(st, VG_ERR_DICT_SYNTAX);
    assert_string_equal(err.file, "case.vgd");
    assert_int_equal(err.line, 5);
    assert_non_null(strstr(err.message, "bad actor code"));
    char buf[512];
    vg_error_format(&err, buf, sizeof buf);
    assert_non_null(strstr(buf, "case.vgd:5: "));
    assert_int_equal(dg.n, 1);
    vg_dict_free(d);
}

/* A problem the builder finds (not the .vgd reader) fails a strict load
 * with err filled the same way (fuzz finding 11). */
static void test_vgd__strict_builder_problem(void **state) {
    (void)state;
    static const char *const texts[] = {
        GOOD1 "synset _ = boat\n",       /* name of '_' only: the builder refuses it */
        GOOD1 "synset VESSEL = \x01\n", /* no word in the member */
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        diags dg = {0};
        vg_error err;
        vg_error_clear(&err);
        vg_status st;
        vg_dict *d = load_text(texts[i], &dg, VG_DICT_STRICT, &st, &err);
        assert_int_equal(st, VG_ERR_DICT_SYNTAX);
        assert_int_equal(err.code, VG_ERR_DICT_SYNTAX);
        assert_string_equal(err.file, "case.vgd");
        assert_int_equal(err.line, 2);
        assert_true(err.message[0] != '\0');
        assert_int_equal(dg.n, 1);
        assert_string_equal(err.message, dg.msg[0]);
        vg_dict_free(d);
    }
}

static void test_vgd__person_without_codes(void **state) {
    (void)state;
    diags dg = {0};
    vg_error err;
    vg_status st;
    vg_dict *d = load_text("person = Nobody Special\n  alias = Nobody\nactor VEN = Venezuela\n"
                           "person = Maduro\n  role VENGOV 2013-03-05..2026-01-03\n",
                           &dg, 0, &st, &err);
    assert_int_equal(st, VG_OK);
    assert_int_equal(dg.n, 1);
    assert_int_equal(dg.line[0], 1); /* reported at the person's line */
    assert_non_null(strstr(dg.msg[0], "person has no role or code"));
    vg_dict_stats s;
    vg_dict_get_stats(d, &s);
    assert_int_equal(s.actors, 2);        /* VEN and Maduro, not the bad one */
    assert_int_equal(s.actor_phrases, 2);
    vg_dict_free(d);

    /* the same at the end of the file */
    dg.n = 0;
    d = load_text("actor VEN = Venezuela\nperson = Nobody\n", &dg, 0, &st, &err);
    assert_int_equal(dg.n, 1);
    assert_int_equal(dg.line[0], 2);
    vg_dict_free(d);
}

static void test_vgd__good_file_counts(void **state) {
    (void)state;
    const char *text =
        "\xEF\xBB\xBF# a byte-order mark and a comment\r\n"
        "actor VEN = Venezuela | Bolivarian Republic of Venezuela   # trailing comment\r\n"
        "  adjective = Venezuelan | Venezuelans\n"
        "  capital   = Caracas\n"
        "  seat      = Miraflores\n"
        "  alias     = C#-land\n"                       /* '#' inside a word is text */
        "  code VENGOV 1999-02-02..1999-12\n"
        "person = Nicolás Maduro | Maduro\n"
        "  role VENGOV 2013-03-05..2026-01-03\n"
        "  role VENGOV 2006-08..2013-03-04\n"
        "  code VEN\n"
        "agent MIL = navy | coast guard | troops {} | marine\n"
        "agent NGO prefix = aid group\n"
        "agent GOV = chief of staff {chiefs of staff, chief-of-staffs}\n"
        "synset VESSEL = boat | tanker | &WARSHIP\n"
        "synset WARSHIP = warship | destroyer\n"
        "verb 163  = impose [new|fresh|] sanctions on TARGET | sanction\n"
        "verb 1711 = seize a tanker | seize &VESSEL of TARGET\n"
        "verb 057  = BOTH *sign an accord | sign a deal with TARGET\n"
        "verb 0871 = declare a ceasefire | agree to a_truce ... with TARGET\n"
        "inflect seize = seizes | seized | seized | seizing\n"
        "discard = friendly match | world cup qualifier\n"
        "discard story = weather forecast\n"
        "issue NARCOTICS = cocaine | drug trafficking\n";
    diags dg = {0};
    vg_error err;
    vg_status st;
    vg_dict *d = load_text(text, &dg, VG_DICT_STRICT, &st, &err);
    if (dg.n) fail_msg("unexpected problem at line %ld: %s", dg.line[0], dg.msg[0]);
    assert_int_equal(st, VG_OK);
    vg_dict_stats s;
    vg_dict_get_stats(d, &s);
    assert_int_equal(s.actors, 2);
    assert_int_equal(s.actor_phrases, 9);
    /* navy navies, coast guard(s), troops, marine(s), aid group(s), chief of staff + 2 */
    assert_int_equal(s.agents, 12);
    /* impose x3, seize x2, sign x2, declare, agree */
    assert_int_equal(s.patterns, 9);
    assert_int_equal(s.discards, 3);
    assert_int_equal(s.issues, 2);
    assert_int_equal(s.synsets, 2);
    assert_int_equal(s.problems, 0);
    /* verbs: impose 4 forms, sanction 4, seize 4 (overridden: seize seizes
     * seized seizing), sign 4, declare 4, agree 4 */
    assert_int_equal(s.verbs, 24);
    vg_dict_free(d);
}

typedef struct codes {
    char seen[400][8];
    int n;
} codes;

static void add_code(const char *code, void *payload) {
    codes *c = payload;
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->seen[i], code) == 0) return;
    if (c->n < 400) snprintf(c->seen[c->n++], sizeof c->seen[0], "%s", code);
}

static void test_vgd__codes_reached(void **state) {
    (void)state;
    diags dg = {0};
    vg_error err;
    vg_status st;
    vg_dict *d = load_text("verb 163 = impose sanctions on TARGET | sanction\n"
                           "verb 111 = condemn\nverb 0231 = appeal for economic aid\n",
                           &dg, 0, &st, &err);
    codes c = {0};
    vg_dict_each_code(d, add_code, &c);
    assert_int_equal(c.n, 3);
    vg_dict_free(d);
}

static void test_vgd__missing_file(void **state) {
    (void)state;
    vg_dict_builder *b;
    vg_error err;
    vg_error_clear(&err);
    assert_int_equal(vg_dict__builder_new(&b, NULL, &err), VG_OK);
    assert_int_equal(vg_dict__load_vgd(b, "/nonexistent/dir/x.vgd", NULL, &err), VG_ERR_IO);
    assert_string_equal(err.file, "/nonexistent/dir/x.vgd");
    vg_dict__builder_free(b);
}

static void expect_forms(const char *lemma, const char *want) {
    vg_vgd_forms f;
    assert_true(vg_vgd__inflect(lemma, strlen(lemma), &f));
    char got[256] = "";
    for (int i = 0; i < f.n; i++) {
        if (i) strcat(got, " ");
        strcat(got, f.form[i]);
    }
    assert_string_equal(got, want);
}

static void test_vgd__inflections(void **state) {
    (void)state;
    expect_forms("impose", "impose imposes imposed imposing");
    expect_forms("ban", "ban bans banned banning");
    expect_forms("visit", "visit visits visited visiting");
    expect_forms("admit", "admit admits admitted admitting");
    expect_forms("patrol", "patrol patrols patrolled patrolling");
    expect_forms("carry", "carry carries carried carrying");
    expect_forms("deploy", "deploy deploys deployed deploying");
    expect_forms("strike", "strike strikes struck stricken striking");
    expect_forms("seize", "seize seizes seized seizing");
    expect_forms("hold", "hold holds held holding");
    expect_forms("veto", "veto vetoes vetoed vetoing");
    expect_forms("die", "die dies died dying");
    expect_forms("free", "free frees freed freeing");
    expect_forms("flee", "flee flees fled fleeing");
    expect_forms("quit", "quit quits quitting");
    expect_forms("equip", "equip equips equipped equipping");
    expect_forms("fix", "fix fixes fixed fixing");
    expect_forms("go", "go goes went gone going");
    expect_forms("get", "get gets got gotten getting");
    expect_forms("Sanction", "sanction sanctions sanctioned sanctioning");
    expect_forms("cross-examine", "cross-examine cross-examines cross-examined cross-examining");
    vg_vgd_forms f;
    assert_false(vg_vgd__inflect("", 0, &f));
    assert_false(vg_vgd__inflect("two words", 9, &f));
    assert_false(vg_vgd__inflect("-x", 2, &f));
}

static void expect_plural(const char *sing, const char *want) {
    char out[128];
    size_t n = vg_vgd__plural(sing, strlen(sing), out, sizeof out);
    assert_int_equal(n, strlen(want));
    assert_string_equal(out, want);
}

static void test_vgd__plurals(void **state) {
    (void)state;
    expect_plural("soldier", "soldiers");
    expect_plural("party", "parties");
    expect_plural("day", "days");
    expect_plural("coast guard", "coast guards");
    expect_plural("minister of defence", "ministers of defence");
    expect_plural("policeman", "policemen");
    expect_plural("spokeswoman", "spokeswomen");
    expect_plural("thief", "thieves");
    expect_plural("witness", "witnesses");
    expect_plural("embargo", "embargoes");
    expect_plural("SOLDIER", "SOLDIERS");
    expect_plural("child", "children");
    char out[8];
    /* truncation reports the needed length, like snprintf */
    assert_int_equal(vg_vgd__plural("lawmaker", 8, out, sizeof out), 9);
    assert_int_equal(vg_vgd__plural("   ", 3, out, sizeof out), 0);
}


/* End to end through the coder: what the format promises about dated roles,
 * generated inflections, agents, articles and alternatives in patterns. */
static int code_one(vg_dict *d, const char *text, int32_t date, char out[][40], int max) {
    vg_doc *doc;
    assert_int_equal(vg_doc_new(&doc), VG_OK);
    vg_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = "t";
    rec.id_len = 1;
    rec.date = date;
    rec.text = text;
    rec.text_len = strlen(text);
    rec.is_sentence = 1;
    vg_error err;
    vg_error_clear(&err);
    assert_int_equal(vg_code(doc, d, &rec, NULL, &err), VG_OK);
    int n = 0;
    for (size_t i = 0; i < vg_doc_event_count(doc) && n < max; i++, n++) {
        const vg_event *e = vg_doc_event(doc, i);
        snprintf(out[n], 40, "%s %s %s", e->source, e->target, e->code);
    }
    vg_doc_free(doc);
    return n;
}

static bool has_event(char ev[][40], int n, const char *want) {
    for (int i = 0; i < n; i++)
        if (strcmp(ev[i], want) == 0) return true;
    return false;
}

static void test_vgd__coded_end_to_end(void **state) {
    (void)state;
    const char *text =
        "actor ABC = Abcland\n"
        "  adjective = Abclandish\n"
        "  capital = Abcville\n"
        "actor DEF = Defland\n"
        "person = Xavier Testperson | Testperson\n"
        "  role ABCGOV 2013-03-05..2026-01-03\n"
        "person = Yolanda Fallback\n"
        "  role DEFGOV 2020..2021\n"
        "  code DEFELI\n"
        "agent MIL = navy {navies}\n"
        "verb 111 = condemn\n"
        "verb 1711 = seize a tanker\n"
        "verb 0256 = urge [TARGET to exercise|] restraint\n";
    diags dg = {0};
    vg_error err;
    vg_status st;
    vg_dict *d = load_text(text, &dg, VG_DICT_STRICT, &st, &err);
    assert_int_equal(st, VG_OK);
    char ev[16][40];
    int n;
    /* a person codes to the role only inside its dates, nothing outside */
    n = code_one(d, "Testperson condemned Defland.", 20200101, ev, 16);
    assert_true(has_event(ev, n, "ABCGOV DEF 111"));
    /* Outside the role the person is known but has no code ("---", which
     * dict.h says yields no event; that part is the coder's): never ABCGOV. */
    n = code_one(d, "Testperson condemned Defland.", 20260104, ev, 16);
    assert_false(has_event(ev, n, "ABCGOV DEF 111"));
    for (int i = 0; i < n; i++) assert_true(strncmp(ev[i], "ABC", 3) != 0);
    n = code_one(d, "Testperson condemned Defland.", 20130304, ev, 16);
    assert_false(has_event(ev, n, "ABCGOV DEF 111"));
    n = code_one(d, "Testperson condemned Defland.", 20130305, ev, 16);
    assert_true(has_event(ev, n, "ABCGOV DEF 111"));
    /* an undated code is the fallback outside the roles */
    n = code_one(d, "Yolanda Fallback condemned Abcland.", 20210601, ev, 16);
    assert_true(has_event(ev, n, "DEFGOV ABC 111"));
    n = code_one(d, "Yolanda Fallback condemned Abcland.", 20240601, ev, 16);
    assert_true(has_event(ev, n, "DEFELI ABC 111"));
    /* generated inflections, capitals as metonyms, agents with plurals */
    n = code_one(d, "Abcville condemns Defland.", 20240601, ev, 16);
    assert_true(has_event(ev, n, "ABC DEF 111"));
    n = code_one(d, "The Abclandish navies were condemning Defland.", 20240601, ev, 16);
    assert_true(has_event(ev, n, "ABCMIL DEF 111"));
    /* articles in patterns are ignored: "seize a tanker" = "seized the oil tanker" */
    n = code_one(d, "Abcland seized the oil tanker off Defland.", 20240601, ev, 16);
    assert_true(has_event(ev, n, "ABC DEF 1711"));
    /* [..|] alternatives expand, placeholders inside them included */
    n = code_one(d, "Abcland urged Defland to exercise restraint.", 20240601, ev, 16);
    assert_true(has_event(ev, n, "ABC DEF 0256"));
    vg_dict_free(d);
}

/* With vigia's own dictionaries (VG_DICTF_AGENT_COUNTRY, set for every
 * .vgd file): "Abclandish-flagged" and "-owned" stand for their owner, other
 * hyphenated relations do not; an attacker named only by an agent is not
 * given the country it attacks. */
static void test_vgd__owners_and_unknown_attackers(void **state) {
    (void)state;
    const char *text =
        "actor ABC = Abcland\n"
        "  adjective = Abclandish\n"
        "actor DEF = Defland\n"
        "  capital = Defville\n"
        "agent MIL = troops {}\n"
        "agent INS = gunmen {}\n"
        "agent BUS = firm\n"
        "verb 190 = attack\n"
        "verb 111 = condemn\n";
    static const struct {
        const char *text, *event; /* "SRC TGT CODE"; " XYZ": any event whose target starts XYZ */
        bool present;
    } cases[] = {
        {"Gunmen attacked an Abclandish-flagged tanker.", "---INS ABC 190", true},
        {"Gunmen attacked an Abclandish-flagged tanker.", "ABCINS ABC 190", false},
        {"Troops attacked Defville.", "---MIL DEF 190", true},
        {"Troops attacked Defville.", "DEFMIL DEF 190", false},
        /* named attackers keep their country */
        {"Abclandish troops attacked Defville.", "ABCMIL DEF 190", true},
        /* outside material violence an agent still takes the country it faces */
        {"Troops condemned Defland.", "DEFMIL DEF 111", true},
        /* owner suffixes: the firms are Abcland's */
        {"Defland condemned Abclandish-owned firms.", "DEF ABCBUS 111", true},
        {"Defland condemned Abcland-linked firms.", "DEF ABCBUS 111", true},
        /* a destination or a maker is not the party: no target of ABC */
        {"Defland condemned Abcland-bound ships.", " ABC", false},
        {"Defland condemned Abclandish-made drones.", " ABC", false},
    };
    diags dg = {0};
    vg_error err;
    vg_status st;
    vg_dict *d = load_text_ex(text, &dg, VG_DICT_STRICT, VG_DICTF_AGENT_COUNTRY, &st, &err);
    assert_int_equal(st, VG_OK);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        char ev[16][40];
        int n = code_one(d, cases[c].text, 20250601, ev, 16);
        bool found = false;
        for (int i = 0; i < n; i++)
            found |= cases[c].event[0] == ' ' ? strstr(ev[i], cases[c].event) != NULL
                                              : strcmp(ev[i], cases[c].event) == 0;
        if (found != cases[c].present)
            fail_msg("'%s': event '%s' %s", cases[c].text, cases[c].event,
                     cases[c].present ? "missing" : "coded");
    }
    vg_dict_free(d);
}

/* Collect every .vgd file under dir (recursively), sorted. */
static void find_vgd(const char *dir, char paths[][512], int *n, int cap) {
    DIR *dp = opendir(dir);
    if (!dp) return;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(p, &sb) != 0) continue;
        if (S_ISDIR(sb.st_mode)) find_vgd(p, paths, n, cap);
        else if (strlen(p) > 4 && strcmp(p + strlen(p) - 4, ".vgd") == 0 && *n < cap)
            snprintf(paths[(*n)++], 512, "%s", p);
    }
    closedir(dp);
}

static int cmp_path(const void *a, const void *b) { return strcmp(a, b); }

static void test_vgd__shipped_dictionaries(void **state) {
    (void)state;
    static char paths[512][512];
    int n = 0;
    find_vgd(VG_TEST_SOURCE_DIR "/dict", paths, &n, 512);
    if (n == 0) skip();
    qsort(paths, (size_t)n, sizeof paths[0], cmp_path);
    diags dg = {0};
    vg_dict_options o = VG_DICT_OPTIONS_INIT;
    o.diag = collect;
    o.payload = &dg;
    vg_dict_builder *b;
    vg_error err;
    vg_error_clear(&err);
    assert_int_equal(vg_dict__builder_new(&b, &o, &err), VG_OK);
    for (int i = 0; i < n; i++) assert_int_equal(vg_dict__load_vgd(b, paths[i], &o, &err), VG_OK);
    vg_dict *d;
    assert_int_equal(vg_dict__builder_finish(b, &d, &err), VG_OK);
    for (int i = 0; i < dg.n && i < 64; i++)
        print_error("%s:%ld: %s\n", dg.file[i], dg.line[i], dg.msg[i]);
    assert_int_equal(dg.n, 0);
    vg_dict_stats s;
    vg_dict_get_stats(d, &s);
    assert_true(s.patterns >= 2500);
    codes c = {0};
    vg_dict_each_code(d, add_code, &c);
    int missing = 0;
    for (size_t i = 0; i < vg_cameo_count(); i++) {
        const char *code = vg_cameo_at(i)->code;
        bool found = false;
        for (int k = 0; k < c.n && !found; k++) found = strcmp(c.seen[k], code) == 0;
        /* a 2-digit root is reached through its X0 code */
        if (!found && strlen(code) == 2) continue;
        if (!found) {
            print_error("CAMEO code %s reached by no pattern\n", code);
            missing++;
        }
    }
    assert_int_equal(missing, 0);
    vg_dict_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vgd__malformed_lines),
        cmocka_unit_test(test_vgd__strict_stops_at_first),
        cmocka_unit_test(test_vgd__strict_builder_problem),
        cmocka_unit_test(test_vgd__owners_and_unknown_attackers),
        cmocka_unit_test(test_vgd__person_without_codes),
        cmocka_unit_test(test_vgd__good_file_counts),
        cmocka_unit_test(test_vgd__codes_reached),
        cmocka_unit_test(test_vgd__missing_file),
        cmocka_unit_test(test_vgd__inflections),
        cmocka_unit_test(test_vgd__plurals),
        cmocka_unit_test(test_vgd__coded_end_to_end),
        cmocka_unit_test(test_vgd__shipped_dictionaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
