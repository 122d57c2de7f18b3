/* vgd.c — reader of vigia's own dictionary format (.vgd), specified in
 * docs/dictionaries.md. It parses one file line by line and feeds the
 * dictionary builder (dict.h).
 *
 * Two things are deferred to the end of a file, because they need the whole
 * file: an actor entry is handed to the builder only when it is complete (so
 * that a person without any code can be reported and left out instead of
 * half-added), and verb patterns are grouped by lemma (one builder verb
 * block per lemma, its bare pattern giving the block's default code, its
 * inflections generated once). */
#include "dict/vgd.h"
#include "ontology/ontology.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 4096
#define MAX_WORDS 16
#define MAX_EXPAND 64
#define MAX_ITEMS 512

typedef struct str {
    const char *p;
    size_t n;
} str;

typedef struct entry_code {
    char code[16];
    int32_t from, to;
} entry_code;

enum { ENTRY_NONE = 0, ENTRY_ACTOR, ENTRY_PERSON };

/* One verb pattern waiting for the end of the file. */
typedef struct pending_pat {
    char lemma[VG_VGD_MAX_WORD + 1];
    vg_pat_elem *elems; /* texts point into the reader's arena */
    size_t n;
    char code[8];
    long line;
} pending_pat;

typedef struct inflect_override {
    char lemma[VG_VGD_MAX_WORD + 1];
    vg_vgd_forms forms;
} inflect_override;

typedef struct reader {
    vg_dict_builder *b;
    vg_error *err;
    const char *name;
    long line;
    vg_arena arena;
    /* the actor entry being read */
    int entry;
    long entry_line;
    str *phrases;
    size_t nphrases, cap_phrases;
    entry_code *codes;
    size_t ncodes, cap_codes;
    /* verb patterns, emitted at the end */
    pending_pat *pats;
    size_t npats, cap_pats;
    inflect_override *infl;
    size_t ninfl, cap_infl;
    char **forms; /* verb forms already emitted (hash set) */
    size_t nforms, cap_forms;
} reader;

/* ------------------------------------------------------------------------ */
/* small helpers                                                             */
/* ------------------------------------------------------------------------ */

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static char to_lower(char c) { return is_upper(c) ? (char)(c - 'A' + 'a') : c; }

static str trim(str s) {
    while (s.n && is_space(s.p[0])) s.p++, s.n--;
    while (s.n && is_space(s.p[s.n - 1])) s.n--;
    return s;
}

static bool str_eq(str s, const char *lit) { return strlen(lit) == s.n && memcmp(s.p, lit, s.n) == 0; }

/* Report a problem on the current line. Returns the status to propagate:
 * VG_OK when lenient (skip the line), VG_ERR_DICT_SYNTAX when strict. */
static vg_status problem(reader *r, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static vg_status problem(reader *r, long line, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return vg_dict__problem(r->b, r->err, r->name, line, "%s", msg);
}

static vg_status nomem(reader *r) {
    return vg_err_set(r->err, VG_ERR_NOMEM, r->name, r->line, "out of memory");
}

/* Number of words of a phrase (separated by spaces/underscores). */
static size_t count_words(str s) {
    size_t n = 0;
    bool in = false;
    for (size_t i = 0; i < s.n; i++) {
        bool w = !(is_space(s.p[i]) || s.p[i] == '_');
        if (w && !in) n++;
        in = w;
    }
    return n;
}

/* ------------------------------------------------------------------------ */
/* dates                                                                     */
/* ------------------------------------------------------------------------ */

static int days_in_month(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

/* One end of a range: YYYY, YYYY-MM or YYYY-MM-DD. end selects the last day
 * of a year or month given without day. Returns 0 when invalid. */
static int32_t parse_date(str s, bool end) {
    int y = 0, m = 0, d = 0;
    if (s.n != 4 && s.n != 7 && s.n != 10) return 0;
    for (size_t i = 0; i < s.n; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s.p[i] != '-' : !is_digit(s.p[i])) return 0;
    }
    y = (s.p[0] - '0') * 1000 + (s.p[1] - '0') * 100 + (s.p[2] - '0') * 10 + (s.p[3] - '0');
    if (y < 1000) return 0;
    if (s.n >= 7) {
        m = (s.p[5] - '0') * 10 + (s.p[6] - '0');
        if (m < 1 || m > 12) return 0;
    } else {
        m = end ? 12 : 1;
    }
    if (s.n == 10) {
        d = (s.p[8] - '0') * 10 + (s.p[9] - '0');
        if (d < 1 || d > days_in_month(y, m)) return 0;
    } else {
        d = end ? days_in_month(y, m) : 1;
    }
    return (int32_t)(y * 10000 + m * 100 + d);
}

/* "A..B", "A..", "..B". */
static vg_status parse_range(reader *r, str s, int32_t *from, int32_t *to, bool *ok) {
    *ok = false;
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < s.n; i++)
        if (s.p[i] == '.' && s.p[i + 1] == '.') { dots = s.p + i; break; }
    if (!dots) return problem(r, r->line, "bad date range '%.*s' (expected FROM..TO)", (int)s.n, s.p);
    str a = {s.p, (size_t)(dots - s.p)}, z = {dots + 2, s.n - (size_t)(dots - s.p) - 2};
    if (a.n == 0 && z.n == 0) return problem(r, r->line, "date range '..' has no date");
    *from = 0;
    *to = 0;
    if (a.n && !(*from = parse_date(a, false)))
        return problem(r, r->line, "bad date '%.*s'", (int)a.n, a.p);
    if (z.n && !(*to = parse_date(z, true)))
        return problem(r, r->line, "bad date '%.*s'", (int)z.n, z.p);
    if (*from && *to && *from > *to) return problem(r, r->line, "date range ends before it starts");
    *ok = true;
    return VG_OK;
}

