/* code_phrase.c — step 3 of the shallow parse: actor and agent phrases
 * found by longest match in the tries, grouped into noun phrases
 * ("Dagolath's Deputy Prime Minister" → DAGGOV, "soldiers from Gondor" →
 * GONMIL) and compounds ("Russia, China and Iran"); "it"/"its". */
#include "code/code.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Composed code "actor+agents" in the doc arena. */
const char *vg_code__compose(sent *st, const char *pre, const char *actor, const char *suf) {
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
    if (!vg_code__grow((void **)&d->mn, &d->cap_mn, d->nmn + 1, sizeof *d->mn)) { st->oom = true; return false; }
    d->mn[d->nmn++] = (vg_cmention){ s, e, kind, id };
    return true;
}

/* Most words a loose (space) join of a PETRARCH actor or agent phrase may
 * skip, over the whole phrase ("Ithilen state-run television" for
 * ITHILEN TELEVISION; see VG_DICT_GAP_KEY). */
#define PHRASE_GAP 2

/* May token k stand between the words of a loose join? A plain word of the
 * same noun phrase: a modifier or adjective, not punctuation or a number,
 * not a function word (determiner, preposition, conjunction, adverb ...),
 * not a verb form the dictionary knows, not the start of another actor or
 * agent. */
static bool gap_word_ok(const sent *st, int k) {
    const vg_dict *D = st->dict;
    const vg_tokinfo *ti = &st->doc->ti[k];
    if (TK(st, k)->kind != VG_TOK_WORD || ti->fw != FW_NONE) return false;
    if (vg_dict__starts(D, VG_ROOT_ACTOR, ti->word) || vg_dict__starts(D, VG_ROOT_AGENT, ti->word)) return false;
    int e;
    return vg_code__verb_at(st, k, &e) < 0;
}

/* The longest phrase found so far from one start token. */
typedef struct mfind {
    const sent *st;
    int root;              /* VG_ROOT_ACTOR or VG_ROOT_AGENT */
    uint32_t gap;          /* word id of VG_DICT_GAP_KEY, 0 none */
    int best_e, best_skips, best_kind;
    int32_t best_id;
} mfind;

/* A phrase of the trie ends at node, covering tokens up to e (exclusive)
 * with `skips` words skipped: keep it when it ends later, or as late with
 * fewer skips (an adjacent match beats a loose one of equal length). */
static void mfind_note(mfind *m, uint32_t node, int e, int skips) {
    const vg_dnode *nd = vg_dict__node(m->st->dict, node);
    int32_t id = m->root == VG_ROOT_ACTOR ? nd->actor : nd->agent;
    if (id < 0 || e < m->best_e || (e == m->best_e && skips >= m->best_skips)) return;
    m->best_e = e;
    m->best_skips = skips;
    m->best_kind = m->root == VG_ROOT_ACTOR ? 0 : 1;
    m->best_id = id;
}

/* Extend the phrase at trie node `node`, whose next word is expected at
 * token j: adjacent first, then, when the node has a loose join, after up
 * to PHRASE_GAP - skips skippable words. */
static void mfind_walk(mfind *m, uint32_t node, int j, int skips) {
    const vg_dict *D = m->st->dict;
    const vg_tokinfo *ti = m->st->doc->ti;
    int n = m->st->n;
    for (;;) {
        uint32_t g = m->gap ? vg_dict__child(D, node, m->gap) : 0;
        if (g) {
            for (int k = j; k < n && k - j <= PHRASE_GAP - skips; k++) {
                if (k > j && !gap_word_ok(m->st, k - 1)) break;
                uint32_t c = vg_dict__child(D, g, ti[k].word);
                if (!c) continue;
                mfind_note(m, c, k + 1, skips + (k - j));
                mfind_walk(m, c, k + 1, skips + (k - j));
            }
        }
        if (j >= n) return;
        node = vg_dict__child(D, node, ti[j].word);
        if (!node) return;
        mfind_note(m, node, ++j, skips);
    }
}

