/* compiled.c — vg_dict_save_compiled / vg_dict_open_compiled: the compiled
 * dictionary as one file that is mapped, not parsed.
 *
 * The file is the dictionary's own arrays written one after the other
 * (16-byte aligned), after a header that says where each one is. Strings
 * (words, codes, names) live in one pool; inside the arrays every string
 * pointer is replaced by its offset in the pool plus one (0 = NULL). To
 * open, the file is mapped private, checked (bounds of every section, of
 * every index and every string offset, so that a damaged or hostile file
 * is refused rather than read out of bounds) and the string offsets of the
 * few arrays that hold them are turned back into pointers in place — only
 * those pages are copied; the tries and hash tables stay shared with the
 * page cache. The format is tied to the build: pointer size, byte order
 * and every record size are in the header and must match. */
#include "dict/dict_impl.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "VGDICT\0\1"
#define FORMAT_VERSION 2u

enum { S_STRINGS, S_WORD_OFF, S_WORD_LEN, S_WORD_HASH, S_NODES, S_EDGES, S_ACTORS, S_CODES, S_AGENTS,
       S_ISSUES, S_FORMS, S_BLOCKS, S_PATS, S_ELEMS, S_COUNT };

typedef struct section { uint64_t off, count; } section;

typedef struct header {
    char magic[8];
    uint32_t version, ptr_size, endian, nsizes;
    uint32_t sizes[S_COUNT];       /* record size of each section */
    uint64_t total;                /* file size */
    uint64_t nwords;               /* word ids 1..nwords-1 */
    uint64_t flags;                /* VG_DICTF_* */
    vg_dict_stats stats;
    section sec[S_COUNT];
} header;

static const uint32_t rec_size[S_COUNT] = {
    1, sizeof(uint64_t), sizeof(uint32_t), sizeof(uint32_t), sizeof(vg_dnode), sizeof(vg_dedge),
    sizeof(vg_dactor), sizeof(vg_dcode), sizeof(vg_dagent), sizeof(vg_dissue), sizeof(vg_dform),
    sizeof(vg_dblock), sizeof(vg_dpattern), sizeof(vg_delem),
};

/* ---- writing ---- */

/* String pool with pointer de-duplication (the same interned file name or
 * code pointer is shared by many records). */
typedef struct pool {
    vg_buf b;
    const char **keys; uint64_t *vals; size_t cap, n;
} pool;

static uint64_t pool_add(pool *p, const char *s) {
    if (!s) return 0;
    if ((p->n + 1) * 2 > p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 4096;
        const char **nk = calloc(nc, sizeof *nk);
        uint64_t *nv = calloc(nc, sizeof *nv);
        if (!nk || !nv) { free(nk); free(nv); p->b.oom = true; return 0; }
        for (size_t i = 0; i < p->cap; i++) {
            if (!p->keys[i]) continue;
            size_t j = ((uintptr_t)p->keys[i] >> 3) * 0x9E3779B97F4A7C15ull & (nc - 1);
            while (nk[j]) j = (j + 1) & (nc - 1);
            nk[j] = p->keys[i];
            nv[j] = p->vals[i];
        }
        free(p->keys); free(p->vals);
        p->keys = nk; p->vals = nv; p->cap = nc;
    }
    size_t j = ((uintptr_t)s >> 3) * 0x9E3779B97F4A7C15ull & (p->cap - 1);
    while (p->keys[j]) {
        if (p->keys[j] == s) return p->vals[j];
        j = (j + 1) & (p->cap - 1);
    }
    uint64_t off = p->b.len + 1;
    vg_buf_put(&p->b, s, strlen(s) + 1);
    p->keys[j] = s;
    p->vals[j] = off;
    p->n++;
    return off;
}

/* A pointer field rewritten as an offset (same size as a pointer). */
#define AS_OFF(field, val) do { uint64_t o_ = (val); memcpy(&(field), &o_, sizeof o_); } while (0)

