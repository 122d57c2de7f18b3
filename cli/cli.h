/* cli.h — shared pieces of the vigia command-line tool. The CLI uses only
 * include/vigia.h from the library. */
#ifndef VG_CLI_H
#define VG_CLI_H

#include "vigia.h"

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

#endif
