/* builder.c — the dictionary builder every format feeds, and the compiled
 * vg_dict it turns into. Words are interned to integer ids; every phrase
 * (actor, agent, discard, issue, verb form, synset member) is a path of
 * word ids in one hash-indexed trie, so coding is integer matching. */
#include "dict/dict.h"
#include "dict/dict_impl.h"
#include "text/text.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GROW(arr, n, cap) \
    ((n) < (cap) || grow_array((void **)&(arr), &(cap), sizeof *(arr)))

static bool grow_array(void **arr, size_t *cap, size_t elem) {
    size_t nc = *cap ? *cap + *cap / 2 + 8 : 64;
    size_t bytes;
    if (!vg_mul_ok(nc, elem, &bytes)) return false;
    void *p = realloc(*arr, bytes);
    if (!p) return false;
    /* Zero the new tail: slots not yet used and the padding inside records
     * are then defined bytes, so a compiled file is reproducible and
     * writing it reads no uninitialised memory (valgrind). */
    memset((char *)p + *cap * elem, 0, (nc - *cap) * elem);
    *arr = p;
    *cap = nc;
    return true;
}

struct vg_dict_builder {
    vg_dict *d;
    unsigned flags;
    vg_diag_fn diag;
    void *payload;
    const char *last_file;            /* interned file name cache */
    const char *last_file_in;
    vg_error last_problem;
};

/* ---- words ---- */

static uint32_t word_find(const vg_dict *d, const char *s, size_t n, uint64_t h) {
    if (!d->word_hcap) return 0;
    size_t mask = d->word_hcap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t id = d->word_hash[i];
        if (!id) return 0;
        if (d->word_len[id] == n && !memcmp(d->word_str[id], s, n)) return id;
    }
}

static bool word_rehash(vg_dict *d, size_t cap) {
    uint32_t *h = calloc(cap, sizeof *h);
    if (!h) return false;
    for (size_t id = 1; id < d->nwords; id++) {
        size_t i = vg_hash(d->word_str[id], d->word_len[id]) & (cap - 1);
        while (h[i]) i = (i + 1) & (cap - 1);
        h[i] = (uint32_t)id;
    }
    free(d->word_hash);
    d->word_hash = h;
    d->word_hcap = cap;
    return true;
}

/* Intern a normalized word; 0 on out of memory. */
static uint32_t word_intern(vg_dict *d, const char *s, size_t n) {
    uint64_t h = vg_hash(s, n);
    uint32_t id = word_find(d, s, n, h);
    if (id) return id;
    if (d->nwords == 0) d->nwords = 1; /* id 0 is "no word" */
    if ((d->nwords + 1) * 2 > d->word_hcap && !word_rehash(d, d->word_hcap ? d->word_hcap * 2 : 4096))
        return 0;
    if (d->nwords >= d->word_cap) {
        size_t cap = d->word_cap;
        size_t cap2 = cap;
        if (!grow_array((void **)&d->word_str, &cap, sizeof *d->word_str)) return 0;
        if (!grow_array((void **)&d->word_len, &cap2, sizeof *d->word_len)) return 0;
        d->word_cap = cap < cap2 ? cap : cap2;
    }
    char *copy = vg_arena_strndup(&d->strings, s, n);
    if (!copy) return 0;
    id = (uint32_t)d->nwords++;
    d->word_str[id] = copy;
    d->word_len[id] = (uint32_t)n;
    size_t i = h & (d->word_hcap - 1);
    while (d->word_hash[i]) i = (i + 1) & (d->word_hcap - 1);
    d->word_hash[i] = id;
    return id;
}

const char *vg_dict__word_text(const vg_dict *d, uint32_t id) {
    return id && id < d->nwords ? d->word_str[id] : "";
}

/* ---- trie ---- */

static uint32_t node_new(vg_dict *d) {
    if (d->nnodes == 0) d->nnodes = 1; /* node 0 is "none" */
    if (!GROW(d->nodes, d->nnodes, d->node_cap)) return 0;
    vg_dnode *nd = &d->nodes[d->nnodes];
    nd->actor = nd->agent = nd->issue = nd->form = -1;
    nd->discard = nd->synset_end = 0;
    return (uint32_t)d->nnodes++;
}

static inline size_t edge_slot(uint32_t parent, uint32_t word, size_t cap) {
    return vg_dict__edge_slot(parent, word, cap - 1);
}

/* vg_dict__child while building (d->hot is filled at finish). */
static uint32_t child_probe(const vg_dict *d, uint32_t node, uint32_t word) {
    if (!d->edge_hcap || !word) return 0;
    size_t mask = d->edge_hcap - 1;
    for (size_t i = edge_slot(node, word, d->edge_hcap);; i = (i + 1) & mask) {
        const vg_dedge *e = &d->edges[i];
        if (!e->parent) return 0;
        if (e->parent == node && e->word == word) return e->child;
    }
}

static bool edge_rehash(vg_dict *d, size_t cap) {
    vg_dedge *ne = calloc(cap, sizeof *ne);
    if (!ne) return false;
    for (size_t i = 0; i < d->edge_hcap; i++) {
        vg_dedge *e = &d->edges[i];
        if (!e->parent) continue;
        size_t j = edge_slot(e->parent, e->word, cap);
        while (ne[j].parent) j = (j + 1) & (cap - 1);
        ne[j] = *e;
    }
    free(d->edges);
    d->edges = ne;
    d->edge_hcap = cap;
    return true;
}

