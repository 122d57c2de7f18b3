/* test_analyse.c — the analysis statistics on synthetic events stored in a
 * real SQLite store (a temporary file): trend aggregation and the CCI, blocs
 * recovered from planted signed structure, spike / turn / first-material
 * alerts that fire where planted and stay quiet on noise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "vigia.h"
#include "analyse/analyse.h" /* the two trend paths, compared below */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- helpers: a temporary store and events put through vg_store_put_events ---- */

typedef struct fixture {
    char path[256];
    vg_store *s;
    int ndocs;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->path, sizeof f->path, "%s/vigia-analyse-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    int fd = mkstemp(f->path);
    if (fd < 0) return -1;
    close(fd);
    unlink(f->path);
    vg_error err;
    if (vg_store_open(&f->s, f->path, NULL, &err) != VG_OK) {
        fprintf(stderr, "store: %s\n", err.message);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    vg_store_close(f->s, NULL);
    char p[300];
    unlink(f->path);
    snprintf(p, sizeof p, "%s-wal", f->path); unlink(p);
    snprintf(p, sizeof p, "%s-shm", f->path); unlink(p);
    free(f);
    return 0;
}

typedef struct spec { const char *src, *tgt, *code; } spec;

static double gold(const char *code) {
    const vg_cameo *c = vg_cameo_find(code, strlen(code));
    assert_non_null(c);
    return c->goldstein;
}

static int quad_of(const char *code) { return vg_cameo_find(code, strlen(code))->quad; }

static int32_t day_to_ymd(int d) {
    /* Day 0 = 2025-01-01; plain arithmetic through a struct-free calendar walk. */
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y = 2025, m = 0;
    for (;;) {
        int len = mdays[m] + (m == 1 && y % 4 == 0 && (y % 100 || y % 400 == 0));
        if (d < len) break;
        d -= len;
        if (++m == 12) { m = 0; y++; }
    }
    return y * 10000 + (m + 1) * 100 + d + 1;
}

/* One document on date ymd holding the n events of sp. */
static void put(fixture *f, int32_t ymd, const spec *sp, size_t n) {
    vg_event ev[16];
    char sent[16][160];
    assert_true(n <= 16);
    memset(ev, 0, sizeof ev);
    for (size_t i = 0; i < n; i++) {
        snprintf(sent[i], sizeof sent[i], "%s did %s to %s on %d.", sp[i].src, sp[i].code, sp[i].tgt, (int)ymd);
        ev[i].sentence = (int)i;
        ev[i].date = ymd;
        ev[i].source = sp[i].src;
        ev[i].target = sp[i].tgt;
        snprintf(ev[i].code, sizeof ev[i].code, "%s", sp[i].code);
        ev[i].root = atoi(sp[i].code) / (strlen(sp[i].code) == 2 ? 1 : strlen(sp[i].code) == 3 ? 10 : 100);
        ev[i].quad = quad_of(sp[i].code);
        ev[i].goldstein = gold(sp[i].code);
        ev[i].sentence_text = (vg_span){ sent[i], strlen(sent[i]) };
    }
    char id[32];
    snprintf(id, sizeof id, "doc-%d", f->ndocs++);
    vg_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = id;
    rec.id_len = strlen(id);
    rec.date = ymd;
    rec.text = "";
    vg_error err;
    vg_status st = vg_store_put_events(f->s, &rec, ev, n, &err);
    if (st != VG_OK) fprintf(stderr, "put: %s\n", err.message);
    assert_int_equal(st, VG_OK);
}

static void commit(fixture *f) {
    vg_error err;
    assert_int_equal(vg_store_commit(f->s, &err), VG_OK);
}

/* ---- trend ---- */

static void test_analyse__trend_aggregation(void **state) {
    fixture *f = *state;
    /* Week of Mon 2025-09-01: USA->VEN 190 (tue), VEN->USA 111 (wed), USA->VEN 036 (wed).
     * Week of 09-08: nothing. Week of 09-15: VEN->USAGOV 051. Another dyad to ignore. */
    spec w1a[] = { { "USAMIL", "VEN", "190" } };
    spec w1b[] = { { "VENGOV", "USA", "111" }, { "USA", "VENGOV", "036" } };
    spec w3[] = { { "VEN", "USAGOV", "051" } };
    spec other[] = { { "RUS", "VEN", "057" }, { "USA", "CUB", "163" } };
    put(f, 20250902, w1a, 1);
    put(f, 20250903, w1b, 2);
    put(f, 20250917, w3, 1);
    put(f, 20250904, other, 2);
    commit(f);

    vg_trend *t;
    vg_error err;
    assert_int_equal(vg_trend_build(&t, f->s, "USA", "VEN", VG_PERIOD_WEEK, 0, 0, &err), VG_OK);
    assert_int_equal(vg_trend_count(t), 3); /* the empty week is filled in */
    const vg_trend_point *p0 = vg_trend_at(t, 0), *p1 = vg_trend_at(t, 1), *p2 = vg_trend_at(t, 2);
    assert_int_equal(p0->period, 20250901);
    assert_int_equal(p1->period, 20250908);
    assert_int_equal(p2->period, 20250915);
    assert_int_equal(p0->all.events, 3);
    assert_int_equal(p0->ab.events, 2);
    assert_int_equal(p0->ba.events, 1);
    assert_int_equal(p0->all.quad[1], 1); /* 036 */
    assert_int_equal(p0->all.quad[3], 1); /* 111 */
    assert_int_equal(p0->all.quad[4], 1); /* 190 */
    double g190 = gold("190"), g111 = gold("111"), g036 = gold("036"), g051 = gold("051");
    assert_float_equal(p0->all.goldstein_sum, g190 + g111 + g036, 1e-9);
    assert_float_equal(p0->coop, g036, 1e-9);
    assert_float_equal(p0->conf, -(g190 + g111), 1e-9);
    assert_float_equal(p0->index, (g036 + g190 + g111) / (g036 - g190 - g111), 1e-9);
    assert_true(p0->index < 0); /* a strike outweighs a promise */
    assert_int_equal(p1->all.events, 0);
    assert_float_equal(p1->index, 0, 0);
    assert_int_equal(p2->ba.events, 1);
    assert_float_equal(p2->index, 1.0, 1e-12); /* cooperation only */
    const vg_trend_point *tot = vg_trend_total(t);
    assert_int_equal(tot->all.events, 4);
    assert_float_equal(tot->all.goldstein_sum, g190 + g111 + g036 + g051, 1e-9);
    vg_trend_free(t);

    /* By month with a window: September in one period, October empty. */
    assert_int_equal(vg_trend_build(&t, f->s, "USA", "VEN", VG_PERIOD_MONTH, 20250901, 20251031, &err), VG_OK);
    assert_int_equal(vg_trend_count(t), 2);
    assert_int_equal(vg_trend_at(t, 0)->all.events, 4);
    assert_int_equal(vg_trend_at(t, 1)->period, 20251001);
    assert_int_equal(vg_trend_at(t, 1)->all.events, 0);
    vg_trend_free(t);

    /* Conflict only gives -1; actor-level prefixes narrow the dyad. */
    assert_int_equal(vg_trend_build(&t, f->s, "USAMIL", "VEN", VG_PERIOD_DAY, 0, 0, &err), VG_OK);
    assert_int_equal(vg_trend_count(t), 1);
    assert_float_equal(vg_trend_total(t)->index, -1.0, 1e-12);
    vg_trend_free(t);

    /* Bad arguments are errors, not crashes. */
    assert_int_equal(vg_trend_build(&t, f->s, "", "VEN", VG_PERIOD_DAY, 0, 0, &err), VG_ERR_ARG);
    assert_int_equal(vg_trend_build(&t, f->s, "USA", "VEN", VG_PERIOD_DAY, 20251001, 20250901, &err), VG_ERR_ARG);
    assert_int_equal(vg_trend_build(&t, f->s, "USA", "VEN", VG_PERIOD_DAY, 10101, 99991231, &err), VG_ERR_LIMIT);
    assert_non_null(strstr(err.message, "periods"));

    /* Writers: CSV has a header and one line per period; JSON names the dyad. */
    assert_int_equal(vg_trend_build(&t, f->s, "USA", "VEN", VG_PERIOD_WEEK, 0, 0, &err), VG_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_int_equal(vg_trend_write(t, mem, VG_OUT_CSV, &err), VG_OK);
    fclose(mem);
    int lines = 0;
    for (size_t i = 0; i < len; i++) lines += buf[i] == '\n';
    assert_int_equal(lines, 4);
    assert_non_null(strstr(buf, "2025-09-08,0,0,0,"));
    free(buf);
    mem = open_memstream(&buf, &len);
    assert_int_equal(vg_trend_write(t, mem, VG_OUT_JSON, &err), VG_OK);
    fclose(mem);
    assert_non_null(strstr(buf, "\"a\":\"USA\",\"b\":\"VEN\",\"by\":\"week\""));
    assert_non_null(strstr(buf, "\"cci\":null")); /* the empty week */
    free(buf);
    mem = open_memstream(&buf, &len);
    assert_int_equal(vg_trend_write(t, mem, VG_OUT_TABLE, &err), VG_OK);
    fclose(mem);
    assert_non_null(strstr(buf, "United States"));
    assert_non_null(strstr(buf, "\xe2\x96")); /* a sparkline */
    free(buf);
    vg_trend_free(t);
}

static void test_analyse__sparkline(void **state) {
    (void)state;
    double v[] = { 0, 7, NAN, 3.5 };
    char buf[64];
    size_t n = vg_sparkline(buf, sizeof buf, v, 4, 0, 7);
    assert_string_equal(buf, "\xe2\x96\x81\xe2\x96\x88 \xe2\x96\x85");
    assert_int_equal(n, 10);
    /* Never writes past the buffer. */
    n = vg_sparkline(buf, 5, v, 4, 0, 7);
    assert_int_equal(n, 3);
}

/* ---- network ---- */

static void test_analyse__blocs_two_planted(void **state) {
    fixture *f = *state;
    const char *A[] = { "USA", "GUY", "TTO", "DOM", "PAN" };
    const char *B[] = { "VEN", "RUS", "CHN", "IRN", "CUB" };
    int32_t d = 20251001;
    /* Inside each bloc: cooperation (agreements, praise); between blocs:
     * conflict (sanctions, accusations). One friendly cross tie and one
     * quarrel inside a bloc make it not trivially separable. */
    for (int i = 0; i < 5; i++)
        for (int j = i + 1; j < 5; j++) {
            spec in[] = { { B[i], B[j], "057" }, { B[j], B[i], "051" }, { A[i], A[j], "057" } };
            /* TTO-DOM only quarrel (below): a negative tie inside bloc A. */
            put(f, d, in, i == 2 && j == 3 ? 2 : 3);
        }
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) {
            if ((i + j) % 2) continue;
            spec x[] = { { A[i], B[j], "163" }, { B[j], A[i], "112" } };
            put(f, d + 1, x, 2);
        }
    spec noise[] = { { "PAN", "RUS", "051" }, { "TTO", "DOM", "111" } }; /* PAN-RUS had no tie */
    put(f, d + 2, noise, 2);
    spec igo[] = { { "IGOUNO", "USA", "111" } };
    put(f, d + 2, igo, 1);
    commit(f);

    vg_network *net;
    vg_error err;
    assert_int_equal(vg_network_build(&net, f->s, NULL, &err), VG_OK);
    assert_int_equal(vg_network_node_count(net), 10); /* IGO left out by default */
    assert_int_equal(vg_network_bloc_count(net), 2);
    assert_true(vg_network_modularity(net) > 0.3);
    int bloc_a = -1, bloc_b = -1;
    for (size_t i = 0; i < vg_network_node_count(net); i++) {
        const vg_net_node *n = vg_network_node(net, i);
        if (!strcmp(n->code, "USA")) bloc_a = n->bloc;
        if (!strcmp(n->code, "VEN")) bloc_b = n->bloc;
    }
    assert_true(bloc_a >= 0 && bloc_b >= 0 && bloc_a != bloc_b);
    for (size_t i = 0; i < vg_network_node_count(net); i++) {
        const vg_net_node *n = vg_network_node(net, i);
        int in_a = 0;
        for (int k = 0; k < 5; k++) in_a |= !strcmp(n->code, A[k]);
        assert_int_equal(n->bloc, in_a ? bloc_a : bloc_b);
    }
    /* Edges are signed as planted: USA-VEN negative, USA-GUY positive. */
    for (size_t e = 0; e < vg_network_edge_count(net); e++) {
        const vg_net_edge *ed = vg_network_edge(net, e);
        const char *a = vg_network_node(net, ed->a)->code, *b = vg_network_node(net, ed->b)->code;
        if ((!strcmp(a, "USA") && !strcmp(b, "VEN")) || (!strcmp(a, "VEN") && !strcmp(b, "USA")))
            assert_float_equal(ed->weight, gold("163") + gold("112"), 1e-9);
        if ((!strcmp(a, "USA") && !strcmp(b, "GUY")) || (!strcmp(a, "GUY") && !strcmp(b, "USA")))
            assert_true(ed->weight > 0);
    }
    /* Frustration: exactly the two planted inconsistencies. */
    assert_float_equal(vg_network_frustration(net), gold("051") - gold("111"), 1e-9);

    const char *formats[] = { "json", "graphml", "dot" };
    vg_out_format fm[] = { VG_OUT_JSON, VG_OUT_GRAPHML, VG_OUT_DOT };
    const char *needle[] = { "\"blocs\":[{\"id\":0,\"size\":5", "<node id=\"VEN\">", "-- " };
    for (int k = 0; k < 3; k++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&buf, &len);
        assert_int_equal(vg_network_write(net, mem, fm[k], &err), VG_OK);
        fclose(mem);
        if (!strstr(buf, needle[k])) fail_msg("%s output lacks %s:\n%s", formats[k], needle[k], buf);
        free(buf);
    }
    vg_network_free(net);

    /* Include non-state actors when asked. */
    vg_network_options no = VG_NETWORK_OPTIONS_INIT;
    no.include_nonstate = 1;
    assert_int_equal(vg_network_build(&net, f->s, &no, &err), VG_OK);
    assert_int_equal(vg_network_node_count(net), 11);
    vg_network_free(net);
}

