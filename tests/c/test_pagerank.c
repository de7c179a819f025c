/*
 * test_pagerank.c: gr_graph_pagerank and gr_pagerank_options, used the way a C or C++
 * program would.
 * 
 * Covers: PageRank on hand-checked graphs (a directed edge with a dangling node, a cycle, an
 * undirected star, an undirected self-loop, isolated nodes, the empty graph, a weight column
 * of mixed int / float / Null / missing values, zero out-weight, a removed edge's weight not
 * inherited, personalization with string keys and keys not in the graph); every bad argument
 * (alpha, tol, max_iter, personalization sums and key arrays); gr_pagerank_options (every
 * field, through gr_pagerank_options_init: its defaults, NULL options giving the same scores
 * as the init'd struct, versions 0 and newer than the library's refused by the init, which
 * then writes nothing, and by gr_graph_pagerank, which then writes no output).
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

#define NO_CANCEL ((const gr_cancel *)NULL)

static size_t array_len(const gr_array *a)
{
    size_t len = 99;
    gr_attr_tag kind = -1;
    const void *data = NULL;
    CHECK_OK(gr_array_info(a, &len, &kind, &data));
    return len;
}

/* ----- PageRank ----------------------------------------------------------------------------- */

static void test_pagerank_small(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *scores = SENTINEL_ARRAY;
    gr_graph *g;

    /* networkx: pagerank(DiGraph([(1, 2)])) == {1: 0.350877..., 2: 0.649122...}, where
     * 0.350877... = 0.5 / 1.425. */
    {
        static const int64_t e[] = {1, 2};
        g = graph_of(true, e, 1);
        CHECK_OK(pagerank(g, 0.85, 100, 1e-6, NULL, NULL, &keys, &scores));
        CHECK_KEYS(keys, "1,2");
        CHECK_F64S(scores, 1e-6, 0.35087719298245614, 0.64912280701754386);
        free_result(&keys, &scores);
        CHECK_OK(pagerank(g, 0.85, 1000, 1e-13, NULL, NULL, &keys, &scores));
        CHECK_F64S(scores, 1e-11, 0.5 / 1.425, 1.0 - 0.5 / 1.425);
        free_result(&keys, &scores);
        /* Another alpha: x1 = (1 - a) / 2 + a x2 / 2 with x2 = 1 - x1, so
         * x1 = 0.5 / (1 + a / 2). */
        CHECK_OK(pagerank(g, 0.5, 1000, 1e-13, NULL, NULL, &keys, &scores));
        CHECK_F64S(scores, 1e-11, 0.4, 0.6);
        free_result(&keys, &scores);
        gr_graph_free(g);
    }

    /* A 3-cycle: uniform. */
    {
        static const int64_t e[] = {1, 2, 2, 3, 3, 1};
        g = graph_of(true, e, 3);
        CHECK_OK(pagerank(g, 0.85, 100, 1e-6, NULL, NULL, &keys, &scores));
        CHECK_KEYS(keys, "1,2,3");
        CHECK_F64S(scores, 1e-12, 1.0 / 3, 1.0 / 3, 1.0 / 3);
        free_result(&keys, &scores);
        gr_graph_free(g);
    }

    /* Undirected star, centre 0: c = 0.132 / 0.2775, each leaf (1 - c) / 4. */
    {
        static const int64_t e[] = {0, 1, 2, 0, 0, 3, 4, 0};
        double c = 0.132 / 0.2775;
        double leaf = (1.0 - c) / 4;
        g = graph_of(false, e, 4);
        CHECK_OK(pagerank(g, 0.85, 1000, 1e-13, NULL, NULL, &keys, &scores));
        CHECK_KEYS(keys, "0,1,2,3,4");
        CHECK_F64S(scores, 1e-10, c, leaf, leaf, leaf, leaf);
        free_result(&keys, &scores);
        /* The same graph directed both ways gives the same scores. */
        gr_graph_free(g);
        {
            static const int64_t both[] = {0, 1, 1, 0, 2, 0, 0, 2, 0, 3, 3, 0, 4, 0, 0, 4};
            g = graph_of(true, both, 8);
            CHECK_OK(pagerank(g, 0.85, 1000, 1e-13, NULL, NULL, &keys, &scores));
            CHECK_KEYS(keys, "0,1,2,3,4");
            CHECK_F64S(scores, 1e-10, c, leaf, leaf, leaf, leaf);
            free_result(&keys, &scores);
        }
        gr_graph_free(g);
    }

    /* Undirected 1 - 1, 1 - 2: as networkx (to_directed), the self-loop is one out-edge. */
    {
        static const int64_t e[] = {1, 1, 1, 2};
        g = graph_of(false, e, 2);
        CHECK_OK(pagerank(g, 0.85, 1000, 1e-13, NULL, NULL, &keys, &scores));
        CHECK_KEYS(keys, "1,2");
        CHECK_F64S(scores, 1e-10, 1.0 - 0.5 / 1.425, 0.5 / 1.425);
        free_result(&keys, &scores);
        gr_graph_free(g);
    }

    /* Isolated nodes only (all dangling): uniform, with string keys. */
    {
        g = new_graph(true);
        CHECK_OK(gr_graph_add_node(g, SK("a"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, IK(-7), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, SK(NIHON), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, SK(""), NULL, NULL, 0));
        CHECK_OK(pagerank(g, 0.85, 100, 1e-6, NULL, NULL, &keys, &scores));
        CHECK_KEYS(keys, "'a',-7,'" NIHON "',''");
        CHECK_F64S(scores, 1e-15, 0.25, 0.25, 0.25, 0.25);
        free_result(&keys, &scores);
        gr_graph_free(g);
    }

    /* The empty graph: empty results, even with max_iter 0. */
    {
        g = new_graph(false);
        CHECK_OK(pagerank(g, 0.85, 100, 1e-6, NULL, NULL, &keys, &scores));
        CHECK_KEYS(keys, "");
        CHECK_EQ(array_len(scores), 0);
        free_result(&keys, &scores);
        gr_graph_free(g);
    }
}

/* Directed 1 -> 2 (w = int 3), 1 -> 3 (no w), 2 -> 1 (w = 1.0), 3 -> 1 (w = Null). */
static gr_graph *weighted_triangle(void)
{
    static const int64_t e[] = {1, 2, 1, 3, 2, 1, 3, 1};
    gr_graph *g = graph_of(true, e, 4);
    set_w(g, 1, 2, "w", v_i64(3));
    set_w(g, 1, 3, "label", v_str("no weight here"));
    set_w(g, 2, 1, "w", v_f64(1.0));
    set_w(g, 3, 1, "w", v_null());
    return g;
}

static void test_pagerank_weighted(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *scores = SENTINEL_ARRAY;
    gr_graph *g = weighted_triangle();
    /* Node 1 sends 3/4 to 2 and 1/4 to 3; 2 and 3 send everything to 1:
     * x1 = 0.05 + 0.85 (x2 + x3), x2 = 0.05 + 0.85 * 0.75 x1, x3 = 0.05 + 0.85 * 0.25 x1. */
    double x1 = 0.135 / 0.2775;
    double x2 = 0.05 + 0.6375 * x1;
    double x3 = 0.05 + 0.2125 * x1;
    double even = (1.0 - x1) / 2;
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    CHECK(before != NULL);
    take_snapshot(g, before);

    CHECK_OK(pagerank(g, 0.85, 1000, 1e-13, "w", NULL, &keys, &scores));
    CHECK_KEYS(keys, "1,2,3");
    CHECK_F64S(scores, 1e-10, x1, x2, x3);
    free_result(&keys, &scores);
    /* Unweighted: 2 and 3 share evenly. */
    CHECK_OK(pagerank(g, 0.85, 1000, 1e-13, NULL, NULL, &keys, &scores));
    CHECK_F64S(scores, 1e-10, x1, even, even);
    free_result(&keys, &scores);
    /* The header: weight NULL means unweighted, whatever weight_len says. */
    CHECK_OK(pr_full(g, 0.85, 1000, 1e-13, NULL, 7, NULL, NULL, NULL, 0, NULL, NULL, 0,
                     NULL, &keys, &scores));
    CHECK_F64S(scores, 1e-10, x1, even, even);
    free_result(&keys, &scores);
    /* An empty (non-NULL) name: a column no edge has, an error. */
    CHECK_ERR(pr_full(g, 0.85, 1000, 1e-13, "w", 0, NULL, NULL, NULL, 0, NULL, NULL, 0,
                      NULL, &keys, &scores),
              GR_STATUS_INVALID_ARGUMENT, "pagerank: no edge attribute '' to use as weight");
    CHECK(keys == SENTINEL_KEYS && scores == SENTINEL_ARRAY);
    /* The name is (ptr, len), not NUL-terminated. */
    CHECK_OK(pr_full(g, 0.85, 1000, 1e-13, "wxyz", 1, NULL, NULL, NULL, 0, NULL, NULL, 0,
                     NULL, &keys, &scores));
    CHECK_F64S(scores, 1e-10, x1, x2, x3);
    free_result(&keys, &scores);
    /* Computing changes nothing. */
    CHECK_UNCHANGED(g, before);

    /* A changed weight is seen by the next call (the cached weights are dropped). */
    set_w(g, 1, 2, "w", v_f32(1.0f));
    CHECK_OK(pagerank(g, 0.85, 1000, 1e-13, "w", NULL, &keys, &scores));
    CHECK_F64S(scores, 1e-10, x1, even, even);
    free_result(&keys, &scores);
    gr_graph_free(g);

    /* Zero out-weight makes a node dangling: 1 -> 2 with weight 0 is like no edge. */
    {
        static const int64_t e[] = {1, 2};
        g = graph_of(true, e, 1);
        set_w(g, 1, 2, "w", v_f64(0.0));
        CHECK_OK(pagerank(g, 0.85, 1000, 1e-13, "w", NULL, &keys, &scores));
        CHECK_F64S(scores, 1e-12, 0.5, 0.5);
        free_result(&keys, &scores);
        /* A bool weight reads as 0 / 1. */
        set_w(g, 1, 2, "b", v_bool(false));
        CHECK_OK(pagerank(g, 0.85, 1000, 1e-13, "b", NULL, &keys, &scores));
        CHECK_F64S(scores, 1e-12, 0.5, 0.5);
        free_result(&keys, &scores);
        gr_graph_free(g);
    }

    /* A removed edge's weight does not stick to an edge added later: 1 -> 2 (w 0) and
     * 1 -> 3; remove 1 -> 2, add 1 -> 4 without a weight: 3 and 4 share 1's score. */
    {
        static const int64_t e[] = {1, 2, 1, 3};
        double x[4];
        size_t len = 0;
        gr_attr_tag kind = -1;
        const void *data = NULL;
        gr_keys *path = NULL;
        g = graph_of(true, e, 2);
        set_w(g, 1, 2, "w", v_f64(0.0));
        set_w(g, 1, 3, "w", v_f64(1.0));
        CHECK_OK(pagerank(g, 0.85, 1000, 1e-13, "w", NULL, &keys, &scores));
        free_result(&keys, &scores);
        CHECK_OK(gr_graph_remove_edge(g, IK(1), IK(2)));
        CHECK_OK(gr_graph_add_edge(g, IK(1), IK(4), NULL, NULL, 0));
        CHECK_OK(pagerank(g, 0.85, 1000, 1e-13, "w", NULL, &keys, &scores));
        CHECK_KEYS(keys, "1,2,3,4");
        CHECK_OK(gr_array_info(scores, &len, &kind, &data));
        CHECK_EQ(len, 4);
        memcpy(x, data, sizeof x);
        CHECK(dabs(x[2] - x[3]) < 1e-12);
        CHECK(x[2] > x[1]);
        free_result(&keys, &scores);
        /* Dijkstra agrees: 1 -> 4 weighs 1, not 0. */
        CHECK_OK(gr_graph_add_edge(g, IK(4), IK(5), NULL, NULL, 0));
        CHECK_OK(gr_graph_shortest_path_lengths(g, IK(1), "w", 1, NULL, &keys, &scores));
        CHECK_KEYS(keys, "1,3,4,5");
        CHECK_F64S(scores, 0.0, 0.0, 1.0, 1.0, 2.0);
        free_result(&keys, &scores);
        CHECK_OK(gr_graph_shortest_path(g, IK(1), IK(5), "w", 1, NULL, &path));
        CHECK_KEYS(path, "1,4,5");
        gr_keys_free(path);
        gr_graph_free(g);
    }
    free(before);
}

static void test_pagerank_personalization(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *scores = SENTINEL_ARRAY;
    gr_graph *g = new_graph(true);
    /* 1 -> 2 -> "s" -> 1; personalization {1: 1, "s": 3, 99: 100, "zz": 5}: 99 and "zz" are
     * not in the graph, so p = {1: 0.25, 2: 0, "s": 0.75}. */
    static const uint8_t kinds[4] = {GR_KEY_INT, GR_KEY_STR, GR_KEY_INT, GR_KEY_STR};
    static const int64_t ints[4] = {1, 0, 99, 0};
    static const char data[] = "szz";
    static const size_t offsets[5] = {0, 0, 1, 1, 3};
    static const double values[4] = {1.0, 3.0, 100.0, 5.0};
    double x1 = 0.133125 / 0.385875;
    double x2 = 0.85 * x1;
    double xs = 0.85 * x2 + 0.1125;
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    CHECK(before != NULL);
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(2), SK("s"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("s"), IK(1), NULL, NULL, 0));
    take_snapshot(g, before);

    CHECK_OK(pr_full(g, 0.85, 1000, 1e-13, NULL, 0, kinds, ints,
                     (const uint8_t *)data, 3, offsets, values, 4, NULL, &keys,
                     &scores));
    CHECK_KEYS(keys, "1,2,'s'");
    CHECK_F64S(scores, 1e-10, x1, x2, xs);
    free_result(&keys, &scores);
    /* Scaling the values changes nothing. */
    {
        static const double scaled[4] = {0.5, 1.5, -3.0, 1e9};
        CHECK_OK(pr_full(g, 0.85, 1000, 1e-13, NULL, 0, kinds, ints,
                         (const uint8_t *)data, 3, offsets, scaled, 4, NULL, &keys,
                         &scores));
        CHECK_F64S(scores, 1e-10, x1, x2, xs);
        free_result(&keys, &scores);
    }
    /* All-int keys (kinds NULL). */
    {
        static const int64_t only[2] = {2, 1};
        static const double v[2] = {0.0, 2.0};
        /* p = {1: 1}: x2 = 0.85 x1, xs = 0.85 x2, x1 = 0.85 xs + 0.15. */
        double y1 = 0.15 / (1.0 - 0.85 * 0.85 * 0.85);
        CHECK_OK(pr_full(g, 0.85, 1000, 1e-13, NULL, 0, NULL, only, NULL, 0, NULL, v, 2,
                         NULL, &keys, &scores));
        CHECK_F64S(scores, 1e-10, y1, 0.85 * y1, 0.85 * 0.85 * y1);
        free_result(&keys, &scores);
    }
    /* personal_values NULL: no personalization, whatever the other arguments say. */
    CHECK_OK(pr_full(g, 0.85, 100, 1e-6, NULL, 0, kinds, ints, (const uint8_t *)data, 3,
                     offsets, NULL, 4, NULL, &keys, &scores));
    CHECK_F64S(scores, 1e-12, 1.0 / 3, 1.0 / 3, 1.0 / 3);
    free_result(&keys, &scores);
    CHECK_OK(pr_full(g, 0.85, 100, 1e-6, NULL, 0, NULL, NULL, NULL, 0, NULL, NULL, 5,
                     NULL, &keys, &scores));
    CHECK_F64S(scores, 1e-12, 1.0 / 3, 1.0 / 3, 1.0 / 3);
    free_result(&keys, &scores);

    /* Sums that are zero (over the graph's nodes) or not finite. */
    {
        static const int64_t k2[2] = {1, 2};
        static const double cancel_out[2] = {1.0, -1.0};
        static const int64_t absent[2] = {99, 100};
        static const double ones[2] = {1.0, 1.0};
        double bad[2];
        const char *msg = "pagerank: personalization must give the graph's nodes a non-zero, "
                          "finite sum";
        CHECK_ERR(pr_full(g, 0.85, 100, 1e-6, NULL, 0, NULL, k2, NULL, 0, NULL,
                          cancel_out, 2, NULL, &keys, &scores),
                  IA, msg);
        CHECK_STREQ(gr_last_error_message(), msg);
        CHECK_ERR(pr_full(g, 0.85, 100, 1e-6, NULL, 0, NULL, absent, NULL, 0, NULL, ones,
                          2, NULL, &keys, &scores),
                  IA, msg);
        /* Non-NULL values for no keys at all. */
        CHECK_ERR(pr_full(g, 0.85, 100, 1e-6, NULL, 0, NULL, NULL, NULL, 0, NULL, ones,
                          0, NULL, &keys, &scores),
                  IA, msg);
        bad[0] = 1.0;
        bad[1] = NAN;
        CHECK_ERR(pr_full(g, 0.85, 100, 1e-6, NULL, 0, NULL, k2, NULL, 0, NULL, bad, 2,
                          NULL, &keys, &scores),
                  IA, msg);
        bad[1] = HUGE_VAL;
        CHECK_ERR(pr_full(g, 0.85, 100, 1e-6, NULL, 0, NULL, k2, NULL, 0, NULL, bad, 2,
                          NULL, &keys, &scores),
                  IA, msg);
        CHECK(keys == SENTINEL_KEYS);
        CHECK(scores == SENTINEL_ARRAY);
    }

    /* Bad key arrays. */
    {
        static const uint8_t bad_kind[2] = {GR_KEY_INT, 7};
        static const int64_t k2[2] = {1, 2};
        static const double ones[2] = {1.0, 1.0};
        static const uint8_t str_kinds[1] = {GR_KEY_STR};
        static const size_t past_end[2] = {0, 9};
        static const size_t backwards[2] = {2, 1};
        static const size_t one_byte[2] = {0, 1};
        CHECK_ERR(pr_full(g, 0.85, 100, 1e-6, NULL, 0, bad_kind, k2, NULL, 0, NULL, ones,
                          2, NULL, &keys, &scores),
                  IA, "pagerank: personalization: unknown key kind 7 at 1");
        CHECK_ERR(pr_full(g, 0.85, 100, 1e-6, NULL, 0, NULL, NULL, NULL, 0, NULL, ones,
                          2, NULL, &keys, &scores),
                  IA, "pagerank: personalization: ints is NULL");
        CHECK_ERR(pr_full(g, 0.85, 100, 1e-6, NULL, 0, str_kinds, NULL,
                          (const uint8_t *)"abc", 3, past_end, ones, 1, NULL, &keys,
                          &scores),
                  IA, "out of range");
        CHECK_ERR(pr_full(g, 0.85, 100, 1e-6, NULL, 0, str_kinds, NULL,
                          (const uint8_t *)"abc", 3, backwards, ones, 1, NULL, &keys,
                          &scores),
                  IA, "out of range");
        CHECK_ERR(pr_full(g, 0.85, 100, 1e-6, NULL, 0, str_kinds, NULL,
                          (const uint8_t *)"\xff", 1, one_byte, ones, 1, NULL, &keys,
                          &scores),
                  IA, "not valid UTF-8");
        CHECK_ERR(pr_full(g, 0.85, 100, 1e-6, NULL, 0, str_kinds, NULL, NULL, 0, NULL,
                          ones, 1, NULL, &keys, &scores),
                  IA, "pagerank: personalization: str_offsets is NULL");
        CHECK(keys == SENTINEL_KEYS);
        CHECK(scores == SENTINEL_ARRAY);
    }
    CHECK_UNCHANGED(g, before);
    gr_graph_free(g);

    /* A dangling node's mass goes where the personalization says: 1 -> 2 with p = {2: 1}
     * puts everything on 2. */
    {
        static const int64_t e[] = {1, 2};
        static const int64_t k1[1] = {2};
        static const double one[1] = {1.0};
        g = graph_of(true, e, 1);
        CHECK_OK(pr_full(g, 0.85, 100, 1e-6, NULL, 0, NULL, k1, NULL, 0, NULL, one, 1,
                         NULL, &keys, &scores));
        CHECK_F64S(scores, 1e-12, 0.0, 1.0);
        free_result(&keys, &scores);
        gr_graph_free(g);
    }
    free(before);
}

