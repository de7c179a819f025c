/*
 * test_graph_adjacency.c: gr_graph_add_adjacency keeps every node's neighbour order (a
 * directed graph's successors and predecessors each in their own order, which no single
 * order of adding the edges gives), reads one column value per list entry, and refuses
 * bad lists with GR_STATUS_INVALID_ARGUMENT, leaving the graph exactly as it was.
 *
 * Valid C99 and C++17; see run.sh.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "graph_checks.h"
#include "graph_snapshot.h"

static void check_predecessors_at(const char *file, int line, const gr_graph *g, int64_t k,
                                  const char *expected)
{
    check_list_at(file, line, gr_graph_predecessors, "predecessors", g, k, NULL, 0, expected);
}

static void check_successors_at(const char *file, int line, const gr_graph *g, int64_t k,
                                const char *expected)
{
    check_list_at(file, line, gr_graph_successors, "successors", g, k, NULL, 0, expected);
}

static gr_array *column(gr_attr_tag tag, const void *data, size_t n)
{
    gr_array *a = NULL;
    CHECK_OK(gr_array_new(tag, data, NULL, n, &a));
    return a;
}

static gr_graph *with_nodes(bool directed, int64_t n)
{
    gr_graph *g = new_graph(directed);
    int64_t k;
    for (k = 0; k < n; k++) {
        CHECK_OK(gr_graph_add_node_int(g, k));
    }
    return g;
}

/* 0 -> [2, 3], 1 -> [3, 2]; 2 <- [1, 0], 3 <- [0, 1]: 0->2 waits for 1->2 and 1->3 for
 * 0->3, so no order of adds gives all four lists; the library keeps them all the same. */
static void test_directed_orders(void)
{
    static const size_t out_offsets[5] = {0, 2, 4, 4, 4};
    static const uint32_t out_neighbours[4] = {2, 3, 3, 2};
    static const size_t in_offsets[5] = {0, 0, 0, 2, 4};
    static const uint32_t in_neighbours[4] = {1, 0, 0, 1};
    static const double w[4] = {0.5, 1.5, 2.5, 3.5};
    gr_graph *g = with_nodes(true, 4);
    gr_array *weights = column(GR_ATTR_FLOAT64, w, 4);
    gr_buf names[1];
    const gr_array *cols[1];
    gr_attr_value want;
    names[0] = buf_of("w");
    cols[0] = weights;
    CHECK_OK(gr_graph_add_adjacency(g, 4, out_offsets, out_neighbours, 4, in_offsets,
                                    in_neighbours, 4, names, cols, 1));
    check_successors_at(__FILE__, __LINE__, g, 0, "2,3");
    check_successors_at(__FILE__, __LINE__, g, 1, "3,2");
    check_predecessors_at(__FILE__, __LINE__, g, 2, "1,0");
    check_predecessors_at(__FILE__, __LINE__, g, 3, "0,1");
    want = v_f64(1.5);
    CHECK_EDGE_ATTR(g, IK(0), IK(3), "w", &want);
    want = v_f64(3.5);
    CHECK_EDGE_ATTR(g, IK(1), IK(2), "w", &want);
    gr_array_free(weights);
    gr_graph_free(g);
}

/* networkx's Graph after adding 1-2, 0-1, 0-2: {0: [1, 2], 1: [2, 0], 2: [1, 0]}, each
 * edge at both its ends. The edges come in the order that gives every list (not node
 * order: adding 0-1 first would put 0 first in 1's list). */
static void test_undirected_orders(void)
{
    static const size_t offsets[4] = {0, 2, 4, 6};
    static const uint32_t neighbours[6] = {1, 2, 2, 0, 1, 0};
    gr_graph *g = with_nodes(false, 3);
    CHECK_OK(gr_graph_add_adjacency(g, 3, offsets, neighbours, 6, NULL, NULL, 0, NULL, NULL, 0));
    CHECK_NEIGHBORS(g, IK(0), "1,2");
    CHECK_NEIGHBORS(g, IK(1), "2,0");
    CHECK_NEIGHBORS(g, IK(2), "1,0");
    CHECK_EDGES(g, "1,0,0", "2,1,2");
    gr_graph_free(g);
}