/* Three planted blocs of eight with 15 % of the signs flipped: the partition
 * found must be exactly the planted one. */
static void test_analyse__blocs_three_planted_noisy(void **state) {
    (void)state;
    enum { K = 3, M = 8, N = K * M };
    vg_pair_flow pairs[N * N];
    char codes[N][4];
    size_t np = 0;
    uint64_t r = 12345;
    for (int i = 0; i < N; i++) snprintf(codes[i], 4, "%c%c%c", 'A' + i / 26 % 26, 'A' + i % 26, 'X');
    for (int i = 0; i < N; i++)
        for (int j = i + 1; j < N; j++) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            double u = (double)(r >> 11) / 9007199254740992.0;
            if (u > 0.7) continue; /* 30 % of pairs have no relation */
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            double flip = (double)(r >> 11) / 9007199254740992.0;
            int same = i / M == j / M;
            double w = (same ? 1 : -1) * (1 + 4 * u);
            if (flip < 0.15) w = -w * 0.5;
            vg_pair_flow p;
            memset(&p, 0, sizeof p);
            p.a = codes[i];
            p.b = codes[j];
            p.flow.events = 1;
            p.flow.goldstein_sum = w;
            pairs[np++] = p;
        }
    vg_network *net;
    vg_error err;
    assert_int_equal(vg_network_from_pairs(&net, pairs, np, NULL, &err), VG_OK);
    assert_int_equal(vg_network_node_count(net), N);
    assert_int_equal(vg_network_bloc_count(net), K);
    for (size_t i = 0; i < N; i++) {
        const vg_net_node *n = vg_network_node(net, i);
        int planted = -1;
        for (int k = 0; k < N; k++)
            if (!strcmp(codes[k], n->code)) planted = k / M;
        for (size_t j = 0; j < N; j++) {
            const vg_net_node *m = vg_network_node(net, j);
            int pj = -1;
            for (int k = 0; k < N; k++)
                if (!strcmp(codes[k], m->code)) pj = k / M;
            assert_int_equal(planted == pj, n->bloc == m->bloc);
        }
    }
    vg_network_free(net);
}