static uint32_t child_add(vg_dict *d, uint32_t node, uint32_t word) {
    uint32_t c = child_probe(d, node, word);
    if (c) return c;
    if ((d->nedges + 1) * 2 > d->edge_hcap && !edge_rehash(d, d->edge_hcap ? d->edge_hcap * 2 : 8192))
        return 0;
    c = node_new(d);
    if (!c) return 0;
    size_t i = edge_slot(node, word, d->edge_hcap);
    while (d->edges[i].parent) i = (i + 1) & (d->edge_hcap - 1);
    d->edges[i].parent = node;
    d->edges[i].word = word;
    d->edges[i].child = c;
    d->nedges++;
    return c;
}

bool vg_dict__index_roots(vg_dict *d) {
    free(d->word_roots);
    d->word_roots = calloc(d->nwords ? d->nwords : 1, 1);
    if (!d->word_roots) return false;
    for (size_t i = 0; i < d->edge_hcap; i++) {
        const vg_dedge *e = &d->edges[i];
        if (e->parent && e->parent < VG_ROOT_COUNT && e->word < d->nwords)
            d->word_roots[e->word] |= (uint8_t)(1u << e->parent);
    }
    d->hot.nodes = d->nodes;
    d->hot.edges = d->edge_hcap ? d->edges : NULL;
    d->hot.edge_mask = d->edge_hcap ? d->edge_hcap - 1 : 0;
    d->hot.pats = d->pats;
    d->hot.npats = d->npats;
    d->hot.elems = d->elems;
    d->hot.word_roots = d->word_roots;
    d->hot.nwords = d->nwords;
    d->hot.word_hash = d->word_hcap ? d->word_hash : NULL;
    d->hot.word_hmask = d->word_hcap ? d->word_hcap - 1 : 0;
    d->hot.word_str = d->word_str;
    d->hot.word_len = d->word_len;
    return true;
}

/* ---- phrases ---- */

/* Split a phrase into words exactly as the tokenizer splits text (so a
 * key always matches the text that spells it; underscores are spaces) and
 * intern them. Returns the count (0 = empty), -1 on out of memory, -2 when
 * there are more than cap words (with gaps, ids must hold 2 * cap).
 *
 * With gaps (PETRARCH actor and agent phrases), a word joined to the one
 * before it by spaces alone, with no underscore, may stand apart from it
 * in the text (see VG_DICT_GAP_KEY): the gap word goes into ids before it,
 * so "ITHILEN TELEVISION" becomes ITHILEN, gap, TELEVISION while
 * "ITHILEN_RADIO" stays ITHILEN, RADIO. Words the tokenizer splits with no
 * separator ("AL-KURDI", "H.") stay adjacent. */
static int phrase_words_ex(vg_dict *d, const char *s, size_t n, uint32_t *ids, int cap, bool gaps) {
    char tmp[2048];
    if (n >= sizeof tmp) return -2;
    for (size_t i = 0; i < n; i++) tmp[i] = s[i] == '_' ? ' ' : s[i];
    if (vg_text__tokenize(&d->tok, tmp, n) != VG_OK) return -1;
    int k = 0;
    if (d->tok.n > (size_t)cap) return -2;
    for (size_t i = 0; i < d->tok.n; i++) {
        if (gaps && i > 0) {
            size_t a = d->tok.v[i - 1].off + d->tok.v[i - 1].len, z = d->tok.v[i].off;
            bool space = false, under = false;
            for (size_t c = a; c < z && c < n; c++) {
                if (s[c] == '_') under = true;
                else if (s[c] == ' ' || s[c] == '\t') space = true;
            }
            if (space && !under) {
                uint32_t g = word_intern(d, VG_DICT_GAP_KEY, sizeof VG_DICT_GAP_KEY - 1);
                if (!g) return -1;
                ids[k++] = g;
            }
        }
        const char *key = vg_text__key(&d->tok, i);
        uint32_t id = word_intern(d, key, d->tok.v[i].norm_len);
        if (!id) return -1;
        ids[k++] = id;
    }
    return k;
}

static int phrase_words(vg_dict *d, const char *s, size_t n, uint32_t *ids, int cap) {
    return phrase_words_ex(d, s, n, ids, cap, false);
}

#define MAX_PHRASE 48

static uint32_t trie_insert(vg_dict *d, uint32_t root, const uint32_t *ids, int n) {
    uint32_t node = root;
    for (int i = 0; i < n && node; i++) node = child_add(d, node, ids[i]);
    return node;
}

/* ---- builder lifecycle ---- */

vg_status vg_dict__builder_new(vg_dict_builder **out, const vg_dict_options *opt, vg_error *err) {
    *out = NULL;
    vg_dict_builder *b = calloc(1, sizeof *b);
    vg_dict *d = calloc(1, sizeof *d);
    if (!b || !d) {
        free(b); free(d);
        return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory creating a dictionary");
    }
    vg_arena_init(&d->strings, 64 * 1024);
    b->d = d;
    if (opt) {
        b->flags = opt->flags;
        b->diag = opt->diag;
        b->payload = opt->payload;
    }
    for (int r = 1; r < VG_ROOT_COUNT; r++)
        if (node_new(d) != (uint32_t)r) {
            vg_dict__builder_free(b);
            return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory creating a dictionary");
        }
    *out = b;
    return VG_OK;
}