/* ------------------------------------------------------------------------ */
/* lists and items                                                           */
/* ------------------------------------------------------------------------ */

/* Split s at '|' outside [] and {} into items (trimmed). Reports empty
 * items and unbalanced brackets; *ok false then. */
static vg_status split_items(reader *r, str s, str *items, size_t *n, bool *ok) {
    *ok = false;
    *n = 0;
    int sq = 0, cu = 0;
    size_t start = 0;
    for (size_t i = 0; i <= s.n; i++) {
        char c = i < s.n ? s.p[i] : '|';
        if (c == '[') sq++;
        else if (c == ']') { if (--sq < 0) return problem(r, r->line, "unbalanced ']'"); }
        else if (c == '{') cu++;
        else if (c == '}') { if (--cu < 0) return problem(r, r->line, "unbalanced '}'"); }
        if (c == '|' && (i == s.n || (sq == 0 && cu == 0))) {
            if (i == s.n && sq) return problem(r, r->line, "unbalanced '['");
            if (i == s.n && cu) return problem(r, r->line, "unbalanced '{'");
            str it = trim((str){s.p + start, i - start});
            if (it.n == 0) return problem(r, r->line, "empty item in list");
            if (*n == MAX_ITEMS) return problem(r, r->line, "more than %d items on one line", MAX_ITEMS);
            items[(*n)++] = it;
            start = i + 1;
        }
    }
    *ok = true;
    return VG_OK;
}

/* Check a name phrase: words, no syntax characters, at most MAX_WORDS. */
static vg_status check_phrase(reader *r, str p, bool *ok) {
    *ok = false;
    for (size_t i = 0; i < p.n; i++) {
        char c = p.p[i];
        if (c == '{' || c == '}' || c == '[' || c == ']' || c == '=')
            return problem(r, r->line, "unexpected '%c' in phrase '%.*s'", c, (int)p.n, p.p);
    }
    if (count_words(p) == 0) return problem(r, r->line, "empty phrase");
    if (count_words(p) > MAX_WORDS)
        return problem(r, r->line, "phrase has more than %d words", MAX_WORDS);
    *ok = true;
    return VG_OK;
}

/* Check them all before any is added, so that a bad line adds nothing. */
static vg_status check_phrases(reader *r, const str *items, size_t n, bool *ok) {
    *ok = true;
    for (size_t i = 0; i < n; i++) {
        vg_status st = check_phrase(r, items[i], ok);
        if (!*ok) return st;
    }
    return VG_OK;
}

/* Synset names and issue codes: A-Z, 0-9 and '_'. */
static bool name_chars(str s) {
    for (size_t i = 0; i < s.n; i++)
        if (!is_upper(s.p[i]) && !is_digit(s.p[i]) && s.p[i] != '_') return false;
    return true;
}

/* A noun item "phrase", "phrase {}" or "phrase {pl1, pl2}": the singular
 * and its plurals (generated when there are no braces). */
typedef struct noun {
    str sing;
    str plural[8];
    size_t nplural;
    char gen[VG_VGD_MAX_WORD * 4]; /* storage for a generated plural */
} noun;

/* Form f of a noun: 0 the singular, then its plurals (f <= nplural). */
static str noun_form(const noun *nn, size_t f) { return f ? nn->plural[f - 1] : nn->sing; }

static vg_status parse_noun(reader *r, str item, noun *out, bool *ok) {
    *ok = false;
    out->nplural = 0;
    const char *brace = memchr(item.p, '{', item.n);
    str sing = item;
    if (brace) {
        sing = trim((str){item.p, (size_t)(brace - item.p)});
        const char *close = memchr(brace, '}', item.n - (size_t)(brace - item.p));
        if (!close) return problem(r, r->line, "unbalanced '{'");
        str rest = trim((str){close + 1, item.n - (size_t)(close + 1 - item.p)});
        if (rest.n) return problem(r, r->line, "text after '}' in '%.*s'", (int)item.n, item.p);
        str inner = {brace + 1, (size_t)(close - brace - 1)};
        size_t start = 0;
        if (trim(inner).n) {
            for (size_t i = 0; i <= inner.n; i++) {
                if (i == inner.n || inner.p[i] == ',') {
                    str pl = trim((str){inner.p + start, i - start});
                    if (pl.n == 0) return problem(r, r->line, "empty plural in '{...}'");
                    if (out->nplural == 8) return problem(r, r->line, "more than 8 plurals");
                    bool pok;
                    vg_status st = check_phrase(r, pl, &pok);
                    if (!pok) return st;
                    out->plural[out->nplural++] = pl;
                    start = i + 1;
                }
            }
        }
    }
    bool pok;
    vg_status st = check_phrase(r, sing, &pok);
    if (!pok) return st;
    out->sing = sing;
    if (!brace) {
        size_t want = vg_vgd__plural(sing.p, sing.n, out->gen, sizeof out->gen);
        if (want > 0 && want < sizeof out->gen) {
            out->plural[0] = (str){out->gen, want};
            out->nplural = 1;
        }
    }
    *ok = true;
    return VG_OK;
}

