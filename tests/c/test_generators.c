/*
 * test_generators.c: the gr_generate_* functions used the way a C or C++ program would.
 *
 * Covers: the classic shapes' exact nodes and edges (path, cycle with its one-node
 * self-loop, star, 2-D grid keys i * n + j, complete); the random models' node and edge
 * counts (G(n, m) exactly m, Barabasi-Albert m * (n - m), Watts-Strogatz n * (k / 2), R-MAT
 * 2^scale nodes and at most edge_factor * 2^scale edges) and the same seed giving the same
 * edge list; gr_rmat_options (NULL means the defaults, init refuses unknown versions and
 * writes nothing); bad arguments (negative sizes, p outside [0, 1], m >= n, k > n, bad R-MAT
 * probabilities, a NULL output) as GR_STATUS_INVALID_ARGUMENT, a graph larger than the
 * engine holds as GR_STATUS_OUT_OF_MEMORY, and a triggered token as GR_STATUS_CANCELLED,
 * each writing no graph.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "graph_checks.h"

#define NO_CANCEL ((const gr_cancel *)NULL)
#define SENTINEL_GRAPH ((gr_graph *)(uintptr_t)0x5EED)

/* Whether two graphs list the same int-keyed edges in the same order. */
static bool same_edges(const gr_graph *a, const gr_graph *b)
{
    gr_keys *keys[4] = {NULL, NULL, NULL, NULL};
    const int64_t *ints[4];
    const uint8_t *kinds;
    const uint8_t *str_data;
    const size_t *str_offsets;
    size_t len[4];
    bool same = true;
    int i;
    CHECK_OK(gr_graph_edges(a, &keys[0], &keys[1]));
    CHECK_OK(gr_graph_edges(b, &keys[2], &keys[3]));
    for (i = 0; i < 4; i++) {
        CHECK_OK(gr_keys_view(keys[i], &len[i], &ints[i], &kinds, &str_data, &str_offsets));
        CHECK(kinds == NULL); /* int keys only */
    }
    same = len[0] == len[2] && len[1] == len[3] &&
           (len[0] == 0 || (memcmp(ints[0], ints[2], len[0] * sizeof(int64_t)) == 0 &&
                            memcmp(ints[1], ints[3], len[1] * sizeof(int64_t)) == 0));
    for (i = 0; i < 4; i++) {
        gr_keys_free(keys[i]);
    }
    return same;
}

static void test_classic_shapes(void)
{
    gr_graph *g = NULL;

    CHECK_OK(gr_generate_path(4, NO_CANCEL, &g));
    CHECK_NODES(g, "0,1,2,3");
    CHECK_EDGES(g, "0,1,2", "1,2,3");
    gr_graph_free(g);

    CHECK_OK(gr_generate_cycle(3, NO_CANCEL, &g));
    CHECK_EDGES(g, "0,1,2", "1,2,0");
    gr_graph_free(g);
    CHECK_OK(gr_generate_cycle(1, NO_CANCEL, &g));
    CHECK_EDGES(g, "0", "0");
    gr_graph_free(g);

    CHECK_OK(gr_generate_star(3, NO_CANCEL, &g));
    CHECK_NODES(g, "0,1,2,3");
    CHECK_EDGES(g, "0,0,0", "1,2,3");
    gr_graph_free(g);

    CHECK_OK(gr_generate_grid_2d(2, 3, NO_CANCEL, &g));
    CHECK_NODES(g, "0,1,2,3,4,5");
    CHECK_EDGES(g, "0,1,2,0,1,3,4", "3,4,5,1,2,4,5");
    gr_graph_free(g);

    CHECK_OK(gr_generate_complete(4, NO_CANCEL, &g));
    CHECK_EDGES(g, "0,0,0,1,1,2", "1,2,3,2,3,3");
    gr_graph_free(g);

    CHECK_OK(gr_generate_complete(0, NO_CANCEL, &g));
    CHECK_EQ(node_count(g), 0u);
    gr_graph_free(g);
}