void vg_dict__builder_free(vg_dict_builder *b) {
    if (!b) return;
    vg_dict_free(b->d);
    free(b);
}

static vg_status nomem(vg_error *err) {
    return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory loading dictionaries");
}

vg_status vg_dict__fill_error(const vg_dict_builder *b, vg_status st, vg_error *err) {
    if (st >= 0 || !err || err->code == st) return st;
    if (st == VG_ERR_DICT_SYNTAX && b->last_problem.code == VG_ERR_DICT_SYNTAX) *err = b->last_problem;
    else if (st == VG_ERR_NOMEM) nomem(err);
    return st;
}

void vg_dict__set_flags(vg_dict_builder *b, unsigned flags) { b->d->flags |= flags; }
unsigned vg_dict__flags(const vg_dict *d) { return d->flags; }

bool vg_dict__strict(const vg_dict_builder *b) { return (b->flags & VG_DICT_STRICT) != 0; }

vg_status vg_dict__problem(vg_dict_builder *b, vg_error *err, const char *file, long line,
                           const char *fmt, ...) {
    vg_error e;
    vg_error_clear(&e);
    e.code = VG_ERR_DICT_SYNTAX;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    if (file) snprintf(e.file, sizeof e.file, "%s", file);
    e.line = line;
    b->d->stats.problems++;
    b->last_problem = e;
    if (b->diag) b->diag(&e, b->payload);
    if (vg_dict__strict(b)) {
        if (err) *err = e;
        return VG_ERR_DICT_SYNTAX;
    }
    return VG_OK;
}

static const char *intern_file(vg_dict_builder *b, const char *file) {
    if (!file) return "";
    if (b->last_file_in && !strcmp(b->last_file_in, file)) return b->last_file;
    const char *c = vg_arena_strndup(&b->d->strings, file, strlen(file));
    if (!c) return "";
    b->last_file_in = c;
    b->last_file = c;
    return c;
}

/* Upper-cased copy of a code with spaces trimmed; NULL on bad characters
 * (with *bad set) or out of memory. */
static const char *code_dup(vg_dict *d, const char *s, size_t n, bool *bad) {
    *bad = false;
    while (n && (s[0] == ' ' || s[0] == '\t')) { s++; n--; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (n == 0 || n > 32) { *bad = true; return NULL; }
    char tmp[40];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z') c = (unsigned char)(c - 32);
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '#' ||
              c == '_' || c == '.' || c == '/')) { *bad = true; return NULL; }
        tmp[i] = (char)c;
    }
    return vg_arena_strndup(&d->strings, tmp, n);
}

/* Split "A:B" into two codes; code2 NULL when not paired. */
static vg_status event_code(vg_dict_builder *b, vg_error *err, const char *file, long line,
                            const char *s, size_t n, const char **c1, const char **c2) {
    *c1 = *c2 = NULL;
    if (!s || !n) return VG_OK;
    const char *colon = memchr(s, ':', n);
    bool bad;
    size_t n1 = colon ? (size_t)(colon - s) : n;
    *c1 = (colon && n1 == 0) ? "---" : code_dup(b->d, s, n1, &bad);
    if (!*c1) {
        if (!bad) return nomem(err);
        return vg_dict__problem(b, err, file, line, "bad event code '%.*s'", (int)n, s) ? VG_ERR_DICT_SYNTAX : 1;
    }
    if (colon) {
        *c2 = n - n1 - 1 == 0 ? "---" : code_dup(b->d, colon + 1, n - n1 - 1, &bad);
        if (!*c2) {
            if (!bad) return nomem(err);
            return vg_dict__problem(b, err, file, line, "bad paired event code '%.*s'", (int)n, s) ? VG_ERR_DICT_SYNTAX : 1;
        }
    }
    return VG_OK;
}

/* ---- actors ---- */

vg_status vg_dict__actor_new(vg_dict_builder *b, const char *file, long line, uint32_t *out) {
    vg_dict *d = b->d;
    if (!GROW(d->actors, d->nactors, d->actor_cap)) return nomem(NULL);
    vg_dactor *a = &d->actors[d->nactors];
    a->first = (uint32_t)d->ncodes;
    a->n = 0;
    a->file = intern_file(b, file);
    a->line = line;
    *out = (uint32_t)d->nactors++;
    d->stats.actors++;
    return VG_OK;
}

vg_status vg_dict__actor_phrase(vg_dict_builder *b, uint32_t actor, const char *phrase, size_t len) {
    return vg_dict__actor_phrase_ex(b, actor, phrase, len, false);
}

