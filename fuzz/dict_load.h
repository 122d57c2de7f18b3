/* dict_load.h — body of the dictionary targets: the five PETRARCH formats
 * (through dict_petr.h) and vigia's own .vgd (fuzz_vgd.c). The includer
 * defines FUZZ_DICT_FIELD (the vg_dict_options member naming the file),
 * FUZZ_DICT_EXT (the temp file's ending) and FUZZ_DICT_LOAD_MEM(b, data,
 * size, err) (the private in-memory reader, into builder b).
 *
 * Option byte: bit 0 strict load (VG_DICT_STRICT); bit 1 loads through the
 * private in-memory reader and the builder instead of the public path
 * (bytes written to a temp file, vg_dict_load); bit 2 also codes a fixed
 * sentence with the result, so the compiled structures a hostile file
 * produced are walked too.
 *
 * Checked: the status is one of the documented ones; a failure fills err
 * (message, and a line number for syntax errors) and leaves no dictionary;
 * a strict load that succeeds reported no problem; every problem reached
 * the diag callback and is counted in the stats. */
#include "fuzz.h"
#include "dict/dict.h"
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
        st = FUZZ_DICT_LOAD_MEM(b, (const char *)data, size, &err);
        if (st == VG_OK)
            st = vg_dict__builder_finish(b, &dict, &err);
        else
            vg_dict__builder_free(b);
    } else {
        char path[512];
        if (!fuzz_write_file(path, sizeof path, 0, FUZZ_DICT_EXT, data, size)) return 0;
        opt.FUZZ_DICT_FIELD = path;
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
    } else {
        fuzz_check(dict == NULL);
    }
    return 0;
}
