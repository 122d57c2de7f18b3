/* petr.c — readers for the PETRARCH-2 / Phoenix dictionary text formats:
 * verbs (synsets, verb blocks, forms, patterns), actors (synonyms, dated
 * codes), agents (~ composition, !SUBST! sets, plurals), discards and
 * issues. Each reader goes line by line, reports what it cannot read as
 * "file:line: message" through vg_dict__problem and goes on. */
#include "dict/dict.h"
#include "text/text.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

vg_status vg_dict__read_file(const char *path, char **out, size_t *out_len, vg_error *err) {
    *out = NULL;
    *out_len = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp) return vg_err_set(err, VG_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    vg_buf b = VG_BUF_INIT;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0) vg_buf_put(&b, tmp, n);
    bool bad = ferror(fp);
    fclose(fp);
    if (bad) { vg_buf_free(&b); return vg_err_set(err, VG_ERR_IO, path, 0, "read error"); }
    if (b.oom) { vg_buf_free(&b); return vg_err_set(err, VG_ERR_NOMEM, path, 0, "out of memory reading"); }
    if (!b.ptr) vg_buf_putc(&b, '\0'), b.len = 0;
    *out = b.ptr;
    *out_len = b.len;
    return VG_OK;
}

/* ---- line handling ---- */

typedef struct reader {
    vg_dict_builder *b;
    const char *name;
    const char *p, *end;
    long line;
    bool in_xml_comment;
    vg_error *err;
} reader;

/* Next line without its newline; false at the end. */
static bool next_line(reader *r, const char **s, size_t *n) {
    if (r->p >= r->end) return false;
    const char *e = memchr(r->p, '\n', (size_t)(r->end - r->p));
    if (!e) e = r->end;
    *s = r->p;
    *n = (size_t)(e - r->p);
    if (*n && (*s)[*n - 1] == '\r') (*n)--;
    r->p = e < r->end ? e + 1 : e;
    r->line++;
    return true;
}

static inline bool is_sp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

static void trim(const char **s, size_t *n) {
    while (*n && is_sp(**s)) { (*s)++; (*n)--; }
    while (*n && is_sp((*s)[*n - 1])) (*n)--;
}

/* Remove "<!-- ... -->" (possibly spanning lines) and a "#" comment: a '#'
 * at the start or after white space, outside [...] (codes such as "###"
 * live in brackets). Writes the kept text to out (cap bytes). */
static size_t strip_comments(reader *r, const char *s, size_t n, char *out, size_t cap) {
    size_t w = 0;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (r->in_xml_comment) {
            if (i + 2 < n + 0 && s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>') {
                r->in_xml_comment = false;
                i += 2;
            }
            continue;
        }
        if (s[i] == '<' && i + 3 < n && !memcmp(s + i, "<!--", 4)) {
            r->in_xml_comment = true;
            i += 3;
            continue;
        }
        if (s[i] == '[') depth++;
        else if (s[i] == ']' && depth) depth--;
        if (s[i] == '#' && depth == 0 && (i == 0 || is_sp(s[i - 1]) || s[i - 1] == ']' || s[i - 1] == '}'))
            break;
        if (w + 1 < cap) out[w++] = s[i];
    }
    out[w] = '\0';
    return w;
}

#define LINE_MAX_BYTES 8192

/* The next line, its comments removed (strip_comments) and its ends
 * trimmed: t[0..m-1] inside buf (cap bytes). False at the end. */
static bool next_text(reader *r, char *buf, size_t cap, const char **t, size_t *m) {
    const char *s;
    size_t n;
    if (!next_line(r, &s, &n)) return false;
    *m = strip_comments(r, s, n, buf, cap);
    *t = buf;
    trim(t, m);
    return true;
}

/* ---- dates ---- */

/* YYMMDD or YYYYMMDD into YYYYMMDD (two-digit years before 30 are 20YY).
 * 0 when malformed. */
