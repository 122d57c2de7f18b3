/* cmd_serve.c — `vigia serve`: the HTTP API and dashboard. */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp) {
    fprintf(fp,
            "usage: vigia serve [--db URL] [--port 8080] [--bind 127.0.0.1] [--token T]\n"
            "                   [--web DIR] [--dict DIR] [--max-body BYTES] [--threads N] [--quiet]\n"
            "\n"
            "Serve the JSON API (docs/api.md) and the dashboard from one event store.\n"
            "\n"
            "  --db URL         store: a SQLite file or postgresql://... (default $VIGIA_DB, else vigia.db)\n"
            "  --port N         TCP port (default 8080; 0 picks a free one)\n"
            "  --bind ADDR      IPv4 address to listen on (default 127.0.0.1: this machine only)\n"
            "  --token T        enable POST /api/ingest for clients sending\n"
            "                   'Authorization: Bearer T' (also $VIGIA_TOKEN); at least 8 characters\n"
            "  --web DIR        dashboard files (default: web/dist of the build, $VIGIA_WEB_DIR)\n"
            "  --dict DIR       dictionaries for POST /api/code (default vigia's own)\n"
            "  --max-body N     request body limit in bytes (default 1048576)\n"
            "  --threads N      worker threads (default 4)\n"
            "  --quiet          do not log each request on stderr\n"
            "\n"
            "The first line on stdout is the address served, e.g. 'listening on http://127.0.0.1:8080/'.\n"
            "Stop with Ctrl-C (SIGINT) or SIGTERM.\n");
}

static void log_line(const vg_error *d, void *payload) {
    (void)payload;
    fprintf(stderr, "vigia serve: %s\n", d->message);
}

static int parse_num(const char *opt, const char *v, unsigned long max, unsigned long *out) {
    char *end;
    errno = 0;
    unsigned long x = v ? strtoul(v, &end, 10) : 0;
    if (!v || errno || *end || end == v || x > max || v[0] == '-') {
        fprintf(stderr, "vigia serve: %s needs a number from 0 to %lu\n", opt, max);
        return 0;
    }
    *out = x;
    return 1;
}

static int run(int argc, char **argv) {
    vg_server_options so = VG_SERVER_OPTIONS_INIT;
    const char *dict_dir = NULL;
    int quiet = 0;
    unsigned long port = 8080, n;
    so.db = getenv("VIGIA_DB") && *getenv("VIGIA_DB") ? getenv("VIGIA_DB") : "vigia.db";
    so.token = getenv("VIGIA_TOKEN");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage(stdout); return VG_EXIT_OK; }
        else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) quiet = 1;
        else if (!v) {
            static const char *const valued[] = { "--db", "--bind", "--token", "--web", "--dict", "--port", "--max-body", "--threads" };
            bool known = false;
            for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++) known |= !strcmp(a, valued[k]);
            fprintf(stderr, known ? "vigia serve: %s needs a value\n" : "vigia serve: unknown option %s\n", a);
            usage(stderr);
            return VG_EXIT_USAGE;
        }
        else if (!strcmp(a, "--db")) { so.db = v; i++; }
        else if (!strcmp(a, "--bind")) { so.bind = v; i++; }
        else if (!strcmp(a, "--token")) { so.token = v; i++; }
        else if (!strcmp(a, "--web")) { so.web_dir = v; i++; }
        else if (!strcmp(a, "--dict")) { dict_dir = v; i++; }
        else if (!strcmp(a, "--port")) { if (!parse_num(a, v, 65535, &port)) return VG_EXIT_USAGE; i++; }
        else if (!strcmp(a, "--max-body")) { if (!parse_num(a, v, 1ul << 30, &n)) return VG_EXIT_USAGE; so.max_body = n; i++; }
        else if (!strcmp(a, "--threads")) { if (!parse_num(a, v, 64, &n)) return VG_EXIT_USAGE; so.threads = (unsigned)n; i++; }
        else { fprintf(stderr, "vigia serve: unknown option %s\n", a); usage(stderr); return VG_EXIT_USAGE; }
    }
    so.port = (unsigned)port;
    if (!quiet) so.log = log_line;

    /* Block the stop signals before anything starts (the server's threads
     * inherit the mask): only the sigwait below receives them, also when
     * they arrive while the dictionaries load. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    vg_error err;
    vg_error_clear(&err);
    vg_dict *dict = NULL;
    vg_dict_options dopt = VG_DICT_OPTIONS_INIT;
    dopt.dir = dict_dir;
    if (vg_dict_load(&dict, &dopt, &err) != VG_OK) {
        vg_cli_error(&err);
        if (dict_dir) return VG_EXIT_RESOURCE;
        fprintf(stderr, "vigia serve: continuing without dictionaries: POST /api/code answers 503\n");
        dict = NULL;
    }
    so.dict = dict;

    vg_server *srv = NULL;
    vg_status st = vg_server_start(&srv, &so, &err);
    if (st != VG_OK) {
        vg_cli_error(&err);
        vg_dict_free(dict);
        return st == VG_ERR_ARG ? VG_EXIT_USAGE : VG_EXIT_RESOURCE;
    }
    if (!vg_server_web_root(srv))
        fprintf(stderr, "vigia serve: no dashboard files (run web/build.sh or pass --web); serving the API only\n");
    printf("listening on http://%s:%u/\n", so.bind ? so.bind : "127.0.0.1", vg_server_port(srv));
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "vigia serve: %s, stopping\n", sig == SIGINT ? "interrupted" : "terminated");
    vg_server_stop(srv);
    vg_dict_free(dict);
    return VG_EXIT_OK;
}

const vg_cli_cmd vg_cmd_serve = { "serve", "serve the HTTP API and dashboard", run };
