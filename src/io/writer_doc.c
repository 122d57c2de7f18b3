/* writer_doc.c — writing a coded document. Apart from writer.c so that the
 * formatting code does not depend on the coder (readers and writers can be
 * used, and tested, without it). */
#include "io.h"

vg_status vg_writer_write_doc(vg_writer *w, const vg_record *rec, const vg_doc *doc, vg_error *err) {
    size_t n = vg_doc_event_count(doc);
    for (size_t i = 0; i < n; i++) vg_io__format_event(&w->buf, w->fmt, rec, vg_doc_event(doc, i));
    w->events += n;
    return vg_io__writer_flush(w, err);
}
