/* test_text.c — normalizer, tokenizer, sentence splitter, datelines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

static void norm_is(const char *in, const char *want) {
    char out[128];
    size_t n = vg_text__normalize(in, strlen(in), out, sizeof out);
    assert_int_equal(n, strlen(want));
    assert_string_equal(out, want);
}

static void test_text__normalize_accents_and_case(void **state) {
    (void)state;
    norm_is("Nicolás", "NICOLAS");
    norm_is("Ñuñoa", "NUNOA");
    norm_is("Straße", "STRASSE");
    norm_is("Æsir Øresund", "AESIR ORESUND");
    norm_is("Łódź", "LODZ");
    norm_is("Bogotá", "BOGOTA");
    norm_is("Ceaușescu", "CEAUSESCU");
    norm_is("O\xe2\x80\x99Neill", "O'NEILL");        /* curly apostrophe */
    norm_is("pro\xe2\x80\x93government", "PRO-GOVERNMENT"); /* en dash */
    norm_is("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0"); /* Cyrillic kept */
}

static void test_text__normalize_bad_bytes(void **state) {
    (void)state;
    const char in[] = { 'a', (char)0xff, 'b', '\0', 'c', (char)0xc3 }; /* invalid, NUL, truncated */
    char out[16];
    size_t n = vg_text__normalize(in, sizeof in, out, sizeof out);
    assert_int_equal(n, 3);
    assert_string_equal(out, "ABC");
    /* Truncation behaves like snprintf. */
    n = vg_text__normalize("Venezuela", 9, out, 4);
    assert_int_equal(n, 9);
    assert_string_equal(out, "VEN");
    assert_int_equal(vg_text__normalize("x", 1, NULL, 0), 1);
}

static void test_text__utf8_decode(void **state) {
    (void)state;
    uint32_t cp;
    assert_int_equal(vg_text__utf8_decode("\xc3\xa1", 2, &cp), 2);
    assert_int_equal(cp, 0xE1);
    assert_int_equal(vg_text__utf8_decode("\xe2\x80\x99", 3, &cp), 3);
    assert_int_equal(cp, 0x2019);
    assert_int_equal(vg_text__utf8_decode("\xc0\xaf", 2, &cp), 1); /* overlong */
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(vg_text__utf8_decode("\xed\xa0\x80", 3, &cp), 1); /* surrogate */
    assert_int_equal(vg_text__utf8_decode("\xe2\x80", 2, &cp), 1);     /* truncated */
}

/* Keys of all tokens joined by spaces. */
static char *keys(const char *s) {
    static char buf[2048];
    vg_tokvec tv = VG_TOKVEC_INIT;
    assert_int_equal(vg_text__tokenize(&tv, s, strlen(s)), VG_OK);
    buf[0] = '\0';
    for (size_t i = 0; i < tv.n; i++) {
        if (i) strcat(buf, " ");
        strcat(buf, vg_text__key(&tv, i));
    }
    vg_text__tokvec_free(&tv);
    return buf;
}

static void test_text__tokenize_words(void **state) {
    (void)state;
    assert_string_equal(keys("Nicolás Maduro's government didn't meet U.S. envoys."),
                        "NICOLAS MADURO 'S GOVERNMENT DID N'T MEET U.S. ENVOYS .");
    assert_string_equal(keys("George W. Bush can't pay 3.5 million, or 1,200 pesos"),
                        "GEORGE W. BUSH CA N'T PAY 3.5 MILLION , OR 1,200 PESOS");
    assert_string_equal(keys("pro-government rebels' leaders won't go"),
                        "PRO-GOVERNMENT REBELS 'S LEADERS WO N'T GO");
    assert_string_equal(keys("the K.U. team\xe2\x80\x99s \xe2\x80\x9cwin\xe2\x80\x9d"),
                        "THE K.U. TEAM 'S \" WIN \"");
    assert_string_equal(keys("O'Neill met Mr. Smith on Jan. 5"), "O'NEILL MET MR . SMITH ON JAN . 5");
}

