/* days.c — YYYYMMDD dates as day numbers and back, for the store's periods
 * and the analyses' rolling windows. Howard Hinnant's days_from_civil /
 * civil_from_days: exact for the proleptic Gregorian calendar, no libc time
 * zone involved. */
#include "util/util.h"

int64_t vg_days_from_ymd(int32_t ymd) {
    int64_t y = ymd / 10000, m = (ymd / 100) % 100, d = ymd % 100;
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int32_t vg_ymd_from_days(int64_t z) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    return (int32_t)(y * 10000 + m * 100 + d);
}

int32_t vg_week_start(int32_t ymd) {
    int64_t days = vg_days_from_ymd(ymd);
    /* 1970-01-01 was a Thursday: Monday-based weekday = (days + 3) mod 7. */
    int64_t wd = ((days + 3) % 7 + 7) % 7;
    return vg_ymd_from_days(days - wd);
}
