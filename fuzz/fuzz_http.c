/* fuzz_http.c — HTTP request handling of `vigia serve` without sockets.
 *
 * The server's own dispatch is static to src/serve/server.c, so this
 * target builds a vg_req the way server.c does (raw URI, method, headers,
 * body), parses the URI with vg_http__parse_uri, and calls the same
 * handlers the route table names (src/serve/serve.h): the API endpoints,
 * with no store (they must answer 503 cleanly) or with a small SQLite store
 * of coded articles (query parameters reach real SQL), POST /api/code with
 * a small fixed dictionary (JSON and plain-text bodies are parsed and
 * coded), and the static files under a temporary web root that holds a
 * symlink pointing outside it. POST /api/ingest never gets the store, so
 * the database does not grow during a run.
 *
 * Input: byte 0 picks the method (bits 0-1: GET HEAD POST PUT), the
 * Content-Type (bits 2-3: none, application/json, text/plain,
 * application/ld+json), the Authorization header (bit 4: the right bearer
 * token, bit 5: a wrong one), the store (bit 6); then the URI up to the
 * first newline; the rest is the body.
 *
 * Checked: every response has a status of 200-599; JSON responses (all
 * API answers but CSV downloads) are one valid JSON object (strict check,
 * json_check.h), with an "error" member when the status is 4xx/5xx; CSV
 * downloads have the same number of fields on every row (RFC 4180); a static file that is served lies
 * inside the web root (resolved through /proc/self/fd); the write endpoint
 * never answers 2xx without the token. */
#include "fixed_dict.h"
#include "json_check.h"
#include "serve/serve.h"

#include <limits.h>
#include <sys/stat.h>

static char web_root[PATH_MAX];

/* A web root with a file, a sub-directory, a hidden file and a symlink to
 * a file outside it; removed at exit. */
static void remove_web_root(void) {
    static const char *const names[] = { "/escape.txt", "/sub/app.js", "/.hidden", "/index.html" };
    char p[PATH_MAX + 32];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s%s", web_root, names[i]);
        remove(p);
    }
    snprintf(p, sizeof p, "%s/sub", web_root);
    rmdir(p);
    rmdir(web_root);
    snprintf(p, sizeof p, "%s.outside", web_root);
    remove(p);
}

