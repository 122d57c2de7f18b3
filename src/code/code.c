/* code.c — vg_code: split a record into sentences and code each one.
 *
 * The shallow parse, per sentence:
 *  1. tokens get dictionary word ids and a function-word class;
 *  2. discards end the sentence (or the whole story);
 *  3. actor and agent phrases are found by longest match in the tries and
 *     grouped into noun phrases ("Dagolath's Deputy Prime Minister" →
 *     DAGGOV, "soldiers from Gondor" → GONMIL) and compounds ("Russia,
 *     China and Iran");
 *  4. each verb form found by longest match is coded: its patterns are
 *     tried (most specific first), then the verb's own code; the source is
 *     the phrase before the verb in its clause, the target the first
 *     phrase after it; passive "by" phrases swap them; negated verbs with
 *     no pattern for the negation give no event.
 * Everything is integer matching over word ids with bounded windows: no
 * backtracking beyond a pattern's gap limit. */
#include "code/code.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Pattern elements may be this many tokens apart (unless "_" joins them). */
#define GAP 8
/* How far the clause heuristics look, in tokens: they hold within a
 * clause, and the bound keeps a 100,000-token "sentence" linear. */
#define CLAUSE 60

/* ---- function words ---- */

enum {
    FW_NONE = 0, FW_DET, FW_PREP, FW_CONJ, FW_SUB, FW_BE, FW_AUX, FW_NEG, FW_PRON, FW_REL,
    FW_THAT, FW_BY, FW_TO, FW_ADV
};

typedef struct fw_entry { const char *w; uint8_t cls; } fw_entry;

/* Sorted by strcmp for bsearch. */
static const fw_entry fw_table[] = {
    { "A", FW_DET }, { "ABOUT", FW_PREP }, { "AFTER", FW_SUB }, { "AGAINST", FW_PREP },
    { "ALL", FW_DET }, { "ALONG", FW_PREP }, { "ALREADY", FW_ADV }, { "ALSO", FW_ADV },
    { "ALTHOUGH", FW_SUB }, { "AM", FW_BE }, { "AMID", FW_PREP }, { "AMONG", FW_PREP },
    { "AN", FW_DET }, { "AND", FW_CONJ }, { "ANOTHER", FW_DET }, { "ANY", FW_DET },
    { "ARE", FW_BE }, { "AROUND", FW_PREP }, { "AS", FW_SUB }, { "AT", FW_PREP },
    { "BE", FW_BE }, { "BECAUSE", FW_SUB }, { "BEEN", FW_BE }, { "BEFORE", FW_SUB },
    { "BEING", FW_BE }, { "BETWEEN", FW_PREP }, { "BOTH", FW_DET }, { "BUT", FW_SUB },
    { "BY", FW_BY }, { "CA", FW_AUX }, { "CAN", FW_AUX }, { "COULD", FW_AUX },
    { "DESPITE", FW_PREP }, { "DID", FW_AUX }, { "DO", FW_AUX }, { "DOES", FW_AUX },
    { "DURING", FW_PREP }, { "EACH", FW_DET }, { "EARLIER", FW_ADV }, { "EVER", FW_ADV },
    { "EVERY", FW_DET }, { "FEW", FW_DET }, { "FIERCELY", FW_ADV }, { "FOR", FW_PREP },
    { "FROM", FW_PREP }, { "FURTHER", FW_ADV }, { "HAD", FW_AUX }, { "HAS", FW_AUX },
    { "HAVE", FW_AUX }, { "HAVING", FW_AUX }, { "HE", FW_PRON }, { "HEAVILY", FW_ADV },
    { "HER", FW_DET }, { "HIS", FW_DET }, { "IF", FW_SUB }, { "IN", FW_PREP },
    { "INTO", FW_PREP }, { "IS", FW_BE }, { "IT", FW_PRON }, { "ITS", FW_DET },
    { "JUST", FW_ADV }, { "LATER", FW_ADV }, { "MANY", FW_DET }, { "MAY", FW_AUX },
    { "MIGHT", FW_AUX }, { "MOST", FW_DET }, { "MUST", FW_AUX }, { "MY", FW_DET },
    { "N'T", FW_NEG }, { "NEAR", FW_PREP }, { "NEVER", FW_NEG }, { "NO", FW_DET },
    { "NOR", FW_CONJ }, { "NOT", FW_NEG }, { "NOW", FW_ADV }, { "OF", FW_PREP },
    { "ON", FW_PREP }, { "ONCE", FW_SUB }, { "ONLY", FW_ADV }, { "ONTO", FW_PREP },
    { "OR", FW_CONJ }, { "OUR", FW_DET }, { "OVER", FW_PREP }, { "PER", FW_PREP },
    { "REPORTEDLY", FW_ADV }, { "SEVERAL", FW_DET }, { "SHALL", FW_AUX }, { "SHE", FW_PRON },
    { "SHOULD", FW_AUX }, { "SINCE", FW_SUB }, { "SOME", FW_DET }, { "STILL", FW_ADV },
    { "THAT", FW_THAT }, { "THE", FW_DET }, { "THEIR", FW_DET }, { "THESE", FW_DET },
    { "THEY", FW_PRON }, { "THIS", FW_DET }, { "THOSE", FW_DET }, { "THOUGH", FW_SUB },
    { "THROUGH", FW_PREP }, { "TO", FW_TO }, { "TOWARD", FW_PREP }, { "TOWARDS", FW_PREP },
    { "UNDER", FW_PREP }, { "UNLESS", FW_SUB }, { "UNTIL", FW_SUB }, { "UPON", FW_PREP },
    { "VIA", FW_PREP }, { "WAS", FW_BE }, { "WE", FW_PRON }, { "WERE", FW_BE },
    { "WHEN", FW_SUB }, { "WHERE", FW_SUB }, { "WHEREAS", FW_SUB }, { "WHICH", FW_REL },
    { "WHILE", FW_SUB }, { "WHO", FW_REL }, { "WHOM", FW_REL }, { "WHOSE", FW_REL },
    { "WILL", FW_AUX }, { "WITH", FW_PREP }, { "WITHIN", FW_PREP }, { "WITHOUT", FW_PREP },
    { "WO", FW_AUX }, { "WOULD", FW_AUX }, { "YET", FW_ADV },
};

/* Function words are looked up for every token: the sorted table is cut
 * by first letter, so a lookup compares a handful of entries at most. */
static uint8_t fw_class(const char *key, size_t len) {
    unsigned char c = (unsigned char)key[0];
    if (len == 0 || len > 10 || c < 'A' || c > 'Y') return FW_NONE;
    size_t n = sizeof fw_table / sizeof fw_table[0];
    /* Binary search for the first entry with this first letter. */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((unsigned char)fw_table[mid].w[0] < c) lo = mid + 1; else hi = mid;
    }
    for (size_t i = lo; i < n && (unsigned char)fw_table[i].w[0] == c; i++)
    {
        const char *w = fw_table[i].w;
        size_t j = 0;
        while (j < len && w[j] == key[j]) j++; /* stops at w's NUL: key has none inside */
        if (j == len && w[len] == '\0') return fw_table[i].cls;
    }
    return FW_NONE;
}

/* ---- doc ---- */

vg_status vg_doc_new(vg_doc **out) {
    *out = calloc(1, sizeof **out);
    if (!*out) return VG_ERR_NOMEM;
    vg_arena_init(&(*out)->arena, 16 * 1024);
    return VG_OK;
}

void vg_doc_free(vg_doc *doc) {
    if (!doc) return;
    vg_arena_free(&doc->arena);
    free(doc->events);
    free(doc->sents);
    vg_text__spanvec_free(&doc->spans);
    vg_text__tokvec_free(&doc->tok);
    free(doc->ti);
    free(doc->ph);
    free(doc->mn);
    free(doc->seen);
    free(doc->issues);
    free(doc);
}

size_t vg_doc_event_count(const vg_doc *doc) { return doc->nevents; }
const vg_event *vg_doc_event(const vg_doc *doc, size_t i) { return i < doc->nevents ? &doc->events[i] : NULL; }
size_t vg_doc_sentence_count(const vg_doc *doc) { return doc->nsents; }
size_t vg_doc_issue_count(const vg_doc *doc) { return doc->nissues; }
const char *vg_doc_issue(const vg_doc *doc, size_t i) { return i < doc->nissues ? doc->issues[i] : NULL; }
vg_span vg_doc_sentence(const vg_doc *doc, size_t i) {
    vg_span sp = { NULL, 0 };
    if (i < doc->nsents) { sp.ptr = doc->text + doc->sents[i].off; sp.len = doc->sents[i].len; }
    return sp;
}

static bool grow(void **p, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return true;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) nc += nc / 2 + 8;
    void *q = realloc(*p, nc * elem);
    if (!q) return false;
    *p = q;
    *cap = nc;
    return true;
}

/* ---- per-sentence state ---- */

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

static bool key_is(const sent *st, int i, const char *w) {
    return i >= 0 && i < st->n && !strcmp(KEY(st, i), w);
}

