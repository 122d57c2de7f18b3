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

/* ---- function words (classes in code.h) ---- */

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

bool vg_code__grow(void **p, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return true;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) nc += nc / 2 + 8;
    void *q = realloc(*p, nc * elem);
    if (!q) return false;
    *p = q;
    *cap = nc;
    return true;
}

/* ---- sentences ---- */


static vg_status code_sentence(sent *st) {
    vg_doc *d = st->doc;
    size_t len = d->sents[st->idx].len;
    vg_status rc = vg_text__tokenize(&d->tok, st->s, len);
    if (rc) return rc;
    if (d->tok.n > INT32_MAX / 2) return VG_ERR_LIMIT;
    st->n = (int)d->tok.n;
    if (!vg_code__grow((void **)&d->ti, &d->cap_ti, d->tok.n + 1, sizeof *d->ti)) return VG_ERR_NOMEM;
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
            if (!vg_code__grow((void **)&d->issues, &d->cap_issues, d->nissues + 1, sizeof *d->issues)) return VG_ERR_NOMEM;
            d->issues[d->nissues++] = c;
        }
        i = best_end - 1;
    }
    vg_code__find_mentions(st);
    if (st->oom) return VG_ERR_NOMEM;
    vg_code__build_phrases(st);
    if (st->oom) return VG_ERR_NOMEM;
    vg_code__add_pronouns(st);
    size_t ev0 = d->nevents;
    vg_code__code_verbs(st);
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
        if (!vg_code__grow((void **)&doc->spans.v, &doc->spans.cap, 1, sizeof *doc->spans.v)) return VG_ERR_NOMEM;
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
    if (ns) /* spans.v is NULL when there is no sentence (FINDINGS #6) */
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

