/* code_verb.c — step 4a of the shallow parse: verb forms by longest
 * match, which of them are verbs in this sentence (not nouns, participles
 * or reduced relatives), and each verb's patterns, most specific first. */
#include "code/code.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- step 4: verbs ---- */

/* Longest verb form starting at i: form index or -1, *end its end. */
int32_t vg_code__verb_at(const sent *st, int i, int *end) {
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
        const vg_dform *f = vg_dict__form(st->dict, vg_code__verb_at(st, i, &e));
        if (f && f->base) {
            int q = st->doc->ph[pp].s - 1;
            for (int skip = 0; q >= 0 && skip < 2; skip++, q--) {
                const vg_token *tq = TK(st, q);
                if (!(tq->kind == VG_TOK_PUNCT || (tq->kind == VG_TOK_WORD && st->doc->ti[q].fw == FW_NONE))) break;
            }
            if (q >= 0 && (key_is(st, q, "A") || key_is(st, q, "AN"))) return true;
        }
    }
    /* "suspended military aid", "sent army support": an agent word right
     * after a verb is a modifier of the object noun, not its subject. */
    if (pp >= 0 && !past && !st->doc->ph[pp].actor_codes && st->doc->ph[pp].s > 0 &&
        st->doc->ti[st->doc->ph[pp].s - 1].verb == 1 && !(TK(st, i - 1)->flags & VG_TOKF_CAP))
        return true;
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


bool vg_code__stop_token(const sent *st, int k) {
    const vg_token *t = TK(st, k);
    if (t->kind == VG_TOK_END) return true;
    if (t->kind == VG_TOK_PUNCT) {
        const char *kk = KEY(st, k);
        return kk[0] == ';' || kk[0] == ':';
    }
    return false;
}

/* Which verb forms are verbs here: tokens[].verb is 1 for a finite verb,
 * 2 for a participle or a verb form that opens a modifying clause, 0 for
 * none (sources and targets stop at verbs, so this comes first). */
void vg_code__mark_verbs(sent *st) {
    vg_doc *d = st->doc;
    for (int i = 0; i < st->n; i++) d->ti[i].verb = 0;
    /* Mark verb candidates first: sources and targets stop at them. */
    for (int i = 0; i < st->n; i++) {
        if (d->ti[i].phrase >= 0 || d->ti[i].fw == FW_AUX || d->ti[i].fw == FW_BE) continue;
        int end;
        if (vg_code__verb_at(st, i, &end) >= 0 && !noun_context(st, i)) d->ti[i].verb = 1;
        /* (noun_context reads the marks of earlier tokens: one pass.) */
    }
    /* "Syrian forces clash", "rebels attack": an -S form right before a
     * bare verb form is a plural noun, the subject of that verb. */
    for (int i = 0; i + 1 < st->n; i++) {
        int e2;
        if (d->ti[i].verb != 1 || d->ti[i + 1].phrase >= 0 || d->ti[i + 1].fw != FW_NONE ||
            vg_code__verb_at(st, i + 1, &e2) < 0 || (TK(st, i + 1)->flags & VG_TOKF_CAP))
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
                vg_code__stop_token(st, q))
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
                vg_code__stop_token(st, q) || d->ti[q].verb == 1)
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
                if (vg_code__stop_token(st, q)) break;
            }
            continue;
        }
        int limit = e->adjacent ? k : k + GAP;
        int found = -1, len = 0, ph = -1;
        for (int q = k; q <= limit && q < st->n; q++) {
            len = elem_at(st, e, q, &ph);
            if (len) { found = q; break; }
            if (vg_code__stop_token(st, q)) break;
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
            if (vg_code__stop_token(st, q)) break;
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


void vg_code__code_verb(const sent *st, int32_t form, int vs, int ve, vmatch *m) {
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

