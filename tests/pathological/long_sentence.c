/* long_sentence.c — a 1 MB sentence.
 *
 * With the default options the sentence exceeds max_sentence_bytes
 * (64 KiB): vg_code must say so (VG_ERR_LIMIT naming the record), skip that
 * sentence only, and still code the sentences around it. With the limit
 * raised it is coded, in time linear in its length (256 KiB vs 1 MiB). */
#include "path.h"
#include "text/text.h"

/* Words of a long run-on sentence, never a sentence end: actors, verbs,
 * commas and parentheses between long tokens (identifiers, hashes and
 * run-together words as scraped web text has them), about 40 bytes a
 * token so that 1 MB stays within the coder's token limit (see
 * many_tokens.c for a sentence made of many short tokens). Some verbs have
 * actors the dictionary does not know, so their search for a source and a
 * target finds nothing to stop at. */
static const char *const filler[] = {
    "Venezuela", "accused", "Guyana", ",", "officials", "accused", "critics",
    "EssequiboBoundaryCommissionPreliminaryReportAnnexBSupplementary",
    "caracasgeorgetownmaritimedelimitationworkinggroupminutesdraft",
    "OperationSouthernSpearDeploymentOrderCaribbeanTheaterAmended",
    "PetroleosdeVenezuelaSociedadAnonimaExportManifestFourthQuarter",
    "TrinidadandTobagoCoastGuardIncidentLogEntryNightPatrolSummary",
    "OrganizationofAmericanStatesPermanentCouncilExtraordinarySession",
    "UnitedNationsSecurityCouncilConsultationsonTheCaribbeanSituation",
    "BolivarianNationalArmedForcesStrategicOperationalCommandBulletin",
};

static char *make_sentence(size_t n) {
    char *s = malloc(n + 1);
    if (!s) return NULL;
    size_t len = 0, k = 0, nf = sizeof filler / sizeof filler[0];
    while (len < n) {
        const char *w = filler[k % nf];
        size_t wl = strlen(w);
        k++;
        if (len + wl + 1 > n) { memset(s + len, 'x', n - len); len = n; break; }
        memcpy(s + len, w, wl);
        len += wl;
        s[len++] = ' ';
    }
    s[n - 1] = 'x';   /* no trailing space, no sentence end */
    s[n] = '\0';
    return s;
}

typedef struct ctx { const vg_dict *dict; vg_doc *doc; } ctx;

static int code_once(size_t n, void *p) {
    ctx *c = p;
    char *s = make_sentence(n);
    if (!s) return -1;
    vg_record rec = path_record("long", s, n);
    vg_code_options o = VG_CODE_OPTIONS_INIT;
    o.max_sentence_bytes = 8u << 20;
    vg_error err;
    vg_status st = vg_code(c->doc, c->dict, &rec, &o, &err);
    if (st != VG_OK) path_print_error("raised limit", &err);
    free(s);
    return st == VG_OK ? 0 : -1;
}

int main(void) {
    vg_error err;
    vg_dict *dict = path_load_dict(NULL, 0, NULL, &err);
    if (!dict) return 1;
    vg_doc *doc = NULL;
    if (vg_doc_new(&doc) != VG_OK) return 1;

    /* A short sentence, the 1 MB one, another short one. */
    const size_t big = 1u << 20;
    char *s = make_sentence(big);
    const char head[] = "Venezuela accused Guyana on Monday. ";
    const char tail[] = " Cuba met with Russia on Tuesday.";
    size_t len = strlen(head) + big + 1 + strlen(tail);
    char *text = malloc(len + 1);
    PATH_CHECK(s && text, "out of memory");
    if (!s || !text) return 1;
    snprintf(text, len + 1, "%s%s.%s", head, s, tail);

    vg_record rec = path_record("long-1", text, len);
    vg_error_clear(&err);
    vg_status st = vg_code(doc, dict, &rec, NULL, &err);
    path_print_error("default limit", &err);
    PATH_CHECK(st == VG_ERR_LIMIT, "a 1 MB sentence over the 64 KiB default must be reported as "
               "VG_ERR_LIMIT, got %s", vg_status_str(st));
    PATH_CHECK(err.code == VG_ERR_LIMIT && err.message[0], "the error must say what happened");
    PATH_CHECK(!strcmp(err.record, "long-1"), "the error must name the record, got '%s'", err.record);
    PATH_CHECK(strstr(err.message, "65536") != NULL,
               "the message must name the limit (65536 bytes): '%s'", err.message);
    PATH_CHECK(path_has_event(doc, "VEN", "GUY", "112"),
               "the sentence before the long one must still be coded");
    PATH_CHECK(path_has_event(doc, "CUB", "RUS", "036"),
               "the sentence after the long one must still be coded (skipped, not truncated)");
    if (path_failures) path_dump_events(doc);

    /* A custom limit is honoured and reported the same way. */
    vg_code_options o = VG_CODE_OPTIONS_INIT;
    o.max_sentence_bytes = 1000;
    vg_error_clear(&err);
    st = vg_code(doc, dict, &rec, &o, &err);
    PATH_CHECK(st == VG_ERR_LIMIT && strstr(err.message, "1000"),
               "max_sentence_bytes=1000 must be reported with its value: %s '%s'",
               vg_status_str(st), err.message);

    vg_tokvec tv = VG_TOKVEC_INIT;
    if (vg_text__tokenize(&tv, s, big) == VG_OK) printf("the 1 MB sentence has %zu tokens\n", tv.n);
    vg_text__tokvec_free(&tv);

    ctx c = { dict, doc };
    path_linear("1 MB sentence (vg_code, limit raised)", code_once, big / 4, &c);

    free(s);
    free(text);
    vg_doc_free(doc);
    vg_dict_free(dict);
    return path_finish("long_sentence");
}
