/* tokenize.c — one sentence into word, number and punctuation tokens with
 * their normalized dictionary keys. One pass over the bytes; the token
 * vector and the key buffer are reused between calls. */
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

/* Class of the code point at s[i]: what role it plays in a token. */
enum { K_SPACE, K_ALPHA, K_DIGIT, K_APOS, K_HYPHEN, K_PERIOD, K_PUNCT, K_SKIP };

static int classify(const char *s, size_t n, size_t i, size_t *len) {
    unsigned char c = (unsigned char)s[i];
    uint8_t cc = vg_text__cclass[c];
    *len = 1;
    if (cc & VG_CC_ALPHA) return K_ALPHA;
    if (cc & VG_CC_DIGIT) return K_DIGIT;
    if (cc & VG_CC_SPACE) return K_SPACE;
    if (cc & VG_CC_PUNCT) {
        if (c == '\'' || c == '`') return K_APOS;
        if (c == '_') return K_SPACE; /* "Dol_Amroth": dictionaries join words so */
        if (c == '-') return K_HYPHEN;
        if (c == '.') return K_PERIOD;
        return K_PUNCT;
    }
    if (!(cc & VG_CC_HIGH)) return K_SKIP; /* control bytes, NUL */
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

static bool push(vg_tokvec *tv, const char *s, size_t off, size_t len, int kind, int flags,
                 const char *key, size_t keylen) {
    if (tv->n == tv->cap) {
        size_t nc = tv->cap ? tv->cap + tv->cap / 2 : 64;
        vg_token *nv = realloc(tv->v, nc * sizeof *nv);
        if (!nv) return false;
        tv->v = nv;
        tv->cap = nc;
    }
    vg_token *t = &tv->v[tv->n++];
    t->off = (uint32_t)off;
    t->len = (uint32_t)len;
    t->kind = (uint8_t)kind;
    t->flags = (uint8_t)flags;
    t->norm_off = (uint32_t)tv->norm.len;
    /* Room for the key and its NUL, checked once: the longest key is
     * bounded, so the copies below need no checks of their own. */
    if (tv->norm.cap - tv->norm.len < VG_TEXT_MAX_KEY * 2 + 16 &&
        !vg_buf_grow(&tv->norm, VG_TEXT_MAX_KEY * 2 + 16))
        return false;
    char *o = tv->norm.ptr + tv->norm.len;
    size_t m = 0;
    if (key) {
        memcpy(o, key, keylen);
        m = keylen;
    } else {
        /* Fast path: plain ASCII needs only upper-casing; the first byte
         * that is not sends the token through the full normalizer. */
        bool ascii = len <= VG_TEXT_MAX_KEY;
        for (size_t i = 0; ascii && i < len; i++) {
            unsigned char c = (unsigned char)s[off + i];
            if (c >= 0x80) { ascii = false; break; }
            if (c >= 'a' && c <= 'z') c = (unsigned char)(c - 32);
            else if (c == '`') c = '\'';
            else if (c < 0x20 || c == 0x7F) continue;
            o[m++] = (char)c;
        }
        if (!ascii) {
            char tmp[VG_TEXT_MAX_KEY * 2 + 8];
            m = vg_text__normalize(s + off, len, tmp, sizeof tmp);
            if (m > VG_TEXT_MAX_KEY) {
                /* Cut at a UTF-8 boundary. */
                m = VG_TEXT_MAX_KEY;
                while (m > 0 && ((unsigned char)tmp[m] & 0xC0) == 0x80) m--;
            }
            memcpy(o, tmp, m);
        }
    }
    o[m] = '\0';
    tv->norm.len += m + 1;
    t->norm_len = (uint16_t)m;
    return true;
}

static inline bool is_upper_at(const char *s, size_t n, size_t i) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) return (vg_text__cclass[c] & VG_CC_UPPER) != 0;
    uint32_t cp;
    vg_text__utf8_decode(s + i, n - i, &cp);
    return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x100 && cp <= 0x17F && !(cp & 1));
}

