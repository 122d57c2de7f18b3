/* dict.h — dictionaries: the builder every dictionary format feeds, the
 * format loaders, and the compiled immutable vg_dict the coder reads.
 * Private to the library (not part of include/vigia.h).
 *
 * Two layers:
 *
 *  1. The BUILDER (vg_dict_builder). A format reader (PETRARCH/Phoenix text
 *     files in src/dict/petr_*.c, vigia's own .vgd format in src/dict/vgd.c)
 *     parses its files and calls vg_dict__add_* for each entry. The builder
 *     normalizes and interns every word (vg_text__normalize), checks the
 *     entry and keeps it. Readers report their own syntax problems with
 *     vg_dict__problem(), which sends "file:line: message" to the caller's
 *     diag callback and, under VG_DICT_STRICT, makes the load fail.
 *     A builder belongs to one thread.
 *
 *  2. vg_dict__builder_finish() compiles everything into an immutable
 *     vg_dict: words become integer ids in one hash table, phrases become
 *     word-id sequences in hash tries, so coding is integer matching. The
 *     result is shared by any number of threads without locks.
 *
 * Phrases. Every add function takes a phrase as text: words separated by
 * spaces and/or underscores ("PRIME MINISTER" = "PRIME_MINISTER"); each
 * word is normalized, so case and accents do not matter ("Nicolás" =
 * "NICOLAS"). A trailing underscore on the last word is accepted and
 * ignored. Empty phrases are rejected (vg_dict__problem).
 *
 * Every add function returns VG_OK, VG_ERR_NOMEM, or VG_ERR_DICT_SYNTAX when
 * the entry is invalid and the load is strict (it has then already been
 * reported through vg_dict__problem, with file:line). With a lenient load,
 * an invalid entry is reported, skipped, and VG_OK is returned, so readers
 * only need to stop on a negative status.
 *
 * Example (what a reader does for one actor with a date-restricted code):
 *
 *     uint32_t a;
 *     vg_dict__actor_new(b, "gollum.txt", 12, &a);
 *     vg_dict__actor_phrase(b, a, "GOLLUM", 6);
 *     vg_dict__actor_phrase(b, a, "SMEAGOL", 7);
 *     vg_dict__actor_code(b, a, "HOB", 3, 0, 19950531);          // before
 *     vg_dict__actor_code(b, a, "HOBGOV", 6, 19950601, 19990815); // range
 *     vg_dict__actor_code(b, a, "HOBREB", 6, 19990816, 0);       // after
 */
#ifndef VG_DICT_H
#define VG_DICT_H

#include "util/util.h"
#include "vigia.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vg_dict_builder vg_dict_builder;

/* ------------------------------------------------------------------------ */
/* Builder lifecycle                                                         */
/* ------------------------------------------------------------------------ */

/** A new, empty builder. opt supplies flags (VG_DICT_STRICT) and the diag
 *  callback; it is copied (its strings are not used after the call). opt
 *  may be NULL (lenient, no diagnostics). *out is owned by the caller:
 *  pass it to vg_dict__builder_finish or vg_dict__builder_free. */
vg_status vg_dict__builder_new(vg_dict_builder **out, const vg_dict_options *opt, vg_error *err);

/** Free a builder that was not finished. NULL does nothing. */
void vg_dict__builder_free(vg_dict_builder *b);

/** Compile into an immutable dictionary and free the builder (always, even
 *  on failure). On VG_OK *out is owned by the caller (vg_dict_free). */
vg_status vg_dict__builder_finish(vg_dict_builder *b, vg_dict **out, vg_error *err);

/** Report a problem with a dictionary line: calls the diag callback with
 *  code VG_ERR_DICT_SYNTAX, file, line and the message, and counts it in
 *  vg_dict_stats.problems. Returns VG_ERR_DICT_SYNTAX under VG_DICT_STRICT
 *  (with err filled), VG_OK otherwise (the reader skips the line and goes
 *  on). */