/* ------------------------------------------------------------------------ */
/* actor entries                                                             */
/* ------------------------------------------------------------------------ */

static bool valid_actor_code(str c) {
    if (str_eq(c, "---")) return true;
    if (c.n < 3 || c.n > 15) return false;
    for (size_t i = 0; i < c.n; i++)
        if (!is_upper(c.p[i]) && !is_digit(c.p[i])) return false;
    return true;
}

static void entry_reset(reader *r) {
    r->entry = ENTRY_NONE;
    r->nphrases = 0;
    r->ncodes = 0;
}

/* Hand the finished entry to the builder. */
static vg_status entry_flush(reader *r) {
    vg_status st = VG_OK;
    if (r->entry == ENTRY_NONE) return VG_OK;
    if (r->ncodes == 0) {
        st = problem(r, r->entry_line, "person has no role or code");
        entry_reset(r);
        return st;
    }
    if (r->nphrases == 0) {
        st = problem(r, r->entry_line, "actor entry has no name");
        entry_reset(r);
        return st;
    }
    uint32_t id;
    st = vg_dict__actor_new(r->b, r->name, r->entry_line, &id);
    for (size_t i = 0; st >= 0 && i < r->ncodes; i++)
        st = vg_dict__actor_code(r->b, id, r->codes[i].code, strlen(r->codes[i].code),
                                 r->codes[i].from, r->codes[i].to);
    for (size_t i = 0; st >= 0 && i < r->nphrases; i++)
        st = vg_dict__actor_phrase(r->b, id, r->phrases[i].p, r->phrases[i].n);
    entry_reset(r);
    return st < 0 ? st : VG_OK;
}

static vg_status entry_add_code(reader *r, str code, int32_t from, int32_t to) {
    if (!vg_grow((void **)&r->codes, &r->cap_codes, r->ncodes, sizeof *r->codes, 16)) return nomem(r);
    entry_code *c = &r->codes[r->ncodes++];
    memcpy(c->code, code.p, code.n);
    c->code[code.n] = '\0';
    c->from = from;
    c->to = to;
    return VG_OK;
}

/* Items already passed check_phrases. */
static vg_status entry_add_phrases(reader *r, const str *items, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!vg_grow((void **)&r->phrases, &r->cap_phrases, r->nphrases, sizeof *r->phrases, 16))
            return nomem(r);
        char *copy = vg_arena_strndup(&r->arena, items[i].p, items[i].n);
        if (!copy) return nomem(r);
        r->phrases[r->nphrases++] = (str){copy, items[i].n};
    }
    return VG_OK;
}

/* ------------------------------------------------------------------------ */
/* verb patterns                                                             */
/* ------------------------------------------------------------------------ */

/* Expand [a|b|] alternatives of s into out (each a malloc'd-free arena
 * string). Works on the first bracket group and recurses on the rest. */
static vg_status expand(reader *r, str s, char **out, size_t *n, bool *ok) {
    const char *open = memchr(s.p, '[', s.n);
    if (!open) {
        if (*n == MAX_EXPAND) {
            *ok = false;
            return problem(r, r->line, "pattern expands to more than %d", MAX_EXPAND);
        }
        char *c = vg_arena_strndup(&r->arena, s.p, s.n);
        if (!c) return nomem(r);
        out[(*n)++] = c;
        return VG_OK;
    }
    size_t o = (size_t)(open - s.p), close = o + 1;
    int depth = 1;
    while (close < s.n && depth) {
        if (s.p[close] == '[') depth++;
        if (s.p[close] == ']') depth--;
        if (depth) close++;
    }
    if (close >= s.n) {
        *ok = false;
        return problem(r, r->line, "unbalanced '['");
    }
    size_t start = o + 1;
    for (size_t i = o + 1; i <= close && *ok; i++) {
        if (i == close || s.p[i] == '|') {
            /* prefix + alternative + suffix */
            size_t alen = i - start, total = o + alen + (s.n - close - 1);
            char *buf = vg_arena_alloc(&r->arena, total + 1);
            if (!buf) return nomem(r);
            memcpy(buf, s.p, o);
            memcpy(buf + o, s.p + start, alen);
            memcpy(buf + o + alen, s.p + close + 1, s.n - close - 1);
            buf[total] = '\0';
            vg_status st = expand(r, (str){buf, total}, out, n, ok);
            if (st < 0 || !*ok) return st;
            start = i + 1;
        }
    }
    return VG_OK;
}

static bool is_article(str w) {
    char l[4];
    if (w.n > 3) return false;
    for (size_t i = 0; i < w.n; i++) l[i] = to_lower(w.p[i]);
    return (w.n == 1 && l[0] == 'a') || (w.n == 2 && l[0] == 'a' && l[1] == 'n') ||
           (w.n == 3 && l[0] == 't' && l[1] == 'h' && l[2] == 'e');
}

static bool all_upper_word(str w) {
    if (w.n < 2) return false;
    for (size_t i = 0; i < w.n; i++)
        if (!is_upper(w.p[i])) return false;
    return true;
}

