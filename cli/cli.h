/* cli.h — shared pieces of the vigia command-line tool. The CLI uses only
 * include/vigia.h from the library. */
#ifndef VG_CLI_H
#define VG_CLI_H

#include "vigia.h"

#include <stdbool.h>
#include <stddef.h>

/* Exit codes, documented in docs/cli.md:
 *   0  success (possibly with skipped records, reported on stderr)
 *   1  some records were skipped as malformed (--strict-exit only) or a check failed
 *   2  usage error: bad option or argument
 *   3  a resource failed: file, database, memory */
enum { VG_EXIT_OK = 0, VG_EXIT_FAIL = 1, VG_EXIT_USAGE = 2, VG_EXIT_RESOURCE = 3 };

typedef struct vg_cli_cmd {
    const char *name;
    const char *summary;                 /* one line for `vigia help` */
    int (*run)(int argc, char **argv);   /* argv[0] is the subcommand name */
} vg_cli_cmd;

/* Print an error as "vigia: <formatted error>" on stderr. */
void vg_cli_error(const vg_error *err);
/* A vg_diag_fn that prints each diagnostic on stderr. */
void vg_cli_diag(const vg_error *diag, void *payload);

/* Options of `vigia code`, `vigia ingest` and `vigia query` (cli/options.c). */

/* Print "vigia CMD: <message>" and "(see vigia CMD --help)" on stderr;
 * returns VG_EXIT_USAGE. */
int vg_cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A byte count: digits with an optional k, M or G suffix (powers of 1024). */
bool vg_cli_parse_size(const char *v, size_t *out);

/* Walks argv option by option. An option is "--name=value", or a name whose
 * value, if it takes one, is the next argument. */
typedef struct vg_cli_args {
    const char *cmd;      /* the subcommand, for messages */
    int argc;
    char **argv;
    int i;                /* index of the current option */
    const char **files;   /* operands go here; NULL: every argument is an option */
    int nfiles;
    bool only_files;      /* after "--" */
    const char *arg;      /* the current option as given */
    char name[64];        /* its name, without "=value" */
    const char *val;      /* its value, once given or taken */
} vg_cli_args;

/* files, when not NULL, has room for argc entries: with it, "-", arguments
 * not starting with '-' and all after "--" are operands. */
void vg_cli_args_init(vg_cli_args *a, const char *cmd, int argc, char **argv, const char **files);
/* Step to the next option; false at the end of argv. */
bool vg_cli_args_next(vg_cli_args *a);
/* Whether the current option is called name. */
bool vg_cli_args_is(const vg_cli_args *a, const char *name);
/* The current option's value ("=value" or the next argument); NULL, after
 * the usage message, when there is none. */
const char *vg_cli_args_value(vg_cli_args *a);

/* What `vigia code` and `vigia ingest` share: how records are read, the
 * dictionaries and the coder's options. */
typedef struct vg_cli_coding {
    vg_reader_options ropt;
    vg_dict_options dopt;
    vg_code_options copt;
    const char *compiled;   /* --compiled FILE */
} vg_cli_coding;

/* Options `vigia code` takes beyond `vigia ingest`'s. */
enum {
    VG_CLI_TABARI = 1 << 0,   /* --input tabari */
    VG_CLI_FIELDS = 1 << 1    /* --id-field, --date-field, --text-field */
};

/* Each member set to its VG_*_OPTIONS_INIT. */
void vg_cli_coding_init(vg_cli_coding *c);
/* Take the current option if it is one of the coding options (`what`:
 * VG_CLI_* bits for the extra ones). Returns 1 when taken, 0 when it is
 * not one of them, -1 after the usage message for a bad or missing value. */
int vg_cli_coding_option(vg_cli_args *a, vg_cli_coding *c, unsigned what);
/* After the last option: -1 when the options go together, else
 * VG_EXIT_USAGE after the message. With no file named, the input is stdin
 * ("-" in a->files). */
int vg_cli_coding_done(vg_cli_args *a, const vg_cli_coding *c);
/* Open --compiled or load the dictionaries (diagnostics on stderr). */
vg_status vg_cli_coding_dict(vg_cli_coding *c, vg_dict **out, vg_error *err);

#endif
