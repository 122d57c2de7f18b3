/* tokenize.c — one sentence into word, number and punctuation tokens with
 * their normalized dictionary keys, in one pass over the bytes.
 *
 * Speed (issue 6): every ASCII byte is classified by one table lookup; the
 * letters and digits of a word are upper-cased into the key buffer while
 * the word is scanned, so a plain ASCII word is read once and never
 * normalized again; only words with a byte >= 0x80 go through
 * vg_text__normalize. The key buffer is sized once per call (keys never
 * need more than 3 bytes per input byte, see below), so the scan writes
 * without per-byte or per-token capacity checks. The token vector and the
 * key buffer are reused between calls: nothing is allocated in the steady
 * state. */
#include "text/text.h"
#include <stdlib.h>
#include <string.h>

void vg_text__tokvec_free(vg_tokvec *tv) {
    if (!tv) return;
    free(tv->v);
    vg_buf_free(&tv->norm);
    tv->v = NULL;
    tv->n = tv->cap = 0;
}

/* Class of the code point at s[i]: what role it plays in a token. K_HIGH
 * only appears in the ASCII table: bytes >= 0x80 are classified by
 * classify_high. */
enum { K_SPACE, K_ALPHA, K_DIGIT, K_APOS, K_HYPHEN, K_PERIOD, K_PUNCT, K_SKIP, K_HIGH };

/* K_* of every byte: ASCII letters and digits; white space and '_'
 * ("Dol_Amroth": dictionaries join words so) are K_SPACE; ' and ` K_APOS;
 * control bytes and DEL K_SKIP; other printable ASCII K_PUNCT; bytes >= 0x80
 * K_HIGH. */
static const uint8_t kclass[256] = {
    7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 7, 7,
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    0, 6, 6, 6, 6, 6, 6, 3, 6, 6, 6, 6, 6, 4, 5, 6,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 6, 6, 6, 6, 6, 6,
    6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 6, 6, 6, 6, 0,
    3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 6, 6, 6, 6, 7,
#define H8 8, 8, 8, 8, 8, 8, 8, 8
#define H16 H8, H8
    H16, H16, H16, H16, H16, H16, H16, H16
#undef H16
#undef H8
};

/* Word scan table: 1 lower-case ASCII letter, 3 upper-case (bit 1 = upper),
 * 4 ASCII digit, 0 anything else. */