static bool put_section(FILE *fp, header *h, int k, const void *data, size_t count, uint64_t *pos) {
    static const char zero[16];
    size_t pad = (size_t)((16 - (*pos % 16)) % 16);
    if (pad && fwrite(zero, 1, pad, fp) != pad) return false;
    *pos += pad;
    h->sec[k].off = *pos;
    h->sec[k].count = count;
    size_t bytes = count * rec_size[k];
    if (bytes && fwrite(data, 1, bytes, fp) != bytes) return false;
    *pos += bytes;
    return true;
}

vg_status vg_dict_save_compiled(const vg_dict *d, const char *path, vg_error *err) {
    pool p;
    memset(&p, 0, sizeof p);
    vg_status st = VG_OK;
    size_t nw = d->nwords ? d->nwords : 1;
    uint64_t *woff = calloc(nw, sizeof *woff);
    vg_dactor *actors = malloc((d->nactors + 1) * sizeof *actors);
    vg_dcode *codes = malloc((d->ncodes + 1) * sizeof *codes);
    vg_dagent *agents = malloc((d->nagents + 1) * sizeof *agents);
    vg_dissue *issues = malloc((d->nissues + 1) * sizeof *issues);
    vg_dform *forms = malloc((d->nforms + 1) * sizeof *forms);
    vg_dblock *blocks = malloc((d->nblocks + 1) * sizeof *blocks);
    vg_dpattern *pats = malloc((d->npats + 1) * sizeof *pats);
    FILE *fp = NULL;
    if (!woff || !actors || !codes || !agents || !issues || !forms || !blocks || !pats) {
        st = vg_err_set(err, VG_ERR_NOMEM, path, 0, "out of memory compiling the dictionary");
        goto done;
    }
    for (size_t i = 1; i < d->nwords; i++) woff[i] = pool_add(&p, d->word_str[i]);
    /* Copies of the records that hold strings, with offsets in their place. */
    for (size_t i = 0; i < d->nactors; i++) { actors[i] = d->actors[i]; AS_OFF(actors[i].file, pool_add(&p, d->actors[i].file)); }
    for (size_t i = 0; i < d->ncodes; i++) { codes[i] = d->codes[i]; AS_OFF(codes[i].code, pool_add(&p, d->codes[i].code)); }
    for (size_t i = 0; i < d->nagents; i++) { agents[i] = d->agents[i]; AS_OFF(agents[i].code, pool_add(&p, d->agents[i].code)); }
    for (size_t i = 0; i < d->nissues; i++) { issues[i] = d->issues[i]; AS_OFF(issues[i].code, pool_add(&p, d->issues[i].code)); }
    for (size_t i = 0; i < d->nforms; i++) {
        forms[i] = d->forms[i];
        AS_OFF(forms[i].code, pool_add(&p, d->forms[i].code));
        AS_OFF(forms[i].code2, pool_add(&p, d->forms[i].code2));
    }
    for (size_t i = 0; i < d->nblocks; i++) {
        blocks[i] = d->blocks[i];
        AS_OFF(blocks[i].name, pool_add(&p, d->blocks[i].name));
        AS_OFF(blocks[i].code, pool_add(&p, d->blocks[i].code));
        AS_OFF(blocks[i].code2, pool_add(&p, d->blocks[i].code2));
    }
    for (size_t i = 0; i < d->npats; i++) {
        pats[i] = d->pats[i];
        AS_OFF(pats[i].code, pool_add(&p, d->pats[i].code));
        AS_OFF(pats[i].code2, pool_add(&p, d->pats[i].code2));
        AS_OFF(pats[i].file, pool_add(&p, d->pats[i].file));
    }
    vg_buf_putc(&p.b, '\0'); /* the pool always ends with a NUL */
    if (p.b.oom) { st = vg_err_set(err, VG_ERR_NOMEM, path, 0, "out of memory compiling the dictionary"); goto done; }

    fp = fopen(path, "wb");
    if (!fp) { st = vg_err_set(err, VG_ERR_IO, path, 0, "cannot create: %s", strerror(errno)); goto done; }
    header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, 8);
    h.version = FORMAT_VERSION;
    h.ptr_size = sizeof(void *);
    h.endian = 0x01020304u;
    h.nsizes = S_COUNT;
    memcpy(h.sizes, rec_size, sizeof rec_size);
    h.nwords = nw;
    h.flags = d->flags;
    h.stats = d->stats;
    uint64_t pos = sizeof h;
    bool ok = fwrite(&h, sizeof h, 1, fp) == 1;
    ok = ok && put_section(fp, &h, S_STRINGS, p.b.ptr, p.b.len, &pos);
    ok = ok && put_section(fp, &h, S_WORD_OFF, woff, nw, &pos);
    uint32_t zero32 = 0;
    ok = ok && put_section(fp, &h, S_WORD_LEN, d->word_len ? (const void *)d->word_len : &zero32, d->word_len ? nw : 1, &pos);
    ok = ok && put_section(fp, &h, S_WORD_HASH, d->word_hash, d->word_hcap, &pos);
    ok = ok && put_section(fp, &h, S_NODES, d->nodes, d->nnodes, &pos);
    ok = ok && put_section(fp, &h, S_EDGES, d->edges, d->edge_hcap, &pos);
    ok = ok && put_section(fp, &h, S_ACTORS, actors, d->nactors, &pos);
    ok = ok && put_section(fp, &h, S_CODES, codes, d->ncodes, &pos);
    ok = ok && put_section(fp, &h, S_AGENTS, agents, d->nagents, &pos);
    ok = ok && put_section(fp, &h, S_ISSUES, issues, d->nissues, &pos);
    ok = ok && put_section(fp, &h, S_FORMS, forms, d->nforms, &pos);
    ok = ok && put_section(fp, &h, S_BLOCKS, blocks, d->nblocks, &pos);
    ok = ok && put_section(fp, &h, S_PATS, pats, d->npats, &pos);
    ok = ok && put_section(fp, &h, S_ELEMS, d->elems, d->nelems, &pos);
    h.total = pos;
    ok = ok && fseek(fp, 0, SEEK_SET) == 0 && fwrite(&h, sizeof h, 1, fp) == 1;
    ok = (fclose(fp) == 0) && ok;
    fp = NULL;
    if (!ok) {
        st = vg_err_set(err, VG_ERR_IO, path, 0, "write error: %s", strerror(errno));
        unlink(path);
    }
