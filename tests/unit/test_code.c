/* test_code.c — the coder, with a small dictionary written here: actors,
 * agents, compounds, passive voice, negation, patterns, paired codes,
 * date restrictions, pronouns, discards, the one-per-story filter,
 * evidence spans, and any bytes in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "code/code.h"

static const char VERBS[] =
    "&ARMS\n"
    "+WEAPONS\n"
    "+CRUISE MISSILES\n"
    "\n"
    "--- CRITICIZE [121] ---\n"
    "CRITICIZE\n"
    "CONDEMN [122]\n"
    "- HEAVILY * [123]\n"
    "\n"
    "--- ATTACK [190] ---\n"
    "ATTACK\n"
    "BOMB [195]\n"
    "\n"
    "--- SELL [---] ---\n"
    "SELL {SOLD}\n"
    "- * &ARMS TO + [072]\n"
    "\n"
    "--- VISIT [042:043] ---\n"
    "VISIT\n"
    "\n"
    "--- MEET [040] ---\n"
    "MEET {MET}\n"
    "\n"
    "--- SANCTION [163] ---\n"
    "SANCTION\n"
    "+IMPOSE_SANCTIONS\n"
    "\n"
    "--- DEPLOY [154] ---\n"
    "DEPLOY\n"
    "\n"
    "--- PROMISE [030] ---\n"
    "PROMISE\n"
    "- * AID [050]\n"
    "\n"
    "--- SAY [010] ---\n"
    "SAY {SAYS SAID}\n"
    "\n"
    "--- WANT [030] ---\n"
    "WANT\n"
    "\n"
    "--- FORCE [---] ---\n"
    "FORCE\n"
    "\n"
    "--- RECEIVE [---] ---\n"
    "HOST [042:043]\n"
    "- * TALKS WITH + [046:046]\n";

static const char ACTORS[] =
    "VENEZUELA [VEN]\n"
    "+CARACAS\n"
    "RUSSIA [RUS]\n"
    "CHINA [CHN]\n"
    "IRAN [IRN]\n"
    "CUBA [CUB]\n"
    "GUYANA [GUY]\n"
    "UNITED_STATES [USA]\n"
    "+U.S.\n"
    "+WASHINGTON\n"
    "NICOLAS_MADURO_\n"
    "+MADURO\n"
    "\t[VENELI <130305]\n"
    "\t[VENGOV 130305-260110]\n"
    "\t[VENELI]\n"
    "GONDOR [GON]\n"
    "GONDOR RADIO [GONRAD]\n"
    "GONDOR_FLEET_ [GONNAV]\n";

static const char AGENTS[] =
    "GOVERNMENT [~GOV]\n"
    "MAIN_OPPOSITION_GROUP [~MOP]\n"
    "SOLDIER [~MIL]\n"
    "PRESIDENT [~GOV]\n"
    "MSF {} [NGO~]\n"
    "FIRM [~BUS]\n";

static const char DISCARDS[] = "+HURRICANE\nFOOTBALL MATCH\n";
static const char ISSUES[] = "<ISSUE CATEGORY=\"CRIME\">\ndrug n:cartel [NARCOTICS]\nn:smuggler [NARCOTICS]\noil n:field [ENERGY]\n";

static vg_dict *dict;

static int setup(void **state) {
    (void)state;
    vg_dict_builder *b;
    vg_error err;
    if (vg_dict__builder_new(&b, NULL, &err)) return -1;
    if (vg_dict__load_petr_mem(b, VG_PETR_VERBS, VERBS, strlen(VERBS), "v", &err) ||
        vg_dict__load_petr_mem(b, VG_PETR_ACTORS, ACTORS, strlen(ACTORS), "a", &err) ||
        vg_dict__load_petr_mem(b, VG_PETR_AGENTS, AGENTS, strlen(AGENTS), "g", &err) ||
        vg_dict__load_petr_mem(b, VG_PETR_DISCARDS, DISCARDS, strlen(DISCARDS), "d", &err) ||
        vg_dict__load_petr_mem(b, VG_PETR_ISSUES, ISSUES, strlen(ISSUES), "i", &err))
        return -1;
    vg_dict_stats st;
    if (vg_dict__builder_finish(b, &dict, &err)) return -1;
    vg_dict_get_stats(dict, &st);
    return st.problems ? -1 : 0;
}

static int teardown(void **state) {
    (void)state;
    vg_dict_free(dict);
    return 0;
}

/* Code text (as one record on date) and return its events as
 * "SRC-TGT-CODE" joined by spaces, in order. */