vg_status vg_dict__actor_phrase_ex(vg_dict_builder *b, uint32_t actor, const char *phrase, size_t len,
                                   bool gaps) {
    vg_dict *d = b->d;
    uint32_t ids[2 * MAX_PHRASE];
    int n = phrase_words_ex(d, phrase, len, ids, MAX_PHRASE, gaps);
    vg_dactor *a = &d->actors[actor];
    if (n == -1) return nomem(NULL);
    if (n == -2) return vg_dict__problem(b, NULL, a->file, a->line, "actor phrase too long");
    if (n == 0) return vg_dict__problem(b, NULL, a->file, a->line, "empty actor phrase");
    uint32_t node = trie_insert(d, VG_ROOT_ACTOR, ids, n);
    if (!node) return nomem(NULL);
    d->nodes[node].actor = (int32_t)actor;
    d->stats.actor_phrases++;
    return VG_OK;
}

vg_status vg_dict__actor_code(vg_dict_builder *b, uint32_t actor, const char *code, size_t len,
                              int32_t date_from, int32_t date_to) {
    vg_dict *d = b->d;
    vg_dactor *a = &d->actors[actor];
    bool bad;
    const char *c = code_dup(d, code, len, &bad);
    if (!c) {
        if (!bad) return nomem(NULL);
        return vg_dict__problem(b, NULL, a->file, a->line, "bad actor code '%.*s'", (int)len, code);
    }
    if (date_from && date_to && date_from > date_to)
        return vg_dict__problem(b, NULL, a->file, a->line, "date range ends before it starts");
    /* Codes of one entry are contiguous: entries get their codes right after
     * vg_dict__actor_new, so appending keeps [first, first+n) intact. If a
     * reader interleaves entries, move this entry's codes to the end. */
    if (a->first + a->n != d->ncodes) {
        size_t need = d->ncodes + a->n + 1;
        while (d->code_cap < need)
            if (!grow_array((void **)&d->codes, &d->code_cap, sizeof *d->codes)) return nomem(NULL);
        memmove(&d->codes[d->ncodes], &d->codes[a->first], a->n * sizeof *d->codes);
        a->first = (uint32_t)d->ncodes;
        d->ncodes += a->n;
    }
    if (!GROW(d->codes, d->ncodes, d->code_cap)) return nomem(NULL);
    vg_dcode *dc = &d->codes[d->ncodes++];
    dc->code = c;
    dc->from = date_from;
    dc->to = date_to;
    a->n++;
    return VG_OK;
}

vg_status vg_dict__add_actor(vg_dict_builder *b, const char *phrase, size_t phrase_len,
                             const char *code, size_t code_len, int32_t date_from, int32_t date_to,
                             const char *file, long line) {
    uint32_t a = 0;
    vg_status st = vg_dict__actor_new(b, file, line, &a);
    if (st == VG_OK) st = vg_dict__actor_phrase(b, a, phrase, phrase_len);
    if (st == VG_OK) st = vg_dict__actor_code(b, a, code, code_len, date_from, date_to);
    return st;
}

const char *vg_dict__actor_code_on(const vg_dict *d, int32_t actor, int32_t date) {
    if (actor < 0 || (size_t)actor >= d->nactors) return NULL;
    const vg_dactor *a = &d->actors[actor];
    if (!a->n) return NULL;
    const vg_dcode *c = &d->codes[a->first];
    const char *undated = NULL;
    for (uint32_t i = 0; i < a->n; i++) {
        if (!c[i].from && !c[i].to) {
            if (!undated) undated = c[i].code;
            continue;
        }
        if (date && (!c[i].from || date >= c[i].from) && (!c[i].to || date <= c[i].to)) return c[i].code;
    }
    /* Known only in dated roles and none holds the date: no code (the
     * coder then codes no event for it). With no date, the first code. */
    if (undated) return undated;
    return date ? NULL : c[0].code;
}

/* ---- agents ---- */

/* Regular English plural of a normalized word into out (cap bytes). */
static size_t plural_of(const char *w, size_t n, char *out, size_t cap) {
    if (n + 3 > cap) return 0;
    memcpy(out, w, n);
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
    bool vowel_prev = prev == 'A' || prev == 'E' || prev == 'I' || prev == 'O' || prev == 'U';
    if (last == 'Y' && !vowel_prev) { memcpy(out + n - 1, "IES", 3); return n + 2; }
    if (last == 'S' || last == 'X' || last == 'Z' || (last == 'H' && (prev == 'S' || prev == 'C'))) {
        memcpy(out + n, "ES", 2); return n + 2;
    }
    if (n >= 3 && !memcmp(w + n - 3, "MAN", 3)) { out[n - 2] = 'E'; return n; }
    out[n] = 'S';
    return n + 1;
}

