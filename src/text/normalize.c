/* normalize.c — UTF-8 decoding, character classes and the word normalizer
 * that maps text to dictionary keys (upper case, accents folded). */
#include "text/text.h"
#include <string.h>

#define S VG_CC_SPACE
#define U VG_CC_UPPER
#define L VG_CC_LOWER
#define D VG_CC_DIGIT
#define P VG_CC_PUNCT
#define H VG_CC_HIGH
/* Control bytes other than white space get no class: they separate tokens
 * like spaces but never count as one for sentence splitting. */
const uint8_t vg_text__cclass[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, S, S, S, S, S, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    S, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,
    P, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, P, P, P, P, P,
    P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, 0,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
};
#undef S
#undef U
#undef L
#undef D
#undef P
#undef H

size_t vg_text__utf8_decode(const char *s, size_t n, uint32_t *cp) {
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[0];
    if (c < 0x80) { *cp = c; return 1; }
    size_t need; uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { need = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 4; v = c & 0x07; min = 0x10000; }
    else { *cp = 0xFFFD; return 1; }
    if (n < need) { *cp = 0xFFFD; return 1; }
    for (size_t i = 1; i < need; i++) {
        if ((u[i] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) { *cp = 0xFFFD; return 1; }
    *cp = v;
    return need;
}

/* Base letters of U+00C0..U+00FF and U+0100..U+017F. '1' stands for "AE",
 * '2' "TH", '3' "SS", '4' "IJ", '5' "OE", '0' for a sign that is dropped
 * (multiplication and division signs). */
static const char latin1_fold[64] =
    "AAAAAA1CEEEEIIII" "DNOOOOO0OUUUUY23"
    "AAAAAA1CEEEEIIII" "DNOOOOO0OUUUUY2Y";
static const char latin_ext_a_fold[128] =
    "AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIII44JJKKKLLLLLLLLLL"
    "NNNNNNNNNOOOOOO55RRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS";

/* What one code point becomes in a key: up to 3 bytes in out, returns the
 * count, or -1 to copy the code point's UTF-8 bytes unchanged. */
static int fold_cp(uint32_t cp, char out[3]) {
    const char *m = NULL;
    if (cp >= 0xC0 && cp <= 0xFF) m = &latin1_fold[cp - 0xC0];
    else if (cp >= 0x100 && cp <= 0x17F) m = &latin_ext_a_fold[cp - 0x100];
    if (m) {
        switch (*m) {
        case '0': return 0;
        case '1': out[0] = 'A'; out[1] = 'E'; return 2;
        case '2': out[0] = 'T'; out[1] = 'H'; return 2;
        case '3': out[0] = 'S'; out[1] = 'S'; return 2;
        case '4': out[0] = 'I'; out[1] = 'J'; return 2;
        case '5': out[0] = 'O'; out[1] = 'E'; return 2;
        default: out[0] = *m; return 1;
        }
    }
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0xB4: case 0x2BC:
        out[0] = '\''; return 1;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0xAB: case 0xBB: case 0x2033:
        out[0] = '"'; return 1;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        out[0] = '-'; return 1;
    case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
        out[0] = ' '; return 1;
    case 0x2026: out[0] = out[1] = out[2] = '.'; return 3;
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0xAD: case 0xFFFD:
        return 0;
    case 0x218: case 0x219: case 0x15E: out[0] = 'S'; return 1;
    case 0x21A: case 0x21B: out[0] = 'T'; return 1;
    default: break;
    }
    if (cp >= 0x2000 && cp <= 0x200A) { out[0] = ' '; return 1; }
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
    return -1;
}

size_t vg_text__normalize(const char *s, size_t n, char *out, size_t cap) {
    size_t w = 0;
#define PUT(c) do { if (w < cap) out[w] = (c); w++; } while (0)
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            if (c >= 'a' && c <= 'z') PUT((char)(c - 32));
            else if (c == '`') PUT('\'');
            else if (c >= 0x20 && c != 0x7F) PUT((char)c);
            else if (c == '\t' || c == '\n' || c == '\r') PUT(' ');
            continue;
        }
        uint32_t cp;
        size_t k = vg_text__utf8_decode(s + i, n - i, &cp);
        char f[3];
        int m = fold_cp(cp, f);
        if (m < 0) {
            if (cp == 0xFFFD) { i += k; continue; } /* invalid bytes are dropped */
            for (size_t j = 0; j < k; j++) PUT(s[i + j]);
        } else {
            for (int j = 0; j < m; j++) PUT(f[j]);
        }
        i += k;
    }
    if (w < cap) out[w] = '\0';
    else if (cap) out[cap - 1] = '\0';
#undef PUT
    return w;
}
