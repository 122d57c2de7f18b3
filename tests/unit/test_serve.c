/* test_serve.c — the server's private helpers: URL decoding, query strings,
 * the request-body JSON reader, dates and numbers in answers, the static-file
 * guard, and a server started in-process on port 0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serve/serve.h"

static void test_serve__decode(void **state) {
    (void)state;
    vg_arena a;
    vg_arena_init(&a, 1024);
    assert_string_equal(vg_http__decode(&a, "/a%20b", 6, false), "/a b");
    assert_string_equal(vg_http__decode(&a, "%2e%2E", 6, false), "..");
    assert_string_equal(vg_http__decode(&a, "a+b", 3, false), "a+b");
    assert_string_equal(vg_http__decode(&a, "a+b", 3, true), "a b");
    assert_string_equal(vg_http__decode(&a, "%C3%A9", 6, false), "\xC3\xA9");
    assert_null(vg_http__decode(&a, "%00", 3, false));      /* NUL would cut the path */
    assert_null(vg_http__decode(&a, "ab%2", 4, false));     /* truncated escape */
    assert_null(vg_http__decode(&a, "%", 1, false));
    assert_null(vg_http__decode(&a, "%zz", 3, false));
    assert_string_equal(vg_http__decode(&a, "", 0, false), "");
    vg_arena_free(&a);
}

static void test_serve__query(void **state) {
    (void)state;
    vg_req req;
    memset(&req, 0, sizeof req);
    vg_arena_init(&req.arena, 1024);
    req.raw_uri = "/api/events?actor=VEN&q=a+b%26c&empty&x=1&x=2#frag";
    vg_http__parse_uri(&req);
    assert_false(req.bad_uri);
    assert_string_equal(req.path, "/api/events");
    assert_string_equal(vg_http__param(&req, "actor"), "VEN");
    assert_string_equal(vg_http__param(&req, "q"), "a b&c");
    assert_string_equal(vg_http__param(&req, "empty"), "");
    assert_string_equal(vg_http__param(&req, "x"), "2");   /* last wins */
    assert_null(vg_http__param(&req, "frag"));
    assert_null(vg_http__param(&req, "nope"));
    vg_arena_free(&req.arena);

    memset(&req, 0, sizeof req);
    vg_arena_init(&req.arena, 1024);
    req.raw_uri = "/api/events?actor=%00";
    vg_http__parse_uri(&req);
    assert_true(req.bad_uri);
    vg_arena_free(&req.arena);
}

static void test_serve__json_body(void **state) {
    (void)state;
    vg_arena a;
    vg_arena_init(&a, 1024);
    char msg[160];
    vg_json_field f[3] = { { "text", 0, NULL, 0 }, { "date", 0, NULL, 0 }, { "id", 0, NULL, 0 } };
    const char *ok = "{ \"x\": [1, {\"y\": null}], \"text\": \"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00\\n\", \"date\": 20251104 }";
    assert_true(vg_json__object(&a, ok, strlen(ok), f, 3, msg, sizeof msg));
    assert_int_equal(f[0].kind, VG_JSON_STRING);
    assert_string_equal(f[0].str, "caf\xC3\xA9 \"q\" \xF0\x9F\x98\x80\n");
    assert_int_equal(f[1].kind, VG_JSON_NUMBER);
    assert_string_equal(f[1].str, "20251104");
    assert_int_equal(f[2].kind, VG_JSON_NONE);

    static const char *bad[] = {
        "", "[]", "{", "{\"text\"}", "{\"text\":}", "{\"text\":\"a\",}", "{\"text\":\"a\"} x",
        "{\"text\":\"a\nb\"}", "{\"text\":\"\\x\"}", "{\"a\":tru}", "{\"text\":\"abc",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        msg[0] = '\0';
        assert_false(vg_json__object(&a, bad[i], strlen(bad[i]), f, 3, msg, sizeof msg));
        assert_non_null(strstr(msg, "at byte"));
    }
    /* Deep nesting is refused, not a stack overflow. */
    char deep[2000];
    size_t n = 0;
    n += (size_t)snprintf(deep, sizeof deep, "{\"a\":");
    while (n < 1500) deep[n++] = '[';
    deep[n] = '\0';
    assert_false(vg_json__object(&a, deep, n, f, 3, msg, sizeof msg));
    assert_non_null(strstr(msg, "deeply"));
    vg_arena_free(&a);
}

