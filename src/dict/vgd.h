/* vgd.h — vigia's own dictionary format (.vgd): the reader and its word
 * helpers. Private to the library. The format is specified in
 * docs/dictionaries.md; vg_dict__load_vgd (declared in dict.h) reads a file.
 *
 * Everything here works on caller-owned buffers and is thread-safe. */
#ifndef VG_VGD_H
#define VG_VGD_H

#include "dict/dict.h"

/** Read .vgd text already in memory into b. name is used in messages
 *  ("name:line: message"); buf need not be NUL-terminated. Returns VG_OK,
 *  VG_ERR_NOMEM, or VG_ERR_DICT_SYNTAX when the load is strict and a line
 *  is malformed (err names file:line). */
vg_status vg_dict__load_vgd_mem(vg_dict_builder *b, const char *buf, size_t len, const char *name,
                                vg_error *err);

/** Longest word the inflection helpers handle (bytes, without NUL). */
#define VG_VGD_MAX_WORD 63

/** The inflected forms of a verb lemma: base, third person singular, past,
 *  past participle(s), gerund. Irregular verbs give their irregular past
 *  and participle; some have two (got/gotten: both listed). */
typedef struct vg_vgd_forms {
    char form[6][VG_VGD_MAX_WORD + 8];
    int n;   /* number of distinct forms in form[] (base first) */
} vg_vgd_forms;

/** Fill out with the forms of lemma (lower-case ASCII letters, optionally
 *  with a hyphen). Returns false when the lemma is empty, too long or not a
 *  plain word; then out is untouched. */
bool vg_vgd__inflect(const char *lemma, size_t len, vg_vgd_forms *out);

/** The regular plural of a noun phrase: the word before " of " when there
 *  is one ("minister of defence" → "ministers of defence"), else the last
 *  word; -man → -men, consonant+y → -ies, sibilants → -es, a few -f/-fe →
 *  -ves, consonant+o nouns that take -es. Writes at most cap bytes with a
 *  NUL and returns the length wanted (like snprintf); 0 when the phrase
 *  has no word to inflect. */
size_t vg_vgd__plural(const char *phrase, size_t len, char *out, size_t cap);

#endif
