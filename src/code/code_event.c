/* code_event.c — step 4b of the shallow parse: for each verb, its source
 * (the phrase before it in its clause) and target (the first phrase after
 * it), passive "by" phrases, negation, the PETRARCH transformations of
 * reporting, wanting and attempting verbs, and the events themselves
 * (one per story unless asked for all). */
#include "code/code.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "The US commander in Iraq, General David Petraeus, held talks": a
 * phrase between commas right before its verb is an apposition; the
 * subject is the noun phrase before it (over its "in/of X" objects). */
static int appositive_head(const sent *st, int p, int vs) {
    const vg_doc *d = st->doc;
    int c = d->ph[p].e;
    if (c >= vs || TK(st, c)->kind != VG_TOK_COMMA) return p;
    for (int k = c + 1; k < vs; k++)
        if (d->ti[k].fw != FW_ADV && d->ti[k].fw != FW_AUX && d->ti[k].fw != FW_NEG) return p;
    int s = d->ph[p].s - 1;
    if (s < 1 || TK(st, s)->kind != VG_TOK_COMMA) return p;
    for (int k = s - 1; k >= 0 && s - k <= 8; k--) {
        int q = d->ti[k].phrase;
        if (q >= 0) {
            if (!d->ph[q].prep_object) return q;
            k = d->ph[q].s;
            continue;
        }
        uint8_t fw = d->ti[k].fw;
        if (TK(st, k)->kind != VG_TOK_WORD || d->ti[k].verb || !(fw == FW_NONE || fw == FW_DET || fw == FW_PREP))
            return p;
    }
    return p;
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
            if (!ph->prep_object) return appositive_head(st, p, vs);
            k = ph->s;
            continue;
        }
        const vg_token *t = TK(st, k);
        uint8_t fw = d->ti[k].fw;
        if (t->kind == VG_TOK_END || vg_code__stop_token(st, k)) break;
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

/* Is the "to" at k the start of an infinitive whose verb the dictionary
 * does not know ("proposed to take up the issue with X")? A plain
 * lower-case word after "to" that is followed, over an optional particle,
 * by a determiner is a transitive verb: a noun or adjective is not
 * followed by "the" ("appealed to warring factions", "to the talks"). */
static bool unknown_infinitive(const sent *st, int k) {
    static const char *const particle[] = { "UP", "DOWN", "OUT", "OFF", "BACK", "AWAY", NULL };
    const vg_doc *d = st->doc;
    int w = k + 1;
    if (d->ti[k].fw != FW_TO || w + 1 >= st->n) return false;
    const vg_token *t = TK(st, w);
    if (t->kind != VG_TOK_WORD || d->ti[w].fw != FW_NONE || d->ti[w].phrase >= 0 || d->ti[w].verb ||
        (t->flags & VG_TOKF_CAP))
        return false;
    int q = w + 1;
    for (int i = 0; particle[i]; i++)
        if (key_is(st, q, particle[i])) { q++; break; }
    return q < st->n && d->ti[q].fw == FW_DET;
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
        if (t->kind == VG_TOK_END || vg_code__stop_token(st, k)) break;
        if (fw == FW_SUB || fw == FW_REL) break;
        /* Its objects belong to the infinitive, not to this verb. */
        if (fw == FW_TO && unknown_infinitive(st, k)) break;
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
    return vg_code__compose(st, c, code + 3, NULL);
}

/* Roots 15 (force posture) and 16 (reduce relations: sanctions, embargoes,
 * expulsions) are acts of one state towards another: their target is never
 * the source's own country, whose troops or ships are the instrument
 * ("deployed warships to ...") and whose firms are not what it sanctions. */
static bool external_act(const char *code) {
    return code && code[0] == '1' && (code[1] == '5' || code[1] == '6');
}

/* The first country of an actor phrase of the sentence other than avoid. */
static bool other_country(const sent *st, const char *avoid, char out[4]) {
    const vg_doc *d = st->doc;
    for (size_t p = 0; p < d->nph; p++)
        for (int c = 0; c < d->ph[p].ncodes; c++)
            if (d->ph[p].actor_codes && country_of(d->ph[p].codes[c], out) && strcmp(out, avoid)) return true;
    return false;
}

