/*
 * test_shortest_path.c: gr_graph_shortest_path and gr_graph_shortest_path_lengths
 * unweighted and weighted (edges walked against their orientation when undirected, int /
 * float32 / float64 / missing weights), GR_STATUS_NO_PATH with a message naming both keys,
 * negative and NaN weights, missing nodes; gr_graph_bidirectional_shortest_path (networkx's
 * meeting point among equally short paths, directed and undirected, no path, missing nodes).
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

/* ----- shortest paths ----------------------------------------------------------------------- */

static void test_shortest_paths(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *lengths = SENTINEL_ARRAY;
    gr_graph *g;
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    CHECK(before != NULL);

    /* Undirected: 2 - 1 (w 1.0), 1 - 3 (w int 5), 3 - 2 (w float32 1), 3 - 4 (w 0.5), and 9
     * alone. Node order 2, 1, 3, 4, 9. Weighted paths walk 2 - 1 and 3 - 2 backwards. */
    {
        static const int64_t e[] = {2, 1, 1, 3, 3, 2, 3, 4};
        g = graph_of(false, e, 4);
        CHECK_OK(gr_graph_add_node(g, IK(9), NULL, NULL, 0));
        set_w(g, 2, 1, "w", v_f64(1.0));
        set_w(g, 1, 3, "w", v_i64(5));
        set_w(g, 3, 2, "w", v_f32(1.0f));
        set_w(g, 4, 3, "w", v_f64(0.5)); /* the same edge as 3 - 4 */
        take_snapshot(g, before);

        CHECK_PATH(g, IK(1), IK(4), NULL, "1,3,4");
        CHECK_PATH(g, IK(1), IK(4), "w", "1,2,3,4");
        CHECK_PATH(g, IK(4), IK(1), "w", "4,3,2,1");
        CHECK_PATH(g, IK(1), IK(3), "w", "1,2,3");
        CHECK_PATH(g, IK(1), IK(1), NULL, "1");
        CHECK_PATH(g, IK(1), IK(1), "w", "1");
        CHECK_PATH(g, IK(9), IK(9), "w", "9");
        CHECK_PATH(g, IK(2), IK(4), NULL, "2,3,4");

        CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(9), NULL, 0, NULL, &keys), GR_STATUS_NO_PATH,
                  "shortest_path: no path from 1 to 9");
        CHECK_STREQ(gr_last_error_message(), "shortest_path: no path from 1 to 9");
        CHECK_ERR(gr_graph_shortest_path(g, IK(9), IK(4), "w", 1, NULL, &keys), GR_STATUS_NO_PATH,
                  "shortest_path: no path from 9 to 4");
        CHECK_STREQ(gr_last_error_message(), "shortest_path: no path from 9 to 4");
        CHECK(keys == SENTINEL_KEYS);

        /* Hop counts in BFS order: 1's neighbours are 2 then 3. */
        CHECK_OK(gr_graph_shortest_path_lengths(g, IK(1), NULL, 0, NULL, &keys, &lengths));
        CHECK_KEYS(keys, "1,2,3,4");
        CHECK_I64S(lengths, "0,1,1,2");
        free_result(&keys, &lengths);
        /* Weighted: settle order 1 (0), 2 (1), 3 (2), 4 (2.5). */
        CHECK_OK(gr_graph_shortest_path_lengths(g, IK(1), "w", 1, NULL, &keys, &lengths));
        CHECK_KEYS(keys, "1,2,3,4");
        CHECK_F64S(lengths, 0.0, 0.0, 1.0, 2.0, 2.5);
        free_result(&keys, &lengths);
        CHECK_OK(gr_graph_shortest_path_lengths(g, IK(4), "w", 1, NULL, &keys, &lengths));
        CHECK_KEYS(keys, "4,3,2,1");
        CHECK_F64S(lengths, 0.0, 0.0, 0.5, 1.5, 2.5);
        free_result(&keys, &lengths);
        CHECK_OK(gr_graph_shortest_path_lengths(g, IK(9), NULL, 0, NULL, &keys, &lengths));
        CHECK_KEYS(keys, "9");
        CHECK_I64S(lengths, "0");
        free_result(&keys, &lengths);
        CHECK_OK(gr_graph_shortest_path_lengths(g, IK(9), "w", 1, NULL, &keys, &lengths));
        CHECK_KEYS(keys, "9");
        CHECK_F64S(lengths, 0.0, 0.0);
        free_result(&keys, &lengths);
        CHECK_UNCHANGED(g, before);

        /* A cheaper edge is seen at once (the weights cached with the snapshot are dropped). */
        set_w(g, 1, 3, "w", v_f64(1.25));
        CHECK_PATH(g, IK(1), IK(4), "w", "1,3,4");
        CHECK_OK(gr_graph_shortest_path_lengths(g, IK(1), "w", 1, NULL, &keys, &lengths));
        CHECK_KEYS(keys, "1,2,3,4");
        CHECK_F64S(lengths, 0.0, 0.0, 1.0, 1.25, 1.75);
        free_result(&keys, &lengths);
        /* So is a removed edge. */
        CHECK_OK(gr_graph_remove_edge(g, IK(3), IK(1)));
        CHECK_PATH(g, IK(1), IK(4), NULL, "1,2,3,4");
        CHECK_PATH(g, IK(1), IK(4), "w", "1,2,3,4");

        /* Negative and NaN weights. */
        set_w(g, 2, 3, "w", v_f64(-1.0));
        CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(4), "w", 1, NULL, &keys),
                  GR_STATUS_ALGORITHM, "shortest_path: negative or NaN weight -1");
        CHECK_ERR(gr_graph_shortest_path_lengths(g, IK(1), "w", 1, NULL, &keys, &lengths),
                  GR_STATUS_ALGORITHM, "shortest_path_lengths: negative or NaN weight");
        set_w(g, 2, 3, "w", v_f64(NAN));
        CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(4), "w", 1, NULL, &keys),
                  GR_STATUS_ALGORITHM, "negative or NaN weight");
        set_w(g, 2, 3, "w", v_i32(-2));
        CHECK_ERR(gr_graph_shortest_path_lengths(g, IK(2), "w", 1, NULL, &keys, &lengths),
                  GR_STATUS_ALGORITHM, "negative or NaN weight -2");
        /* Unweighted, the weights do not matter. */
        CHECK_PATH(g, IK(1), IK(4), NULL, "1,2,3,4");
        CHECK(keys == SENTINEL_KEYS);
        CHECK(lengths == SENTINEL_ARRAY);

        /* Missing nodes. */
        CHECK_ERR(gr_graph_shortest_path(g, IK(42), IK(1), NULL, 0, NULL, &keys),
                  GR_STATUS_NODE_NOT_FOUND, "shortest_path: node 42 not found");
        CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(42), "w", 1, NULL, &keys),
                  GR_STATUS_NODE_NOT_FOUND, "shortest_path: node 42 not found");
        CHECK_ERR(gr_graph_shortest_path(g, SK("1"), IK(1), NULL, 0, NULL, &keys),
                  GR_STATUS_NODE_NOT_FOUND, "shortest_path: node '1' not found");
        CHECK_ERR(gr_graph_shortest_path_lengths(g, IK(42), NULL, 0, NULL, &keys, &lengths),
                  GR_STATUS_NODE_NOT_FOUND, "shortest_path_lengths: node 42 not found");
        CHECK(keys == SENTINEL_KEYS);
        CHECK(lengths == SENTINEL_ARRAY);
        gr_graph_free(g);
    }

    /* Directed, string keys: a -> b -> c, a -> c (w 10), and x alone. */
    {
        g = new_graph(true);
        CHECK_OK(gr_graph_add_edge(g, SK("a"), SK("b"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, SK("b"), SK("c"), NULL, NULL, 0));
        {
            gr_buf name = buf_of("w");
            gr_attr_value ten = v_f64(10.0);
            CHECK_OK(gr_graph_add_edge(g, SK("a"), SK("c"), &name, &ten, 1));
        }
        CHECK_OK(gr_graph_add_node(g, SK("x"), NULL, NULL, 0));
        CHECK_PATH(g, SK("a"), SK("c"), NULL, "'a','c'");
        CHECK_PATH(g, SK("a"), SK("c"), "w", "'a','b','c'");
        CHECK_ERR(gr_graph_shortest_path(g, SK("c"), SK("a"), NULL, 0, NULL, &keys),
                  GR_STATUS_NO_PATH, "shortest_path: no path from 'c' to 'a'");
        CHECK_STREQ(gr_last_error_message(), "shortest_path: no path from 'c' to 'a'");
        CHECK_ERR(gr_graph_shortest_path(g, SK("c"), SK("a"), "w", 1, NULL, &keys),
                  GR_STATUS_NO_PATH, "shortest_path: no path from 'c' to 'a'");
        CHECK_ERR(gr_graph_shortest_path(g, SK("a"), SK("x"), NULL, 0, NULL, &keys),
                  GR_STATUS_NO_PATH, "shortest_path: no path from 'a' to 'x'");
        CHECK_ERR(gr_graph_shortest_path(g, SK("zz"), SK("a"), NULL, 0, NULL, &keys),
                  GR_STATUS_NODE_NOT_FOUND, "shortest_path: node 'zz' not found");
        CHECK(keys == SENTINEL_KEYS);
        CHECK_OK(gr_graph_shortest_path_lengths(g, SK("a"), NULL, 0, NULL, &keys, &lengths));
        CHECK_KEYS(keys, "'a','b','c'");
        CHECK_I64S(lengths, "0,1,1");
        free_result(&keys, &lengths);
        CHECK_OK(gr_graph_shortest_path_lengths(g, SK("a"), "w", 1, NULL, &keys, &lengths));
        CHECK_KEYS(keys, "'a','b','c'");
        CHECK_F64S(lengths, 0.0, 0.0, 1.0, 2.0);
        free_result(&keys, &lengths);
        CHECK_OK(gr_graph_shortest_path_lengths(g, SK("c"), NULL, 0, NULL, &keys, &lengths));
        CHECK_KEYS(keys, "'c'");
        CHECK_I64S(lengths, "0");
        free_result(&keys, &lengths);
        gr_graph_free(g);
    }
    free(before);
}