static int32_t parse_date(const char *s, size_t n) {
    if (n != 6 && n != 8) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    long v = 0;
    for (size_t i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    if (n == 6) {
        long yy = v / 10000;
        v += (yy < 30 ? 2000 : 1900) * 10000L;
    } else if (n != 8) {
        return 0;
    }
    long mm = (v / 100) % 100, dd = v % 100;
    if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return 0;
    return (int32_t)v;
}

/* Day before / after a YYYYMMDD date, as comparison bounds (may be a
 * non-existent day such as 19950600, which still orders correctly). */
static int32_t day_before(int32_t d) { return d - 1; }
static int32_t day_after(int32_t d) { return d + 1; }

/* One bracketed actor code "[CODE]", "[CODE >YYMMDD]", "[CODE <YYMMDD]",
 * "[CODE YYMMDD-YYMMDD]" (the text between the brackets). */
static vg_status actor_code_text(reader *r, uint32_t actor, const char *s, size_t n) {
    trim(&s, &n);
    size_t c = 0;
    while (c < n && !is_sp(s[c]) && s[c] != '<' && s[c] != '>') c++;
    const char *code = s;
    size_t code_len = c;
    const char *rest = s + c;
    size_t rn = n - c;
    trim(&rest, &rn);
    int32_t from = 0, to = 0;
    if (code_len == 0) return vg_dict__problem(r->b, r->err, r->name, r->line, "empty actor code");
    if (rn) {
        if (rest[0] == '<' || rest[0] == '>') {
            char op = rest[0];
            const char *d = rest + 1;
            size_t dn = rn - 1;
            trim(&d, &dn);
            int32_t v = parse_date(d, dn);
            if (!v) return vg_dict__problem(r->b, r->err, r->name, r->line, "bad date '%.*s' in actor code", (int)dn, d);
            if (op == '<') to = day_before(v);
            else from = day_after(v);
        } else {
            const char *dash = memchr(rest, '-', rn);
            if (!dash) return vg_dict__problem(r->b, r->err, r->name, r->line, "bad date restriction '%.*s'", (int)rn, rest);
            const char *a = rest, *bb = dash + 1;
            size_t an = (size_t)(dash - rest), bn = rn - an - 1;
            trim(&a, &an);
            trim(&bb, &bn);
            from = parse_date(a, an);
            to = parse_date(bb, bn);
            if (!from || !to) return vg_dict__problem(r->b, r->err, r->name, r->line, "bad date range '%.*s'", (int)rn, rest);
            if (from > to) return vg_dict__problem(r->b, r->err, r->name, r->line, "date range '%.*s' ends before it starts", (int)rn, rest);
        }
    }
    vg_status st = vg_dict__actor_code(r->b, actor, code, code_len, from, to);
    return st;
}

/* ---- actors ---- */

static vg_status read_actors(reader *r) {
    char buf[LINE_MAX_BYTES];
    uint32_t cur = 0;
    bool have = false, cur_has_code = false;
    const char *t;
    size_t m;
    while (next_text(r, buf, sizeof buf, &t, &m)) {
        if (!m) continue;
        vg_status st = VG_OK;
        if (t[0] == '[') {
            /* A code line for the current entry. */
            if (!have) { st = vg_dict__problem(r->b, r->err, r->name, r->line, "code line with no actor before it"); if (st) return st; continue; }
            while (m && t[0] == '[') {
                const char *close = memchr(t, ']', m);
                if (!close) { st = vg_dict__problem(r->b, r->err, r->name, r->line, "missing ']'"); break; }
                st = actor_code_text(r, cur, t + 1, (size_t)(close - t - 1));
                if (st) return st;
                cur_has_code = true;
                m -= (size_t)(close + 1 - t);
                t = close + 1;
                trim(&t, &m);
            }
            if (st) return st;
            continue;
        }
        bool synonym = t[0] == '+';
        if (synonym) { t++; m--; }
        /* phrase, then optional [codes] */
        const char *br = memchr(t, '[', m);
        size_t pl = br ? (size_t)(br - t) : m;
        const char *ph = t;
        trim(&ph, &pl);
        if (!pl) { st = vg_dict__problem(r->b, r->err, r->name, r->line, "actor line has no phrase"); if (st) return st; continue; }
        if (synonym && !have) { st = vg_dict__problem(r->b, r->err, r->name, r->line, "synonym '+' with no actor before it"); if (st) return st; continue; }
        if (!synonym && (!have || cur_has_code || br)) {
            /* A new entry, unless the previous one is still waiting for its
             * codes (then this phrase joins it, as a synonym would). */
            if (!have || cur_has_code) {
                st = vg_dict__actor_new(r->b, r->name, r->line, &cur);
                if (st) return st;
                have = true;
                cur_has_code = false;
            }
        }
        st = vg_dict__actor_phrase_ex(r->b, cur, ph, pl, true);
        if (st) return st;
        if (br) {
            const char *c = br;
            size_t cm = m - (size_t)(br - t);
            while (cm && c[0] == '[') {
                const char *close = memchr(c, ']', cm);
                if (!close) { cur_has_code = true; st = vg_dict__problem(r->b, r->err, r->name, r->line, "missing ']'"); if (st) return st; break; }
                cur_has_code = true; /* even a bad code ends the entry's phrase list */
                st = actor_code_text(r, cur, c + 1, (size_t)(close - c - 1));
                if (st) return st;
                cm -= (size_t)(close + 1 - c);
                c = close + 1;
                trim(&c, &cm);
            }
        }
    }
    return VG_OK;
}

/* ---- agents ---- */

typedef struct subst {
    char name[64];
    char items[16][64];
    int n;
} subst;

/* Phrases one agent line may expand to through its !SUBSTITUTION! markers
 * (real files: one marker of 4-5 items). Up to four markers of 16 items
 * each would make 65,536, and a 4 KB file of such lines took minutes. */
#define AGENT_EXPANSIONS_MAX 1024

/* *made counts the phrases of this line; it ends above the maximum when
 * the line expands to more (the rest are not added). */
static vg_status add_agent_expanded(reader *r, const char *ph, size_t pl, const char *plurals, size_t pln,
                                    bool has_braces, const char *code, size_t cn, bool suffix,
                                    subst *subs, int nsubs, int depth, size_t *made) {
    /* Expand the first !NAME! marker. */
    const char *bang = memchr(ph, '!', pl);
    if (bang && depth < 4) {
        const char *bang2 = memchr(bang + 1, '!', pl - (size_t)(bang + 1 - ph));
        if (!bang2) return vg_dict__problem(r->b, r->err, r->name, r->line, "unclosed !SUBSTITUTION! marker");
        size_t nl = (size_t)(bang2 - bang - 1);
        for (int i = 0; i < nsubs; i++) {
            if (strlen(subs[i].name) != nl || memcmp(subs[i].name, bang + 1, nl)) continue;
            for (int k = 0; k < subs[i].n && *made <= AGENT_EXPANSIONS_MAX; k++) {
                char tmp[512];
                int w = snprintf(tmp, sizeof tmp, "%.*s%s%.*s", (int)(bang - ph), ph, subs[i].items[k],
                                 (int)(pl - (size_t)(bang2 + 1 - ph)), bang2 + 1);
                if (w < 0 || (size_t)w >= sizeof tmp) continue;
                vg_status st = add_agent_expanded(r, tmp, (size_t)w, NULL, 0, true, code, cn, suffix, subs, nsubs,
                                                  depth + 1, made);
                if (st) return st;
            }
            return VG_OK;
        }
        return vg_dict__problem(r->b, r->err, r->name, r->line, "unknown substitution set !%.*s!", (int)nl, bang + 1);
    }
    /* Plurals: "{}" none, "{A B}" these, absent: regular plural. Items in
     * substitution sets already list both forms. */
    if (++*made > AGENT_EXPANSIONS_MAX) return VG_OK;
    unsigned flags = (has_braces ? 0u : (unsigned)VG_AGENT_PLURALS) | VG_AGENT_GAPS;
    vg_status st = vg_dict__add_agent(r->b, ph, pl, code, cn, suffix, flags, r->name, r->line);
    if (st) return st;
    size_t i = 0;
    while (plurals && i < pln) {
        while (i < pln && is_sp(plurals[i])) i++;
        size_t j = i;
        while (j < pln && !is_sp(plurals[j])) j++;
        if (j > i) {
            st = vg_dict__add_agent(r->b, plurals + i, j - i, code, cn, suffix, 0, r->name, r->line);
            if (st) return st;
        }
        i = j;
    }
    return VG_OK;
}

static vg_status read_agents(reader *r) {
    char buf[LINE_MAX_BYTES];
    subst subs[32];
    int nsubs = 0;
    const char *t;
    size_t m;
    while (next_text(r, buf, sizeof buf, &t, &m)) {
        if (!m) continue;
        vg_status st = VG_OK;
        if (t[0] == '!' && memchr(t, '=', m) && !memchr(t, '[', m)) {
            /* !NAME! = A, B, C */
            const char *eq = memchr(t, '=', m);
            const char *b2 = memchr(t + 1, '!', m - 1);
            if (!eq || !b2 || b2 > eq || nsubs == 32 || (size_t)(b2 - t - 1) >= sizeof subs[0].name) {
                st = vg_dict__problem(r->b, r->err, r->name, r->line, "bad substitution set (expected !NAME! = A, B)");
                if (st) return st;
                continue;
            }
            subst *sb = &subs[nsubs];
            memset(sb, 0, sizeof *sb);
            memcpy(sb->name, t + 1, (size_t)(b2 - t - 1));
            const char *q = eq + 1, *e = t + m;
            while (q < e && sb->n < 16) {
                const char *comma = memchr(q, ',', (size_t)(e - q));
                const char *ie = comma ? comma : e;
                const char *it = q;
                size_t il = (size_t)(ie - q);
                trim(&it, &il);
                if (il && il < sizeof sb->items[0]) {
                    memcpy(sb->items[sb->n], it, il);
                    sb->n++;
                }
                q = comma ? comma + 1 : e;
            }
            nsubs++;
            continue;
        }
        const char *br = NULL;
        for (size_t i = 0; i < m; i++) if (t[i] == '[') { br = t + i; }
        if (!br) {
            st = vg_dict__problem(r->b, r->err, r->name, r->line, "agent line has no [code]");
            if (st) return st;
            continue;
        }
        const char *close = memchr(br, ']', m - (size_t)(br - t));
        if (!close) { st = vg_dict__problem(r->b, r->err, r->name, r->line, "missing ']'"); if (st) return st; continue; }
        const char *c = br + 1;
        size_t cn = (size_t)(close - br - 1);
        trim(&c, &cn);
        bool suffix;
        if (cn && c[0] == '~') { suffix = true; c++; cn--; }
        else if (cn && c[cn - 1] == '~') { suffix = false; cn--; }
        else { st = vg_dict__problem(r->b, r->err, r->name, r->line, "agent code needs '~' ([~GOV] or [NGO~])"); if (st) return st; continue; }
        trim(&c, &cn);
        const char *ph = t;
        size_t pl = (size_t)(br - t);
        const char *plurals = NULL;
        size_t pln = 0;
        bool braces = false;
        const char *ob = memchr(ph, '{', pl);
        if (ob) {
            const char *cb = memchr(ob, '}', pl - (size_t)(ob - ph));
            if (!cb) { st = vg_dict__problem(r->b, r->err, r->name, r->line, "missing '}'"); if (st) return st; continue; }
            braces = true;
            plurals = ob + 1;
            pln = (size_t)(cb - ob - 1);
            pl = (size_t)(ob - ph);
        }
        trim(&ph, &pl);
        if (!pl) { st = vg_dict__problem(r->b, r->err, r->name, r->line, "agent line has no phrase"); if (st) return st; continue; }
        size_t made = 0;
        st = add_agent_expanded(r, ph, pl, plurals, pln, braces, c, cn, suffix, subs, nsubs, 0, &made);
        if (st) return st;
        if (made > AGENT_EXPANSIONS_MAX) {
            st = vg_dict__problem(r->b, r->err, r->name, r->line,
                                  "substitutions expand to more than %d phrases; only the first %d were added",
                                  AGENT_EXPANSIONS_MAX, AGENT_EXPANSIONS_MAX);
            if (st) return st;
        }
    }
    return VG_OK;
}

/* ---- discards ---- */

static vg_status read_discards(reader *r) {
    char buf[LINE_MAX_BYTES];
    const char *t;
    size_t m;
    while (next_text(r, buf, sizeof buf, &t, &m)) {
        if (!m) continue;
        bool story = t[0] == '+';
        if (story) { t++; m--; trim(&t, &m); }
        /* Some lines carry a trailing ";comment". */
        const char *semi = memchr(t, ';', m);
        if (semi) { m = (size_t)(semi - t); trim(&t, &m); }
        if (!m) { vg_status st = vg_dict__problem(r->b, r->err, r->name, r->line, "empty discard phrase"); if (st) return st; continue; }
        vg_status st = vg_dict__add_discard(r->b, t, m, story, r->name, r->line);
        if (st) return st;
    }
    return VG_OK;
}

/* ---- issues ---- */

static vg_status read_issues(reader *r) {
    char buf[LINE_MAX_BYTES];
    const char *t;
    size_t m;
    while (next_text(r, buf, sizeof buf, &t, &m)) {
        if (!m || t[0] == '<' || t[0] == '~') continue; /* category tags; exclusions */
        const char *br = memchr(t, '[', m);
        const char *close = br ? memchr(br, ']', m - (size_t)(br - t)) : NULL;
        if (!br || !close) {
            vg_status st = vg_dict__problem(r->b, r->err, r->name, r->line, "issue line has no [CODE]");
            if (st) return st;
            continue;
        }
        /* "n:" marks a noun (its plural matches too); "+" joins with a hyphen. */
        char ph[1024], pl[1024];
        size_t a = 0, p = 0;
        bool noun_last = false;
        for (const char *q = t; q < br && a + 4 < sizeof ph; q++) {
            if ((q == t || is_sp(q[-1]) || q[-1] == '+') && q + 1 < br && (q[0] == 'n' || q[0] == 'N') && q[1] == ':') {
                q++;
                noun_last = true;
                continue;
            }
            if (is_sp(*q) && q + 1 < br && !is_sp(q[1])) noun_last = false; /* a later word follows */
            ph[a++] = *q == '+' ? '-' : *q;
        }
        while (a && is_sp(ph[a - 1])) a--;
        ph[a] = '\0';
        vg_status st = vg_dict__add_issue(r->b, ph, a, br + 1, (size_t)(close - br - 1), r->name, r->line);
        if (st) return st;
        if (noun_last && a) {
            memcpy(pl, ph, a);
            p = a;
            if (ph[a - 1] == 's' || ph[a - 1] == 'S' || ph[a - 1] == 'x' || ph[a - 1] == 'h') { pl[p++] = 'e'; pl[p++] = 's'; }
            else if (ph[a - 1] == 'y' && a > 1 && !strchr("aeiou", ph[a - 2])) { pl[p - 1] = 'i'; pl[p++] = 'e'; pl[p++] = 's'; }
            else pl[p++] = 's';
            st = vg_dict__add_issue(r->b, pl, p, br + 1, (size_t)(close - br - 1), r->name, r->line);
            if (st) return st;
        }
    }
    return VG_OK;
}

/* ---- verbs ---- */

/* Regular forms of a verb (upper case ASCII): third person, past, gerund. */
static int verb_inflect(const char *v, size_t n, char out[3][96]) {
    if (n == 0 || n + 4 >= 96) return 0;
    char last = v[n - 1], prev = n > 1 ? v[n - 2] : 0;
    bool vprev = prev && strchr("AEIOU", prev);
    int k = 0;
    /* -S */
    if (last == 'Y' && !vprev) snprintf(out[k++], 96, "%.*sIES", (int)n - 1, v);
    else if (last == 'S' || last == 'X' || last == 'Z' || last == 'O' || (last == 'H' && (prev == 'C' || prev == 'S')))
        snprintf(out[k++], 96, "%.*sES", (int)n, v);
    else snprintf(out[k++], 96, "%.*sS", (int)n, v);
    /* -ED */
    if (last == 'E') snprintf(out[k++], 96, "%.*sD", (int)n, v);
    else if (last == 'Y' && !vprev) snprintf(out[k++], 96, "%.*sIED", (int)n - 1, v);
    else snprintf(out[k++], 96, "%.*sED", (int)n, v);
    /* -ING */
    if (last == 'E' && prev != 'E' && n > 2) snprintf(out[k++], 96, "%.*sING", (int)n - 1, v);
    else snprintf(out[k++], 96, "%.*sING", (int)n, v);
    return k;
}

/* A verb form "WORD", "+BREAK_DOWN", "KLM_NOP_+RST": words and the index
 * of the '+'-marked head (0 when none is marked). Writes the words without
 * '+' joined by spaces. */
static size_t form_words(const char *s, size_t n, char *out, size_t cap, size_t *head, size_t *nwords) {
    size_t w = 0, word = 0;
    bool in_word = false;
    *head = 0;
    for (size_t i = 0; i < n && w + 2 < cap; i++) {
        char c = s[i];
        if (c == '_' || is_sp(c)) {
            if (in_word) { out[w++] = ' '; word++; in_word = false; }
            continue;
        }
        if (c == '+') { *head = word; continue; }
        out[w++] = c;
        in_word = true;
    }
    if (in_word) word++;
    while (w && out[w - 1] == ' ') w--;
    out[w] = '\0';
    *nwords = word;
    return w;
}

/* Replace the head word of a form by another word. */
static size_t form_with_head(const char *words, size_t head, const char *repl, char *out, size_t cap) {
    size_t w = 0, idx = 0;
    const char *p = words;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        const char *src = idx == head ? repl : p;
        size_t sl = idx == head ? strlen(repl) : l;
        if (w + sl + 2 >= cap) return 0;
        if (w) out[w++] = ' ';
        memcpy(out + w, src, sl);
        w += sl;
        idx++;
        p = e ? e + 1 : p + l;
    }
    out[w] = '\0';
    return w;
}