static void test_text__tokenize_kinds_and_offsets(void **state) {
    (void)state;
    const char *s = "Gondor's 12 ships, sunk!";
    vg_tokvec tv = VG_TOKVEC_INIT;
    assert_int_equal(vg_text__tokenize(&tv, s, strlen(s)), VG_OK);
    assert_int_equal(tv.n, 7);
    assert_int_equal(tv.v[0].kind, VG_TOK_WORD);
    assert_true(tv.v[0].flags & VG_TOKF_CAP);
    assert_int_equal(tv.v[1].kind, VG_TOK_POSS);
    assert_int_equal(tv.v[2].kind, VG_TOK_NUMBER);
    assert_int_equal(tv.v[4].kind, VG_TOK_COMMA);
    assert_int_equal(tv.v[6].kind, VG_TOK_END);
    /* Views point into the text. */
    assert_int_equal(tv.v[3].off, 12);
    assert_int_equal(tv.v[3].len, 5);
    assert_memory_equal(s + tv.v[3].off, "ships", 5);
    /* A period inside the sentence is not its end. */
    assert_int_equal(vg_text__tokenize(&tv, "Mr. X left.", 11), VG_OK);
    assert_int_equal(tv.v[1].kind, VG_TOK_PUNCT);
    assert_int_equal(tv.v[tv.n - 1].kind, VG_TOK_END);
    vg_text__tokvec_free(&tv);
}

static void test_text__tokenize_any_bytes(void **state) {
    (void)state;
    /* Invalid UTF-8, NUL and control bytes: tokens never contain them. */
    char buf[4096];
    unsigned seed = 12345;
    vg_tokvec tv = VG_TOKVEC_INIT;
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (char)(seed >> 16);
        }
        assert_int_equal(vg_text__tokenize(&tv, buf, sizeof buf), VG_OK);
        for (size_t i = 0; i < tv.n; i++) {
            const char *k = vg_text__key(&tv, i);
            assert_int_equal(strlen(k), tv.v[i].norm_len);
            assert_true(tv.v[i].off + tv.v[i].len <= sizeof buf);
            assert_true(tv.v[i].norm_len <= VG_TEXT_MAX_KEY);
        }
    }
    /* A 1 MB word is cut to the key limit. */
    size_t big = 1 << 20;
    char *w = malloc(big);
    assert_non_null(w);
    memset(w, 'a', big);
    assert_int_equal(vg_text__tokenize(&tv, w, big), VG_OK);
    assert_int_equal(tv.n, 1);
    assert_int_equal(tv.v[0].norm_len, VG_TEXT_MAX_KEY);
    free(w);
    vg_text__tokvec_free(&tv);
}

/* The key of every word, number and punctuation token is what the
 * normalizer makes of the token's bytes (cut at the key limit): the
 * tokenizer's ASCII fast path (keys written while the word is scanned)
 * must agree with the full normalizer on every token. */
static void test_text__tokenize_fast_keys_match_normalizer(void **state) {
    (void)state;
    const char *texts[] = {
        "Nicol\xc3\xa1s Maduro's government didn't meet U.S. envoys in Caracas on Jan. 5, 2026.",
        "The K.U. team\xe2\x80\x99s \xe2\x80\x9cwin\xe2\x80\x9d pro\xe2\x80\x93government `quoted' O`Neill",
        "ALL-CAPS HEADLINE: STRA\xc3\x9f\x45 \xc3\x86SIR 3.5% 1,200 \xe2\x80\xa6 end",
        "mixedCASE words_with_underscores tab\there \xc2\xa0nbsp \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0!",
    };
    vg_tokvec tv = VG_TOKVEC_INIT;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        const char *s = texts[t];
        assert_int_equal(vg_text__tokenize(&tv, s, strlen(s)), VG_OK);
        assert_true(tv.n > 5);
        for (size_t i = 0; i < tv.n; i++) {
            const vg_token *k = &tv.v[i];
            if (k->kind == VG_TOK_POSS || !strcmp(vg_text__key(&tv, i), "N'T")) continue;
            char want[VG_TEXT_MAX_KEY * 2 + 8];
            size_t m = vg_text__normalize(s + k->off, k->len, want, sizeof want);
            assert_true(m <= VG_TEXT_MAX_KEY);
            assert_int_equal(k->norm_len, m);
            assert_string_equal(vg_text__key(&tv, i), want);
        }
    }
    vg_text__tokvec_free(&tv);
}

/* ASCII and accented or typographic spellings of a word give one key. */
static void test_text__tokenize_ascii_and_utf8_agree(void **state) {
    (void)state;
    char a[256];
    strcpy(a, keys("Nicolas Maduro met O'Neill, a pro-government Bogota envoy"));
    assert_string_equal(keys("Nicol\xc3\xa1s Maduro met O\xe2\x80\x99Neill, a pro\xe2\x80\x93government "
                             "Bogot\xc3\xa1 envoy"), a);
    assert_string_equal(keys("NICOL\xc3\x81S MADURO MET O`NEILL, A PRO\xe2\x80\x91GOVERNMENT BOGOT\xc3\x81 ENVOY"), a);
    assert_string_equal(a, "NICOLAS MADURO MET O'NEILL , A PRO-GOVERNMENT BOGOTA ENVOY");
}