/* Bad lists: the right status and message, nothing changed. */
static void test_bad_lists(void)
{
    static const size_t offsets[3] = {0, 1, 2};
    static const size_t falling[3] = {0, 2, 1};
    static const uint32_t neighbours[2] = {1, 0};
    static const uint32_t far[2] = {1, 7};
    static const int64_t one[1] = {1};
    gr_graph *g = with_nodes(true, 2);
    gr_graph *u = with_nodes(false, 2);
    gr_array *short_col = column(GR_ATTR_INT64, one, 1);
    gr_buf names[1];
    const gr_array *cols[1];
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    snapshot *before_u = (snapshot *)malloc(sizeof(snapshot));
    CHECK(before != NULL && before_u != NULL);
    names[0] = buf_of("w");
    cols[0] = short_col;
    take_snapshot(g, before);
    take_snapshot(u, before_u);
    CHECK_ERR(gr_graph_add_adjacency(g, 3, offsets, neighbours, 2, NULL, NULL, 0, NULL, NULL, 0),
              GR_STATUS_INVALID_ARGUMENT, "add_adjacency: out lists: 3 lists for 2 nodes");
    CHECK_ERR(gr_graph_add_adjacency(g, 2, falling, neighbours, 2, NULL, NULL, 0, NULL, NULL, 0),
              GR_STATUS_INVALID_ARGUMENT, "add_adjacency: out lists: offset 2 is below offset 1");
    CHECK_ERR(gr_graph_add_adjacency(g, 2, offsets, neighbours, 1, NULL, NULL, 0, NULL, NULL, 0),
              GR_STATUS_INVALID_ARGUMENT, "the last offset is 2, not the 1 neighbours");
    CHECK_ERR(gr_graph_add_adjacency(g, 2, offsets, far, 2, NULL, NULL, 0, NULL, NULL, 0),
              GR_STATUS_INVALID_ARGUMENT, "node position 7 is past the 2 nodes");
    CHECK_ERR(gr_graph_add_adjacency(g, 2, offsets, neighbours, 2, offsets, far, 2, NULL, NULL,
                                     0),
              GR_STATUS_INVALID_ARGUMENT, "add_adjacency: in lists: node position 7");
    CHECK_ERR(gr_graph_add_adjacency(g, 2, offsets, neighbours, 2, NULL, NULL, 0, names, cols, 1),
              GR_STATUS_INVALID_ARGUMENT, "column 'w' has 1 values for 2 list entries");
    CHECK_ERR(gr_graph_add_adjacency(g, 2, NULL, neighbours, 2, NULL, NULL, 0, NULL, NULL, 0),
              GR_STATUS_INVALID_ARGUMENT, "out_offsets is NULL but its length is 3");
    CHECK_ERR(gr_graph_add_adjacency(g, 2, offsets, NULL, 2, NULL, NULL, 0, NULL, NULL, 0),
              GR_STATUS_INVALID_ARGUMENT, "out_neighbours is NULL but its length is 2");
    CHECK_ERR(gr_graph_add_adjacency(g, 2, offsets, neighbours, 2, offsets, NULL, 2, NULL, NULL,
                                     0),
              GR_STATUS_INVALID_ARGUMENT, "in_neighbours is NULL but its length is 2");
    CHECK_ERR(gr_graph_add_adjacency(g, SIZE_MAX, offsets, neighbours, 2, NULL, NULL, 0, NULL,
                                     NULL, 0),
              GR_STATUS_INVALID_ARGUMENT, "lists are more than memory holds");
    CHECK_ERR(gr_graph_add_adjacency(NULL, 2, offsets, neighbours, 2, NULL, NULL, 0, NULL, NULL,
                                     0),
              GR_STATUS_INVALID_ARGUMENT, "graph is NULL");
    CHECK_UNCHANGED(g, before);
    CHECK_ERR(gr_graph_add_adjacency(u, 2, offsets, neighbours, 2, offsets, neighbours, 2, NULL,
                                     NULL, 0),
              GR_STATUS_INVALID_ARGUMENT, "in lists are for directed graphs");
    CHECK_UNCHANGED(u, before_u);
    free(before);
    free(before_u);
    gr_array_free(short_col);
    gr_graph_free(g);
    gr_graph_free(u);
}

int main(void)
{
    test_directed_orders();
    test_undirected_orders();
    test_bad_lists();
    return CHECK_SUMMARY();
}