#define W_ALPHA 1
#define W_UPPER 2
static const uint8_t wclass[256] = {
    ['0'] = 4, ['1'] = 4, ['2'] = 4, ['3'] = 4, ['4'] = 4, ['5'] = 4, ['6'] = 4, ['7'] = 4,
    ['8'] = 4, ['9'] = 4,
    ['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3, ['G'] = 3, ['H'] = 3,
    ['I'] = 3, ['J'] = 3, ['K'] = 3, ['L'] = 3, ['M'] = 3, ['N'] = 3, ['O'] = 3, ['P'] = 3,
    ['Q'] = 3, ['R'] = 3, ['S'] = 3, ['T'] = 3, ['U'] = 3, ['V'] = 3, ['W'] = 3, ['X'] = 3,
    ['Y'] = 3, ['Z'] = 3,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

/* The key byte of an ASCII byte inside a word: letters upper-cased, '`'
 * folded to '\'' (what vg_text__normalize does to ASCII); bytes >= 0x80
 * never take this path. */
static const uint8_t upcase[128] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
    0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F,
    0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x27, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};
static inline char key_byte(unsigned char c) { return (char)upcase[c & 0x7F]; }

/* The key byte of an ASCII letter or digit, 0 for every other byte: the
 * word scan's loop test and key in one lookup. */
static const uint8_t alnum_key[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0, 0, 0, 0, 0, 0,
    0, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0, 0, 0, 0, 0,
    0, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0, 0, 0, 0, 0,
};

/* Per ASCII letter: 1 (letters) plus 1 << 32 (upper case) for capitals. */
#define LC_UP (1ull << 32 | 1u)
static const uint64_t letter_count[128] = {
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
    ['A'] = LC_UP, ['B'] = LC_UP, ['C'] = LC_UP, ['D'] = LC_UP, ['E'] = LC_UP, ['F'] = LC_UP,
    ['G'] = LC_UP, ['H'] = LC_UP, ['I'] = LC_UP, ['J'] = LC_UP, ['K'] = LC_UP, ['L'] = LC_UP,
    ['M'] = LC_UP, ['N'] = LC_UP, ['O'] = LC_UP, ['P'] = LC_UP, ['Q'] = LC_UP, ['R'] = LC_UP,
    ['S'] = LC_UP, ['T'] = LC_UP, ['U'] = LC_UP, ['V'] = LC_UP, ['W'] = LC_UP, ['X'] = LC_UP,
    ['Y'] = LC_UP, ['Z'] = LC_UP,
};

/* A code point at s[i] with its first byte >= 0x80. */
static int classify_high(const char *s, size_t n, size_t i, size_t *len) {
    uint32_t cp;
    *len = vg_text__utf8_decode(s + i, n - i, &cp);
    if (cp == 0xFFFD) return K_SKIP;
    char f[3];
    /* Reuse the normalizer to learn what the code point folds to. */
    size_t m = vg_text__normalize(s + i, *len, f, sizeof f);
    if (m == 0) return K_SKIP;
    if (f[0] == '\'') return K_APOS;
    if (f[0] == '-') return K_HYPHEN;
    if (f[0] == ' ') return K_SPACE;
    if (f[0] == '"' || (m == 3 && f[0] == '.')) return K_PUNCT;
    if (cp >= 0x2000 && cp <= 0x2BFF) return K_PUNCT; /* general punctuation, symbols */
    if (cp >= 0xA1 && cp <= 0xBF) return K_PUNCT;     /* Latin-1 signs */
    return K_ALPHA;
}

static inline int classify(const char *s, size_t n, size_t i, size_t *len) {
    int k = kclass[(unsigned char)s[i]];
    if (k != K_HIGH) {
        *len = 1;
        return k;
    }
    return classify_high(s, n, i, len);
}

/* Append a token; its key is written by the caller at norm.ptr + norm.len
 * (room for it was reserved at the start of vg_text__tokenize). */
static inline vg_token *tok_add(vg_tokvec *tv, size_t off, size_t len, int kind, int flags) {
    if (tv->n == tv->cap) {
        size_t nc = tv->cap ? tv->cap + tv->cap / 2 : 64;
        vg_token *nv = realloc(tv->v, nc * sizeof *nv);
        if (!nv) return NULL;
        tv->v = nv;
        tv->cap = nc;
    }
    vg_token *t = &tv->v[tv->n++];
    t->off = (uint32_t)off;
    t->len = (uint32_t)len;
    t->kind = (uint8_t)kind;
    t->flags = (uint8_t)flags;
    t->norm_off = (uint32_t)tv->norm.len;
    return t;
}

/* End the key of token t: m bytes already at norm.ptr + norm.len. */
static inline void key_end(vg_tokvec *tv, vg_token *t, size_t m) {
    tv->norm.ptr[tv->norm.len + m] = '\0';
    tv->norm.len += m + 1;
    t->norm_len = (uint16_t)m;
}

/* Write the normalized key of s[0..len-1] (cut at VG_TEXT_MAX_KEY bytes, at
 * a UTF-8 boundary) at norm.ptr + norm.len; returns its length. Never more
 * than len bytes: no code point folds to more bytes than it has. */
static size_t key_normalize(vg_tokvec *tv, const char *s, size_t len) {
    char tmp[VG_TEXT_MAX_KEY * 2 + 8];
    size_t m = vg_text__normalize(s, len, tmp, sizeof tmp);
    if (m > VG_TEXT_MAX_KEY) {
        m = VG_TEXT_MAX_KEY;
        while (m > 0 && ((unsigned char)tmp[m] & 0xC0) == 0x80) m--;
    }
    memcpy(tv->norm.ptr + tv->norm.len, tmp, m);
    return m;
}

static inline bool push_key(vg_tokvec *tv, size_t off, size_t len, int kind, int flags, const char *key,
                            size_t keylen) {
    vg_token *t = tok_add(tv, off, len, kind, flags);
    if (!t) return false;
    memcpy(tv->norm.ptr + tv->norm.len, key, keylen);
    key_end(tv, t, keylen);
    return true;
}

static inline bool is_upper_at(const char *s, size_t n, size_t i) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) return (wclass[c] & W_UPPER) != 0;
    uint32_t cp;
    vg_text__utf8_decode(s + i, n - i, &cp);
    return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x100 && cp <= 0x17F && !(cp & 1));
}