vg_status vg_text__tokenize(vg_tokvec *out, const char *s, size_t n) {
    out->n = 0;
    vg_buf_clear(&out->norm);
    if (n >= UINT32_MAX) return VG_ERR_LIMIT;
    bool quoted = false, space = true;
    size_t i = 0;
    while (i < n) {
        size_t cl;
        if (vg_text__cclass[(unsigned char)s[i]] & VG_CC_SPACE) { i++; space = true; continue; }
        int k = classify(s, n, i, &cl);
        if (k == K_SPACE || k == K_SKIP) { i += cl; space = true; continue; }
        int flags = space ? VG_TOKF_SPACE : 0;
        if (quoted) flags |= VG_TOKF_QUOTED;
        space = false;
        if (k == K_ALPHA || k == K_DIGIT) {
            size_t start = i, j = i;
            bool digits_only = true, has_hyphen = false;
            size_t letters = 0, uppers = 0;
            bool abbrev = false;
            while (j < n) {
                /* Fast path: ASCII letters and digits. */
                uint8_t cc = vg_text__cclass[(unsigned char)s[j]];
                if (cc & VG_CC_ALNUM) {
                    if (cc & VG_CC_ALPHA) {
                        digits_only = false;
                        letters++;
                        if (cc & VG_CC_UPPER) uppers++;
                    }
                    j++;
                    continue;
                }
                size_t l;
                int kk = classify(s, n, j, &l);
                if (kk == K_ALPHA || kk == K_DIGIT) {
                    if (kk == K_ALPHA) {
                        digits_only = false;
                        letters++;
                        if (is_upper_at(s, n, j)) uppers++;
                    }
                    j += l;
                    continue;
                }
                size_t l2;
                int next = j + l < n ? classify(s, n, j + l, &l2) : K_SPACE;
                if (kk == K_HYPHEN && (next == K_ALPHA || next == K_DIGIT)) {
                    has_hyphen = true; j += l; continue;
                }
                if (kk == K_APOS && next == K_ALPHA) {
                    /* Possessive 's (then a non-letter) ends the word. */
                    size_t after = j + l + l2;
                    size_t l3;
                    int k3 = after < n ? classify(s, n, after, &l3) : K_SPACE;
                    if ((s[j + l] == 's' || s[j + l] == 'S') && k3 != K_ALPHA && k3 != K_DIGIT) break;
                    /* n't: "didn't" -> "did" + "n't" */
                    if ((s[j + l] == 't' || s[j + l] == 'T') && k3 != K_ALPHA && j > start &&
                        (s[j - 1] == 'n' || s[j - 1] == 'N'))
                        break;
                    j += l; continue;
                }
                if (kk == K_PERIOD && !digits_only) {
                    /* Abbreviation periods after single letters: "W.", "U.S.", "K.U." */
                    bool single = (j - start == 1) || (abbrev && j - start >= 3 && s[j - 2] == '.');
                    if (!single) break;
                    abbrev = true;
                    j += l;
                    if (next == K_ALPHA && j + 1 < n && s[j + 1] == '.' &&
                        (vg_text__cclass[(unsigned char)s[j]] & VG_CC_ALPHA))
                        continue;
                    break;
                }
                if ((kk == K_PERIOD || (kk == K_PUNCT && s[j] == ',')) && digits_only && next == K_DIGIT) {
                    j += l; continue; /* 3.5, 1,200 */
                }
                break;
            }
            /* Split a trailing "n't" off as its own word. */
            size_t wend = j;
            bool nt = false;
            if (j < n && classify(s, n, j, &cl) == K_APOS && j > start &&
                (s[j - 1] == 'n' || s[j - 1] == 'N') && j + cl < n && (s[j + cl] == 't' || s[j + cl] == 'T')) {
                wend = j - 1;
                nt = true;
            }
            int f = flags;
            if (letters && is_upper_at(s, n, start)) f |= VG_TOKF_CAP;
            if (letters >= 2 && uppers == letters) f |= VG_TOKF_ALLCAPS;
            if (has_hyphen) f |= VG_TOKF_HYPHEN;
            if (wend > start) {
                /* "can't" -> "ca" + "n't" keeps the Treebank split; "won't" too. */
                if (!push(out, s, start, wend - start, digits_only ? VG_TOK_NUMBER : VG_TOK_WORD, f, NULL, 0))
                    return VG_ERR_NOMEM;
            }
            if (nt) {
                size_t nl = 1 + cl + 1;
                if (!push(out, s, wend, nl, VG_TOK_WORD, 0, "N'T", 3)) return VG_ERR_NOMEM;
                j = wend + nl;
            }
            i = j;
            /* Possessive. */
            if (i < n) {
                size_t l;
                int kk = classify(s, n, i, &l);
                if (kk == K_APOS) {
                    size_t l2;
                    if (i + l < n && (s[i + l] == 's' || s[i + l] == 'S') &&
                        (i + l + 1 >= n || !(classify(s, n, i + l + 1, &l2) == K_ALPHA ||
                                             classify(s, n, i + l + 1, &l2) == K_DIGIT))) {
                        if (!push(out, s, i, l + 1, VG_TOK_POSS, 0, "'S", 2)) return VG_ERR_NOMEM;
                        i += l + 1;
                    } else if (j > start && (s[i - 1] == 's' || s[i - 1] == 'S') &&
                               (i + l >= n || classify(s, n, i + l, &l2) != K_ALPHA)) {
                        if (!push(out, s, i, l, VG_TOK_POSS, 0, "'S", 2)) return VG_ERR_NOMEM;
                        i += l;
                    }
                }
            }
            continue;
        }
        /* Punctuation: one token per code point. */
        int kind = VG_TOK_PUNCT;
        unsigned char c = (unsigned char)s[i];
        if (c == ',') kind = VG_TOK_COMMA;
        else if (c == '.' || c == '!' || c == '?') kind = VG_TOK_END;
        if (c == '"') quoted = !quoted;
        else if (cl == 3 && c == 0xE2 && (unsigned char)s[i + 1] == 0x80) {
            if ((unsigned char)s[i + 2] == 0x9C) quoted = true;
            else if ((unsigned char)s[i + 2] == 0x9D) quoted = false;
        }
        if (!push(out, s, i, cl, kind, flags, NULL, 0)) return VG_ERR_NOMEM;
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
