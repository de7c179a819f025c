/*
 * test_communities.c: gr_graph_louvain_communities (with gr_louvain_options),
 * gr_graph_label_propagation_communities, gr_graph_asyn_lpa_communities and
 * gr_graph_modularity: results on small graphs, the weight rules (NULL: "weight" when some
 * edge has it; a named column no edge has: INVALID_ARGUMENT; unweighted), partitions that are
 * not partitions, bad options, cancellation, and outputs left untouched on failure.
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

/* Two triangles 0-1-2 and 3-4-5 joined by the edge 2-3. */
static const int64_t TWO_TRIANGLES[] = {0, 1, 1, 2, 0, 2, 3, 4, 4, 5, 3, 5, 2, 3};

static gr_status louvain_seeded(const gr_graph *g, uint64_t seed, gr_keys **keys,
                                gr_array **sizes)
{
    gr_louvain_options opts;
    CHECK_OK(gr_louvain_options_init(&opts, GR_LOUVAIN_OPTIONS_VERSION));
    opts.seeded = true;
    opts.seed = seed;
    return gr_graph_louvain_communities(g, &opts, NULL, keys, sizes);
}

/* The modularity of the two triangles split as {0, 1, 2}, {3, 4, 5}. */
static gr_status split_modularity(const gr_graph *g, const char *weight, bool unweighted,
                                  double *value)
{
    static const int64_t keys[] = {0, 1, 2, 3, 4, 5};
    static const uint64_t community[] = {0, 0, 0, 1, 1, 1};
    return gr_graph_modularity(g, 6, NULL, keys, NULL, 0, NULL, community, weight,
                               weight ? strlen(weight) : 0, unweighted, 1.0, NULL, value);
}

