/*
 * test_pagerank_reference.c: gr_graph_pagerank on a graph of more than one parallel chunk,
 * with duplicate, removed edges and removed nodes, against a plain C power iteration,
 * directed and undirected, weighted, personalized.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "graph_snapshot.h"
#include "algorithm_checks.h"

/* ----- PageRank against a plain C power iteration ------------------------------------------ */

/* networkx's iteration over `m` entries u -> v with weight w (w NULL: 1.0), on `n` nodes.
 * p: NULL (uniform) or a normalised personalization. Returns the iteration count, or 0. */
static size_t reference_pagerank(size_t n, size_t m, const uint32_t *from, const uint32_t *to,
                                 const double *w, const double *p, double alpha, size_t max_iter,
                                 double tol, double *x)
{
    double *out_w = (double *)calloc(n, sizeof(double));
    double *last = (double *)malloc(n * sizeof(double));
    size_t i;
    size_t it;
    size_t result = 0;
    CHECK(out_w != NULL && last != NULL);
    for (i = 0; i < m; i++) {
        out_w[from[i]] += w ? w[i] : 1.0;
    }
    for (i = 0; i < n; i++) {
        x[i] = 1.0 / (double)n;
    }
    for (it = 1; it <= max_iter; it++) {
        double dangling = 0;
        double err = 0;
        memcpy(last, x, n * sizeof(double));
        for (i = 0; i < n; i++) {
            if (out_w[i] == 0.0) {
                dangling += last[i];
            }
        }
        for (i = 0; i < n; i++) {
            double pv = p ? p[i] : 1.0 / (double)n;
            x[i] = alpha * dangling * pv + (1.0 - alpha) * pv;
        }
        for (i = 0; i < m; i++) {
            x[to[i]] += alpha * last[from[i]] * (w ? w[i] : 1.0) / out_w[from[i]];
        }
        for (i = 0; i < n; i++) {
            err += dabs(x[i] - last[i]);
        }
        if (err < (double)n * tol) {
            result = it;
            break;
        }
    }
    free(out_w);
    free(last);
    return result;
}

typedef struct edge_key {
    uint64_t key;
    size_t index;
} edge_key;

static int compare_edge_keys(const void *a, const void *b)
{
    const edge_key *x = (const edge_key *)a;
    const edge_key *y = (const edge_key *)b;
    if (x->key != y->key) {
        return x->key < y->key ? -1 : 1;
    }
    return x->index < y->index ? -1 : (x->index > y->index ? 1 : 0);
}

/* More nodes than one parallel chunk (4096), dangling nodes, self-loops, weights with
 * nulls, duplicate edges in the batch, removed edges and nodes, personalization (with keys
 * of removed nodes): every score within 1e-9 of the plain iteration. */
