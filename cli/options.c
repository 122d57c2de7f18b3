/* options.c — option parsing that `vigia code`, `vigia ingest` and
 * `vigia query` share (cli.h), so their options read and fail alike. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vg_cli_usage(const char *cmd, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "vigia %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see vigia %s --help)\n", cmd);
    va_end(ap);
    return VG_EXIT_USAGE;
}

bool vg_cli_parse_size(const char *v, size_t *out) {
    char *end;
    errno = 0;
    if (!v || v[0] < '0' || v[0] > '9') return false;
    unsigned long long x = strtoull(v, &end, 10);
    if (errno || end == v) return false;
    unsigned long long mul = 1;
    if (*end == 'k' || *end == 'K') { mul = 1024; end++; }
    else if (*end == 'm' || *end == 'M') { mul = 1024 * 1024; end++; }
    else if (*end == 'g' || *end == 'G') { mul = 1024ull * 1024 * 1024; end++; }
    if (*end || x > SIZE_MAX / mul) return false;
    *out = (size_t)(x * mul);
    return true;
}

/* ------------------------------------------------------------------------ */
/* Walking argv                                                              */
/* ------------------------------------------------------------------------ */

void vg_cli_args_init(vg_cli_args *a, const char *cmd, int argc, char **argv, const char **files) {
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->argc = argc;
    a->argv = argv;
    a->files = files;
}

bool vg_cli_args_next(vg_cli_args *a) {
    while (++a->i < a->argc) {
        const char *s = a->argv[a->i];
        if (a->files) {
            if (a->only_files || s[0] != '-' || !strcmp(s, "-")) { a->files[a->nfiles++] = s; continue; }
            if (!strcmp(s, "--")) { a->only_files = true; continue; }
        }
        a->arg = s;
        a->val = NULL;
        const char *eq = strchr(s, '=');
        if (s[0] == '-' && s[1] == '-' && eq && (size_t)(eq - s) < sizeof a->name) {
            memcpy(a->name, s, (size_t)(eq - s));
            a->name[eq - s] = '\0';
            a->val = eq + 1;
        } else {
            /* a name too long for the buffer is cut: it is unknown either way */
            snprintf(a->name, sizeof a->name, "%s", s);
        }
        return true;
    }
    return false;
}

bool vg_cli_args_is(const vg_cli_args *a, const char *name) { return !strcmp(a->name, name); }

const char *vg_cli_args_value(vg_cli_args *a) {
    if (!a->val) {
        if (a->i + 1 >= a->argc) {
            vg_cli_usage(a->cmd, "%s needs a value", a->name);
            return NULL;
        }
        a->val = a->argv[++a->i];
    }
    return a->val;
}

/* ------------------------------------------------------------------------ */
/* Coding options                                                            */
/* ------------------------------------------------------------------------ */

void vg_cli_coding_init(vg_cli_coding *c) {
    vg_reader_options ropt = VG_READER_OPTIONS_INIT;
    vg_dict_options dopt = VG_DICT_OPTIONS_INIT;
    vg_code_options copt = VG_CODE_OPTIONS_INIT;
    c->ropt = ropt;
    c->dopt = dopt;
    c->copt = copt;
    c->compiled = NULL;
}

static int input_format(vg_cli_args *a, vg_cli_coding *c, unsigned what, const char *val) {
    if (!strcmp(val, "auto")) c->ropt.format = VG_FMT_AUTO;
    else if (!strcmp(val, "text")) c->ropt.format = VG_FMT_TEXT;
    else if (!strcmp(val, "jsonl") || !strcmp(val, "json")) c->ropt.format = VG_FMT_JSONL;
    else if (!strcmp(val, "xml") || !strcmp(val, "petrxml")) c->ropt.format = VG_FMT_PETRXML;
    else if (!strcmp(val, "events")) c->ropt.format = VG_FMT_EVENTS;
    else if ((what & VG_CLI_TABARI) && !strcmp(val, "tabari")) c->ropt.format = VG_FMT_TABARI;
    else {
        vg_cli_usage(a->cmd, "--input must be text, jsonl, xml, %sevents or auto (not '%s')",
                     what & VG_CLI_TABARI ? "tabari, " : "", val);
        return -1;
    }
    return 1;
}

int vg_cli_coding_option(vg_cli_args *a, vg_cli_coding *c, unsigned what) {
    if (vg_cli_args_is(a, "--strict")) { c->dopt.flags |= VG_DICT_STRICT; return 1; }
    if (vg_cli_args_is(a, "--all-events")) { c->copt.flags |= VG_CODE_ALL_EVENTS; return 1; }
    const char **slot = NULL;
    bool fields = what & VG_CLI_FIELDS;
    if (vg_cli_args_is(a, "--id")) slot = &c->ropt.default_id;
    else if (fields && vg_cli_args_is(a, "--id-field")) slot = &c->ropt.id_field;
    else if (fields && vg_cli_args_is(a, "--date-field")) slot = &c->ropt.date_field;
    else if (fields && vg_cli_args_is(a, "--text-field")) slot = &c->ropt.text_field;
    else if (vg_cli_args_is(a, "--dict")) slot = &c->dopt.dir;
    else if (vg_cli_args_is(a, "--verbs")) slot = &c->dopt.verbs;
    else if (vg_cli_args_is(a, "--actors")) slot = &c->dopt.actors;
    else if (vg_cli_args_is(a, "--agents")) slot = &c->dopt.agents;
    else if (vg_cli_args_is(a, "--discards")) slot = &c->dopt.discards;
    else if (vg_cli_args_is(a, "--issues")) slot = &c->dopt.issues;
    else if (vg_cli_args_is(a, "--compiled")) slot = &c->compiled;
    else if (!vg_cli_args_is(a, "--input") && !vg_cli_args_is(a, "--date") &&
             !vg_cli_args_is(a, "--max-record-bytes"))
        return 0;
    const char *val = vg_cli_args_value(a);
    if (!val) return -1;
    if (slot) { *slot = val; return 1; }
    if (vg_cli_args_is(a, "--input")) return input_format(a, c, what, val);
    if (vg_cli_args_is(a, "--date")) {
        c->ropt.default_date = vg_date_parse(val, strlen(val));
        if (!c->ropt.default_date) {
            vg_cli_usage(a->cmd, "--date '%s' is not a date (YYYY-MM-DD)", val);
            return -1;
        }
        return 1;
    }
    if (!vg_cli_parse_size(val, &c->ropt.max_record_bytes) || c->ropt.max_record_bytes == 0) {
        vg_cli_usage(a->cmd, "--max-record-bytes needs a positive size (e.g. 1048576, 64M)");
        return -1;
    }
    return 1;
}

int vg_cli_coding_done(vg_cli_args *a, const vg_cli_coding *c) {
    const vg_dict_options *d = &c->dopt;
    if (c->compiled && (d->dir || d->verbs || d->actors || d->agents || d->discards || d->issues))
        return vg_cli_usage(a->cmd, "--compiled cannot be combined with --dict or single dictionary files");
    if (a->nfiles == 0) a->files[a->nfiles++] = "-";
    return -1;
}

vg_status vg_cli_coding_dict(vg_cli_coding *c, vg_dict **out, vg_error *err) {
    if (c->compiled) return vg_dict_open_compiled(out, c->compiled, err);
    c->dopt.diag = vg_cli_diag;
    return vg_dict_load(out, &c->dopt, err);
}
