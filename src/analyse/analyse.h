/* analyse.h — private pieces shared by the analysis module (trend, network,
 * alerts, report). The module reads the store only through include/vigia.h
 * (vg_store_query, vg_store_series, vg_store_pairs): no SQL here. */
#ifndef VG_ANALYSE_H
#define VG_ANALYSE_H

#include "util/util.h"

#include <stdio.h>

/* ---- dates (day numbers: vg_days_from_ymd, vg_ymd_from_days in util.h) ---- */
/* First day of the period holding ymd (weeks start on Monday). */
int32_t vg_analyse__period_start(int32_t ymd, vg_period by);
/* First day of the period after the one starting at period. */
int32_t vg_analyse__period_next(int32_t period, vg_period by);
const char *vg_analyse__period_name(vg_period by);
/* "2025-09-02" into out (11 bytes); "" for 0. */
void vg_analyse__date_str(int32_t ymd, char out[11]);

/* ---- measures ---- */
/* Conflict-cooperation index (coop - conf) / (coop + conf); 0 without weight. */
static inline double vg_analyse__cci(double coop, double conf) {
    double t = coop + conf;
    return t > 0 ? (coop - conf) / t : 0.0;
}
/* Add one event to a flow (coop/conf included). */
void vg_analyse__flow_add(vg_flow *f, int quad, double goldstein, int mentions);
void vg_analyse__flow_sum(vg_flow *into, const vg_flow *f);
/* A sum of Goldstein weights rounded to 4 decimals (weights have one). The
 * same events summed in another order (event by event, or the store's daily
 * aggregate maintained in ingest order) differ in the last bits of a double;
 * rounding makes every path give the same figure. */
double vg_analyse__weight(double x);
/* vg_analyse__weight on goldstein_sum, coop and conf. */
void vg_analyse__flow_round(vg_flow *f);

/* vg_trend_build; with filter 0 the window [from, to] only sets the periods
 * listed, and the store is asked for every event of the dyad: the caller
 * knows the window covers all of them (the report uses the store's first and
 * last dates). A dyad-only query lets the store use its dyad index; with a
 * date range SQLite may prefer the date index and scan every event. */
vg_status vg_analyse__trend_build(vg_trend **out, vg_store *s, const char *a, const char *b,
                                  vg_period by, int32_t from, int32_t to, int filter, vg_error *err);
/* How a trend reads the store: the store's series (vg_store_series: the
 * daily country-pair aggregate for 3-letter dyads, a light scan of the dyad's
 * events otherwise), or every event of the dyad (vg_store_query). Both give
 * identical trends (tests/unit/test_analyse.c compares them); the event path
 * is kept as the reference. */
typedef enum vg_analyse__source { VG_ANALYSE__SERIES = 0, VG_ANALYSE__EVENTS } vg_analyse__source;
vg_status vg_analyse__trend_build_from(vg_trend **out, vg_store *s, const char *a, const char *b,
                                       vg_period by, int32_t from, int32_t to, int filter,
                                       vg_analyse__source src, vg_error *err);
/* vg_alerts_find reading day records from the store's aggregate (SERIES:
 * events are streamed only for dyads it cannot part) or from every event. */
vg_status vg_analyse__alerts_find_from(vg_alerts **out, vg_store *store, const vg_alert_options *opt,
                                       vg_analyse__source src, vg_error *err);

/* ---- actors ---- */
/* Display name of a country/region prefix (first three characters of code),
 * NULL when unknown. */
const char *vg_analyse__country_name(const char *code);
/* 0 for the non-state prefixes (IGO, NGO, IMG, MNC, UIS), world regions
 * (LAM, CRB, ...) and "---" (country unknown): 1 for a country. */
int vg_analyse__is_state(const char *code);
/* 1 for a world region (LAM, CRB, ...) or "---" (country unknown). */
int vg_analyse__is_region(const char *code);
/* The party an actor code belongs to in a dyad: its country (3 characters),
 * or 6 characters for a non-state actor (IGOUNO; 9 for a regional one,
 * IGOLAMOAS) or when domestic is set (VENGOV vs VENOPP). Writes at most 15
 * characters + NUL into out. */
void vg_analyse__party(const char *code, int domestic, char out[16]);
/* "United States" for "USA", the code itself when unknown. For 6-character
 * parties: "Venezuela GOV". Into out (n bytes). */
void vg_analyse__party_label(const char *party, char *out, size_t n);

/* ---- output helpers ---- */
/* fputs/fprintf that remember a failure; vg_analyse__out_status turns it into
 * VG_ERR_IO. */
typedef struct vg_out {
    FILE *fp;
    int failed;
} vg_out;
void vg_analyse__printf(vg_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vg_analyse__puts(vg_out *o, const char *s);
/* s as a JSON string literal (quotes included). */
void vg_analyse__json_str(vg_out *o, const char *s);
/* s escaped for XML text / attribute values. */
void vg_analyse__xml_str(vg_out *o, const char *s);
/* s as a CSV field (quoted when needed). */
void vg_analyse__csv_str(vg_out *o, const char *s);
/* A finite double for JSON ("null" for NAN/inf) with %.4g-ish precision. */
void vg_analyse__json_num(vg_out *o, double v);
vg_status vg_analyse__out_status(vg_out *o, vg_error *err);
/* Copy at most n-1 bytes of UTF-8 s into out, cutting on a character
 * boundary and ending with "..." when cut. */
void vg_analyse__clip(char *out, size_t n, const char *s);
/* Number of display columns of UTF-8 s (code points; all are one wide). */
size_t vg_analyse__width(const char *s);
/* s padded with spaces to w display columns (never cut). */
void vg_analyse__pad(vg_out *o, const char *s, size_t w);

/* Signed, Goldstein-weighted bar for a CCI in [-1, 1], 2*half+1 columns:
 * blocks to the left of '|' for conflict, to the right for cooperation. */
void vg_analyse__cci_bar(char *out, size_t n, double cci, int events, int half);

/* One alert for people: headline, summary and up to max_events events with
 * their evidence sentence (0 = all listed). */
void vg_analyse__alert_table(vg_out *o, const vg_alert *x, size_t max_events);

#endif