static const char *code_opt(const char *text, int32_t date, unsigned flags) {
    static char out[4096];
    vg_doc *doc;
    assert_int_equal(vg_doc_new(&doc), VG_OK);
    vg_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = "t";
    rec.id_len = 1;
    rec.date = date;
    rec.text = text;
    rec.text_len = strlen(text);
    vg_code_options o = VG_CODE_OPTIONS_INIT;
    o.flags = flags;
    vg_error err;
    assert_int_equal(vg_code(doc, dict, &rec, &o, &err), VG_OK);
    out[0] = '\0';
    for (size_t i = 0; i < vg_doc_event_count(doc); i++) {
        const vg_event *e = vg_doc_event(doc, i);
        char one[128];
        snprintf(one, sizeof one, "%s%s-%s-%s", i ? " " : "", e->source, e->target, e->code);
        strncat(out, one, sizeof out - strlen(out) - 1);
    }
    vg_doc_free(doc);
    return out;
}

static const char *code(const char *text) { return code_opt(text, 20251104, 0); }

static void test_code__basic_and_evidence(void **state) {
    (void)state;
    assert_string_equal(code("Venezuela criticized Guyana on Tuesday."), "VEN-GUY-121");
    assert_string_equal(code("Venezuela has condemned Guyana."), "VEN-GUY-122");
    /* A pattern before the verb wins over the verb's own code. */
    assert_string_equal(code("Venezuela heavily criticized Guyana."), "VEN-GUY-123");
    /* Evidence spans point into the text. */
    const char *text = "Talks stalled. Nicolás Maduro's government condemned the United States.";
    vg_doc *doc;
    assert_int_equal(vg_doc_new(&doc), VG_OK);
    vg_record rec = { 0 };
    rec.id = "e"; rec.id_len = 1; rec.date = 20251104; rec.text = text; rec.text_len = strlen(text);
    assert_int_equal(vg_code(doc, dict, &rec, NULL, NULL), VG_OK);
    assert_int_equal(vg_doc_sentence_count(doc), 2);
    assert_int_equal(vg_doc_event_count(doc), 1);
    const vg_event *e = vg_doc_event(doc, 0);
    assert_string_equal(e->source, "VENGOV");
    assert_string_equal(e->target, "USA");
    assert_string_equal(e->code, "122");
    assert_int_equal(e->sentence, 1);
    assert_int_equal(e->date, 20251104);
    assert_int_equal(e->root, 12);
    assert_int_equal(e->quad, 3);
    assert_true(e->goldstein < 0);
    assert_memory_equal(e->source_text.ptr, "Nicolás Maduro's government", e->source_text.len);
    assert_int_equal(e->source_text.len, strlen("Nicolás Maduro's government"));
    assert_memory_equal(e->verb_text.ptr, "condemned", e->verb_text.len);
    assert_memory_equal(e->target_text.ptr, "United States", e->target_text.len);
    assert_memory_equal(e->sentence_text.ptr, "Nicolás Maduro's government condemned the United States.",
                        e->sentence_text.len);
    vg_span s0 = vg_doc_sentence(doc, 0);
    assert_int_equal(s0.len, strlen("Talks stalled."));
    vg_doc_free(doc);
}

static void test_code__agents(void **state) {
    (void)state;
    /* No actor "Venezuelan" in this dictionary: the agent stands alone. */
    assert_string_equal(code("The Venezuelan government criticized Guyana."), "---GOV-GUY-121");
    assert_string_equal(code("The Venezuela government criticized Guyana."), "VENGOV-GUY-121");
    assert_string_equal(code("Gondor's main opposition group criticized Venezuela."), "GONMOP-VEN-121");
    assert_string_equal(code("Soldiers from Guyana attacked Venezuela."), "GUYMIL-VEN-190");
    assert_string_equal(code("The government of Guyana criticized Venezuela."), "GUYGOV-VEN-121");
    assert_string_equal(code("MSF Venezuela criticized Guyana."), "NGOVEN-GUY-121");
    /* A title and a name: the name's own code, the agent not repeated. */
    assert_string_equal(code("President Maduro criticized Guyana."), "VENGOV-GUY-121");
    /* An agent with no actor, as source or target (a verb between an
     * actor and an agent ends the noun phrase). */
    assert_string_equal(code("Soldiers attacked Guyana."), "---MIL-GUY-190");
    assert_string_equal(code("Venezuela criticized soldiers."), "VEN----MIL-121");
}