/* ---- alerts ---- */

static const vg_alert *find_alert(const vg_alerts *al, vg_alert_kind k, const char *a, const char *b) {
    for (size_t i = 0; i < vg_alerts_count(al); i++) {
        const vg_alert *x = vg_alerts_at(al, i);
        if (x->kind == k && !strcmp(x->a, a) && !strcmp(x->b, b)) return x;
    }
    return NULL;
}

static void test_analyse__spike_fires_on_planted_not_on_noise(void **state) {
    fixture *f = *state;
    /* Two dyads with the same kind of daily verbal-conflict noise for 60
     * days; only COL-ECU gets a planted burst of material conflict on day 45. */
    static const char *const noise_codes[] = { "111", "120", "130", "112" };
    uint64_t r = 99;
    double max_noise = 0;
    for (int day = 0; day < 60; day++) {
        for (int dy = 0; dy < 2; dy++) {
            const char *a = dy ? "PER" : "COL", *b = dy ? "CHL" : "ECU";
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            int k = (int)((r >> 33) % 4); /* 0..3 events a day */
            spec sp[8];
            double c = 0;
            for (int i = 0; i < k; i++) {
                sp[i] = (spec){ i % 2 ? b : a, i % 2 ? a : b, noise_codes[i] };
                c -= gold(noise_codes[i]);
            }
            if (c > max_noise) max_noise = c;
            if (!dy && day == 45) {
                sp[k++] = (spec){ "COLMIL", "ECU", "190" };
                sp[k++] = (spec){ "COL", "ECUMIL", "193" };
                sp[k++] = (spec){ "ECUMIL", "COL", "190" };
            }
            if (k) put(f, day_to_ymd(day), sp, (size_t)k);
        }
    }
    commit(f);
    /* The noise itself reaches the minimum intensity (8), so silence on it is
     * the z-score's doing, not the floor's. */
    assert_true(max_noise >= 8.0);

    vg_alerts *al;
    vg_error err;
    vg_alert_options ao = VG_ALERT_OPTIONS_INIT;
    ao.kinds = 1u << VG_ALERT_SPIKE;
    ao.z_threshold = 3.0; /* stricter on the noise than the default 4 */
    assert_int_equal(vg_alerts_find(&al, f->s, &ao, &err), VG_OK);
    const vg_alert *x = find_alert(al, VG_ALERT_SPIKE, "COL", "ECU");
    assert_non_null(x);
    assert_int_equal(x->date, day_to_ymd(45));
    assert_true(x->z >= 4.0);
    assert_null(find_alert(al, VG_ALERT_SPIKE, "CHL", "PER"));
    assert_int_equal(vg_alerts_count(al), 1);
    /* The events behind it: the three planted attacks first, with evidence. */
    assert_true(x->event_count >= 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(x->events[i].quad, 4);
        assert_int_equal(x->events[i].date, day_to_ymd(45));
        assert_non_null(strstr(x->events[i].sentence, " did 19"));
        assert_true(x->events[i].id > 0);
        assert_true(*x->events[i].doc_id);
    }
    vg_alerts_free(al);

    /* A window after the spike finds nothing; --dyad narrows to one pair. */
    ao.from = day_to_ymd(50);
    assert_int_equal(vg_alerts_find(&al, f->s, &ao, &err), VG_OK);
    assert_int_equal(vg_alerts_count(al), 0);
    vg_alerts_free(al);
    ao.from = 0;
    ao.dyad_a = "PER";
    ao.dyad_b = "CHL";
    assert_int_equal(vg_alerts_find(&al, f->s, &ao, &err), VG_OK);
    assert_int_equal(vg_alerts_count(al), 0);
    vg_alerts_free(al);
}