static vg_status add_verb_line(reader *r, uint32_t block, const char *t, size_t m) {
    /* FORM [{INFLECTIONS}] [[CODE]] */
    const char *ob = memchr(t, '{', m);
    const char *sq = memchr(t, '[', m);
    size_t fl = m;
    if (ob) fl = (size_t)(ob - t);
    if (sq && (size_t)(sq - t) < fl) fl = (size_t)(sq - t);
    const char *code = NULL;
    size_t code_len = 0;
    if (sq) {
        const char *cs = memchr(sq, ']', m - (size_t)(sq - t));
        if (!cs) return vg_dict__problem(r->b, r->err, r->name, r->line, "missing ']'");
        code = sq + 1;
        code_len = (size_t)(cs - sq - 1);
    }
    char words[512];
    size_t head, nw;
    size_t wl = form_words(t, fl, words, sizeof words, &head, &nw);
    if (!wl) return vg_dict__problem(r->b, r->err, r->name, r->line, "empty verb form");
    vg_status st = vg_dict__verb_form(r->b, block, words, wl, head, code, code_len, r->name, r->line);
    if (st) return st;
    vg_dict__mark_base_form(r->b);
    /* Regular inflections of the head word. */
    const char *hp = words;
    for (size_t i = 0; i < head && hp; i++) { hp = strchr(hp, ' '); if (hp) hp++; }
    if (!hp) return VG_OK;
    size_t hl = strcspn(hp, " ");
    char infl[3][96];
    char hw[96];
    if (hl >= sizeof hw) return VG_OK;
    memcpy(hw, hp, hl);
    hw[hl] = '\0';
    for (size_t i = 0; i < hl; i++) if (hw[i] >= 'a' && hw[i] <= 'z') hw[i] = (char)(hw[i] - 32);
    int k = verb_inflect(hw, hl, infl);
    for (int i = 0; i < k; i++) {
        char f[600];
        size_t l = form_with_head(words, head, infl[i], f, sizeof f);
        if (!l) continue;
        st = vg_dict__verb_form(r->b, block, f, l, head, code, code_len, r->name, r->line);
        if (st) return st;
    }
    /* Irregular forms given in braces: "{BROKE BROKEN}", "{+BREAKS_DOWN ...}". */
    if (ob) {
        const char *cb = memchr(ob, '}', m - (size_t)(ob - t));
        if (!cb) return vg_dict__problem(r->b, r->err, r->name, r->line, "missing '}'");
        const char *q = ob + 1;
        while (q < cb) {
            while (q < cb && is_sp(*q)) q++;
            const char *e = q;
            while (e < cb && !is_sp(*e)) e++;
            if (e > q) {
                char iw[512];
                size_t ih, inw;
                size_t il = form_words(q, (size_t)(e - q), iw, sizeof iw, &ih, &inw);
                if (il) {
                    /* A one-word inflection of a multi-word form replaces its head. */
                    if (inw == 1 && nw > 1) {
                        char f[600];
                        size_t l = form_with_head(words, head, iw, f, sizeof f);
                        if (l) st = vg_dict__verb_form(r->b, block, f, l, head, code, code_len, r->name, r->line);
                    } else {
                        st = vg_dict__verb_form(r->b, block, iw, il, inw == nw ? head : ih, code, code_len, r->name, r->line);
                    }
                    if (st) return st;
                }
            }
            q = e;
        }
    }
    return VG_OK;
}