static void check_bidirectional_at(const char *file, int line, const gr_graph *g, int64_t u,
                                   int64_t v, const char *expected)
{
    gr_keys *keys = NULL;
    char buf[4096];
    gr_status s = gr_graph_bidirectional_shortest_path(g, IK(u), IK(v), NULL, &keys);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_graph_bidirectional_shortest_path: status %d", (int)s);
    }
    keys_format_at(file, line, keys, buf, sizeof buf);
    if (strcmp(buf, expected) != 0) {
        check_fail(file, line, "bidirectional path [%s] != [%s]", buf, expected);
    }
    gr_keys_free(keys);
    check_pass();
}
#define CHECK_BIDIRECTIONAL(g, u, v, expected) \
    check_bidirectional_at(__FILE__, __LINE__, (g), (u), (v), (expected))

static void test_bidirectional(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    /* Two paths of 3 edges from 0 to 5 (0-1-2-5, 0-3-4-5); networkx's searches meet at 2
     * going from 0, at 3 going from 5. */
    static const int64_t e[] = {0, 1, 1, 2, 0, 3, 3, 4, 5, 4, 2, 5};
    static const int64_t d[] = {0, 1, 1, 2, 2, 3, 3, 0};
    gr_graph *g = graph_of(false, e, 6);
    CHECK_OK(gr_graph_add_node(g, IK(9), NULL, NULL, 0));
    CHECK_BIDIRECTIONAL(g, 0, 5, "0,1,2,5");
    CHECK_BIDIRECTIONAL(g, 5, 0, "5,4,3,0");
    CHECK_BIDIRECTIONAL(g, 2, 2, "2");
    CHECK_ERR(gr_graph_bidirectional_shortest_path(g, IK(0), IK(9), NULL, &keys),
              GR_STATUS_NO_PATH, "no path from 0 to 9");
    CHECK_ERR(gr_graph_bidirectional_shortest_path(g, IK(0), IK(8), NULL, &keys),
              GR_STATUS_NODE_NOT_FOUND, "node 8 not found");
    CHECK_ERR(gr_graph_bidirectional_shortest_path(g, IK(0), IK(5), NULL, NULL), IA, "keys");
    CHECK(keys == SENTINEL_KEYS);
    gr_graph_free(g);
    /* Directed: the search from the target goes against the edges. */
    g = graph_of(true, d, 4);
    CHECK_BIDIRECTIONAL(g, 0, 3, "0,1,2,3");
    CHECK_BIDIRECTIONAL(g, 3, 2, "3,0,1,2");
    gr_graph_free(g);
}

int main(void)
{
    test_shortest_paths();
    test_bidirectional();
    return CHECK_SUMMARY();
}