vg_status vg_dict__add_agent(vg_dict_builder *b, const char *phrase, size_t phrase_len,
                             const char *code, size_t code_len, bool suffix, unsigned flags,
                             const char *file, long line) {
    vg_dict *d = b->d;
    uint32_t ids[2 * MAX_PHRASE];
    bool gaps = (flags & VG_AGENT_GAPS) != 0;
    int n = phrase_words_ex(d, phrase, phrase_len, ids, MAX_PHRASE, gaps);
    if (n == -1) return nomem(NULL);
    if (n == -2) return vg_dict__problem(b, NULL, file, line, "agent phrase too long");
    if (n == 0) return vg_dict__problem(b, NULL, file, line, "empty agent phrase");
    bool bad;
    const char *c = code_dup(d, code, code_len, &bad);
    if (!c) {
        if (!bad) return nomem(NULL);
        return vg_dict__problem(b, NULL, file, line, "bad agent code '%.*s'", (int)code_len, code);
    }
    if (!GROW(d->agents, d->nagents, d->agent_cap)) return nomem(NULL);
    int32_t ag = (int32_t)d->nagents++;
    d->agents[ag].code = c;
    d->agents[ag].suffix = suffix;
    uint32_t node = trie_insert(d, VG_ROOT_AGENT, ids, n);
    if (!node) return nomem(NULL);
    d->nodes[node].agent = ag;
    d->stats.agents++;
    if (flags & VG_AGENT_PLURALS) {
        uint32_t last = ids[n - 1];
        char pl[VG_TEXT_MAX_KEY + 8];
        size_t pn = plural_of(d->word_str[last], d->word_len[last], pl, sizeof pl);
        if (pn && pn <= VG_TEXT_MAX_KEY) {
            uint32_t pid = word_intern(d, pl, pn);
            if (!pid) return nomem(NULL);
            if (pid != last) {
                ids[n - 1] = pid;
                node = trie_insert(d, VG_ROOT_AGENT, ids, n);
                if (!node) return nomem(NULL);
                if (d->nodes[node].agent < 0) d->nodes[node].agent = ag;
            }
        }
    }
    return VG_OK;
}

const vg_dagent *vg_dict__agent(const vg_dict *d, int32_t agent) {
    return agent >= 0 && (size_t)agent < d->nagents ? &d->agents[agent] : NULL;
}

/* ---- synsets ---- */

static int32_t synset_get(vg_dict *d, uint32_t name_word, bool create) {
    if (name_word < d->synset_of_word_n && d->synset_of_word[name_word])
        return (int32_t)d->synset_of_word[name_word] - 1;
    if (!create) return -1;
    if (name_word >= d->synset_of_word_n) {
        size_t nn = d->nwords + 1024;
        uint32_t *p = realloc(d->synset_of_word, nn * sizeof *p);
        if (!p) return -2;
        memset(p + d->synset_of_word_n, 0, (nn - d->synset_of_word_n) * sizeof *p);
        d->synset_of_word = p;
        d->synset_of_word_n = nn;
    }
    if (!GROW(d->synsets, d->nsynsets, d->synset_cap)) return -2;
    uint32_t root = node_new(d);
    if (!root) return -2;
    synset *s = &d->synsets[d->nsynsets];
    s->name = name_word;
    s->root = root;
    s->state = 0;
    d->synset_of_word[name_word] = (uint32_t)(d->nsynsets + 1);
    d->stats.synsets++;
    return (int32_t)d->nsynsets++;
}

/* Word id of "&NAME" for a synset name given with or without "&". */
static uint32_t synset_name_word(vg_dict *d, const char *name, size_t n) {
    while (n && (*name == '&' || *name == ' ')) { name++; n--; }
    while (n && (name[n - 1] == '_' || name[n - 1] == ' ' || name[n - 1] == '\t')) n--;
    if (!n || n > VG_TEXT_MAX_KEY) return 0;
    char key[VG_TEXT_MAX_KEY * 2 + 8];
    key[0] = '&';
    size_t m = vg_text__normalize(name, n, key + 1, sizeof key - 1);
    if (m == 0 || m > VG_TEXT_MAX_KEY) return 0;
    uint32_t id = word_intern(d, key, m + 1);
    return id ? id : UINT32_MAX;
}

vg_status vg_dict__synset_add(vg_dict_builder *b, const char *name, size_t name_len,
                              const char *phrase, size_t phrase_len, const char *file, long line) {
    vg_dict *d = b->d;
    uint32_t nw = synset_name_word(d, name, name_len);
    if (nw == UINT32_MAX) return nomem(NULL);
    if (!nw) return vg_dict__problem(b, NULL, file, line, "bad synset name '%.*s'", (int)name_len, name);
    int32_t si = synset_get(d, nw, true);
    if (si == -2) return nomem(NULL);
    if (!GROW(d->members, d->nmembers, d->member_cap)) return nomem(NULL);
    synset_member *m = &d->members[d->nmembers];
    memset(m, 0, sizeof *m);
    m->synset = (uint32_t)si;
    m->file = intern_file(b, file);
    m->line = line;
    while (phrase_len && (*phrase == ' ' || *phrase == '\t')) { phrase++; phrase_len--; }
    if (phrase_len && phrase[0] == '&') {
        uint32_t rw = synset_name_word(d, phrase, phrase_len);
        if (rw == UINT32_MAX) return nomem(NULL);
        if (!rw) return vg_dict__problem(b, NULL, file, line, "bad synset reference '%.*s'", (int)phrase_len, phrase);
        m->ref = rw;
        d->nmembers++;
        return VG_OK;
    }
    uint32_t ids[MAX_PHRASE];
    int n = phrase_words(d, phrase, phrase_len, ids, MAX_PHRASE);
    if (n == -1) return nomem(NULL);
    if (n == -2) return vg_dict__problem(b, NULL, file, line, "synset member too long");
    if (n == 0) return vg_dict__problem(b, NULL, file, line, "empty synset member");
    while (d->nphrase_words + (size_t)n > d->phrase_word_cap)
        if (!grow_array((void **)&d->phrase_words, &d->phrase_word_cap, sizeof *d->phrase_words)) return nomem(NULL);
    m->first = (uint32_t)d->nphrase_words;
    m->n = (uint32_t)n;
    memcpy(&d->phrase_words[d->nphrase_words], ids, (size_t)n * sizeof *ids);
    d->nphrase_words += (size_t)n;
    d->nmembers++;
    return VG_OK;
}