/* Does phrase p stand for nothing but the country of phrase src (its
 * organs) or for agents with no country ("troops", "shipping companies")? */
static bool own_side(const sent *st, int p, int src) {
    const vg_phrase *P = &st->doc->ph[p], *S = &st->doc->ph[src];
    char sc[4], pc[4];
    /* "along its Caribbean coast", "their ambassadors": the source's own. */
    for (int k = P->s - 1; k >= 0 && k >= P->s - 3; k--) {
        if (key_is(st, k, "ITS") || key_is(st, k, "THEIR")) return true;
        if (TK(st, k)->kind != VG_TOK_WORD || st->doc->ti[k].fw != FW_NONE || st->doc->ti[k].phrase >= 0) break;
    }
    if (!S->ncodes || !country_of(S->codes[0], sc)) return false;
    for (int i = 0; i < P->ncodes; i++) {
        if (!country_of(P->codes[i], pc)) {
            /* Armed forces, police or spies with no country are the
             * source's; IGO, NGO, firms ... are parties of their own. */
            const char *a = P->codes[i] + 3;
            if (strncmp(P->codes[i], "---", 3) || (strncmp(a, "MIL", 3) && strncmp(a, "COP", 3) && strncmp(a, "SPY", 3)))
                return false;
            continue;
        }
        if (strcmp(pc, sc)) return false;
    }
    return P->ncodes > 0;
}

/* An attack: CAMEO roots 18 (assault), 19 (fight), 20 (mass violence). */
static bool is_attack(const char *code) {
    return code && code[0] == '1' && (code[1] == '8' || code[1] == '9') ? true
           : code && code[0] == '2' && code[1] == '0';
}