done:
    if (fp) fclose(fp);
    free(woff); free(actors); free(codes); free(agents); free(issues); free(forms); free(blocks); free(pats);
    vg_buf_free(&p.b);
    free(p.keys); free(p.vals);
    return st;
}

/* ---- reading ---- */

void vg_dict__unmap(vg_dict *d) {
    munmap(d->map, d->map_len);
    free(d->word_str);
    free(d->word_roots);
    free(d);
}

/* An offset from the file back to a pointer into the pool; false when it
 * points outside it. */
static bool fix(const char **field, const char *pool, uint64_t pool_len) {
    uint64_t o;
    memcpy(&o, field, sizeof o);
    if (o == 0) { *field = NULL; return true; }
    if (o - 1 >= pool_len) return false;
    *field = pool + (o - 1);
    return true;
}

static bool pow2(uint64_t x) { return x && !(x & (x - 1)); }

vg_status vg_dict_open_compiled(vg_dict **out, const char *path, vg_error *err) {
    *out = NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return vg_err_set(err, VG_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || sb.st_size < (off_t)sizeof(header)) {
        close(fd);
        return vg_err_set(err, VG_ERR_INPUT, path, 0, "not a compiled vigia dictionary (too short)");
    }
    size_t len = (size_t)sb.st_size;
    void *map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) return vg_err_set(err, VG_ERR_IO, path, 0, "cannot map: %s", strerror(errno));
    char *base = map;
    header h;
    memcpy(&h, base, sizeof h);
    const char *why = NULL;
    if (memcmp(h.magic, MAGIC, 8)) why = "not a compiled vigia dictionary";
    else if (h.version != FORMAT_VERSION || h.ptr_size != sizeof(void *) || h.endian != 0x01020304u ||
             h.nsizes != S_COUNT || memcmp(h.sizes, rec_size, sizeof rec_size))
        why = "compiled by another version or build of vigia; compile it again";
    else if (h.total != len) why = "truncated or damaged (size does not match)";
    for (int k = 0; !why && k < S_COUNT; k++) {
        uint64_t bytes;
        if (__builtin_mul_overflow(h.sec[k].count, (uint64_t)rec_size[k], &bytes) || h.sec[k].off % 16 ||
            h.sec[k].off > len || bytes > len - h.sec[k].off)
            why = "damaged (a section lies outside the file)";
    }
    vg_dict *d = NULL;
    if (!why) {
        d = calloc(1, sizeof *d);
        if (!d) { munmap(map, len); return vg_err_set(err, VG_ERR_NOMEM, path, 0, "out of memory"); }
        d->map = map;
        d->map_len = len;
#define SEC(k, T) ((T *)(void *)(base + h.sec[k].off))
        const char *pool = SEC(S_STRINGS, const char);
        uint64_t pool_len = h.sec[S_STRINGS].count;
        if (!pool_len || pool[pool_len - 1] != '\0') why = "damaged (string pool)";
        d->nwords = (size_t)h.nwords;
        if (!why && (h.sec[S_WORD_OFF].count != h.nwords || h.sec[S_WORD_LEN].count < 1)) why = "damaged (words)";
        if (!why) {
            d->word_str = calloc(d->nwords ? d->nwords : 1, sizeof *d->word_str);
            if (!d->word_str) { vg_dict__unmap(d); return vg_err_set(err, VG_ERR_NOMEM, path, 0, "out of memory"); }
            const uint64_t *wo = SEC(S_WORD_OFF, const uint64_t);
            for (size_t i = 1; i < d->nwords && !why; i++) {
                if (wo[i] == 0 || wo[i] - 1 >= pool_len) why = "damaged (word offset)";
                else d->word_str[i] = pool + wo[i] - 1;
            }
        }
        d->word_len = SEC(S_WORD_LEN, uint32_t);
        if (!why && h.nwords > 1 && h.sec[S_WORD_LEN].count != h.nwords) why = "damaged (word lengths)";
        for (size_t i = 1; !why && i < d->nwords; i++)
            if (strlen(d->word_str[i]) != d->word_len[i]) why = "damaged (word lengths)";
        d->word_hash = SEC(S_WORD_HASH, uint32_t);
        d->word_hcap = (size_t)h.sec[S_WORD_HASH].count;
        d->nodes = SEC(S_NODES, vg_dnode);
        d->nnodes = (size_t)h.sec[S_NODES].count;
        d->edges = SEC(S_EDGES, vg_dedge);
        d->edge_hcap = (size_t)h.sec[S_EDGES].count;
        d->actors = SEC(S_ACTORS, vg_dactor); d->nactors = (size_t)h.sec[S_ACTORS].count;
        d->codes = SEC(S_CODES, vg_dcode); d->ncodes = (size_t)h.sec[S_CODES].count;
        d->agents = SEC(S_AGENTS, vg_dagent); d->nagents = (size_t)h.sec[S_AGENTS].count;
        d->issues = SEC(S_ISSUES, vg_dissue); d->nissues = (size_t)h.sec[S_ISSUES].count;
        d->forms = SEC(S_FORMS, vg_dform); d->nforms = (size_t)h.sec[S_FORMS].count;
        d->blocks = SEC(S_BLOCKS, vg_dblock); d->nblocks = (size_t)h.sec[S_BLOCKS].count;
        d->pats = SEC(S_PATS, vg_dpattern); d->npats = (size_t)h.sec[S_PATS].count;
        d->elems = SEC(S_ELEMS, vg_delem); d->nelems = (size_t)h.sec[S_ELEMS].count;
#undef SEC
        d->stats = h.stats;
        d->flags = (unsigned)h.flags;
        /* Every index the coder follows must stay inside its array. */
        if (!why && (d->nnodes < VG_ROOT_COUNT || (d->word_hcap && !pow2(d->word_hcap)) ||
                     (d->edge_hcap && !pow2(d->edge_hcap))))
            why = "damaged (tables)";
        for (size_t i = 0; !why && i < d->word_hcap; i++)
            if (d->word_hash[i] >= d->nwords) why = "damaged (word table)";
        for (size_t i = 0; !why && i < d->edge_hcap; i++) {
            const vg_dedge *e = &d->edges[i];
            if (e->parent && (e->parent >= d->nnodes || e->child == 0 || e->child >= d->nnodes || e->word >= d->nwords))
                why = "damaged (trie)";
        }
        for (size_t i = 1; !why && i < d->nnodes; i++) {
            const vg_dnode *n = &d->nodes[i];
            if (n->actor >= (int32_t)d->nactors || n->agent >= (int32_t)d->nagents ||
                n->issue >= (int32_t)d->nissues || n->form >= (int32_t)d->nforms)
                why = "damaged (trie entries)";
        }
        for (size_t i = 0; !why && i < d->nactors; i++) {
            if ((uint64_t)d->actors[i].first + d->actors[i].n > d->ncodes) why = "damaged (actors)";
            else if (!fix(&d->actors[i].file, pool, pool_len)) why = "damaged (strings)";
        }
        for (size_t i = 0; !why && i < d->ncodes; i++)
            if (!fix(&d->codes[i].code, pool, pool_len) || !d->codes[i].code) why = "damaged (codes)";
        for (size_t i = 0; !why && i < d->nagents; i++)
            if (!fix(&d->agents[i].code, pool, pool_len) || !d->agents[i].code) why = "damaged (agents)";
        for (size_t i = 0; !why && i < d->nissues; i++)
            if (!fix(&d->issues[i].code, pool, pool_len) || !d->issues[i].code) why = "damaged (issues)";
        for (size_t i = 0; !why && i < d->nforms; i++) {
            vg_dform *f = &d->forms[i];
            if (f->block >= d->nblocks || !fix(&f->code, pool, pool_len) || !fix(&f->code2, pool, pool_len))
                why = "damaged (verb forms)";
        }
        for (size_t i = 0; !why && i < d->nblocks; i++) {
            vg_dblock *b = &d->blocks[i];
            if ((uint64_t)b->first_pat + b->npat > d->npats || !fix(&b->name, pool, pool_len) || !b->name ||
                !fix(&b->code, pool, pool_len) || !fix(&b->code2, pool, pool_len))
                why = "damaged (verb blocks)";
        }
        for (size_t i = 0; !why && i < d->npats; i++) {
            vg_dpattern *p = &d->pats[i];
            if (p->block >= d->nblocks || (uint64_t)p->first + p->n > d->nelems || p->verb >= p->n ||
                !fix(&p->code, pool, pool_len) || !p->code || !fix(&p->code2, pool, pool_len) ||
                !fix(&p->file, pool, pool_len))
                why = "damaged (patterns)";
        }
        for (size_t i = 0; !why && i < d->nelems; i++) {
            const vg_delem *e = &d->elems[i];
            if ((e->kind == VG_PAT_WORD && e->id >= d->nwords) || (e->kind == VG_PAT_SYNSET && e->id >= d->nnodes) ||
                e->kind > VG_PAT_CLOSE)
                why = "damaged (pattern elements)";
        }
    }
    if (why) {
        if (d) vg_dict__unmap(d);
        else munmap(map, len);
        return vg_err_set(err, VG_ERR_INPUT, path, 0, "%s", why);
    }
    if (!vg_dict__index_roots(d)) {
        vg_dict__unmap(d);
        return vg_err_set(err, VG_ERR_NOMEM, path, 0, "out of memory");
    }
    *out = d;
    return VG_OK;
}