static void test_serve__json_values(void **state) {
    (void)state;
    vg_buf b = VG_BUF_INIT;
    vg_json__date(&b, 20251104);
    vg_buf_putc(&b, ' ');
    vg_json__date(&b, 0);
    vg_buf_putc(&b, ' ');
    vg_json__num(&b, 3.0);
    vg_buf_putc(&b, ' ');
    vg_json__num(&b, -1.25);
    vg_buf_putc(&b, ' ');
    vg_json__num(&b, NAN);
    vg_buf_putc(&b, ' ');
    vg_json__num(&b, -0.00001);
    assert_string_equal(b.ptr, "\"2025-11-04\" null 3 -1.25 null 0");
    vg_buf_free(&b);
}

static void test_serve__countries(void **state) {
    (void)state;
    const vg_country *c = vg_country__find("VEN");
    assert_non_null(c);
    assert_int_equal(c->numeric, 862);
    assert_string_equal(c->name, "Venezuela");
    assert_non_null(vg_country__find("ABW"));
    assert_non_null(vg_country__find("ZWE"));
    assert_null(vg_country__find("XXX"));
    for (size_t i = 1; i < vg_countries__count; i++)
        assert_true(strcmp(vg_countries__table[i - 1].a3, vg_countries__table[i].a3) < 0);
}

/* The static guard, without a network: a root with a file, a secret beside
 * it and a symlink that escapes. */