/* ---- verbs ---- */

vg_status vg_dict__verb_block(vg_dict_builder *b, const char *name, size_t name_len,
                              const char *code, size_t code_len, const char *file, long line,
                              uint32_t *out) {
    vg_dict *d = b->d;
    const char *c1, *c2;
    vg_status st = event_code(b, NULL, file, line, code, code_len, &c1, &c2);
    if (st < 0) return st;
    if (st > 0) c1 = c2 = NULL;
    if (!GROW(d->blocks, d->nblocks, d->block_cap)) return nomem(NULL);
    vg_dblock *bl = &d->blocks[d->nblocks];
    bl->name = vg_arena_strndup(&d->strings, name, name_len);
    if (!bl->name) return nomem(NULL);
    bl->code = c1;
    bl->code2 = c2;
    bl->first_pat = bl->npat = 0;
    *out = (uint32_t)d->nblocks++;
    return VG_OK;
}

vg_status vg_dict__verb_form(vg_dict_builder *b, uint32_t block, const char *words, size_t len,
                             size_t head, const char *code, size_t code_len, const char *file,
                             long line) {
    vg_dict *d = b->d;
    if (block >= d->nblocks) return vg_dict__problem(b, NULL, file, line, "verb form outside a verb block");
    uint32_t ids[MAX_PHRASE];
    int n = phrase_words(d, words, len, ids, MAX_PHRASE);
    if (n == -1) return nomem(NULL);
    if (n == -2) return vg_dict__problem(b, NULL, file, line, "verb form too long");
    if (n == 0) return vg_dict__problem(b, NULL, file, line, "empty verb form");
    if (head >= (size_t)n) return vg_dict__problem(b, NULL, file, line, "verb head outside the form");
    const char *c1 = NULL, *c2 = NULL;
    if (code && code_len) {
        vg_status st = event_code(b, NULL, file, line, code, code_len, &c1, &c2);
        if (st < 0) return st;
        if (st > 0) return VG_OK;
    }
    if (!GROW(d->forms, d->nforms, d->form_cap)) return nomem(NULL);
    vg_dform *f = &d->forms[d->nforms];
    f->block = block;
    f->head = (uint16_t)head;
    f->nwords = (uint16_t)n;
    f->code = c1;
    f->code2 = c2;
    f->base = 0;
    uint32_t node = trie_insert(d, VG_ROOT_VERB, ids, n);
    if (!node) return nomem(NULL);
    d->nodes[node].form = (int32_t)d->nforms++;
    d->stats.verbs++;
    return VG_OK;
}

vg_status vg_dict__add_pattern(vg_dict_builder *b, uint32_t block, const vg_pat_elem *elems,
                               size_t n, const char *code, size_t code_len, const char *file,
                               long line) {
    vg_dict *d = b->d;
    if (block >= d->nblocks) return vg_dict__problem(b, NULL, file, line, "pattern outside a verb block");
    size_t verbs = 0;
    for (size_t i = 0; i < n; i++) verbs += elems[i].kind == VG_PAT_VERB;
    if (verbs != 1)
        return vg_dict__problem(b, NULL, file, line, verbs ? "pattern has more than one verb slot '*'"
                                                            : "pattern has no verb slot '*'");
    const char *c1, *c2;
    vg_status st = event_code(b, NULL, file, line, code, code_len, &c1, &c2);
    if (st < 0) return st;
    if (st > 0) return VG_OK;
    if (!c1) return vg_dict__problem(b, NULL, file, line, "pattern has no event code");
    size_t first = d->nelems;
    int score = 0;
    uint32_t verb_at = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        const vg_pat_elem *e = &elems[i];
        vg_delem de = { (uint8_t)e->kind, e->adjacent, 0 };
        if (e->kind == VG_PAT_NP_OPEN || e->kind == VG_PAT_PP_OPEN || e->kind == VG_PAT_CLOSE)
            continue; /* groups constrain a parse the shallow coder does not build */
        if (e->kind == VG_PAT_WORD) {
            uint32_t ids[MAX_PHRASE];
            int m = phrase_words(d, e->text, e->len, ids, MAX_PHRASE);
            if (m < 0) { d->nelems = first; return m == -1 ? nomem(NULL) : vg_dict__problem(b, NULL, file, line, "pattern word too long"); }
            for (int w = 0; w < m; w++) {
                if (!GROW(d->elems, d->nelems, d->elem_cap)) return nomem(NULL);
                de.id = ids[w];
                de.adjacent = w ? 1 : e->adjacent;
                d->elems[d->nelems++] = de;
                k++;
                score += 2;
            }
            continue;
        }
        if (e->kind == VG_PAT_SYNSET) {
            uint32_t nw = synset_name_word(d, e->text, e->len);
            if (nw == UINT32_MAX) return nomem(NULL);
            if (!nw) { d->nelems = first; return vg_dict__problem(b, NULL, file, line, "bad synset reference in pattern"); }
            de.id = nw; /* resolved to the synset's root at finish */
            score += 2;
        }
        if (e->kind == VG_PAT_SOURCE || e->kind == VG_PAT_TARGET || e->kind == VG_PAT_COMPOUND) score += 1;
        if (e->kind == VG_PAT_VERB) verb_at = k;
        if (!GROW(d->elems, d->nelems, d->elem_cap)) return nomem(NULL);
        d->elems[d->nelems++] = de;
        k++;
    }
    if (!GROW(d->pats, d->npats, d->pat_cap)) return nomem(NULL);
    vg_dpattern *p = &d->pats[d->npats];
    p->block = block;
    p->first = (uint32_t)first;
    p->n = k;
    p->verb = verb_at;
    p->score = score;
    p->code = c1;
    p->code2 = c2;
    p->order = (uint32_t)d->npats++;
    p->file = intern_file(b, file);
    p->line = line;
    d->stats.patterns++;
    return VG_OK;
}

