/* code.h — the coder: a shallow parse of each sentence into actor phrases
 * and verbs, verb patterns, source and target, compounds, passive voice,
 * negation, discards. Private to the library.
 *
 * A vg_doc owns everything one coded record produces: sentence spans,
 * events, composed actor codes (in its arena) and the scratch vectors the
 * parse reuses, so that coding many records on one thread allocates
 * nothing in the steady state.
 *
 * Stage files: code.c (vg_code, the doc, sentences, discards, issues,
 * function words), code_phrase.c (actor and agent phrases, compounds,
 * pronouns), code_verb.c (verb forms, which are verbs, patterns),
 * code_event.c (source, target, passive, negation, transformations,
 * events). */
#ifndef VG_CODE_H
#define VG_CODE_H

#include "dict/dict.h"
#include "text/text.h"
#include "util/util.h"
#include <string.h>

/* Most codes one actor phrase may stand for (compounds, agent lists). */
#define VG_CODE_MAX_CODES 16

/* An actor phrase found in a sentence: tokens [s, e) and its codes. */
typedef struct vg_phrase {
    int s, e;
    int ncodes;
    const char *codes[VG_CODE_MAX_CODES];
    int actor_codes;     /* codes that came from an actor (not an agent alone) */
    bool prep_object;    /* follows a preposition ("with Gondor") */
    const char *alt;     /* pronouns: the actor before the one they name,
                            for "X condemned it" (it is not X) */
} vg_phrase;

/* Per-token facts of the sentence being coded. */
typedef struct vg_tokinfo {
    uint32_t word;       /* dictionary word id, 0 unknown */
    int32_t phrase;      /* index of the phrase covering the token, -1 none */
    uint8_t fw;          /* function-word class (code.c) */
    uint8_t verb;        /* a verb form starts here */
} vg_tokinfo;

/* A dictionary phrase found in the tokens: actor, agent or pronoun. */
typedef struct vg_cmention {
    int s, e;
    int kind;            /* 0 actor, 1 agent, 2 pronoun */
    int32_t id;          /* actor entry or agent index */
} vg_cmention;

struct vg_doc {
    vg_arena arena;              /* composed codes, per record */
    vg_event *events; size_t nevents, cap_events;
    vg_text_span *sents; size_t nsents;
    vg_spanvec spans;
    vg_tokvec tok;
    vg_tokinfo *ti; size_t cap_ti;
    vg_phrase *ph; size_t nph, cap_ph;
    vg_cmention *mn; size_t nmn, cap_mn;
    const char *text;            /* the record's text (borrowed) */
    size_t text_len;
    const char *last_actor;      /* for "it"/"its" across sentences */
    const char *prev_actor;      /* the one before it, another actor */
    uint32_t *seen; size_t seen_cap; /* one-per-story: hash of events (index + 1) */
    const char **issues; size_t nissues, cap_issues; /* issue codes, each once */
    bool story_discard;
};

/* ---- shared by the coder's stage files (code*.c) ---- */

/* Pattern elements may be this many tokens apart (unless "_" joins them). */
#define GAP 8
/* How far the clause heuristics look, in tokens: they hold within a
 * clause, and the bound keeps a 100,000-token "sentence" linear. */
#define CLAUSE 60

/* Function-word classes (code.c). */
enum {
    FW_NONE = 0, FW_DET, FW_PREP, FW_CONJ, FW_SUB, FW_BE, FW_AUX, FW_NEG, FW_PRON, FW_REL,
    FW_THAT, FW_BY, FW_TO, FW_ADV
};

/* Per-sentence state of the parse. */
typedef struct sent {
    vg_doc *doc;
    const vg_dict *dict;
    const vg_record *rec;
    const vg_code_options *opt;
    const char *s;      /* sentence text */
    size_t off;         /* its offset in the record text */
    int n;              /* tokens */
    int idx;            /* sentence index */
    bool oom;
    uint64_t bloom[16]; /* word ids present (1024-bit filter): patterns whose
                           words are absent are skipped without a scan */
} sent;

static inline void bloom_add(sent *st, uint32_t w) { st->bloom[(w >> 6) & 15] |= 1ull << (w & 63); }
static inline bool bloom_has(const sent *st, uint32_t w) { return (st->bloom[(w >> 6) & 15] >> (w & 63)) & 1; }

#define TK(st, i) (&(st)->doc->tok.v[i])
#define KEY(st, i) vg_text__key(&(st)->doc->tok, (size_t)(i))

static inline bool key_is(const sent *st, int i, const char *w) {
    return i >= 0 && i < st->n && !strcmp(KEY(st, i), w);
}

static inline bool vg_code__is_none(const char *c) { return !c || !strcmp(c, "---"); }

/* Result of matching a verb's patterns. */
typedef struct vmatch {
    const char *code, *code2;
    int src, tgt;         /* phrase indexes set by $ and +, -1 */
    bool compound;        /* % */
    int s, e;             /* token extent of the match (evidence) */
    bool pattern;         /* a pattern (not the bare verb) gave the code */
    int neg_covered;      /* the pattern consumed a negation word */
} vmatch;

/* code.c */
bool vg_code__grow(void **p, size_t *cap, size_t need, size_t elem);

/* code_phrase.c — step 3: actor and agent mentions, noun-phrase groups,
 * compounds, pronouns. */
const char *vg_code__compose(sent *st, const char *pre, const char *actor, const char *suf);
void vg_code__find_mentions(sent *st);
void vg_code__build_phrases(sent *st);
void vg_code__add_pronouns(sent *st);

/* code_verb.c — step 4a: verb forms, which of them are verbs here, and
 * their patterns. */
int32_t vg_code__verb_at(const sent *st, int i, int *end);
bool vg_code__stop_token(const sent *st, int k);
void vg_code__mark_verbs(sent *st);
void vg_code__code_verb(const sent *st, int32_t form, int vs, int ve, vmatch *m);

/* code_event.c — step 4b: source, target, passive, negation, the
 * transformations, and the events themselves. */
void vg_code__code_verbs(sent *st);

#endif
