/*
 * test_graph_keys.c: node keys and topology, used the way a C or C++ program would.
 * 
 * Covers: directed and undirected graphs; int and string keys (1 and "1" are different nodes;
 * empty, non-ASCII and NUL-holding string keys; INT64_MIN/MAX) and the int fast paths; key
 * lists through gr_keys_view and gr_keys_get; neighbours, successors, predecessors; degree,
 * in/out degree and gr_graph_degrees; counts.
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

#define CHECK_SUCCESSORS(g, KEY, expected) \
    check_list_at(__FILE__, __LINE__, gr_graph_successors, "successors", (g), KEY, (expected))
#define CHECK_PREDECESSORS(g, KEY, expected)                                                  \
    check_list_at(__FILE__, __LINE__, gr_graph_predecessors, "predecessors", (g), KEY, \
                  (expected))

/* Keys of every shape, topology queries, degrees. */
static void test_keys_and_topology(bool directed)
{
    gr_graph *g = new_graph(directed);
    static const char NUL_KEY[4] = {'n', '\0', 'u', 'l'};
    CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("1"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("a"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(-5), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SKN("", 0), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("\xe6\x97\xa5\xe6\x9c\xac"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(INT64_MIN), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(INT64_MAX), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SKN(NUL_KEY, 4), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(0), NULL, NULL, 0));
    /* Re-adding changes nothing. */
    CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("1"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SKN("", 0), NULL, NULL, 0));
    CHECK_EQ(node_count(g), 10);
    CHECK_EQ(edge_count(g), 0);
    CHECK_NODES(g, "1,'1','a',-5,'','\xe6\x97\xa5\xe6\x9c\xac',-9223372036854775808,"
                   "9223372036854775807,'n\\0ul',0");
    CHECK(has_node(g, IK(1)));
    CHECK(has_node(g, SK("1")));
    CHECK(has_node(g, SKN("", 0)));
    CHECK(has_node(g, SKN(NUL_KEY, 4)));
    CHECK(has_node(g, IK(INT64_MIN)));
    CHECK(has_node(g, IK(0)));
    CHECK(!has_node(g, IK(2)));
    CHECK(!has_node(g, SK("A")));
    CHECK(!has_node(g, SK("0")));
    CHECK(!has_node(g, SK("-5")));
    CHECK(!has_node(g, SKN(NUL_KEY, 1))); /* "n" is a different key from "n\0ul" */
    CHECK(!has_node(g, SK("1 ")));
    /* key is ignored for a string key. */
    CHECK(has_node(g, (int64_t)77, "a", (size_t)1));

    /* An empty list: len 0 and NULL pointers. */
    {
        gr_keys *keys = NULL;
        size_t len = 99;
        const int64_t *ints = (const int64_t *)&len;
        const uint8_t *kinds = (const uint8_t *)&len;
        const uint8_t *data = (const uint8_t *)&len;
        const size_t *offsets = &len;
        CHECK_OK(gr_graph_neighbors(g, IK(1), &keys));
        CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
        CHECK_EQ(len, 0);
        CHECK(ints == NULL && kinds == NULL && data == NULL && offsets == NULL);
        gr_keys_free(keys);
    }

    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("1"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("a"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("a"), IK(1), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("1"), SK("1"), NULL, NULL, 0)); /* self-loop */
    CHECK_OK(gr_graph_add_edge(g, IK(-5), IK(1), NULL, NULL, 0));
    /* An edge creates missing endpoints, in order. */
    CHECK_OK(gr_graph_add_edge(g, IK(100), SK("new"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(200), IK(200), NULL, NULL, 0)); /* lone self-loop */
    CHECK_EQ(node_count(g), 13);
    CHECK_NODES(g, "1,'1','a',-5,'','\xe6\x97\xa5\xe6\x9c\xac',-9223372036854775808,"
                   "9223372036854775807,'n\\0ul',0,100,'new',200");

    CHECK(has_edge(g, IK(1), SK("1")));
    CHECK(!has_edge(g, IK(1), IK(1)));
    CHECK(!has_edge(g, SK("1"), SK("a")));
    CHECK(has_edge(g, SK("1"), SK("1")));
    CHECK(!has_edge(g, IK(1), IK(404))); /* missing endpoint: false, not an error */
    CHECK(!has_edge(g, IK(404), IK(405)));
    CHECK(has_edge(g, IK(200), IK(200)));

    if (directed) {
        CHECK_EQ(edge_count(g), 7);
        CHECK_EDGES(g, "1,1,'a','1',-5,100,200", "'1','a',1,'1',1,'new',200");
        CHECK(!has_edge(g, SK("1"), IK(1)));
        CHECK(has_edge(g, SK("a"), IK(1)));
        CHECK(!has_edge(g, SK("new"), IK(100)));
        CHECK_NEIGHBORS(g, IK(1), "'1','a'");
        CHECK_SUCCESSORS(g, IK(1), "'1','a'");
        CHECK_PREDECESSORS(g, IK(1), "'a',-5");
        CHECK_DEGREES(g, IK(1), 4, 2, 2);
        CHECK_NEIGHBORS(g, SK("1"), "'1'");
        CHECK_PREDECESSORS(g, SK("1"), "1,'1'");
        CHECK_DEGREES(g, SK("1"), 3, 2, 1);
        CHECK_DEGREES(g, SK("a"), 2, 1, 1);
        CHECK_DEGREES(g, IK(-5), 1, 0, 1);
        CHECK_PREDECESSORS(g, IK(-5), "");
        /* A directed self-loop is one in-edge and one out-edge. */
        CHECK_NEIGHBORS(g, IK(200), "200");
        CHECK_PREDECESSORS(g, IK(200), "200");
        CHECK_DEGREES(g, IK(200), 2, 1, 1);
        CHECK_DEGREES(g, SK("new"), 1, 1, 0);
        CHECK_NEIGHBORS(g, SK("new"), "");
        CHECK_PREDECESSORS(g, SK("new"), "100");
    } else {
        /* "a" - 1 is the edge 1 - "a" again. */
        CHECK_EQ(edge_count(g), 6);
        CHECK_EDGES(g, "1,1,'1',-5,100,200", "'1','a','1',1,'new',200");
        CHECK(has_edge(g, SK("1"), IK(1)));
        CHECK(has_edge(g, SK("a"), IK(1)));
        CHECK(has_edge(g, SK("new"), IK(100)));
        CHECK_NEIGHBORS(g, IK(1), "'1','a',-5");
        CHECK_SUCCESSORS(g, IK(1), "'1','a',-5");
        CHECK_PREDECESSORS(g, IK(1), "'1','a',-5");
        CHECK_DEGREES(g, IK(1), 3, 3, 3);
        /* An undirected self-loop counts twice in the degree, once among neighbours. */
        CHECK_NEIGHBORS(g, SK("1"), "1,'1'");
        CHECK_DEGREES(g, SK("1"), 3, 3, 3);
        CHECK_NEIGHBORS(g, IK(200), "200");
        CHECK_DEGREES(g, IK(200), 2, 2, 2);
        CHECK_NEIGHBORS(g, SK("new"), "100");
        CHECK_DEGREES(g, SK("new"), 1, 1, 1);
        CHECK_DEGREES(g, IK(-5), 1, 1, 1);
    }
    CHECK_DEGREES(g, IK(0), 0, 0, 0);
    CHECK_DEGREES(g, SKN("", 0), 0, 0, 0);
    CHECK_NEIGHBORS(g, SKN(NUL_KEY, 4), "");

    /* degrees: node keys in order and an int64 array that agrees with gr_graph_degree. */
    {
        gr_keys *keys = NULL;
        gr_array *degrees = NULL;
        size_t len = 0;
        gr_attr_tag kind = -1;
        const void *data = NULL;
        const int64_t *d;
        size_t i;
        size_t n_keys = 0;
        const int64_t *ints = NULL;
        const uint8_t *kinds = NULL;
        const uint8_t *str_data = NULL;
        const size_t *offsets = NULL;
        int64_t saved[16];
        CHECK_OK(gr_graph_degrees(g, &keys, &degrees));
        CHECK_KEYS(keys, "1,'1','a',-5,'','\xe6\x97\xa5\xe6\x9c\xac',-9223372036854775808,"
                         "9223372036854775807,'n\\0ul',0,100,'new',200");
        CHECK_OK(gr_array_info(degrees, &len, &kind, &data));
        CHECK_EQ(len, 13);
        CHECK_EQ(kind, GR_ATTR_INT64);
        CHECK(data != NULL);
        d = (const int64_t *)data;
        CHECK_OK(gr_keys_view(keys, &n_keys, &ints, &kinds, &str_data, &offsets));
        CHECK_EQ(n_keys, len);
        CHECK(kinds != NULL);
        for (i = 0; i < len; i++) {
            int64_t k = 0;
            const char *ks = NULL;
            size_t kl = 0;
            size_t deg = 0;
            gr_attr_value v = v_null();
            gr_attr_value expected = v_i64(d[i]);
            CHECK_OK(gr_keys_get(keys, i, &k, &ks, &kl));
            CHECK_OK(gr_graph_degree(g, k, ks, kl, &deg));
            CHECK_EQ(d[i], deg);
            CHECK_OK(gr_array_get(degrees, i, &v));
            CHECK_VALUE(&v, &expected);
            gr_attr_value_release(&v);
            saved[i] = d[i];
        }
        CHECK_EQ(d[0], directed ? 4 : 3);
        CHECK_EQ(d[12], 2);
        /* The array and keys are snapshots: they survive changes and the graph's end. */
        CHECK_OK(gr_graph_add_edge(g, IK(0), IK(1), NULL, NULL, 0));
        CHECK_OK(gr_graph_remove_node(g, SK("a")));
        gr_graph_free(g);
        g = NULL;
        CHECK_OK(gr_array_info(degrees, &len, &kind, &data));
        CHECK_EQ(len, 13);
        d = (const int64_t *)data;
        for (i = 0; i < len; i++) {
            CHECK_EQ(d[i], saved[i]);
        }
        CHECK_KEYS(keys, "1,'1','a',-5,'','\xe6\x97\xa5\xe6\x9c\xac',-9223372036854775808,"
                         "9223372036854775807,'n\\0ul',0,100,'new',200");
        gr_array_free(degrees);
        gr_keys_free(keys);
    }

    /* degrees of an empty graph: empty list and array with a NULL data pointer. */
    {
        gr_graph *e = new_graph(directed);
        gr_keys *keys = NULL;
        gr_array *degrees = NULL;
        size_t len = 5;
        gr_attr_tag kind = -1;
        const void *data = &len;
        CHECK_OK(gr_graph_degrees(e, &keys, &degrees));
        CHECK_KEYS(keys, "");
        CHECK_OK(gr_array_info(degrees, &len, &kind, &data));
        CHECK_EQ(len, 0);
        CHECK_EQ(kind, GR_ATTR_INT64);
        CHECK(data == NULL);
        gr_array_free(degrees);
        gr_keys_free(keys);
        gr_graph_free(e);
    }
}

/* The int-key fast paths agree with the general calls. */
static void test_int_fast_paths(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_attr_value x = v_str("kept");
    bool found = true;
    CHECK_OK(gr_graph_add_node(g, SK("1"), NULL, NULL, 0));
    CHECK_OK(gr_graph_has_node_int(g, 1, &found));
    CHECK(!found); /* "1" is not 1 */
    CHECK_OK(gr_graph_add_node_int(g, 1));
    CHECK_OK(gr_graph_has_node_int(g, 1, &found));
    CHECK(found);
    CHECK(has_node(g, IK(1)));
    CHECK(has_node(g, SK("1")));
    CHECK_EQ(node_count(g), 2);
    /* Adding an existing node again changes nothing, attributes included. */
    CHECK_OK(gr_graph_set_node_attr(g, IK(1), "a", 1, &x));
    CHECK_OK(gr_graph_add_node_int(g, 1));
    CHECK_EQ(node_count(g), 2);
    CHECK_NODE_ATTR(g, IK(1), "a", &x);
    CHECK_OK(gr_graph_add_node_int(g, INT64_MIN));
    CHECK_OK(gr_graph_add_node_int(g, INT64_MAX));
    CHECK_OK(gr_graph_add_node_int(g, 0));
    CHECK_NODES(g, "'1',1,-9223372036854775808,9223372036854775807,0");
    CHECK_OK(gr_graph_has_node_int(g, INT64_MIN, &found));
    CHECK(found);
    CHECK_OK(gr_graph_has_node_int(g, 2, &found));
    CHECK(!found);
    CHECK_OK(gr_graph_remove_node(g, IK(1)));
    CHECK_OK(gr_graph_has_node_int(g, 1, &found));
    CHECK(!found);
    CHECK_OK(gr_graph_add_node_int(g, 1));
    CHECK_NODES(g, "'1',-9223372036854775808,9223372036854775807,0,1");
    CHECK_NODE_ATTR_ABSENT(g, IK(1), "a");
    gr_graph_free(g);
}

/* gr_keys_view layout of all-int, all-string and mixed lists. */
static void test_key_views(void)
{
    gr_graph *g = new_graph(true);
    gr_keys *keys = NULL;
    size_t len = 0;
    const int64_t *ints = NULL;
    const uint8_t *kinds = NULL;
    const uint8_t *data = NULL;
    const size_t *offsets = NULL;

    CHECK_OK(gr_graph_add_node(g, IK(5), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(-7), NULL, NULL, 0));
    CHECK_OK(gr_graph_nodes(g, &keys));
    CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
    CHECK_EQ(len, 2);
    CHECK(ints != NULL && ints[0] == 5 && ints[1] == -7);
    CHECK(kinds == NULL && data == NULL && offsets == NULL);
    gr_keys_free(keys);

    CHECK_OK(gr_graph_add_node(g, SK("ab"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SKN("", 0), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(9), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("\xc3\xa7"), NULL, NULL, 0));
    CHECK_OK(gr_graph_nodes(g, &keys));
    CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
    CHECK_EQ(len, 6);
    CHECK(ints != NULL && kinds != NULL && data != NULL && offsets != NULL);
    CHECK(kinds[0] == GR_KEY_INT && kinds[1] == GR_KEY_INT && kinds[2] == GR_KEY_STR &&
          kinds[3] == GR_KEY_STR && kinds[4] == GR_KEY_INT && kinds[5] == GR_KEY_STR);
    CHECK(ints[0] == 5 && ints[1] == -7 && ints[2] == 0 && ints[3] == 0 && ints[4] == 9 &&
          ints[5] == 0);
    CHECK(offsets[0] == 0 && offsets[1] == 0 && offsets[2] == 0 && offsets[3] == 2 &&
          offsets[4] == 2 && offsets[5] == 2 && offsets[6] == 4);
    CHECK_BYTES(data, 4, "ab\xc3\xa7", 4);
    {
        int64_t k = -1;
        const char *ks = NULL;
        size_t kl = 99;
        CHECK_OK(gr_keys_get(keys, 3, &k, &ks, &kl));
        CHECK(ks != NULL && kl == 0 && k == 0);
        CHECK_OK(gr_keys_get(keys, 5, &k, &ks, &kl));
        CHECK_BYTES(ks, kl, "\xc3\xa7", 2);
        CHECK_OK(gr_keys_get(keys, 4, &k, &ks, &kl));
        CHECK(ks == NULL && kl == 0 && k == 9);
    }
    gr_keys_free(keys);
    gr_graph_free(g);

    /* Only string keys. */
    g = new_graph(false);
    CHECK_OK(gr_graph_add_edge(g, SK("x"), SK("yz"), NULL, NULL, 0));
    CHECK_OK(gr_graph_nodes(g, &keys));
    CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
    CHECK_EQ(len, 2);
    CHECK(ints != NULL && ints[0] == 0 && ints[1] == 0);
    CHECK(kinds != NULL && kinds[0] == GR_KEY_STR && kinds[1] == GR_KEY_STR);
    CHECK(offsets != NULL && offsets[0] == 0 && offsets[1] == 1 && offsets[2] == 3);
    CHECK_BYTES(data, 3, "xyz", 3);
    gr_keys_free(keys);
    gr_graph_free(g);
}

/* A key list from gr_keys_view goes straight back in as a key array (same layout). */
static void test_view_round_trip(bool mixed)
{
    gr_graph *g = new_graph(true);
    gr_graph *s = NULL;
    gr_graph *h = new_graph(false);
    gr_keys *keys = NULL;
    size_t len = 0;
    const int64_t *ints = NULL;
    const uint8_t *kinds = NULL;
    const uint8_t *data = NULL;
    const size_t *offsets = NULL;
    size_t data_len;
    CHECK_OK(gr_graph_add_edge(g, IK(4), IK(-4), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(8), NULL, NULL, 0));
    if (mixed) {
        CHECK_OK(gr_graph_add_edge(g, SKN("", 0), IK(4), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, SK("\xc3\xa9t\xc3\xa9"), NULL, NULL, 0));
    }
    CHECK_OK(gr_graph_nodes(g, &keys));
    CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
    data_len = offsets != NULL ? offsets[len] : 0;
    CHECK_OK(gr_graph_subgraph(g, kinds, ints, data, data_len, offsets, len, &s));
    CHECK_OK(gr_graph_add_nodes(h, kinds, ints, data, data_len, offsets, len, NULL, 0, NULL,
                                NULL, NULL, 0));
    if (mixed) {
        CHECK_NODES(s, "4,-4,8,'','\xc3\xa9t\xc3\xa9'");
        CHECK_NODES(h, "4,-4,8,'','\xc3\xa9t\xc3\xa9'");
        CHECK_EQ(edge_count(s), 2);
    } else {
        CHECK_NODES(s, "4,-4,8");
        CHECK_NODES(h, "4,-4,8");
        CHECK_EQ(edge_count(s), 1);
    }
    gr_keys_free(keys);
    gr_graph_free(s);
    gr_graph_free(h);
    gr_graph_free(g);
}

int main(void)
{
    int directed;
    test_key_views();
    test_view_round_trip(false);
    test_view_round_trip(true);
    for (directed = 0; directed <= 1; directed++) {
        bool d = directed != 0;
        test_int_fast_paths(d);
        test_keys_and_topology(d);
    }
    return CHECK_SUMMARY();
}
