/* cmd_query.c — `vigia query`: list stored (deduplicated) events matching a
 * filter, with their mention/source/article counts and evidence, as JSON
 * Lines, CSV or TSV. */
#include "cli.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp) {
    fprintf(fp,
        "usage: vigia query [options]\n"
        "\n"
        "List the stored events that match every given filter, one event per line.\n"
        "An event is unique by (date, source, target, code); num_mentions, num_sources\n"
        "and num_articles count the sentences, publishers and documents reporting it.\n"
        "\n"
        "  --db URL           the store (default $VIGIA_DB, else vigia.db)\n"
        "filters (actor codes match as prefixes: VEN matches VENGOV, VENMIL, ...):\n"
        "  --actor A          A on either side\n"
        "  --source A  --target A\n"
        "  --dyad A,B         between A and B, both directions\n"
        "  --code C           CAMEO code prefix (17 = every 17x code)\n"
        "  --root N           root code 1..20      --quad N   quad class 1..4\n"
        "  --from DATE  --to DATE   inclusive (YYYY-MM-DD)\n"
        "  --min-mentions N   reported at least N times\n"
        "  --doc ID           events mentioned by document ID\n"
        "output:\n"
        "  --order O          date (default) | date-desc | mentions\n"
        "  --limit N  --offset N\n"
        "  --format F         jsonl (default) | csv | tsv; CSV/TSV have a header row and\n"
        "                     the most recent mention's evidence\n"
        "  --max-mentions N   JSON Lines: evidence of at most N mentions per event (20)\n"
        "  --no-evidence      leave the evidence out\n"
        "  --count            print only the number of matching events\n"
        "  --stats            print the store's totals (documents, events, ...) and exit\n"
        "\n"
        "Exit status: 0 done, 2 usage error, 3 the database failed.\n");
}

typedef enum { OUT_JSONL, OUT_CSV, OUT_TSV } out_fmt;

static bool parse_num(const char *v, long lo, long hi, long *out) {
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || end == v || *end || x < lo || x > hi) return false;
    *out = x;
    return true;
}

/* ---- writers ---- */

static void json_str(FILE *fp, const char *s) {
    fputc('"', fp);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        default:
            if (*p < 0x20) fprintf(fp, "\\u%04x", *p);
            else fputc(*p, fp);
        }
    }
    fputc('"', fp);
}

