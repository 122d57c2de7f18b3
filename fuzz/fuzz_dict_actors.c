/* fuzz_dict_actors.c — the PETRARCH actors dictionary format (see dict_petr.h). */
#define FUZZ_DICT_KIND VG_PETR_ACTORS
#define FUZZ_DICT_FIELD actors
#include "dict_petr.h"