/* "Russian-flagged tanker", "Israeli-linked ships", "Chinese-owned firm":
 * a hyphenated word the dictionary does not know whose last part names
 * ownership or flag stands for its first part, so the vessel or firm is
 * the owner's, when the first part starts an actor phrase ("state-owned"
 * stays a word of its own). Other relations are left alone: "Venezuela-bound" (a
 * destination), "Iranian-made" (a maker), "US-led", "Iran-backed" (a
 * patron, not the party). Returns the first part's word id, or 0. Only
 * an actor phrase may start there: the token keeps its own (unknown) word
 * for everything else (verbs, discards, gaps). */
static uint32_t owner_word(const sent *st, int i) {
    static const char *const owned[] = {"-FLAGGED", "-OWNED", "-REGISTERED", "-OPERATED",
                                        "-LINKED", "-CONTROLLED"};
    const vg_token *t = TK(st, i);
    if (!(t->flags & VG_TOKF_HYPHEN)) return 0;
    const char *k = KEY(st, i);
    size_t n = t->norm_len;
    for (size_t j = 0; j < sizeof owned / sizeof *owned; j++) {
        size_t m = strlen(owned[j]);
        if (n <= m + 1 || memcmp(k + n - m, owned[j], m)) continue;
        if (memchr(k, '-', n - m)) return 0; /* one word before the suffix */
        uint32_t w = vg_dict__word(st->dict, k, n - m);
        return vg_dict__starts(st->dict, VG_ROOT_ACTOR, w) ? w : 0; /* an actor's word */
    }
    return 0;
}

void vg_code__find_mentions(sent *st) {
    const vg_dict *D = st->dict;
    vg_tokinfo *ti = st->doc->ti;
    st->doc->nmn = 0;
    mfind m = { st, 0, vg_dict__word(D, VG_DICT_GAP_KEY, sizeof VG_DICT_GAP_KEY - 1), -1, 0, 0, -1 };
    for (int i = 0; i < st->n;) {
        m.best_e = -1;
        m.best_skips = 0;
        m.best_kind = 0;
        m.best_id = -1;
        for (int root = VG_ROOT_ACTOR; root <= VG_ROOT_AGENT; root++) {
            uint32_t w = ti[i].word;
            if (!w && root == VG_ROOT_ACTOR) w = owner_word(st, i);
            if (!vg_dict__starts(D, root, w)) continue;
            m.root = root;
            uint32_t node = vg_dict__child(D, (uint32_t)root, w);
            if (!node) continue;
            mfind_note(&m, node, i + 1, 0);
            mfind_walk(&m, node, i + 1, 0);
        }
        if (m.best_e > i) {
            if (!add_mention(st, i, m.best_e, m.best_kind, m.best_id)) return;
            i = m.best_e;
            continue;
        }
        i++;
    }
}

/* Tokens allowed inside one noun phrase between its actor and agent
 * words: determiners, possessives, and up to 4 other plain words that are
 * not verbs ("Dagolath's first Deputy Prime Minister", "Ithilen's awful
 * and evil minister"). */
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
        if (vg_code__verb_at(st, k, &e) >= 0 && !(k > 0 && (TK(st, k - 1)->kind == VG_TOK_POSS || st->doc->ti[k - 1].fw == FW_DET)))
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

static bool direction_word(const sent *st, int k) {
    static const char *const w[] = { "NORTH", "SOUTH", "EAST", "WEST", "NORTHEAST", "NORTHWEST", "SOUTHEAST",
                                     "SOUTHWEST", NULL };
    for (int i = 0; w[i]; i++) if (key_is(st, k, w[i])) return true;
    return false;
}

/* Where an agent's location begins: after "of/in/from/at" right at k
 * ("soldiers from Gondor"), or after a direction with "of" ("a rebel base
 * southwest of Gondor"), which may follow up to two words of the agent's
 * own noun phrase ("an Islamist training camp north of ..."); "near" is
 * none: troops near a country are mostly not its own;
 * a verb form among them must be or follow a capitalised word of a
 * name ("Islamic State target"), else it ends the noun phrase. -1 when
 * there is none before token lim. */
