/* fuzz_text.c — the text stage alone: dateline, sentence splitting,
 * tokenizing and normalizing (src/text/) on arbitrary bytes.
 *
 * Option byte: bit 0 tokenizes every sentence (else the whole input as one
 * sentence), bit 1 skips the dateline first.
 *
 * Checked: sentence spans are in order, non-empty, inside the input and
 * trimmed; tokens are in order inside their sentence; every key is
 * NUL-terminated, free of control bytes and valid UTF-8; normalizing
 * reports the length it needs and is idempotent (a key normalizes to
 * itself, which is what lets dictionary keys match text). */
#include "fuzz.h"
#include "text/text.h"

static int valid_key(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) return 0;
        uint32_t cp;
        size_t used = vg_text__utf8_decode(s + i, n - i, &cp);
        if (used == 0 || used > 4 || used > n - i) return 0;
        if (cp == 0xFFFD && used == 1) return 0;   /* an invalid byte */
        i += used;
    }
    return 1;
}

static void check_normalize(const char *s, size_t n) {
    char small[8], big[512];
    size_t need = vg_text__normalize(s, n, NULL, 0);
    size_t need2 = vg_text__normalize(s, n, small, sizeof small);
    fuzz_check(need == need2);
    if (need < sizeof small) fuzz_check(small[need] == '\0');
    if (need >= sizeof big) return;
    size_t got = vg_text__normalize(s, n, big, sizeof big);
    fuzz_check(got == need);
    fuzz_check(big[got] == '\0');
    fuzz_check(memchr(big, '\0', got) == NULL);
    char again[512];
    size_t got2 = vg_text__normalize(big, got, again, sizeof again);
    fuzz_check(got2 == got && memcmp(big, again, got) == 0);
}

static void check_tokens(vg_tokvec *tv, const char *s, size_t n) {
    if (vg_text__tokenize(tv, s, n) != VG_OK) return;   /* NOMEM / LIMIT only */
    size_t prev_end = 0;
    for (size_t i = 0; i < tv->n; i++) {
        const vg_token *t = &tv->v[i];
        fuzz_check(t->len > 0);
        fuzz_check((size_t)t->off >= prev_end);
        fuzz_check((size_t)t->off + t->len <= n);
        prev_end = (size_t)t->off + t->len;
        fuzz_check(t->kind <= VG_TOK_END);
        fuzz_check((size_t)t->norm_off + t->norm_len < tv->norm.len + 1);
        const char *key = vg_text__key(tv, i);
        fuzz_check(key[t->norm_len] == '\0');
        fuzz_check(t->norm_len <= VG_TEXT_MAX_KEY + 4);
        fuzz_check(valid_key(key, t->norm_len));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint8_t opt = fuzz_byte(&data, &size);
    const char *s = (const char *)data;
    size_t n = size;

    if (opt & 2) {
        size_t skip = vg_text__dateline(s, n);
        fuzz_check(skip <= n);
        s += skip;
        n -= skip;
    }
    check_normalize(s, n < 256 ? n : 256);

    vg_spanvec sv = VG_SPANVEC_INIT;
    vg_tokvec tv = VG_TOKVEC_INIT;
    if (vg_text__split(&sv, s, n) == VG_OK) {
        size_t prev_end = 0;
        for (size_t i = 0; i < sv.n; i++) {
            vg_text_span sp = sv.v[i];
            fuzz_check(sp.len > 0);
            fuzz_check(sp.off >= prev_end);
            fuzz_check(sp.off + sp.len <= n);
            fuzz_check(!(vg_text__cclass[(unsigned char)s[sp.off]] & VG_CC_SPACE));
            fuzz_check(!(vg_text__cclass[(unsigned char)s[sp.off + sp.len - 1]] & VG_CC_SPACE));
            prev_end = sp.off + sp.len;
            if (opt & 1) check_tokens(&tv, s + sp.off, sp.len);
        }
    }
    if (!(opt & 1)) check_tokens(&tv, s, n);
    vg_text__spanvec_free(&sv);
    vg_text__tokvec_free(&tv);
    return 0;
}
