/* put_doc.c — storing a document straight from the coder (vg_doc). */
#include "store/store.h"

static const vg_event *doc_event(const void *src, size_t i) { return vg_doc_event(src, i); }

static vg_span doc_sentence(const void *src, size_t i) {
    vg_span none = { NULL, 0 };
    return i < vg_doc_sentence_count(src) ? vg_doc_sentence(src, i) : none;
}

vg_status vg_store_put_doc(vg_store *s, const vg_record *rec, const vg_doc *doc, vg_error *err) {
    vg_event_source from = { doc, doc_event, doc_sentence };
    return vg_store__queue(s, rec, vg_doc_event_count(doc), &from, err);
}