/* Composed code "actor+agents" in the doc arena. */
static const char *compose(sent *st, const char *pre, const char *actor, const char *suf) {
    size_t a = pre ? strlen(pre) : 0, b = actor ? strlen(actor) : 0, c = suf ? strlen(suf) : 0;
    char *p = vg_arena_alloc(&st->doc->arena, a + b + c + 1);
    if (!p) { st->oom = true; return "---"; }
    if (a) memcpy(p, pre, a);
    if (b) memcpy(p + a, actor, b);
    if (c) memcpy(p + a + b, suf, c);
    p[a + b + c] = '\0';
    return p;
}

/* ---- step 3: mentions, noun-phrase groups, compounds ---- */

static bool add_mention(sent *st, int s, int e, int kind, int32_t id) {
    vg_doc *d = st->doc;
    if (!grow((void **)&d->mn, &d->cap_mn, d->nmn + 1, sizeof *d->mn)) { st->oom = true; return false; }
    d->mn[d->nmn++] = (vg_cmention){ s, e, kind, id };
    return true;
}

static void find_mentions(sent *st) {
    const vg_dict *D = st->dict;
    vg_tokinfo *ti = st->doc->ti;
    st->doc->nmn = 0;
    for (int i = 0; i < st->n;) {
        int best_e = -1, best_kind = 0;
        int32_t best_id = -1;
        for (int root = VG_ROOT_ACTOR; root <= VG_ROOT_AGENT; root++) {
            if (!vg_dict__starts(D, root, ti[i].word)) continue;
            uint32_t node = (uint32_t)root;
            for (int j = i; j < st->n; j++) {
                node = vg_dict__child(D, node, ti[j].word);
                if (!node) break;
                const vg_dnode *nd = vg_dict__node(D, node);
                int32_t id = root == VG_ROOT_ACTOR ? nd->actor : nd->agent;
                if (id >= 0 && j + 1 > best_e) {
                    best_e = j + 1;
                    best_kind = root == VG_ROOT_ACTOR ? 0 : 1;
                    best_id = id;
                }
            }
        }
        if (best_e > i) {
            if (!add_mention(st, i, best_e, best_kind, best_id)) return;
            i = best_e;
            continue;
        }
        i++;
    }
}

/* Tokens allowed inside one noun phrase between its actor and agent
 * words: determiners, possessives, and up to 4 other plain words that are
 * not verbs ("Dagolath's first Deputy Prime Minister", "Ithilen's awful
 * and evil minister"). */
static int32_t verb_at(const sent *st, int i, int *end);

static bool np_gap_ok(const sent *st, int a, int b) {
    if (b - a > 4) return false;
    for (int k = a; k < b; k++) {
        const vg_token *t = TK(st, k);
        uint8_t fw = st->doc->ti[k].fw;
        if (t->kind == VG_TOK_POSS) continue;
        if (t->kind != VG_TOK_WORD && t->kind != VG_TOK_NUMBER) return false;
        if (fw == FW_DET) continue;
        if (fw == FW_CONJ && k > a && k + 1 < b) continue; /* "awful and evil" */
        if (fw != FW_NONE && fw != FW_ADV) return false;
        /* A verb form ends the noun phrase ("Gondor criticized students"),
         * unless a determiner or possessive makes it a noun or adjective
         * ("Gondor's armed ...", "the joint ..."). */
        int e;
        if (verb_at(st, k, &e) >= 0 && !(k > 0 && (TK(st, k - 1)->kind == VG_TOK_POSS || st->doc->ti[k - 1].fw == FW_DET)))
            return false;
    }
    return true;
}

/* A group under construction: one noun phrase. */
typedef struct group {
    int s, e;
    const char *actor;               /* resolved actor code, NULL if none */
    const char *pre[4]; int npre;    /* prefix agent codes ("NGO~") */
    const char *suf[4]; int nsuf;    /* suffix agent codes ("~GOV") */
    bool pronoun;
} group;

/* Does code (from its 4th character on, in steps of 3) already hold
 * the agent code a? "USAGOV" + "GOV" stays "USAGOV". */
static bool has_part(const char *code, const char *a) {
    size_t n = strlen(code), al = strlen(a);
    if (!al) return true;
    for (size_t i = 3; i + al <= n; i += 3)
        if (!memcmp(code + i, a, al)) return true;
    return false;
}

static void group_codes(sent *st, const group *g, vg_phrase *p) {
    char pre[64] = "", suf[64] = "";
    for (int i = 0; i < g->npre; i++) strncat(pre, g->pre[i], sizeof pre - strlen(pre) - 1);
    for (int i = 0; i < g->nsuf; i++) {
        if (g->actor && has_part(g->actor, g->suf[i])) continue;
        bool dup = false;
        for (int k = 0; k < i; k++) dup |= !strcmp(g->suf[k], g->suf[i]);
        if (dup || has_part(suf, g->suf[i]) ) continue;
        strncat(suf, g->suf[i], sizeof suf - strlen(suf) - 1);
    }
    if (!g->actor) {
        if (p->ncodes < VG_CODE_MAX_CODES) p->codes[p->ncodes++] = compose(st, "---", pre, suf);
        return;
    }
    /* "ELR/GAL": an actor that stands for several codes. */
    const char *a = g->actor;
    while (*a && p->ncodes < VG_CODE_MAX_CODES) {
        const char *sl = strchr(a, '/');
        size_t l = sl ? (size_t)(sl - a) : strlen(a);
        char one[40];
        if (l >= sizeof one) l = sizeof one - 1;
        memcpy(one, a, l);
        one[l] = '\0';
        p->codes[p->ncodes++] = compose(st, pre, one, suf);
        p->actor_codes++;
        a = sl ? sl + 1 : a + l;
    }
}