static void test_analyse__turn_and_first_material(void **state) {
    fixture *f = *state;
    /* Store coverage starts on day 0 (an unrelated event). BRA-ARG cooperate
     * for five weeks, then quarrel and one of them seizes a ship (quad 4) on
     * day 40. URY-PRY fight materially on day 3: too early to call "first". */
    spec start[] = { { "MEX", "CAN", "040" } };
    put(f, day_to_ymd(0), start, 1);
    spec early[] = { { "URY", "PRY", "190" } };
    put(f, day_to_ymd(3), early, 1);
    for (int day = 1; day < 32; day += 3) { /* last on day 31 */
        spec c[] = { { "BRA", "ARG", "057" }, { "ARG", "BRA", "051" } };
        put(f, day_to_ymd(day), c, 2);
    }
    spec q1[] = { { "BRA", "ARG", "112" }, { "ARG", "BRA", "130" } };
    put(f, day_to_ymd(38), q1, 2);
    spec q2[] = { { "BRAGOV", "ARG", "171" }, { "ARG", "BRA", "111" } };
    put(f, day_to_ymd(40), q2, 2);
    commit(f);

    vg_alerts *al;
    vg_error err;
    assert_int_equal(vg_alerts_find(&al, f->s, NULL, &err), VG_OK);
    const vg_alert *turn = find_alert(al, VG_ALERT_TURN, "ARG", "BRA");
    assert_non_null(turn);
    assert_int_equal(turn->date, day_to_ymd(38));
    assert_true(turn->index_before >= 0.25);
    assert_true(turn->value <= -0.25);
    assert_true(turn->event_count >= 2);
    for (size_t i = 0; i < turn->event_count; i++) assert_true(turn->events[i].quad >= 3);
    const vg_alert *first = find_alert(al, VG_ALERT_FIRST_MATERIAL, "ARG", "BRA");
    assert_non_null(first);
    assert_int_equal(first->date, day_to_ymd(40));
    assert_int_equal(first->event_count, 1);
    assert_string_equal(first->events[0].code, "171");
    assert_float_equal(first->value, gold("171"), 1e-9);
    assert_null(find_alert(al, VG_ALERT_FIRST_MATERIAL, "PRY", "URY"));
    /* Only one turn: it is not re-armed without cooperation coming back. */
    size_t turns = 0;
    for (size_t i = 0; i < vg_alerts_count(al); i++) turns += vg_alerts_at(al, i)->kind == VG_ALERT_TURN;
    assert_int_equal(turns, 1);
    /* Newest first. */
    for (size_t i = 1; i < vg_alerts_count(al); i++)
        assert_true(vg_alerts_at(al, i - 1)->date >= vg_alerts_at(al, i)->date);

    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_int_equal(vg_alerts_write(al, mem, VG_OUT_JSON, &err), VG_OK);
    fclose(mem);
    assert_non_null(strstr(buf, "\"kind\":\"first-material\""));
    assert_non_null(strstr(buf, "\"code\":\"171\""));
    free(buf);
    vg_alerts_free(al);
}