static void test_louvain(void)
{
    gr_graph *g = graph_of(false, TWO_TRIANGLES, 7);
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *sizes = SENTINEL_ARRAY;
    gr_louvain_options opts;

    /* Default options (NULL) and seeded ones find the two triangles. */
    CHECK_OK(gr_graph_louvain_communities(g, NULL, NULL, &keys, &sizes));
    CHECK_KEYS(keys, "0,1,2,3,4,5");
    CHECK_I64S(sizes, "3,3");
    gr_keys_free(keys);
    gr_array_free(sizes);
    CHECK_OK(louvain_seeded(g, 7, &keys, &sizes));
    CHECK_KEYS(keys, "0,1,2,3,4,5");
    CHECK_I64S(sizes, "3,3");
    gr_keys_free(keys);
    gr_array_free(sizes);

    /* A tiny resolution merges everything. */
    CHECK_OK(gr_louvain_options_init(&opts, GR_LOUVAIN_OPTIONS_VERSION));
    opts.resolution = 0.01;
    opts.seeded = true;
    CHECK_OK(gr_graph_louvain_communities(g, &opts, NULL, &keys, &sizes));
    CHECK_I64S(sizes, "6");
    gr_keys_free(keys);
    gr_array_free(sizes);

    /* A named weight no edge has is refused; the default name is not. */
    keys = SENTINEL_KEYS;
    sizes = SENTINEL_ARRAY;
    CHECK_OK(gr_louvain_options_init(&opts, GR_LOUVAIN_OPTIONS_VERSION));
    opts.weight = "w";
    opts.weight_len = 1;
    CHECK_ERR(gr_graph_louvain_communities(g, &opts, NULL, &keys, &sizes), IA,
              "no edge attribute 'w'");
    CHECK(keys == SENTINEL_KEYS && sizes == SENTINEL_ARRAY);
    /* ... unless the caller asks for no weights. */
    opts.unweighted = true;
    CHECK_OK(gr_graph_louvain_communities(g, &opts, NULL, &keys, &sizes));
    CHECK_I64S(sizes, "3,3");
    gr_keys_free(keys);
    gr_array_free(sizes);

    /* Heavy weights on the bridge and light ones elsewhere move the bridge's ends together and
     * splits the triangles (as networkx): the column "weight" is used by default. */
    {
        static const int64_t light[] = {0, 1, 1, 2, 0, 2, 3, 4, 4, 5, 3, 5};
        size_t i;
        for (i = 0; i < 6; i++) {
            set_w(g, light[2 * i], light[2 * i + 1], "weight", v_f64(0.01));
        }
        set_w(g, 2, 3, "weight", v_f64(100.0));
        CHECK_OK(louvain_seeded(g, 1, &keys, &sizes));
        CHECK_KEYS(keys, "0,1,2,3,4,5");
        CHECK_I64S(sizes, "2,2,2");
        gr_keys_free(keys);
        gr_array_free(sizes);
    }

    /* Bad options: unknown version, NaN resolution or threshold; outputs untouched. */
    keys = SENTINEL_KEYS;
    sizes = SENTINEL_ARRAY;
    CHECK_ERR(gr_louvain_options_init(&opts, 0), IA, "gr_louvain_options_init");
    CHECK_OK(gr_louvain_options_init(&opts, GR_LOUVAIN_OPTIONS_VERSION));
    opts.version = GR_LOUVAIN_OPTIONS_VERSION + 1;
    CHECK_ERR(gr_graph_louvain_communities(g, &opts, NULL, &keys, &sizes), IA, "version");
    CHECK_OK(gr_louvain_options_init(&opts, GR_LOUVAIN_OPTIONS_VERSION));
    opts.resolution = NAN;
    CHECK_ERR(gr_graph_louvain_communities(g, &opts, NULL, &keys, &sizes), IA,
              "resolution must be a number");
    CHECK_OK(gr_louvain_options_init(&opts, GR_LOUVAIN_OPTIONS_VERSION));
    opts.threshold = NAN;
    CHECK_ERR(gr_graph_louvain_communities(g, &opts, NULL, &keys, &sizes), IA,
              "threshold must be a number");
    CHECK_ERR(gr_graph_louvain_communities(NULL, NULL, NULL, &keys, &sizes), IA, "NULL");
    CHECK_ERR(gr_graph_louvain_communities(g, NULL, NULL, NULL, &sizes), IA, "NULL");
    CHECK(keys == SENTINEL_KEYS && sizes == SENTINEL_ARRAY);
    gr_graph_free(g);

    /* A graph without edges: every node alone; the empty graph: nothing. */
    g = new_graph(true);
    CHECK_OK(gr_graph_add_node(g, IK(4), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("a"), NULL, NULL, 0));
    CHECK_OK(louvain_seeded(g, 1, &keys, &sizes));
    CHECK_KEYS(keys, "4,'a'");
    CHECK_I64S(sizes, "1,1");
    gr_keys_free(keys);
    gr_array_free(sizes);
    gr_graph_free(g);
    g = new_graph(false);
    CHECK_OK(louvain_seeded(g, 1, &keys, &sizes));
    CHECK_KEYS(keys, "");
    CHECK_I64S(sizes, "");
    gr_keys_free(keys);
    gr_array_free(sizes);
    gr_graph_free(g);
}