static void test_code__compounds(void **state) {
    (void)state;
    assert_string_equal(code("Venezuela criticized Russia, China and Iran."),
                        "VEN-RUS-121 VEN-CHN-121 VEN-IRN-121");
    assert_string_equal(code("Russia and China criticized the United States."), "RUS-USA-121 CHN-USA-121");
    /* A compound with no other party: each with each. */
    assert_string_equal(code("Russia and China met on Monday."), "RUS-CHN-040 CHN-RUS-040");
    /* Paired codes: the visit and the reception. */
    assert_string_equal(code("Maduro will visit Russia and Iran."),
                        "VENGOV-RUS-042 RUS-VENGOV-043 VENGOV-IRN-042 IRN-VENGOV-043");
    /* A member that is a noun with an "of" complement names the actor
     * after "of"; the first member may carry a possessive. */
    assert_string_equal(code("Cuba's envoys and allies of Iran criticized Guyana."), "CUB-GUY-121 IRN-GUY-121");
    assert_string_equal(code("Venezuela criticized Russia and the allies of China."), "VEN-RUS-121 VEN-CHN-121");
    /* Without a conjunction "of" joins nothing: an apposition. */
    assert_string_equal(code("Venezuela criticized Russia, an ally of China."), "VEN-RUS-121");
}

/* An infinitive of a verb the dictionary lacks ("to take up the")
 * holds its own objects: none is the target of the verb before it;
 * "to" with a noun phrase ("to poor families") is no infinitive. */
static void test_code__unknown_infinitives(void **state) {
    (void)state;
    assert_string_equal(code("Venezuela promised to take up the issue with Guyana."), "");
    assert_string_equal(code("Venezuela promised to build a road with Guyana."), "");
    assert_string_equal(code("Venezuela promised support to poor families in Guyana."), "VEN-GUY-030");
    assert_string_equal(code("Venezuela criticized Guyana to win the vote in Cuba."), "VEN-GUY-121");
}

static void test_code__passive_and_negation(void **state) {
    (void)state;
    assert_string_equal(code("Venezuela was criticized by the United States."), "USA-VEN-121");
    assert_string_equal(code("Venezuela was heavily criticized by the United States."), "USA-VEN-123");
    /* Passive with no "by": the subject is still the source. */
    assert_string_equal(code("Venezuela was criticized over its dispute with Guyana."), "VEN-GUY-121");
    /* ... but "in X" after an agentless passive names the side that did it. */
    assert_string_equal(code("Venezuela soldiers were attacked in Guyana."), "GUY-VENMIL-190");
    assert_string_equal(code("There were ten Venezuela soldiers attacked in Guyana yesterday."), "GUY-VENMIL-190");
    /* "is attacking" is no passive. */
    assert_string_equal(code("Venezuela is attacking soldiers in Guyana."), "VEN-GUYMIL-190");
    assert_string_equal(code("Venezuela did not attack Guyana."), "");
    assert_string_equal(code("Venezuela didn't attack Guyana."), "");
    assert_string_equal(code("Venezuela never attacked Guyana."), "");
    /* The negation holds for the verb a negated verb governs ... */
    assert_string_equal(code("Venezuela promised to attack Guyana."), "VEN-GUY-190");
    assert_string_equal(code("Venezuela did not promise to attack Guyana."), "");
    /* ... not for one conjoined with it, which shares its subject. */
    assert_string_equal(code("Venezuela did not attack Guyana and promised aid to Cuba."), "VEN-CUB-050");
    assert_string_equal(code("Venezuela did not attack Guyana and promised to attack Cuba."), "VEN-CUB-190");
}

static void test_code__patterns_synsets_multiword(void **state) {
    (void)state;
    assert_string_equal(code("Russia sold cruise missiles to Venezuela."), "RUS-VEN-072");
    /* The block code "---" gives no event without the pattern. */
    assert_string_equal(code("Russia sold oil to Venezuela."), "");
    assert_string_equal(code("Washington will impose sanctions on Venezuela."), "USA-VEN-163");
    /* Conjoined verbs share the subject; a pattern after the second. */
    assert_string_equal(code("Venezuela condemned Guyana and promised aid to Cuba."), "VEN-GUY-122 VEN-CUB-050");
}

