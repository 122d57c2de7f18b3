/* code.h — the coder: a shallow parse of each sentence into actor phrases
 * and verbs, verb patterns, source and target, compounds, passive voice,
 * negation, discards. Private to the library.
 *
 * A vg_doc owns everything one coded record produces: sentence spans,
 * events, composed actor codes (in its arena) and the scratch vectors the
 * parse reuses, so that coding many records on one thread allocates
 * nothing in the steady state. */
#ifndef VG_CODE_H
#define VG_CODE_H

#include "dict/dict.h"
#include "text/text.h"
#include "util/util.h"

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

#endif
