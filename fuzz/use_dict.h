/* use_dict.h — code a fixed sentence with a dictionary the fuzzer built
 * from hostile bytes (dict_petr.h, fuzz_vgd.c). */
#ifndef VG_FUZZ_USE_DICT_H
#define VG_FUZZ_USE_DICT_H

#include "fuzz.h"

static const char fuzz_sentence[] =
    "Venezuela accused Guyana of provocations on Tuesday, and the United States "
    "imposed new sanctions on Caracas after talks with the opposition collapsed.";

/* Code a fixed sentence with a dictionary built from hostile bytes, so the
 * compiled structures they produced are walked too. */
static void use_dict(const vg_dict *dict) {
    vg_doc *doc = NULL;
    if (vg_doc_new(&doc) != VG_OK) return;
    vg_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = "fuzz";
    rec.id_len = 4;
    rec.date = 20251118;
    rec.text = fuzz_sentence;
    rec.text_len = sizeof fuzz_sentence - 1;
    vg_error err;
    vg_status s = vg_code(doc, dict, &rec, NULL, &err);
    fuzz_check(s == VG_OK || s == VG_ERR_NOMEM || s == VG_ERR_LIMIT);
    for (size_t i = 0; i < vg_doc_event_count(doc); i++) {
        const vg_event *ev = vg_doc_event(doc, i);
        fuzz_check(ev && ev->source && ev->target);
        fuzz_check(memchr(ev->code, '\0', sizeof ev->code) != NULL);
    }
    vg_doc_free(doc);
}

#endif