/* PETRARCH joins: "GONDOR RADIO" (space) names "Gondor state-run radio",
 * "GONDOR_FLEET_" (underscore) only "Gondor fleet". */
static void test_code__space_and_underscore_joins(void **state) {
    (void)state;
    assert_string_equal(code("Gondor radio criticized Venezuela."), "GONRAD-VEN-121");
    assert_string_equal(code("Gondor state-run radio criticized Venezuela."), "GONRAD-VEN-121");
    assert_string_equal(code("Gondor official radio criticized Venezuela."), "GONRAD-VEN-121");
    assert_string_equal(code("Venezuela criticized Gondor independent radio."), "VEN-GONRAD-121");
    /* Underscore: adjacent only. */
    assert_string_equal(code("Gondor fleet attacked Venezuela."), "GONNAV-VEN-190");
    assert_string_equal(code("Gondor naval fleet attacked Venezuela."), "GON-VEN-190");
    /* No skip over punctuation, a determiner, a conjunction, a verb, or
     * more than two words. */
    assert_string_equal(code("Venezuela criticized Gondor, radio said."), "VEN-GON-121");
    assert_string_equal(code("Venezuela criticized Gondor the radio."), "VEN-GON-121");
    assert_string_equal(code("Venezuela criticized Gondor and radio hosts."), "VEN-GON-121");
    assert_string_equal(code("Gondor criticized radio hosts."), "");
    assert_string_equal(code("Venezuela criticized Gondor new official state radio."), "VEN-GON-121");
}

static void test_code__date_restrictions(void **state) {
    (void)state;
    assert_string_equal(code_opt("Maduro criticized Guyana.", 20100101, 0), "VENELI-GUY-121");
    assert_string_equal(code_opt("Maduro criticized Guyana.", 20251104, 0), "VENGOV-GUY-121");
    assert_string_equal(code_opt("Maduro criticized Guyana.", 20260201, 0), "VENELI-GUY-121");
}

static void test_code__pronouns(void **state) {
    (void)state;
    assert_string_equal(code("Venezuela said it would attack Guyana."), "VEN-GUY-190");
    assert_string_equal(code("Guyana protested. It criticized Venezuela."), "GUY-VEN-121");
    assert_string_equal(code_opt("Guyana protested. It criticized Venezuela.", 20251104, VG_CODE_NO_PRONOUNS), "");
    /* An object "it" is not the subject but the actor before it. */
    assert_string_equal(code("Guyana protested. Venezuela condemned it."), "VEN-GUY-122");
}

static void test_code__discards_and_one_per_story(void **state) {
    (void)state;
    assert_string_equal(code("Venezuela criticized Guyana after the football match."), "");
    /* A sentence discard leaves the other sentences. */
    assert_string_equal(code("Venezuela criticized Guyana at a football match. Russia attacked Iran."), "RUS-IRN-190");
    /* A story discard drops the whole record. */
    assert_string_equal(code("Venezuela criticized Guyana. The hurricane hit Cuba."), "");
    /* One per story unless asked. */
    assert_string_equal(code("Venezuela criticized Guyana. Venezuela criticized Guyana again."), "VEN-GUY-121");
    assert_string_equal(code_opt("Venezuela criticized Guyana. Venezuela criticized Guyana again.", 20251104,
                                 VG_CODE_ALL_EVENTS),
                        "VEN-GUY-121 VEN-GUY-121");
}

static void test_code__datelines_and_sentence_records(void **state) {
    (void)state;
    assert_string_equal(code("CARACAS, Nov 12 (AFP) - Venezuela criticized Guyana."), "VEN-GUY-121");
    /* A record marked as one sentence is not split. */
    vg_doc *doc;
    assert_int_equal(vg_doc_new(&doc), VG_OK);
    const char *t = "Mr. Smith left. Venezuela criticized Guyana.";
    vg_record rec = { 0 };
    rec.id = "s"; rec.id_len = 1; rec.text = t; rec.text_len = strlen(t); rec.is_sentence = 1;
    assert_int_equal(vg_code(doc, dict, &rec, NULL, NULL), VG_OK);
    assert_int_equal(vg_doc_sentence_count(doc), 1);
    vg_doc_free(doc);
}