static void test_analyse__domestic_dyads(void **state) {
    fixture *f = *state;
    /* Government and opposition of one country form a dyad of their own. */
    spec start[] = { { "MEX", "CAN", "040" } };
    put(f, day_to_ymd(0), start, 1);
    for (int day = 1; day < 26; day += 4) { /* last on day 25 */
        spec c[] = { { "VENGOV", "VENOPP", "046" }, { "VENOPP", "VENGOV", "051" } };
        put(f, day_to_ymd(day), c, 2);
    }
    /* "Venezuelan forces" (VEN) arresting the opposition is a neighbouring
     * dyad, VEN-VENOPP, whose prefix query also matches VENGOV's events. */
    spec arrest[] = { { "VENGOVPOL", "VENOPP", "173" }, { "VENOPP", "VENGOV", "111" }, { "VEN", "VENOPP", "172" } };
    put(f, day_to_ymd(33), arrest, 3);
    commit(f);
    vg_alerts *al;
    vg_error err;
    assert_int_equal(vg_alerts_find(&al, f->s, NULL, &err), VG_OK);
    assert_non_null(find_alert(al, VG_ALERT_TURN, "VENGOV", "VENOPP"));
    const vg_alert *gov = find_alert(al, VG_ALERT_FIRST_MATERIAL, "VENGOV", "VENOPP");
    const vg_alert *ven = find_alert(al, VG_ALERT_FIRST_MATERIAL, "VEN", "VENOPP");
    assert_non_null(gov);
    assert_non_null(ven);
    assert_int_equal(gov->event_count, 1);
    assert_string_equal(gov->events[0].code, "173");
    assert_int_equal(ven->event_count, 1);
    assert_string_equal(ven->events[0].code, "172");
    vg_alerts_free(al);
}

static void test_analyse__report(void **state) {
    fixture *f = *state;
    vg_error err;
    char *buf = NULL;
    size_t len = 0;
    /* Empty store: a report that says so. */
    FILE *mem = open_memstream(&buf, &len);
    assert_int_equal(vg_report_write(f->s, mem, NULL, &err), VG_OK);
    fclose(mem);
    assert_non_null(strstr(buf, "no events"));
    free(buf);
    spec a[] = { { "USA", "GUY", "057" }, { "VEN", "RUS", "057" }, { "USA", "VEN", "163" }, { "GUY", "VEN", "112" },
                 { "RUS", "USA", "111" } };
    put(f, 20251001, a, 5);
    spec inner[] = { { "VENGOV", "VENOPP", "046" }, { "VENOPP", "VENGOV", "051" }, { "VENGOVPOL", "VENOPP", "173" } };
    put(f, 20251002, inner, 3);
    commit(f);
    mem = open_memstream(&buf, &len);
    assert_int_equal(vg_report_write(f->s, mem, NULL, &err), VG_OK);
    fclose(mem);
    assert_non_null(strstr(buf, "Top relations"));
    assert_non_null(strstr(buf, "Inside countries"));
    assert_non_null(strstr(buf, "Venezuela GOV - Venezuela OPP"));
    assert_non_null(strstr(buf, "2 blocs"));
    assert_non_null(strstr(buf, "Escalation alerts"));
    free(buf);
}