static void build_phrases(sent *st) {
    vg_doc *d = st->doc;
    const vg_dict *D = st->dict;
    int32_t date = st->rec->date;
    d->nph = 0;
    for (int k = 0; k < st->n; k++) d->ti[k].phrase = -1;
    if (!d->nmn) return;
    /* Groups. */
    group *gs = vg_arena_calloc(&d->arena, d->nmn, sizeof *gs);
    if (!gs) { st->oom = true; return; }
    int ng = 0;
    for (size_t m = 0; m < d->nmn; m++) {
        const vg_cmention *mn = &d->mn[m];
        group *g = ng ? &gs[ng - 1] : NULL;
        bool join = false;
        if (g && np_gap_ok(st, g->e, mn->s)) {
            if (mn->kind == 1) {
                const vg_dagent *ag = vg_dict__agent(D, mn->id);
                /* actor + agent, agent + agent; a prefix agent starts a phrase */
                join = ag && ag->suffix && (g->actor || g->nsuf) ;
            } else if (mn->kind == 0) {
                /* prefix agent(s) + actor: "MSF Arnor"; a title and a name:
                 * "Prime Minister Telemar", "Ithilen's minister Calimehtar" */
                join = (!g->actor && g->npre && !g->nsuf) || (g->nsuf && mn->s == g->e);
            }
        }
        if (!join) {
            g = &gs[ng++];
            memset(g, 0, sizeof *g);
            g->s = mn->s;
        }
        g->e = mn->e;
        if (mn->kind == 0) {
            if (!g->actor) g->actor = vg_dict__actor_code_on(D, mn->id, date);
            if (!g->actor) g->actor = "---";
        } else {
            const vg_dagent *ag = vg_dict__agent(D, mn->id);
            if (!ag) continue;
            if (ag->suffix) { if (g->nsuf < 4) g->suf[g->nsuf++] = ag->code; }
            else if (g->npre < 4) g->pre[g->npre++] = ag->code;
        }
    }
    /* "former security officials", "Arnor's former minister": CAMEO codes
     * former office holders as elites, ELI in place of their roles. */
    for (int g = 0; g < ng; g++) {
        bool former = false;
        for (int k = gs[g].s > 0 ? gs[g].s - 1 : 0; k < gs[g].e && !former; k++) former = key_is(st, k, "FORMER");
        if (!former || (!gs[g].nsuf && !gs[g].actor)) continue;
        gs[g].nsuf = 1;
        gs[g].suf[0] = "ELI";
    }
    /* "the government of Gondor", "soldiers from Gondor": an agent-only
     * group takes the actor of the group right after "of/in/from/at",
     * unless that actor starts a compound (handled below). */
    for (int g = 0; g + 1 < ng; g++) {
        if (gs[g].actor || !gs[g + 1].actor) continue;
        int k = gs[g].e;
        if (!(key_is(st, k, "OF") || key_is(st, k, "IN") || key_is(st, k, "FROM") || key_is(st, k, "AT"))) continue;
        k++;
        int adj = 0;
        while (k < gs[g + 1].s && (d->ti[k].fw == FW_DET ||
                                   (d->ti[k].fw == FW_NONE && TK(st, k)->kind == VG_TOK_WORD && adj++ < 3)))
            k++;
        if (k != gs[g + 1].s) continue;
        if (g + 2 < ng) {
            bool conn = gs[g + 2].s - gs[g + 1].e <= 2;
            for (int q = gs[g + 1].e; conn && q < gs[g + 2].s; q++)
                conn = TK(st, q)->kind == VG_TOK_COMMA || d->ti[q].fw == FW_CONJ || d->ti[q].fw == FW_DET;
            if (conn && gs[g + 2].s > gs[g + 1].e) continue;
        }
        gs[g].actor = gs[g + 1].actor;
        for (int q = 0; q < gs[g + 1].npre && gs[g].npre < 4; q++) gs[g].pre[gs[g].npre++] = gs[g + 1].pre[q];
        /* "exiled leaders of Egypt's Muslim ...": EGY + OPP + MUS */
        for (int q = 0; q < gs[g + 1].nsuf && gs[g].nsuf < 4; q++) gs[g].suf[gs[g].nsuf++] = gs[g + 1].suf[q];
        gs[g].e = gs[g + 1].e;
        memmove(&gs[g + 1], &gs[g + 2], (size_t)(ng - g - 2) * sizeof *gs);
        ng--;
    }
    /* Phrases: groups joined into compounds, agents bridged to actors by
     * "of/in/from/at". A phrase list is built left to right. */
    if (!grow((void **)&d->ph, &d->cap_ph, (size_t)ng + 8, sizeof *d->ph)) { st->oom = true; return; }
    int gi = 0;
    while (gi < ng) {
        /* A compound: groups separated by commas, and/or/nor, determiners
         * and plain modifiers, with at least one comma or conjunction. */
        int ge = gi + 1;
        while (ge < ng) {
            int a = gs[ge - 1].e, b = gs[ge].s;
            bool conn = false, ok = b - a <= 5 && b > a;
            for (int k = a; ok && k < b; k++) {
                const vg_token *t = TK(st, k);
                uint8_t fw = d->ti[k].fw;
                if (t->kind == VG_TOK_COMMA || fw == FW_CONJ) { conn = true; continue; }
                if (fw == FW_DET || (t->kind == VG_TOK_WORD && fw == FW_NONE && !d->ti[k].verb &&
                                     !(t->flags & VG_TOKF_CAP))) continue;
                if (key_is(st, k, "NEITHER") || key_is(st, k, "EITHER")) continue;
                ok = false;
            }
            /* "as well as" */
            if (!ok && b - a == 3 && key_is(st, a, "AS") && key_is(st, a + 1, "WELL") && key_is(st, a + 2, "AS"))
                ok = conn = true;
            if (!ok || !conn) break;
            ge++;
        }
        /* A list joined by commas alone is no compound ("Baghdad, the U.S.
         * Central Command said"): it needs "and", "or" or "nor". */
        if (ge > gi + 1) {
            bool has_conj = false;
            for (int k = gs[gi].e; k < gs[ge - 1].s; k++) has_conj |= d->ti[k].fw == FW_CONJ;
            if (!has_conj) ge = gi + 1;
        }
        vg_phrase *p = &d->ph[d->nph];
        memset(p, 0, sizeof *p);
        p->s = gs[gi].s;
        p->e = gs[ge - 1].e;
        bool agents_only = true;
        for (int k = gi; k < ge; k++) agents_only &= gs[k].actor == NULL;
        /* Bridge: agents "of/in/from/at" [the] actors → each actor with the agents. */
        int bridge_end = -1, bg = -1, bge = -1;
        if (agents_only && ge < ng) {
            int k = p->e;
            if (k < gs[ge].s && (key_is(st, k, "OF") || key_is(st, k, "IN") || key_is(st, k, "FROM") ||
                                 key_is(st, k, "AT"))) {
                k++;
                while (k < gs[ge].s && d->ti[k].fw == FW_DET) k++;
                if (k == gs[ge].s && gs[ge].actor) {
                    bg = ge;
                    bge = ge + 1;
                    while (bge < ng) {
                        int a = gs[bge - 1].e, b = gs[bge].s;
                        bool conn = false, ok = b - a <= 3 && b > a;
                        for (int q = a; ok && q < b; q++) {
                            if (TK(st, q)->kind == VG_TOK_COMMA || d->ti[q].fw == FW_CONJ) conn = true;
                            else if (d->ti[q].fw != FW_DET) ok = false;
                        }
                        if (!ok || !conn || !gs[bge].actor) break;
                        bge++;
                    }
                    bridge_end = gs[bge - 1].e;
                }
            }
        }
        if (bridge_end >= 0) {
            for (int a = bg; a < bge; a++)
                for (int k = gi; k < ge; k++) {
                    group c = gs[a];
                    for (int q = 0; q < gs[k].npre && c.npre < 4; q++) c.pre[c.npre++] = gs[k].pre[q];
                    for (int q = 0; q < gs[k].nsuf && c.nsuf < 4; q++) c.suf[c.nsuf++] = gs[k].suf[q];
                    group_codes(st, &c, p);
                }
            p->e = bridge_end;
            ge = bge;
        } else {
            for (int k = gi; k < ge; k++) {
                /* "Danish media and government": the second agent shares
                 * the actor when only "and" separates them. */
                if (k > gi && !gs[k].actor && gs[k - 1].actor && gs[k].s - gs[k - 1].e == 1 &&
                    d->ti[gs[k - 1].e].fw == FW_CONJ) {
                    /* "Danish Islamist media and government": DNKMUSGOV. */
                    group c = gs[k];
                    c.actor = gs[k - 1].actor;
                    c.npre = 0;
                    for (int q = 0; q < gs[k - 1].npre && c.npre < 4; q++) c.pre[c.npre++] = gs[k - 1].pre[q];
                    c.nsuf = 0;
                    for (int q = 0; q + 1 < gs[k - 1].nsuf && c.nsuf < 4; q++) c.suf[c.nsuf++] = gs[k - 1].suf[q];
                    for (int q = 0; q < gs[k].nsuf && c.nsuf < 4; q++) c.suf[c.nsuf++] = gs[k].suf[q];
                    gs[k] = c;
                }
                group_codes(st, &gs[k], p);
            }
        }
        if (p->s > 0) {
            uint8_t fw = d->ti[p->s - 1].fw;
            p->prep_object = fw == FW_PREP || fw == FW_BY || fw == FW_TO;
            if (fw == FW_DET && p->s > 1) {
                uint8_t fw2 = d->ti[p->s - 2].fw;
                p->prep_object = fw2 == FW_PREP || fw2 == FW_BY || fw2 == FW_TO;
            }
        }
        for (int k = p->s; k < p->e; k++) d->ti[k].phrase = (int32_t)d->nph;
        d->nph++;
        gi = ge;
        if (!grow((void **)&d->ph, &d->cap_ph, d->nph + (size_t)(ng - gi) + 8, sizeof *d->ph)) { st->oom = true; return; }
    }
}

/* "it"/"its" stand for the last actor phrase before them (or in an
 * earlier sentence of the record). */
static void add_pronouns(sent *st) {
    vg_doc *d = st->doc;
    if (st->opt && (st->opt->flags & VG_CODE_NO_PRONOUNS)) return;
    const char *last = d->last_actor, *prev = d->prev_actor;
    size_t nph0 = d->nph;
    size_t pi = 0;
    for (int k = 0; k < st->n; k++) {
        while (pi < nph0 && d->ph[pi].e <= k) {
            if (d->ph[pi].actor_codes) {
                if (!last || strcmp(last, d->ph[pi].codes[0])) prev = last;
                last = d->ph[pi].codes[0];
            }
            pi++;
        }
        if (d->ti[k].phrase >= 0 || !last) continue;
        if (!(key_is(st, k, "IT") || key_is(st, k, "ITS"))) continue;
        /* "it seems", "it is said": dummy subjects. */
        if (key_is(st, k, "IT") && k + 1 < st->n && (d->ti[k + 1].fw == FW_BE || key_is(st, k + 1, "SEEMS")))
            continue;
        if (!grow((void **)&d->ph, &d->cap_ph, d->nph + 1, sizeof *d->ph)) { st->oom = true; return; }
        vg_phrase *p = &d->ph[d->nph];
        memset(p, 0, sizeof *p);
        p->s = k;
        p->e = k + 1;
        p->codes[p->ncodes++] = last;
        /* Only the object "it" can name another actor than the subject;
         * "its embassy" names the owner of the object, not the object. */
        p->alt = key_is(st, k, "IT") ? prev : NULL;
        p->actor_codes = 1;
        p->prep_object = k > 0 && (d->ti[k - 1].fw == FW_PREP || d->ti[k - 1].fw == FW_BY);
        d->ti[k].phrase = (int32_t)d->nph++;
    }
}

/* ---- step 4: verbs ---- */

/* Longest verb form starting at i: form index or -1, *end its end. */
static int32_t verb_at(const sent *st, int i, int *end) {
    const vg_dict *D = st->dict;
    if (!vg_dict__starts(D, VG_ROOT_VERB, st->doc->ti[i].word)) return -1;
    uint32_t node = VG_ROOT_VERB;
    int32_t best = -1;
    for (int j = i; j < st->n; j++) {
        node = vg_dict__child(D, node, st->doc->ti[j].word);
        if (!node) break;
        int32_t f = vg_dict__node(D, node)->form;
        if (f >= 0) { best = f; *end = j + 1; }
    }
    return best;
}

static bool time_word(const char *k) {
    static const char *const w[] = { "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
                                     "SUNDAY", "TODAY", "YESTERDAY", "TONIGHT", "LATER", "AGAIN", "RECENTLY",
                                     "FORMALLY", "OFFICIALLY", "JOINTLY", "PUBLICLY", NULL };
    for (int i = 0; w[i]; i++) if (!strcmp(k, w[i])) return true;
    return false;
}