/* Parse "- pattern [CODE]". */
static vg_status add_pattern_line(reader *r, uint32_t block, const char *t, size_t m) {
    const char *sq = NULL;
    for (size_t i = 0; i < m; i++) if (t[i] == '[') sq = t + i;
    if (!sq) return vg_dict__problem(r->b, r->err, r->name, r->line, "pattern has no [code]");
    const char *cs = memchr(sq, ']', m - (size_t)(sq - t));
    if (!cs) return vg_dict__problem(r->b, r->err, r->name, r->line, "missing ']'");
    vg_pat_elem el[64];
    size_t ne = 0;
    bool adj_next = false;
    const char *q = t, *end = sq;
    while (q < end) {
        while (q < end && is_sp(*q)) q++;
        const char *e = q;
        while (e < end && !is_sp(*e)) e++;
        if (e == q) break;
        /* One chunk: pieces joined by '_' are adjacent. */
        const char *p = q;
        bool first_piece = true;
        while (p <= e) {
            const char *u = p;
            while (u < e && *u != '_') u++;
            const char *ps = p;
            size_t pn = (size_t)(u - p);
            bool adjacent = first_piece ? adj_next : true;
            adj_next = false;
            /* Group brackets attached to the piece. */
            while (pn && (*ps == '{' || *ps == '(')) {
                if (ne < 64) el[ne++] = (vg_pat_elem){ *ps == '{' ? VG_PAT_NP_OPEN : VG_PAT_PP_OPEN, false, NULL, 0 };
                ps++; pn--;
            }
            size_t closes = 0;
            while (pn && (ps[pn - 1] == '}' || ps[pn - 1] == ')')) { pn--; closes++; }
            if (pn) {
                vg_pat_elem x = { VG_PAT_WORD, adjacent, ps, pn };
                if (pn == 1 && *ps == '*') x.kind = VG_PAT_VERB;
                else if (pn == 1 && *ps == '$') x.kind = VG_PAT_SOURCE;
                else if (pn == 1 && *ps == '+') x.kind = VG_PAT_TARGET;
                else if (pn == 1 && *ps == '%') x.kind = VG_PAT_COMPOUND;
                else if (pn == 1 && *ps == '^') x.kind = VG_PAT_SKIP;
                else if (*ps == '&') x.kind = VG_PAT_SYNSET;
                if (x.kind != VG_PAT_WORD && x.kind != VG_PAT_SYNSET) { x.text = NULL; x.len = 0; }
                if (ne < 64) el[ne++] = x;
            } else if (u < e && first_piece && u == p) {
                /* "_*": leading underscore joins to the previous chunk. */
            }
            for (size_t c = 0; c < closes && ne < 64; c++) el[ne++] = (vg_pat_elem){ VG_PAT_CLOSE, false, NULL, 0 };
            first_piece = false;
            if (u >= e) break;
            /* A trailing '_' makes the next chunk adjacent. */
            if (u + 1 == e) { adj_next = true; break; }
            p = u + 1;
        }
        q = e;
    }
    if (ne >= 64) return vg_dict__problem(r->b, r->err, r->name, r->line, "pattern too long");
    return vg_dict__add_pattern(r->b, block, el, ne, sq + 1, (size_t)(cs - sq - 1), r->name, r->line);
}

