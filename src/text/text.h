/* text.h — UTF-8 handling, sentence splitting, tokenizing and word
 * normalizing. Private to the library (not part of include/vigia.h).
 *
 * Nothing here knows about actors or CAMEO. Every function is pure or works
 * on caller-owned buffers, so all of them are thread-safe with distinct
 * buffers. Text never fails: any bytes (invalid UTF-8, NUL) give a result;
 * only memory can fail (VG_ERR_NOMEM).
 *
 * The pipeline the coder runs:
 *
 *     vg_spanvec sents = VG_SPANVEC_INIT; vg_tokvec toks = VG_TOKVEC_INIT;
 *     size_t skip = vg_text__dateline(text, len);       // "CARACAS, Nov 12 (AFP) -"
 *     vg_text__split(&sents, text + skip, len - skip);   // sentence spans
 *     for each span s:
 *         vg_text__tokenize(&toks, text + skip + s.off, s.len);
 *         for each token t: key = toks.norm.ptr + t.norm_off, t.norm_len bytes
 *     vg_text__spanvec_free(&sents); vg_text__tokvec_free(&toks);
 *
 * The vectors are reused between calls: in the steady state nothing is
 * allocated.
 */
#ifndef VG_TEXT_H
#define VG_TEXT_H

#include "util/util.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------------ */
/* Normalizing words to dictionary keys                                      */
/* ------------------------------------------------------------------------ */

/** Longest dictionary key, in bytes; longer words are cut (at a UTF-8
 *  boundary) by the tokenizer. */
#define VG_TEXT_MAX_KEY 64

/** Map a word (or a phrase) to the form dictionary keys are stored in:
 *  ASCII letters upper-cased; Latin letters with accents folded to their
 *  base letter ("Nicolás" → "NICOLAS", "Ñ" → "N", "ß" → "SS", "Æ" → "AE",
 *  "Ø" → "O"); curly and other apostrophes (’ ‘ ` ´ ′) folded to "'";
 *  en/em dashes and minus signs folded to "-"; curly double quotes to '"';
 *  no-break and other Unicode spaces to " ". Other valid UTF-8 (Cyrillic,
 *  Arabic, CJK ...) is copied unchanged; invalid bytes and NUL are dropped.
 *  Dictionary loaders and the tokenizer both use it, so a key always
 *  matches the text that spells it.
 *
 *  Writes at most cap bytes to out (out may be NULL when cap is 0) and
 *  NUL-terminates when there is room; returns the length the full result
 *  needs, without the NUL (like snprintf). Never reads past s[n-1].
 *  Thread-safe. */
size_t vg_text__normalize(const char *s, size_t n, char *out, size_t cap);

/** Decode one UTF-8 code point from s[0..n-1] (n >= 1). Sets *cp (U+FFFD
 *  for an invalid or truncated sequence, which then counts 1 byte) and
 *  returns the bytes it used (1..4). Overlong forms and surrogates are
 *  invalid. Thread-safe. */
size_t vg_text__utf8_decode(const char *s, size_t n, uint32_t *cp);

/** Character classes of ASCII bytes (table lookup, locale-free). */
enum {
    VG_CC_SPACE = 1,   /* space, tab, CR, LF, VT, FF */
    VG_CC_UPPER = 2,   /* A-Z */
    VG_CC_LOWER = 4,   /* a-z */
    VG_CC_DIGIT = 8,   /* 0-9 */
    VG_CC_PUNCT = 16,  /* printable ASCII that is none of the above */
    VG_CC_HIGH = 32    /* bytes >= 0x80 (part of a UTF-8 sequence) */
};
extern const uint8_t vg_text__cclass[256];
#define VG_CC_ALPHA (VG_CC_UPPER | VG_CC_LOWER)
#define VG_CC_ALNUM (VG_CC_UPPER | VG_CC_LOWER | VG_CC_DIGIT)

/* ------------------------------------------------------------------------ */
/* Spans: sentence boundaries                                                */
/* ------------------------------------------------------------------------ */

/** A byte range of the text passed to the splitter. */
typedef struct vg_text_span {
    size_t off, len;
} vg_text_span;

/** Growable vector of spans (malloc'd, reused between calls). */
typedef struct vg_spanvec {
    vg_text_span *v;
    size_t n, cap;
} vg_spanvec;
#define VG_SPANVEC_INIT { NULL, 0, 0 }
void vg_text__spanvec_free(vg_spanvec *sv);