static void test_pagerank_reference(bool directed)
{
    enum { N = 4500, MAX_CANDIDATES = 3 * N };
    int64_t *src = (int64_t *)malloc(MAX_CANDIDATES * sizeof(int64_t));
    int64_t *dst = (int64_t *)malloc(MAX_CANDIDATES * sizeof(int64_t));
    double *wv = (double *)malloc(MAX_CANDIDATES * sizeof(double));
    uint8_t *valid = (uint8_t *)malloc(MAX_CANDIDATES);
    edge_key *ek = (edge_key *)malloc(MAX_CANDIDATES * sizeof(edge_key));
    uint8_t *dup = (uint8_t *)calloc(MAX_CANDIDATES, 1);
    uint32_t *from = (uint32_t *)malloc(2 * MAX_CANDIDATES * sizeof(uint32_t));
    uint32_t *to = (uint32_t *)malloc(2 * MAX_CANDIDATES * sizeof(uint32_t));
    double *ew = (double *)malloc(2 * MAX_CANDIDATES * sizeof(double));
    double *x = (double *)malloc(N * sizeof(double));
    double *p = (double *)calloc(N, sizeof(double));
    int64_t *node_ints = (int64_t *)malloc(N * sizeof(int64_t));
    uint8_t *alive = (uint8_t *)malloc(N);
    uint32_t *cid = (uint32_t *)malloc(N * sizeof(uint32_t));
    size_t n_alive = 0;
    size_t m = 0;
    size_t kept = 0;
    size_t entries = 0;
    size_t i;
    size_t len = 0;
    const int64_t *ints;
    gr_graph *g = new_graph(directed);
    gr_array *wcol = NULL;
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *scores = SENTINEL_ARRAY;
    gr_buf wname = buf_of("w");
    int variant;
    CHECK(src && dst && wv && valid && ek && dup && from && to && ew && x && p && node_ints &&
          alive && cid);

    for (i = 0; i < N; i++) {
        size_t c;
        size_t targets[3];
        node_ints[i] = (int64_t)i;
        if (i % 10 == 3) {
            continue; /* no out-edges: dangling when directed */
        }
        targets[0] = (i + 1) % N;
        targets[1] = (i * 7 + 13) % N;
        targets[2] = (i * 31 + 5) % N;
        if (i % 97 == 0) {
            targets[2] = i; /* a self-loop */
        }
        for (c = 0; c < 3; c++) {
            src[m] = (int64_t)i;
            dst[m] = (int64_t)targets[c];
            wv[m] = 0.5 + (double)(m % 7);
            valid[m] = (uint8_t)(m % 5 != 0);
            m++;
        }
    }
    /* Duplicates (also reversed pairs when undirected) are one edge in the graph: keep the
     * first of each in the reference, and give the later ones the same weight. */
    for (i = 0; i < m; i++) {
        uint64_t a = (uint64_t)src[i];
        uint64_t b = (uint64_t)dst[i];
        if (!directed && b < a) {
            uint64_t t = a;
            a = b;
            b = t;
        }
        ek[i].key = a * N + b;
        ek[i].index = i;
    }
    qsort(ek, m, sizeof(edge_key), compare_edge_keys);
    for (i = 1; i < m; i++) {
        if (ek[i].key == ek[i - 1].key) {
            size_t first = ek[i - 1].index;
            dup[ek[i].index] = 1;
            wv[ek[i].index] = wv[first];
            valid[ek[i].index] = valid[first];
            ek[i].index = first; /* chains of duplicates all point at the first */
        }
    }
    for (i = 0; i < m; i++) {
        kept += !dup[i];
    }
    CHECK_OK(gr_graph_add_nodes(g, NULL, node_ints, NULL, 0, NULL, N, NULL, 0, NULL, NULL, NULL,
                                0));
    CHECK_OK(gr_array_new(GR_ATTR_FLOAT64, wv, valid, m, &wcol));
    CHECK_OK(gr_graph_add_edges_int(g, src, dst, m, &wname, (const gr_array *const *)&wcol, 1));
    gr_array_free(wcol);
    {
        size_t count = 0;
        CHECK_OK(gr_graph_edge_count(g, &count));
        CHECK_EQ(count, kept);
    }
    /* Removals leave holes the snapshot must skip: every 11th edge, then every 500th node
     * with its edges. Node k of the snapshot is the k-th live node. */
    for (i = 0; i < m; i++) {
        if (!dup[i] && i % 11 == 5) {
            CHECK_OK(gr_graph_remove_edge(g, IK(src[i]), IK(dst[i])));
            dup[i] = 2;
        }
    }
    for (i = 0; i < N; i++) {
        alive[i] = i % 500 != 7;
        if (!alive[i]) {
            CHECK_OK(gr_graph_remove_node(g, IK((int64_t)i)));
        } else {
            cid[i] = (uint32_t)n_alive++;
        }
    }
    for (i = 0; i < m; i++) {
        double weight = valid[i] ? wv[i] : 1.0;
        if (dup[i] || !alive[src[i]] || !alive[dst[i]]) {
            continue;
        }
        from[entries] = cid[src[i]];
        to[entries] = cid[dst[i]];
        ew[entries] = weight;
        entries++;
        if (!directed && src[i] != dst[i]) {
            from[entries] = cid[dst[i]];
            to[entries] = cid[src[i]];
            ew[entries] = weight;
            entries++;
        }
    }

    for (variant = 0; variant < 2; variant++) {
        /* Variant 0: unweighted, uniform (directed) or personalized (undirected);
         * variant 1: weighted, personalized (directed) or uniform (undirected). */
        bool weighted = variant == 1;
        bool personal = directed ? variant == 1 : variant == 0;
        int64_t *pkeys = NULL;
        double *pvals = NULL;
        size_t n_personal = 0;
        size_t its;
        size_t k;
        if (personal) {
            double total = 0;
            pkeys = (int64_t *)malloc((N + 2) * sizeof(int64_t));
            pvals = (double *)malloc((N + 2) * sizeof(double));
            CHECK(pkeys != NULL && pvals != NULL);
            memset(p, 0, N * sizeof(double));
            for (i = 0; i < N; i++) {
                double value = i % 3 == 0 ? (double)(i % 5 + 1) : 0.0;
                if (value != 0.0 || i % 4 == 1) {
                    /* Removed nodes are keys not in the graph: ignored. */
                    pkeys[n_personal] = (int64_t)i;
                    pvals[n_personal] = value;
                    n_personal++;
                }
                if (alive[i]) {
                    p[cid[i]] = value;
                    total += value;
                }
            }
            pkeys[n_personal] = N + 5; /* not in the graph */
            pvals[n_personal++] = 1000.0;
            pkeys[n_personal] = -1;
            pvals[n_personal++] = 1000.0;
            for (i = 0; i < n_alive; i++) {
                p[i] /= total;
            }
        }
        its = reference_pagerank(n_alive, entries, from, to, weighted ? ew : NULL,
                                 personal ? p : NULL, 0.85, 1000, 1e-10, x);
        CHECK(its > 10);
        CHECK_OK(pr_full(g, 0.85, 1000, 1e-10, weighted ? "w" : NULL, weighted ? 1 : 0,
                         NULL, pkeys, NULL, 0, NULL, pvals, n_personal, NULL, &keys,
                         &scores));
        ints = keys_ints(keys, &len);
        CHECK_EQ(len, n_alive);
        for (i = 0, k = 0; i < N; i++) {
            if (alive[i]) {
                CHECK_EQ(ints[k], i);
                k++;
            }
        }
        check_f64s_at(__FILE__, __LINE__, scores, x, n_alive, 1e-9);
        free_result(&keys, &scores);
        free(pkeys);
        free(pvals);
    }
    gr_graph_free(g);
    free(src);
    free(dst);
    free(wv);
    free(valid);
    free(ek);
    free(dup);
    free(from);
    free(to);
    free(ew);
    free(x);
    free(p);
    free(node_ints);
    free(alive);
    free(cid);
}

int main(void)
{
    test_pagerank_reference(true);
    test_pagerank_reference(false);
    return CHECK_SUMMARY();
}
