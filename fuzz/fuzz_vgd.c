/* fuzz_vgd.c — vigia's own dictionary format (.vgd, docs/dictionaries.md):
 * actors, persons with dated roles, agents, verbs with pattern
 * alternatives and inflections, synsets, discards, issues.
 *
 * Option byte: bit 0 strict load (VG_DICT_STRICT); bit 1 loads through the
 * private in-memory reader (vg_dict__load_vgd_mem + builder) instead of the
 * public path (bytes written to a temp file ending in .vgd, vg_dict_load);
 * bit 2 also codes a fixed sentence with the result.
 *
 * Checked as for the PETRARCH formats (dict_load.h): documented statuses,
 * errors with their line, strict loads that succeed reported nothing, and
 * every problem reached diag and the stats. */
#include "fuzz.h"
#include "dict/dict.h"
#include "dict/vgd.h"

#define FUZZ_DICT_FIELD actors   /* a .vgd file in any list is read as .vgd */
#define FUZZ_DICT_EXT ".vgd"
#define FUZZ_DICT_LOAD_MEM(b, data, size, err) vg_dict__load_vgd_mem(b, data, size, "fuzz.vgd", err)
#include "dict_load.h"