static void test_code__any_bytes(void **state) {
    (void)state;
    vg_doc *doc;
    assert_int_equal(vg_doc_new(&doc), VG_OK);
    vg_record rec = { 0 };
    rec.id = "b"; rec.id_len = 1; rec.date = 20251104;
    /* Random bytes, with NULs and invalid UTF-8, reusing one doc. */
    size_t n = 1 << 16;
    char *buf = malloc(n);
    assert_non_null(buf);
    unsigned seed = 7;
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < n; i++) { seed = seed * 1103515245u + 12345u; buf[i] = (char)(seed >> 16); }
        rec.text = buf; rec.text_len = n;
        vg_status st = vg_code(doc, dict, &rec, NULL, NULL);
        assert_true(st == VG_OK || st == VG_ERR_LIMIT);
    }
    /* Dictionary words glued by junk still code. */
    const char junk[] = "Venezuela\x00\xff criticized \xc3 Guyana.";
    rec.text = junk; rec.text_len = sizeof junk - 1;
    assert_int_equal(vg_code(doc, dict, &rec, NULL, NULL), VG_OK);
    assert_int_equal(vg_doc_event_count(doc), 1);
    /* A 5 MB line with no sentence end: reported as a limit, no crash. */
    size_t big = 5u << 20;
    char *line = malloc(big);
    assert_non_null(line);
    for (size_t i = 0; i < big; i++) line[i] = "Venezuela criticized Guyana "[i % 28];
    rec.text = line; rec.text_len = big;
    vg_error err;
    vg_error_clear(&err);
    assert_int_equal(vg_code(doc, dict, &rec, NULL, &err), VG_ERR_LIMIT);
    assert_string_equal(err.record, "b");
    /* Within the limit the same text codes (one per story). */
    vg_code_options o = VG_CODE_OPTIONS_INIT;
    o.max_sentence_bytes = big + 1;
    vg_status st = vg_code(doc, dict, &rec, &o, &err);
    assert_true(st == VG_OK || st == VG_ERR_LIMIT);
    /* Empty text. */
    rec.text = ""; rec.text_len = 0;
    assert_int_equal(vg_code(doc, dict, &rec, NULL, NULL), VG_OK);
    assert_int_equal(vg_doc_event_count(doc), 0);
    assert_int_equal(vg_doc_sentence_count(doc), 0);
    /* No sentence on a fresh document: empty, or only white space
     * (FINDINGS #6, a memcpy from a NULL span list under UBSan). */
    static const char *const blank[] = {"", "\v", " \t\r\n "};
    for (size_t i = 0; i < sizeof blank / sizeof *blank; i++) {
        vg_doc *fresh = NULL;
        assert_int_equal(vg_doc_new(&fresh), VG_OK);
        rec.text = blank[i]; rec.text_len = strlen(blank[i]);
        assert_int_equal(vg_code(fresh, dict, &rec, NULL, NULL), VG_OK);
        assert_int_equal(vg_doc_sentence_count(fresh), 0);
        assert_int_equal(vg_doc_event_count(fresh), 0);
        vg_doc_free(fresh);
    }
    free(line);
    free(buf);
    vg_doc_free(doc);
}

static void test_code__transformations(void **state) {
    (void)state;
    /* A reported attack is an accusation (CAMEO 112) by the reporter. */
    assert_string_equal(code("Venezuela said that Guyana attacked Cuba."), "VEN-GUY-112");
    /* So is a deed conjoined with it; a new clause after it is not. */
    assert_string_equal(code("Venezuela said that Guyana had attacked Cuba and bombed Russia."), "VEN-GUY-112");
    assert_string_equal(code("Venezuela said that Guyana attacked Cuba. Guyana then bombed Russia."),
                        "VEN-GUY-112 GUY-RUS-195");
    /* Reporting one's own deed is the deed. */
    assert_string_equal(code("Venezuela said it attacked Guyana."), "VEN-GUY-190");
    /* Wanting someone else to attack: 021; wanting to attack: a threat. */
    assert_string_equal(code("Russia wants Venezuela to attack Guyana."), "RUS-VEN-021");
    assert_string_equal(code("Russia wants to attack Guyana."), "RUS-GUY-138");
}