/** Bytes at the start of an article that are a wire dateline and should be
 *  skipped: "CARACAS, Nov 12 (AFP) - ", "WASHINGTON (Reuters) — ",
 *  "PORT OF SPAIN, Trinidad, Nov. 12, 2025 (AP) --". 0 when there is none.
 *  Only a leading run of capitalised place words followed by a date and/or
 *  a parenthesised agency and a dash counts, so ordinary sentences that
 *  start with a capitalised name are never cut. Thread-safe. */
size_t vg_text__dateline(const char *s, size_t n);

/** Split text into sentences. Clears out and fills it with the spans of the
 *  sentences in order, leading/trailing spaces trimmed, empty ones
 *  dropped. Ends a sentence at . ! ? (and a closing quote or bracket right
 *  after) followed by space and a likely sentence start, and at a blank
 *  line. Does not end one at abbreviations ("U.S.", "Mr.", "Gen.", "Jan.",
 *  "Inc."), single-letter initials ("George W. Bush"), decimals ("3.5"),
 *  ellipses inside a sentence, or inside an open quotation when the next
 *  word is lower case. Linear in n. VG_ERR_NOMEM only. */
vg_status vg_text__split(vg_spanvec *out, const char *s, size_t n);

/* ------------------------------------------------------------------------ */
/* Tokens                                                                    */
/* ------------------------------------------------------------------------ */

typedef enum vg_tok_kind {
    VG_TOK_WORD = 0,   /* letters, possibly with inner hyphens, apostrophes,
                          periods of an abbreviation ("U.S.") or digits */
    VG_TOK_NUMBER,     /* digits with , . separators: "3.5", "1,200" */
    VG_TOK_POSS,       /* the possessive "'s" / "'" split off a word */
    VG_TOK_COMMA,      /* , */
    VG_TOK_PUNCT,      /* any other punctuation: ; : ( ) - " ... */
    VG_TOK_END         /* sentence-final . ! ? */
} vg_tok_kind;

/** Token flags. */
enum {
    VG_TOKF_CAP = 1,      /* first letter is upper case */
    VG_TOKF_ALLCAPS = 2,  /* every letter is upper case (and >= 2 letters) */
    VG_TOKF_HYPHEN = 4,   /* word contains an inner hyphen ("pro-government") */
    VG_TOKF_SPACE = 8,    /* preceded by white space (or starts the text) */
    VG_TOKF_QUOTED = 16   /* inside a quotation "..." */
};

/** One token: a view into the tokenized text plus its normalized key.
 *  off/len index the text given to vg_text__tokenize; the key is the
 *  norm_len bytes at tokvec.norm.ptr + norm_off (NUL-terminated). */
typedef struct vg_token {
    uint32_t off, len;
    uint32_t norm_off;
    uint16_t norm_len;
    uint8_t kind;          /* vg_tok_kind */
    uint8_t flags;         /* VG_TOKF_* */
} vg_token;

/** Growable token vector (malloc'd, reused between calls). norm holds every
 *  token's key, each followed by a NUL. */
typedef struct vg_tokvec {
    vg_token *v;
    size_t n, cap;
    vg_buf norm;
} vg_tokvec;
#define VG_TOKVEC_INIT { NULL, 0, 0, VG_BUF_INIT }
void vg_text__tokvec_free(vg_tokvec *tv);

/** Key of token i as a NUL-terminated string (valid until the next
 *  tokenize call on tv). */
static inline const char *vg_text__key(const vg_tokvec *tv, size_t i) {
    return tv->norm.ptr + tv->v[i].norm_off;
}

/** Tokenize one sentence: clears out and fills it. Words keep inner
 *  hyphens ("pro-government"), apostrophes ("O'Neill") and abbreviation
 *  periods ("U.S." → key "U.S."); a trailing possessive "'s" or "'"
 *  (straight or curly) becomes its own VG_TOK_POSS token with key "'S";
 *  the contraction "n't" becomes its own word "N'T" (as in the Treebank
 *  convention the PETRARCH dictionaries use: "didn't" → "DID" "N'T");
 *  numbers keep their separators; every other punctuation byte is a token
 *  of its own. Invalid UTF-8 and control bytes separate tokens and never
 *  appear in keys. Linear in n. VG_ERR_NOMEM, or VG_ERR_LIMIT when n is
 *  4 GiB or more. */
vg_status vg_text__tokenize(vg_tokvec *out, const char *s, size_t n);

#endif
