/* ontology.c — lookups in the generated CAMEO tables. */
#include "ontology/ontology.h"

#include <string.h>

/* Compare a (ptr, len) key with a NUL-terminated table code in strcmp order,
 * so that the key need not be terminated. */
static int key_cmp(const char *key, size_t len, const char *code) {
    size_t clen = strlen(code);
    size_t n = len < clen ? len : clen;
    int c = memcmp(key, code, n);
    if (c != 0) return c;
    return len < clen ? -1 : len > clen ? 1 : 0;
}

const vg_cameo *vg_cameo_find(const char *code, size_t len) {
    if (code == NULL || len == 0 || len > 4) return NULL;
    size_t lo = 0, hi = vg_ontology__cameo_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = key_cmp(code, len, vg_ontology__cameo[mid].code);
        if (c == 0) return &vg_ontology__cameo[mid];
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return NULL;
}

int vg_ontology__is_code(const char *s, size_t len) { return vg_cameo_find(s, len) != NULL; }

size_t vg_cameo_count(void) { return vg_ontology__cameo_count; }

const vg_cameo *vg_cameo_at(size_t i) {
    return i < vg_ontology__cameo_count ? &vg_ontology__cameo[i] : NULL;
}

int vg_quad_of_root(int root) {
    if (root < 1 || root > 20) return 0;
    return root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
}

const vg_actor_type *vg_actor_type_find(const char *code, size_t len) {
    if (code == NULL || len == 0) return NULL;
    size_t lo = 0, hi = vg_ontology__actor_type_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = key_cmp(code, len, vg_ontology__actor_types[mid].code);
        if (c == 0) return &vg_ontology__actor_types[mid];
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return NULL;
}

size_t vg_actor_type_count(void) { return vg_ontology__actor_type_count; }

const vg_actor_type *vg_actor_type_at(size_t i) {
    return i < vg_ontology__actor_type_count ? &vg_ontology__actor_types[i] : NULL;
}
