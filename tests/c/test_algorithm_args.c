/*
 * test_algorithm_args.c: bad arguments to the algorithm functions: NULL graphs, NULL
 * outputs, weight names (NULL with a length, empty, invalid UTF-8, naming a string or bytes
 * column, naming a column no edge has: INVALID_ARGUMENT, for each algorithm taking a weight,
 * even when no edge is left or only nodes have it), bad keys, with outputs untouched and the
 * graph unchanged on every failure.
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

#define NO_GRAPH ((const gr_graph *)NULL)

/* A weight name is an edge attribute some live edge has: one only nodes have, or one whose
 * edges are all removed, is as unknown as a typo. */
static void test_weight_names(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *arr = SENTINEL_ARRAY;
    gr_attr_value one = v_f64(1.0);
    static const int64_t e[] = {1, 2, 2, 3};
    gr_graph *g = graph_of(false, e, 2);
    set_w(g, 1, 2, "w", v_f64(2.0));
    CHECK_OK(gr_graph_set_node_attr(g, IK(3), "size", 4, &one));
    CHECK_PATH(g, IK(1), IK(3), "w", "1,2,3");
    CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(3), "size", 4, NULL, &keys),
              GR_STATUS_INVALID_ARGUMENT,
              "shortest_path: no edge attribute 'size' to use as weight");
    CHECK_OK(gr_graph_remove_edge(g, IK(1), IK(2)));
    CHECK_ERR(pagerank(g, 0.85, 100, 1e-6, "w", NULL, &keys, &arr), GR_STATUS_INVALID_ARGUMENT,
              "pagerank: no edge attribute 'w' to use as weight");
    CHECK(keys == SENTINEL_KEYS && arr == SENTINEL_ARRAY);
    /* Set again, it is there again (the snapshot's weight cache does not remember the miss). */
    set_w(g, 2, 3, "w", v_f64(3.0));
    CHECK_OK(gr_graph_shortest_path_lengths(g, IK(2), "w", 1, NULL, &keys, &arr));
    CHECK_KEYS(keys, "2,3");
    CHECK_F64S(arr, 0.0, 0.0, 3.0);
    free_result(&keys, &arr);
    gr_graph_free(g);
}

/* ----- bad input ---------------------------------------------------------------------------- */

