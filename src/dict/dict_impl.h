/* dict_impl.h — the layout of struct vg_dict, shared by the builder
 * (builder.c) and the compiled-file writer and reader (compiled.c).
 * Private to src/dict: the coder uses only the accessors of dict.h. */
#ifndef VG_DICT_IMPL_H
#define VG_DICT_IMPL_H

#include "dict/dict.h"
#include "text/text.h"

typedef struct synset_member {
    uint32_t synset;      /* synset index */
    uint32_t ref;         /* referenced synset name word id, or 0 */
    uint32_t first, n;    /* phrase words in phrase_words */
    const char *file; long line;
} synset_member;

typedef struct synset {
    uint32_t name;        /* word id of "&NAME" */
    uint32_t root;        /* trie root node */
    int state;            /* finish: 0 todo, 1 in progress, 2 done */
} synset;

struct vg_dict {
    vg_dict_hot hot;                  /* first: read by dict.h's inline accessors */
    vg_arena strings;                 /* every string: words, codes, names, files */
    /* words */
    const char **word_str; uint32_t *word_len; size_t nwords, word_cap;
    uint32_t *word_hash; size_t word_hcap;          /* ids, 0 = empty */
    /* trie */
    vg_dnode *nodes; size_t nnodes, node_cap;
    vg_dedge *edges; size_t nedges, edge_hcap;      /* hash, parent 0 = empty */
    /* entries */
    vg_dactor *actors; size_t nactors, actor_cap;
    vg_dcode *codes; size_t ncodes, code_cap;
    vg_dagent *agents; size_t nagents, agent_cap;
    vg_dissue *issues; size_t nissues, issue_cap;
    vg_dform *forms; size_t nforms, form_cap;
    vg_dblock *blocks; size_t nblocks, block_cap;
    vg_dpattern *pats; size_t npats, pat_cap;
    vg_delem *elems; size_t nelems, elem_cap;
    synset *synsets; size_t nsynsets, synset_cap;
    uint32_t *synset_of_word; size_t synset_of_word_n;  /* word id -> synset index + 1 */
    synset_member *members; size_t nmembers, member_cap;
    uint32_t *phrase_words; size_t nphrase_words, phrase_word_cap;
    vg_dict_stats stats;
    vg_tokvec tok;                    /* builder scratch */
    /* Set when the dictionary was opened from a compiled file: the arrays
     * point into this mapping (see compiled.c). */
    void *map; size_t map_len;
    unsigned flags;                   /* VG_DICTF_* */
    uint8_t *word_roots;              /* per word id: bit r set when the word
                                         starts a phrase under root r */
};

/* Fill d->word_roots from the edges and d->hot from the arrays (at finish
 * and after opening a compiled file: the arrays do not move after). */
bool vg_dict__index_roots(vg_dict *d);


/* Release a dictionary opened by vg_dict_open_compiled. */
void vg_dict__unmap(vg_dict *d);

#endif