/* Is the word at i used as a noun or name rather than a verb? Without a
 * parser: after a determiner, possessive or preposition it is a noun; a
 * form that is not a past tense ("-ED") needs a context that licenses a
 * verb — a subject phrase, an auxiliary, "to", a conjunction, a comma, a
 * relative pronoun, an adverb or a time word — else it is taken for a
 * noun ("trade protocol", "artillery shells"). */
static bool noun_context(const sent *st, int i) {
    const vg_token *t = TK(st, i);
    if (t->kind != VG_TOK_WORD) return true;
    if (i == 0) return false;
    const vg_token *p = TK(st, i - 1);
    uint8_t fw = st->doc->ti[i - 1].fw;
    if (p->kind == VG_TOK_POSS) return true;
    if (fw == FW_DET || fw == FW_PREP || fw == FW_BY) return true;
    size_t kl = t->norm_len;
    const char *k = KEY(st, i);
    bool past = kl > 3 && k[kl - 2] == 'E' && k[kl - 1] == 'D';
    /* "an anti-Gondor parade", "a strict Islamic state": a verb's base
     * form right after a name that follows "a"/"an" is that phrase's head
     * noun (a finite verb after a singular subject would not be bare). */
    int pp = st->doc->ti[i - 1].phrase;
    if (pp >= 0 && st->doc->ph[pp].e - st->doc->ph[pp].s == 1 &&
        (TK(st, i - 1)->flags & VG_TOKF_CAP)) { /* one capitalised word: a modifier */
        int e;
        const vg_dform *f = vg_dict__form(st->dict, verb_at(st, i, &e));
        if (f && f->base) {
            int q = st->doc->ph[pp].s - 1;
            for (int skip = 0; q >= 0 && skip < 2; skip++, q--) {
                const vg_token *tq = TK(st, q);
                if (!(tq->kind == VG_TOK_PUNCT || (tq->kind == VG_TOK_WORD && st->doc->ti[q].fw == FW_NONE))) break;
            }
            if (q >= 0 && (key_is(st, q, "A") || key_is(st, q, "AN"))) return true;
        }
    }
    bool licensed = past || st->doc->ti[i - 1].phrase >= 0 || fw == FW_AUX || fw == FW_BE || fw == FW_NEG ||
                    fw == FW_TO || fw == FW_CONJ || fw == FW_REL || fw == FW_THAT || fw == FW_ADV ||
                    fw == FW_PRON || p->kind == VG_TOK_COMMA || p->kind == VG_TOK_PUNCT ||
                    time_word(KEY(st, i - 1)) ||
                    (p->norm_len > 3 && !strcmp(KEY(st, i - 1) + p->norm_len - 2, "LY"));
    if (!licensed) {
        /* Still a verb when no verb came before it in its clause
         * ("the new mayor left yesterday"). */
        for (int q = i - 1; q >= 0 && i - q <= CLAUSE; q--) {
            uint8_t f = st->doc->ti[q].fw;
            const vg_token *tq = TK(st, q);
            if (tq->kind == VG_TOK_END || f == FW_SUB || f == FW_REL || f == FW_THAT) break;
            if (st->doc->ti[q].verb == 1) return true;
        }
    }
    /* A capitalised word inside the sentence is a name ("Ban Ki-moon"),
     * unless the whole sentence is in capitals. */
    if ((t->flags & VG_TOKF_CAP) && !(t->flags & VG_TOKF_ALLCAPS) && p->kind != VG_TOK_PUNCT &&
        p->kind != VG_TOK_END)
        return true;
    return false;
}

/* Result of matching a verb's patterns. */
typedef struct vmatch {
    const char *code, *code2;
    int src, tgt;         /* phrase indexes set by $ and +, -1 */
    bool compound;        /* % */
    int s, e;             /* token extent of the match (evidence) */
    bool pattern;         /* a pattern (not the bare verb) gave the code */
    int neg_covered;      /* the pattern consumed a negation word */
} vmatch;


static bool stop_token(const sent *st, int k) {
    const vg_token *t = TK(st, k);
    if (t->kind == VG_TOK_END) return true;
    if (t->kind == VG_TOK_PUNCT) {
        const char *kk = KEY(st, k);
        return kk[0] == ';' || kk[0] == ':';
    }
    return false;
}

/* Length of a synset member starting at token k (longest), 0 if none. */
static int synset_len(const sent *st, uint32_t root, int k, int limit_end) {
    if (!root) return 0;
    uint32_t node = root;
    int best = 0;
    for (int j = k; j < limit_end; j++) {
        node = vg_dict__child(st->dict, node, st->doc->ti[j].word);
        if (!node) break;
        if (vg_dict__node(st->dict, node)->synset_end) best = j - k + 1;
    }
    return best;
}

/* Try to match one pattern element at token k exactly; returns the tokens
 * it covers (>0) or 0. For markers, *ph receives the phrase. */
static int elem_at(const sent *st, const vg_delem *e, int k, int *ph) {
    if (k < 0 || k >= st->n) return 0;
    switch (e->kind) {
    case VG_PAT_WORD: return st->doc->ti[k].word == e->id ? 1 : 0;
    case VG_PAT_SYNSET: return synset_len(st, e->id, k, st->n);
    case VG_PAT_SOURCE: case VG_PAT_TARGET: case VG_PAT_COMPOUND: {
        int p = st->doc->ti[k].phrase;
        if (p < 0 || st->doc->ph[p].s != k) return 0;
        *ph = p;
        return st->doc->ph[p].e - k;
    }
    default: return 0;
    }
}

/* Match elements [from, to) forward starting at token k. Returns the end
 * token or -1. */
static int match_forward(const sent *st, const vg_delem *el, int from, int to, int k, vmatch *m) {
    for (int i = from; i < to; i++) {
        const vg_delem *e = &el[i];
        if (e->kind == VG_PAT_SKIP) {
            /* "^" skips a noun phrase: first try skipping the next actor
             * phrase, then skipping nothing (words may intervene anyway).
             * At most two tries per "^", so the search stays bounded. */
            for (int q = k; q <= k + GAP && q < st->n; q++) {
                int p = st->doc->ti[q].phrase;
                if (p >= 0 && st->doc->ph[p].s == q) {
                    vmatch t = *m;
                    int r = match_forward(st, el, i + 1, to, st->doc->ph[p].e, &t);
                    if (r >= 0) { *m = t; return r; }
                    break;
                }
                if (stop_token(st, q)) break;
            }
            continue;
        }
        int limit = e->adjacent ? k : k + GAP;
        int found = -1, len = 0, ph = -1;
        for (int q = k; q <= limit && q < st->n; q++) {
            len = elem_at(st, e, q, &ph);
            if (len) { found = q; break; }
            if (stop_token(st, q)) break;
        }
        if (found < 0) return -1;
        if (e->kind == VG_PAT_SOURCE) m->src = ph;
        else if (e->kind == VG_PAT_TARGET) m->tgt = ph;
        else if (e->kind == VG_PAT_COMPOUND) m->tgt = ph; /* "* WITH %": the compound is the target */
        k = found + len;
    }
    return k;
}

/* Match elements [from, to) backward, the last one ending at or before
 * token k (exclusive end). Returns the start token or -1. */
static int match_backward(const sent *st, const vg_delem *el, int from, int to, int k, bool adj_last,
                          vmatch *m) {
    /* el[to] (the verb, or the element after) tells whether el[to-1] must
     * touch it: adjacency is stored on the later element. */
    for (int i = to - 1; i >= from; i--) {
        const vg_delem *e = &el[i];
        bool adjacent = (i == to - 1) ? adj_last : el[i + 1].adjacent;
        if (e->kind == VG_PAT_SKIP) continue;
        int found = -1, ph = -1;
        /* A synset member or phrase may span several tokens: an adjacent
         * element must end at k but may start a few tokens earlier. */
        int lo = adjacent ? k - 6 : k - 1 - GAP - 6;
        if (lo < 0) lo = 0;
        for (int q = k - 1; q >= lo; q--) {
            int len = elem_at(st, e, q, &ph);
            /* The element must end exactly where the search left off when
             * adjacent, else anywhere before it. */
            if (len && (q + len == k || (!adjacent && q + len <= k && k - (q + len) <= GAP))) { found = q; break; }
            if (stop_token(st, q)) break;
        }
        if (found < 0 && (e->kind == VG_PAT_SOURCE || e->kind == VG_PAT_TARGET || e->kind == VG_PAT_COMPOUND)) {
            /* A phrase ending right before k (or within the gap). */
            for (int q = k - 1; q >= lo && found < 0; q--) {
                int p = st->doc->ti[q].phrase;
                if (p >= 0 && (q + 1 == k || !adjacent)) { found = st->doc->ph[p].s; ph = p; }
            }
        }
        if (found < 0) return -1;
        if (e->kind == VG_PAT_SOURCE) m->src = ph;
        else if (e->kind == VG_PAT_TARGET) m->tgt = ph;
        else if (e->kind == VG_PAT_COMPOUND) { m->src = ph; m->compound = true; }
        k = found;
    }
    return k;
}

static bool is_none(const char *c) { return !c || !strcmp(c, "---"); }