vg_status vg_dict__problem(vg_dict_builder *b, vg_error *err, const char *file, long line,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/** Builder calls report some failures without an err (a strict problem
 *  goes to the last problem, out-of-memory to nothing): a reader passes its
 *  final status through this, which fills err from them when st is a
 *  failure err does not describe yet. Returns st. */
vg_status vg_dict__fill_error(const vg_dict_builder *b, vg_status st, vg_error *err);

/** Dictionary-wide behaviour, set by whoever loads the files. */
enum {
    /* A party named by an agent alone ("the government", "opposition
     * activists") takes the country of the other party of the event, else
     * of the sentence's first actor: "Venezuelan authorities arrested
     * opposition activists" → VENGOV, VENOPP. vigia's own dictionaries are
     * written for this (vg_dict_load sets it when it loads .vgd files);
     * PETRARCH's are not, and keep "---OPP" as PETRARCH codes it. */
    VG_DICTF_AGENT_COUNTRY = 1
};
void vg_dict__set_flags(vg_dict_builder *b, unsigned flags);
unsigned vg_dict__flags(const vg_dict *d);

/** Whether the load is strict (VG_DICT_STRICT). */
bool vg_dict__strict(const vg_dict_builder *b);

/* ------------------------------------------------------------------------ */
/* Actors                                                                    */
/* ------------------------------------------------------------------------ */

/** Start a new actor entry (one code list shared by all its phrases).
 *  file/line say where it was defined (kept for diagnostics); file is
 *  copied. *out receives the entry id for the calls below. */
vg_status vg_dict__actor_new(vg_dict_builder *b, const char *file, long line, uint32_t *out);

/** Add a phrase that names actor `actor`. The same phrase given to two
 *  actors: the later one wins (as in PETRARCH), reported as a duplicate
 *  only through stats. */
vg_status vg_dict__actor_phrase(vg_dict_builder *b, uint32_t actor, const char *phrase, size_t len);

/** The same; with gaps true, words joined by spaces alone may stand apart
 *  in the text (the PETRARCH convention, see VG_DICT_GAP_KEY) while words
 *  joined by "_" stay adjacent. vg_dict__actor_phrase is gaps false. */
vg_status vg_dict__actor_phrase_ex(vg_dict_builder *b, uint32_t actor, const char *phrase, size_t len,
                                   bool gaps);

/** Space and underscore joins (PETRARCH/TABARI dictionaries). "_" joins
 *  words that must be adjacent; a space lets a few other words of the same
 *  noun phrase stand between them, so "ITHILEN TELEVISION" names "Ithilen
 *  state-run television" but "ITHILEN_GOVERNMENT_RADIO" only those three
 *  words in a row. The builder keeps such a join as a pseudo-word with
 *  this key (no token has it) in the actor and agent tries: ITHILEN, gap,
 *  TELEVISION. The coder looks the key up (0 when no phrase has a loose
 *  join, as in vigia's own dictionaries) and, at a node with a gap child,
 *  may skip words before the next one (src/code/code_phrase.c). */
#define VG_DICT_GAP_KEY " "

/** Add a code to actor `actor`, valid from date_from to date_to inclusive
 *  (YYYYMMDD; 0 = unbounded on that side). Codes are upper-cased; "---"
 *  means "known, no code" (the actor is recognised but yields no event).
 *  When several codes match a record's date, the first added wins; a code
 *  with no dates is the fallback when no dated code matches; with neither,
 *  the actor has no code on that date (see vg_dict__actor_code_on). */
vg_status vg_dict__actor_code(vg_dict_builder *b, uint32_t actor, const char *code, size_t len,
                              int32_t date_from, int32_t date_to);

/** Convenience: one phrase with one code, as a new entry. */
vg_status vg_dict__add_actor(vg_dict_builder *b, const char *phrase, size_t phrase_len,
                             const char *code, size_t code_len, int32_t date_from, int32_t date_to,
                             const char *file, long line);

/* ------------------------------------------------------------------------ */
/* Agents                                                                    */
/* ------------------------------------------------------------------------ */

/** Agent flags. */
enum {
    VG_AGENT_PLURALS = 1, /* also add the regular English plural of the last
                             word (GOVERNMENT → GOVERNMENTS, PARTY → PARTIES,
                             POLICE unchanged for -S/-SH/-CH/-X/-Z → -ES) */
    VG_AGENT_GAPS = 2     /* space joins are loose (VG_DICT_GAP_KEY) */
};

/** Add an agent: a phrase naming a role ("PRIME MINISTER", "OPPOSITION
 *  GROUP") whose code composes with the actor it goes with. code is the
 *  agent code without the tilde ("GOV"); suffix true means the PETRARCH
 *  form "~GOV" (actor code + agent code: VEN + GOV → VENGOV), false the
 *  form "NGO~" (agent code + actor code). An agent with no actor in the
 *  sentence yields the agent code alone. flags: VG_AGENT_*. Explicit
 *  irregular plurals are added with another call. */
vg_status vg_dict__add_agent(vg_dict_builder *b, const char *phrase, size_t phrase_len,
                             const char *code, size_t code_len, bool suffix, unsigned flags,
                             const char *file, long line);

/* ------------------------------------------------------------------------ */
/* Synsets                                                                   */
/* ------------------------------------------------------------------------ */

/** Add a member phrase to synset `name` (without the "&"; created on first
 *  use). A member may itself be a reference "&OTHER" to another synset,
 *  resolved at finish (cycles are reported). Synsets are used inside verb
 *  patterns (VG_PAT_SYNSET). */
vg_status vg_dict__synset_add(vg_dict_builder *b, const char *name, size_t name_len,
                              const char *phrase, size_t phrase_len, const char *file, long line);

/* ------------------------------------------------------------------------ */
/* Verbs and their patterns                                                  */
/* ------------------------------------------------------------------------ */

/** Start a verb block ("--- ABANDON [345] ---"): name (for diagnostics and
 *  evidence) and the default CAMEO code of its forms; code may be "---"
 *  (no event unless a pattern gives one) or paired "032:033" (see
 *  vg_dict__verb_form). *out receives the block id. */
vg_status vg_dict__verb_block(vg_dict_builder *b, const char *name, size_t name_len,
                              const char *code, size_t code_len, const char *file, long line,
                              uint32_t *out);

/** Add a verb form to a block. words: the form's words, spaces/underscores
 *  between them; head: index (0-based, in words) of the word that is the
 *  verb itself — for "KLM_NOP_+RST" head is 2, for "+BREAK_DOWN" head is
 *  0, for a one-word form 0. Words before the head must appear right before
 *  the verb, words after it right after. code: NULL/0 for the block's
 *  code, else this form's own code ("DISMISS [110]").
 *  Codes: a CAMEO code ("0231"), "---" (no event), or "A:B" — the paired
 *  form, which codes source→target with A and target→source with B
 *  (either side may be "---"). Forms are matched by their normalized text:
 *  the reader generates or supplies inflections (BAN {BANS BANNED}); the
 *  builder adds none. */
vg_status vg_dict__verb_form(vg_dict_builder *b, uint32_t block, const char *words, size_t len,
                             size_t head, const char *code, size_t code_len, const char *file,
                             long line);

/** Mark the verb form added last as the verb's base form ("SEIZE", not
 *  "SEIZED"): the coder reads a base form after "a/an ... Name" as a noun
 *  ("an anti-Gondor parade"). Readers that cannot tell need not call it. */
void vg_dict__mark_base_form(vg_dict_builder *b);

/** Kind of one element of a verb pattern. */
typedef enum vg_pat_kind {
    VG_PAT_WORD = 0,   /* a literal word (text = the word) */
    VG_PAT_SYNSET,     /* any member of synset text (without "&") */
    VG_PAT_VERB,       /* "*": the verb itself; exactly one per pattern */
    VG_PAT_SOURCE,     /* "$": the source actor is here */
    VG_PAT_TARGET,     /* "+": the target actor is here */
    VG_PAT_COMPOUND,   /* "%": a compound actor here is both source and
                          target (each member with each other) */
    VG_PAT_SKIP,       /* "^": skip one noun phrase / token run */
    VG_PAT_NP_OPEN,    /* "{": the elements up to VG_PAT_CLOSE must lie in
                          one noun phrase */
    VG_PAT_PP_OPEN,    /* "(": ... in one prepositional phrase */
    VG_PAT_CLOSE       /* "}" or ")" */
} vg_pat_kind;

/** One pattern element. adjacent: this element must follow the previous
 *  one with no word between (PETRARCH "_"); otherwise words may intervene
 *  (up to a bounded gap the coder sets). text/len only for WORD/SYNSET. */
typedef struct vg_pat_elem {
    vg_pat_kind kind;
    bool adjacent;
    const char *text;
    size_t len;
} vg_pat_elem;

/** Add a pattern to verb block `block`: elems in sentence order, with
 *  exactly one VG_PAT_VERB. It applies to every form of the block; when
 *  several patterns match a sentence, the one with the most literal
 *  elements wins (ties: the last added, as a repeated
 *  pattern replaces the earlier one). code as for vg_dict__verb_form
 *  ("---" suppresses the event). Unknown synsets are reported at finish. */
vg_status vg_dict__add_pattern(vg_dict_builder *b, uint32_t block, const vg_pat_elem *elems,
                               size_t n, const char *code, size_t code_len, const char *file,
                               long line);

/* ------------------------------------------------------------------------ */
/* Discards and issues                                                       */
/* ------------------------------------------------------------------------ */

/** A discard phrase: a sentence containing it codes no events; with
 *  story true, no sentence of the record does ("+TYPHOON"). */
vg_status vg_dict__add_discard(vg_dict_builder *b, const char *phrase, size_t len, bool story,
                               const char *file, long line);

/** An issue phrase and its issue code ("drug trafficking" → NARCOTICS).
 *  Issues do not change events; the coder reports which issues a record
 *  mentions (vg_doc_issue_count / vg_doc_issue). */
vg_status vg_dict__add_issue(vg_dict_builder *b, const char *phrase, size_t len, const char *code,
                             size_t code_len, const char *file, long line);

/* ------------------------------------------------------------------------ */
/* Format readers                                                            */
/* ------------------------------------------------------------------------ */

/** vigia's own dictionary format (files ending in ".vgd"), implemented by
 *  src/dict/vgd.c. Reads one file into b. Syntax problems go through
 *  vg_dict__problem; VG_ERR_IO when the file cannot be read. */
vg_status vg_dict__load_vgd(vg_dict_builder *b, const char *path, const vg_dict_options *opt,
                            vg_error *err);

/** The PETRARCH-2 / Phoenix text formats (src/dict/petr_*.c). Each reads
 *  one file into b. VG_ERR_IO when it cannot be read. */
vg_status vg_dict__load_petr_verbs(vg_dict_builder *b, const char *path, vg_error *err);
vg_status vg_dict__load_petr_actors(vg_dict_builder *b, const char *path, vg_error *err);
vg_status vg_dict__load_petr_agents(vg_dict_builder *b, const char *path, vg_error *err);
vg_status vg_dict__load_petr_discards(vg_dict_builder *b, const char *path, vg_error *err);
vg_status vg_dict__load_petr_issues(vg_dict_builder *b, const char *path, vg_error *err);

/** The same over a buffer already in memory (name is used in messages). */
typedef enum vg_petr_kind {
    VG_PETR_VERBS, VG_PETR_ACTORS, VG_PETR_AGENTS, VG_PETR_DISCARDS, VG_PETR_ISSUES
} vg_petr_kind;
vg_status vg_dict__load_petr_mem(vg_dict_builder *b, vg_petr_kind kind, const char *buf, size_t len,
                                 const char *name, vg_error *err);

/** Read a whole file into a malloc'd, NUL-terminated buffer (for readers).
 *  VG_ERR_IO with the file name in err when it cannot be read. */
vg_status vg_dict__read_file(const char *path, char **out, size_t *out_len, vg_error *err);

/* ------------------------------------------------------------------------ */
/* The compiled dictionary (what the coder reads; immutable once finished)   */
/* ------------------------------------------------------------------------ */

/** Roots of the phrase tries (node ids). Synsets have a root each. */
enum { VG_ROOT_ACTOR = 1, VG_ROOT_AGENT, VG_ROOT_DISCARD, VG_ROOT_ISSUE, VG_ROOT_VERB, VG_ROOT_COUNT };

/** A trie node: what the phrase ending here names (-1 = nothing). */
typedef struct vg_dnode {
    int32_t actor, agent, issue, form;
    uint8_t discard;     /* 0, 1 sentence, 2 story */
    uint8_t synset_end;  /* a member of this trie's synset ends here */
} vg_dnode;

typedef struct vg_dedge { uint32_t parent, word, child; } vg_dedge;

typedef struct vg_dcode {          /* one code of an actor entry */
    const char *code;
    int32_t from, to;              /* 0 = unbounded */
} vg_dcode;

typedef struct vg_dactor {
    uint32_t first, n;             /* into codes */
    const char *file; long line;
} vg_dactor;

typedef struct vg_dagent {
    const char *code;
    bool suffix;                   /* "~GOV" (true) or "NGO~" (false) */
} vg_dagent;

typedef struct vg_dissue { const char *code; } vg_dissue;

typedef struct vg_dform {
    uint32_t block;
    uint16_t head, nwords;
    uint32_t base;                 /* 1: the form as the dictionary names the
                                      verb (not an inflection) */
    const char *code, *code2;      /* NULL: the block's; "---": none */
} vg_dform;

typedef struct vg_dblock {
    const char *name;
    const char *code, *code2;      /* code2: paired reverse code or NULL */
    uint32_t first_pat, npat;      /* into pats (sorted by block at finish) */
} vg_dblock;

typedef struct vg_delem {
    uint8_t kind;                  /* vg_pat_kind */
    uint8_t adjacent;
    uint32_t id;                   /* WORD: word id; SYNSET: synset root node */
} vg_delem;

typedef struct vg_dpattern {
    uint32_t block;
    uint32_t first, n;             /* into elems */
    uint32_t verb;                 /* index (0..n-1) of the VERB element */
    int score;                     /* literal elements: more wins */
    const char *code, *code2;
    uint32_t order;                /* order of definition (ties) */
    const char *file; long line;   /* where it was defined */
} vg_dpattern;

/** The arrays the coder reads for every token and pattern, as the first
 *  member of struct vg_dict, so that the accessors below are inline (they
 *  ran as calls per token: issue 6). Filled when a dictionary is finished
 *  or opened compiled (vg_dict__index_roots); all NULL while building —
 *  builder code uses its own probes. Read it only through the accessors. */
typedef struct vg_dict_hot {
    const vg_dnode *nodes;
    const vg_dedge *edges;         /* hash of (parent, word) -> child */
    size_t edge_mask;              /* edge table size - 1 */
    const vg_dpattern *pats;
    size_t npats;
    const vg_delem *elems;
    const uint8_t *word_roots;     /* per word id: bit r set when the word
                                      starts a phrase under root r */
    size_t nwords;
    const uint32_t *word_hash;     /* open addressing: word ids, 0 = empty */
    size_t word_hmask;             /* word hash size - 1 */
    const char *const *word_str;   /* per word id: its key */
    const uint32_t *word_len;
} vg_dict_hot;

static inline const vg_dict_hot *vg_dict__hot(const vg_dict *d) {
    return (const vg_dict_hot *)(const void *)d;
}

/** Look up a normalized word; 0 when the dictionary has no such word.
 *  (Inline: the coder looks up every token.) */
static inline uint32_t vg_dict__word(const vg_dict *d, const char *key, size_t len) {
    const vg_dict_hot *h = vg_dict__hot(d);
    if (!h->word_hash) return 0;
    for (size_t i = vg_hash(key, len) & h->word_hmask;; i = (i + 1) & h->word_hmask) {
        uint32_t id = h->word_hash[i];
        if (!id) return 0;
        if (h->word_len[id] != len) continue;
        const char *w = h->word_str[id];
        size_t k = 0;
        while (k < len && w[k] == key[k]) k++;
        if (k == len) return id;
    }
}

/** Whether word id w starts some phrase under root r (VG_ROOT_*): a
 *  cheap test before walking the trie. */
static inline bool vg_dict__starts(const vg_dict *d, int root, uint32_t w) {
    const vg_dict_hot *h = vg_dict__hot(d);
    return w && w < h->nwords && (h->word_roots[w] >> root) & 1;
}

/** Slot of the edge (parent, word) in the edge hash (mask = size - 1). */
static inline size_t vg_dict__edge_slot(uint32_t parent, uint32_t word, size_t mask) {
    uint64_t k = ((uint64_t)parent << 32) | word;
    k ^= k >> 33; k *= 0xff51afd7ed558ccdull; k ^= k >> 33;
    return (size_t)k & mask;
}

/** Child of a trie node by word id; 0 when none. */
static inline uint32_t vg_dict__child(const vg_dict *d, uint32_t node, uint32_t word) {
    const vg_dict_hot *h = vg_dict__hot(d);
    if (!h->edges || !word) return 0;
    for (size_t i = vg_dict__edge_slot(node, word, h->edge_mask);; i = (i + 1) & h->edge_mask) {
        const vg_dedge *e = &h->edges[i];
        if (!e->parent) return 0;
        if (e->parent == node && e->word == word) return e->child;
    }
}

/** Node data (node != 0). */
static inline const vg_dnode *vg_dict__node(const vg_dict *d, uint32_t node) {
    return &vg_dict__hot(d)->nodes[node];
}
/** The code of actor entry a valid on date (YYYYMMDD, 0 unknown): the
 *  first dated code whose range holds the date, else the first undated
 *  one; NULL when only dated codes exist and none holds the date (the
 *  actor is known but has no code then: no event). With date 0, the first
 *  undated code, else the first code. */
const char *vg_dict__actor_code_on(const vg_dict *d, int32_t actor, int32_t date);
const vg_dagent *vg_dict__agent(const vg_dict *d, int32_t agent);
const vg_dform *vg_dict__form(const vg_dict *d, int32_t form);
const vg_dblock *vg_dict__block(const vg_dict *d, uint32_t block);
static inline const vg_dpattern *vg_dict__pattern(const vg_dict *d, uint32_t i) {
    const vg_dict_hot *h = vg_dict__hot(d);
    return i < h->npats ? &h->pats[i] : NULL;
}
static inline const vg_delem *vg_dict__elems(const vg_dict *d, const vg_dpattern *p) {
    return &vg_dict__hot(d)->elems[p->first];
}
const char *vg_dict__issue_code(const vg_dict *d, int32_t issue);
/** Text of word id (for diagnostics). */
const char *vg_dict__word_text(const vg_dict *d, uint32_t id);

#endif
