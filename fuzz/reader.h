/* reader.h — shared checks of the reader targets (fuzz_jsonl.c,
 * fuzz_petrxml.c, fuzz_events.c). */
#ifndef VG_FUZZ_READER_H
#define VG_FUZZ_READER_H

#include "fuzz.h"

/* Readers skip a bad record and go on, so a loop ends only with VG_DONE;
 * bound it anyway so a reader that never ends shows up as a finding, not a
 * libFuzzer timeout. Each call must consume input: at most one record (or
 * failure) per byte, plus the end. */
#define FUZZ_MAX_CALLS(size) ((size) + 16)

/* What every record returned by vg_reader_next must satisfy. */
static inline void fuzz_check_record(const vg_record *rec, size_t max_record) {
    fuzz_check(rec->id != NULL || rec->id_len == 0);
    fuzz_check(rec->text != NULL || rec->text_len == 0);
    fuzz_check(rec->extra != NULL || rec->extra_len == 0);
    fuzz_check(rec->gold != NULL || rec->gold_count == 0);
    for (size_t i = 0; i < rec->gold_count; i++)
        fuzz_check(rec->gold[i].source && rec->gold[i].target && rec->gold[i].code);
    /* The limit is on input bytes; each invalid byte may grow into U+FFFD
     * (3 bytes) in the text handed on. */
    if (max_record && !fuzz_known(1)) fuzz_check(rec->text_len <= 3 * max_record);
    /* The text is handed to the coder: touch every byte so ASan sees it. */
    volatile unsigned sum = 0;
    for (size_t i = 0; i < rec->text_len; i++) sum += (unsigned char)rec->text[i];
    for (size_t i = 0; i < rec->id_len; i++) sum += (unsigned char)rec->id[i];
    for (size_t i = 0; i < rec->extra_len; i++) sum += (unsigned char)rec->extra[i];
    (void)sum;
}

/* Options from one byte: max_record_bytes small (bit 0), a diag callback
 * (bit 1), a default id/date (bit 2), JSON Lines field names of
 * news-please output (bit 5: "url", "date_publish", "maintext"). */
static inline void fuzz_reader_options(vg_reader_options *opt, uint8_t o, size_t *warnings) {
    if (o & 1) opt->max_record_bytes = 32 + (o >> 3) * 8;
    if (o & 2) {
        opt->diag = fuzz_diag;
        opt->payload = warnings;
    }
    if (o & 4) {
        opt->default_id = "fuzz";
        opt->default_date = 20251104;
    }
    if (o & 32) {
        opt->id_field = "url";
        opt->date_field = "date_publish";
        opt->text_field = "maintext";
    }
}

/* Read every record of buf with format fmt and check each one; from_file
 * reads it back from a temporary file through vg_reader_open (the
 * incremental window the CLI uses) instead of vg_reader_open_mem. Returns
 * the number of records read. */
static inline size_t fuzz_read_all(const uint8_t *data, size_t size, vg_format fmt, uint8_t o,
                                   int from_file) {
    size_t warnings = 0;
    vg_reader_options opt = VG_READER_OPTIONS_INIT;
    opt.format = fmt;
    fuzz_reader_options(&opt, o, &warnings);
    vg_reader *r = NULL;
    vg_error err;
    vg_error_clear(&err);
    vg_status st;
    if (from_file) {
        char path[512];
        if (!fuzz_write_file(path, sizeof path, 1, ".in", data, size)) return 0;
        st = vg_reader_open(&r, path, &opt, &err);
    } else {
        st = vg_reader_open_mem(&r, (const char *)data, size, "fuzz.in", &opt, &err);
    }
    fuzz_check(fuzz_status_ok(st));
    fuzz_check_error(st, &err);
    if (st != VG_OK) return 0;
    fuzz_check(vg_reader_format(r) != VG_FMT_AUTO);
    const char *name, *value;
    for (size_t i = 0; vg_reader_env_at(r, i, &name, &value); i++) {
        fuzz_check(name && value);
        fuzz_check(vg_reader_env_get(r, name) != NULL);
    }
    size_t records = 0, calls = 0;
    for (;;) {
        fuzz_check(++calls <= FUZZ_MAX_CALLS(size));
        vg_record rec;
        memset(&rec, 0, sizeof rec);
        vg_error_clear(&err);
        st = vg_reader_next(r, &rec, &err);
        fuzz_check(fuzz_status_ok(st));
        if (st == VG_DONE) break;
        fuzz_check_error(st, &err);
        if (st == VG_ERR_NOMEM || st == VG_ERR_IO) break;
        if (st == VG_OK) {
            fuzz_check_record(&rec, opt.max_record_bytes);
            records++;
        } else {
            fuzz_check(st == VG_ERR_INPUT || st == VG_ERR_LIMIT);
            fuzz_check(err.line > 0 || err.offset > 0 || err.record[0]);
        }
    }
    /* After the end, the end again. */
    vg_record rec;
    fuzz_check(vg_reader_next(r, &rec, &err) == VG_DONE);
    vg_reader_free(r);
    return records;
}

#endif
