/* util.h — arena, growable buffer and error helpers shared by every module.
 * Private: not part of the public API. */
#ifndef VG_UTIL_H
#define VG_UTIL_H

#include "vigia.h"
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- arena: bump allocator, freed at once. With VG_DEBUG_ARENA every
 * allocation is a separate malloc so ASan and valgrind see each one. ---- */
typedef struct vg_arena_block vg_arena_block;
typedef struct vg_arena {
    vg_arena_block *head;   /* current block */
    vg_arena_block *spare;  /* blocks kept by vg_arena_reset for reuse */
    size_t block_size;
#ifdef VG_DEBUG_ARENA
    void **debug_ptrs; size_t debug_n, debug_cap;
#endif
} vg_arena;

void vg_arena_init(vg_arena *a, size_t block_size);
/* Memory aligned to 16 bytes, or NULL on overflow/out of memory. */
void *vg_arena_alloc(vg_arena *a, size_t n);
void *vg_arena_calloc(vg_arena *a, size_t count, size_t size);
char *vg_arena_strndup(vg_arena *a, const char *s, size_t n);
/* Drop every allocation but keep the memory for the next document. */
void vg_arena_reset(vg_arena *a);
void vg_arena_free(vg_arena *a);

/* ---- buf: growable byte buffer (1.5x growth), always NUL-terminated. ---- */
typedef struct vg_buf {
    char *ptr;
    size_t len, cap;
    bool oom;   /* sticky: an append failed; check once at the end */
} vg_buf;

#define VG_BUF_INIT { NULL, 0, 0, false }
bool vg_buf_grow(vg_buf *b, size_t extra);
void vg_buf_put(vg_buf *b, const void *p, size_t n);
void vg_buf_puts(vg_buf *b, const char *s);
void vg_buf_putc(vg_buf *b, char c);
void vg_buf_printf(vg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The code point cp as UTF-8; NUL, surrogates and values above U+10FFFF
 * become U+FFFD. */
void vg_buf_put_cp(vg_buf *b, unsigned long cp);
/* The value of the four hex digits at s (of a \uXXXX escape), or -1. */
int vg_hex4(const char *s);
/* A JSON \uXXXX escape: s is just past "\u", n bytes remain. A high
 * surrogate followed by a low one's escape is one code point. *cp gets
 * U+FFFD for a lone surrogate (*lone then true) and a space for U+0000, so
 * decoded text stays a whole C string. Returns the bytes used after "\u"
 * (4, or 10 for a pair), or -1 when fewer than 4 hex digits follow. */
int vg_json_u_escape(const char *s, size_t n, unsigned long *cp, bool *lone);
/* A JSON string literal with quotes; invalid UTF-8 becomes U+FFFD. */
void vg_buf_json_str(vg_buf *b, const char *s, size_t n);
void vg_buf_clear(vg_buf *b);
void vg_buf_free(vg_buf *b);

/* ---- errors ---- */
/* Set err (if not NULL) and return code. file may be NULL; line 0 = unknown. */
vg_status vg_err_set(vg_error *err, vg_status code, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void vg_err_set_record(vg_error *err, const char *id, size_t id_len);

/* ---- dates: YYYYMMDD <-> days since 1970-01-01 (proleptic Gregorian) ---- */
int64_t vg_days_from_ymd(int32_t ymd);
int32_t vg_ymd_from_days(int64_t days);
/* The Monday on or before ymd. */
int32_t vg_week_start(int32_t ymd);

/* ---- overflow-checked size arithmetic ---- */
static inline bool vg_mul_ok(size_t a, size_t b, size_t *out) {
    return !__builtin_mul_overflow(a, b, out);
}
static inline bool vg_add_ok(size_t a, size_t b, size_t *out) {
    return !__builtin_add_overflow(a, b, out);
}

/* ---- growable arrays ---- */
/* Make room for element n of *p, an array of *cap elements of elem bytes:
 * grows 1.5x, to `first` elements the first time. False when out of memory
 * or the size overflows (*p and *cap are then unchanged). */
static inline bool vg_grow(void **p, size_t *cap, size_t n, size_t elem, size_t first) {
    if (n < *cap) return true;
    size_t c = *cap ? *cap + *cap / 2 + 1 : first, bytes;
    if (!vg_mul_ok(c, elem, &bytes)) return false;
    void *q = realloc(*p, bytes);
    if (!q) return false;
    *p = q;
    *cap = c;
    return true;
}

/* ---- UTF-8: length of the valid sequence at s (1..4; n >= 1), or 0 when
 * it is invalid: overlong, a surrogate, above U+10FFFF or cut short. ---- */
static inline size_t vg_utf8_len(const unsigned char *s, size_t n) {
    unsigned c = s[0];
    if (c < 0x80) return 1;
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (!len || len > n || c > 0xF4) return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0;          /* overlong */
    if (c == 0xED && s[1] >= 0xA0) return 0;         /* surrogates */
    if (c == 0xF0 && s[1] < 0x90) return 0;          /* overlong */
    if (c == 0xF4 && s[1] >= 0x90) return 0;         /* > U+10FFFF */
    return len;
}

/* ---- hashing (FNV-1a 64, fine for word keys) ---- */
/* MurmurHash3's 64-bit finaliser: every input bit flips each output bit
 * with probability near 1/2 (for keys packed from several fields). */
static inline uint64_t vg_mix64(uint64_t h) {
    h ^= h >> 33; h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

static inline uint64_t vg_hash(const void *p, size_t n) {
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ull; }
    return h;
}

#endif
