/*
 * test_graph_edit.c: changing a whole graph: removal of nodes and edges and the order of
 * what remains, gr_graph_copy, gr_graph_subgraph and gr_graph_clear, directed and
 * undirected.
 *
 * Valid C99 and C++17; see run.sh.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "graph_checks.h"

/* Removal: tombstones keep the order of what remains; removed things are really gone. */
static void test_removal(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_buf w = buf_of("w");
    gr_attr_value x;
    int64_t i;
    static const int64_t ends[7][2] = {{1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 1}, {2, 5}};
    for (i = 1; i <= 6; i++) {
        x = v_i64(i * 10);
        CHECK_OK(gr_graph_add_node(g, IK(i), &w, &x, 1));
    }
    x = v_str("only on 3");
    CHECK_OK(gr_graph_set_node_attr(g, IK(3), "tag", 3, &x));
    for (i = 0; i < 7; i++) {
        x = v_i64(i);
        CHECK_OK(gr_graph_add_edge(g, IK(ends[i][0]), IK(ends[i][1]), &w, &x, 1));
    }
    x = v_str("only on 3-4");
    CHECK_OK(gr_graph_set_edge_attr(g, IK(3), IK(4), "tag", 3, &x));
    CHECK_EQ(node_count(g), 6);
    CHECK_EQ(edge_count(g), 7);
    CHECK_NODE_ATTR_NAMES(g, "w,tag");
    CHECK_EDGE_ATTR_NAMES(g, "w,tag");
    CHECK_DEGREES(g, IK(2), 3, directed ? 1 : 3, directed ? 2 : 3);

    CHECK_OK(gr_graph_remove_node(g, IK(3)));
    CHECK_EQ(node_count(g), 5);
    CHECK_EQ(edge_count(g), 5);
    CHECK(!has_node(g, IK(3)));
    CHECK(!has_edge(g, IK(2), IK(3)));
    CHECK(!has_edge(g, IK(3), IK(4)));
    CHECK_NODES(g, "1,2,4,5,6");
    CHECK_EDGES(g, "1,4,5,6,2", "2,5,6,1,5");
    CHECK_DEGREES(g, IK(2), 2, directed ? 1 : 2, directed ? 1 : 2);
    CHECK_NEIGHBORS(g, IK(2), directed ? "5" : "1,5");
    CHECK_NEIGHBORS(g, IK(4), "5");
    /* Attribute names only list what a live node or edge has. */
    CHECK_NODE_ATTR_NAMES(g, "w");
    CHECK_EDGE_ATTR_NAMES(g, "w");
    /* The remaining attributes are unchanged. */
    x = v_i64(60);
    CHECK_NODE_ATTR(g, IK(6), "w", &x);
    x = v_i64(6);
    CHECK_EDGE_ATTR(g, IK(2), IK(5), "w", &x);
    x = v_i64(3);
    CHECK_EDGE_ATTR(g, IK(4), IK(5), "w", &x);

    /* Remove an edge (reversed endpoints when undirected). */
    if (directed) {
        CHECK_OK(gr_graph_remove_edge(g, IK(5), IK(6)));
    } else {
        CHECK_OK(gr_graph_remove_edge(g, IK(6), IK(5)));
    }
    CHECK_EQ(edge_count(g), 4);
    CHECK_EQ(node_count(g), 5);
    CHECK_EDGES(g, "1,4,6,2", "2,5,1,5");
    CHECK(!has_edge(g, IK(5), IK(6)));
    CHECK(has_node(g, IK(5)) && has_node(g, IK(6)));
    x = v_i64(5);
    CHECK_EDGE_ATTR(g, IK(6), IK(1), "w", &x);

    /* A removed node added again goes to the end, with no attributes and no edges. */
    CHECK_OK(gr_graph_add_node(g, IK(3), NULL, NULL, 0));
    CHECK_NODES(g, "1,2,4,5,6,3");
    CHECK_NODE_ATTR_ABSENT(g, IK(3), "w");
    CHECK_NODE_ATTR_ABSENT(g, IK(3), "tag");
    CHECK_NODE_MAP(g, IK(3), 0, KIND_NAMES, NULL);
    CHECK_DEGREES(g, IK(3), 0, 0, 0);
    CHECK_OK(gr_graph_add_edge(g, IK(3), IK(4), NULL, NULL, 0));
    CHECK_EDGE_ATTR_ABSENT(g, IK(3), IK(4), "w");
    CHECK_EDGE_ATTR_ABSENT(g, IK(3), IK(4), "tag");
    CHECK_EDGE_MAP(g, IK(3), IK(4), 0, KIND_NAMES, NULL);
    CHECK_EDGES(g, "1,4,6,2,3", "2,5,1,5,4");
    /* A removed edge added again goes to the end too, without its old attributes. */
    CHECK_OK(gr_graph_add_edge(g, IK(5), IK(6), NULL, NULL, 0));
    CHECK_EDGES(g, "1,4,6,2,3,5", "2,5,1,5,4,6");
    CHECK_EDGE_ATTR_ABSENT(g, IK(5), IK(6), "w");

    /* Removing a node with a self-loop removes the loop once. */
    CHECK_OK(gr_graph_add_edge(g, SK("loop"), SK("loop"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("loop"), IK(1), NULL, NULL, 0));
    CHECK_EQ(edge_count(g), 8);
    CHECK_OK(gr_graph_remove_node(g, SK("loop")));
    CHECK_EQ(edge_count(g), 6);
    CHECK_EDGES(g, "1,4,6,2,3,5", "2,5,1,5,4,6");
    CHECK_DEGREES(g, IK(1), 2, directed ? 1 : 2, directed ? 1 : 2);

    /* Removing an int key leaves the string key that prints alike. */
    CHECK_OK(gr_graph_add_node(g, SK("1"), NULL, NULL, 0));
    CHECK_OK(gr_graph_remove_node(g, IK(1)));
    CHECK(has_node(g, SK("1")));
    CHECK(!has_node(g, IK(1)));
    CHECK_NODES(g, "2,4,5,6,3,'1'");
    CHECK_EDGES(g, "4,2,3,5", "5,5,4,6");

    /* Remove everything one by one. */
    CHECK_OK(gr_graph_remove_node(g, IK(2)));
    CHECK_OK(gr_graph_remove_node(g, IK(4)));
    CHECK_OK(gr_graph_remove_node(g, IK(5)));
    CHECK_OK(gr_graph_remove_node(g, IK(6)));
    CHECK_OK(gr_graph_remove_node(g, IK(3)));
    CHECK_OK(gr_graph_remove_node(g, SK("1")));
    CHECK_EQ(node_count(g), 0);
    CHECK_EQ(edge_count(g), 0);
    CHECK_NODES(g, "");
    CHECK_EDGES(g, "", "");
    CHECK_NODE_ATTR_NAMES(g, "");
    CHECK_EDGE_ATTR_NAMES(g, "");
    gr_graph_free(g);
}

/* A copy is deep and independent, in both directions, and outlives the original. */
static void test_copy(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_graph *c = NULL;
    gr_attr_value s = v_str("original");
    gr_attr_value b = v_bytes(BYTES_DATA, sizeof BYTES_DATA);
    gr_attr_value y = v_str("changed");
    gr_buf name = buf_of("s");
    bool d = !directed;
    CHECK_OK(gr_graph_add_node(g, SK("x"), &name, &s, 1));
    CHECK_OK(gr_graph_add_edge(g, SK("x"), IK(1), &name, &b, 1));
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), NULL, NULL, 0));

    CHECK_OK(gr_graph_copy(g, &c));
    CHECK(c != NULL && c != g);
    CHECK_OK(gr_graph_is_directed(c, &d));
    CHECK(d == directed);
    CHECK_NODES(c, "'x',1,2");
    CHECK_EDGES(c, "'x',1", "1,2");
    CHECK_NODE_ATTR(c, SK("x"), "s", &s);
    CHECK_EDGE_ATTR(c, SK("x"), IK(1), "s", &b);

    /* Change the original: the copy does not see it. */
    CHECK_OK(gr_graph_set_node_attr(g, SK("x"), "s", 1, &y));
    CHECK_OK(gr_graph_set_edge_attr(g, SK("x"), IK(1), "s", 1, &y));
    CHECK_OK(gr_graph_remove_edge(g, IK(1), IK(2)));
    CHECK_OK(gr_graph_add_node(g, IK(3), NULL, NULL, 0));
    CHECK_NODE_ATTR(c, SK("x"), "s", &s);
    CHECK_EDGE_ATTR(c, SK("x"), IK(1), "s", &b);
    CHECK_NODES(c, "'x',1,2");
    CHECK_EDGES(c, "'x',1", "1,2");
    CHECK_EQ(edge_count(c), 2);

    /* Change the copy: the original does not see it. */
    CHECK_OK(gr_graph_remove_node(c, SK("x")));
    CHECK_OK(gr_graph_add_edge(c, IK(2), IK(9), NULL, NULL, 0));
    CHECK_NODES(g, "'x',1,2,3");
    CHECK_EDGES(g, "'x'", "1");
    CHECK_NODE_ATTR(g, SK("x"), "s", &y);

    /* The copy outlives the original. */
    gr_graph_free(g);
    CHECK_NODES(c, "1,2,9");
    CHECK_EDGES(c, "1,2", "2,9");
    gr_graph_free(c);

    /* A copy of an empty graph. */
    g = new_graph(directed);
    CHECK_OK(gr_graph_copy(g, &c));
    CHECK_EQ(node_count(c), 0);
    CHECK_OK(gr_graph_is_directed(c, &d));
    CHECK(d == directed);
    gr_graph_free(g);
    gr_graph_free(c);
}