static bool plain_lemma(str w) {
    if (w.n == 0 || w.n > VG_VGD_MAX_WORD) return false;
    for (size_t i = 0; i < w.n; i++) {
        char c = to_lower(w.p[i]);
        if (!((c >= 'a' && c <= 'z') || (c == '-' && i > 0 && i + 1 < w.n))) return false;
    }
    return true;
}

/* Parse one expanded pattern into a pending_pat. */
static vg_status parse_pattern(reader *r, const char *text, const char *code) {
    vg_pat_elem elems[3 * MAX_WORDS + 8];
    size_t n = 0, words = 0;
    int verb_at = -1, starred = -1;
    size_t len = strlen(text);
    size_t i = 0;
    while (i < len) {
        while (i < len && is_space(text[i])) i++;
        if (i >= len) break;
        size_t b = i;
        while (i < len && !is_space(text[i])) i++;
        str tok = {text + b, i - b};
        if (n + 2 > sizeof elems / sizeof *elems)
            return problem(r, r->line, "pattern is too long");
        if (str_eq(tok, "TARGET") || str_eq(tok, "SOURCE") || str_eq(tok, "BOTH")) {
            elems[n++] = (vg_pat_elem){tok.p[0] == 'T' ? VG_PAT_TARGET
                                       : tok.p[0] == 'S' ? VG_PAT_SOURCE : VG_PAT_COMPOUND,
                                       false, NULL, 0};
            continue;
        }
        if (str_eq(tok, "...")) {
            elems[n++] = (vg_pat_elem){VG_PAT_SKIP, false, NULL, 0};
            continue;
        }
        if (tok.p[0] == '&') {
            str name = {tok.p + 1, tok.n - 1};
            if (name.n == 0) return problem(r, r->line, "'&' without a synset name");
            if (!name_chars(name))
                return problem(r, r->line, "bad synset name '%.*s'", (int)tok.n, tok.p);
            elems[n++] = (vg_pat_elem){VG_PAT_SYNSET, false, name.p, name.n};
            words++;
            continue;
        }
        bool star = tok.p[0] == '*';
        if (star) {
            tok.p++, tok.n--;
            if (starred >= 0) return problem(r, r->line, "two verbs marked with '*'");
            if (tok.n == 0) return problem(r, r->line, "'*' without a verb");
        }
        if (all_upper_word(tok))
            return problem(r, r->line, "unknown placeholder '%.*s' (write literal words in lower case)",
                           (int)tok.n, tok.p);
        if (!star && is_article(tok)) continue;
        /* a word, or words joined by '_' (adjacent) */
        size_t k = 0;
        bool first = true;
        while (k <= tok.n) {
            size_t e = k;
            while (e < tok.n && tok.p[e] != '_') e++;
            if (e == k) {
                if (e < tok.n || !first) return problem(r, r->line, "empty word around '_' in '%.*s'", (int)tok.n, tok.p);
            }
            if (n + 1 > sizeof elems / sizeof *elems) return problem(r, r->line, "pattern is too long");
            if (first && star) starred = (int)n;
            elems[n++] = (vg_pat_elem){VG_PAT_WORD, !first, tok.p + k, e - k};
            words++;
            first = false;
            k = e + 1;
        }
    }
    if (words > MAX_WORDS) return problem(r, r->line, "pattern has more than %d words", MAX_WORDS);
    if (starred >= 0) verb_at = starred;
    else
        for (size_t k = 0; k < n; k++)
            if (elems[k].kind == VG_PAT_WORD) { verb_at = (int)k; break; }
    if (verb_at < 0) return problem(r, r->line, "pattern has no verb");
    if (elems[verb_at].adjacent || (verb_at + 1 < (int)n && elems[verb_at + 1].adjacent &&
                                    elems[verb_at + 1].kind == VG_PAT_WORD))
        return problem(r, r->line, "the verb cannot be joined to other words with '_'");
    str lemma = {elems[verb_at].text, elems[verb_at].len};
    if (!plain_lemma(lemma))
        return problem(r, r->line, "verb '%.*s' is not a plain word", (int)lemma.n, lemma.p);

    if (!vg_grow((void **)&r->pats, &r->cap_pats, r->npats, sizeof *r->pats, 16)) return nomem(r);
    pending_pat *p = &r->pats[r->npats];
    for (size_t k = 0; k < lemma.n; k++) p->lemma[k] = to_lower(lemma.p[k]);
    p->lemma[lemma.n] = '\0';
    elems[verb_at] = (vg_pat_elem){VG_PAT_VERB, false, NULL, 0};
    p->elems = vg_arena_alloc(&r->arena, n * sizeof *elems);
    if (!p->elems) return nomem(r);
    memcpy(p->elems, elems, n * sizeof *elems);
    p->n = n;
    snprintf(p->code, sizeof p->code, "%s", code);
    p->line = r->line;
    r->npats++;
    return VG_OK;
}

/* Whether a verb form was already given to the builder by this file;
 * remembers it otherwise. Linear probing over a power-of-two table. */
