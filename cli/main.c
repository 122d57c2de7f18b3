/* main.c — the vigia command: dispatch to one cmd_<name>.c per subcommand. */
#include "cli.h"
#include <stdio.h>
#include <string.h>

/* Each subcommand lives in cli/cmd_<name>.c and exports one vg_cli_cmd
 * named vg_cmd_<name>. Add one line here per command, in help order. */
#define VG_CLI_COMMANDS(X) \
    X(vg_cmd_code) \
    X(vg_cmd_validate) \
    X(vg_cmd_dict) \
    X(vg_cmd_ingest) \
    X(vg_cmd_query) \
    X(vg_cmd_trend) \
    X(vg_cmd_network) \
    X(vg_cmd_alerts) \
    X(vg_cmd_report) \
    X(vg_cmd_serve) \
    /* end of list */

#define X_DECL(sym) extern const vg_cli_cmd sym;
VG_CLI_COMMANDS(X_DECL)
#define X_ENTRY(sym) &sym,
static const vg_cli_cmd *const commands[] = { VG_CLI_COMMANDS(X_ENTRY) NULL };

void vg_cli_error(const vg_error *err) {
    char msg[1024];
    vg_error_format(err, msg, sizeof msg);
    fprintf(stderr, "vigia: %s\n", msg);
}

void vg_cli_diag(const vg_error *diag, void *payload) {
    (void)payload;
    vg_cli_error(diag);
}

static void usage(FILE *fp) {
    fprintf(fp, "usage: vigia <command> [options]\n\ncommands:\n");
    for (size_t i = 0; commands[i]; i++)
        fprintf(fp, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(fp, "  %-10s %s\n", "version", "print the version");
    fprintf(fp, "\n`vigia <command> --help` describes each command.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) { usage(stderr); return VG_EXIT_USAGE; }
    const char *name = argv[1];
    if (!strcmp(name, "help") || !strcmp(name, "--help") || !strcmp(name, "-h")) {
        usage(stdout);
        return VG_EXIT_OK;
    }
    if (!strcmp(name, "version") || !strcmp(name, "--version")) {
        printf("vigia %s\n", VG_VERSION);
        return VG_EXIT_OK;
    }
    for (size_t i = 0; commands[i]; i++)
        if (!strcmp(commands[i]->name, name)) return commands[i]->run(argc - 1, argv + 1);
    fprintf(stderr, "vigia: unknown command '%s'\n", name);
    usage(stderr);
    return VG_EXIT_USAGE;
}