static void test_label_propagation(void)
{
    gr_graph *g = graph_of(false, TWO_TRIANGLES, 7);
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *sizes = SENTINEL_ARRAY;
    gr_keys *again = NULL;
    gr_array *again_sizes = NULL;

    CHECK_OK(gr_graph_label_propagation_communities(g, NULL, &keys, &sizes));
    CHECK_KEYS(keys, "0,1,2,3,4,5");
    CHECK_I64S(sizes, "3,3");
    gr_keys_free(keys);
    gr_array_free(sizes);

    /* Asynchronous: the same seed, the same communities. */
    CHECK_OK(gr_graph_asyn_lpa_communities(g, NULL, 0, true, 5, NULL, &keys, &sizes));
    CHECK_OK(gr_graph_asyn_lpa_communities(g, NULL, 0, true, 5, NULL, &again, &again_sizes));
    {
        char a[256], b[256];
        keys_format_at(__FILE__, __LINE__, keys, a, sizeof a);
        keys_format_at(__FILE__, __LINE__, again, b, sizeof b);
        CHECK(strcmp(a, b) == 0);
        CHECK(keys_len(keys) == 6);
    }
    gr_keys_free(keys);
    gr_array_free(sizes);
    gr_keys_free(again);
    gr_array_free(again_sizes);

    /* A weight no edge has; directed graphs for the semi-synchronous version. */
    keys = SENTINEL_KEYS;
    sizes = SENTINEL_ARRAY;
    CHECK_ERR(gr_graph_asyn_lpa_communities(g, "w", 1, true, 5, NULL, &keys, &sizes), IA,
              "no edge attribute 'w'");
    gr_graph_free(g);
    g = graph_of(true, TWO_TRIANGLES, 7);
    CHECK_ERR(gr_graph_label_propagation_communities(g, NULL, &keys, &sizes),
              GR_STATUS_INVALID_OPERATION, "undirected");
    CHECK(keys == SENTINEL_KEYS && sizes == SENTINEL_ARRAY);
    CHECK_OK(gr_graph_asyn_lpa_communities(g, NULL, 0, false, 0, NULL, &keys, &sizes));
    CHECK(keys_len(keys) == 6);
    gr_keys_free(keys);
    gr_array_free(sizes);
    gr_graph_free(g);
}

static void test_modularity(void)
{
    gr_graph *g = graph_of(false, TWO_TRIANGLES, 7);
    double q = -7.0;

    /* networkx: 5/14 for the two triangles; without weights, by default or explicitly. */
    CHECK_OK(split_modularity(g, NULL, false, &q));
    CHECK(dabs(q - 5.0 / 14.0) < 1e-15);
    CHECK_OK(split_modularity(g, "w", true, &q));
    CHECK(dabs(q - 5.0 / 14.0) < 1e-15);
    q = -7.0;
    CHECK_ERR(split_modularity(g, "w", false, &q), IA, "no edge attribute 'w'");
    CHECK(q == -7.0);

    /* Weighted: the bridge weighs 3, so m = 9, L = 3 in each, degree sums 9 and 9. */
    set_w(g, 2, 3, "w", v_i64(3));
    CHECK_OK(split_modularity(g, "w", false, &q));
    CHECK(dabs(q - 2.0 * (3.0 / 9.0 - (9.0 * 9.0) / (18.0 * 18.0))) < 1e-15);

    /* String keys and one community. */
    {
        static const uint8_t kinds[] = {GR_KEY_INT, GR_KEY_INT, GR_KEY_INT,
                                        GR_KEY_INT, GR_KEY_INT, GR_KEY_INT};
        static const int64_t ints[] = {5, 4, 3, 2, 1, 0};
        static const uint64_t one[] = {0, 0, 0, 0, 0, 0};
        CHECK_OK(gr_graph_modularity(g, 6, kinds, ints, NULL, 0, NULL, one, NULL, 0, true, 1.0,
                                     NULL, &q));
        CHECK(dabs(q) < 1e-15);
        /* Resolution 0: the fraction of weight inside. */
        CHECK_OK(gr_graph_modularity(g, 6, kinds, ints, NULL, 0, NULL, one, NULL, 0, true, 0.0,
                                     NULL, &q));
        CHECK(dabs(q - 1.0) < 1e-15);
    }

    /* Not a partition: a node missing, twice, or a key not in the graph; a NaN resolution. */
    {
        static const int64_t five[] = {0, 1, 2, 3, 4};
        static const int64_t twice[] = {0, 1, 2, 3, 4, 5, 5};
        static const int64_t stranger[] = {0, 1, 2, 3, 4, 5, 9};
        static const uint64_t c[] = {0, 0, 0, 1, 1, 1, 1};
        static const uint64_t far[] = {70, 70, 70, 1u << 31, 1u << 31, 1u << 31};
        q = -7.0;
        CHECK_ERR(gr_graph_modularity(g, 5, NULL, five, NULL, 0, NULL, c, NULL, 0, false, 1.0,
                                      NULL, &q),
                  IA, "5 is in no community");
        CHECK_ERR(gr_graph_modularity(g, 7, NULL, twice, NULL, 0, NULL, c, NULL, 0, false, 1.0,
                                      NULL, &q),
                  IA, "5 is in two communities");
        CHECK_ERR(gr_graph_modularity(g, 7, NULL, stranger, NULL, 0, NULL, c, NULL, 0, false,
                                      1.0, NULL, &q),
                  IA, "9 is not a node");
        /* Any numbers name communities. */
        CHECK_OK(gr_graph_modularity(g, 6, NULL, twice, NULL, 0, NULL, far, "w", 1, false, 1.0,
                                     NULL, &q));
        CHECK(dabs(q - 2.0 * (3.0 / 9.0 - (9.0 * 9.0) / (18.0 * 18.0))) < 1e-15);
        q = -7.0;
        CHECK_ERR(gr_graph_modularity(g, 6, NULL, twice, NULL, 0, NULL, c, NULL, 0, false, NAN,
                                      NULL, &q),
                  IA, "resolution");
        CHECK_ERR(gr_graph_modularity(g, 6, NULL, twice, NULL, 0, NULL, NULL, NULL, 0, false,
                                      1.0, NULL, &q),
                  IA, "community is NULL");
        CHECK(q == -7.0);
    }
    gr_graph_free(g);

    /* Directed: 0 -> 1 -> 2 -> 0 and 2 -> 3: one community holding 0, 1, 2, another 3;
     * m = 4, L = 3; out-sums 4 and 0, in-sums 3 and 1: 3/4 - 12/16 = 0 (as networkx). */
    {
        static const int64_t e[] = {0, 1, 1, 2, 2, 0, 2, 3};
        static const int64_t keys[] = {0, 1, 2, 3};
        static const uint64_t c[] = {0, 0, 0, 1};
        g = graph_of(true, e, 4);
        CHECK_OK(gr_graph_modularity(g, 4, NULL, keys, NULL, 0, NULL, c, NULL, 0, false, 1.0,
                                     NULL, &q));
        CHECK(dabs(q) < 1e-15);
        gr_graph_free(g);
    }

    /* No edges: modularity is undefined. */
    {
        static const int64_t keys[] = {1};
        static const uint64_t c[] = {0};
        g = new_graph(false);
        CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
        CHECK_ERR(gr_graph_modularity(g, 1, NULL, keys, NULL, 0, NULL, c, NULL, 0, false, 1.0,
                                      NULL, &q),
                  GR_STATUS_ALGORITHM, "undefined");
        gr_graph_free(g);
    }
}

