/* dict_petr.h — the five PETRARCH dictionary targets (fuzz_dict_verbs.c,
 * ..._actors, ..._agents, ..._discards, ..._issues), each of which defines
 * FUZZ_DICT_KIND (a vg_petr_kind) and FUZZ_DICT_FIELD (the vg_dict_options
 * member naming that file) and includes this file. The body and what it
 * checks are in dict_load.h. */
#define FUZZ_DICT_EXT ".txt"
#define FUZZ_DICT_LOAD_MEM(b, data, size, err) \
    vg_dict__load_petr_mem(b, FUZZ_DICT_KIND, data, size, "fuzz.txt", err)
#include "dict_load.h"