/* ---- the aggregate path and the event path give the same trend ---- */

static uint32_t lcg(uint32_t *x) {
    *x = *x * 1664525u + 1013904223u;
    return *x >> 8;
}

static void assert_flow_same(const vg_flow *x, const vg_flow *y, const char *what, int32_t period) {
    if (x->events != y->events || x->mentions != y->mentions || x->goldstein_sum != y->goldstein_sum ||
        x->coop != y->coop || x->conf != y->conf || memcmp(x->quad, y->quad, sizeof x->quad)) {
        fail_msg("%s of period %d differs: events %lld/%lld mentions %lld/%lld goldstein %.17g/%.17g "
                 "coop %.17g/%.17g conf %.17g/%.17g",
                 what, (int)period, (long long)x->events, (long long)y->events, (long long)x->mentions,
                 (long long)y->mentions, x->goldstein_sum, y->goldstein_sum, x->coop, y->coop, x->conf, y->conf);
    }
}

static void assert_point_same(const vg_trend_point *x, const vg_trend_point *y) {
    assert_int_equal(x->period, y->period);
    assert_flow_same(&x->ab, &y->ab, "ab", x->period);
    assert_flow_same(&x->ba, &y->ba, "ba", x->period);
    assert_flow_same(&x->all, &y->all, "all", x->period);
    assert_true(x->coop == y->coop && x->conf == y->conf && x->index == y->index);
}

/* Builds the trend both ways and compares every figure (exact doubles, not a
 * tolerance) and the three written forms. Returns the number of events. */
static int64_t same_both_ways(fixture *f, const char *a, const char *b, vg_period by, int32_t from, int32_t to,
                              int filter) {
    vg_trend *ts = NULL, *te = NULL;
    vg_error err;
    assert_int_equal(vg_analyse__trend_build_from(&ts, f->s, a, b, by, from, to, filter, VG_ANALYSE__SERIES, &err),
                     VG_OK);
    assert_int_equal(vg_analyse__trend_build_from(&te, f->s, a, b, by, from, to, filter, VG_ANALYSE__EVENTS, &err),
                     VG_OK);
    if (vg_trend_count(ts) != vg_trend_count(te))
        fail_msg("%s-%s by %d [%d, %d]: %zu periods from the series, %zu from the events", a, b, (int)by, (int)from,
                 (int)to, vg_trend_count(ts), vg_trend_count(te));
    for (size_t i = 0; i < vg_trend_count(ts); i++) assert_point_same(vg_trend_at(ts, i), vg_trend_at(te, i));
    assert_point_same(vg_trend_total(ts), vg_trend_total(te));
    for (int fmt = VG_OUT_TABLE; fmt <= VG_OUT_JSON; fmt++) {
        char *b1 = NULL, *b2 = NULL;
        size_t l1 = 0, l2 = 0;
        FILE *m1 = open_memstream(&b1, &l1), *m2 = open_memstream(&b2, &l2);
        assert_int_equal(vg_trend_write(ts, m1, (vg_out_format)fmt, &err), VG_OK);
        assert_int_equal(vg_trend_write(te, m2, (vg_out_format)fmt, &err), VG_OK);
        fclose(m1);
        fclose(m2);
        assert_string_equal(b1, b2);
        free(b1);
        free(b2);
    }
    int64_t n = vg_trend_total(ts)->all.events;
    vg_trend_free(ts);
    vg_trend_free(te);
    return n;
}

