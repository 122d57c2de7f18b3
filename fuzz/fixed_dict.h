/* fixed_dict.h — a small dictionary in the PETRARCH formats, written for
 * the fuzz targets that code text (fuzz_code.c, fuzz_http.c). Compiled once
 * per process through the private in-memory loaders, so a run does not
 * depend on files outside fuzz/. The entries are facts of the 2025-26
 * Caribbean crisis (country codes, office holders), written here. */
#ifndef VG_FUZZ_FIXED_DICT_H
#define VG_FUZZ_FIXED_DICT_H

#include "fuzz.h"
#include "dict/dict.h"

static const char fixed_actors[] =
    "VENEZUELA [VEN]\n"
    "+VENEZUELAN\n"
    "+CARACAS\n"
    "NICOLAS_MADURO [VENGOV 20130419-]\n"
    "GUYANA [GUY]\n"
    "+GEORGETOWN\n"
    "UNITED_STATES [USA]\n"
    "+WASHINGTON\n"
    "+U.S.\n"
    "CUBA [CUB]\n"
    "RUSSIA [RUS]\n"
    "+MOSCOW\n"
    "CHINA [CHN]\n"
    "IRAN [IRN]\n"
    "MARIA_CORINA_MACHADO [VENOPP]\n"
    "TRINIDAD_AND_TOBAGO [TTO]\n";

static const char fixed_agents[] =
    "GOVERNMENT [~GOV]\n"
    "OPPOSITION [~OPP]\n"
    "NAVY [~MIL]\n"
    "TROOPS [~MIL]\n"
    "FOREIGN_MINISTER [~GOV]\n"
    "PRESIDENT [~GOV]\n";

static const char fixed_verbs[] =
    "&SANCTIONWORD\n"
    "+SANCTIONS\n"
    "+EMBARGO\n"
    "\n"
    "--- ACCUSE [112] ---\n"
    "ACCUSE {ACCUSES ACCUSED ACCUSING}\n"
    "- * + OF AGGRESSION [1121]\n"
    "--- IMPOSE [163] ---\n"
    "IMPOSE {IMPOSES IMPOSED IMPOSING}\n"
    "- * NEW &SANCTIONWORD ON + [163]\n"
    "--- MEET [036] ---\n"
    "MEET {MEETS MET MEETING}\n"
    "- * WITH + [036]\n"
    "--- STRIKE [190] ---\n"
    "STRIKE {STRIKES STRUCK STRIKING}\n"
    "- $ * + [195]\n"
    "--- PRAISE [051] ---\n"
    "PRAISE {PRAISES PRAISED PRAISING}\n"
    "--- SIGN [057] ---\n"
    "SIGN {SIGNS SIGNED SIGNING}\n"
    "- * AGREEMENT WITH + [057]\n"
    "- % * AGREEMENT [057]\n"
    "--- VISIT [042:043] ---\n"
    "VISIT {VISITS VISITED VISITING}\n";

static const char fixed_discards[] =
    "+BASEBALL\n"
    "MISS UNIVERSE\n";

/* The dictionary, built once; NULL if a loader is still missing pieces. */
static const vg_dict *fixed_dict(void) {
    static vg_dict *dict;
    static int tried;
    if (tried) return dict;
    tried = 1;
    vg_dict_builder *b = NULL;
    vg_error err;
    if (vg_dict__builder_new(&b, NULL, &err) != VG_OK) return NULL;
    static const struct { vg_petr_kind kind; const char *text; size_t len; const char *name; } parts[] = {
        { VG_PETR_VERBS, fixed_verbs, sizeof fixed_verbs - 1, "fixed.verbs" },
        { VG_PETR_ACTORS, fixed_actors, sizeof fixed_actors - 1, "fixed.actors" },
        { VG_PETR_AGENTS, fixed_agents, sizeof fixed_agents - 1, "fixed.agents" },
        { VG_PETR_DISCARDS, fixed_discards, sizeof fixed_discards - 1, "fixed.discards" },
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (vg_dict__load_petr_mem(b, parts[i].kind, parts[i].text, parts[i].len, parts[i].name,
                                   &err) != VG_OK) {
            fprintf(stderr, "fixed_dict: %s: %s\n", parts[i].name, err.message);
            vg_dict__builder_free(b);
            abort();
        }
    }
    if (vg_dict__builder_finish(b, &dict, &err) != VG_OK) {
        fprintf(stderr, "fixed_dict: %s\n", err.message);
        abort();
    }
    return dict;
}

#endif