void vg_dict__mark_base_form(vg_dict_builder *b) {
    if (b->d->nforms) b->d->forms[b->d->nforms - 1].base = 1;
}

const vg_dform *vg_dict__form(const vg_dict *d, int32_t form) {
    return form >= 0 && (size_t)form < d->nforms ? &d->forms[form] : NULL;
}
const vg_dblock *vg_dict__block(const vg_dict *d, uint32_t block) {
    return block < d->nblocks ? &d->blocks[block] : NULL;
}

/* ---- discards, issues ---- */

vg_status vg_dict__add_discard(vg_dict_builder *b, const char *phrase, size_t len, bool story,
                               const char *file, long line) {
    vg_dict *d = b->d;
    uint32_t ids[MAX_PHRASE];
    int n = phrase_words(d, phrase, len, ids, MAX_PHRASE);
    if (n == -1) return nomem(NULL);
    if (n == -2) return vg_dict__problem(b, NULL, file, line, "discard phrase too long");
    if (n == 0) return vg_dict__problem(b, NULL, file, line, "empty discard phrase");
    uint32_t node = trie_insert(d, VG_ROOT_DISCARD, ids, n);
    if (!node) return nomem(NULL);
    d->nodes[node].discard = story ? 2 : 1;
    d->stats.discards++;
    return VG_OK;
}

vg_status vg_dict__add_issue(vg_dict_builder *b, const char *phrase, size_t len, const char *code,
                             size_t code_len, const char *file, long line) {
    vg_dict *d = b->d;
    uint32_t ids[MAX_PHRASE];
    int n = phrase_words(d, phrase, len, ids, MAX_PHRASE);
    if (n == -1) return nomem(NULL);
    if (n == -2) return vg_dict__problem(b, NULL, file, line, "issue phrase too long");
    if (n == 0) return vg_dict__problem(b, NULL, file, line, "empty issue phrase");
    bool bad;
    const char *c = code_dup(d, code, code_len, &bad);
    if (!c) {
        if (!bad) return nomem(NULL);
        return vg_dict__problem(b, NULL, file, line, "bad issue code '%.*s'", (int)code_len, code);
    }
    if (!GROW(d->issues, d->nissues, d->issue_cap)) return nomem(NULL);
    d->issues[d->nissues].code = c;
    uint32_t node = trie_insert(d, VG_ROOT_ISSUE, ids, n);
    if (!node) return nomem(NULL);
    d->nodes[node].issue = (int32_t)d->nissues++;
    d->stats.issues++;
    return VG_OK;
}

const char *vg_dict__issue_code(const vg_dict *d, int32_t issue) {
    return issue >= 0 && (size_t)issue < d->nissues ? d->issues[issue].code : NULL;
}

/* ---- finish ---- */

/* Insert synset si's members (and those of the synsets it references)
 * under root. depth bounds reference chains; state catches cycles. */
static vg_status synset_fill(vg_dict_builder *b, uint32_t si, uint32_t root, int depth, vg_error *err) {
    vg_dict *d = b->d;
    for (size_t i = 0; i < d->nmembers; i++) {
        synset_member *m = &d->members[i];
        if (m->synset != si) continue;
        if (m->ref) {
            int32_t r = synset_get(d, m->ref, false);
            if (r < 0) {
                vg_status st = vg_dict__problem(b, err, m->file, m->line, "unknown synset %s",
                                                d->word_str[m->ref]);
                if (st) return st;
                continue;
            }
            if (depth > 16 || d->synsets[r].state == 1) {
                vg_status st = vg_dict__problem(b, err, m->file, m->line, "synset %s refers to itself",
                                                d->word_str[m->ref]);
                if (st) return st;
                continue;
            }
            d->synsets[r].state = 1;
            vg_status st = synset_fill(b, (uint32_t)r, root, depth + 1, err);
            d->synsets[r].state = 0;
            if (st) return st;
            continue;
        }
        uint32_t node = trie_insert(d, root, &d->phrase_words[m->first], (int)m->n);
        if (!node) return nomem(err);
        d->nodes[node].synset_end = 1;
        /* Synset members are nouns given in the singular ("+WEAPON"): the
         * regular plural of the last word matches too. */
        uint32_t last = d->phrase_words[m->first + m->n - 1];
        char pl[VG_TEXT_MAX_KEY + 8];
        size_t pn = plural_of(d->word_str[last], d->word_len[last], pl, sizeof pl);
        if (pn && pn <= VG_TEXT_MAX_KEY && d->word_str[last][d->word_len[last] - 1] != 'S') {
            uint32_t ids[MAX_PHRASE];
            memcpy(ids, &d->phrase_words[m->first], m->n * sizeof *ids);
            uint32_t pid = word_intern(d, pl, pn);
            if (!pid) return nomem(err);
            ids[m->n - 1] = pid;
            node = trie_insert(d, root, ids, (int)m->n);
            if (!node) return nomem(err);
            d->nodes[node].synset_end = 1;
        }
    }
    return VG_OK;
}

