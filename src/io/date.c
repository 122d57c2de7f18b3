/* date.c — the dates records carry: "YYYY-MM-DD", "YYYYMMDD", or an
 * ISO-8601 date-time whose date part is used as written (no time-zone
 * shift: a story dated in its own zone keeps that day). */
#include "io.h"

static int digits(const char *s, size_t n) {
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static bool valid_ymd(int y, int m, int d) {
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return false;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
    return true;
}

int32_t vg_date_parse(const char *s, size_t len) {
    if (!s) return 0;
    while (len && (*s == ' ' || *s == '\t')) { s++; len--; }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    int y, m, d;
    size_t used;
    if (len >= 10 && s[4] == '-' && s[7] == '-') {
        y = digits(s, 4); m = digits(s + 5, 2); d = digits(s + 8, 2);
        used = 10;
    } else if (len >= 8) {
        y = digits(s, 4); m = digits(s + 4, 2); d = digits(s + 6, 2);
        used = 8;
    } else {
        return 0;
    }
    if (y < 0 || m < 0 || d < 0 || !valid_ymd(y, m, d)) return 0;
    if (used < len) {
        /* A time may follow ("T10:30:00Z", " 10:30"); a bare YYYYMMDD must
         * stand alone so that "202511041" is not read as a date. */
        if (used == 8 && s[8] != 'T') return 0;
        if (s[used] != 'T' && s[used] != ' ') return 0;
        if (len - used < 3 || digits(s + used + 1, 2) < 0) return 0;
    }
    return (int32_t)(y * 10000 + m * 100 + d);
}
