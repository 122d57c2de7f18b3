/* mkdb.c — fill a test event store with generated, deterministic events for
 * the API and browser tests, through the public store API.
 *
 *   serve_mkdb DB_URL DUMP.jsonl [SEED]
 *
 * The relations follow a fixed script (cooperation among allies, conflict
 * between rivals, a late conflict spike and a cooperation-to-conflict turn)
 * so that trend, network and alerts all have something to show. Every stored
 * event is also written to DUMP as one JSON line (date, source, target,
 * code, quad, goldstein, doc) so the tests can compute expected answers
 * independently of the server. */
#include "vigia.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct rel {
    const char *src, *tgt;
    const char *src_name, *tgt_name;
    int32_t from, to;     /* active window */
    int per_week;         /* events per week, roughly */
    const char *codes[4]; /* chosen at random */
} rel;

static const rel script[] = {
    { "USA", "VEN", "The United States", "Venezuela", 20250801, 20260120, 3, { "112", "163", "130", "111" } },
    { "VEN", "USA", "Venezuela", "the United States", 20250801, 20260120, 3, { "112", "111", "130", "125" } },
    { "USAMIL", "VEN", "The US military", "a Venezuelan vessel", 20251113, 20251129, 14, { "190", "195", "183", "190" } },
    { "VEN", "RUS", "Venezuela", "Russia", 20250801, 20260120, 2, { "036", "057", "061", "043" } },
    { "RUS", "VEN", "Russia", "Venezuela", 20250801, 20260120, 2, { "051", "062", "057", "042" } },
    { "CHN", "VEN", "China", "Venezuela", 20250801, 20260120, 2, { "051", "061", "057", "036" } },
    { "VEN", "CUB", "Venezuela", "Cuba", 20250801, 20260120, 1, { "051", "061", "036", "057" } },
    { "IRN", "VEN", "Iran", "Venezuela", 20250901, 20260120, 1, { "051", "057", "036", "061" } },
    { "USA", "GUY", "The United States", "Guyana", 20250801, 20260120, 2, { "062", "057", "051", "042" } },
    { "GUY", "USA", "Guyana", "the United States", 20250801, 20260120, 1, { "051", "043", "057", "036" } },
    { "VEN", "GUY", "Venezuela", "Guyana", 20250801, 20260120, 1, { "112", "130", "138", "111" } },
    { "GUY", "VEN", "Guyana", "Venezuela", 20250801, 20260120, 1, { "112", "111", "114", "112" } },
    { "USA", "TTO", "The United States", "Trinidad and Tobago", 20250801, 20260120, 1, { "062", "051", "057", "042" } },
    { "COL", "USA", "Colombia", "the United States", 20250801, 20250914, 3, { "051", "062", "057", "036" } },
    { "COL", "USA", "Colombia", "the United States", 20250915, 20260120, 3, { "112", "111", "1246", "130" } },
    { "USA", "COL", "The United States", "Colombia", 20250915, 20260120, 2, { "163", "112", "111", "172" } },
    { "BRA", "VEN", "Brazil", "Venezuela", 20250801, 20260120, 1, { "036", "040", "051", "043" } },
    { "CUB", "USA", "Cuba", "the United States", 20250801, 20260120, 1, { "111", "112", "111", "112" } },
};