static void test_serve__static_guard(void **state) {
    (void)state;
    char root[] = "/tmp/vg-serve-test-XXXXXX";
    assert_non_null(mkdtemp(root));
    char p[512];
    snprintf(p, sizeof p, "%s/www", root);
    assert_int_equal(mkdir(p, 0755), 0);
    snprintf(p, sizeof p, "%s/www/index.html", root);
    FILE *f = fopen(p, "w");
    fputs("hi", f);
    fclose(f);
    snprintf(p, sizeof p, "%s/secret", root);
    f = fopen(p, "w");
    fputs("secret", f);
    fclose(f);
    char link[512];
    snprintf(link, sizeof link, "%s/www/out", root);
    assert_int_equal(symlink(p, link), 0);

    vg_server s;
    memset(&s, 0, sizeof s);
    char web[512];
    snprintf(web, sizeof web, "%s/www", root);
    s.web_root = realpath(web, NULL);
    static const struct { const char *path; unsigned status; } cases[] = {
        { "/", 200 }, { "/index.html", 200 }, { "/../secret", 404 }, { "/out", 404 },
        { "/.hidden", 404 }, { "/a\\b", 400 }, { "relative", 400 }, { "/missing", 404 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vg_req req;
        memset(&req, 0, sizeof req);
        req.path = (char *)cases[i].path;
        vg_resp r = VG_RESP_INIT;
        vg_static__serve(&s, &req, &r);
        if (r.status != cases[i].status) fail_msg("%s: status %u, wanted %u", cases[i].path, r.status, cases[i].status);
        if (r.fd >= 0) close(r.fd);
        vg_buf_free(&r.body);
    }
    free(s.web_root);
    unlink(link);
    unlink(p);
    snprintf(p, sizeof p, "%s/www/index.html", root);
    unlink(p);
    rmdir(web);
    rmdir(root);
}

/* A server without a database still starts on port 0, answers /healthz and
 * refuses data endpoints with 503. */
static void test_serve__start_stop(void **state) {
    (void)state;
    vg_server_options o = VG_SERVER_OPTIONS_INIT;
    o.web_dir = "/nonexistent";
    vg_server *s = NULL;
    vg_error err;
    assert_int_equal(vg_server_start(&s, &o, &err), VG_OK);
    unsigned port = vg_server_port(s);
    assert_true(port > 0);
    assert_null(vg_server_web_root(s));
    static const struct { const char *path; const char *want; } cases[] = {
        { "/healthz", "HTTP/1.1 200" },
        { "/api/events", "HTTP/1.1 503" },
        { "/index.html", "HTTP/1.1 404" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in sa;
        memset(&sa, 0, sizeof sa);
        sa.sin_family = AF_INET;
        sa.sin_port = htons((uint16_t)port);
        inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
        assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
        char req[256];
        int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", cases[i].path);
        assert_int_equal(write(fd, req, (size_t)n), n);
        char buf[4096];
        size_t got = 0;
        ssize_t k;
        while (got < sizeof buf - 1 && (k = read(fd, buf + got, sizeof buf - 1 - got)) > 0) got += (size_t)k;
        buf[got] = '\0';
        close(fd);
        if (strncmp(buf, cases[i].want, strlen(cases[i].want)))
            fail_msg("%s: got %.40s", cases[i].path, buf);
    }
    vg_server_stop(s);

    /* Bad options are refused. */
    o.bind = "not-an-address";
    assert_int_equal(vg_server_start(&s, &o, &err), VG_ERR_ARG);
    o.bind = NULL;
    o.token = "short";
    assert_int_equal(vg_server_start(&s, &o, &err), VG_ERR_ARG);
    vg_server_stop(NULL);
}

/* Random and mutated inputs for the two parsers that see raw client bytes:
 * no crash (run under ASan in scripts/sanitize), and what is accepted is
 * consistent. Deterministic: a fixed xorshift seed. */
static uint64_t rnd(uint64_t *s) {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void test_serve__random_inputs(void **state) {
    (void)state;
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    static const char jchars[] = "{}[]\":,\\u0123456789abcdefABCDEFtrunlsx .-+eE\n\t";
    static const char valid[] = "{\"id\": \"a\\u00e9\", \"text\": \"The \\\"US\\\" acted.\", \"date\": 20251104, "
                                "\"x\": [1, -2.5e3, {\"y\": [true, false, null]}]}";
    char buf[512];
    size_t accepted = 0;
    for (int it = 0; it < 30000; it++) {
        size_t n;
        if (it % 2) {
            n = rnd(&seed) % 200;
            for (size_t i = 0; i < n; i++)
                buf[i] = rnd(&seed) % 8 ? jchars[rnd(&seed) % (sizeof jchars - 1)] : (char)(rnd(&seed) & 0xFF);
        } else {
            n = sizeof valid - 1;
            memcpy(buf, valid, n);
            for (int m = (int)(rnd(&seed) % 4); m >= 0; m--) {
                size_t at = rnd(&seed) % n;
                switch (rnd(&seed) % 3) {
                case 0: buf[at] = jchars[rnd(&seed) % (sizeof jchars - 1)]; break;
                case 1: memmove(buf + at, buf + at + 1, n - at - 1); n--; break;
                default:
                    if (n + 1 < sizeof buf) {
                        memmove(buf + at + 1, buf + at, n - at);
                        buf[at] = jchars[rnd(&seed) % (sizeof jchars - 1)];
                        n++;
                    }
                }
            }
        }
        vg_arena a;
        vg_arena_init(&a, 1024);
        vg_json_field f[3] = { { "text", 0, NULL, 0 }, { "date", 0, NULL, 0 }, { "id", 0, NULL, 0 } };
        char msg[160];
        if (vg_json__object(&a, buf, n, f, 3, msg, sizeof msg)) {
            accepted++;
            for (int k = 0; k < 3; k++)
                if (f[k].kind == VG_JSON_STRING) assert_int_equal(strlen(f[k].str), f[k].len);
        } else {
            assert_non_null(strstr(msg, "at byte"));
        }
        vg_arena_free(&a);

        /* The same bytes as a request target (NUL-terminated, as MHD gives it). */
        vg_req req;
        memset(&req, 0, sizeof req);
        vg_arena_init(&req.arena, 1024);
        for (size_t i = 0; i < n; i++) if (!buf[i]) buf[i] = '%';
        buf[n] = '\0';
        req.raw_uri = buf;
        vg_http__parse_uri(&req);
        if (!req.bad_uri) {
            assert_non_null(req.path);
            for (size_t i = 0; i < req.nparams; i++) assert_non_null(req.params[i].val);
        }
        vg_arena_free(&req.arena);
    }
    assert_true(accepted > 100); /* the mutations keep some documents valid */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_serve__decode),
        cmocka_unit_test(test_serve__query),
        cmocka_unit_test(test_serve__json_body),
        cmocka_unit_test(test_serve__json_values),
        cmocka_unit_test(test_serve__countries),
        cmocka_unit_test(test_serve__static_guard),
        cmocka_unit_test(test_serve__start_stop),
        cmocka_unit_test(test_serve__random_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
