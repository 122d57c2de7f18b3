/* fuzz_jsonl.c — the JSON Lines article reader ({"id","date","text",...}
 * a line) through vg_reader_open_mem / vg_reader_next.
 *
 * Option byte: bits 0-2 reader options (reader.h), bit 6 reads through a
 * temporary file (vg_reader_open) instead of memory, bit 7 lets the reader
 * detect the format (VG_FMT_AUTO) instead of forcing JSON Lines.
 *
 * Checked: every call returns a documented status; a skipped record says
 * where (line, offset or id) and why; records respect max_record_bytes;
 * the stream ends with VG_DONE and stays ended. */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint8_t o = fuzz_byte(&data, &size);
    fuzz_read_all(data, size, (o & 128) ? VG_FMT_AUTO : VG_FMT_JSONL, o, (o & 64) != 0);
    return 0;
}