static void code_verb(const sent *st, int32_t form, int vs, int ve, vmatch *m) {
    const vg_dict *D = st->dict;
    const vg_dform *f = vg_dict__form(D, form);
    const vg_dblock *bl = vg_dict__block(D, f->block);
    memset(m, 0, sizeof *m);
    m->src = m->tgt = -1;
    m->s = vs;
    m->e = ve;
    for (uint32_t pi = 0; pi < bl->npat; pi++) {
        const vg_dpattern *p = vg_dict__pattern(D, bl->first_pat + pi);
        const vg_delem *el = vg_dict__elems(D, p);
        bool absent = false;
        for (uint32_t k = 0; k < p->n && !absent; k++)
            absent = el[k].kind == VG_PAT_WORD && !bloom_has(st, el[k].id);
        if (absent) continue;
        vmatch t = *m;
        t.src = t.tgt = -1;
        t.compound = false;
        int e = match_forward(st, el, (int)p->verb + 1, (int)p->n, ve, &t);
        if (e < 0) continue;
        int s = match_backward(st, el, 0, (int)p->verb, vs, el[p->verb].adjacent, &t);
        if (s < 0) continue;
        if (!strcmp(p->code, "+++")) continue; /* a pattern that only blocks nothing */
        /* A paired code on a pattern gives the reverse event only when
         * both halves are equal ("[046:046]": talks are mutual); "[042:043]"
         * codes the visit, as PETRARCH's Phoenix output does. */
        t.code = p->code;
        t.code2 = p->code2 && !strcmp(p->code, p->code2) ? p->code2 : NULL;
        t.s = s;
        t.e = e;
        t.pattern = true;
        for (int k = s; k < vs; k++) if (st->doc->ti[k].fw == FW_NEG) t.neg_covered = 1;
        *m = t;
        return;
    }
    m->code = f->code ? f->code : bl->code;
    /* The same for a verb's own paired code; a block's applies in full. */
    m->code2 = f->code ? (f->code2 && !strcmp(f->code, f->code2) ? f->code2 : NULL) : bl->code2;
}

/* Source: the phrase before the verb in its clause. Returns the phrase, or
 * -1; *hit_verb is set when the search ran into an earlier verb. */
static int find_source(const sent *st, int vs, bool *hit_verb) {
    const vg_doc *d = st->doc;
    *hit_verb = false;
    for (int k = vs - 1; k >= 0 && vs - k <= 40; k--) {
        int p = d->ti[k].phrase;
        if (p >= 0) {
            const vg_phrase *ph = &d->ph[p];
            /* "the statement by the French presidency comes": an object of
             * a preposition is not the subject. */
            if (!ph->prep_object) return p;
            k = ph->s;
            continue;
        }
        const vg_token *t = TK(st, k);
        uint8_t fw = d->ti[k].fw;
        if (t->kind == VG_TOK_END || stop_token(st, k)) break;
        if (fw == FW_SUB || fw == FW_THAT) break;
        /* "he said": a subject we cannot resolve; not the phrase before it. */
        if (fw == FW_PRON) break;
        if (fw == FW_REL) {
            /* "X, who attacked": the phrase right before "who". */
            int q = k - 1;
            while (q >= 0 && TK(st, q)->kind == VG_TOK_COMMA) q--;
            if (q >= 0 && d->ti[q].phrase >= 0) return d->ti[q].phrase;
            break;
        }
        if (d->ti[k].verb == 1) { *hit_verb = true; break; }
    }
    return -1;
}

/* Target: the first phrase after the verb in its clause, other than the
 * source. */
static bool same_codes(const vg_phrase *a, const vg_phrase *b) {
    for (int i = 0; i < a->ncodes; i++) {
        bool f = false;
        for (int j = 0; j < b->ncodes; j++) f |= !strcmp(a->codes[i], b->codes[j]);
        if (!f) return false;
    }
    return true;
}

/* Is phrase p the subject of a verb right after it ("..., a senior
 * official said")? */
static bool subject_of_next_verb(const sent *st, int p) {
    const vg_doc *d = st->doc;
    int q = d->ph[p].e;
    while (q < st->n && (d->ti[q].fw == FW_ADV || d->ti[q].fw == FW_AUX || d->ti[q].fw == FW_NEG)) q++;
    return q < st->n && d->ti[q].verb == 1;
}

static int find_target(const sent *st, int from, int src) {
    vg_doc *d = st->doc;
    bool comma = false;
    for (int k = from; k < st->n && k - from <= CLAUSE; k++) {
        int p = d->ti[k].phrase;
        if (p >= 0 && comma && subject_of_next_verb(st, p)) return -1;
        if (p >= 0 && p != src && !(src >= 0 && same_codes(&d->ph[p], &d->ph[src]))) return p;
        /* "Venezuela condemned it": "it" is not Venezuela but the actor
         * named before it. */
        if (p >= 0 && p != src && src >= 0 && d->ph[p].alt && d->ph[p].ncodes == 1) {
            d->ph[p].codes[0] = d->ph[p].alt;
            d->ph[p].alt = NULL;
            if (!same_codes(&d->ph[p], &d->ph[src])) return p;
        }
        if (TK(st, k)->kind == VG_TOK_COMMA) comma = true;
        if (p >= 0) { k = d->ph[p].e - 1; continue; }
        const vg_token *t = TK(st, k);
        uint8_t fw = d->ti[k].fw;
        if (t->kind == VG_TOK_END || stop_token(st, k)) break;
        if (fw == FW_SUB || fw == FW_REL) break;
        if (t->kind == VG_TOK_COMMA && k + 1 < st->n && d->ti[k + 1].verb) break;
        /* A finite verb starts another clause; "to stop" does not. */
        if (d->ti[k].verb == 1 && k > from && !(k > 0 && d->ti[k - 1].fw == FW_TO)) break;
    }
    return -1;
}

static void span_of(const sent *st, int s, int e, vg_span *out) {
    if (s < 0 || e <= s) { out->ptr = st->s; out->len = 0; return; }
    const vg_token *a = TK(st, s), *b = TK(st, e - 1);
    out->ptr = st->s + a->off;
    out->len = (size_t)(b->off + b->len - a->off);
}

static uint64_t event_hash(const char *src, const char *tgt, const char *code) {
    return vg_hash(src, strlen(src)) ^ (vg_hash(tgt, strlen(tgt)) * 31) ^ (vg_hash(code, strlen(code)) * 131);
}

/* (Re)build the one-per-story hash of the doc's events with cap slots. */
static bool rebuild_seen(vg_doc *d, size_t cap) {
    if (cap != d->seen_cap) {
        uint32_t *t = calloc(cap, sizeof *t);
        if (!t) return false;
        free(d->seen);
        d->seen = t;
        d->seen_cap = cap;
    } else {
        memset(d->seen, 0, cap * sizeof *d->seen);
    }
    for (size_t i = 0; i < d->nevents; i++) {
        const vg_event *e = &d->events[i];
        size_t j = event_hash(e->source, e->target, e->code) & (cap - 1);
        while (d->seen[j]) j = (j + 1) & (cap - 1);
        d->seen[j] = (uint32_t)i + 1;
    }
    return true;
}

/* The country of a code: its first three letters when they are not an
 * actor type (IGO, GOV, REB ...). NULL when it has none. */
static bool country_of(const char *code, char out[4]) {
    if (!code || strlen(code) < 3) return false;
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z') return false;
    if (vg_actor_type_find(code, 3)) return false;
    memcpy(out, code, 3);
    out[3] = '\0';
    return true;
}

/* The sentence's country: that of its first actor phrase that has one. */
static bool sentence_country(const sent *st, char out[4]) {
    const vg_doc *d = st->doc;
    for (size_t p = 0; p < d->nph; p++)
        for (int c = 0; c < d->ph[p].ncodes; c++)
            if (d->ph[p].actor_codes && country_of(d->ph[p].codes[c], out)) return true;
    return false;
}

/* VG_DICTF_AGENT_COUNTRY: "---GOV" facing "VENMIL" becomes "VENGOV". */
static const char *with_country(sent *st, const char *code, const char *other) {
    if (strncmp(code, "---", 3) || !code[3]) return code;
    char c[4];
    if (!country_of(other, c) && !sentence_country(st, c)) return code;
    return compose(st, c, code + 3, NULL);
}