static int pat_cmp(const void *a, const void *b) {
    const vg_dpattern *x = a, *y = b;
    if (x->block != y->block) return x->block < y->block ? -1 : 1;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    /* Equally specific: the later definition wins, as a repeated pattern
     * replaces the earlier one in PETRARCH. */
    return x->order > y->order ? -1 : x->order < y->order;
}

vg_status vg_dict__builder_finish(vg_dict_builder *b, vg_dict **out, vg_error *err) {
    *out = NULL;
    vg_dict *d = b->d;
    vg_status st = VG_OK;
    /* Synsets: members were kept aside so that references can point forward. */
    for (size_t s = 0; s < d->nsynsets && st == VG_OK; s++) {
        d->synsets[s].state = 1;
        st = synset_fill(b, (uint32_t)s, d->synsets[s].root, 0, err);
        d->synsets[s].state = 0;
    }
    /* Pattern synset references become trie roots. */
    for (size_t p = 0; p < d->npats && st == VG_OK; p++) {
        vg_dpattern *pt = &d->pats[p];
        for (uint32_t i = 0; i < pt->n; i++) {
            vg_delem *e = &d->elems[pt->first + i];
            if (e->kind != VG_PAT_SYNSET) continue;
            int32_t r = synset_get(d, e->id, false);
            if (r < 0) {
                st = vg_dict__problem(b, err, pt->file, pt->line, "pattern of verb %s uses unknown synset %s",
                                      d->blocks[pt->block].name, d->word_str[e->id]);
                e->id = 0; /* matches nothing */
                continue;
            }
            e->id = d->synsets[r].root;
        }
    }
    if (st != VG_OK) { vg_dict__builder_free(b); return st; }
    if (d->npats) qsort(d->pats, d->npats, sizeof *d->pats, pat_cmp);
    for (size_t p = 0; p < d->npats; p++) {
        vg_dblock *bl = &d->blocks[d->pats[p].block];
        if (!bl->npat) bl->first_pat = (uint32_t)p;
        bl->npat++;
    }
    /* Builder-only data is no longer needed. */
    free(d->members); d->members = NULL; d->nmembers = d->member_cap = 0;
    free(d->phrase_words); d->phrase_words = NULL; d->nphrase_words = d->phrase_word_cap = 0;
    vg_text__tokvec_free(&d->tok);
    if (!vg_dict__index_roots(d)) { vg_dict__builder_free(b); return nomem(err); }
    *out = d;
    b->d = NULL;
    free(b);
    return VG_OK;
}

/* ---- public ---- */

void vg_dict_free(vg_dict *d) {
    if (!d) return;
    if (d->map) {
        vg_dict__unmap(d);
        return;
    }
    vg_arena_free(&d->strings);
    free(d->word_str); free(d->word_len); free(d->word_hash);
    free(d->nodes); free(d->edges);
    free(d->actors); free(d->codes); free(d->agents); free(d->issues);
    free(d->forms); free(d->blocks); free(d->pats); free(d->elems);
    free(d->synsets); free(d->synset_of_word); free(d->members); free(d->phrase_words);
    vg_text__tokvec_free(&d->tok);
    free(d->word_roots);
    free(d);
}

void vg_dict_get_stats(const vg_dict *d, vg_dict_stats *out) {
    *out = d->stats;
}

static int cmp_code(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

void vg_dict_each_code(const vg_dict *d, void (*fn)(const char *code, void *payload), void *payload) {
    /* Every code once, in code order. */
    size_t cap = 2 * (d->nblocks + d->nforms + d->npats) + 1, n = 0;
    const char **v = malloc(cap * sizeof *v);
    if (!v) return;
#define ADD(c) do { if ((c) && strcmp((c), "---")) v[n++] = (c); } while (0)
    for (size_t i = 0; i < d->nblocks; i++) { ADD(d->blocks[i].code); ADD(d->blocks[i].code2); }
    for (size_t i = 0; i < d->nforms; i++) { ADD(d->forms[i].code); ADD(d->forms[i].code2); }
    for (size_t i = 0; i < d->npats; i++) { ADD(d->pats[i].code); ADD(d->pats[i].code2); }
#undef ADD
    qsort(v, n, sizeof *v, cmp_code);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(v[i], v[i - 1])) fn(v[i], payload);
    free(v);
}