static int locative_end(const sent *st, int k, int lim) {
    if (key_is(st, k, "OF") || key_is(st, k, "IN") || key_is(st, k, "FROM") || key_is(st, k, "AT")) return k + 1;
    for (int k0 = k, words = 0; k < lim && words <= 2; words++, k++) {
        if (direction_word(st, k) && key_is(st, k + 1, "OF")) return k + 2;
        const vg_token *t = TK(st, k);
        int e;
        if (t->kind != VG_TOK_WORD || st->doc->ti[k].fw != FW_NONE) return -1;
        bool name = k > 0 && (t->flags & VG_TOKF_CAP) && !(t->flags & VG_TOKF_ALLCAPS);
        bool after_name = k > k0 && (TK(st, k - 1)->flags & VG_TOKF_CAP);
        if (!name && !after_name && vg_code__verb_at(st, k, &e) >= 0) return -1;
    }
    return -1;
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
        if (p->ncodes < VG_CODE_MAX_CODES) p->codes[p->ncodes++] = vg_code__compose(st, "---", pre, suf);
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
        p->codes[p->ncodes++] = vg_code__compose(st, pre, one, suf);
        p->actor_codes++;
        a = sl ? sl + 1 : a + l;
    }
}

void vg_code__build_phrases(sent *st) {
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
        int k = locative_end(st, gs[g].e, gs[g + 1].s);
        if (k < 0) continue;
        int adj = 0;
        while (k < gs[g + 1].s && (d->ti[k].fw == FW_DET ||
                                   (d->ti[k].fw == FW_NONE && TK(st, k)->kind == VG_TOK_WORD && adj++ < 3)))
            k++;
        if (k != gs[g + 1].s) continue;
        /* A compound is a list with "and/or/nor" ("of Russia, China and
         * Iran"); "southwest of Baghdad, the U.S. command said" is none. */
        bool compound = false;
        for (int h = g + 1; h + 1 < ng && !compound; h++) {
            bool conn = gs[h + 1].s - gs[h].e <= 2 && gs[h + 1].s > gs[h].e;
            for (int q = gs[h].e; conn && q < gs[h + 1].s; q++) {
                conn = TK(st, q)->kind == VG_TOK_COMMA || d->ti[q].fw == FW_CONJ || d->ti[q].fw == FW_DET;
                compound |= d->ti[q].fw == FW_CONJ;
            }
            if (!conn) break;
        }
        if (compound) continue;
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
    if (!vg_code__grow((void **)&d->ph, &d->cap_ph, (size_t)ng + 8, sizeof *d->ph)) { st->oom = true; return; }
    int gi = 0;
    while (gi < ng) {
        /* A compound: groups separated by commas, and/or/nor, determiners
         * and plain modifiers, with at least one comma or conjunction. */
        int ge = gi + 1;
        while (ge < ng) {
            int a = gs[ge - 1].e, b = gs[ge].s;
            bool conn = false, ok = b - a <= 5 && b > a;
            bool head = false; /* a plain word after the last conjunction */
            for (int k = a; ok && k < b; k++) {
                const vg_token *t = TK(st, k);
                uint8_t fw = d->ti[k].fw;
                if (t->kind == VG_TOK_COMMA || fw == FW_CONJ) { conn = true; head = false; continue; }
                /* "Gondor's envoys and ...": the first member's possessive. */
                if (t->kind == VG_TOK_POSS && k == a) continue;
                /* "... and the leaders of Arnor": a member that is a noun
                 * with its "of" complement names the actor after "of". */
                if (k == b - 1 && conn && head && key_is(st, k, "OF")) continue;
                bool plain = t->kind == VG_TOK_WORD && fw == FW_NONE && !d->ti[k].verb &&
                             !(t->flags & VG_TOKF_CAP);
                head |= plain;
                if (fw == FW_DET || plain) continue;
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
        if (!vg_code__grow((void **)&d->ph, &d->cap_ph, d->nph + (size_t)(ng - gi) + 8, sizeof *d->ph)) { st->oom = true; return; }
    }
}

/* "it"/"its" stand for the last actor phrase before them (or in an
 * earlier sentence of the record). */
void vg_code__add_pronouns(sent *st) {
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
        if (!vg_code__grow((void **)&d->ph, &d->cap_ph, d->nph + 1, sizeof *d->ph)) { st->oom = true; return; }
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
