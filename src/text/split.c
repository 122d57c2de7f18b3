/* split.c — sentence boundaries and wire datelines. Linear scans; no
 * backtracking beyond the word before a period. */
#include "text/text.h"
#include <stdlib.h>
#include <string.h>

void vg_text__spanvec_free(vg_spanvec *sv) {
    if (!sv) return;
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

static bool span_push(vg_spanvec *sv, const char *s, size_t off, size_t end) {
    while (off < end && (vg_text__cclass[(unsigned char)s[off]] & VG_CC_SPACE || s[off] == '\0')) off++;
    while (end > off && (vg_text__cclass[(unsigned char)s[end - 1]] & VG_CC_SPACE || s[end - 1] == '\0')) end--;
    if (end == off) return true;
    if (sv->n == sv->cap) {
        size_t nc = sv->cap ? sv->cap + sv->cap / 2 : 16;
        vg_text_span *nv = realloc(sv->v, nc * sizeof *nv);
        if (!nv) return false;
        sv->v = nv;
        sv->cap = nc;
    }
    sv->v[sv->n].off = off;
    sv->v[sv->n].len = end - off;
    sv->n++;
    return true;
}

/* Words after which a period does not end a sentence (compared case-
 * insensitively, without the period). */
static const char *const abbrevs[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpt", "maj", "brig", "adm",
    "cmdr", "gov", "sen", "rep", "rev", "st", "jr", "sr", "pres", "amb", "mt", "ft", "hon", "fr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "co", "ltd", "no", "vs", "etc", "approx", "est", "dept", "univ", "assn",
    "sra", "sr", "dra", "lic", "ing", "gral", "cnel", NULL
};

static bool is_abbrev(const char *w, size_t n) {
    if (n == 0 || n > 6) return false;
    char low[8];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        low[i] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    for (size_t i = 0; abbrevs[i]; i++)
        if (strlen(abbrevs[i]) == n && !memcmp(abbrevs[i], low, n)) return true;
    return false;
}

static inline bool sp(unsigned char c) { return (vg_text__cclass[c] & VG_CC_SPACE) != 0; }

/* Decide whether the terminator at s[i] ends a sentence; *end receives the
 * end of the sentence (after closing quotes/brackets). */
static bool boundary(const char *s, size_t n, size_t i, size_t *end) {
    size_t j = i + 1;
    unsigned char c = (unsigned char)s[i];
    /* Runs of terminators ("?!", "...") end together. */
    while (j < n && (s[j] == '.' || s[j] == '!' || s[j] == '?')) j++;
    /* Closing quotes and brackets belong to the sentence. */
    for (;;) {
        if (j < n && (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']')) { j++; continue; }
        if (j + 2 < n && (unsigned char)s[j] == 0xE2 && (unsigned char)s[j + 1] == 0x80 &&
            ((unsigned char)s[j + 2] == 0x9D || (unsigned char)s[j + 2] == 0x99)) { j += 3; continue; }
        break;
    }
    *end = j;
    if (j >= n) return true;
    if (!sp((unsigned char)s[j])) return false; /* "3.5", "U.S.-led", "a.m" */
    size_t k = j;
    while (k < n && sp((unsigned char)s[k])) k++;
    if (k >= n) return true;
    unsigned char nx = (unsigned char)s[k];
    /* The next sentence starts with a capital, digit, quote or bracket;
     * lower case means the period was not an end ("approx. five"). */
    if (vg_text__cclass[nx] & VG_CC_LOWER) return false;
    if (c != '.') return true;
    if (j > i + 1 && s[i + 1] == '.') return true; /* "..." before a capital */
    /* The word before the period. */
    size_t w = i;
    while (w > 0 && !sp((unsigned char)s[w - 1]) && s[w - 1] != '(' && s[w - 1] != '"') w--;
    const char *word = s + w;
    size_t wl = i - w;
    if (wl == 1 && (vg_text__cclass[(unsigned char)word[0]] & VG_CC_UPPER)) return false; /* initial */
    if (wl >= 2 && memchr(word, '.', wl)) {
        /* "U.S." / "a.m.": an abbreviation made of single letters. It ends
         * the sentence only when a common sentence opener follows. */
        static const char *const openers[] = { "The ", "He ", "She ", "It ", "They ", "But ", "We ",
                                               "In ", "A ", "This ", "That ", "I ", NULL };
        for (size_t o = 0; openers[o]; o++) {
            size_t ol = strlen(openers[o]);
            if (k + ol <= n && !memcmp(s + k, openers[o], ol)) return true;
        }
        return false;
    }
    if (is_abbrev(word, wl)) {
        /* "Jan. 5" / "Mr. Maduro" stay together. */
        return false;
    }
    return true;
}

/* Whether any byte of x is zero (exact for the word as a whole). */
static inline bool any_zero_byte(uint64_t x) {
    return ((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull) != 0;
}

/* Whether any of the 8 bytes is one the splitter stops at: . ! ? or \n. */
static inline bool any_stop_byte(uint64_t x) {
    return any_zero_byte(x ^ 0x2E2E2E2E2E2E2E2Eull) || any_zero_byte(x ^ 0x2121212121212121ull) ||
           any_zero_byte(x ^ 0x3F3F3F3F3F3F3F3Full) || any_zero_byte(x ^ 0x0A0A0A0A0A0A0A0Aull);
}

vg_status vg_text__split(vg_spanvec *out, const char *s, size_t n) {
    out->n = 0;
    size_t start = 0, i = 0;
    while (i < n) {
        /* Skip 8 bytes at a time while none can end a sentence (most of
         * the text): only . ! ? and newlines do. */
        while (n - i >= 8) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if (any_stop_byte(x)) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = (unsigned char)s[i];
        if (c == '.' || c == '!' || c == '?') {
            size_t end;
            if (boundary(s, n, i, &end)) {
                if (!span_push(out, s, start, end)) return VG_ERR_NOMEM;
                start = i = end;
                continue;
            }
            i = end > i ? end : i + 1;
            continue;
        }
        if (c == '\n') {
            /* A blank line ends a paragraph and so a sentence. */
            size_t k = i + 1;
            while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) k++;
            if (k < n && s[k] == '\n') {
                if (!span_push(out, s, start, i)) return VG_ERR_NOMEM;
                start = i = k + 1;
                continue;
            }
        }
        i++;
    }
    if (!span_push(out, s, start, n)) return VG_ERR_NOMEM;
    return VG_OK;
}

/* The first three letters of a month, lower case, packed as by is_month. */
#define M3(a, b, c) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16)

/* Whether the word w[0..n-1] starts with the first three letters of a month
 * (ASCII case-insensitive): one packed compare per month, no strings. */
static bool is_month(const char *w, size_t n) {
    if (n < 3) return false;
    uint32_t k = 0;
    for (size_t i = 0; i < 3; i++) {
        unsigned char c = (unsigned char)w[i];
        k |= (uint32_t)((c >= 'A' && c <= 'Z') ? c + 32 : c) << (8 * i);
    }
    switch (k) {
    case M3('j', 'a', 'n'): case M3('f', 'e', 'b'): case M3('m', 'a', 'r'): case M3('a', 'p', 'r'):
    case M3('m', 'a', 'y'): case M3('j', 'u', 'n'): case M3('j', 'u', 'l'): case M3('a', 'u', 'g'):
    case M3('s', 'e', 'p'): case M3('o', 'c', 't'): case M3('n', 'o', 'v'): case M3('d', 'e', 'c'):
        return true;
    default:
        return false;
    }
}

size_t vg_text__dateline(const char *s, size_t n) {
    /* Look for a dash separator within the first 160 bytes. */
    size_t lim = n < 160 ? n : 160;
    size_t i = 0;
    while (i < lim && sp((unsigned char)s[i])) i++;
    size_t first = i;
    if (first >= lim || !(vg_text__cclass[(unsigned char)s[first]] & VG_CC_UPPER)) return 0;
    bool allcaps_first = true, agency = false, month = false;
    size_t words = 0;
    /* First word all capitals? */
    {
        size_t k = first, letters = 0;
        while (k < lim && !sp((unsigned char)s[k]) && s[k] != ',' && s[k] != ':' && s[k] != '(') {
            unsigned char c = (unsigned char)s[k];
            if (vg_text__cclass[c] & VG_CC_LOWER) allcaps_first = false;
            if (vg_text__cclass[c] & VG_CC_ALPHA) letters++;
            k++;
        }
        if (letters < 2) allcaps_first = false;
    }
    while (i < lim) {
        unsigned char c = (unsigned char)s[i];
        if (sp(c)) { i++; continue; }
        /* The separator: "-", "--", en/em dash, followed by white space. */
        size_t dl = 0;
        if (c == '-') { dl = 1; while (i + dl < lim && s[i + dl] == '-') dl++; }
        else if (i + 2 < n && c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)) dl = 3;
        if (dl && (i == first || sp((unsigned char)s[i - 1])) && i + dl < n && sp((unsigned char)s[i + dl])) {
            if (words == 0 || !(agency || allcaps_first || month)) return 0;
            size_t e = i + dl;
            while (e < n && sp((unsigned char)s[e])) e++;
            return e;
        }
        if (c == '(') {
            size_t k = i + 1;
            while (k < lim && s[k] != ')' && s[k] != '.' ) k++;
            if (k >= lim || s[k] != ')' || k - i > 24) return 0;
            agency = true;
            i = k + 1;
            continue;
        }
        if (c == '.' || c == '!' || c == '?') {
            /* Only abbreviation periods ("Nov.", "D.C.") may come before. */
            size_t w = i;
            while (w > first && !sp((unsigned char)s[w - 1])) w--;
            if (!(is_month(s + w, i - w) || i - w <= 4)) return 0;
            i++;
            continue;
        }
        if (c == ',' || c == ':') { i++; continue; }
        /* A word: capitalised, a month or a number. */
        size_t k = i;
        while (k < lim && !sp((unsigned char)s[k]) && s[k] != ',' && s[k] != ':' && s[k] != '(' && s[k] != '.')
            k++;
        if (vg_text__cclass[c] & VG_CC_LOWER) return 0;
        if (is_month(s + i, k - i)) month = true;
        words++;
        if (words > 10) return 0;
        i = k > i ? k : i + 1;
    }
    return 0;
}
