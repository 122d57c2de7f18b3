/* test_ontology.c — the compiled-in CAMEO event code and actor type tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ontology/ontology.h"

static void test_ontology__counts(void **state) {
    (void)state;
    /* CAMEO 1.1b3: 20 roots plus the 3- and 4-digit codes, roughly 300. */
    assert_in_range(vg_cameo_count(), 290, 330);
    size_t roots = 0, three = 0, four = 0;
    for (size_t i = 0; i < vg_cameo_count(); i++) {
        size_t n = strlen(vg_cameo_at(i)->code);
        if (n == 2) roots++; else if (n == 3) three++; else if (n == 4) four++;
        else fail_msg("code %s has %zu digits", vg_cameo_at(i)->code, n);
    }
    assert_int_equal(roots, 20);
    assert_true(three >= 140);
    assert_true(four >= 140);
    assert_null(vg_cameo_at(vg_cameo_count()));
    assert_true(vg_actor_type_count() >= 40);
    assert_null(vg_actor_type_at(vg_actor_type_count()));
}

static void test_ontology__sorted_and_consistent(void **state) {
    (void)state;
    for (size_t i = 0; i < vg_cameo_count(); i++) {
        const vg_cameo *c = vg_cameo_at(i);
        if (i > 0) assert_true(strcmp(vg_cameo_at(i - 1)->code, c->code) < 0);
        int root = (c->code[0] - '0') * 10 + (c->code[1] - '0');
        assert_int_equal(c->root, root);
        assert_int_equal(c->quad, vg_quad_of_root(root));
        assert_true(c->goldstein >= -10.0 && c->goldstein <= 10.0);
        assert_non_null(c->name);
        assert_true(c->name[0] != '\0');
        assert_non_null(c->plover);
        assert_non_null(c->plover_mode);
        /* every code is found by its own text, and its parent exists */
        assert_ptr_equal(vg_cameo_find(c->code, strlen(c->code)), c);
        if (strlen(c->code) > 2) assert_non_null(vg_cameo_find(c->code, strlen(c->code) - 1));
    }
    for (size_t i = 1; i < vg_actor_type_count(); i++)
        assert_true(strcmp(vg_actor_type_at(i - 1)->code, vg_actor_type_at(i)->code) < 0);
}

static void test_ontology__every_root_has_codes(void **state) {
    (void)state;
    for (int r = 1; r <= 20; r++) {
        char root[3], general[4];
        snprintf(root, sizeof root, "%02d", r);
        snprintf(general, sizeof general, "%02d0", r);
        const vg_cameo *c = vg_cameo_find(root, 2);
        assert_non_null(c);
        assert_non_null(vg_cameo_find(general, 3));
        size_t children = 0;
        for (size_t i = 0; i < vg_cameo_count(); i++)
            if (strncmp(vg_cameo_at(i)->code, root, 2) == 0 && strlen(vg_cameo_at(i)->code) == 3)
                children++;
        assert_true(children >= 5);
    }
}

static void test_ontology__quads(void **state) {
    (void)state;
    assert_int_equal(vg_quad_of_root(0), 0);
    assert_int_equal(vg_quad_of_root(21), 0);
    assert_int_equal(vg_quad_of_root(-3), 0);
    for (int r = 1; r <= 5; r++) assert_int_equal(vg_quad_of_root(r), 1);
    for (int r = 6; r <= 8; r++) assert_int_equal(vg_quad_of_root(r), 2);
    for (int r = 9; r <= 13; r++) assert_int_equal(vg_quad_of_root(r), 3);
    for (int r = 14; r <= 20; r++) assert_int_equal(vg_quad_of_root(r), 4);
}

static void test_ontology__known_codes(void **state) {
    (void)state;
    const vg_cameo *c = vg_cameo_find("163", 3);
    assert_non_null(c);
    assert_string_equal(c->name, "Impose embargo, boycott, or sanctions");
    assert_int_equal(c->root, 16);
    assert_int_equal(c->quad, 4);
    assert_true(c->goldstein == -8.0);
    assert_string_equal(c->plover, "SANCTION");

    c = vg_cameo_find("0874", 4);
    assert_non_null(c);
    assert_true(c->goldstein == 10.0);
    assert_int_equal(c->quad, 2);

    c = vg_cameo_find("042", 3);
    assert_non_null(c);
    assert_true(c->goldstein == 1.9);
    assert_string_equal(c->plover, "CONSULT");
    assert_string_equal(c->plover_mode, "visit");

    c = vg_cameo_find("1823", 4);
    assert_non_null(c);
    assert_int_equal(c->root, 18);
    assert_true(c->goldstein == -10.0);

    c = vg_cameo_find("057", 3);
    assert_non_null(c);
    assert_string_equal(c->name, "Sign formal agreement");
    assert_true(c->goldstein == 8.0);

    /* not NUL-terminated keys: only the first len bytes count */
    assert_non_null(vg_cameo_find("1951xyz", 4));
    assert_string_equal(vg_cameo_find("1951xyz", 4)->code, "1951");
    assert_string_equal(vg_cameo_find("19", 2)->code, "19");
}

static void test_ontology__unknown_codes(void **state) {
    (void)state;
    assert_null(vg_cameo_find("", 0));
    assert_null(vg_cameo_find(NULL, 3));
    assert_null(vg_cameo_find("00", 2));
    assert_null(vg_cameo_find("21", 2));
    assert_null(vg_cameo_find("199", 3));
    assert_null(vg_cameo_find("0", 1));
    assert_null(vg_cameo_find("01234", 5));
    assert_null(vg_cameo_find("abc", 3));
}

static void test_ontology__actor_types(void **state) {
    (void)state;
    static const char *const want[] = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY",
                                       "MED", "EDU", "BUS", "CRM", "CVL", "REF", "LAB", "HLH",
                                       "ELI", "LEG", "IGO", "NGO", "IMG", "INS"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const vg_actor_type *t = vg_actor_type_find(want[i], 3);
        assert_non_null(t);
        assert_string_equal(t->code, want[i]);
        assert_true(strlen(t->name) > 2);
    }
    assert_string_equal(vg_actor_type_find("MIL", 3)->name, "Military");
    assert_null(vg_actor_type_find("XYZ", 3));
    assert_null(vg_actor_type_find("GO", 2));
    assert_null(vg_actor_type_find("", 0));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ontology__counts),
        cmocka_unit_test(test_ontology__sorted_and_consistent),
        cmocka_unit_test(test_ontology__every_root_has_codes),
        cmocka_unit_test(test_ontology__quads),
        cmocka_unit_test(test_ontology__known_codes),
        cmocka_unit_test(test_ontology__unknown_codes),
        cmocka_unit_test(test_ontology__actor_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