static void test_random_models(void)
{
    gr_graph *a = NULL;
    gr_graph *b = NULL;
    gr_rmat_options opts;

    /* G(n, p): the same seed, the same edges; directed pairs are ordered. */
    CHECK_OK(gr_generate_erdos_renyi(300, 0.05, false, true, 42, NO_CANCEL, &a));
    CHECK_OK(gr_generate_erdos_renyi(300, 0.05, false, true, 42, NO_CANCEL, &b));
    CHECK_EQ(node_count(a), 300u);
    CHECK(edge_count(a) > 1900 && edge_count(a) < 2600); /* mean 2242.5, sd 46 */
    CHECK(same_edges(a, b));
    gr_graph_free(a);
    gr_graph_free(b);
    CHECK_OK(gr_generate_erdos_renyi(5, 1.0, true, false, 0, NO_CANCEL, &a));
    CHECK_EQ(edge_count(a), 20u);
    gr_graph_free(a);

    /* G(n, m): exactly m edges; past the possible ones, the complete graph. */
    CHECK_OK(gr_generate_gnm(100, 250, true, true, 1, NO_CANCEL, &a));
    CHECK_EQ(edge_count(a), 250u);
    gr_graph_free(a);
    CHECK_OK(gr_generate_gnm(6, 1000, false, true, 1, NO_CANCEL, &a));
    CHECK_EQ(edge_count(a), 15u);
    gr_graph_free(a);

    CHECK_OK(gr_generate_barabasi_albert(500, 3, true, 7, NO_CANCEL, &a));
    CHECK_EQ(node_count(a), 500u);
    CHECK_EQ(edge_count(a), 3u * 497u);
    gr_graph_free(a);

    CHECK_OK(gr_generate_watts_strogatz(100, 5, 0.2, true, 7, NO_CANCEL, &a));
    CHECK_EQ(edge_count(a), 200u);
    gr_graph_free(a);

    /* R-MAT: NULL options are the defaults; the same seed, the same edges. */
    CHECK_OK(gr_rmat_options_init(&opts, GR_RMAT_OPTIONS_VERSION));
    CHECK_EQ(opts.edge_factor, 16);
    CHECK(opts.a == 0.57 && opts.b == 0.19 && opts.c == 0.19);
    CHECK(opts.directed && !opts.seeded);
    opts.seeded = true;
    opts.seed = 3;
    opts.edge_factor = 8;
    CHECK_OK(gr_generate_rmat(10, &opts, NO_CANCEL, &a));
    CHECK_OK(gr_generate_rmat(10, &opts, NO_CANCEL, &b));
    CHECK_EQ(node_count(a), 1024u);
    CHECK(edge_count(a) > 4000 && edge_count(a) <= 8192);
    CHECK(same_edges(a, b));
    gr_graph_free(a);
    gr_graph_free(b);
    CHECK_OK(gr_generate_rmat(4, NULL, NO_CANCEL, &a));
    CHECK_EQ(node_count(a), 16u);
    CHECK(edge_count(a) <= 256u);
    gr_graph_free(a);
}

