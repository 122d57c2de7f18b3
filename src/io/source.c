/* source.c — a sliding window over an input stream. The window grows only
 * as far as the longest record needs (and never past its limit), so memory
 * stays flat whatever the size of the input. read(2) is used rather than
 * stdio so that a pipe delivers records as they arrive. */
#include "io.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INITIAL_WINDOW (256u * 1024u)

vg_status vg_io__src_open_fd(vg_io_src *s, int fd, bool own, size_t limit) {
    memset(s, 0, sizeof *s);
    s->fd = fd;
    s->own_fd = own;
    s->limit = limit < INITIAL_WINDOW ? INITIAL_WINDOW : limit;
    s->cap = INITIAL_WINDOW;
    s->buf = malloc(s->cap);
    s->line = 1;
    return s->buf ? VG_OK : VG_ERR_NOMEM;
}

void vg_io__src_open_mem(vg_io_src *s, const char *buf, size_t len) {
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->mem = true;
    s->eof = true;
    s->buf = (char *)buf;  /* never written through: a memory source is read-only */
    s->cap = s->end = len;
    s->limit = len;
    s->line = 1;
}

void vg_io__src_close(vg_io_src *s) {
    if (!s->mem) free(s->buf);
    if (s->own_fd && s->fd >= 0) close(s->fd);
    s->buf = NULL;
    s->fd = -1;
}

size_t vg_io__src_fill(vg_io_src *s, size_t want) {
    while (s->end - s->pos < want && !s->eof) {
        if (s->pos > 0 && (s->end == s->cap || s->pos >= s->cap / 2)) {
            memmove(s->buf, s->buf + s->pos, s->end - s->pos);
            s->end -= s->pos;
            s->pos = 0;
        }
        if (s->end == s->cap) {
            if (s->cap >= s->limit) break;
            size_t cap = s->cap * 2;
            if (cap > s->limit || cap < s->cap) cap = s->limit;
            char *nb = realloc(s->buf, cap);
            if (!nb) break;
            s->buf = nb;
            s->cap = cap;
        }
        ssize_t got = read(s->fd, s->buf + s->end, s->cap - s->end);
        if (got < 0) {
            if (errno == EINTR) continue;
            s->io_errno = errno;
            s->eof = true;
        } else if (got == 0) {
            s->eof = true;
        } else {
            s->end += (size_t)got;
        }
    }
    return s->end - s->pos;
}

void vg_io__src_skip(vg_io_src *s, size_t n) {
    const char *p = s->buf + s->pos, *e = p + n;
    while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) { s->line++; p++; }
    s->pos += n;
}
