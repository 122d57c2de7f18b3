/* fuzz_dict_verbs.c — the PETRARCH verbs dictionary format (see dict_petr.h). */
#define FUZZ_DICT_KIND VG_PETR_VERBS
#define FUZZ_DICT_FIELD verbs
#include "dict_petr.h"