static void emit(sent *st, const char *src, const char *tgt, const char *code, int sp, int tp, int vs, int ve) {
    if (vg_code__is_none(code) || !src || !tgt) return;
    if (vg_dict__flags(st->dict) & VG_DICTF_AGENT_COUNTRY) {
        /* An attacker named only by an agent ("gunmen", "drones", "troops")
         * is not given the country or place it attacks: "drones struck
         * Kyiv" is not UKRMIL against UKR. */
        char tc[4];
        bool attacks_country = is_attack(code) && strlen(tgt) == 3 && country_of(tgt, tc);
        const char *s2 = attacks_country ? src : with_country(st, src, tgt);
        char sc[4], oc[4];
        if (external_act(code) && !strncmp(tgt, "---", 3) && tgt[3] && country_of(s2, sc)) {
            /* "sanctions on shipping companies that carry Venezuelan oil":
             * the firms are of another country named in the sentence, or
             * of none we know. */
            if (other_country(st, sc, oc)) tgt = vg_code__compose(st, oc, tgt + 3, NULL);
        } else {
            tgt = with_country(st, tgt, src);
        }
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
    if (!vg_code__grow((void **)&d->events, &d->cap_events, d->nevents + 1, sizeof *d->events)) { st->oom = true; return; }
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

/* "There were ten soldiers killed in X": a participle right after the
 * noun phrase of an existential "there is/are/were". */
static bool existential_passive(const sent *st, int vs) {
    if (vs < 1) return false;
    int p = st->doc->ti[vs - 1].phrase;
    if (p < 0) return false;
    int k = st->doc->ph[p].s - 1;
    for (int skip = 0; k >= 0 && skip < 3; skip++, k--) {
        const vg_token *t = TK(st, k);
        uint8_t fw = st->doc->ti[k].fw;
        if (fw == FW_BE) break;
        if (!(t->kind == VG_TOK_NUMBER || fw == FW_DET || (t->kind == VG_TOK_WORD && fw == FW_NONE))) return false;
    }
    return k > 0 && st->doc->ti[k].fw == FW_BE && key_is(st, k - 1, "THERE");
}

/* Is the verb at vs a passive participle ("was attacked", "were killed
 * in", not "is attacking")? */
static bool passive_at(const sent *st, int vs) {
    size_t kl = TK(st, vs)->norm_len;
    if (kl > 4 && !strcmp(KEY(st, vs) + kl - 3, "ING")) return false;
    return passive_before(st, vs) || existential_passive(st, vs);
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

/* Drop events [from, from+n) of the doc. */
static void drop_events(vg_doc *d, size_t from, size_t n) {
    if (!n || from + n > d->nevents) return;
    memmove(&d->events[from], &d->events[from + n], (d->nevents - from - n) * sizeof *d->events);
    d->nevents -= n;
    if (d->seen_cap) rebuild_seen(d, d->seen_cap); /* same size: cannot fail */
}

/* Is the verb at i joined by "and/or" to the verb before it, which ended
 * at last_end and had the subject last_src ("X condemned Y and pledged")? */
static bool conjoined(const sent *st, int i, int last_src, int last_end) {
    if (last_src < 0 || last_end < 0) return false;
    int q = i - 1;
    while (q >= last_end && (st->doc->ti[q].fw == FW_ADV || st->doc->ti[q].fw == FW_AUX ||
                             st->doc->ti[q].fw == FW_NEG || st->doc->ti[q].fw == FW_BE))
        q--;
    return q >= last_end && st->doc->ti[q].fw == FW_CONJ;
}

void vg_code__code_verbs(sent *st) {
    vg_doc *d = st->doc;
    int last_src = -1, last_verb_end = -1;
    bool last_coded = false;
    /* The previous verb, for the transformations. */
    int prev_class = VC_NONE, prev_src = -1, prev_end = -1;
    size_t prev_ev = 0, prev_nev = 0;
    bool claim = false; /* the last deed was coded as the claim of a "say" verb */
    bool neg_chain = false; /* the last verb was negated: "not agree to attack" */
    const char *override = NULL; /* code replacing the next verb's, from "want to"/"try to" */
    vg_code__mark_verbs(st);
    for (int i = 0; i < st->n; i++) {
        if (d->ti[i].verb != 1) continue;
        int ve = i + 1;
        int32_t form = vg_code__verb_at(st, i, &ve);
        if (form < 0) continue;
        vmatch m;
        vg_code__code_verb(st, form, i, ve, &m);
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
                    int s0 = m.src >= 0 ? m.src : conjoined(st, i, last_src, last_verb_end) ? last_src
                                                                                           : find_source(st, i, &hv);
                    if (s0 >= 0) last_src = s0;
                    /* "~ a (_ b ATTACK) WANT = a b 138", "... ATTEMPT = a b 185" */
                    int vc = verb_class(KEY(st, i));
                    int e2 = r2 + 1;
                    int32_t f2 = vg_code__verb_at(st, r2, &e2);
                    override = NULL;
                    if (f2 >= 0 && vc != VC_NONE) {
                        vmatch m2;
                        vg_code__code_verb(st, f2, r2, e2, &m2);
                        if (vc == VC_WANT && is_attack(m2.code)) override = "138";
                        else if (vc == VC_ATTEMPT && m2.code && !strncmp(m2.code, "186", 3)) override = "185";
                    }
                    last_coded = false;
                    last_verb_end = ve;
                    neg_chain = !m.pattern && negated(st, i);
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
                    int32_t f2 = vg_code__verb_at(st, q + 1, &e2);
                    vmatch m2;
                    if (f2 >= 0) {
                        vg_code__code_verb(st, f2, q + 1, e2, &m2);
                        if (is_attack(m2.code)) { m.code = "021"; m.code2 = NULL; want_obj = true; }
                    }
                }
            }
        }
        if (vg_code__is_none(m.code) && vg_code__is_none(m.code2) && vclass != VC_SAY) { i = ve - 1; last_verb_end = ve; continue; }
        if (!m.pattern && negated(st, i)) {
            /* No event, but a verb conjoined with it shares its subject. */
            bool hv;
            int s0 = m.src >= 0 ? m.src : conjoined(st, i, last_src, last_verb_end) ? last_src : find_source(st, i, &hv);
            if (s0 >= 0) last_src = s0;
            i = ve - 1;
            last_verb_end = ve;
            neg_chain = true;
            continue;
        }
        bool hit_verb = false, shared = false;
        int src = m.src, tgt = m.tgt;
        if (src < 0 && last_src >= 0 && last_verb_end >= 0) {
            /* "X condemned ... and promised ...": the verbs share X. */
            int q = i - 1;
            while (q >= last_verb_end && (d->ti[q].fw == FW_ADV || d->ti[q].fw == FW_AUX || d->ti[q].fw == FW_NEG ||
                                          d->ti[q].fw == FW_BE))
                q--;
            if (q >= last_verb_end && d->ti[q].fw == FW_CONJ) { src = last_src; shared = true; }
            if (q >= last_verb_end && d->ti[q].fw == FW_TO) {
                /* "abandoned efforts to stop": the first verb says it all;
                 * "try to clash": the second verb is the event. */
                if (last_coded) { i = ve - 1; last_verb_end = ve; continue; }
                /* "did not agree to attack", "would not allow X to help":
                 * the negation holds for the verb it governs. */
                if (neg_chain && !m.pattern) { i = ve - 1; last_verb_end = ve; continue; }
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
                if (conj) { src = last_src; shared = true; }
            }
        }
        /* "X claimed that Y had attacked Z and taken W": a deed conjoined
         * with a claimed one is part of the claim, not a fact of its own. */
        if (shared && claim) { i = ve - 1; last_verb_end = ve; continue; }
        claim = false;
        neg_chain = false;
        if (tgt < 0) {
            int from = m.e > vend ? m.e : vend;
            if (m.pattern) {
                /* A phrase consumed inside the pattern still counts. */
                for (int k = vend; k < m.e; k++)
                    if (d->ti[k].phrase >= 0 && d->ti[k].phrase != src) { tgt = d->ti[k].phrase; break; }
            }
            if (tgt < 0) tgt = find_target(st, m.pattern ? vend : from, src);
            /* "deployed warships to waters near Venezuela": the source's own
             * forces are the instrument of a force posture or sanction; the
             * target is the next party in the clause, if any. */
            if (tgt >= 0 && src >= 0 && tgt != m.tgt && external_act(m.code))
                while (tgt >= 0 && own_side(st, tgt, src)) tgt = find_target(st, d->ph[tgt].e, src);
        }
        /* Passive: "X was criticized by Y" → Y did it to X (also when a
         * pattern placed Y after its "by"). */
        if (m.src < 0 && passive_at(st, i)) {
            int by = by_phrase(st, vend);
            if (by < 0 && m.tgt >= 0)
                for (int k = d->ph[m.tgt].s - 1; k >= 0 && k >= d->ph[m.tgt].s - 3; k--)
                    if (d->ti[k].fw == FW_BY) { by = m.tgt; break; }
            if (by >= 0 && (m.tgt < 0 || m.tgt == by)) {
                tgt = src;
                src = by;
            } else if (by < 0 && src >= 0) {
                /* No agent: the subject is what was done to, and "in X"
                 * names the side that did it ("citizens were detained in
                 * X", "there were soldiers killed in X"). (With neither,
                 * the subject stays the source, as in PETRARCH's tests.) */
                int q = tgt >= 0 ? d->ph[tgt].s - 1 : -1;
                while (q >= 0 && d->ti[q].fw == FW_DET) q--;
                if (tgt >= 0 && key_is(st, q, "IN")) { int t = tgt; tgt = src; src = t; }
            }
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
                    claim = true;
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
        if (vg_code__is_none(m.code) && vg_code__is_none(m.code2)) { i = ve - 1; continue; }
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
            if (vg_code__verb_at(st, i, &e2) >= 0) i = e2 - 1;
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
                if (!vg_code__is_none(m.code2)) emit(st, T->codes[b], S->codes[a], m.code2, tgt, src, vs_e, ve_e);
            }
        last_coded = d->nevents > nev0 || !vg_code__is_none(m.code);
        prev_nev = d->nevents - nev0;
        i = ve - 1;
    }
}
