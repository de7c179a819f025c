/*
 * test_concurrent_algorithms.c: four reader threads running algorithms while a writer
 * changes the graph, then agreeing with a copy.
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

/* ----- concurrent readers and a writer ------------------------------------------------------ */

/* An undirected ring 0 .. RING - 1; the writer adds leaves RING + i (each hung on ring node
 * i % RING) and chords, and removes some chords, so the graph stays connected. */
enum { RING = 200, LEAVES = 150, N_READERS = 4, READS = 6 };

typedef struct reader {
    const gr_graph *g;
    const gr_cancel *cancel;
    int id;
    int failures;
    char first_failure[512];
    long calls;
} reader;

static void reader_fail(reader *r, const char *what, gr_status s)
{
    if (r->failures++ == 0) {
        snprintf(r->first_failure, sizeof r->first_failure, "reader %d: %s: status %d: %s",
                 r->id, what, (int)s, s == GR_STATUS_OK ? "" : gr_last_error_message());
    }
}

#define R_OK(r, call)                      \
    do {                                   \
        gr_status r_s_ = (call);           \
        (r)->calls++;                      \
        if (r_s_ != GR_STATUS_OK) {        \
            reader_fail((r), #call, r_s_); \
        }                                  \
    } while (0)

/* Whether an all-int key list holds distinct keys in 0 .. RING + LEAVES - 1. */
static int keys_distinct(const gr_keys *keys, size_t *len_out)
{
    static const size_t cap = RING + LEAVES;
    unsigned char seen[RING + LEAVES];
    size_t len = 0;
    const int64_t *ints = NULL;
    const uint8_t *kinds = NULL;
    const uint8_t *data = NULL;
    const size_t *offsets = NULL;
    size_t i;
    memset(seen, 0, sizeof seen);
    if (gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets) != GR_STATUS_OK ||
        kinds != NULL) {
        return 0;
    }
    for (i = 0; i < len; i++) {
        if (ints[i] < 0 || (size_t)ints[i] >= cap || seen[ints[i]]) {
            return 0;
        }
        seen[ints[i]] = 1;
    }
    *len_out = len;
    return 1;
}