static bool form_seen(reader *r, const char *form) {
    if (r->nforms * 2 >= r->cap_forms) {
        size_t nc = r->cap_forms ? r->cap_forms * 2 : 1024;
        char **t = calloc(nc, sizeof *t);
        if (!t) return false; /* out of memory: worst case a duplicate form */
        for (size_t i = 0; i < r->cap_forms; i++) {
            if (!r->forms[i]) continue;
            size_t h = (size_t)vg_hash(r->forms[i], strlen(r->forms[i])) & (nc - 1);
            while (t[h]) h = (h + 1) & (nc - 1);
            t[h] = r->forms[i];
        }
        free(r->forms);
        r->forms = t;
        r->cap_forms = nc;
    }
    size_t h = (size_t)vg_hash(form, strlen(form)) & (r->cap_forms - 1);
    while (r->forms[h]) {
        if (strcmp(r->forms[h], form) == 0) return true;
        h = (h + 1) & (r->cap_forms - 1);
    }
    char *c = vg_arena_strndup(&r->arena, form, strlen(form));
    if (!c) return false;
    r->forms[h] = c;
    r->nforms++;
    return false;
}

static int cmp_pat(const void *a, const void *b) {
    const pending_pat *x = a, *y = b;
    int c = strcmp(x->lemma, y->lemma);
    if (c) return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Emit the collected patterns: one verb block per lemma. */
static vg_status emit_verbs(reader *r) {
    /* stable order: by lemma, then by line (lines are unique per expansion
     * group, and qsort is not stable, so break ties by position) */
    for (size_t i = 0; i < r->npats; i++) r->pats[i].line = r->pats[i].line * 1024 + (long)(i % 1024);
    if (r->npats > 1) qsort(r->pats, r->npats, sizeof *r->pats, cmp_pat); /* qsort(NULL, 0) is UB */
    for (size_t i = 0; i < r->npats; i++) r->pats[i].line /= 1024;
    vg_status st = VG_OK;
    size_t i = 0;
    while (i < r->npats) {
        size_t j = i;
        while (j < r->npats && strcmp(r->pats[j].lemma, r->pats[i].lemma) == 0) j++;
        /* the bare pattern gives the block's default code */
        const char *code = "---";
        long bare_line = 0;
        for (size_t k = i; k < j; k++) {
            if (r->pats[k].n != 1) continue;
            if (bare_line && strcmp(code, r->pats[k].code) != 0) {
                st = problem(r, r->pats[k].line, "verb '%s' already codes %s (line %ld)",
                             r->pats[k].lemma, code, bare_line);
                if (st < 0) return st;
                continue;
            }
            if (!bare_line) {
                code = r->pats[k].code;
                bare_line = r->pats[k].line;
            }
        }
        const char *lemma = r->pats[i].lemma;
        vg_vgd_forms forms;
        const vg_vgd_forms *use = NULL;
        for (size_t k = 0; k < r->ninfl; k++)
            if (strcmp(r->infl[k].lemma, lemma) == 0) use = &r->infl[k].forms;
        if (!use) {
            if (!vg_vgd__inflect(lemma, strlen(lemma), &forms)) {
                st = problem(r, r->pats[i].line, "verb '%s' cannot be inflected", lemma);
                if (st < 0) return st;
                i = j;
                continue;
            }
            use = &forms;
        }
        uint32_t block;
        long first_line = bare_line ? bare_line : r->pats[i].line;
        st = vg_dict__verb_block(r->b, lemma, strlen(lemma), code, strlen(code), r->name, first_line,
                                 &block);
        if (st < 0) return st;
        for (int f = 0; f < use->n; f++) {
            /* a form of two lemmas ("found": find / found) keeps the first
             * lemma's block: the builder maps each form text to one block */
            if (form_seen(r, use->form[f])) continue;
            st = vg_dict__verb_form(r->b, block, use->form[f], strlen(use->form[f]), 0, NULL, 0,
                                    r->name, first_line);
            if (st < 0) return st;
        }
        for (size_t k = i; k < j; k++) {
            if (r->pats[k].n == 1) continue;
            st = vg_dict__add_pattern(r->b, block, r->pats[k].elems, r->pats[k].n, r->pats[k].code,
                                      strlen(r->pats[k].code), r->name, r->pats[k].line);
            if (st < 0) return st;
        }
        i = j;
    }
    return VG_OK;
}

/* ------------------------------------------------------------------------ */
/* statements                                                                */
/* ------------------------------------------------------------------------ */

typedef struct stmt {
    str kw;
    str args[4];
    size_t nargs;
    bool has_eq;
    str rest; /* after '=' */
} stmt;

static bool is_attr(str kw) {
    return str_eq(kw, "name") || str_eq(kw, "adjective") || str_eq(kw, "demonym") ||
           str_eq(kw, "capital") || str_eq(kw, "seat") || str_eq(kw, "alias") ||
           str_eq(kw, "code") || str_eq(kw, "role");
}

/* Require (or forbid) '= items'; split them. */
static vg_status need_items(reader *r, const stmt *s, str *items, size_t *n, bool *ok) {
    *ok = false;
    if (!s->has_eq)
        return problem(r, r->line, "expected '= ...' after '%.*s'", (int)s->kw.n, s->kw.p);
    if (trim(s->rest).n == 0)
        return problem(r, r->line, "nothing after '=' in '%.*s'", (int)s->kw.n, s->kw.p);
    return split_items(r, s->rest, items, n, ok);
}

static vg_status no_items(reader *r, const stmt *s, bool *ok) {
    *ok = !s->has_eq;
    if (s->has_eq)
        return problem(r, r->line, "'%.*s' takes no '= ...' list", (int)s->kw.n, s->kw.p);
    return VG_OK;
}

static vg_status args_count(reader *r, const stmt *s, size_t lo, size_t hi, const char *usage,
                            bool *ok) {
    *ok = s->nargs >= lo && s->nargs <= hi;
    if (!*ok) return problem(r, r->line, "usage: %s", usage);
    return VG_OK;
}

static vg_status do_actor(reader *r, const stmt *s, str *items) {
    bool ok;
    vg_status st;
    if (!valid_actor_code(s->args[0]))
        return problem(r, r->line, "bad actor code '%.*s'", (int)s->args[0].n, s->args[0].p);
    int32_t from = 0, to = 0;
    if (s->nargs == 2) {
        st = parse_range(r, s->args[1], &from, &to, &ok);
        if (!ok) return st;
    }
    size_t n = 0;
    if (s->has_eq) {
        st = need_items(r, s, items, &n, &ok);
        if (!ok) return st;
        st = check_phrases(r, items, n, &ok);
        if (!ok) return st;
    }
    r->entry = ENTRY_ACTOR;
    r->entry_line = r->line;
    if ((st = entry_add_code(r, s->args[0], from, to)) < 0) return st;
    return entry_add_phrases(r, items, n);
}

static vg_status do_person(reader *r, const stmt *s, str *items) {
    bool ok;
    size_t n;
    vg_status st = need_items(r, s, items, &n, &ok);
    if (!ok) return st;
    st = check_phrases(r, items, n, &ok);
    if (!ok) return st;
    r->entry = ENTRY_PERSON;
    r->entry_line = r->line;
    return entry_add_phrases(r, items, n);
}

static vg_status do_attr(reader *r, const stmt *s, str *items) {
    bool ok;
    size_t n;
    vg_status st;
    bool role = str_eq(s->kw, "role"), code = str_eq(s->kw, "code");
    if (r->entry == ENTRY_NONE || (role && r->entry != ENTRY_PERSON))
        return problem(r, r->line, "'%.*s' outside %s entry", (int)s->kw.n, s->kw.p,
                       role ? "a person" : "an actor or person");
    if (role || code) {
        if (role && s->nargs == 1) return problem(r, r->line, "role needs dates (role CODE FROM..TO)");
        st = args_count(r, s, 1, 2, role ? "role CODE FROM..TO" : "code CODE [FROM..TO]", &ok);
        if (!ok) return st;
        st = no_items(r, s, &ok);
        if (!ok) return st;
        if (!valid_actor_code(s->args[0]))
            return problem(r, r->line, "bad actor code '%.*s'", (int)s->args[0].n, s->args[0].p);
        int32_t from = 0, to = 0;
        if (s->nargs == 2) {
            st = parse_range(r, s->args[1], &from, &to, &ok);
            if (!ok) return st;
        }
        return entry_add_code(r, s->args[0], from, to);
    }
    st = args_count(r, s, 0, 0, "KEYWORD = PHRASE | PHRASE ...", &ok);
    if (!ok) return st;
    st = need_items(r, s, items, &n, &ok);
    if (!ok) return st;
    st = check_phrases(r, items, n, &ok);
    if (!ok) return st;
    return entry_add_phrases(r, items, n);
}

static vg_status do_agent(reader *r, const stmt *s, str *items) {
    bool ok;
    size_t n;
    vg_status st;
    bool prefix = false;
    if (s->nargs == 2) {
        if (!str_eq(s->args[1], "prefix"))
            return problem(r, r->line, "unknown agent option '%.*s' (only 'prefix')",
                           (int)s->args[1].n, s->args[1].p);
        prefix = true;
    }
    if (!vg_actor_type_find(s->args[0].p, s->args[0].n))
        return problem(r, r->line, "unknown actor type '%.*s'", (int)s->args[0].n, s->args[0].p);
    st = need_items(r, s, items, &n, &ok);
    if (!ok) return st;
    noun nouns[16];
    for (size_t i = 0; i < n; i += 16) {
        size_t m = n - i < 16 ? n - i : 16;
        for (size_t k = 0; k < m; k++) {
            st = parse_noun(r, items[i + k], &nouns[k], &ok);
            if (!ok) return st;
        }
        for (size_t k = 0; k < m; k++)
            for (size_t f = 0; f <= nouns[k].nplural; f++) {
                str w = noun_form(&nouns[k], f);
                st = vg_dict__add_agent(r->b, w.p, w.n, s->args[0].p, s->args[0].n, !prefix, 0, r->name,
                                        r->line);
                if (st < 0) return st;
            }
    }
    return VG_OK;
}

static vg_status do_verb(reader *r, const stmt *s, str *items) {
    bool ok;
    size_t n;
    vg_status st;
    str c = s->args[0];
    if (!str_eq(c, "---") && !vg_cameo_find(c.p, c.n))
        return problem(r, r->line, "unknown CAMEO code '%.*s'", (int)c.n, c.p);
    char code[8];
    snprintf(code, sizeof code, "%.*s", (int)c.n, c.p);
    st = need_items(r, s, items, &n, &ok);
    if (!ok) return st;
    for (size_t i = 0; i < n; i++) {
        char *exp[MAX_EXPAND];
        size_t ne = 0;
        ok = true;
        st = expand(r, items[i], exp, &ne, &ok);
        if (st < 0) return st;
        if (!ok) continue;
        for (size_t k = 0; k < ne; k++) {
            size_t before = r->npats;
            st = parse_pattern(r, exp[k], code);
            if (st < 0) return st;
            if (r->npats == before) break; /* reported: skip the rest of this item */
        }
    }
    return VG_OK;
}

static vg_status do_synset(reader *r, const stmt *s, str *items) {
    bool ok;
    size_t n;
    vg_status st;
    str name = s->args[0];
    if (name.n && name.p[0] == '&') name.p++, name.n--;
    if (name.n == 0 || !name_chars(name))
        return problem(r, r->line, "bad synset name '%.*s'", (int)s->args[0].n, s->args[0].p);
    st = need_items(r, s, items, &n, &ok);
    if (!ok) return st;
    for (size_t i = 0; i < n; i++) {
        if (items[i].p[0] == '&') {
            str ref = {items[i].p + 1, items[i].n - 1};
            if (ref.n == 0 || !name_chars(ref))
                return problem(r, r->line, "bad synset name '%.*s'", (int)items[i].n, items[i].p);
            continue;
        }
        noun nn;
        st = parse_noun(r, items[i], &nn, &ok);
        if (!ok) return st;
    }
    for (size_t i = 0; i < n; i++) {
        if (items[i].p[0] == '&') {
            st = vg_dict__synset_add(r->b, name.p, name.n, items[i].p, items[i].n, r->name, r->line);
            if (st < 0) return st;
            continue;
        }
        noun nn;
        st = parse_noun(r, items[i], &nn, &ok);
        if (st < 0) return st;
        for (size_t f = 0; f <= nn.nplural; f++) {
            str w = noun_form(&nn, f);
            st = vg_dict__synset_add(r->b, name.p, name.n, w.p, w.n, r->name, r->line);
            if (st < 0) return st;
        }
    }
    return VG_OK;
}

static vg_status do_discard(reader *r, const stmt *s, str *items) {
    bool ok;
    size_t n;
    vg_status st;
    if (s->nargs == 1 && !str_eq(s->args[0], "story"))
        return problem(r, r->line, "unknown discard option '%.*s' (only 'story')", (int)s->args[0].n,
                       s->args[0].p);
    st = need_items(r, s, items, &n, &ok);
    if (!ok) return st;
    st = check_phrases(r, items, n, &ok);
    if (!ok) return st;
    for (size_t i = 0; i < n; i++)
        if ((st = vg_dict__add_discard(r->b, items[i].p, items[i].n, s->nargs == 1, r->name, r->line)) < 0)
            return st;
    return VG_OK;
}

static vg_status do_issue(reader *r, const stmt *s, str *items) {
    bool ok;
    size_t n;
    vg_status st;
    str c = s->args[0];
    if (c.n == 0 || c.n > 31 || !name_chars(c))
        return problem(r, r->line, "bad issue code '%.*s'", (int)c.n, c.p);
    st = need_items(r, s, items, &n, &ok);
    if (!ok) return st;
    st = check_phrases(r, items, n, &ok);
    if (!ok) return st;
    for (size_t i = 0; i < n; i++)
        if ((st = vg_dict__add_issue(r->b, items[i].p, items[i].n, c.p, c.n, r->name, r->line)) < 0)
            return st;
    return VG_OK;
}

static vg_status do_inflect(reader *r, const stmt *s, str *items) {
    bool ok;
    size_t n;
    vg_status st;
    if (!plain_lemma(s->args[0]))
        return problem(r, r->line, "verb '%.*s' is not a plain word", (int)s->args[0].n, s->args[0].p);
    st = need_items(r, s, items, &n, &ok);
    if (!ok) return st;
    if (n != 4) return problem(r, r->line, "inflect needs 4 forms, found %zu", n);
    for (size_t i = 0; i < n; i++)
        if (!plain_lemma(items[i]))
            return problem(r, r->line, "form '%.*s' is not a plain word", (int)items[i].n, items[i].p);
    if (!vg_grow((void **)&r->infl, &r->cap_infl, r->ninfl, sizeof *r->infl, 16)) return nomem(r);
    inflect_override *o = &r->infl[r->ninfl++];
    for (size_t i = 0; i < s->args[0].n; i++) o->lemma[i] = to_lower(s->args[0].p[i]);
    o->lemma[s->args[0].n] = '\0';
    o->forms.n = 0;
    snprintf(o->forms.form[o->forms.n++], sizeof o->forms.form[0], "%s", o->lemma);
    for (size_t i = 0; i < n; i++) {
        char w[VG_VGD_MAX_WORD + 1];
        for (size_t k = 0; k < items[i].n; k++) w[k] = to_lower(items[i].p[k]);
        w[items[i].n] = '\0';
        bool dup = false;
        for (int k = 0; k < o->forms.n; k++) dup |= strcmp(o->forms.form[k], w) == 0;
        if (!dup) snprintf(o->forms.form[o->forms.n++], sizeof o->forms.form[0], "%s", w);
    }
    return VG_OK;
}

/* Parse one line into a statement; false when it is blank or a comment. */
static bool split_stmt(str line, stmt *s) {
    /* comment: '#' at the start or after white space */
    for (size_t i = 0; i < line.n; i++)
        if (line.p[i] == '#' && (i == 0 || is_space(line.p[i - 1]))) { line.n = i; break; }
    line = trim(line);
    if (line.n == 0) return false;
    memset(s, 0, sizeof *s);
    const char *eq = memchr(line.p, '=', line.n);
    str head = line;
    if (eq) {
        head = trim((str){line.p, (size_t)(eq - line.p)});
        s->has_eq = true;
        s->rest = trim((str){eq + 1, line.n - (size_t)(eq + 1 - line.p)});
    }
    size_t i = 0, k = 0;
    while (i < head.n) {
        while (i < head.n && is_space(head.p[i])) i++;
        if (i >= head.n) break;
        size_t b = i;
        while (i < head.n && !is_space(head.p[i])) i++;
        str w = {head.p + b, i - b};
        if (k == 0) s->kw = w;
        else if (s->nargs < 4) s->args[s->nargs++] = w;
        else s->nargs = 5; /* too many: reported by args_count */
        k++;
    }
    return true;
}

/* The statements that are not an entry's attributes (those are do_attr's):
 * how many arguments stand before '=', and the usage shown otherwise. */
static const struct {
    const char *kw;
    size_t lo, hi;
    const char *usage;
    vg_status (*fn)(reader *r, const stmt *s, str *items);
} statements[] = {
    {"actor", 1, 2, "actor CODE [FROM..TO] [= NAME | ...]", do_actor},
    {"person", 0, 0, "person = NAME | NAME ...", do_person},
    {"agent", 1, 2, "agent TYPE [prefix] = NOUN | NOUN ...", do_agent},
    {"verb", 1, 1, "verb CODE = PATTERN | PATTERN ...", do_verb},
    {"synset", 1, 1, "synset NAME = PHRASE | PHRASE ...", do_synset},
    {"discard", 0, 1, "discard [story] = PHRASE | PHRASE ...", do_discard},
    {"issue", 1, 1, "issue CODE = PHRASE | PHRASE ...", do_issue},
    {"inflect", 1, 1, "inflect LEMMA = THIRD | PAST | PARTICIPLE | GERUND", do_inflect},
};

static vg_status do_line(reader *r, str line) {
    stmt s;
    if (line.n > MAX_LINE) return problem(r, r->line, "line longer than %d bytes", MAX_LINE);
    if (memchr(line.p, '\0', line.n)) return problem(r, r->line, "line contains a NUL byte");
    if (!split_stmt(line, &s)) return VG_OK;
    if (s.kw.n == 0) return problem(r, r->line, "line starts with '=' (no keyword)");
    if (s.nargs > 4) s.nargs = 5;
    str *its = malloc(MAX_ITEMS * sizeof *its);
    if (!its) return nomem(r);
    vg_status st;
    if (!is_attr(s.kw)) {
        st = entry_flush(r);
        if (st < 0) { free(its); return st; }
    }
    bool known = is_attr(s.kw);
    if (known) st = do_attr(r, &s, its);
    for (size_t i = 0; !known && i < sizeof statements / sizeof statements[0]; i++) {
        if (!str_eq(s.kw, statements[i].kw)) continue;
        known = true;
        bool ok;
        st = args_count(r, &s, statements[i].lo, statements[i].hi, statements[i].usage, &ok);
        if (ok) st = statements[i].fn(r, &s, its);
    }
    if (!known) st = problem(r, r->line, "unknown keyword '%.*s'", (int)s.kw.n, s.kw.p);
    free(its);
    return st;
}

vg_status vg_dict__load_vgd_mem(vg_dict_builder *b, const char *buf, size_t len, const char *name,
                                vg_error *err) {
    reader r;
    memset(&r, 0, sizeof r);
    r.b = b;
    r.err = err;
    r.name = name ? name : "";
    vg_arena_init(&r.arena, 1 << 16);
    vg_status st = VG_OK;
    size_t i = 0;
    /* a UTF-8 byte-order mark is allowed at the start */
    if (len >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF)
        i = 3;
    while (i < len && st >= 0) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - buf) : len;
        r.line++;
        st = do_line(&r, (str){buf + i, e - i});
        i = e + 1;
    }
    if (st >= 0) st = entry_flush(&r);
    if (st >= 0) st = emit_verbs(&r);
    free(r.phrases);
    free(r.codes);
    free(r.pats);
    free(r.infl);
    free(r.forms);
    vg_arena_free(&r.arena);
    /* builder calls report their problems without err */
    return vg_dict__fill_error(b, st < 0 ? st : VG_OK, err);
}

vg_status vg_dict__load_vgd(vg_dict_builder *b, const char *path, const vg_dict_options *opt,
                            vg_error *err) {
    (void)opt; /* flags and diag live in the builder */
    FILE *fp = fopen(path, "rb");
    if (!fp) return vg_err_set(err, VG_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    vg_buf data = VG_BUF_INIT;
    char chunk[1 << 15];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) vg_buf_put(&data, chunk, got);
    bool bad = ferror(fp);
    fclose(fp);
    if (bad) {
        vg_buf_free(&data);
        return vg_err_set(err, VG_ERR_IO, path, 0, "read error");
    }
    if (data.oom) {
        vg_buf_free(&data);
        return vg_err_set(err, VG_ERR_NOMEM, path, 0, "out of memory");
    }
    vg_status st = vg_dict__load_vgd_mem(b, data.ptr ? data.ptr : "", data.len, path, err);
    vg_buf_free(&data);
    return st;
}
