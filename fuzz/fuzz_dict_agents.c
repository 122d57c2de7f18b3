/* fuzz_dict_agents.c — the PETRARCH agents dictionary format (see dict_petr.h). */
#define FUZZ_DICT_KIND VG_PETR_AGENTS
#define FUZZ_DICT_FIELD agents
#include "dict_petr.h"
