/* fuzz_tabari.c — the TABARI records reader ("YYMMDD ID" line, the text,
 * an optional comment with gold events in braces) through
 * vg_reader_open_mem / vg_reader_next.
 *
 * Option byte: bits 0-2 reader options (reader.h), bit 6 reads through a
 * temporary file (vg_reader_open) instead of memory, bit 7 VG_FMT_AUTO.
 * Checks as for fuzz_jsonl.c, plus gold events being complete. */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint8_t o = fuzz_byte(&data, &size);
    fuzz_read_all(data, size, (o & 128) ? VG_FMT_AUTO : VG_FMT_TABARI, o, (o & 64) != 0);
    return 0;
}