static void *reader_main(void *arg)
{
    reader *r = (reader *)arg;
    int it;
    for (it = 0; it < READS; it++) {
        gr_keys *keys = NULL;
        gr_array *arr = NULL;
        size_t n = 0;
        size_t len = 0;
        gr_attr_tag kind = -1;
        const void *data = NULL;
        size_t i;
        int step = (r->id + it) % 4;

        if (step == 0) {
            /* PageRank: a probability distribution over every node of one snapshot. */
            R_OK(r, pagerank(r->g, 0.85, 1000, 1e-10, (it % 2) ? "w" : NULL, r->cancel, &keys,
                             &arr));
            if (keys != NULL && arr != NULL) {
                double total = 0;
                int positive = 1;
                R_OK(r, gr_array_info(arr, &len, &kind, &data));
                if (!keys_distinct(keys, &n) || n != len || n < RING || kind != GR_ATTR_FLOAT64) {
                    reader_fail(r, "pagerank: keys and scores do not match", GR_STATUS_OK);
                } else {
                    for (i = 0; i < len; i++) {
                        double x = ((const double *)data)[i];
                        total += x;
                        positive = positive && x > 0;
                    }
                    if (!positive || dabs(total - 1.0) > 1e-9) {
                        reader_fail(r, "pagerank: scores do not sum to 1", GR_STATUS_OK);
                    }
                }
            }
        } else if (step == 1) {
            /* BFS and DFS from 0 reach every node, each once, 0 first. */
            R_OK(r, gr_graph_bfs(r->g, IK(0), -1, r->cancel, &keys));
            if (keys != NULL) {
                int64_t k = -1;
                const char *ks = NULL;
                size_t kl = 0;
                if (!keys_distinct(keys, &n) || n < RING ||
                    gr_keys_get(keys, 0, &k, &ks, &kl) != GR_STATUS_OK || k != 0) {
                    reader_fail(r, "bfs: bad order", GR_STATUS_OK);
                }
                gr_keys_free(keys);
                keys = NULL;
            }
            R_OK(r, gr_graph_dfs(r->g, IK(0), -1, r->cancel, &keys));
            if (keys != NULL && (!keys_distinct(keys, &n) || n < RING)) {
                reader_fail(r, "dfs: bad order", GR_STATUS_OK);
            }
        } else if (step == 2) {
            /* One component holding every node; all labels 0. */
            R_OK(r, gr_graph_connected_components(r->g, r->cancel, &keys, &arr));
            if (keys != NULL && arr != NULL) {
                R_OK(r, gr_array_info(arr, &len, &kind, &data));
                if (!keys_distinct(keys, &n) || len != 1 || kind != GR_ATTR_INT64 ||
                    ((const int64_t *)data)[0] != (int64_t)n) {
                    reader_fail(r, "connected_components: not one component", GR_STATUS_OK);
                }
                gr_keys_free(keys);
                gr_array_free(arr);
                keys = NULL;
                arr = NULL;
            }
            R_OK(r, gr_graph_component_labels(r->g, r->cancel, &keys, &arr));
            if (keys != NULL && arr != NULL) {
                R_OK(r, gr_array_info(arr, &len, &kind, &data));
                if (!keys_distinct(keys, &n) || len != n) {
                    reader_fail(r, "component_labels: misaligned", GR_STATUS_OK);
                } else {
                    for (i = 0; i < len; i++) {
                        if (((const int64_t *)data)[i] != 0) {
                            reader_fail(r, "component_labels: label not 0", GR_STATUS_OK);
                            break;
                        }
                    }
                }
            }
        } else {
            /* Shortest paths across the ring: at most RING / 2 hops. */
            R_OK(r, gr_graph_shortest_path(r->g, IK(0), IK(RING / 2), (it % 2) ? "w" : NULL,
                                           (it % 2) ? 1 : 0, r->cancel, &keys));
            if (keys != NULL) {
                if (!keys_distinct(keys, &n) || n < 2 || n > RING / 2 + 1) {
                    reader_fail(r, "shortest_path: bad path", GR_STATUS_OK);
                }
                gr_keys_free(keys);
                keys = NULL;
            }
            R_OK(r, gr_graph_shortest_path_lengths(r->g, IK(0), "w", 1, r->cancel, &keys, &arr));
            if (keys != NULL && arr != NULL) {
                R_OK(r, gr_array_info(arr, &len, &kind, &data));
                if (!keys_distinct(keys, &n) || n != len || n < RING || kind != GR_ATTR_FLOAT64) {
                    reader_fail(r, "shortest_path_lengths: misaligned", GR_STATUS_OK);
                }
            }
            {
                gr_keys *k2 = NULL;
                gr_array *a2 = NULL;
                gr_status s = gr_graph_strongly_connected_components(r->g, r->cancel, &k2, &a2);
                r->calls++;
                if (s != GR_STATUS_INVALID_OPERATION || k2 != NULL || a2 != NULL) {
                    reader_fail(r, "scc on an undirected graph", s);
                }
            }
        }
        gr_keys_free(keys);
        gr_array_free(arr);
    }
    return NULL;
}

typedef struct writer_state {
    gr_graph *g;
    int failures;
    char first_failure[512];
} writer_state;

static void *writer_main(void *arg)
{
    writer_state *w = (writer_state *)arg;
    int i;
    for (i = 0; i < LEAVES; i++) {
        gr_buf name = buf_of("w");
        gr_attr_value weight = v_f64(1.0 + (double)(i % 3));
        gr_status s = gr_graph_add_edge(w->g, IK(i % RING), IK(RING + i), &name, &weight, 1);
        if (s == GR_STATUS_OK) {
            int64_t u = (int64_t)((i * 7 + 3) % RING);
            int64_t v = (int64_t)((i * 13 + 50) % RING);
            s = gr_graph_add_edges_int(w->g, &u, &v, 1, NULL, NULL, 0);
            if (s == GR_STATUS_OK && i % 3 == 0 && u != v && (u + 1) % RING != v &&
                (v + 1) % RING != u) {
                s = gr_graph_remove_edge(w->g, IK(u), IK(v));
            }
        }
        if (s != GR_STATUS_OK && w->failures++ == 0) {
            snprintf(w->first_failure, sizeof w->first_failure, "writer step %d: status %d: %s",
                     i, (int)s, gr_last_error_message());
        }
    }
    return NULL;
}

