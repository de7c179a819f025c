/*
 * test_connectivity.c: gr_graph_has_path, _is_connected, _number_connected_components and
 * _is_strongly_connected: answers on small directed and undirected graphs (isolated nodes,
 * self-loops, string keys), the graph kinds and empty graphs networkx refuses, missing
 * nodes, bad arguments (outputs untouched) and a triggered cancellation token.
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

static const gr_status IO = GR_STATUS_INVALID_OPERATION;

static bool path(const gr_graph *g, int64_t u, int64_t v)
{
    bool found = false;
    CHECK_OK(gr_graph_has_path(g, IK(u), IK(v), NULL, &found));
    return found;
}

static bool connected(const gr_graph *g)
{
    bool yes = false;
    CHECK_OK(gr_graph_is_connected(g, NULL, &yes));
    return yes;
}

static bool strongly(const gr_graph *g)
{
    bool yes = false;
    CHECK_OK(gr_graph_is_strongly_connected(g, NULL, &yes));
    return yes;
}

static size_t components(const gr_graph *g)
{
    size_t count = 12345;
    CHECK_OK(gr_graph_number_connected_components(g, NULL, &count));
    return count;
}

static void test_undirected(void)
{
    /* 1 - 2 - 3, 4 - 5, 6 - 6, and 7 alone. */
    static const int64_t e[] = {1, 2, 2, 3, 4, 5, 6, 6};
    gr_graph *g = graph_of(false, e, 4);
    bool answer = true;
    CHECK_OK(gr_graph_add_node(g, IK(7), NULL, NULL, 0));
    CHECK(path(g, 1, 3) && path(g, 3, 1) && path(g, 7, 7) && path(g, 6, 6));
    CHECK(!path(g, 1, 4) && !path(g, 7, 1));
    CHECK(!connected(g));
    CHECK_EQ(components(g), (size_t)4);
    CHECK_ERR(gr_graph_is_strongly_connected(g, NULL, &answer), IO, "directed graphs only");
    CHECK(answer == true);
    CHECK_ERR(gr_graph_has_path(g, IK(1), IK(9), NULL, &answer), GR_STATUS_NODE_NOT_FOUND, "9");
    CHECK_ERR(gr_graph_has_path(g, SK("x"), IK(1), NULL, &answer), GR_STATUS_NODE_NOT_FOUND,
              "x");
    CHECK_ERR(gr_graph_has_path(g, IK(1), IK(2), NULL, NULL), IA, "output found is NULL");
    CHECK_ERR(gr_graph_has_path(NULL, IK(1), IK(2), NULL, &answer), IA, "graph is NULL");
    CHECK_ERR(gr_graph_is_connected(g, NULL, NULL), IA, "output answer is NULL");
    CHECK_ERR(gr_graph_number_connected_components(g, NULL, NULL), IA, "output count is NULL");
    CHECK(answer == true);

    /* Joining everything. */
    CHECK_OK(gr_graph_add_edge(g, IK(3), IK(4), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(5), IK(6), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(7), IK(1), NULL, NULL, 0));
    CHECK(connected(g) && path(g, 7, 6));
    CHECK_EQ(components(g), (size_t)1);
    CHECK_OK(gr_graph_remove_node(g, IK(1)));
    CHECK(!connected(g));
    CHECK_EQ(components(g), (size_t)2);
    gr_graph_free(g);

    /* String keys. */
    g = new_graph(false);
    CHECK_OK(gr_graph_add_edge(g, SK("a"), SK(NIHON), NULL, NULL, 0));
    answer = false;
    CHECK_OK(gr_graph_has_path(g, SK(NIHON), SK("a"), NULL, &answer));
    CHECK(answer);
    CHECK(connected(g));
    gr_graph_free(g);

    /* The empty graph: no components; connectivity undefined (networkx). */
    g = new_graph(false);
    CHECK_EQ(components(g), (size_t)0);
    answer = true;
    CHECK_ERR(gr_graph_is_connected(g, NULL, &answer), IO, "without nodes");
    CHECK(answer == true);
    gr_graph_free(g);
}

static void test_directed(void)
{
    static const int64_t e[] = {1, 2, 2, 3, 3, 4};
    gr_graph *g = graph_of(true, e, 3);
    bool answer = true;
    size_t count = 99;
    gr_cancel *cancel = NULL;
    CHECK(path(g, 1, 4) && !path(g, 4, 1) && path(g, 4, 4));
    CHECK(!strongly(g));
    CHECK_OK(gr_graph_add_edge(g, IK(4), IK(1), NULL, NULL, 0));
    CHECK(strongly(g) && path(g, 4, 1));
    CHECK_OK(gr_graph_add_node(g, IK(5), NULL, NULL, 0));
    CHECK(!strongly(g));
    CHECK_ERR(gr_graph_is_connected(g, NULL, &answer), IO, "undirected graphs only");
    CHECK_ERR(gr_graph_number_connected_components(g, NULL, &count), IO, "undirected");
    CHECK(answer == true && count == 99);

    CHECK_OK(gr_cancel_new(&cancel));
    CHECK_OK(gr_cancel_trigger(cancel));
    CHECK_ERR(gr_graph_is_strongly_connected(g, cancel, &answer), GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_graph_has_path(g, IK(1), IK(2), cancel, &answer), GR_STATUS_CANCELLED, "");
    CHECK(answer == true);
    gr_cancel_free(cancel);
    gr_graph_free(g);

    g = new_graph(true);
    CHECK_ERR(gr_graph_is_strongly_connected(g, NULL, &answer), IO, "without nodes");
    CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
    CHECK(strongly(g));
    gr_graph_free(g);
}

int main(void)
{
    test_undirected();
    test_directed();
    return CHECK_SUMMARY();
}