static void emit(sent *st, const char *src, const char *tgt, const char *code, int sp, int tp, int vs, int ve) {
    if (is_none(code) || !src || !tgt) return;
    if (vg_dict__flags(st->dict) & VG_DICTF_AGENT_COUNTRY) {
        const char *s2 = with_country(st, src, tgt);
        tgt = with_country(st, tgt, src);
        src = s2;
    }
    /* An actor known but without a code on this date names no party. */
    if (!strcmp(src, "---") || !strcmp(tgt, "---")) return;
    if (!strcmp(src, tgt)) return;
    vg_doc *d = st->doc;
    bool dedupe = !(st->opt && (st->opt->flags & VG_CODE_ALL_EVENTS));
    size_t slot = 0;
    if (dedupe) {
        /* One per story: a hash of (source, target, code) over the record's
         * events (rebuilt when it fills; events may also be dropped by the
         * transformations, so a hit is always checked against the event). */
        if ((d->nevents + 1) * 2 > d->seen_cap && !rebuild_seen(d, d->seen_cap ? d->seen_cap * 2 : 64)) {
            st->oom = true;
            return;
        }
        uint64_t h = event_hash(src, tgt, code);
        slot = h & (d->seen_cap - 1);
        while (d->seen[slot]) {
            uint32_t idx = d->seen[slot] - 1;
            if (idx < d->nevents) {
                const vg_event *e = &d->events[idx];
                if (!strcmp(e->source, src) && !strcmp(e->target, tgt) && !strcmp(e->code, code)) return;
            }
            slot = (slot + 1) & (d->seen_cap - 1);
        }
    }
    if (!grow((void **)&d->events, &d->cap_events, d->nevents + 1, sizeof *d->events)) { st->oom = true; return; }
    if (dedupe) d->seen[slot] = (uint32_t)d->nevents + 1;
    vg_event *e = &d->events[d->nevents++];
    memset(e, 0, sizeof *e);
    e->sentence = st->idx;
    e->date = st->rec->date;
    e->source = src;
    e->target = tgt;
    snprintf(e->code, sizeof e->code, "%s", code);
    const vg_cameo *c = vg_cameo_find(e->code, strlen(e->code));
    if (c) {
        e->root = c->root;
        e->quad = c->quad;
        e->goldstein = c->goldstein;
    } else {
        /* Codes outside the CAMEO table (test dictionaries use made-up
         * ones): the root from the first two digits, no quad or weight. */
        int r = 0;
        if (e->code[0] >= '0' && e->code[0] <= '9' && e->code[1] >= '0' && e->code[1] <= '9')
            r = (e->code[0] - '0') * 10 + (e->code[1] - '0');
        e->root = r;
        e->quad = r >= 1 && r <= 20 ? vg_quad_of_root(r) : 0;
        if (!c) e->quad = 0;
        e->goldstein = 0;
    }
    e->sentence_text.ptr = st->s;
    e->sentence_text.len = 0; /* filled by the caller */
    span_of(st, sp >= 0 ? d->ph[sp].s : -1, sp >= 0 ? d->ph[sp].e : -1, &e->source_text);
    span_of(st, tp >= 0 ? d->ph[tp].s : -1, tp >= 0 ? d->ph[tp].e : -1, &e->target_text);
    span_of(st, vs, ve, &e->verb_text);
}

static bool passive_before(const sent *st, int vs) {
    for (int k = vs - 1; k >= 0 && vs - k <= 3; k--) {
        uint8_t fw = st->doc->ti[k].fw;
        if (fw == FW_BE) return true;
        if (fw != FW_ADV && fw != FW_NEG && !(TK(st, k)->kind == VG_TOK_WORD && fw == FW_NONE &&
                                              strlen(KEY(st, k)) > 3 &&
                                              !strcmp(KEY(st, k) + strlen(KEY(st, k)) - 2, "LY")))
            return false;
    }
    return false;
}

/* "by X" within a few tokens after the verb: the agent of a passive. */
static int by_phrase(const sent *st, int ve) {
    for (int k = ve; k < st->n && k - ve <= 3; k++) {
        if (st->doc->ti[k].fw == FW_BY) {
            int q = k + 1;
            while (q < st->n && st->doc->ti[q].fw == FW_DET) q++;
            if (q < st->n && st->doc->ti[q].phrase >= 0) return st->doc->ti[q].phrase;
            return -1;
        }
        if (st->doc->ti[k].phrase >= 0 || TK(st, k)->kind == VG_TOK_END) return -1;
    }
    return -1;
}

static bool negated(const sent *st, int vs) {
    for (int k = vs - 1; k >= 0 && vs - k <= 3; k--) {
        uint8_t fw = st->doc->ti[k].fw;
        if (fw == FW_NEG) return true;
        if (fw != FW_AUX && fw != FW_ADV && fw != FW_BE) return false;
    }
    return false;
}

/* Verb classes of the PETRARCH transformations ("~ a (b . ATTACK) SAY =
 * a b 112" at the end of the CAMEO verb dictionary): reporting, wanting and
 * attempting verbs change what a nested attack means. */
enum { VC_NONE, VC_SAY, VC_WANT, VC_ATTEMPT };