static void test_bad_input(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *arr = SENTINEL_ARRAY;
    gr_graph *g = new_graph(true);
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    const char *bad = "w\xff";
    CHECK(before != NULL);
    /* 1 -> "a" (w 0.25, label "one"), "a" -> 2 (w 2, tag bytes), 2 -> 1. */
    {
        gr_buf names[2];
        gr_attr_value values[2];
        names[0] = buf_of("w");
        names[1] = buf_of("label");
        values[0] = v_f64(0.25);
        values[1] = v_str("one");
        CHECK_OK(gr_graph_add_edge(g, IK(1), SK("a"), names, values, 2));
        names[1] = buf_of("tag");
        values[0] = v_i64(2);
        values[1] = v_bytes("\0x", 2);
        CHECK_OK(gr_graph_add_edge(g, SK("a"), IK(2), names, values, 2));
        CHECK_OK(gr_graph_add_edge(g, IK(2), IK(1), NULL, NULL, 0));
    }
    take_snapshot(g, before);

    /* NULL graph. */
    CHECK_ERR(pagerank(NO_GRAPH, 0.85, 100, 1e-6, NULL, NULL, &keys, &arr), IA,
              "pagerank: graph is NULL");
    CHECK_STREQ(gr_last_error_message(), "pagerank: graph is NULL");
    CHECK_ERR(gr_graph_bfs(NO_GRAPH, IK(1), -1, NULL, &keys), IA, "bfs: graph is NULL");
    CHECK_ERR(gr_graph_dfs(NO_GRAPH, IK(1), -1, NULL, &keys), IA, "dfs: graph is NULL");
    CHECK_ERR(gr_graph_shortest_path(NO_GRAPH, IK(1), IK(2), NULL, 0, NULL, &keys), IA,
              "shortest_path: graph is NULL");
    CHECK_ERR(gr_graph_shortest_path_lengths(NO_GRAPH, IK(1), NULL, 0, NULL, &keys, &arr), IA,
              "shortest_path_lengths: graph is NULL");
    CHECK_ERR(gr_graph_connected_components(NO_GRAPH, NULL, &keys, &arr), IA,
              "connected_components: graph is NULL");
    CHECK_ERR(gr_graph_strongly_connected_components(NO_GRAPH, NULL, &keys, &arr), IA,
              "strongly_connected_components: graph is NULL");
    CHECK_ERR(gr_graph_component_labels(NO_GRAPH, NULL, &keys, &arr), IA,
              "component_labels: graph is NULL");
    CHECK(keys == SENTINEL_KEYS);
    CHECK(arr == SENTINEL_ARRAY);

    /* NULL outputs: the other output is untouched. */
    CHECK_ERR(pagerank(g, 0.85, 100, 1e-6, NULL, NULL, NULL, &arr), IA,
              "pagerank: output keys is NULL");
    CHECK_ERR(pagerank(g, 0.85, 100, 1e-6, NULL, NULL, &keys, NULL), IA,
              "pagerank: output scores is NULL");
    CHECK_ERR(gr_graph_bfs(g, IK(1), -1, NULL, NULL), IA, "bfs: output keys is NULL");
    CHECK_ERR(gr_graph_dfs(g, IK(1), -1, NULL, NULL), IA, "dfs: output keys is NULL");
    CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(2), NULL, 0, NULL, NULL), IA,
              "shortest_path: output keys is NULL");
    CHECK_ERR(gr_graph_shortest_path_lengths(g, IK(1), NULL, 0, NULL, NULL, &arr), IA,
              "shortest_path_lengths: output keys is NULL");
    CHECK_ERR(gr_graph_shortest_path_lengths(g, IK(1), NULL, 0, NULL, &keys, NULL), IA,
              "shortest_path_lengths: output lengths is NULL");
    CHECK_ERR(gr_graph_connected_components(g, NULL, NULL, &arr), IA,
              "connected_components: output keys is NULL");
    CHECK_ERR(gr_graph_connected_components(g, NULL, &keys, NULL), IA,
              "connected_components: output sizes is NULL");
    CHECK_ERR(gr_graph_strongly_connected_components(g, NULL, NULL, &arr), IA,
              "strongly_connected_components: output keys is NULL");
    CHECK_ERR(gr_graph_strongly_connected_components(g, NULL, &keys, NULL), IA,
              "strongly_connected_components: output sizes is NULL");
    CHECK_ERR(gr_graph_component_labels(g, NULL, NULL, &arr), IA,
              "component_labels: output keys is NULL");
    CHECK_ERR(gr_graph_component_labels(g, NULL, &keys, NULL), IA,
              "component_labels: output labels is NULL");
    CHECK(keys == SENTINEL_KEYS);
    CHECK(arr == SENTINEL_ARRAY);

    /* Weight names: invalid UTF-8; a column holding strings or bytes. */
    CHECK_ERR(pagerank(g, 0.85, 100, 1e-6, bad, NULL, &keys, &arr), IA,
              "pagerank: weight is not valid UTF-8");
    CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(2), bad, 2, NULL, &keys), IA,
              "shortest_path: weight is not valid UTF-8");
    CHECK_ERR(gr_graph_shortest_path_lengths(g, IK(1), bad, 2, NULL, &keys, &arr), IA,
              "shortest_path_lengths: weight is not valid UTF-8");
    CHECK_ERR(pagerank(g, 0.85, 100, 1e-6, "label", NULL, &keys, &arr), IA,
              "pagerank: weight 'label' must be numeric");
    CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(2), "label", 5, NULL, &keys), IA,
              "shortest_path: weight 'label' must be numeric");
    CHECK_ERR(gr_graph_shortest_path_lengths(g, IK(1), "label", 5, NULL, &keys, &arr), IA,
              "shortest_path_lengths: weight 'label' must be numeric");
    CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(2), "tag", 3, NULL, &keys), IA,
              "weight 'tag' must be numeric");
    CHECK_ERR(pagerank(g, 0.85, 100, 1e-6, "tag", NULL, &keys, &arr), IA,
              "weight 'tag' must be numeric");
    /* ... even when the source and target are the same node. */
    CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(1), "label", 5, NULL, &keys), IA,
              "must be numeric");
    /* A name no edge has (a typo) is an error, not an unweighted result. */
    CHECK_ERR(pagerank(g, 0.85, 100, 1e-6, "nope", NULL, &keys, &arr), IA,
              "pagerank: no edge attribute 'nope' to use as weight");
    CHECK_STREQ(gr_last_error_message(), "pagerank: no edge attribute 'nope' to use as weight");
    CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(2), "nope", 4, NULL, &keys), IA,
              "shortest_path: no edge attribute 'nope' to use as weight");
    CHECK_ERR(gr_graph_shortest_path(g, IK(1), IK(1), "nope", 4, NULL, &keys), IA,
              "shortest_path: no edge attribute 'nope' to use as weight");
    CHECK_ERR(gr_graph_shortest_path_lengths(g, IK(1), "nope", 4, NULL, &keys, &arr), IA,
              "shortest_path_lengths: no edge attribute 'nope' to use as weight");
    /* Names are (ptr, len) and case-sensitive. */
    CHECK_ERR(gr_graph_shortest_path_lengths(g, IK(1), "W", 1, NULL, &keys, &arr), IA,
              "shortest_path_lengths: no edge attribute 'W' to use as weight");
    CHECK(keys == SENTINEL_KEYS);
    CHECK(arr == SENTINEL_ARRAY);
    /* The numeric column works, and NULL weight with a length is unweighted. */
    CHECK_PATH(g, IK(1), IK(2), "w", "1,'a',2");
    CHECK_OK(gr_graph_shortest_path_lengths(g, IK(1), NULL, 5, NULL, &keys, &arr));
    CHECK_KEYS(keys, "1,'a',2");
    CHECK_I64S(arr, "0,1,2");
    free_result(&keys, &arr);

    /* Bad keys. */
    CHECK_ERR(gr_graph_bfs(g, 1, NULL, 3, -1, NULL, &keys), IA,
              "bfs: source: string length 3 given without a string");
    CHECK_ERR(gr_graph_dfs(g, SKN("\xff", 1), -1, NULL, &keys), IA,
              "dfs: source is not valid UTF-8");
    CHECK_ERR(gr_graph_shortest_path(g, IK(1), 2, NULL, 1, NULL, 0, NULL, &keys), IA,
              "shortest_path: target: string length 1 given without a string");
    CHECK_ERR(gr_graph_shortest_path(g, SKN("a\xc3", 2), IK(2), NULL, 0, NULL, &keys), IA,
              "shortest_path: source is not valid UTF-8");
    CHECK_ERR(gr_graph_shortest_path_lengths(g, 0, NULL, 1, NULL, 0, NULL, &keys, &arr), IA,
              "shortest_path_lengths: source: string length 1");
    /* An empty string key is a key like any other (not in this graph). */
    CHECK_ERR(gr_graph_bfs(g, SKN("", 0), -1, NULL, &keys), GR_STATUS_NODE_NOT_FOUND,
              "bfs: node '' not found");
    CHECK(keys == SENTINEL_KEYS);
    CHECK(arr == SENTINEL_ARRAY);

    /* After all of that, and the successful calls, the graph is as it was. */
    CHECK_UNCHANGED(g, before);
    gr_graph_free(g);
    free(before);
}

int main(void)
{
    test_weight_names();
    test_bad_input();
    return CHECK_SUMMARY();
}