static void test_cancel(void)
{
    gr_graph *g = graph_of(false, TWO_TRIANGLES, 7);
    gr_cancel *c = NULL;
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *sizes = SENTINEL_ARRAY;
    static const int64_t nodes[] = {0, 1, 2, 3, 4, 5};
    static const uint64_t comm[] = {0, 0, 0, 1, 1, 1};
    double q = -7.0;
    CHECK_OK(gr_cancel_new(&c));
    CHECK_OK(gr_cancel_trigger(c));
    CHECK_ERR(gr_graph_louvain_communities(g, NULL, c, &keys, &sizes), GR_STATUS_CANCELLED,
              "louvain_communities: cancelled");
    CHECK_ERR(gr_graph_label_propagation_communities(g, c, &keys, &sizes), GR_STATUS_CANCELLED,
              "cancelled");
    CHECK_ERR(gr_graph_asyn_lpa_communities(g, NULL, 0, true, 1, c, &keys, &sizes),
              GR_STATUS_CANCELLED, "cancelled");
    CHECK_ERR(gr_graph_modularity(g, 6, NULL, nodes, NULL, 0, NULL, comm, NULL, 0, false, 1.0, c,
                                  &q),
              GR_STATUS_CANCELLED, "modularity: cancelled");
    CHECK(keys == SENTINEL_KEYS && sizes == SENTINEL_ARRAY && q == -7.0);
    gr_cancel_free(c);
    gr_graph_free(g);
}

int main(void)
{
    test_louvain();
    test_label_propagation();
    test_modularity();
    test_cancel();
    return CHECK_SUMMARY();
}
