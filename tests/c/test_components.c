/*
 * test_components.c: gr_graph_connected_components, _strongly_connected_components and
 * gr_graph_component_labels layouts (grouped keys, int64 sizes largest first, ties by first
 * node, interleaved components, isolated nodes, the empty graph, INVALID_OPERATION for SCC on
 * an undirected graph), and _strongly_connected_components_found (the order Tarjan's search
 * completes them, networkx's).
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

static void check_labels_at(const char *file, int line, const gr_graph *g,
                            const char *expected_keys, const char *expected_labels)
{
    gr_keys *keys = NULL;
    gr_keys *nodes = NULL;
    gr_array *labels = NULL;
    char buf[4096];
    char node_buf[4096];
    gr_status s = gr_graph_component_labels(g, NULL, &keys, &labels);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "component_labels: status %d", (int)s);
    }
    keys_format_at(file, line, keys, buf, sizeof buf);
    if (strcmp(buf, expected_keys) != 0) {
        check_fail(file, line, "label keys [%s] != [%s]", buf, expected_keys);
    }
    /* Aligned with the node order. */
    if (gr_graph_nodes(g, &nodes) != GR_STATUS_OK) {
        check_fail(file, line, "gr_graph_nodes failed");
    }
    keys_format_at(file, line, nodes, node_buf, sizeof node_buf);
    if (strcmp(buf, node_buf) != 0) {
        check_fail(file, line, "label keys [%s] != node order [%s]", buf, node_buf);
    }
    check_i64s_at(file, line, labels, expected_labels);
    gr_keys_free(keys);
    gr_keys_free(nodes);
    gr_array_free(labels);
}
#define CHECK_LABELS(g, keys, labels) check_labels_at(__FILE__, __LINE__, (g), (keys), (labels))

#define CHECK_SCC_FOUND(g, keys, sizes)                                                   \
    check_groups_at(__FILE__, __LINE__, gr_graph_strongly_connected_components_found, (g),  \
                    (keys), (sizes))