/* The induced subgraph of a key array; keys not in the graph are ignored. */
static void test_subgraph(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_graph *s = NULL;
    gr_buf w = buf_of("w");
    gr_attr_value x;
    bool d = !directed;
    CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
    x = v_str("node a");
    CHECK_OK(gr_graph_add_node(g, SK("a"), &w, &x, 1));
    CHECK_OK(gr_graph_add_node(g, IK(2), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("b"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(3), NULL, NULL, 0));
    x = v_f64(0.5);
    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("a"), &w, &x, 1));
    CHECK_OK(gr_graph_add_edge(g, SK("a"), IK(2), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(2), SK("b"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("b"), IK(3), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(3), IK(1), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("a"), SK("a"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("b"), IK(1), NULL, NULL, 0));

    /* Keys 'b', 1, 'a', 99 (missing), 'zz' (missing), "1" (missing), 'a' again. */
    {
        static const uint8_t kinds[7] = {GR_KEY_STR, GR_KEY_INT, GR_KEY_STR, GR_KEY_INT,
                                         GR_KEY_STR, GR_KEY_STR, GR_KEY_STR};
        static const int64_t ints[7] = {0, 1, 0, 99, 0, 0, 0};
        static const char data[] = "bazz1a";
        static const size_t offsets[8] = {0, 1, 1, 2, 2, 4, 5, 6};
        CHECK_OK(gr_graph_subgraph(g, kinds, ints, (const uint8_t *)data, 6, offsets, 7, &s));
    }
    CHECK(s != NULL);
    CHECK_OK(gr_graph_is_directed(s, &d));
    CHECK(d == directed);
    /* This graph's order, not the key array's. */
    CHECK_NODES(s, "1,'a','b'");
    CHECK_EDGES(s, "1,'a','b'", "'a','a',1");
    x = v_str("node a");
    CHECK_NODE_ATTR(s, SK("a"), "w", &x);
    x = v_f64(0.5);
    CHECK_EDGE_ATTR(s, IK(1), SK("a"), "w", &x);
    CHECK_NODE_ATTR_NAMES(s, "w");
    CHECK_EDGE_ATTR_NAMES(s, "w");
    if (directed) {
        CHECK_DEGREES(s, IK(1), 2, 1, 1);
    } else {
        CHECK_DEGREES(s, IK(1), 2, 2, 2);
    }
    /* Independent of the original. */
    CHECK_OK(gr_graph_remove_node(s, SK("a")));
    CHECK(has_node(g, SK("a")));
    CHECK_EQ(edge_count(g), 7);
    gr_graph_free(s);

    /* Int keys only (kinds NULL). */
    {
        static const int64_t ints[3] = {3, 1, 3};
        CHECK_OK(gr_graph_subgraph(g, NULL, ints, NULL, 0, NULL, 3, &s));
    }
    CHECK_NODES(s, "1,3");
    CHECK_EDGES(s, "3", "1");
    CHECK_EDGE_ATTR_NAMES(s, "");
    gr_graph_free(s);

    /* No keys: an empty graph of the same kind. */
    CHECK_OK(gr_graph_subgraph(g, NULL, NULL, NULL, 0, NULL, 0, &s));
    CHECK_EQ(node_count(s), 0);
    CHECK_EQ(edge_count(s), 0);
    CHECK_OK(gr_graph_is_directed(s, &d));
    CHECK(d == directed);
    gr_graph_free(s);
    gr_graph_free(g);
}

/* clear removes every node, edge and attribute, keeps directedness, and the graph is
 * usable afterwards. */
static void test_clear(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_buf n = buf_of("n");
    gr_attr_value x = v_str("v");
    bool d = !directed;
    CHECK_OK(gr_graph_add_node(g, IK(1), &n, &x, 1));
    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("2"), &n, &x, 1));
    CHECK_OK(gr_graph_clear(g));
    CHECK_EQ(node_count(g), 0);
    CHECK_EQ(edge_count(g), 0);
    CHECK_NODES(g, "");
    CHECK_EDGES(g, "", "");
    CHECK_NODE_ATTR_NAMES(g, "");
    CHECK_EDGE_ATTR_NAMES(g, "");
    CHECK(!has_node(g, IK(1)));
    CHECK(!has_edge(g, IK(1), SK("2")));
    CHECK_OK(gr_graph_is_directed(g, &d));
    CHECK(d == directed);
    CHECK_OK(gr_graph_clear(g)); /* clearing an empty graph is fine */
    CHECK_OK(gr_graph_add_edge(g, SK("2"), IK(1), NULL, NULL, 0));
    CHECK_NODES(g, "'2',1");
    CHECK_EDGES(g, "'2'", "1");
    CHECK_NODE_ATTR_ABSENT(g, IK(1), "n");
    CHECK_EDGE_ATTR_ABSENT(g, SK("2"), IK(1), "n");
    CHECK_NODE_ATTR_NAMES(g, "");
    gr_graph_free(g);
}

int main(void)
{
    int directed;
    for (directed = 0; directed <= 1; directed++) {
        bool d = directed != 0;
        test_removal(d);
        test_copy(d);
        test_subgraph(d);
        test_clear(d);
    }
    return CHECK_SUMMARY();
}
