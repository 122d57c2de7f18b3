/* fuzz_events.c — the coded-event JSON Lines reader (vigia's own output,
 * read back by `vigia ingest`) through vg_reader_next_event, and the round
 * trip: every event read is written again with vg_event_to_json, read back,
 * and must come back the same.
 *
 * Option byte: bits 0-2 reader options (reader.h), bit 7 passes no record
 * (rec NULL).
 *
 * Checked: documented statuses; a skipped line names where; events carry
 * id, source, target and code; JSON written by vigia reads back equal. */
#include "reader.h"

static int span_eq(vg_span a, vg_span b) {
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static void round_trip(const vg_event *ev, const vg_record *rec) {
    char *json = NULL;
    size_t len = 0;
    if (vg_event_to_json(&json, &len, rec, ev) != VG_OK) return;
    fuzz_check(json && strlen(json) == len);
    vg_reader_options opt = VG_READER_OPTIONS_INIT;
    opt.format = VG_FMT_EVENTS;
    vg_reader *r = NULL;
    vg_error err;
    if (vg_reader_open_mem(&r, json, len, "round-trip", &opt, &err) == VG_OK) {
        vg_event back;
        vg_record brec;
        vg_status st = vg_reader_next_event(r, &back, &brec, &err);
        if (st != VG_OK) {
            fprintf(stderr, "round trip failed: %s\n%s\n", err.message, json);
            fuzz_check(st == VG_OK);
        }
        fuzz_check(!strcmp(back.source, ev->source) && !strcmp(back.target, ev->target));
        fuzz_check(!strcmp(back.code, ev->code));
        fuzz_check(back.date == ev->date);
        fuzz_check(brec.id_len == rec->id_len && !memcmp(brec.id, rec->id, rec->id_len));
        fuzz_check(span_eq(back.sentence_text, ev->sentence_text));
        fuzz_check(span_eq(back.source_text, ev->source_text));
        fuzz_check(span_eq(back.verb_text, ev->verb_text));
        fuzz_check(span_eq(back.target_text, ev->target_text));
        vg_reader_free(r);
    }
    free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint8_t o = fuzz_byte(&data, &size);
    size_t warnings = 0;
    vg_reader_options opt = VG_READER_OPTIONS_INIT;
    opt.format = VG_FMT_EVENTS;
    fuzz_reader_options(&opt, o, &warnings);
    vg_reader *r = NULL;
    vg_error err;
    vg_error_clear(&err);
    vg_status st = vg_reader_open_mem(&r, (const char *)data, size, "fuzz.events", &opt, &err);
    fuzz_check(fuzz_status_ok(st));
    fuzz_check_error(st, &err);
    if (st != VG_OK) return 0;
    for (size_t calls = 0;; calls++) {
        fuzz_check(calls <= FUZZ_MAX_CALLS(size));
        vg_event ev;
        vg_record rec;
        memset(&rec, 0, sizeof rec);
        vg_error_clear(&err);
        st = vg_reader_next_event(r, &ev, (o & 128) ? NULL : &rec, &err);
        fuzz_check(fuzz_status_ok(st));
        if (st == VG_DONE) break;
        fuzz_check_error(st, &err);
        if (st == VG_ERR_NOMEM || st == VG_ERR_IO) break;
        if (st != VG_OK) {
            fuzz_check(st == VG_ERR_INPUT || st == VG_ERR_LIMIT);
            fuzz_check(err.line > 0);
            continue;
        }
        fuzz_check(ev.source && ev.target);
        fuzz_check(memchr(ev.code, '\0', sizeof ev.code) != NULL && ev.code[0]);
        if (!(o & 128)) {
            fuzz_check_record(&rec, opt.max_record_bytes);
            fuzz_check(rec.id_len > 0);
            round_trip(&ev, &rec);
        }
    }
    vg_reader_free(r);
    return 0;
}