/* Tokenize exactly n bytes of a heap copy (so a sanitizer build catches any
 * read past the end) and return the keys. */
static char *keys_n(const char *s, size_t n) {
    static char buf[2048];
    char *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    memcpy(copy, s, n);
    vg_tokvec tv = VG_TOKVEC_INIT;
    assert_int_equal(vg_text__tokenize(&tv, copy, n), VG_OK);
    buf[0] = '\0';
    for (size_t i = 0; i < tv.n; i++) {
        if (i) strcat(buf, " ");
        strcat(buf, vg_text__key(&tv, i));
        assert_true(tv.v[i].off + tv.v[i].len <= n);
    }
    vg_text__tokvec_free(&tv);
    free(copy);
    return buf;
}

/* The end of the input in the middle of what would continue a word: the
 * bytes after n are never looked at. */
static void test_text__tokenize_input_end(void **state) {
    (void)state;
    assert_string_equal(keys_n("Maduro's", 6), "MADURO");
    assert_string_equal(keys_n("Maduro's", 7), "MADURO '");
    assert_string_equal(keys_n("Maduro's", 8), "MADURO 'S");
    assert_string_equal(keys_n("rebels'", 7), "REBELS 'S");
    assert_string_equal(keys_n("didn't", 5), "DIDN '");
    assert_string_equal(keys_n("didn't", 6), "DID N'T");
    assert_string_equal(keys_n("U.S.", 3), "U. S");
    assert_string_equal(keys_n("U.S.", 4), "U.S.");
    assert_string_equal(keys_n("3.5", 2), "3 .");
    assert_string_equal(keys_n("pro-", 4), "PRO -");
    assert_string_equal(keys_n("Bogot\xc3\xa1", 7), "BOGOTA");
    assert_string_equal(keys_n("Bogot\xc3\xa1", 6), "BOGOT"); /* truncated UTF-8 is dropped */
    assert_string_equal(keys_n("O\xe2\x80\x99", 4), "O '");
    assert_string_equal(keys_n("a", 1), "A");
    assert_string_equal(keys_n("", 0), "");
}

/* Keys are cut at VG_TEXT_MAX_KEY bytes, at a UTF-8 boundary, on both the
 * ASCII and the UTF-8 path; a long sentence after short ones (reused
 * vectors) keeps every key. */
static void test_text__tokenize_key_limit(void **state) {
    (void)state;
    char w[200];
    memset(w, 'b', sizeof w);
    w[VG_TEXT_MAX_KEY] = ' ';
    vg_tokvec tv = VG_TOKVEC_INIT;
    assert_int_equal(vg_text__tokenize(&tv, w, VG_TEXT_MAX_KEY + 1 + 65), VG_OK);
    assert_int_equal(tv.n, 2);
    assert_int_equal(tv.v[0].norm_len, VG_TEXT_MAX_KEY);
    assert_int_equal(tv.v[1].norm_len, VG_TEXT_MAX_KEY);
    assert_int_equal(tv.v[1].len, 65);
    /* 63 ASCII letters then a 2-byte Cyrillic letter: cut before it. */
    memset(w, 'c', 63);
    memcpy(w + 63, "\xd0\x9c" "dd", 4);
    assert_int_equal(vg_text__tokenize(&tv, w, 67), VG_OK);
    assert_int_equal(tv.n, 1);
    assert_int_equal(tv.v[0].norm_len, 63);
    /* 63 letters then an accented one that folds to ASCII: 64 bytes. */
    memcpy(w + 63, "\xc3\xa9" "dd", 4);
    assert_int_equal(vg_text__tokenize(&tv, w, 67), VG_OK);
    assert_int_equal(tv.v[0].norm_len, 64);
    assert_int_equal(vg_text__key(&tv, 0)[63], 'E');
    /* Reuse: short, then many tokens. */
    assert_int_equal(vg_text__tokenize(&tv, "a b", 3), VG_OK);
    size_t big = 20000;
    char *s = malloc(big);
    assert_non_null(s);
    for (size_t i = 0; i < big; i += 2) { s[i] = (char)('a' + i % 26); s[i + 1] = i % 10 ? ' ' : '\''; }
    assert_int_equal(vg_text__tokenize(&tv, s, big), VG_OK);
    for (size_t i = 0; i < tv.n; i++) {
        char want[8];
        vg_text__normalize(s + tv.v[i].off, tv.v[i].len, want, sizeof want);
        if (tv.v[i].kind != VG_TOK_POSS) assert_string_equal(vg_text__key(&tv, i), want);
    }
    free(s);
    vg_text__tokvec_free(&tv);
}

