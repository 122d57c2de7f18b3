/* static.c — the dashboard's files, from the web root (web/dist) only.
 *
 * The decoded path is checked segment by segment ("..", hidden names and
 * backslashes are refused), then resolved with realpath() and required to
 * stay under the root's own realpath: that also catches a symlink inside
 * web/dist that points outside it. Only regular files are served. */
#include "serve/serve.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *mime_of(const char *path) {
    static const struct { const char *ext, *type; } types[] = {
        { ".html", "text/html; charset=utf-8" },
        { ".js", "text/javascript; charset=utf-8" },
        { ".mjs", "text/javascript; charset=utf-8" },
        { ".css", "text/css; charset=utf-8" },
        { ".json", "application/json" },
        { ".svg", "image/svg+xml" },
        { ".png", "image/png" },
        { ".ico", "image/x-icon" },
        { ".map", "application/json" },
        { ".txt", "text/plain; charset=utf-8" },
        { ".woff2", "font/woff2" },
    };
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        size_t e = strlen(types[i].ext);
        if (n >= e && !strcmp(path + n - e, types[i].ext)) return types[i].type;
    }
    return "application/octet-stream";
}

/* "gzip" listed in Accept-Encoding and not refused with q=0. */
static bool accepts_gzip(const char *ae) {
    const char *g = ae ? strstr(ae, "gzip") : NULL;
    if (!g) return false;
    g += 4;
    while (*g == ' ') g++;
    if (strncmp(g, ";q=0", 4)) return true;
    /* q=0, q=0.0, q=0.000 refuse; q=0.5 accepts. */
    for (g += 4; *g == '.' || *g == '0'; g++) {}
    return *g >= '1' && *g <= '9';
}

void vg_static__serve(const vg_server *s, const vg_req *req, vg_resp *r) {
    const char *path = req->path;
    if (!s->web_root) {
        vg_resp__error(r, 404, "not_found", "no dashboard: web root is missing (run web/build.sh)");
        return;
    }
    if (!path || path[0] != '/') {
        vg_resp__error(r, 400, "bad_path", "path must start with '/'");
        return;
    }
    if (strchr(path, '\\')) {
        vg_resp__error(r, 400, "bad_path", "backslash in path");
        return;
    }
    /* Check every segment before touching the file system. */
    for (const char *p = path; *p;) {
        while (*p == '/') p++;
        const char *e = p + strcspn(p, "/");
        if (e > p && *p == '.') {
            vg_resp__error(r, 404, "not_found", "no such file");
            return;
        }
        p = e;
    }
    size_t plen = strlen(path), rlen = strlen(s->web_root);
    bool dir = path[plen - 1] == '/';
    char full[PATH_MAX];
    if (rlen + plen + sizeof "/index.html" > sizeof full) {
        vg_resp__error(r, 414, "uri_too_long", "path too long");
        return;
    }
    memcpy(full, s->web_root, rlen);
    memcpy(full + rlen, path, plen + 1);
    if (dir) strcat(full, "index.html");

    char real[PATH_MAX];
    if (!realpath(full, real)) {
        vg_resp__error(r, 404, "not_found", "no such file");
        return;
    }
    if (strncmp(real, s->web_root, rlen) != 0 || real[rlen] != '/') {
        vg_resp__error(r, 404, "not_found", "no such file");
        return;
    }
    int fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        vg_resp__error(r, 404, "not_found", "no such file");
        return;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        vg_resp__error(r, 404, "not_found", "no such file");
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        /* A directory without the trailing slash: serve its index. */
        close(fd);
        char idx[PATH_MAX + 16];
        snprintf(idx, sizeof idx, "%s/index.html", real);
        fd = open(idx, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            if (fd >= 0) close(fd);
            vg_resp__error(r, 404, "not_found", "no such file");
            return;
        }
        r->content_type = "text/html; charset=utf-8";
    } else if (!S_ISREG(st.st_mode)) {
        close(fd);
        vg_resp__error(r, 404, "not_found", "no such file");
        return;
    }
    if (!r->content_type) r->content_type = mime_of(real);
    /* web/build.sh writes FILE.gz beside the big text files; send it to
     * clients that take gzip. It sits in the same checked directory, and
     * O_NOFOLLOW keeps a symlink named FILE.gz from leading elsewhere. */
    if (accepts_gzip(req->accept_enc)) {
        char gz[PATH_MAX + 4];
        snprintf(gz, sizeof gz, "%s.gz", real);
        struct stat gst;
        int gfd = open(gz, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (gfd >= 0 && fstat(gfd, &gst) == 0 && S_ISREG(gst.st_mode) && gst.st_mtime >= st.st_mtime) {
            close(fd);
            fd = gfd;
            st = gst;
            r->encoding = "gzip";
        } else if (gfd >= 0) {
            close(gfd);
        }
    }
    /* Revalidation: the browser sends back the Last-Modified it was given. */
    struct tm tm;
    gmtime_r(&st.st_mtime, &tm);
    strftime(r->last_modified, sizeof r->last_modified, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    r->cache = "no-cache";
    if (req->if_modified && !strcmp(req->if_modified, r->last_modified)) {
        close(fd);
        r->status = 304;
        return;
    }
    r->status = 200;
    r->fd = fd;
    r->fd_size = (uint64_t)st.st_size;
}
