/* load.c — vg_dict_load: which files to read (a Phoenix-style directory,
 * explicit files, vigia's own .vgd dictionaries) and in what order. */
#include "dict/dict.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

const char *vg_dict_default_dir(void) {
    const char *env = getenv("VIGIA_DICT_DIR");
    if (env && *env) return env;
#ifdef VG_SOURCE_DICT_DIR
    struct stat st;
    if (stat(VG_SOURCE_DICT_DIR, &st) == 0 && S_ISDIR(st.st_mode)) return VG_SOURCE_DICT_DIR;
#endif
#ifdef VG_INSTALL_DICT_DIR
    return VG_INSTALL_DICT_DIR;
#else
    return "dict";
#endif
}

typedef enum { K_NONE = -1, K_VERBS = VG_PETR_VERBS, K_ACTORS = VG_PETR_ACTORS, K_AGENTS = VG_PETR_AGENTS,
               K_DISCARDS = VG_PETR_DISCARDS, K_ISSUES = VG_PETR_ISSUES, K_VGD = 100 } kind;

/* Kind of a dictionary file told by its name, as the Phoenix set names
 * them: CAMEO.*.txt / *verbs* (verbs), *actors*, *agents*, *discards*,
 * *issue* (issues); *.vgd is vigia's own format. */
static kind kind_of(const char *name) {
    size_t n = strlen(name);
    if (n > 4 && !strcasecmp(name + n - 4, ".vgd")) return K_VGD;
    if (n < 4 || strcasecmp(name + n - 4, ".txt")) return K_NONE;
    char low[512];
    size_t i;
    for (i = 0; i < n && i + 1 < sizeof low; i++) {
        char c = name[i];
        low[i] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    low[i] = '\0';
    if (strstr(low, "verbs") || !strncmp(low, "cameo.", 6)) return K_VERBS;
    if (strstr(low, "actors")) return K_ACTORS;
    if (strstr(low, "agents")) return K_AGENTS;
    if (strstr(low, "discards")) return K_DISCARDS;
    if (strstr(low, "issue")) return K_ISSUES;
    return K_NONE;
}

typedef struct file_list { char **v; size_t n, cap; } file_list;

static bool list_add(file_list *l, const char *path) {
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 16;
        char **nv = realloc(l->v, nc * sizeof *nv);
        if (!nv) return false;
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n] = strdup(path);
    return l->v[l->n++] != NULL;
}

static void list_free(file_list *l) {
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Every file of dir (recursively when deep; depth bounded). */
static vg_status scan_dir(const char *dir, bool deep, int depth, file_list *out, vg_error *err) {
    DIR *d = opendir(dir);
    if (!d) return vg_err_set(err, VG_ERR_IO, dir, 0, "cannot open dictionary directory: %s", strerror(errno));
    struct dirent *e;
    vg_status st = VG_OK;
    while ((e = readdir(d)) != NULL && st == VG_OK) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= sizeof path) continue;
        struct stat sb;
        if (stat(path, &sb) != 0) continue;
        if (S_ISDIR(sb.st_mode)) {
            if (deep && depth < 8) st = scan_dir(path, deep, depth + 1, out, err);
            continue;
        }
        if (kind_of(e->d_name) == K_NONE) continue;
        if (!list_add(out, path)) st = vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    }
    closedir(d);
    return st;
}

static const char *base_name(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static vg_status load_one(vg_dict_builder *b, kind k, const char *path, const vg_dict_options *opt,
                          vg_error *err) {
    if (k == K_VGD) {
        vg_dict__set_flags(b, VG_DICTF_AGENT_COUNTRY);
        return vg_dict__load_vgd(b, path, opt, err);
    }
    char *buf;
    size_t len;
    vg_status st = vg_dict__read_file(path, &buf, &len, err);
    if (st) return st;
    st = vg_dict__load_petr_mem(b, (vg_petr_kind)k, buf, len, path, err);
    free(buf);
    return st;
}

/* Load a comma-separated list of files of kind k. */
static vg_status load_list(vg_dict_builder *b, kind k, const char *list, const vg_dict_options *opt,
                           vg_error *err) {
    const char *p = list;
    while (*p) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if (n) {
            char path[4096];
            if (n >= sizeof path) return vg_err_set(err, VG_ERR_ARG, NULL, 0, "dictionary path too long");
            memcpy(path, p, n);
            path[n] = '\0';
            kind fk = kind_of(base_name(path)) == K_VGD ? K_VGD : k;
            vg_status st = load_one(b, fk, path, opt, err);
            if (st) return st;
        }
        p = c ? c + 1 : p + n;
    }
    return VG_OK;
}

vg_status vg_dict_load(vg_dict **out, const vg_dict_options *opt, vg_error *err) {
    *out = NULL;
    vg_dict_options def = VG_DICT_OPTIONS_INIT;
    if (!opt) opt = &def;
    vg_dict_builder *b;
    vg_status st = vg_dict__builder_new(&b, opt, err);
    if (st) return st;
    const char *over[5] = { opt->verbs, opt->actors, opt->agents, opt->discards, opt->issues };
    bool any_over = false;
    for (int i = 0; i < 5; i++) any_over |= over[i] != NULL;
    file_list files = { NULL, 0, 0 };
    if (opt->dir) {
        st = scan_dir(opt->dir, true, 0, &files, err);
    } else if (!any_over) {
        const char *dd = vg_dict_default_dir();
        st = scan_dir(dd, true, 0, &files, err);
        if (st == VG_OK && files.n == 0)
            st = vg_err_set(err, VG_ERR_NOTFOUND, dd, 0, "no dictionary files found (set VIGIA_DICT_DIR or --dict)");
    }
    if (files.n) qsort(files.v, files.n, sizeof *files.v, cmp_str);
    /* Directory files in name order, except kinds given explicitly. */
    for (size_t i = 0; i < files.n && st == VG_OK; i++) {
        kind k = kind_of(base_name(files.v[i]));
        if (k != K_VGD && over[k]) continue;
        st = load_one(b, k, files.v[i], opt, err);
    }
    list_free(&files);
    for (int i = 0; i < 5 && st == VG_OK; i++)
        if (over[i]) st = load_list(b, (kind)i, over[i], opt, err);
    if (st) {
        vg_dict__builder_free(b);
        return st;
    }
    return vg_dict__builder_finish(b, out, err);
}
