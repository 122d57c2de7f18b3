/* error.c — vg_error helpers. Messages are impersonal one-liners; the place
 * (file:line or record id) is kept apart so callers can format it. */
#include "util.h"
#include <stdio.h>
#include <string.h>

void vg_error_clear(vg_error *err) {
    if (err) memset(err, 0, sizeof *err);
}

const char *vg_status_str(vg_status st) {
    switch (st) {
    case VG_OK: return "ok";
    case VG_DONE: return "done";
    case VG_ERR_NOMEM: return "out of memory";
    case VG_ERR_IO: return "input/output error";
    case VG_ERR_DICT_SYNTAX: return "dictionary syntax error";
    case VG_ERR_DB: return "database error";
    case VG_ERR_LIMIT: return "limit exceeded";
    case VG_ERR_INPUT: return "malformed input";
    case VG_ERR_ARG: return "invalid argument";
    case VG_ERR_NOTFOUND: return "not found";
    }
    return "unknown error";
}

vg_status vg_err_set(vg_error *err, vg_status code, const char *file, long line, const char *fmt, ...) {
    if (!err) return code;
    err->code = code;
    err->line = line;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void vg_err_set_record(vg_error *err, const char *id, size_t id_len) {
    if (!err) return;
    if (id_len >= sizeof err->record) id_len = sizeof err->record - 1;
    if (id && id_len) memcpy(err->record, id, id_len);
    err->record[id && id_len ? id_len : 0] = '\0';
}

int vg_error_format(const vg_error *err, char *buf, size_t n) {
    const char *msg = err->message[0] ? err->message : vg_status_str(err->code);
    if (err->file[0] && err->line > 0 && err->record[0])
        return snprintf(buf, n, "%s:%ld: record %s: %s", err->file, err->line, err->record, msg);
    if (err->file[0] && err->line > 0)
        return snprintf(buf, n, "%s:%ld: %s", err->file, err->line, msg);
    if (err->record[0])
        return snprintf(buf, n, "%s%srecord %s: %s", err->file, err->file[0] ? ": " : "", err->record, msg);
    if (err->file[0])
        return snprintf(buf, n, "%s: %s", err->file, msg);
    return snprintf(buf, n, "%s", msg);
}