static inline bool is_s(char c) { return c == 's' || c == 'S'; }
static inline bool is_t(char c) { return c == 't' || c == 'T'; }
static inline bool is_n(char c) { return c == 'n' || c == 'N'; }

vg_status vg_text__tokenize(vg_tokvec *out, const char *s, size_t n) {
    out->n = 0;
    vg_buf_clear(&out->norm);
    if (n >= UINT32_MAX) return VG_ERR_LIMIT;
    /* Room for every key: a token's key is never longer than twice the
     * token (the possessive "'" has key "'S"; normalized keys never grow),
     * plus one NUL per token, at most one token per byte: 3n. The word scan
     * below also writes a word's bytes before it knows where the word
     * ends, which stays within the same bound. */
    if (n > (SIZE_MAX - 64) / 3 || !vg_buf_grow(&out->norm, 3 * n + 16)) return VG_ERR_NOMEM;
    const unsigned char *u = (const unsigned char *)s;
    bool quoted = false, space = true;
    size_t i = 0;
    while (i < n) {
        size_t cl;
        int k = classify(s, n, i, &cl);
        if (k == K_SPACE || k == K_SKIP) { i += cl; space = true; continue; }
        int flags = space ? VG_TOKF_SPACE : 0;
        if (quoted) flags |= VG_TOKF_QUOTED;
        space = false;
        if (k == K_ALPHA || k == K_DIGIT) {
            /* The key of an ASCII word is its bytes upper-cased, written
             * to o while scanning; ascii turns false at the first byte
             * >= 0x80, and the key is then normalized from the text. */
            char *o = out->norm.ptr + out->norm.len;
            size_t start = i, j = i;
            bool has_hyphen = false, abbrev = false, ascii = true;
            size_t letters = 0, uppers = 0; /* digits only while letters == 0 */
            for (;;) {
                {
                    /* The hot loop: ASCII letters and digits. */
                    const unsigned char *p = u + j, *e = u + n;
                    char *q = o + (j - start);
                    uint64_t lu = 0; /* letters in the low half, upper-case letters in the high */
                    while (p < e) {
                        unsigned c = *p;
                        char k = (char)alnum_key[c];
                        if (!k) break;
                        *q++ = k;
                        lu += letter_count[c];
                        p++;
                    }
                    letters += (uint32_t)lu;
                    uppers += (size_t)(lu >> 32);
                    j = (size_t)(p - u);
                }
                if (j >= n) break;
                size_t l;
                int kk = classify(s, n, j, &l);
                if (kk == K_ALPHA) {
                    /* ASCII letters were taken above: a letter >= 0x80 */
                    letters++;
                    if (is_upper_at(s, n, j)) uppers++;
                    ascii = false;
                    j += l;
                    continue;
                }
                /* Space and most punctuation end the word (the common
                 * case: no look-ahead needed). */
                if (kk == K_SPACE || kk == K_SKIP || (kk == K_PUNCT && s[j] != ',')) break;
                size_t l2 = 0;
                int next = j + l < n ? classify(s, n, j + l, &l2) : K_SPACE;
                if (kk == K_HYPHEN && (next == K_ALPHA || next == K_DIGIT)) {
                    has_hyphen = true;
                    goto take;
                }
                if (kk == K_APOS && next == K_ALPHA) {
                    /* Possessive 's (then a non-letter) ends the word. */
                    size_t after = j + l + l2;
                    size_t l3;
                    int k3 = after < n ? classify(s, n, after, &l3) : K_SPACE;
                    if (is_s(s[j + l]) && k3 != K_ALPHA && k3 != K_DIGIT) break;
                    /* n't: "didn't" -> "did" + "n't" */
                    if (is_t(s[j + l]) && k3 != K_ALPHA && j > start && is_n(s[j - 1])) break;
                    goto take;
                }
                if (kk == K_PERIOD && letters) {
                    /* Abbreviation periods after single letters: "W.", "U.S.", "K.U." */
                    bool single = (j - start == 1) || (abbrev && j - start >= 3 && s[j - 2] == '.');
                    if (!single) break;
                    abbrev = true;
                    o[j - start] = '.';
                    j += l;
                    if (next == K_ALPHA && j + 1 < n && s[j + 1] == '.' && (wclass[u[j]] & W_ALPHA)) continue;
                    break;
                }
                if ((kk == K_PERIOD || (kk == K_PUNCT && s[j] == ',')) && !letters && next == K_DIGIT)
                    goto take; /* 3.5, 1,200 */
                break;
            take:
                if (l == 1) o[j - start] = key_byte(u[j]);
                else ascii = false;
                j += l;
            }
            /* Split a trailing "n't" off as its own word. */
            size_t wend = j;
            bool nt = false;
            if (j < n && j > start && is_n(s[j - 1]) && classify(s, n, j, &cl) == K_APOS && j + cl < n &&
                is_t(s[j + cl])) {
                wend = j - 1;
                nt = true;
            }
            int f = flags;
            if (letters && is_upper_at(s, n, start)) f |= VG_TOKF_CAP;
            if (letters >= 2 && uppers == letters) f |= VG_TOKF_ALLCAPS;
            if (has_hyphen) f |= VG_TOKF_HYPHEN;
            if (wend > start) {
                /* "can't" -> "ca" + "n't" keeps the Treebank split; "won't" too. */
                vg_token *t = tok_add(out, start, wend - start, letters ? VG_TOK_WORD : VG_TOK_NUMBER, f);
                if (!t) return VG_ERR_NOMEM;
                size_t m = wend - start;
                if (!ascii) m = key_normalize(out, s + start, m);
                else if (m > VG_TEXT_MAX_KEY) m = VG_TEXT_MAX_KEY;
                key_end(out, t, m);
            }
            if (nt) {
                size_t nl = 1 + cl + 1;
                if (!push_key(out, wend, nl, VG_TOK_WORD, 0, "N'T", 3)) return VG_ERR_NOMEM;
                j = wend + nl;
            }
            i = j;
            /* Possessive. */
            if (i < n) {
                size_t l;
                int kk = classify(s, n, i, &l);
                if (kk == K_APOS) {
                    size_t l2;
                    if (i + l < n && is_s(s[i + l]) &&
                        (i + l + 1 >= n || !(classify(s, n, i + l + 1, &l2) == K_ALPHA ||
                                             classify(s, n, i + l + 1, &l2) == K_DIGIT))) {
                        if (!push_key(out, i, l + 1, VG_TOK_POSS, 0, "'S", 2)) return VG_ERR_NOMEM;
                        i += l + 1;
                    } else if (j > start && is_s(s[i - 1]) && (i + l >= n || classify(s, n, i + l, &l2) != K_ALPHA)) {
                        if (!push_key(out, i, l, VG_TOK_POSS, 0, "'S", 2)) return VG_ERR_NOMEM;
                        i += l;
                    }
                }
            }
            continue;
        }
        /* Punctuation: one token per code point. */
        int kind = VG_TOK_PUNCT;
        unsigned char c = u[i];
        if (c == ',') kind = VG_TOK_COMMA;
        else if (c == '.' || c == '!' || c == '?') kind = VG_TOK_END;
        if (c == '"') quoted = !quoted;
        else if (cl == 3 && c == 0xE2 && u[i + 1] == 0x80) {
            if (u[i + 2] == 0x9C) quoted = true;
            else if (u[i + 2] == 0x9D) quoted = false;
        }
        vg_token *t = tok_add(out, i, cl, kind, flags);
        if (!t) return VG_ERR_NOMEM;
        size_t m;
        if (cl == 1) {
            out->norm.ptr[out->norm.len] = key_byte(c);
            m = 1;
        } else {
            m = key_normalize(out, s + i, cl);
        }
        key_end(out, t, m);
        i += cl;
    }
    /* Only the final run of terminators ends the sentence; a period after
     * "Mr" or "Jan" inside it is ordinary punctuation. */
    size_t last_word = out->n;
    while (last_word > 0 && out->v[last_word - 1].kind != VG_TOK_WORD &&
           out->v[last_word - 1].kind != VG_TOK_NUMBER)
        last_word--;
    for (size_t t = 0; t < last_word; t++)
        if (out->v[t].kind == VG_TOK_END) out->v[t].kind = VG_TOK_PUNCT;
    return VG_OK;
}