static void test_analyse__trend_series_equals_events(void **state) {
    fixture *f = *state;
    static const char *const actors[] = { "USA", "USAGOV", "USAMIL", "VEN", "VENGOV", "VENOPP", "VENGOVPOL",
                                          "CUB", "RUSGOV", "IGOUNO", "COL" };
    static const char *const codes[] = { "010", "020", "036", "042", "051", "057", "061", "111",
                                         "130", "163", "173", "190", "112", "046" };
    const size_t na = sizeof actors / sizeof actors[0], nc = sizeof codes / sizeof codes[0];
    uint32_t rng = 12345;
    /* 2025-01-01 .. 2025-06-29 with two gaps: no events from day 40 to 75 (a
     * whole empty month of weeks) nor on day 120 to 128. Several documents
     * a day, some repeating an event already stored (dedup: one event, more
     * mentions), ties of date, source and target with different codes. */
    int docs = 0;
    for (int day = 0; day < 180; day++) {
        if ((day >= 40 && day <= 75) || (day >= 120 && day <= 128)) continue;
        int ndoc = 1 + (int)(lcg(&rng) % 4);
        for (int d = 0; d < ndoc; d++) {
            spec sp[6];
            size_t n = 1 + lcg(&rng) % 6;
            for (size_t i = 0; i < n; i++) {
                size_t x = lcg(&rng) % na, y = lcg(&rng) % na;
                if (y == x) y = (y + 1) % na;
                sp[i].src = actors[x];
                sp[i].tgt = actors[y];
                sp[i].code = codes[lcg(&rng) % nc];
                if (i && lcg(&rng) % 4 == 0) { sp[i].src = sp[i - 1].src; sp[i].tgt = sp[i - 1].tgt; }
            }
            if (d && lcg(&rng) % 3 == 0) { sp[0] = (spec){ "USAMIL", "VEN", "190" }; }
            put(f, day_to_ymd(day), sp, n);
            docs++;
        }
    }
    commit(f);
    /* A document stored again with other events replaces its mentions, and a
     * deleted one takes its events away: the daily aggregate must follow. */
    vg_error err;
    int keep = f->ndocs;
    spec again[] = { { "VENGOV", "USA", "111" }, { "USA", "VEN", "057" } };
    f->ndocs = 3;
    put(f, day_to_ymd(1), again, 2);
    f->ndocs = keep;
    assert_int_equal(vg_store_delete_doc(f->s, "doc-7", 5, &err), VG_OK);
    commit(f);

    struct { const char *a, *b; } dyads[] = { { "USA", "VEN" }, { "VEN", "USA" }, { "USA", "USA" },
                                              { "VEN", "VEN" }, { "USAGOV", "VENGOV" }, { "VEN", "VENGOV" },
                                              { "USA", "VENGOV" }, { "USAMIL", "VEN" }, { "IGO", "USA" },
                                              { "US", "VE" }, { "CUB", "RUS" }, { "GUY", "VEN" } };
    /* Windows: open; bounds on a Sunday and a Monday, mid-month; across the
     * empty stretch; inside it; beyond the data on both sides; one day. */
    struct { int32_t from, to; } win[] = { { 0, 0 },
                                           { 20250105, 20250303 },
                                           { 20250106, 20250331 },
                                           { 20250115, 20250415 },
                                           { 20250215, 20250310 },
                                           { 20241201, 20250801 },
                                           { 20250501, 0 },
                                           { 0, 20250228 },
                                           { 20250610, 20250610 } };
    int64_t seen = 0;
    for (size_t i = 0; i < sizeof dyads / sizeof dyads[0]; i++)
        for (int by = VG_PERIOD_DAY; by <= VG_PERIOD_MONTH; by++)
            for (size_t w = 0; w < sizeof win / sizeof win[0]; w++)
                seen += same_both_ways(f, dyads[i].a, dyads[i].b, (vg_period)by, win[w].from, win[w].to, 1);
    /* The report's way: the store's whole span as the window, unfiltered. */
    vg_store_stats st;
    assert_int_equal(vg_store_get_stats(f->s, &st, &err), VG_OK);
    for (int by = VG_PERIOD_DAY; by <= VG_PERIOD_MONTH; by++) {
        seen += same_both_ways(f, "USA", "VEN", (vg_period)by, st.date_min, st.date_max, 0);
        seen += same_both_ways(f, "VENGOV", "VENOPP", (vg_period)by, st.date_min, st.date_max, 0);
    }
    assert_true(docs > 300);
    assert_true(seen > 10000); /* the comparisons were about something */
    /* And the figures are right, not only equal: USA-VEN by month counts
     * what a plain count of the store gives. */
    vg_trend *t;
    assert_int_equal(vg_trend_build(&t, f->s, "USA", "VEN", VG_PERIOD_MONTH, 0, 0, &err), VG_OK);
    vg_query q = VG_QUERY_INIT;
    q.dyad_a = "USA";
    q.dyad_b = "VEN";
    int64_t n = 0;
    assert_int_equal(vg_store_count(f->s, &q, &n, &err), VG_OK);
    assert_int_equal(vg_trend_total(t)->all.events, n);
    assert_int_equal(vg_trend_at(t, 2)->period, 20250301);
    vg_trend_free(t);
}

/* ---- alerts: the aggregate path and the event path agree ---- */

static size_t alerts_same_both_ways(fixture *f, const vg_alert_options *opt) {
    vg_alerts *x = NULL, *y = NULL;
    vg_error err;
    assert_int_equal(vg_analyse__alerts_find_from(&x, f->s, opt, VG_ANALYSE__SERIES, &err), VG_OK);
    assert_int_equal(vg_analyse__alerts_find_from(&y, f->s, opt, VG_ANALYSE__EVENTS, &err), VG_OK);
    assert_int_equal(vg_alerts_count(x), vg_alerts_count(y));
    for (size_t i = 0; i < vg_alerts_count(x); i++) {
        const vg_alert *p = vg_alerts_at(x, i), *q = vg_alerts_at(y, i);
        assert_int_equal(p->kind, q->kind);
        assert_string_equal(p->a, q->a);
        assert_string_equal(p->b, q->b);
        assert_int_equal(p->date, q->date);
        assert_int_equal(p->last_date, q->last_date);
        assert_true(p->value == q->value && p->z == q->z && p->index_before == q->index_before);
        assert_true(p->baseline_mean == q->baseline_mean && p->baseline_sd == q->baseline_sd);
        assert_string_equal(p->summary, q->summary);
        assert_int_equal(p->event_count, q->event_count);
        for (size_t k = 0; k < p->event_count; k++) assert_int_equal(p->events[k].id, q->events[k].id);
    }
    size_t n = vg_alerts_count(x);
    vg_alerts_free(x);
    vg_alerts_free(y);
    return n;
}