/* The float64 values of two arrays are the same bits. */
static bool same_f64s(const gr_array *a, const gr_array *b)
{
    size_t la = 0;
    size_t lb = 0;
    gr_attr_tag ka = -1;
    gr_attr_tag kb = -1;
    const void *da = NULL;
    const void *db = NULL;
    CHECK_OK(gr_array_info(a, &la, &ka, &da));
    CHECK_OK(gr_array_info(b, &lb, &kb, &db));
    CHECK(ka == GR_ATTR_FLOAT64 && kb == GR_ATTR_FLOAT64);
    return la == lb && (la == 0 || memcmp(da, db, la * sizeof(double)) == 0);
}

static void test_pagerank_options(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *scores = SENTINEL_ARRAY;
    gr_keys *keys2 = NULL;
    gr_array *scores2 = NULL;
    gr_pagerank_options opts;
    gr_pagerank_options copy;
    static const int64_t e[] = {1, 2, 1, 3, 2, 3, 3, 1, 4, 3};
    static const uint32_t bad_versions[3] = {0, GR_PAGERANK_OPTIONS_VERSION + 1, UINT32_MAX};
    gr_graph *g = graph_of(true, e, 5);
    size_t i;

    /* The init fills every field, whatever the struct held. */
    memset(&opts, 0xAB, sizeof opts);
    CHECK_OK(gr_pagerank_options_init(&opts, GR_PAGERANK_OPTIONS_VERSION));
    CHECK_EQ(opts.version, GR_PAGERANK_OPTIONS_VERSION);
    CHECK(opts.alpha == 0.85);
    CHECK_EQ(opts.max_iter, 100);
    CHECK(opts.tol == 1e-6);
    CHECK(opts.weight == NULL);
    CHECK_EQ(opts.weight_len, 0);
    CHECK(opts.personal_kinds == NULL && opts.personal_ints == NULL);
    CHECK(opts.personal_str_data == NULL && opts.personal_str_offsets == NULL);
    CHECK_EQ(opts.personal_str_data_len, 0);
    CHECK(opts.personal_values == NULL);
    CHECK_EQ(opts.n_personal, 0);

    /* NULL options are the defaults: the same scores, bit for bit, as the init'd struct. */
    CHECK_OK(gr_graph_pagerank(g, NULL, NO_CANCEL, &keys, &scores));
    CHECK_OK(gr_graph_pagerank(g, &opts, NO_CANCEL, &keys2, &scores2));
    CHECK_KEYS(keys, "1,2,3,4");
    CHECK(same_f64s(scores, scores2));
    gr_keys_free(keys2);
    gr_array_free(scores2);
    /* ... and the comparison can tell: a smaller tol gives other bits. */
    opts.tol = 1e-13;
    CHECK_OK(gr_graph_pagerank(g, &opts, NO_CANCEL, &keys2, &scores2));
    CHECK(!same_f64s(scores, scores2));
    gr_keys_free(keys2);
    gr_array_free(scores2);
    free_result(&keys, &scores);

    /* A version this library does not know: refused by the init, which writes nothing, and
     * by the algorithm, which writes no output. */
    for (i = 0; i < 3; i++) {
        char expected[128];
        memset(&opts, 0x5C, sizeof opts);
        memcpy(&copy, &opts, sizeof opts);
        snprintf(expected, sizeof expected, "pagerank_options_init: options version %lu",
                 (unsigned long)bad_versions[i]);
        CHECK_ERR(gr_pagerank_options_init(&opts, bad_versions[i]), IA, expected);
        CHECK_STREQ(gr_last_error_operation(), "pagerank_options_init");
        CHECK(memcmp(&opts, &copy, sizeof opts) == 0);

        CHECK_OK(gr_pagerank_options_init(&opts, GR_PAGERANK_OPTIONS_VERSION));
        opts.version = bad_versions[i];
        snprintf(expected, sizeof expected, "pagerank: options version %lu",
                 (unsigned long)bad_versions[i]);
        CHECK_ERR(gr_graph_pagerank(g, &opts, NO_CANCEL, &keys, &scores), IA, expected);
        CHECK_STREQ(gr_last_error_operation(), "pagerank");
        CHECK(keys == SENTINEL_KEYS && scores == SENTINEL_ARRAY);
    }
    /* The messages say what to do. */
    opts.version = 0;
    CHECK_ERR(gr_graph_pagerank(g, &opts, NO_CANCEL, &keys, &scores), IA,
              "pagerank: options version 0: the options were not initialised (call "
              "gr_pagerank_options_init(opts, version) first)");
    opts.version = GR_PAGERANK_OPTIONS_VERSION + 1;
    CHECK_ERR(gr_graph_pagerank(g, &opts, NO_CANCEL, &keys, &scores), IA,
              "is unknown: this library knows versions 1 to 1");
    CHECK_ERR(gr_pagerank_options_init(NULL, GR_PAGERANK_OPTIONS_VERSION), IA,
              "pagerank_options_init: options is NULL");
    CHECK(keys == SENTINEL_KEYS && scores == SENTINEL_ARRAY);
    gr_graph_free(g);
}