/* Sentences of s joined by " | ". */
static char *sents(const char *s) {
    static char buf[4096];
    vg_spanvec sv = VG_SPANVEC_INIT;
    assert_int_equal(vg_text__split(&sv, s, strlen(s)), VG_OK);
    buf[0] = '\0';
    for (size_t i = 0; i < sv.n; i++) {
        if (i) strcat(buf, " | ");
        strncat(buf, s + sv.v[i].off, sv.v[i].len);
    }
    vg_text__spanvec_free(&sv);
    return buf;
}

static void test_text__split_sentences(void **state) {
    (void)state;
    assert_string_equal(sents("Venezuela protested. The U.S. Navy sank a boat. Mr. Rubio spoke on Jan. 5 in Caracas."),
                        "Venezuela protested. | The U.S. Navy sank a boat. | Mr. Rubio spoke on Jan. 5 in Caracas.");
    assert_string_equal(sents("George W. Bush met Gen. Smith. Inflation hit 3.5 percent."),
                        "George W. Bush met Gen. Smith. | Inflation hit 3.5 percent.");
    assert_string_equal(sents("\"We will respond,\" he said. \"Now.\" Then silence!  Really? yes."),
                        "\"We will respond,\" he said. | \"Now.\" | Then silence! | Really? yes.");
    assert_string_equal(sents("First paragraph without period\n\nSecond one."),
                        "First paragraph without period | Second one.");
    assert_string_equal(sents("Talks moved to the U.S. The next round is in May."),
                        "Talks moved to the U.S. | The next round is in May.");
    assert_string_equal(sents("   "), "");
}

/* The splitter skips 8 bytes at a time up to the next . ! ? or newline:
 * the same boundaries wherever they fall relative to those blocks, and
 * at the very end of the input. */
static void test_text__split_block_positions(void **state) {
    (void)state;
    for (size_t pad = 0; pad < 17; pad++) {
        char in[256], want[256];
        memset(in, 'x', pad);
        strcpy(in + pad, " protested. The U.S. Navy sank a boat!\n\nMr. Rubio spoke? Yes.");
        memset(want, 'x', pad);
        strcpy(want + pad, " protested. | The U.S. Navy sank a boat! | Mr. Rubio spoke? | Yes.");
        assert_string_equal(sents(in), pad ? want : want + 1);
    }
    /* A terminator as the last byte, after runs longer than a block. */
    assert_string_equal(sents("abcdefghijklmnopqrstuvwxyz."), "abcdefghijklmnopqrstuvwxyz.");
    assert_string_equal(sents("abcdefghijklmnop. Qrstuvwxyzabcdefgh"), "abcdefghijklmnop. | Qrstuvwxyzabcdefgh");
}

static void test_text__dateline(void **state) {
    (void)state;
    const char *a = "CARACAS, Nov 12 (AFP) - Venezuela said on Tuesday.";
    assert_string_equal(a + vg_text__dateline(a, strlen(a)), "Venezuela said on Tuesday.");
    const char *b = "WASHINGTON (Reuters) \xe2\x80\x94 The United States imposed sanctions.";
    assert_string_equal(b + vg_text__dateline(b, strlen(b)), "The United States imposed sanctions.");
    const char *c = "PORT OF SPAIN, Trinidad, Nov. 12, 2025 (AP) -- Officials met.";
    assert_string_equal(c + vg_text__dateline(c, strlen(c)), "Officials met.");
    /* Ordinary sentences are never cut. */
    const char *d = "Venezuela - a close ally of Cuba - protested.";
    assert_int_equal(vg_text__dateline(d, strlen(d)), 0);
    const char *e = "Maduro said the talks - held in Oslo - failed.";
    assert_int_equal(vg_text__dateline(e, strlen(e)), 0);
    assert_int_equal(vg_text__dateline("", 0), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text__normalize_accents_and_case),
        cmocka_unit_test(test_text__normalize_bad_bytes),
        cmocka_unit_test(test_text__utf8_decode),
        cmocka_unit_test(test_text__tokenize_words),
        cmocka_unit_test(test_text__tokenize_kinds_and_offsets),
        cmocka_unit_test(test_text__tokenize_any_bytes),
        cmocka_unit_test(test_text__tokenize_fast_keys_match_normalizer),
        cmocka_unit_test(test_text__tokenize_ascii_and_utf8_agree),
        cmocka_unit_test(test_text__tokenize_input_end),
        cmocka_unit_test(test_text__tokenize_key_limit),
        cmocka_unit_test(test_text__split_sentences),
        cmocka_unit_test(test_text__split_block_positions),
        cmocka_unit_test(test_text__dateline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