static vg_status read_verbs(reader *r) {
    char buf[LINE_MAX_BYTES];
    enum { NONE, SYNSET, BLOCK } ctx = NONE;
    char synname[128] = "";
    uint32_t block = 0;
    bool have_block = false;
    const char *t;
    size_t m;
    while (next_text(r, buf, sizeof buf, &t, &m)) {
        vg_status st = VG_OK;
        if (!m) continue; /* a synset lasts until the next header */
        if (t[0] == '~') continue; /* transformations: not supported, ignored */
        if (t[0] == '&') {
            size_t l = 1;
            while (l < m && !is_sp(t[l])) l++;
            if (l - 1 >= sizeof synname) { st = vg_dict__problem(r->b, r->err, r->name, r->line, "synset name too long"); if (st) return st; continue; }
            memcpy(synname, t + 1, l - 1);
            synname[l - 1] = '\0';
            ctx = SYNSET;
            continue;
        }
        if (m >= 3 && !memcmp(t, "---", 3)) {
            /* --- NAME [CODE] --- */
            const char *p = t + 3;
            size_t pm = m - 3;
            while (pm && p[pm - 1] == '-') pm--;
            const char *sq = memchr(p, '[', pm);
            const char *cs = sq ? memchr(sq, ']', pm - (size_t)(sq - p)) : NULL;
            if (!sq || !cs) { st = vg_dict__problem(r->b, r->err, r->name, r->line, "verb block header needs [code]: --- NAME [CODE] ---"); if (st) return st; have_block = false; ctx = NONE; continue; }
            const char *nm = p;
            size_t nl = (size_t)(sq - p);
            trim(&nm, &nl);
            while (nl && nm[nl - 1] == '_') nl--;
            st = vg_dict__verb_block(r->b, nm, nl, sq + 1, (size_t)(cs - sq - 1), r->name, r->line, &block);
            if (st) return st;
            have_block = true;
            ctx = BLOCK;
            continue;
        }
        if (t[0] == '+' && ctx == SYNSET) {
            st = vg_dict__synset_add(r->b, synname, strlen(synname), t + 1, m - 1, r->name, r->line);
            if (st) return st;
            continue;
        }
        if (t[0] == '-') {
            if (!have_block) { st = vg_dict__problem(r->b, r->err, r->name, r->line, "pattern outside a verb block"); if (st) return st; continue; }
            st = add_pattern_line(r, block, t + 1, m - 1);
            if (st) return st;
            continue;
        }
        if (ctx == SYNSET) {
            st = vg_dict__problem(r->b, r->err, r->name, r->line, "synset member must start with '+'");
            if (st) return st;
            continue;
        }
        if (!have_block) {
            st = vg_dict__problem(r->b, r->err, r->name, r->line, "verb outside a verb block (expected --- NAME [CODE] ---)");
            if (st) return st;
            continue;
        }
        st = add_verb_line(r, block, t, m);
        if (st) return st;
    }
    return VG_OK;
}

