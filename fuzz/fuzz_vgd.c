/* fuzz_vgd.c — vigia's own dictionary format (.vgd, docs/dictionaries.md):
 * actors, persons with dated roles, agents, verbs with pattern
 * alternatives and inflections, synsets, discards, issues.
 *
 * Option byte: bit 0 strict load (VG_DICT_STRICT); bit 1 loads through the
 * private in-memory reader (vg_dict__load_vgd_mem + builder) instead of the
 * public path (bytes written to a temp file ending in .vgd, vg_dict_load);
 * bit 2 also codes a fixed sentence with the result.
 *
 * Checked as for the PETRARCH formats (dict_petr.h): documented statuses,
 * errors with their line, strict loads that succeed reported nothing, and
 * every problem reached diag and the stats. */
#include "fuzz.h"
#include "dict/dict.h"
#include "dict/vgd.h"
#include "use_dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint8_t o = fuzz_byte(&data, &size);
    size_t problems = 0;
    vg_dict_options opt = VG_DICT_OPTIONS_INIT;
    opt.flags = (o & 1) ? VG_DICT_STRICT : 0;
    opt.diag = fuzz_diag;
    opt.payload = &problems;

    vg_dict *dict = NULL;
    vg_error err;
    vg_error_clear(&err);
    vg_status st;
    if (o & 2) {
        vg_dict_builder *b = NULL;
        st = vg_dict__builder_new(&b, &opt, &err);
        if (st != VG_OK) return 0;
        st = vg_dict__load_vgd_mem(b, (const char *)data, size, "fuzz.vgd", &err);
        if (st == VG_OK)
            st = vg_dict__builder_finish(b, &dict, &err);
        else
            vg_dict__builder_free(b);
    } else {
        char path[512];
        if (!fuzz_write_file(path, sizeof path, 0, ".vgd", data, size)) return 0;
        opt.actors = path;   /* a .vgd file in any list is read as .vgd */
        st = vg_dict_load(&dict, &opt, &err);
    }
    fuzz_check(st == VG_OK || st == VG_ERR_DICT_SYNTAX || st == VG_ERR_NOMEM ||
               st == VG_ERR_LIMIT);
    fuzz_check_error(st, &err);
    /* The place of a syntax error: file and line (finding 3 for problems
     * found when the load finishes). */
    if (st == VG_ERR_DICT_SYNTAX && !fuzz_known(3)) fuzz_check(err.line > 0 && err.file[0]);
    if (st == VG_OK) {
        fuzz_check(dict != NULL);
        vg_dict_stats stats;
        vg_dict_get_stats(dict, &stats);
        fuzz_check(stats.problems == problems);
        if (o & 1) fuzz_check(problems == 0);
        if (o & 4) use_dict(dict);
        vg_dict_free(dict);
    }
    return 0;
}