static size_t count_kind(fixture *f, vg_alert_kind k, const char *a, const char *b) {
    vg_alerts *al;
    vg_error err;
    assert_int_equal(vg_alerts_find(&al, f->s, NULL, &err), VG_OK);
    size_t n = 0;
    for (size_t i = 0; i < vg_alerts_count(al); i++) {
        const vg_alert *x = vg_alerts_at(al, i);
        if (x->kind == k && (!a || (!strcmp(x->a, a) && !strcmp(x->b, b)))) n++;
    }
    vg_alerts_free(al);
    return n;
}

static void test_analyse__alerts_series_equals_events(void **state) {
    fixture *f = *state;
    /* 120 days of noise among states, inside countries, with organisations
     * (IGO, NGO: finer dyads than a country pair), regions and unknown
     * countries (no dyad), plus planted bursts: a spike between countries,
     * one inside Venezuela, one between the UN and Venezuela, a turn. */
    static const char *const actors[] = { "USA", "USAGOV", "VEN", "VENGOV", "VENOPP", "COL", "CUB", "RUSGOV",
                                          "IGOUNO", "IGOLAMOAS", "NGOHRW", "LAM", "---BUS", "BRA" };
    static const char *const codes[] = { "010", "042", "051", "057", "111", "112", "120", "130", "173", "061" };
    const size_t na = sizeof actors / sizeof actors[0], nc = sizeof codes / sizeof codes[0];
    uint32_t rng = 777;
    for (int day = 0; day < 120; day++) {
        spec sp[16];
        size_t n = 0;
        int k = 2 + (int)(lcg(&rng) % 8);
        for (int i = 0; i < k && n < 10; i++) {
            size_t x = lcg(&rng) % na, y = lcg(&rng) % na;
            if (x == y) continue;
            sp[n++] = (spec){ actors[x], actors[y], codes[lcg(&rng) % nc] };
        }
        if (day == 90) {
            sp[n++] = (spec){ "USAMIL", "VEN", "190" };
            sp[n++] = (spec){ "USA", "VENMIL", "193" };
            sp[n++] = (spec){ "VENGOV", "VENOPP", "175" };
            sp[n++] = (spec){ "VENGOV", "VENOPPX", "173" };
            sp[n++] = (spec){ "IGOUNO", "VENGOV", "163" };
            sp[n++] = (spec){ "VEN", "IGOUNO", "172" };
        }
        if (day >= 60 && day < 85 && day % 3 == 0) sp[n++] = (spec){ "CUB", "GUY", "057" };
        if (day == 95) { sp[n++] = (spec){ "CUB", "GUY", "112" }; sp[n++] = (spec){ "GUYGOV", "CUB", "171" }; }
        if (n) put(f, day_to_ymd(day), sp, n);
    }
    commit(f);
    /* The planted alerts fire (so the comparison below is about alerts). */
    assert_true(count_kind(f, VG_ALERT_SPIKE, "USA", "VEN") >= 1);
    assert_true(count_kind(f, VG_ALERT_SPIKE, "VENGOV", "VENOPP") >= 1);
    assert_true(count_kind(f, VG_ALERT_TURN, "CUB", "GUY") >= 1);
    assert_true(count_kind(f, VG_ALERT_FIRST_MATERIAL, NULL, NULL) >= 1);

    size_t fired = 0;
    vg_alert_options o = VG_ALERT_OPTIONS_INIT;
    fired += alerts_same_both_ways(f, &o);
    o.to = day_to_ymd(92);
    fired += alerts_same_both_ways(f, &o);
    o.to = 0;
    o.from = day_to_ymd(91);
    fired += alerts_same_both_ways(f, &o);
    o.from = 0;
    o.z_threshold = 2.0; /* more alerts: more to compare */
    o.min_intensity = 4.0;
    fired += alerts_same_both_ways(f, &o);
    static const char *const dy[][2] = { { "USA", "VEN" }, { "VEN", "USA" }, { "VENGOV", "VENOPP" },
                                         { "IGOUNO", "VEN" }, { "CUB", "GUY" }, { "VEN", "VEN" } };
    for (size_t i = 0; i < sizeof dy / sizeof dy[0]; i++) {
        o.dyad_a = dy[i][0];
        o.dyad_b = dy[i][1];
        fired += alerts_same_both_ways(f, &o);
    }
    assert_true(fired >= 10);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_analyse__trend_aggregation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_analyse__trend_series_equals_events, setup, teardown),
        cmocka_unit_test(test_analyse__sparkline),
        cmocka_unit_test_setup_teardown(test_analyse__blocs_two_planted, setup, teardown),
        cmocka_unit_test(test_analyse__blocs_three_planted_noisy),
        cmocka_unit_test_setup_teardown(test_analyse__spike_fires_on_planted_not_on_noise, setup, teardown),
        cmocka_unit_test_setup_teardown(test_analyse__turn_and_first_material, setup, teardown),
        cmocka_unit_test_setup_teardown(test_analyse__domestic_dyads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_analyse__alerts_series_equals_events, setup, teardown),
        cmocka_unit_test_setup_teardown(test_analyse__report, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