static void test_code__paired_codes(void **state) {
    (void)state;
    /* A verb's own asymmetric pair codes one event; a symmetric pattern
     * pair and a block header pair code both. */
    assert_string_equal(code("Venezuela hosted Russia."), "VEN-RUS-042");
    assert_string_equal(code("Venezuela hosted talks with Russia."), "VEN-RUS-046 RUS-VEN-046");
    assert_string_equal(code("Venezuela will visit Russia."), "VEN-RUS-042 RUS-VEN-043");
}

static void test_code__participles(void **state) {
    (void)state;
    /* Reduced relative and trailing participle are not events of their own. */
    assert_string_equal(code("The soldiers attacked in Guyana were criticized by Venezuela."), "VEN----MIL-121");
    assert_string_equal(code("Russia attacked Guyana, criticizing Venezuela."), "RUS-GUY-190");
    /* A plural noun that is also a verb form, before a bare verb. */
    assert_string_equal(code("Venezuela forces attack Guyana."), "VEN-GUY-190");
    /* "Former": CAMEO's elites. */
    assert_string_equal(code("Former Venezuela soldiers criticized Guyana."), "VENELI-GUY-121");
    /* A personal pronoun we cannot resolve is a subject of its own. */
    assert_string_equal(code("In Guyana, he criticized Venezuela."), "");
    /* A noun after a determiner is not a verb. */
    assert_string_equal(code("Venezuela condemned the attack on Guyana."), "VEN-GUY-122");
    /* Nor a verb form after an agent word that follows a verb: the agent
     * modifies the object noun ("suspended military aid"). */
    assert_string_equal(code("Venezuela condemned government attacks on Guyana."), "VEN----GOV-122");
    /* A past form there is a verb of its own (reported speech). */
    assert_string_equal(code("Venezuela said soldiers attacked Guyana."), "VEN----MIL-112");
    /* Nor a verb's base form after "a/an" and a name: "a Venezuela attack". */
    assert_string_equal(code("Cuba criticized a Venezuela attack on Guyana."), "CUB-VEN-121");
}

/* Force posture (root 15) and sanctions (root 16) are acts towards another
 * country: the source's own troops are the instrument, not the target, and
 * a firm with no country is not taken for one of the source's. */
static void test_code__external_acts(void **state) {
    (void)state;
    assert_string_equal(code("Venezuela deployed soldiers near Guyana."), "VEN-GUY-154");
    assert_string_equal(code("Venezuela deployed Venezuela soldiers to Guyana."), "VEN-GUY-154");
    assert_string_equal(code("Venezuela deployed soldiers."), "");
    /* "its" names the source: past it and its soldiers to the target. */
    assert_string_equal(code("Venezuela deployed its soldiers to Guyana."), "VEN-GUY-154");
    /* What "its" or "their" owns is the source's own as well. */
    assert_string_equal(code("Venezuela deployed soldiers to its Cuba base to deter Guyana."), "VEN-GUY-154");
    /* Someone else's soldiers are a target like any other party. */
    assert_string_equal(code("Venezuela deployed soldiers near Guyana soldiers."), "VEN-GUYMIL-154");
    /* Other codes keep the first party after the verb. */
    assert_string_equal(code("Venezuela criticized soldiers near Guyana."), "VEN----MIL-121");
    /* Conjoined verbs share their subject. */
    assert_string_equal(code("Russia condemned the United States and promised aid to Venezuela."),
                        "RUS-USA-122 RUS-VEN-050");
    /* With dictionaries whose agents take a country from the sentence. */
    vg_dict_builder *b;
    vg_dict *d2;
    vg_error err;
    assert_int_equal(vg_dict__builder_new(&b, NULL, &err), VG_OK);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_VERBS, VERBS, strlen(VERBS), "v", &err), VG_OK);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_ACTORS, ACTORS, strlen(ACTORS), "a", &err), VG_OK);
    assert_int_equal(vg_dict__load_petr_mem(b, VG_PETR_AGENTS, AGENTS, strlen(AGENTS), "g", &err), VG_OK);
    vg_dict__set_flags(b, VG_DICTF_AGENT_COUNTRY);
    assert_int_equal(vg_dict__builder_finish(b, &d2, &err), VG_OK);
    vg_dict *saved = dict;
    dict = d2;
    assert_string_equal(code("The United States imposed sanctions on firms."), "USA----BUS-163");
    assert_string_equal(code("The United States imposed sanctions on firms that buy Venezuela oil."),
                        "USA-VENBUS-163");
    /* Not an external act: the agent is taken for one of the source's. */
    assert_string_equal(code("Venezuela criticized soldiers."), "VEN-VENMIL-121");
    dict = saved;
    vg_dict_free(d2);
}