static int make_web_root(void) {
    const char *tmp = getenv("TMPDIR");
    char tmpl[PATH_MAX];
    snprintf(tmpl, sizeof tmpl, "%s/vg-fuzz-web-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(tmpl)) return 0;
    if (!realpath(tmpl, web_root)) return 0;
    atexit(remove_web_root);
    char p[PATH_MAX + 32];
    snprintf(p, sizeof p, "%s/index.html", web_root);
    FILE *fp = fopen(p, "w");
    if (fp) { fputs("<!doctype html><title>vigia</title>\n", fp); fclose(fp); }
    snprintf(p, sizeof p, "%s/sub", web_root);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/sub/app.js", web_root);
    if ((fp = fopen(p, "w"))) { fputs("console.log(1);\n", fp); fclose(fp); }
    snprintf(p, sizeof p, "%s/.hidden", web_root);
    if ((fp = fopen(p, "w"))) { fputs("secret\n", fp); fclose(fp); }
    char outside[PATH_MAX + 32];
    snprintf(outside, sizeof outside, "%s.outside", web_root);
    if ((fp = fopen(outside, "w"))) { fputs("outside\n", fp); fclose(fp); }
    snprintf(p, sizeof p, "%s/escape.txt", web_root);
    if (symlink(outside, p) != 0) return 0;
    return 1;
}

/* A SQLite store holding a few coded articles, and a pool over it. */
static char db_path[PATH_MAX + 64];

static void remove_db(void) {
    char p[sizeof db_path + 16];
    remove(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    remove(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    remove(p);
}

static vg_store_pool *make_store(void) {
    static const char *const texts[] = {
        "Venezuela accused Guyana of aggression.",
        "The United States imposed new sanctions on Caracas.",
        "Cuba met with Russia. China praised Iran.",
        "The government of Trinidad and Tobago met with Venezuela.",
    };
    snprintf(db_path, sizeof db_path, "%s/store-%ld.db", web_root, (long)getpid());
    char url[sizeof db_path + 16];
    snprintf(url, sizeof url, "sqlite:%s", db_path);
    vg_store *st = NULL;
    vg_error err;
    if (vg_store_open(&st, url, NULL, &err) != VG_OK) return NULL;
    atexit(remove_db);
    vg_doc *doc = NULL;
    if (vg_doc_new(&doc) != VG_OK) return NULL;
    for (size_t i = 0; i < 4 * 8; i++) {
        char id[32];
        snprintf(id, sizeof id, "a%zu", i);
        vg_record rec;
        memset(&rec, 0, sizeof rec);
        rec.id = id;
        rec.id_len = strlen(id);
        rec.date = 20250801 + (int32_t)(i % 4) * 100 + (int32_t)i % 28;
        rec.text = texts[i % 4];
        rec.text_len = strlen(rec.text);
        if (vg_code(doc, fixed_dict(), &rec, NULL, &err) == VG_OK)
            vg_store_put_doc(st, &rec, doc, &err);
    }
    vg_doc_free(doc);
    if (vg_store_close(st, &err) != VG_OK) return NULL;
    vg_store_pool *pool = NULL;
    if (vg_store_pool__new(&pool, url, 1, &err) != VG_OK) return NULL;
    return pool;
}

typedef void (*handler_fn)(const vg_server *, vg_req *, vg_resp *);
static const struct { const char *path, *method; handler_fn fn; } routes[] = {
    { "/healthz", "GET", vg_api__health },     { "/api/health", "GET", vg_api__health },
    { "/api/events", "GET", vg_api__events },  { "/api/trend", "GET", vg_api__trend },
    { "/api/network", "GET", vg_api__network }, { "/api/alerts", "GET", vg_api__alerts },
    { "/api/actors", "GET", vg_api__actors },  { "/api/partners", "GET", vg_api__partners },
    { "/api/code", "POST", vg_api__code },     { "/api/ingest", "POST", vg_api__ingest },
};

/* What server.c's dispatch does, minus the 404/405 answers. Returns 1
 * when a handler or the static server answered. */
static int dispatch(const vg_server *s, vg_req *req, vg_resp *r, int *api, int *write) {
    if (req->bad_uri || !req->path) return 0;
    int get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");
    *api = !strncmp(req->path, "/api/", 5) || !strcmp(req->path, "/api") || !strcmp(req->path, "/healthz");
    if (*api) {
        size_t n = strlen(req->path);
        if (n > 1 && req->path[n - 1] == '/') req->path[n - 1] = '\0';
        for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
            if (strcmp(routes[i].path, req->path)) continue;
            int ok = !strcmp(routes[i].method, "GET") ? get : !strcmp(req->method, routes[i].method);
            if (!ok) return 0;
            *write = routes[i].fn == vg_api__ingest;
            vg_server ro = *s;
            if (*write) ro.pool = NULL;   /* keep the database as it is */
            routes[i].fn(&ro, req, r);
            return 1;
        }
        return 0;
    }
    if (!get) return 0;
    vg_static__serve(s, req, r);
    return 1;
}

/* RFC 4180: every record has as many fields as the header; quotes are
 * balanced and doubled inside quoted fields. Returns 1 when well formed. */
static int csv_valid(const char *p, size_t n) {
    size_t fields = 1, want = 0;
    int quoted = 0, at_start = 1;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (quoted) {
            if (c != '"') continue;
            if (i + 1 < n && p[i + 1] == '"') { i++; continue; }
            quoted = 0;
            if (i + 1 < n && p[i + 1] != ',' && p[i + 1] != '\n' && p[i + 1] != '\r') return 0;
            continue;
        }
        if (c == '"') {
            if (!at_start) return 0;
            quoted = 1;
            at_start = 0;
        } else if (c == ',') {
            fields++;
            at_start = 1;
        } else if (c == '\n') {
            if (want == 0) want = fields;
            else if (fields != want) return 0;
            fields = 1;
            at_start = 1;
        } else if (c != '\r') {
            at_start = 0;
        }
    }
    return !quoted;
}

static void check_inside_root(int fd) {
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0) return;   /* no /proc: nothing to check */
    target[n] = '\0';
    size_t rl = strlen(web_root);
    if (strncmp(target, web_root, rl) != 0 || target[rl] != '/') {
        fprintf(stderr, "served a file outside the web root: %s\n", target);
        fuzz_check(0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static int ready;
    static vg_store_pool *pool;
    if (!ready) {
        if (!make_web_root()) { fprintf(stderr, "fuzz_http: cannot make a web root\n"); abort(); }
        pool = make_store();
        if (!pool) { fprintf(stderr, "fuzz_http: cannot make a store\n"); abort(); }
        ready = 1;
    }
    static const char *const methods[] = { "GET", "HEAD", "POST", "PUT" };
    static const char *const types[] = { NULL, "application/json", "text/plain; charset=utf-8",
                                         "application/ld+json" };
    uint8_t o = fuzz_byte(&data, &size);
    const uint8_t *nl = memchr(data, '\n', size);
    size_t ulen = nl ? (size_t)(nl - data) : size;
    if (ulen > 4096) ulen = 4096;
    const char *body = nl ? (const char *)nl + 1 : "";
    size_t blen = nl ? size - ulen - 1 : 0;
    if (!nl && size > ulen) { body = (const char *)data + ulen; blen = size - ulen; }

    vg_server s;
    memset(&s, 0, sizeof s);
    s.token = (char *)"s3cret-token";
    s.web_root = web_root;
    s.dict = fixed_dict();
    s.max_body = 1 << 20;
    s.threads = 1;
    s.pool = (o & 64) ? pool : NULL;

    vg_req req;
    memset(&req, 0, sizeof req);
    vg_arena_init(&req.arena, 0);
    req.method = methods[o & 3];
    req.content_type = types[(o >> 2) & 3];
    req.auth = (o & 16) ? "Bearer s3cret-token" : (o & 32) ? "Bearer wrong" : NULL;
    req.raw_uri = vg_arena_strndup(&req.arena, (const char *)data, ulen);
    if (!req.raw_uri) { vg_arena_free(&req.arena); return 0; }
    req.raw_uri[strnlen(req.raw_uri, ulen)] = '\0';   /* MHD stops at a NUL */
    vg_buf_put(&req.body, body, blen);
    req.started = true;
    vg_http__parse_uri(&req);

    /* Field by field: serve.h's struct grows new headers now and then. */
    vg_resp r;
    memset(&r, 0, sizeof r);
    r.status = 200;
    r.fd = -1;
    int api = 0, write = 0;
    if (dispatch(&s, &req, &r, &api, &write)) {
        fuzz_check(r.status >= 200 && r.status <= 599);
        if (r.fd >= 0) {
            fuzz_check(!api);
            check_inside_root(r.fd);
            close(r.fd);
        } else if ((api || r.status >= 400) &&
                   (r.content_type == NULL || strstr(r.content_type, "json"))) {
            if (!json_valid(r.body.ptr ? r.body.ptr : "", r.body.len)) {
                fprintf(stderr, "invalid JSON response (%u): %.*s\n", r.status,
                        (int)(r.body.len > 2000 ? 2000 : r.body.len), r.body.ptr ? r.body.ptr : "");
                fuzz_check(0);
            }
            fuzz_check(r.body.len > 0 && r.body.ptr[0] == '{');
            int has_error = strstr(r.body.ptr, "\"error\":") != NULL;
            if (r.status >= 400) fuzz_check(has_error);
        }
        if (r.fd < 0 && r.content_type && strstr(r.content_type, "text/csv") &&
            !csv_valid(r.body.ptr ? r.body.ptr : "", r.body.len)) {
            fprintf(stderr, "malformed CSV response: %.*s\n",
                    (int)(r.body.len > 2000 ? 2000 : r.body.len), r.body.ptr ? r.body.ptr : "");
            fuzz_check(0);
        }
        if (write && !(o & 16)) fuzz_check(r.status >= 400);
    }
    vg_buf_free(&r.body);
    vg_buf_free(&req.body);
    vg_arena_free(&req.arena);
    return 0;
}
