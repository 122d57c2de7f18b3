/* pool.c — store handles shared by the server's threads.
 *
 * A vg_store belongs to one thread at a time, so each request checks one out
 * for its duration and gives it back. Handles are opened lazily (up to one per
 * worker thread) so that a server on an empty port starts fast; the first is
 * opened at start so a bad --db fails at once, not on the first request. */
#include "serve/serve.h"

#include <stdlib.h>
#include <string.h>

struct vg_store_pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *url;
    vg_store **idle;
    size_t nidle;
    unsigned open, max;
};

vg_status vg_store_pool__new(vg_store_pool **out, const char *url, unsigned n, vg_error *err) {
    *out = NULL;
    vg_store_pool *p = calloc(1, sizeof *p);
    if (!p) return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    p->max = n ? n : 1;
    p->idle = calloc(p->max, sizeof *p->idle);
    p->url = strdup(url);
    if (!p->idle || !p->url) {
        free(p->idle); free(p->url); free(p);
        return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    vg_store *st;
    vg_status rc = vg_store_open(&st, url, NULL, err);
    if (rc != VG_OK) {
        vg_store_pool__free(p);
        return rc;
    }
    p->idle[p->nidle++] = st;
    p->open = 1;
    *out = p;
    return VG_OK;
}

void vg_store_pool__free(vg_store_pool *p) {
    if (!p) return;
    for (size_t i = 0; i < p->nidle; i++) vg_store_close(p->idle[i], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p->idle);
    free(p->url);
    free(p);
}

vg_store *vg_store_pool__get(vg_store_pool *p) {
    if (!p) return NULL;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (p->nidle) {
            vg_store *st = p->idle[--p->nidle];
            pthread_mutex_unlock(&p->mu);
            return st;
        }
        if (p->open < p->max) {
            p->open++;
            pthread_mutex_unlock(&p->mu);
            vg_store *st = NULL;
            if (vg_store_open(&st, p->url, NULL, NULL) != VG_OK) {
                pthread_mutex_lock(&p->mu);
                p->open--;
                pthread_cond_signal(&p->cv);
                pthread_mutex_unlock(&p->mu);
                return NULL;
            }
            return st;
        }
        pthread_cond_wait(&p->cv, &p->mu);
    }
}

void vg_store_pool__put(vg_store_pool *p, vg_store *st) {
    if (!p || !st) return;
    pthread_mutex_lock(&p->mu);
    p->idle[p->nidle++] = st;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}