static void json_date(FILE *fp, int32_t d) {
    if (d > 0) fprintf(fp, "\"%04d-%02d-%02d\"", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
    else fputs("null", fp);
}

static void json_opt(FILE *fp, const char *s) {
    if (s) json_str(fp, s);
    else fputs("null", fp);
}

/* CSV per RFC 4180: quote when needed, double the quotes. */
static void csv_str(FILE *fp, const char *s) {
    s = s ? s : "";
    if (!strpbrk(s, ",\"\r\n")) { fputs(s, fp); return; }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"') fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

/* TSV: a value never holds a tab or newline; escape them as \t \n \\. */
static void tsv_str(FILE *fp, const char *s) {
    for (s = s ? s : ""; *s; s++) {
        if (*s == '\t') fputs("\\t", fp);
        else if (*s == '\n') fputs("\\n", fp);
        else if (*s == '\r') fputs("\\r", fp);
        else if (*s == '\\') fputs("\\\\", fp);
        else fputc(*s, fp);
    }
}

static const char *const COLUMNS[] = {
    "event_id", "date", "source", "target", "code", "root", "quad", "goldstein", "num_mentions",
    "num_sources", "num_articles", "doc_id", "publisher", "url", "sentence_text", "source_text",
    "verb_text", "target_text", NULL };

typedef struct out {
    FILE *fp;
    out_fmt fmt;
    bool evidence;
    bool failed;
} out;

static void fmt_gold(char *b, size_t n, double g) { snprintf(b, n, "%.1f", g); }

static int write_event(const vg_stored_event *e, void *payload) {
    out *o = payload;
    FILE *fp = o->fp;
    char gold[32], date[16];
    fmt_gold(gold, sizeof gold, e->goldstein);
    snprintf(date, sizeof date, "%04d-%02d-%02d", (int)(e->date / 10000), (int)(e->date / 100 % 100),
             (int)(e->date % 100));
    if (o->fmt == OUT_JSONL) {
        fprintf(fp, "{\"event_id\":%lld,\"date\":", (long long)e->id);
        json_date(fp, e->date);
        fputs(",\"source\":", fp); json_str(fp, e->source);
        fputs(",\"target\":", fp); json_str(fp, e->target);
        fputs(",\"code\":", fp); json_str(fp, e->code);
        fprintf(fp, ",\"root\":%d,\"quad\":%d,\"goldstein\":%s,\"num_mentions\":%d,"
                    "\"num_sources\":%d,\"num_articles\":%d",
                e->root, e->quad, gold, e->num_mentions, e->num_sources, e->num_articles);
        if (o->evidence) {
            fputs(",\"mentions\":[", fp);
            for (size_t i = 0; i < e->mention_count; i++) {
                const vg_mention *m = &e->mentions[i];
                fputs(i ? ",{\"doc_id\":" : "{\"doc_id\":", fp);
                json_str(fp, m->doc_id);
                fputs(",\"doc_date\":", fp); json_date(fp, m->doc_date);
                fputs(",\"publisher\":", fp); json_opt(fp, m->publisher);
                fputs(",\"url\":", fp); json_opt(fp, m->url);
                fprintf(fp, ",\"sentence\":%d,\"sentence_text\":", m->sentence);
                json_str(fp, m->sentence_text);
                fputs(",\"source_text\":", fp); json_str(fp, m->source_text);
                fputs(",\"verb_text\":", fp); json_str(fp, m->verb_text);
                fputs(",\"target_text\":", fp); json_str(fp, m->target_text);
                fputc('}', fp);
            }
            fputc(']', fp);
        }
        fputs("}\n", fp);
    } else {
        void (*str)(FILE *, const char *) = o->fmt == OUT_CSV ? csv_str : tsv_str;
        char sep = o->fmt == OUT_CSV ? ',' : '\t';
        const vg_mention *m = e->mention_count ? &e->mentions[0] : NULL;
        fprintf(fp, "%lld%c%s%c", (long long)e->id, sep, date, sep);
        str(fp, e->source); fputc(sep, fp);
        str(fp, e->target); fputc(sep, fp);
        str(fp, e->code);
        fprintf(fp, "%c%d%c%d%c%s%c%d%c%d%c%d", sep, e->root, sep, e->quad, sep, gold, sep,
                e->num_mentions, sep, e->num_sources, sep, e->num_articles);
        const char *ev[7] = { m ? m->doc_id : "", m ? m->publisher : "", m ? m->url : "",
                              m ? m->sentence_text : "", m ? m->source_text : "",
                              m ? m->verb_text : "", m ? m->target_text : "" };
        for (int i = 0; i < 7; i++) { fputc(sep, fp); str(fp, ev[i]); }
        fputc('\n', fp);
    }
    if (ferror(fp)) { o->failed = true; return 1; }
    return 0;
}

static int cmd_query(int argc, char **argv) {
    vg_query q = VG_QUERY_INIT;
    q.flags = VG_QUERY_EVIDENCE;
    const char *db = getenv("VIGIA_DB");
    out o = { stdout, OUT_JSONL, true, false };
    bool count_only = false, stats = false;
    char *dyad = NULL;
    int rc = VG_EXIT_OK;
    vg_cli_args args;
    vg_cli_args_init(&args, "query", argc, argv, NULL);
    while (vg_cli_args_next(&args)) {
        const char *name = args.name, *val;
#define FLAG(s) vg_cli_args_is(&args, s)
#define VALUE() do { if (!(val = vg_cli_args_value(&args))) { rc = VG_EXIT_USAGE; goto done; } } while (0)
        long n;
        if (FLAG("--help") || FLAG("-h")) { usage(stdout); goto done; }
        else if (FLAG("--db")) { VALUE(); db = val; }
        else if (FLAG("--actor")) { VALUE(); q.actor = val; }
        else if (FLAG("--source")) { VALUE(); q.source = val; }
        else if (FLAG("--target")) { VALUE(); q.target = val; }
        else if (FLAG("--dyad")) {
            VALUE();
            free(dyad);
            dyad = strdup(val);
            char *comma = dyad ? strchr(dyad, ',') : NULL;
            if (!comma || comma == dyad || !comma[1]) { rc = vg_cli_usage("query", "--dyad needs A,B (e.g. USA,VEN)"); goto done; }
            *comma = '\0';
            q.dyad_a = dyad;
            q.dyad_b = comma + 1;
        } else if (FLAG("--code")) {
            VALUE();
            size_t l = strlen(val);
            if (l < 1 || l > 4 || strspn(val, "0123456789") != l) {
                rc = vg_cli_usage("query", "--code must be a CAMEO code or prefix of digits (not '%s')", val);
                goto done;
            }
            q.code = val;
        } else if (FLAG("--root")) {
            VALUE();
            if (!parse_num(val, 1, 20, &n)) { rc = vg_cli_usage("query", "--root must be 1..20"); goto done; }
            q.root = (int)n;
        } else if (FLAG("--quad")) {
            VALUE();
            if (!parse_num(val, 1, 4, &n)) { rc = vg_cli_usage("query", "--quad must be 1..4"); goto done; }
            q.quad = (int)n;
        } else if (FLAG("--from") || FLAG("--to")) {
            VALUE();
            int32_t d = vg_date_parse(val, strlen(val));
            if (!d) { rc = vg_cli_usage("query", "%s '%s' is not a date (YYYY-MM-DD)", name, val); goto done; }
            if (FLAG("--from")) q.date_from = d; else q.date_to = d;
        } else if (FLAG("--min-mentions")) {
            VALUE();
            if (!parse_num(val, 1, 1000000000, &n)) { rc = vg_cli_usage("query", "--min-mentions needs a positive number"); goto done; }
            q.min_mentions = (int)n;
        } else if (FLAG("--doc")) { VALUE(); q.doc_id = val; }
        else if (FLAG("--order")) {
            VALUE();
            if (!strcmp(val, "date")) q.order = VG_ORDER_DATE;
            else if (!strcmp(val, "date-desc")) q.order = VG_ORDER_DATE_DESC;
            else if (!strcmp(val, "mentions")) q.order = VG_ORDER_MENTIONS_DESC;
            else { rc = vg_cli_usage("query", "--order must be date, date-desc or mentions"); goto done; }
        } else if (FLAG("--limit") || FLAG("--offset") || FLAG("--max-mentions")) {
            VALUE();
            if (!parse_num(val, 0, 2000000000, &n)) { rc = vg_cli_usage("query", "%s needs a number", name); goto done; }
            if (FLAG("--limit")) q.limit = (size_t)n;
            else if (FLAG("--offset")) q.offset = (size_t)n;
            else q.max_mentions = n ? (size_t)n : 1;
        } else if (FLAG("--format")) {
            VALUE();
            if (!strcmp(val, "jsonl") || !strcmp(val, "json")) o.fmt = OUT_JSONL;
            else if (!strcmp(val, "csv")) o.fmt = OUT_CSV;
            else if (!strcmp(val, "tsv")) o.fmt = OUT_TSV;
            else { rc = vg_cli_usage("query", "--format must be jsonl, csv or tsv (not '%s')", val); goto done; }
        } else if (FLAG("--no-evidence")) o.evidence = false;
        else if (FLAG("--count")) count_only = true;
        else if (FLAG("--stats")) stats = true;
        else { rc = vg_cli_usage("query", "unknown option '%s'", args.arg); goto done; }
#undef FLAG
#undef VALUE
    }
    if (o.fmt != OUT_JSONL) q.max_mentions = 1;
    if (!o.evidence) q.flags &= ~VG_QUERY_EVIDENCE;

    vg_store_options sopt = VG_STORE_OPTIONS_INIT;
    sopt.flags = VG_STORE_READONLY;
    vg_store *s = NULL;
    vg_error err;
    vg_error_clear(&err);
    if (vg_store_open(&s, db, &sopt, &err) != VG_OK) {
        vg_cli_error(&err);
        rc = VG_EXIT_RESOURCE;
        goto done;
    }
    vg_status st = VG_OK;
    if (stats) {
        vg_store_stats t;
        st = vg_store_get_stats(s, &t, &err);
        if (st == VG_OK)
            printf("backend\t%s\nschema_version\t%d\ndocuments\t%lld\nsentences\t%lld\nevents\t%lld\n"
                   "mentions\t%lld\ndate_min\t%d\ndate_max\t%d\n",
                   vg_store_backend(s), t.schema_version, (long long)t.documents,
                   (long long)t.sentences, (long long)t.events, (long long)t.mentions, t.date_min,
                   t.date_max);
    } else if (count_only) {
        int64_t n = 0;
        st = vg_store_count(s, &q, &n, &err);
        if (st == VG_OK) printf("%lld\n", (long long)n);
    } else {
        if (o.fmt != OUT_JSONL) {
            for (int i = 0; COLUMNS[i]; i++) {
                if (i) fputc(o.fmt == OUT_CSV ? ',' : '\t', stdout);
                fputs(COLUMNS[i], stdout);
            }
            fputc('\n', stdout);
        }
        st = vg_store_query(s, &q, write_event, &o, &err);
    }
    if (st != VG_OK) {
        vg_cli_error(&err);
        rc = st == VG_ERR_ARG ? VG_EXIT_USAGE : VG_EXIT_RESOURCE;
    }
    vg_store_close(s, NULL);
    if (fflush(stdout) != 0 || o.failed) {
        fprintf(stderr, "vigia query: cannot write the output: %s\n", strerror(errno));
        rc = VG_EXIT_RESOURCE;
    }
done:
    free(dyad);
    return rc;
}

const vg_cli_cmd vg_cmd_query = { "query", "list stored events by actor, dyad, code, date (JSONL, CSV, TSV)",
                                  cmd_query };