static void test_bad_arguments(void)
{
    gr_graph *g = SENTINEL_GRAPH;
    gr_cancel *cancel = NULL;
    gr_rmat_options opts;

    CHECK_ERR(gr_generate_path(-1, NO_CANCEL, &g), GR_STATUS_INVALID_ARGUMENT, "n must be >= 0");
    CHECK_ERR(gr_generate_grid_2d(2, -3, NO_CANCEL, &g), GR_STATUS_INVALID_ARGUMENT, "n must");
    CHECK_ERR(gr_generate_erdos_renyi(10, 1.5, false, false, 0, NO_CANCEL, &g),
              GR_STATUS_INVALID_ARGUMENT, "p must be in [0, 1]");
    CHECK_ERR(gr_generate_gnm(10, -1, false, false, 0, NO_CANCEL, &g),
              GR_STATUS_INVALID_ARGUMENT, "m must be >= 0");
    CHECK_ERR(gr_generate_barabasi_albert(5, 5, false, 0, NO_CANCEL, &g),
              GR_STATUS_INVALID_ARGUMENT, "m >= 1 and m < n");
    CHECK_ERR(gr_generate_watts_strogatz(5, 6, 0.1, false, 0, NO_CANCEL, &g),
              GR_STATUS_INVALID_ARGUMENT, "k>n");
    CHECK_ERR(gr_generate_rmat(32, NULL, NO_CANCEL, &g), GR_STATUS_INVALID_ARGUMENT, "scale");
    CHECK_OK(gr_rmat_options_init(&opts, GR_RMAT_OPTIONS_VERSION));
    opts.a = 0.9;
    CHECK_ERR(gr_generate_rmat(4, &opts, NO_CANCEL, &g), GR_STATUS_INVALID_ARGUMENT,
              "summing to at most 1");
    opts.version = 0;
    CHECK_ERR(gr_generate_rmat(4, &opts, NO_CANCEL, &g), GR_STATUS_INVALID_ARGUMENT,
              "gr_rmat_options_init");
    opts.version = 77;
    CHECK_ERR(gr_rmat_options_init(&opts, GR_RMAT_OPTIONS_VERSION + 1),
              GR_STATUS_INVALID_ARGUMENT, "unknown");
    CHECK_EQ(opts.version, 77u);
    CHECK_ERR(gr_generate_path(3, NO_CANCEL, NULL), GR_STATUS_INVALID_ARGUMENT, "NULL");
    CHECK_ERR(gr_generate_complete(1 << 20, NO_CANCEL, &g), GR_STATUS_OUT_OF_MEMORY,
              "edge indices");
    /* 100000 * (99999 / 2) edges: refused before anything is allocated (this aborted the
     * process once, allocating 40 GB of neighbour lists). */
    CHECK_ERR(gr_generate_watts_strogatz(100000, 99999, 0.1, true, 1, NO_CANCEL, &g),
              GR_STATUS_OUT_OF_MEMORY, "edge indices");

    CHECK_OK(gr_cancel_new(&cancel));
    CHECK_OK(gr_cancel_trigger(cancel));
    CHECK_ERR(gr_generate_erdos_renyi(1000, 0.1, false, true, 1, cancel, &g),
              GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_generate_rmat(8, NULL, cancel, &g), GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_generate_barabasi_albert(10000, 2, false, 0, cancel, &g),
              GR_STATUS_CANCELLED, "");
    /* Calls too small for the generators' loops to look at the token stop too (these
     * returned a graph once: found by the ffi_calls fuzz target). */
    CHECK_ERR(gr_generate_barabasi_albert(8, 2, true, 1, cancel, &g), GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_generate_complete(0, cancel, &g), GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_generate_grid_2d(0, 3, cancel, &g), GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_generate_gnm(0, 0, false, true, 1, cancel, &g), GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_generate_watts_strogatz(5, 1, 0.5, true, 1, cancel, &g), GR_STATUS_CANCELLED,
              "");
    CHECK_OK(gr_rmat_options_init(&opts, GR_RMAT_OPTIONS_VERSION));
    opts.edge_factor = 0;
    CHECK_ERR(gr_generate_rmat(2, &opts, cancel, &g), GR_STATUS_CANCELLED, "");
    /* Bad arguments are still reported first. */
    CHECK_ERR(gr_generate_barabasi_albert(8, 8, true, 1, cancel, &g),
              GR_STATUS_INVALID_ARGUMENT, "m < n");
    gr_cancel_free(cancel);

    /* No failure wrote a graph. */
    CHECK(g == SENTINEL_GRAPH);
}

int main(void)
{
    test_classic_shapes();
    test_random_models();
    test_bad_arguments();
    return CHECK_SUMMARY();
}
