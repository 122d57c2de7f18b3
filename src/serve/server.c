/* server.c — the libmicrohttpd daemon: request life cycle and routing.
 *
 * MHD runs a pool of threads; each request gets a vg_req (created in the URI
 * callback, which sees the raw URI before MHD decodes it, so that percent
 * escapes such as %2e%2e and %00 are judged by us, once) and is freed in the
 * completion callback. Bodies are collected up to max_body; past it the rest
 * is read and dropped so the client gets a clean 413 instead of a reset. */
#include "serve/serve.h"

#include <arpa/inet.h>
#include <limits.h>
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_MAX_BODY (1024u * 1024u)

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con) {
    (void)cls;
    vg_req *req = calloc(1, sizeof *req);
    if (!req) return NULL;
    vg_arena_init(&req->arena, 8192);
    req->con = con;
    clock_gettime(CLOCK_MONOTONIC, &req->t0);
    req->raw_uri = vg_arena_strndup(&req->arena, uri, strlen(uri));
    req->body = (vg_buf)VG_BUF_INIT;
    return req;
}

static void on_done(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode toe) {
    (void)cls; (void)con; (void)toe;
    vg_req *req = *con_cls;
    if (!req) return;
    vg_buf_free(&req->body);
    vg_arena_free(&req->arena);
    free(req);
    *con_cls = NULL;
}

static void free_buf(void *p) { free(p); }

static enum MHD_Result send_resp(struct MHD_Connection *con, const vg_req *req, vg_resp *r) {
    (void)req;
    struct MHD_Response *mr;
    if (r->fd >= 0) {
        mr = MHD_create_response_from_fd64(r->fd_size, r->fd);
        if (!mr) close(r->fd);
    } else {
        if (r->body.oom) {
            vg_buf_free(&r->body);
            vg_resp__error(r, 500, "nomem", "out of memory");
        }
        size_t n = r->body.len;
        char *p = r->body.ptr;
        r->body = (vg_buf)VG_BUF_INIT;
        /* HEAD: MHD sends the headers (with the real Content-Length) only. */
        mr = p ? MHD_create_response_from_buffer_with_free_callback(n, p, free_buf)
               : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        if (!mr) free(p);
    }
    if (!mr) return MHD_NO;
    MHD_add_response_header(mr, "Content-Type", r->content_type ? r->content_type : "application/json");
    MHD_add_response_header(mr, "Cache-Control", r->cache ? r->cache : "no-store");
    MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(mr, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(mr, "X-Frame-Options", "DENY");
    /* The dashboard loads nothing from elsewhere; say so. uPlot and
     * cytoscape set element styles, hence style-src 'unsafe-inline'. */
    MHD_add_response_header(mr, "Content-Security-Policy",
                            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    if (r->link) MHD_add_response_header(mr, "Link", r->link);
    if (r->last_modified[0]) MHD_add_response_header(mr, "Last-Modified", r->last_modified);
    if (r->encoding) MHD_add_response_header(mr, "Content-Encoding", r->encoding);
    if (r->disposition) MHD_add_response_header(mr, "Content-Disposition", r->disposition);
    if (r->fd >= 0) MHD_add_response_header(mr, "Vary", "Accept-Encoding");
    if (r->status == 401) MHD_add_response_header(mr, "WWW-Authenticate", "Bearer realm=\"vigia\"");
    if (r->status == 405) MHD_add_response_header(mr, "Allow", r->allow ? r->allow : "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(con, r->status, mr);
    MHD_destroy_response(mr);
    return ret;
}

typedef void (*handler_fn)(const vg_server *, vg_req *, vg_resp *);
typedef struct route {
    const char *path;
    const char *method;   /* "GET" also allows HEAD */
    handler_fn fn;
} route;

static const route routes[] = {
    { "/healthz", "GET", vg_api__health },
    { "/api/health", "GET", vg_api__health },
    { "/api/events", "GET", vg_api__events },
    { "/api/trend", "GET", vg_api__trend },
    { "/api/network", "GET", vg_api__network },
    { "/api/alerts", "GET", vg_api__alerts },
    { "/api/actors", "GET", vg_api__actors },
    { "/api/partners", "GET", vg_api__partners },
    { "/api/code", "POST", vg_api__code },
    { "/api/ingest", "POST", vg_api__ingest },
};

static void dispatch(const vg_server *s, vg_req *req, vg_resp *r) {
    if (req->bad_uri || !req->path) {
        vg_resp__error(r, 400, "bad_uri", "malformed percent-encoding, or an encoded NUL, in the URL");
        return;
    }
    bool get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");
    bool api = !strncmp(req->path, "/api/", 5) || !strcmp(req->path, "/api") || !strcmp(req->path, "/healthz");
    if (api) {
        /* API paths are matched literally; a trailing slash is tolerated. */
        size_t n = strlen(req->path);
        if (n > 1 && req->path[n - 1] == '/') req->path[n - 1] = '\0';
        for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
            if (strcmp(routes[i].path, req->path)) continue;
            bool ok = !strcmp(routes[i].method, "GET") ? get : !strcmp(req->method, routes[i].method);
            if (!ok) {
                vg_resp__error(r, 405, "method_not_allowed", "%s does not accept %s", req->path, req->method);
                r->allow = !strcmp(routes[i].method, "GET") ? "GET, HEAD" : "POST";
                return;
            }
            routes[i].fn(s, req, r);
            return;
        }
        vg_resp__error(r, 404, "not_found", "no API endpoint %s (see docs/api.md)", req->path);
        return;
    }
    if (!get) {
        vg_resp__error(r, 405, "method_not_allowed", "static files accept GET and HEAD only");
        return;
    }
    vg_static__serve(s, req, r);
}

static void log_request(const vg_server *s, const vg_req *req, const char *method, unsigned status) {
    if (!s->log) return;
    vg_error d;
    vg_error_clear(&d);
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - req->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - req->t0.tv_nsec) / 1e6;
    snprintf(d.message, sizeof d.message, "%s %.200s -> %u (%.1f ms)", method, req->raw_uri ? req->raw_uri : "",
             status, ms);
    s->log(&d, s->log_payload);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)url; (void)version;
    const vg_server *s = cls;
    vg_req *req = *con_cls;
    if (!req) return MHD_NO; /* out of memory in on_uri */
    if (!req->started) {
        req->started = true;
        req->method = method;
        req->content_type = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
        req->auth = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
        req->accept_enc = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Accept-Encoding");
        req->if_modified = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "If-Modified-Since");
        vg_http__parse_uri(req);
        const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > s->max_body) {
            /* Refuse before reading: MHD closes the connection afterwards. */
            vg_resp r = VG_RESP_INIT;
            vg_resp__error(&r, 413, "too_large", "request body of %.24s bytes exceeds the limit of %zu bytes", cl,
                          s->max_body);
            log_request(s, req, method, r.status);
            return send_resp(con, req, &r);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        if (!req->body_too_large && req->body.len + n <= s->max_body) vg_buf_put(&req->body, upload_data, n);
        else req->body_too_large = true;
        *upload_data_size = 0;
        return MHD_YES;
    }
    vg_resp r = VG_RESP_INIT;
    r.status = 200;
    if (req->body_too_large)
        vg_resp__error(&r, 413, "too_large", "request body exceeds the limit of %zu bytes", s->max_body);
    else if (req->body.oom)
        vg_resp__error(&r, 500, "nomem", "out of memory reading the request body");
    else
        dispatch(s, req, &r);
    log_request(s, req, method, r.status);
    return send_resp(con, req, &r);
}

