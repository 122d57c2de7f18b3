/* fuzz_dict_issues.c — the PETRARCH issues dictionary format (see dict_petr.h). */
#define FUZZ_DICT_KIND VG_PETR_ISSUES
#define FUZZ_DICT_FIELD issues
#include "dict_petr.h"