static void test_components(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *sizes = SENTINEL_ARRAY;
    gr_graph *g;

    /* Directed 5 -> 6, 1 -> 2, 3 -> 2, 2 -> 4, and 7: weak components {1, 2, 3, 4},
     * {5, 6}, {7}. Node order 5, 6, 1, 2, 3, 4, 7. */
    {
        static const int64_t e[] = {5, 6, 1, 2, 3, 2, 2, 4};
        g = graph_of(true, e, 4);
        CHECK_OK(gr_graph_add_node(g, IK(7), NULL, NULL, 0));
        CHECK_CC(g, "1,2,3,4,5,6,7", "4,2,1");
        CHECK_LABELS(g, "5,6,1,2,3,4,7", "1,1,0,0,0,0,2");
        /* Strongly: every node alone, in node order. */
        CHECK_SCC(g, "5,6,1,2,3,4,7", "1,1,1,1,1,1,1");
        /* Joining {5, 6} to the big one. */
        CHECK_OK(gr_graph_add_edge(g, IK(6), IK(3), NULL, NULL, 0));
        CHECK_CC(g, "5,6,1,2,3,4,7", "6,1");
        CHECK_LABELS(g, "5,6,1,2,3,4,7", "0,0,0,0,0,0,1");
        /* Removing 2 splits it. */
        CHECK_OK(gr_graph_remove_node(g, IK(2)));
        CHECK_CC(g, "5,6,3,1,4,7", "3,1,1,1");
        CHECK_LABELS(g, "5,6,1,3,4,7", "0,0,1,0,2,3");
        gr_graph_free(g);
    }

    /* Undirected ties: x - y, 1 - 2, then z and 3 alone: sizes 2, 2, 1, 1 in first-node
     * order. */
    {
        g = new_graph(false);
        CHECK_OK(gr_graph_add_edge(g, SK("x"), SK("y"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, SK("z"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, IK(3), NULL, NULL, 0));
        CHECK_CC(g, "'x','y',1,2,'z',3", "2,2,1,1");
        CHECK_LABELS(g, "'x','y',1,2,'z',3", "0,0,1,1,2,3");
        CHECK_ERR(gr_graph_strongly_connected_components(g, NULL, &keys, &sizes),
                  GR_STATUS_INVALID_OPERATION,
                  "strongly_connected_components: strongly connected components are defined "
                  "for directed graphs only");
        CHECK_ERR(gr_graph_strongly_connected_components_found(g, NULL, &keys, &sizes),
                  GR_STATUS_INVALID_OPERATION, "directed graphs only");
        CHECK(keys == SENTINEL_KEYS);
        CHECK(sizes == SENTINEL_ARRAY);
        gr_graph_free(g);
    }

    /* A bigger component whose first node comes later; interleaved components. */
    {
        g = new_graph(false);
        CHECK_OK(gr_graph_add_node(g, IK(10), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, IK(2), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, IK(3), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, IK(4), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, IK(20), IK(21), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, IK(22), IK(21), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, IK(1), IK(3), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, IK(4), IK(2), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, IK(5), IK(5), NULL, NULL, 0));
        /* Node order 10, 1, 2, 3, 4, 20, 21, 22, 5. */
        CHECK_CC(g, "20,21,22,1,3,2,4,10,5", "3,2,2,1,1");
        CHECK_LABELS(g, "10,1,2,3,4,20,21,22,5", "3,1,2,1,2,0,0,0,4");
        gr_graph_free(g);
    }

    /* Strongly connected: 1 -> 2 -> 3 -> 1, 3 -> 4, 4 <-> 5, 6 -> 6, and 7. */
    {
        static const int64_t e[] = {1, 2, 2, 3, 3, 1, 3, 4, 4, 5, 5, 4, 6, 6};
        g = graph_of(true, e, 7);
        CHECK_OK(gr_graph_add_node(g, IK(7), NULL, NULL, 0));
        CHECK_SCC(g, "1,2,3,4,5,6,7", "3,2,1,1");
        /* The search from 1 completes {4, 5} before {1, 2, 3}. */
        CHECK_SCC_FOUND(g, "4,5,1,2,3,6,7", "2,3,1,1");
        CHECK_CC(g, "1,2,3,4,5,6,7", "5,1,1");
        CHECK_LABELS(g, "1,2,3,4,5,6,7", "0,0,0,0,0,1,2");
        /* Closing 5 -> 1 merges {1, 2, 3} and {4, 5}. */
        CHECK_OK(gr_graph_add_edge(g, IK(5), IK(1), NULL, NULL, 0));
        CHECK_SCC(g, "1,2,3,4,5,6,7", "5,1,1");
        gr_graph_free(g);
    }

    /* Interleaved strongly connected components, and a later, bigger one. */
    {
        static const int64_t e[] = {9, 8, 1, 3, 3, 1, 2, 4, 4, 2, 1, 2, 7, 5, 5, 6, 6, 7};
        g = graph_of(true, e, 9);
        /* Node order 9, 8, 1, 3, 2, 4, 7, 5, 6. */
        CHECK_SCC(g, "7,5,6,1,3,2,4,9,8", "3,2,2,1,1");
        CHECK_SCC_FOUND(g, "8,9,2,4,1,3,7,5,6", "1,1,2,2,3");
        CHECK_CC(g, "1,3,2,4,7,5,6,9,8", "4,3,2");
        gr_graph_free(g);
    }

    /* The empty graph. */
    {
        g = new_graph(true);
        CHECK_CC(g, "", "");
        CHECK_SCC(g, "", "");
        CHECK_SCC_FOUND(g, "", "");
        CHECK_LABELS(g, "", "");
        gr_graph_free(g);
    }
}

int main(void)
{
    test_components();
    return CHECK_SUMMARY();
}