static char *xstrdup(const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

const char *vg_server_default_web_dir(void) {
    const char *env = getenv("VIGIA_WEB_DIR");
    if (env && *env) return env;
    if (access(VG_SOURCE_WEB_DIR "/index.html", R_OK) == 0) return VG_SOURCE_WEB_DIR;
    return VG_INSTALL_WEB_DIR;
}

vg_status vg_server_start(vg_server **out, const vg_server_options *opt, vg_error *err) {
    *out = NULL;
    if (!opt || opt->version != VG_SERVER_OPTIONS_VERSION)
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "server options version mismatch");
    vg_server *s = calloc(1, sizeof *s);
    if (!s) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    s->max_body = opt->max_body ? opt->max_body : DEFAULT_MAX_BODY;
    s->threads = opt->threads ? opt->threads : 4;
    if (s->threads > 64) s->threads = 64;
    s->dict = opt->dict;
    s->log = opt->log;
    s->log_payload = opt->payload;
    if (opt->token && *opt->token) {
        if (strlen(opt->token) < 8) {
            free(s);
            return vg_err_set(err, VG_ERR_ARG, NULL, 0, "token must be at least 8 characters");
        }
        s->token = xstrdup(opt->token);
    }
    const char *web = opt->web_dir ? opt->web_dir : vg_server_default_web_dir();
    char real[PATH_MAX];
    if (web && realpath(web, real)) s->web_root = xstrdup(real);
    if (opt->db) {
        s->db = xstrdup(opt->db);
        vg_status st = vg_store_pool__new(&s->pool, opt->db, s->threads, err);
        if (st != VG_OK) {
            vg_server_stop(s);
            return st;
        }
    }

    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)opt->port);
    const char *bind = opt->bind && *opt->bind ? opt->bind : "127.0.0.1";
    if (!strcmp(bind, "localhost")) bind = "127.0.0.1";
    if (inet_pton(AF_INET, bind, &sa.sin_addr) != 1) {
        vg_server_stop(s);
        return vg_err_set(err, VG_ERR_ARG, NULL, 0, "bind address '%s' is not an IPv4 address", bind);
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
    s->daemon = MHD_start_daemon(flags, (uint16_t)opt->port, NULL, NULL, on_request, s,
                                 MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                                 MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)s->threads,
                                 MHD_OPTION_URI_LOG_CALLBACK, on_uri, (void *)s,
                                 MHD_OPTION_NOTIFY_COMPLETED, on_done, (void *)s,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
                                 /* One client cannot take every connection. */
                                 MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)128,
                                 MHD_OPTION_END);
    if (!s->daemon) {
        vg_server_stop(s);
        return vg_err_set(err, VG_ERR_IO, NULL, 0, "cannot listen on %s:%u (address in use or not permitted?)",
                          bind, opt->port);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : opt->port;
    *out = s;
    return VG_OK;
}

unsigned vg_server_port(const vg_server *s) { return s ? s->port : 0; }

const char *vg_server_web_root(const vg_server *s) { return s ? s->web_root : NULL; }

void vg_server_stop(vg_server *s) {
    if (!s) return;
    if (s->daemon) MHD_stop_daemon(s->daemon);
    vg_store_pool__free(s->pool);
    free(s->token);
    free(s->web_root);
    free(s->db);
    free(s);
}
