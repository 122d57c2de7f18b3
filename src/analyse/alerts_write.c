/* alerts_write.c — alerts as a table with their evidence, JSON or CSV. */
#include "analyse/analyse.h"

#include <string.h>

void vg_analyse__alert_table(vg_out *o, const vg_alert *x, size_t max_events) {
    char d[11], head[64];
    vg_analyse__date_str(x->date, d);
    snprintf(head, sizeof head, "%s-%s", x->a, x->b);
    vg_analyse__printf(o, "%s  %-14s %-15s ", d, vg_alert_kind_str(x->kind), head);
    if (x->kind == VG_ALERT_SPIKE) vg_analyse__printf(o, "z=%.1f  ", x->z);
    vg_analyse__printf(o, "%s\n", x->summary ? x->summary : "");
    size_t n = max_events && max_events < x->event_count ? max_events : x->event_count;
    for (size_t i = 0; i < n; i++) {
        const vg_alert_event *e = &x->events[i];
        char ed[11], sent[200];
        vg_analyse__date_str(e->date, ed);
        vg_analyse__clip(sent, sizeof sent, e->sentence);
        vg_analyse__printf(o, "      %s %s -> %s %s (%+.1f)", ed, e->source, e->target, e->code, e->goldstein);
        if (e->num_mentions > 1) vg_analyse__printf(o, " x%d", e->num_mentions);
        vg_analyse__printf(o, " #%lld", (long long)e->id);
        if (*e->doc_id) vg_analyse__printf(o, " [%s]", e->doc_id);
        vg_analyse__puts(o, "\n");
        if (*sent) vg_analyse__printf(o, "        \"%s\"\n", sent);
    }
    if (n < x->event_count) vg_analyse__printf(o, "      ... %zu more\n", x->event_count - n);
}

static void json_alert(vg_out *o, const vg_alert *x) {
    char d1[11], d2[11];
    vg_analyse__date_str(x->date, d1);
    vg_analyse__date_str(x->last_date, d2);
    vg_analyse__printf(o, "{\"kind\":\"%s\",\"a\":", vg_alert_kind_str(x->kind));
    vg_analyse__json_str(o, x->a);
    vg_analyse__puts(o, ",\"b\":");
    vg_analyse__json_str(o, x->b);
    vg_analyse__printf(o, ",\"date\":\"%s\",\"last_date\":\"%s\",\"value\":", d1, d2);
    vg_analyse__json_num(o, x->value);
    if (x->kind == VG_ALERT_SPIKE) {
        vg_analyse__puts(o, ",\"z\":");
        vg_analyse__json_num(o, x->z);
        vg_analyse__puts(o, ",\"baseline_mean\":");
        vg_analyse__json_num(o, x->baseline_mean);
        vg_analyse__puts(o, ",\"baseline_sd\":");
        vg_analyse__json_num(o, x->baseline_sd);
    }
    if (x->kind == VG_ALERT_TURN) {
        vg_analyse__puts(o, ",\"cci_before\":");
        vg_analyse__json_num(o, x->index_before);
        vg_analyse__puts(o, ",\"cci_after\":");
        vg_analyse__json_num(o, x->value);
    }
    vg_analyse__puts(o, ",\"summary\":");
    vg_analyse__json_str(o, x->summary);
    vg_analyse__puts(o, ",\"events\":[");
    for (size_t i = 0; i < x->event_count; i++) {
        const vg_alert_event *e = &x->events[i];
        char ed[11];
        vg_analyse__date_str(e->date, ed);
        vg_analyse__printf(o, "%s{\"id\":%lld,\"date\":\"%s\",\"source\":", i ? "," : "", (long long)e->id, ed);
        vg_analyse__json_str(o, e->source);
        vg_analyse__puts(o, ",\"target\":");
        vg_analyse__json_str(o, e->target);
        vg_analyse__puts(o, ",\"code\":");
        vg_analyse__json_str(o, e->code);
        vg_analyse__printf(o, ",\"quad\":%d,\"goldstein\":", e->quad);
        vg_analyse__json_num(o, e->goldstein);
        vg_analyse__printf(o, ",\"num_mentions\":%d,\"doc_id\":", e->num_mentions);
        vg_analyse__json_str(o, e->doc_id);
        vg_analyse__puts(o, ",\"sentence\":");
        vg_analyse__json_str(o, e->sentence);
        vg_analyse__puts(o, "}");
    }
    vg_analyse__puts(o, "]}");
}

vg_status vg_alerts_write(const vg_alerts *al, FILE *fp, vg_out_format fmt, vg_error *err) {
    vg_out o = { fp, 0 };
    size_t n = vg_alerts_count(al);
    switch (fmt) {
    case VG_OUT_TABLE:
        if (!n) vg_analyse__puts(&o, "no alerts\n");
        for (size_t i = 0; i < n; i++) {
            if (i) vg_analyse__puts(&o, "\n");
            vg_analyse__alert_table(&o, vg_alerts_at(al, i), 0);
        }
        break;
    case VG_OUT_JSON:
        vg_analyse__puts(&o, "{\"alerts\":[");
        for (size_t i = 0; i < n; i++) {
            if (i) vg_analyse__puts(&o, ",");
            json_alert(&o, vg_alerts_at(al, i));
        }
        vg_analyse__puts(&o, "]}\n");
        break;
    case VG_OUT_CSV:
        vg_analyse__puts(&o, "date,last_date,kind,a,b,value,z,baseline_mean,baseline_sd,cci_before,events,event_ids,summary\n");
        for (size_t i = 0; i < n; i++) {
            const vg_alert *x = vg_alerts_at(al, i);
            char d1[11], d2[11];
            vg_analyse__date_str(x->date, d1);
            vg_analyse__date_str(x->last_date, d2);
            vg_analyse__printf(&o, "%s,%s,%s,", d1, d2, vg_alert_kind_str(x->kind));
            vg_analyse__csv_str(&o, x->a);
            vg_analyse__puts(&o, ",");
            vg_analyse__csv_str(&o, x->b);
            vg_analyse__printf(&o, ",%.4f,%.4f,%.4f,%.4f,%.4f,%zu,", x->value, x->z, x->baseline_mean,
                               x->baseline_sd, x->index_before, x->event_count);
            for (size_t k = 0; k < x->event_count; k++)
                vg_analyse__printf(&o, "%s%lld", k ? " " : "", (long long)x->events[k].id);
            vg_analyse__puts(&o, ",");
            vg_analyse__csv_str(&o, x->summary);
            vg_analyse__puts(&o, "\n");
        }
        break;
    default: return vg_err_set(err, VG_ERR_ARG, NULL, 0, "alerts are written as table, json or csv");
    }
    return vg_analyse__out_status(&o, err);
}