static const char *verb_of(const char *code) {
    const vg_cameo *c = vg_cameo_find(code, strlen(code));
    return c ? c->name : "acted towards";
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Days since 1970-01-01 and back, through timegm (UTC, no time zone). */
static int64_t days(int32_t ymd) {
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = ymd / 10000 - 1900;
    tm.tm_mon = ymd / 100 % 100 - 1;
    tm.tm_mday = ymd % 100;
    return (int64_t)(timegm(&tm) / 86400);
}

static int32_t ymd_of(int64_t d) {
    time_t t = (time_t)(d * 86400);
    struct tm tm;
    gmtime_r(&t, &tm);
    return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

typedef struct key { int32_t date; char src[8], tgt[8], code[8]; } key;

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: serve_mkdb DB_URL DUMP.jsonl [SEED]\n");
        return 2;
    }
    if (argc > 3) rng ^= strtoull(argv[3], NULL, 10) * 2654435761ull;
    vg_error err;
    vg_error_clear(&err);
    vg_store *st;
    if (vg_store_open(&st, argv[1], NULL, &err) != VG_OK) {
        char m[512];
        vg_error_format(&err, m, sizeof m);
        fprintf(stderr, "serve_mkdb: %s\n", m);
        return 3;
    }
    FILE *dump = fopen(argv[2], "w");
    if (!dump) { perror(argv[2]); return 3; }
    key *seen = NULL;
    size_t nseen = 0, cap = 0, docs = 0;
    for (size_t r = 0; r < sizeof script / sizeof script[0]; r++) {
        const rel *R = &script[r];
        for (int64_t d = days(R->from); d <= days(R->to); d++) {
            if ((int)(next_rand() % 7) >= R->per_week) continue;
            int32_t date = ymd_of(d);
            const char *code = R->codes[next_rand() % 4];
            const vg_cameo *cm = vg_cameo_find(code, strlen(code));
            if (!cm) continue;
            bool dup = false;
            for (size_t i = 0; i < nseen && !dup; i++)
                dup = seen[i].date == date && !strcmp(seen[i].src, R->src) && !strcmp(seen[i].tgt, R->tgt) &&
                      !strcmp(seen[i].code, code);
            if (dup) continue;
            if (nseen == cap) {
                cap = cap ? cap * 2 : 256;
                seen = realloc(seen, cap * sizeof *seen);
                if (!seen) return 3;
            }
            key *k = &seen[nseen++];
            memset(k, 0, sizeof *k);
            k->date = date;
            snprintf(k->src, sizeof k->src, "%s", R->src);
            snprintf(k->tgt, sizeof k->tgt, "%s", R->tgt);
            snprintf(k->code, sizeof k->code, "%s", code);

            /* One or two articles report it (so num_mentions varies). */
            int reports = 1 + (int)(next_rand() % 3 == 0);
            for (int rep = 0; rep < reports; rep++) {
                char sentence[512], id[96], extra[96];
                const char *verb = verb_of(code);
                int n = snprintf(sentence, sizeof sentence, "%s said it would %s %s, officials said on %d.",
                                 R->src_name, verb, R->tgt_name, (int)date);
                if (n < 0 || (size_t)n >= sizeof sentence) continue;
                snprintf(id, sizeof id, "gen-%zu-%d", docs, rep);
                snprintf(extra, sizeof extra, "\"source\":\"%s\"", rep ? "Wire B" : "Wire A");
                docs++;
                vg_record rec;
                memset(&rec, 0, sizeof rec);
                rec.id = id; rec.id_len = strlen(id);
                rec.date = date;
                rec.text = sentence; rec.text_len = (size_t)n;
                rec.extra = extra; rec.extra_len = strlen(extra);
                vg_event ev;
                memset(&ev, 0, sizeof ev);
                ev.date = date;
                ev.source = R->src;
                ev.target = R->tgt;
                snprintf(ev.code, sizeof ev.code, "%s", code);
                ev.root = cm->root;
                ev.quad = cm->quad;
                ev.goldstein = cm->goldstein;
                ev.sentence_text = (vg_span){ sentence, (size_t)n };
                ev.source_text = (vg_span){ sentence, strlen(R->src_name) };
                const char *vp = strstr(sentence, verb);
                ev.verb_text = (vg_span){ vp, vp ? strlen(verb) : 0 };
                const char *tp = vp ? strstr(vp + strlen(verb), R->tgt_name) : NULL;
                ev.target_text = (vg_span){ tp, tp ? strlen(R->tgt_name) : 0 };
                if (vg_store_put_events(st, &rec, &ev, 1, &err) != VG_OK) {
                    char m[512];
                    vg_error_format(&err, m, sizeof m);
                    fprintf(stderr, "serve_mkdb: %s\n", m);
                    return 3;
                }
            }
            fprintf(dump, "{\"date\":%d,\"source\":\"%s\",\"target\":\"%s\",\"code\":\"%s\",\"root\":%d,"
                          "\"quad\":%d,\"goldstein\":%.1f,\"mentions\":%d}\n",
                    (int)date, R->src, R->tgt, code, cm->root, cm->quad, cm->goldstein, reports);
        }
    }
    if (vg_store_close(st, &err) != VG_OK) {
        char m[512];
        vg_error_format(&err, m, sizeof m);
        fprintf(stderr, "serve_mkdb: %s\n", m);
        return 3;
    }
    fclose(dump);
    free(seen);
    printf("serve_mkdb: %zu events from %zu documents\n", nseen, docs);
    return 0;
}