static void test_pagerank_errors(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *scores = SENTINEL_ARRAY;
    static const int64_t e[] = {1, 2, 2, 3, 3, 1};
    gr_graph *g = graph_of(true, e, 3);
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    CHECK(before != NULL);
    take_snapshot(g, before);

    CHECK_ERR(pagerank(g, 1.5, 100, 1e-6, NULL, NULL, &keys, &scores), IA,
              "pagerank: alpha must be in (0, 1), got 1.5");
    CHECK_STREQ(gr_last_error_message(), "pagerank: alpha must be in (0, 1), got 1.5");
    CHECK_ERR(pagerank(g, 0.0, 100, 1e-6, NULL, NULL, &keys, &scores), IA,
              "pagerank: alpha must be in (0, 1), got 0");
    CHECK_ERR(pagerank(g, 1.0, 100, 1e-6, NULL, NULL, &keys, &scores), IA,
              "pagerank: alpha must be in (0, 1), got 1");
    CHECK_ERR(pagerank(g, -0.5, 100, 1e-6, NULL, NULL, &keys, &scores), IA,
              "pagerank: alpha must be in (0, 1), got -0.5");
    CHECK_ERR(pagerank(g, NAN, 100, 1e-6, NULL, NULL, &keys, &scores), IA,
              "pagerank: alpha must be in (0, 1), got NaN");
    CHECK_ERR(pagerank(g, 0.85, 100, -1.0, NULL, NULL, &keys, &scores), IA,
              "pagerank: tol must be a number >= 0, got -1");
    CHECK_ERR(pagerank(g, 0.85, 100, NAN, NULL, NULL, &keys, &scores), IA,
              "pagerank: tol must be a number >= 0, got NaN");
    /* Never converging: tol 0 (the L1 change is never below 0), or no iteration at all. */
    CHECK_ERR(pagerank(g, 0.85, 1, 0.0, NULL, NULL, &keys, &scores), GR_STATUS_ALGORITHM,
              "pagerank: did not converge within 1 iterations");
    CHECK_ERR(pagerank(g, 0.85, 50, 0.0, NULL, NULL, &keys, &scores), GR_STATUS_ALGORITHM,
              "pagerank: did not converge within 50 iterations");
    CHECK_ERR(pagerank(g, 0.85, 0, 1e-6, NULL, NULL, &keys, &scores), GR_STATUS_ALGORITHM,
              "pagerank: did not converge within 0 iterations");
    /* ... and one iteration is enough for a cycle with a positive tol. */
    CHECK_OK(pagerank(g, 0.85, 1, 1e-6, NULL, NULL, &keys, &scores));
    free_result(&keys, &scores);
    CHECK(keys == SENTINEL_KEYS);
    CHECK(scores == SENTINEL_ARRAY);
    CHECK_UNCHANGED(g, before);
    gr_graph_free(g);
    free(before);
}

int main(void)
{
    test_pagerank_small();
    test_pagerank_weighted();
    test_pagerank_personalization();
    test_pagerank_errors();
    test_pagerank_options();
    return CHECK_SUMMARY();
}
