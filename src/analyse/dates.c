/* dates.c — calendar arithmetic for periods and rolling windows. Dates are
 * YYYYMMDD integers in the store; windows need day numbers (src/util/days.c). */
#include "analyse/analyse.h"

#include <math.h>

#include <stdio.h>

int32_t vg_analyse__period_start(int32_t ymd, vg_period by) {
    switch (by) {
    case VG_PERIOD_WEEK: return vg_week_start(ymd);
    case VG_PERIOD_MONTH: return ymd / 100 * 100 + 1;
    default: return ymd;
    }
}

int32_t vg_analyse__period_next(int32_t period, vg_period by) {
    switch (by) {
    case VG_PERIOD_WEEK: return vg_ymd_from_days(vg_days_from_ymd(period) + 7);
    case VG_PERIOD_MONTH: {
        int32_t y = period / 10000, m = (period / 100) % 100;
        return m == 12 ? (y + 1) * 10000 + 101 : y * 10000 + (m + 1) * 100 + 1;
    }
    default: return vg_ymd_from_days(vg_days_from_ymd(period) + 1);
    }
}

const char *vg_analyse__period_name(vg_period by) {
    return by == VG_PERIOD_WEEK ? "week" : by == VG_PERIOD_MONTH ? "month" : "day";
}

void vg_analyse__date_str(int32_t ymd, char out[11]) {
    if (ymd <= 0) { out[0] = 0; return; }
    snprintf(out, 11, "%04d-%02d-%02d", (int)(ymd / 10000 % 10000), (int)(ymd / 100 % 100),
             (int)(ymd % 100));
}

void vg_analyse__flow_add(vg_flow *f, int quad, double goldstein, int mentions) {
    f->events++;
    if (quad >= 1 && quad <= 4) f->quad[quad]++;
    f->goldstein_sum += goldstein;
    f->mentions += mentions > 0 ? mentions : 1;
    if (goldstein > 0) f->coop += goldstein;
    else f->conf -= goldstein;
}

void vg_analyse__flow_sum(vg_flow *into, const vg_flow *f) {
    into->events += f->events;
    for (int q = 0; q < 5; q++) into->quad[q] += f->quad[q];
    into->goldstein_sum += f->goldstein_sum;
    into->mentions += f->mentions;
    into->coop += f->coop;
    into->conf += f->conf;
}

double vg_analyse__weight(double x) {
    /* + 0.0 turns -0.0 into 0.0, so that a sum that is 0 prints as 0. */
    return round(x * 1e4) / 1e4 + 0.0;
}

void vg_analyse__flow_round(vg_flow *f) {
    f->goldstein_sum = vg_analyse__weight(f->goldstein_sum);
    f->coop = vg_analyse__weight(f->coop);
    f->conf = vg_analyse__weight(f->conf);
}
