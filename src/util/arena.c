/* arena.c — per-document bump allocator. One malloc per block, not per token. */
#include "util.h"
#include <stdlib.h>
#include <string.h>

struct vg_arena_block {
    vg_arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

void vg_arena_init(vg_arena *a, size_t block_size) {
    memset(a, 0, sizeof *a);
    a->block_size = block_size ? block_size : 64 * 1024;
}

#ifdef VG_DEBUG_ARENA
void *vg_arena_alloc(vg_arena *a, size_t n) {
    if (a->debug_n == a->debug_cap) {
        size_t cap = a->debug_cap ? a->debug_cap * 2 : 64;
        void **p = realloc(a->debug_ptrs, cap * sizeof *p);
        if (!p) return NULL;
        a->debug_ptrs = p; a->debug_cap = cap;
    }
    void *m = malloc(n ? n : 1);
    if (m) a->debug_ptrs[a->debug_n++] = m;
    return m;
}
void vg_arena_reset(vg_arena *a) {
    for (size_t i = 0; i < a->debug_n; i++) free(a->debug_ptrs[i]);
    a->debug_n = 0;
}
void vg_arena_free(vg_arena *a) {
    vg_arena_reset(a);
    free(a->debug_ptrs);
    memset(a, 0, sizeof *a);
}
#else
void *vg_arena_alloc(vg_arena *a, size_t n) {
    size_t need;
    if (!vg_add_ok(n, 15, &need)) return NULL;
    need &= ~(size_t)15;
    vg_arena_block *b = a->head;
    if (!b || b->size - b->used < need) {
        /* Reuse a spare block when it is large enough, else allocate. */
        vg_arena_block **pp = &a->spare;
        while (*pp && (*pp)->size < need) pp = &(*pp)->next;
        if (*pp) {
            b = *pp; *pp = b->next;
        } else {
            size_t size = need > a->block_size ? need : a->block_size, total;
            if (!vg_add_ok(size, sizeof *b, &total)) return NULL;
            b = malloc(total);
            if (!b) return NULL;
            b->size = size;
        }
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    return p;
}
void vg_arena_reset(vg_arena *a) {
    while (a->head) {
        vg_arena_block *b = a->head;
        a->head = b->next;
        b->next = a->spare;
        a->spare = b;
    }
}
void vg_arena_free(vg_arena *a) {
    vg_arena_reset(a);
    while (a->spare) {
        vg_arena_block *b = a->spare;
        a->spare = b->next;
        free(b);
    }
}
#endif

void *vg_arena_calloc(vg_arena *a, size_t count, size_t size) {
    size_t n;
    if (!vg_mul_ok(count, size, &n)) return NULL;
    void *p = vg_arena_alloc(a, n);
    if (p) memset(p, 0, n);
    return p;
}

char *vg_arena_strndup(vg_arena *a, const char *s, size_t n) {
    size_t total;
    if (!vg_add_ok(n, 1, &total)) return NULL;
    char *p = vg_arena_alloc(a, total);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