static int verb_class(const char *k) {
    static const struct { const char *w; int c; } t[] = {
        { "SAY", VC_SAY }, { "SAYS", VC_SAY }, { "SAID", VC_SAY }, { "CLAIM", VC_SAY }, { "CLAIMS", VC_SAY },
        { "CLAIMED", VC_SAY }, { "WANT", VC_WANT }, { "WANTS", VC_WANT }, { "WANTED", VC_WANT },
        { "ATTEMPT", VC_ATTEMPT }, { "ATTEMPTS", VC_ATTEMPT }, { "ATTEMPTED", VC_ATTEMPT },
        { "TRY", VC_ATTEMPT }, { "TRIES", VC_ATTEMPT }, { "TRIED", VC_ATTEMPT },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (!strcmp(k, t[i].w)) return t[i].c;
    return VC_NONE;
}

/* An attack: CAMEO roots 18 (assault), 19 (fight), 20 (mass violence). */
static bool is_attack(const char *code) {
    return code && code[0] == '1' && (code[1] == '8' || code[1] == '9') ? true
           : code && code[0] == '2' && code[1] == '0';
}

/* Drop events [from, from+n) of the doc. */
static void drop_events(vg_doc *d, size_t from, size_t n) {
    if (!n || from + n > d->nevents) return;
    memmove(&d->events[from], &d->events[from + n], (d->nevents - from - n) * sizeof *d->events);
    d->nevents -= n;
    if (d->seen_cap) rebuild_seen(d, d->seen_cap); /* same size: cannot fail */
}

static void code_verbs(sent *st) {
    vg_doc *d = st->doc;
    int last_src = -1, last_verb_end = -1;
    bool last_coded = false;
    /* The previous verb, for the transformations. */
    int prev_class = VC_NONE, prev_src = -1, prev_end = -1;
    size_t prev_ev = 0, prev_nev = 0;
    const char *override = NULL; /* code replacing the next verb's, from "want to"/"try to" */
    for (int i = 0; i < st->n; i++) d->ti[i].verb = 0;
    /* Mark verb candidates first: sources and targets stop at them. */
    for (int i = 0; i < st->n; i++) {
        if (d->ti[i].phrase >= 0 || d->ti[i].fw == FW_AUX || d->ti[i].fw == FW_BE) continue;
        int end;
        if (verb_at(st, i, &end) >= 0 && !noun_context(st, i)) d->ti[i].verb = 1;
        /* (noun_context reads the marks of earlier tokens: one pass.) */
    }
    /* "Syrian forces clash", "rebels attack": an -S form right before a
     * bare verb form is a plural noun, the subject of that verb. */
    for (int i = 0; i + 1 < st->n; i++) {
        int e2;
        if (d->ti[i].verb != 1 || d->ti[i + 1].phrase >= 0 || d->ti[i + 1].fw != FW_NONE ||
            verb_at(st, i + 1, &e2) < 0 || (TK(st, i + 1)->flags & VG_TOKF_CAP))
            continue;
        const char *k = KEY(st, i), *k2 = KEY(st, i + 1);
        size_t kl = TK(st, i)->norm_len, kl2 = TK(st, i + 1)->norm_len;
        bool plural = kl > 3 && k[kl - 1] == 'S' && k[kl - 2] != 'S';
        bool bare = kl2 > 2 && k2[kl2 - 1] != 'S' && !(k2[kl2 - 2] == 'E' && k2[kl2 - 1] == 'D') &&
                    !(kl2 > 4 && !strcmp(k2 + kl2 - 3, "ING"));
        if (plural && bare) { d->ti[i].verb = 0; d->ti[i + 1].verb = 1; }
    }
    /* A past form after a finite verb of the same clause, with no
     * auxiliary or conjunction before it, is a participle ("released the
     * mayor, a member jailed a year ago"). */
    for (int i = 0; i < st->n; i++) {
        if (d->ti[i].verb != 1) continue;
        const vg_token *t = TK(st, i);
        const char *k = KEY(st, i);
        size_t kl = t->norm_len;
        if (!(kl > 3 && k[kl - 2] == 'E' && k[kl - 1] == 'D')) continue;
        uint8_t pf = i > 0 ? d->ti[i - 1].fw : FW_NONE;
        if (pf == FW_AUX || pf == FW_BE || pf == FW_CONJ || pf == FW_TO || pf == FW_ADV || pf == FW_NEG) continue;
        /* "said (that) it attacked": a subject right after a verb or "that"
         * opens a clause of its own, whose verb is finite. */
        if (i > 0) {
            int ps = d->ti[i - 1].phrase >= 0 ? d->ph[d->ti[i - 1].phrase].s : (pf == FW_PRON ? i - 1 : -1);
            if (ps > 0 && (d->ti[ps - 1].verb == 1 || d->ti[ps - 1].fw == FW_THAT)) continue;
        }
        for (int q = i - 1; q >= 0 && i - q <= CLAUSE; q--) {
            uint8_t f = d->ti[q].fw;
            const vg_token *tq = TK(st, q);
            if (tq->kind == VG_TOK_END || f == FW_SUB || f == FW_REL || f == FW_THAT || f == FW_CONJ ||
                stop_token(st, q))
                break;
            if (d->ti[q].verb == 1) { d->ti[i].verb = 2; break; }
        }
    }
    /* A reduced relative: "the civilians imprisoned for ... were released":
     * an -ED form right after a noun phrase, when the clause goes on to an
     * auxiliary and a verb of its own, modifies that phrase. */
    for (int i = 1; i < st->n; i++) {
        if (d->ti[i].verb != 1 || d->ti[i - 1].phrase < 0) continue;
        const char *k = KEY(st, i);
        size_t kl = TK(st, i)->norm_len;
        if (!(kl > 3 && k[kl - 2] == 'E' && k[kl - 1] == 'D')) continue;
        for (int q = i + 1; q + 1 < st->n && q - i <= CLAUSE; q++) {
            uint8_t f = d->ti[q].fw;
            if (TK(st, q)->kind == VG_TOK_END || f == FW_SUB || f == FW_REL || f == FW_CONJ || f == FW_THAT ||
                stop_token(st, q) || d->ti[q].verb == 1)
                break;
            if ((f == FW_BE || f == FW_AUX) && d->ti[q - 1].fw != FW_TO) {
                int r = q + 1;
                while (r < st->n && (d->ti[r].fw == FW_ADV || d->ti[r].fw == FW_NEG || d->ti[r].fw == FW_BE)) r++;
                if (r < st->n && d->ti[r].verb == 1) d->ti[i].verb = 2;
                break;
            }
        }
    }
    /* Participles that open a modifying clause (", killing eight people",
     * "a member jailed over a year ago") are not events of their own: an
     * -ING form needs a form of "be" before it; an -ED form right after a
     * comma or an object noun phrase with no auxiliary is a participle. */
    for (int i = 0; i < st->n; i++) {
        if (!d->ti[i].verb) continue;
        const vg_token *t = TK(st, i);
        const char *k = KEY(st, i);
        size_t kl = t->norm_len;
        if (kl > 4 && !strcmp(k + kl - 3, "ING")) {
            int q = i - 1;
            while (q >= 0 && (d->ti[q].fw == FW_ADV || d->ti[q].fw == FW_NEG)) q--;
            if (!(q >= 0 && (d->ti[q].fw == FW_BE || d->ti[q].fw == FW_AUX))) d->ti[i].verb = 2;
        }
    }
    for (int i = 0; i < st->n; i++) {
        if (d->ti[i].verb != 1) continue;
        int ve = i + 1;
        int32_t form = verb_at(st, i, &ve);
        if (form < 0) continue;
        vmatch m;
        code_verb(st, form, i, ve, &m);
        int vend = ve;
        /* "prepared to attend", "pledged to expel": the second verb is the
         * event, with the first one's subject — unless a pattern of the
         * first verb reaches past the "to". */
        {
            int q = ve;
            while (q < st->n && d->ti[q].fw == FW_ADV) q++;
            if (q + 1 < st->n && d->ti[q].fw == FW_TO && (!m.pattern || m.e <= q)) {
                int r2 = q + 1;
                while (r2 < st->n && d->ti[r2].fw == FW_ADV) r2++;
                if (r2 < st->n && d->ti[r2].verb == 1) {
                    bool hv;
                    int s0 = m.src >= 0 ? m.src : find_source(st, i, &hv);
                    if (s0 >= 0) last_src = s0;
                    /* "~ a (_ b ATTACK) WANT = a b 138", "... ATTEMPT = a b 185" */
                    int vc = verb_class(KEY(st, i));
                    int e2 = r2 + 1;
                    int32_t f2 = verb_at(st, r2, &e2);
                    override = NULL;
                    if (f2 >= 0 && vc != VC_NONE) {
                        vmatch m2;
                        code_verb(st, f2, r2, e2, &m2);
                        if (vc == VC_WANT && is_attack(m2.code)) override = "138";
                        else if (vc == VC_ATTEMPT && m2.code && !strncmp(m2.code, "186", 3)) override = "185";
                    }
                    last_coded = false;
                    last_verb_end = ve;
                    i = ve - 1;
                    continue;
                }
            }
        }
        if (override) { m.code = override; m.code2 = NULL; override = NULL; }
        int vclass = verb_class(KEY(st, i));
        bool want_obj = false;
        if (vclass == VC_WANT) {
            /* "~ a (b . ATTACK) WANT = a b 021": "Obama wants Putin to attack ..." */
            int q = ve;
            int p = q < st->n ? d->ti[q].phrase : -1;
            if (p >= 0) {
                q = d->ph[p].e;
                if (q + 1 < st->n && d->ti[q].fw == FW_TO && d->ti[q + 1].verb == 1) {
                    int e2 = q + 2;
                    int32_t f2 = verb_at(st, q + 1, &e2);
                    vmatch m2;
                    if (f2 >= 0) {
                        code_verb(st, f2, q + 1, e2, &m2);
                        if (is_attack(m2.code)) { m.code = "021"; m.code2 = NULL; want_obj = true; }
                    }
                }
            }
        }
        if (is_none(m.code) && is_none(m.code2) && vclass != VC_SAY) { i = ve - 1; last_verb_end = ve; continue; }
        if (!m.pattern && negated(st, i)) { i = ve - 1; last_verb_end = ve; continue; }
        bool hit_verb = false;
        int src = m.src, tgt = m.tgt;
        if (src < 0 && last_src >= 0 && last_verb_end >= 0) {
            /* "X condemned ... and promised ...": the verbs share X. */
            int q = i - 1;
            while (q >= last_verb_end && (d->ti[q].fw == FW_ADV || d->ti[q].fw == FW_AUX || d->ti[q].fw == FW_NEG ||
                                          d->ti[q].fw == FW_BE))
                q--;
            if (q >= last_verb_end && d->ti[q].fw == FW_CONJ) src = last_src;
            if (q >= last_verb_end && d->ti[q].fw == FW_TO) {
                /* "abandoned efforts to stop": the first verb says it all;
                 * "try to clash": the second verb is the event. */
                if (last_coded) { i = ve - 1; last_verb_end = ve; continue; }
                src = last_src;
            }
        }
        if (src < 0) {
            /* When a pattern before the verb holds nothing but its own
             * words and markers ("NOTED + *"), the subject is before it. */
            int from = i;
            if (m.pattern && m.s < i) {
                bool only_markers = true;
                for (int k = m.s; k < i && only_markers; k++) {
                    int p = d->ti[k].phrase;
                    if (p >= 0 && p != m.tgt && p != m.src) only_markers = false;
                }
                if (only_markers) from = m.s;
            }
            src = find_source(st, from, &hit_verb);
            if (src < 0 && hit_verb && last_src >= 0 && last_verb_end >= 0) {
                /* "X condemned ... and promised ...": the verbs share X. */
                bool conj = false;
                for (int k = i - 1; k >= last_verb_end && k >= i - 2; k--)
                    if (d->ti[k].fw == FW_CONJ) conj = true;
                for (int k = last_verb_end; k < i && !conj; k++)
                    if (d->ti[k].fw == FW_CONJ && k + 1 < st->n) {
                        /* "and" directly before the verb (after adverbs/aux) */
                        int q = k + 1;
                        while (q < i && (d->ti[q].fw == FW_ADV || d->ti[q].fw == FW_AUX)) q++;
                        if (q == i) conj = true;
                    }
                if (conj) src = last_src;
            }
        }
        if (tgt < 0) {
            int from = m.e > vend ? m.e : vend;
            if (m.pattern) {
                /* A phrase consumed inside the pattern still counts. */
                for (int k = vend; k < m.e; k++)
                    if (d->ti[k].phrase >= 0 && d->ti[k].phrase != src) { tgt = d->ti[k].phrase; break; }
            }
            if (tgt < 0) tgt = find_target(st, m.pattern ? vend : from, src);
        }
        /* Passive: "X was criticized by Y" → Y did it to X (also when a
         * pattern placed Y after its "by"). */
        if (m.src < 0 && passive_before(st, i)) {
            int by = by_phrase(st, vend);
            if (by < 0 && m.tgt >= 0)
                for (int k = d->ph[m.tgt].s - 1; k >= 0 && k >= d->ph[m.tgt].s - 3; k--)
                    if (d->ti[k].fw == FW_BY) { by = m.tgt; break; }
            if (by >= 0 && (m.tgt < 0 || m.tgt == by)) { tgt = src; src = by; }
        }
        if (src >= 0) last_src = src;
        last_verb_end = ve;
        size_t nev0 = d->nevents;
        last_coded = false;
        /* "~ a (b . ATTACK) SAY = a b 112": "X said that Y attacked ..." is
         * X accusing Y; "X said X did Q to Z" is just the deed. */
        if (prev_class == VC_SAY && prev_src >= 0 && src >= 0 && src != prev_src && is_attack(m.code) &&
            d->ph[src].s >= prev_end && d->ph[src].s - prev_end <= 2) {
            bool link = true;
            for (int k = prev_end; k < d->ph[src].s; k++)
                link &= d->ti[k].fw == FW_THAT || d->ti[k].fw == FW_ADV;
            if (link) {
                const vg_phrase *A = &d->ph[prev_src], *B = &d->ph[src];
                drop_events(d, prev_ev, prev_nev);
                nev0 = d->nevents;
                if (same_codes(A, B)) {
                    prev_class = VC_NONE; /* the deed itself is coded below */
                } else {
                    for (int a = 0; a < A->ncodes; a++)
                        for (int b = 0; b < B->ncodes; b++)
                            emit(st, A->codes[a], B->codes[b], "112", prev_src, src, i, ve);
                    prev_class = VC_NONE;
                    last_coded = true;
                    i = ve - 1;
                    continue;
                }
            }
        }
        prev_class = vclass;
        prev_src = src;
        prev_end = ve;
        prev_ev = nev0;
        prev_nev = 0;
        if (is_none(m.code) && is_none(m.code2)) { i = ve - 1; continue; }
        if (src < 0) { i = ve - 1; continue; }
        if (want_obj) {
            /* The wanted actor is the target; its own verb is not coded. */
            int p = d->ti[ve].phrase;
            tgt = p;
            const vg_phrase *S2 = &d->ph[src], *T2 = &d->ph[p];
            for (int a = 0; a < S2->ncodes; a++)
                for (int b = 0; b < T2->ncodes; b++) emit(st, S2->codes[a], T2->codes[b], m.code, src, p, i, ve);
            prev_nev = d->nevents - nev0;
            last_coded = true;
            i = d->ph[p].e + 1; /* past "to" */
            int e2 = i + 1;
            if (verb_at(st, i, &e2) >= 0) i = e2 - 1;
            continue;
        }
        const vg_phrase *S = &d->ph[src];
        int vs_e = m.s < i ? m.s : i, ve_e = m.e > ve ? m.e : ve;
        if (tgt < 0 || m.compound) {
            /* A compound with no other party: each member with each other. */
            if (S->ncodes >= 2) {
                for (int a = 0; a < S->ncodes; a++)
                    for (int b = 0; b < S->ncodes; b++)
                        if (a != b) emit(st, S->codes[a], S->codes[b], m.code, src, src, vs_e, ve_e);
            }
            last_coded = d->nevents > nev0;
            prev_nev = d->nevents - nev0;
            i = ve - 1;
            continue;
        }
        const vg_phrase *T = &d->ph[tgt];
        for (int a = 0; a < S->ncodes; a++)
            for (int b = 0; b < T->ncodes; b++) {
                emit(st, S->codes[a], T->codes[b], m.code, src, tgt, vs_e, ve_e);
                if (!is_none(m.code2)) emit(st, T->codes[b], S->codes[a], m.code2, tgt, src, vs_e, ve_e);
            }
        last_coded = d->nevents > nev0 || !is_none(m.code);
        prev_nev = d->nevents - nev0;
        i = ve - 1;
    }
}

/* ---- sentences ---- */

static vg_status code_sentence(sent *st) {
    vg_doc *d = st->doc;
    size_t len = d->sents[st->idx].len;
    vg_status rc = vg_text__tokenize(&d->tok, st->s, len);
    if (rc) return rc;
    if (d->tok.n > INT32_MAX / 2) return VG_ERR_LIMIT;
    st->n = (int)d->tok.n;
    if (!grow((void **)&d->ti, &d->cap_ti, d->tok.n + 1, sizeof *d->ti)) return VG_ERR_NOMEM;
    memset(st->bloom, 0, sizeof st->bloom);
    for (int i = 0; i < st->n; i++) {
        const vg_token *t = TK(st, i);
        d->ti[i].word = vg_dict__word(st->dict, KEY(st, i), t->norm_len);
        bloom_add(st, d->ti[i].word);
        d->ti[i].fw = t->kind == VG_TOK_WORD ? fw_class(KEY(st, i), t->norm_len) : FW_NONE;
        d->ti[i].phrase = -1;
        d->ti[i].verb = 0;
    }
    /* Discards. */
    for (int i = 0; i < st->n; i++) {
        if (!vg_dict__starts(st->dict, VG_ROOT_DISCARD, d->ti[i].word)) continue;
        uint32_t node = VG_ROOT_DISCARD;
        for (int j = i; j < st->n; j++) {
            node = vg_dict__child(st->dict, node, d->ti[j].word);
            if (!node) break;
            uint8_t dc = vg_dict__node(st->dict, node)->discard;
            if (dc == 2) { d->story_discard = true; return VG_OK; }
            if (dc == 1) return VG_OK;
        }
    }
    /* Issues: longest issue phrase at each token; each code once. */
    for (int i = 0; i < st->n; i++) {
        if (!vg_dict__starts(st->dict, VG_ROOT_ISSUE, d->ti[i].word)) continue;
        uint32_t node = VG_ROOT_ISSUE;
        int32_t best = -1;
        int best_end = i;
        for (int j = i; j < st->n && j - i < 16; j++) {
            node = vg_dict__child(st->dict, node, d->ti[j].word);
            if (!node) break;
            int32_t is = vg_dict__node(st->dict, node)->issue;
            if (is >= 0) { best = is; best_end = j + 1; }
        }
        if (best < 0) continue;
        const char *c = vg_dict__issue_code(st->dict, best);
        bool have = false;
        for (size_t k = 0; k < d->nissues && !have; k++) have = d->issues[k] == c || !strcmp(d->issues[k], c);
        if (!have) {
            if (!grow((void **)&d->issues, &d->cap_issues, d->nissues + 1, sizeof *d->issues)) return VG_ERR_NOMEM;
            d->issues[d->nissues++] = c;
        }
        i = best_end - 1;
    }
    find_mentions(st);
    if (st->oom) return VG_ERR_NOMEM;
    build_phrases(st);
    if (st->oom) return VG_ERR_NOMEM;
    add_pronouns(st);
    size_t ev0 = d->nevents;
    code_verbs(st);
    if (st->oom) return VG_ERR_NOMEM;
    for (size_t i = ev0; i < d->nevents; i++) d->events[i].sentence_text.len = len;
    for (size_t p = 0; p < d->nph; p++)
        if (d->ph[p].actor_codes && !d->ph[p].alt) {
            if (!d->last_actor || strcmp(d->last_actor, d->ph[p].codes[0])) d->prev_actor = d->last_actor;
            d->last_actor = d->ph[p].codes[0];
        }
    return VG_OK;
}

vg_status vg_code(vg_doc *doc, const vg_dict *dict, const vg_record *rec, const vg_code_options *opt,
                  vg_error *err) {
    vg_arena_reset(&doc->arena);
    doc->nevents = 0;
    doc->nsents = 0;
    doc->last_actor = NULL;
    doc->prev_actor = NULL;
    doc->nissues = 0;
    doc->story_discard = false;
    if (doc->seen) memset(doc->seen, 0, doc->seen_cap * sizeof *doc->seen);
    doc->text = rec->text ? rec->text : "";
    doc->text_len = rec->text ? rec->text_len : 0;
    size_t max_bytes = opt && opt->max_sentence_bytes ? opt->max_sentence_bytes : 65536;
    size_t max_sents = opt && opt->max_sentences ? opt->max_sentences : 10000;
    const char *text = doc->text;
    size_t n = doc->text_len;
    vg_status rc;
    if (rec->is_sentence) {
        doc->spans.n = 0;
        if (!grow((void **)&doc->spans.v, &doc->spans.cap, 1, sizeof *doc->spans.v)) return VG_ERR_NOMEM;
        doc->spans.v[0].off = 0;
        doc->spans.v[0].len = n;
        doc->spans.n = n ? 1 : 0;
    } else {
        size_t skip = vg_text__dateline(text, n);
        rc = vg_text__split(&doc->spans, text + skip, n - skip);
        if (rc) return vg_err_set(err, rc, rec->file, rec->line, "out of memory splitting sentences");
        for (size_t i = 0; i < doc->spans.n; i++) doc->spans.v[i].off += skip;
    }
    size_t ns = doc->spans.n;
    vg_status result = VG_OK;
    if (ns > max_sents) {
        ns = max_sents;
        result = vg_err_set(err, VG_ERR_LIMIT, rec->file, rec->line,
                            "record has more than %zu sentences; the rest is not coded", max_sents);
        vg_err_set_record(err, rec->id, rec->id_len);
    }
    doc->sents = realloc(doc->sents, (ns ? ns : 1) * sizeof *doc->sents);
    if (!doc->sents) return vg_err_set(err, VG_ERR_NOMEM, rec->file, rec->line, "out of memory");
    memcpy(doc->sents, doc->spans.v, ns * sizeof *doc->sents);
    doc->nsents = ns;
    for (size_t i = 0; i < ns; i++) {
        if (doc->sents[i].len > max_bytes) {
            if (result == VG_OK) {
                result = vg_err_set(err, VG_ERR_LIMIT, rec->file, rec->line,
                                    "sentence %zu is longer than %zu bytes and was not coded", i, max_bytes);
                vg_err_set_record(err, rec->id, rec->id_len);
            }
            continue;
        }
        sent st = { doc, dict, rec, opt, text + doc->sents[i].off, doc->sents[i].off, 0, (int)i, false, { 0 } };
        rc = code_sentence(&st);
        if (rc == VG_ERR_NOMEM) {
            vg_err_set(err, VG_ERR_NOMEM, rec->file, rec->line, "out of memory coding");
            vg_err_set_record(err, rec->id, rec->id_len);
            return VG_ERR_NOMEM;
        }
        if (rc == VG_ERR_LIMIT && result == VG_OK) {
            result = vg_err_set(err, VG_ERR_LIMIT, rec->file, rec->line,
                                "sentence %zu has too many tokens and was not coded", i);
            vg_err_set_record(err, rec->id, rec->id_len);
        }
        if (doc->story_discard) break;
    }
    if (doc->story_discard) doc->nevents = 0;
    return result;
}