/* An agent with no country takes that of the place it is at: "in X",
 * "southwest of X", after words of its own noun phrase; not "near X". */
static void test_code__agent_locations(void **state) {
    (void)state;
    assert_string_equal(code("Soldiers north of Caracas attacked Guyana."), "VENMIL-GUY-190");
    assert_string_equal(code("Soldiers near Caracas attacked Guyana."), "---MIL-GUY-190");
    assert_string_equal(code("Russia attacked a soldier training camp southwest of Caracas."), "RUS-VENMIL-190");
    /* A name after the place and a comma is no compound with it. */
    assert_string_equal(code("Russia attacked soldiers southwest of Caracas, the Cuba government said."),
                        "RUS-VENMIL-190");
    /* A verb ends the agent's noun phrase: the place is the target. */
    assert_string_equal(code("Soldiers attacked north of Caracas."), "---MIL-VEN-190");
    /* A place that starts a compound is no location of the agent. */
    assert_string_equal(code("The government of Russia, China and Iran criticized Guyana."),
                        "RUSGOV-GUY-121 CHNGOV-GUY-121 IRNGOV-GUY-121");
}

/* An apposition between commas before the verb names the subject again:
 * the subject is the noun phrase before it. */
static void test_code__appositives(void **state) {
    (void)state;
    assert_string_equal(code("The Venezuela government, Maduro, criticized Guyana."), "VENGOV-GUY-121");
    assert_string_equal(code("Guyana, a neighbour of Venezuela, criticized Russia."), "GUY-RUS-121");
    /* A phrase after a comma that is not followed by one is the subject. */
    assert_string_equal(code("In Guyana, Venezuela criticized Russia."), "VEN-RUS-121");
}

static void test_code__issues(void **state) {
    (void)state;
    vg_doc *doc;
    assert_int_equal(vg_doc_new(&doc), VG_OK);
    const char *t = "Drug cartels and smugglers crossed from Venezuela. Guyana found an oil field. Smugglers returned.";
    vg_record rec = { 0 };
    rec.id = "i"; rec.id_len = 1; rec.date = 20251104; rec.text = t; rec.text_len = strlen(t);
    assert_int_equal(vg_code(doc, dict, &rec, NULL, NULL), VG_OK);
    assert_int_equal(vg_doc_issue_count(doc), 2);
    assert_string_equal(vg_doc_issue(doc, 0), "NARCOTICS");
    assert_string_equal(vg_doc_issue(doc, 1), "ENERGY");
    assert_null(vg_doc_issue(doc, 2));
    /* The next record starts empty. */
    rec.text = "Venezuela criticized Guyana."; rec.text_len = strlen(rec.text);
    assert_int_equal(vg_code(doc, dict, &rec, NULL, NULL), VG_OK);
    assert_int_equal(vg_doc_issue_count(doc), 0);
    vg_doc_free(doc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code__basic_and_evidence),
        cmocka_unit_test(test_code__agents),
        cmocka_unit_test(test_code__compounds),
        cmocka_unit_test(test_code__unknown_infinitives),
        cmocka_unit_test(test_code__passive_and_negation),
        cmocka_unit_test(test_code__patterns_synsets_multiword),
        cmocka_unit_test(test_code__space_and_underscore_joins),
        cmocka_unit_test(test_code__date_restrictions),
        cmocka_unit_test(test_code__pronouns),
        cmocka_unit_test(test_code__discards_and_one_per_story),
        cmocka_unit_test(test_code__datelines_and_sentence_records),
        cmocka_unit_test(test_code__any_bytes),
        cmocka_unit_test(test_code__transformations),
        cmocka_unit_test(test_code__paired_codes),
        cmocka_unit_test(test_code__participles),
        cmocka_unit_test(test_code__agent_locations),
        cmocka_unit_test(test_code__appositives),
        cmocka_unit_test(test_code__issues),
        cmocka_unit_test(test_code__external_acts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