static void test_concurrent_readers(void)
{
    gr_graph *g = new_graph(false);
    gr_cancel *c = NULL;
    reader readers[N_READERS];
    pthread_t threads[N_READERS];
    pthread_t writer_thread;
    writer_state w;
    int64_t src[RING];
    int64_t dst[RING];
    gr_array *wcol = NULL;
    double weights[RING];
    gr_buf wname = buf_of("w");
    size_t count = 0;
    int t;
    for (t = 0; t < RING; t++) {
        src[t] = t;
        dst[t] = (t + 1) % RING;
        weights[t] = 1.0;
    }
    CHECK_OK(gr_array_new(GR_ATTR_FLOAT64, weights, NULL, RING, &wcol));
    CHECK_OK(gr_graph_add_edges_int(g, src, dst, RING, &wname, (const gr_array *const *)&wcol, 1));
    gr_array_free(wcol);
    CHECK_OK(gr_cancel_new(&c));

    memset(&w, 0, sizeof w);
    w.g = g;
    for (t = 0; t < N_READERS; t++) {
        memset(&readers[t], 0, sizeof readers[t]);
        readers[t].g = g;
        readers[t].id = t;
        readers[t].cancel = t % 2 ? c : NULL; /* a token nobody triggers */
        CHECK_EQ(pthread_create(&threads[t], NULL, reader_main, &readers[t]), 0);
    }
    CHECK_EQ(pthread_create(&writer_thread, NULL, writer_main, &w), 0);
    for (t = 0; t < N_READERS; t++) {
        CHECK_EQ(pthread_join(threads[t], NULL), 0);
    }
    CHECK_EQ(pthread_join(writer_thread, NULL), 0);
    for (t = 0; t < N_READERS; t++) {
        if (readers[t].failures != 0) {
            check_fail(__FILE__, __LINE__, "%d failure(s), first: %s", readers[t].failures,
                       readers[t].first_failure);
        }
        CHECK(readers[t].calls >= READS);
    }
    if (w.failures != 0) {
        check_fail(__FILE__, __LINE__, "%d writer failure(s), first: %s", w.failures,
                   w.first_failure);
    }
    CHECK_OK(gr_graph_node_count(g, &count));
    CHECK_EQ(count, RING + LEAVES);
    /* After the writer: the same answers as from a copy made now. */
    {
        gr_graph *copy = NULL;
        gr_keys *k1 = NULL;
        gr_keys *k2 = NULL;
        gr_array *a1 = NULL;
        gr_array *a2 = NULL;
        char b1[4096];
        char b2[4096];
        size_t l1 = 0;
        size_t l2 = 0;
        gr_attr_tag kind = -1;
        const void *d1 = NULL;
        const void *d2 = NULL;
        CHECK_OK(gr_graph_copy(g, &copy));
        CHECK_OK(pagerank(g, 0.85, 1000, 1e-10, "w", NULL, &k1, &a1));
        CHECK_OK(pagerank(copy, 0.85, 1000, 1e-10, "w", NULL, &k2, &a2));
        keys_format_at(__FILE__, __LINE__, k1, b1, sizeof b1);
        keys_format_at(__FILE__, __LINE__, k2, b2, sizeof b2);
        CHECK_STREQ(b1, b2);
        CHECK_OK(gr_array_info(a1, &l1, &kind, &d1));
        CHECK_OK(gr_array_info(a2, &l2, &kind, &d2));
        CHECK_EQ(l1, l2);
        CHECK(memcmp(d1, d2, l1 * sizeof(double)) == 0);
        free_result(&k1, &a1);
        free_result(&k2, &a2);
        CHECK_OK(gr_graph_bfs(g, IK(0), -1, NULL, &k1));
        CHECK_OK(gr_graph_bfs(copy, IK(0), -1, NULL, &k2));
        keys_format_at(__FILE__, __LINE__, k1, b1, sizeof b1);
        keys_format_at(__FILE__, __LINE__, k2, b2, sizeof b2);
        CHECK_STREQ(b1, b2);
        CHECK_EQ(keys_len(k1), RING + LEAVES);
        free_result(&k1, NULL);
        free_result(&k2, NULL);
        gr_graph_free(copy);
    }
    gr_cancel_free(c);
    gr_graph_free(g);
}

int main(void)
{
    test_concurrent_readers();
    return CHECK_SUMMARY();
}