/* ---- entry points ---- */

vg_status vg_dict__load_petr_mem(vg_dict_builder *b, vg_petr_kind kind, const char *buf, size_t len,
                                 const char *name, vg_error *err) {
    reader r = { b, name ? name : "", buf, buf + len, 0, false, err };
    vg_status st = VG_ERR_ARG;
    switch (kind) {
    case VG_PETR_VERBS: st = read_verbs(&r); break;
    case VG_PETR_ACTORS: st = read_actors(&r); break;
    case VG_PETR_AGENTS: st = read_agents(&r); break;
    case VG_PETR_DISCARDS: st = read_discards(&r); break;
    case VG_PETR_ISSUES: st = read_issues(&r); break;
    }
    return vg_dict__fill_error(b, st, err);
}

static vg_status load_file(vg_dict_builder *b, vg_petr_kind kind, const char *path, vg_error *err) {
    char *buf;
    size_t len;
    vg_status st = vg_dict__read_file(path, &buf, &len, err);
    if (st) return st;
    st = vg_dict__load_petr_mem(b, kind, buf, len, path, err);
    free(buf);
    return st;
}

vg_status vg_dict__load_petr_verbs(vg_dict_builder *b, const char *path, vg_error *err) {
    return load_file(b, VG_PETR_VERBS, path, err);
}
vg_status vg_dict__load_petr_actors(vg_dict_builder *b, const char *path, vg_error *err) {
    return load_file(b, VG_PETR_ACTORS, path, err);
}
vg_status vg_dict__load_petr_agents(vg_dict_builder *b, const char *path, vg_error *err) {
    return load_file(b, VG_PETR_AGENTS, path, err);
}
vg_status vg_dict__load_petr_discards(vg_dict_builder *b, const char *path, vg_error *err) {
    return load_file(b, VG_PETR_DISCARDS, path, err);
}
vg_status vg_dict__load_petr_issues(vg_dict_builder *b, const char *path, vg_error *err) {
    return load_file(b, VG_PETR_ISSUES, path, err);
}
