/* fuzz_dict_discards.c — the PETRARCH discards dictionary format (see dict_petr.h). */
#define FUZZ_DICT_KIND VG_PETR_DISCARDS
#define FUZZ_DICT_FIELD discards
#include "dict_petr.h"
