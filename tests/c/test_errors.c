/*
 * test_errors.c: every error a C caller can reach through include/groggy.h.
 *
 * Covers: missing nodes and edges (status and a message naming the operation and the
 * key); NULL handles; NULL outputs; NULL key_str with a non-zero key_len; invalid UTF-8
 * in keys, attribute names and STRING values; unknown attribute tags; NULL arrays with
 * non-zero lengths; bad batches (key kind, string offsets, entry indices, bad UTF-8 in
 * one item) that must leave the graph exactly as it was; out-of-range indices; outputs
 * untouched on every failure; gr_*_free(NULL) and gr_attr_value_release(NULL); the
 * thread-local last error; and concurrent writers and readers on one graph.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "graph_snapshot.h"

/* Sentinels preset in output variables: a failing call must leave them as they are. */
#define SENTINEL_GRAPH ((gr_graph *)(uintptr_t)0x5e47)
#define SENTINEL_KEYS ((gr_keys *)(uintptr_t)0x5e48)
#define SENTINEL_MAP ((gr_attr_map *)(uintptr_t)0x5e49)
#define SENTINEL_NAMES ((gr_string_list *)(uintptr_t)0x5e4a)
#define SENTINEL_ARRAY ((gr_array *)(uintptr_t)0x5e4b)
#define SENTINEL_SIZE ((size_t)0x5e4c)
#define SENTINEL_I64 ((int64_t)0x5e4d)
#define SENTINEL_TAG ((gr_attr_tag)77)
#define NO_GRAPH ((gr_graph *)NULL)

static const char BAD_UTF8[][4] = {
    "\xff",         /* never valid */
    "\xc3\x28",     /* bad continuation */
    "\xed\xa0\x80", /* UTF-16 surrogate */
    "\xc0\xaf",     /* overlong '/' */
    "\xe6\x97",     /* truncated */
};
enum { N_BAD_UTF8 = 5 };

static gr_attr_value sentinel_value(void)
{
    gr_attr_value v = v_zero(SENTINEL_TAG);
    v.data.i64 = SENTINEL_I64;
    return v;
}

static int is_sentinel_value(const gr_attr_value *v)
{
    return v->tag == SENTINEL_TAG && v->data.i64 == SENTINEL_I64;
}

/* ----- graph snapshots (graph_snapshot.h): a failed call must change nothing ------------ */

/* Nodes 1, "a", 2 (attributes on 1); edges 1 -> "a" (attributes), "a" -> 2. */
static gr_graph *build_graph(bool directed)
{
    gr_graph *g = NULL;
    gr_buf names[2];
    gr_attr_value values[2];
    names[0] = buf_of("w");
    names[1] = buf_of("label");
    values[0] = v_i64(5);
    values[1] = v_str("one");
    CHECK_OK(gr_graph_new(directed, &g));
    CHECK_OK(gr_graph_add_node(g, IK(1), names, values, 2));
    CHECK_OK(gr_graph_add_node(g, SK("a"), NULL, NULL, 0));
    values[0] = v_f64(0.25);
    values[1] = v_bytes("\0x", 2);
    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("a"), names, values, 2));
    CHECK_OK(gr_graph_add_edge(g, SK("a"), IK(2), NULL, NULL, 0));
    return g;
}

/* ----- missing nodes and edges ------------------------------------------------------------ */

static void test_missing_node(void)
{
    gr_graph *g = build_graph(true);
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    size_t d = SENTINEL_SIZE;
    gr_keys *keys = SENTINEL_KEYS;
    gr_attr_map *map = SENTINEL_MAP;
    gr_attr_value v = sentinel_value();
    bool found = true;
    gr_attr_value x = v_i64(1);
    CHECK(before != NULL);
    take_snapshot(g, before);

    CHECK_ERR(gr_graph_remove_node(g, SK("x")), GR_STATUS_NODE_NOT_FOUND,
              "remove_node: node 'x' not found");
    CHECK_STREQ(gr_last_error_message(), "remove_node: node 'x' not found");
    CHECK_ERR(gr_graph_remove_node(g, IK(42)), GR_STATUS_NODE_NOT_FOUND,
              "remove_node: node 42 not found");
    CHECK_ERR(gr_graph_degree(g, IK(42), &d), GR_STATUS_NODE_NOT_FOUND,
              "degree: node 42 not found");
    CHECK_STREQ(gr_last_error_message(), "degree: node 42 not found");
    CHECK_ERR(gr_graph_in_degree(g, IK(42), &d), GR_STATUS_NODE_NOT_FOUND,
              "in_degree: node 42 not found");
    CHECK_ERR(gr_graph_out_degree(g, IK(-42), &d), GR_STATUS_NODE_NOT_FOUND,
              "out_degree: node -42 not found");
    /* 1 exists, "1" does not. */
    CHECK_ERR(gr_graph_degree(g, SK("1"), &d), GR_STATUS_NODE_NOT_FOUND,
              "degree: node '1' not found");
    CHECK_EQ(d, SENTINEL_SIZE);
    CHECK_ERR(gr_graph_neighbors(g, SK("x"), &keys), GR_STATUS_NODE_NOT_FOUND,
              "neighbors: node 'x' not found");
    CHECK_ERR(gr_graph_successors(g, SK("x"), &keys), GR_STATUS_NODE_NOT_FOUND,
              "successors: node 'x' not found");
    CHECK_ERR(gr_graph_predecessors(g, SK("x"), &keys), GR_STATUS_NODE_NOT_FOUND,
              "predecessors: node 'x' not found");
    CHECK(keys == SENTINEL_KEYS);
    CHECK_ERR(gr_graph_node_attrs(g, SK("x"), &map), GR_STATUS_NODE_NOT_FOUND,
              "node_attrs: node 'x' not found");
    CHECK(map == SENTINEL_MAP);
    CHECK_ERR(gr_graph_get_node_attr(g, SK("x"), "w", 1, &v, &found), GR_STATUS_NODE_NOT_FOUND,
              "get_node_attr: node 'x' not found");
    CHECK(is_sentinel_value(&v));
    CHECK(found);
    CHECK_ERR(gr_graph_set_node_attr(g, SK("x"), "w", 1, &x), GR_STATUS_NODE_NOT_FOUND,
              "set_node_attr: node 'x' not found");
    /* The key is shown as given: non-ASCII, empty. */
    CHECK_ERR(gr_graph_remove_node(g, SK("\xe6\x97\xa5\xe6\x9c\xac")), GR_STATUS_NODE_NOT_FOUND,
              "remove_node: node '\xe6\x97\xa5\xe6\x9c\xac' not found");
    CHECK_ERR(gr_graph_remove_node(g, SKN("", 0)), GR_STATUS_NODE_NOT_FOUND,
              "remove_node: node '' not found");
    /* Shown as Python's repr would show it: a single quote inside switches the quotes. */
    CHECK_ERR(gr_graph_remove_node(g, SK("it's")), GR_STATUS_NODE_NOT_FOUND,
              "remove_node: node \"it's\" not found");
    /* A missing node is not an error for has_node / has_edge. */
    {
        bool f = true;
        CHECK_OK(gr_graph_has_node(g, SK("x"), &f));
        CHECK(!f);
        f = true;
        CHECK_OK(gr_graph_has_edge(g, SK("x"), IK(1), &f));
        CHECK(!f);
    }
    /* A node removed twice. */
    CHECK_OK(gr_graph_add_node(g, IK(77), NULL, NULL, 0));
    CHECK_OK(gr_graph_remove_node(g, IK(77)));
    CHECK_ERR(gr_graph_remove_node(g, IK(77)), GR_STATUS_NODE_NOT_FOUND,
              "remove_node: node 77 not found");
    CHECK_UNCHANGED(g, before);
    free(before);
    gr_graph_free(g);
}

static void test_missing_edge(void)
{
    int directed;
    for (directed = 0; directed <= 1; directed++) {
        gr_graph *g = build_graph(directed != 0);
        snapshot *before = (snapshot *)malloc(sizeof(snapshot));
        gr_attr_map *map = SENTINEL_MAP;
        gr_attr_value v = sentinel_value();
        bool found = true;
        gr_attr_value x = v_i64(1);
        CHECK(before != NULL);
        take_snapshot(g, before);

        /* Both endpoints exist but no edge joins them. */
        CHECK_ERR(gr_graph_remove_edge(g, IK(1), IK(2)), GR_STATUS_EDGE_NOT_FOUND,
                  "remove_edge: edge (1, 2) not found");
        /* An endpoint is missing. */
        CHECK_ERR(gr_graph_remove_edge(g, IK(1), SK("zz")), GR_STATUS_EDGE_NOT_FOUND,
                  "remove_edge: edge (1, 'zz') not found");
        CHECK_ERR(gr_graph_remove_edge(g, SK("zz"), IK(1)), GR_STATUS_EDGE_NOT_FOUND,
                  "remove_edge: edge ('zz', 1) not found");
        /* 1 -> "a" exists; 1 -> 'a' spelled as int 1 -> string "1" does not. */
        CHECK_ERR(gr_graph_get_edge_attr(g, IK(1), SK("1"), "w", 1, &v, &found),
                  GR_STATUS_EDGE_NOT_FOUND, "get_edge_attr: edge (1, '1') not found");
        CHECK(is_sentinel_value(&v));
        CHECK(found);
        CHECK_ERR(gr_graph_set_edge_attr(g, IK(2), IK(1), "w", 1, &x), GR_STATUS_EDGE_NOT_FOUND,
                  "set_edge_attr: edge (2, 1) not found");
        CHECK_ERR(gr_graph_edge_attrs(g, IK(2), IK(1), &map), GR_STATUS_EDGE_NOT_FOUND,
                  "edge_attrs: edge (2, 1) not found");
        CHECK(map == SENTINEL_MAP);
        if (directed) {
            /* The reverse of an edge is another edge. */
            CHECK_ERR(gr_graph_remove_edge(g, SK("a"), IK(1)), GR_STATUS_EDGE_NOT_FOUND,
                      "remove_edge: edge ('a', 1) not found");
            CHECK_ERR(gr_graph_edge_attrs(g, SK("a"), IK(1), &map), GR_STATUS_EDGE_NOT_FOUND,
                      "edge_attrs: edge ('a', 1) not found");
        }
        CHECK_UNCHANGED(g, before);
        /* An edge removed twice. */
        CHECK_OK(gr_graph_add_edge(g, IK(8), IK(9), NULL, NULL, 0));
        CHECK_OK(gr_graph_remove_edge(g, IK(8), IK(9)));
        CHECK_ERR(gr_graph_remove_edge(g, IK(8), IK(9)), GR_STATUS_EDGE_NOT_FOUND,
                  "remove_edge: edge (8, 9) not found");
        free(before);
        gr_graph_free(g);
    }
}

/* ----- NULL handles and outputs ----------------------------------------------------------- */

static void test_null_graph(void)
{
    gr_graph *out = SENTINEL_GRAPH;
    gr_keys *keys = SENTINEL_KEYS;
    gr_keys *keys2 = SENTINEL_KEYS;
    gr_attr_map *map = SENTINEL_MAP;
    gr_string_list *names = SENTINEL_NAMES;
    gr_array *array = SENTINEL_ARRAY;
    size_t n = SENTINEL_SIZE;
    bool flag = true;
    gr_attr_value v = sentinel_value();
    gr_attr_value x = v_i64(1);
    static const int64_t ints[1] = {1};
    const gr_status IA = GR_STATUS_INVALID_ARGUMENT;

    CHECK_ERR(gr_graph_copy(NO_GRAPH, &out), IA, "copy: graph is NULL");
    CHECK_ERR(gr_graph_subgraph(NO_GRAPH, NULL, ints, NULL, 0, NULL, 1, &out), IA,
              "subgraph: graph is NULL");
    CHECK(out == SENTINEL_GRAPH);
    CHECK_ERR(gr_graph_clear(NO_GRAPH), IA, "clear: graph is NULL");
    CHECK_ERR(gr_graph_is_directed(NO_GRAPH, &flag), IA, "is_directed: graph is NULL");
    CHECK(flag);
    CHECK_ERR(gr_graph_node_count(NO_GRAPH, &n), IA, "node_count: graph is NULL");
    CHECK_ERR(gr_graph_edge_count(NO_GRAPH, &n), IA, "edge_count: graph is NULL");
    CHECK_EQ(n, SENTINEL_SIZE);
    CHECK_ERR(gr_graph_add_node(NO_GRAPH, IK(1), NULL, NULL, 0), IA, "add_node: graph is NULL");
    CHECK_ERR(gr_graph_add_nodes(NO_GRAPH, NULL, ints, NULL, 0, NULL, 1, NULL, 0, NULL, NULL,
                                 NULL, 0),
              IA, "add_nodes: graph is NULL");
    CHECK_ERR(gr_graph_remove_node(NO_GRAPH, IK(1)), IA, "remove_node: graph is NULL");
    CHECK_ERR(gr_graph_has_node(NO_GRAPH, IK(1), &flag), IA, "has_node: graph is NULL");
    CHECK_ERR(gr_graph_add_node_int(NO_GRAPH, 1), IA, "add_node: graph is NULL");
    CHECK_ERR(gr_graph_has_node_int(NO_GRAPH, 1, &flag), IA, "has_node: graph is NULL");
    CHECK(flag);
    CHECK_ERR(gr_graph_nodes(NO_GRAPH, &keys), IA, "nodes: graph is NULL");
    CHECK_ERR(gr_graph_neighbors(NO_GRAPH, IK(1), &keys), IA, "neighbors: graph is NULL");
    CHECK_ERR(gr_graph_successors(NO_GRAPH, IK(1), &keys), IA, "successors: graph is NULL");
    CHECK_ERR(gr_graph_predecessors(NO_GRAPH, IK(1), &keys), IA, "predecessors: graph is NULL");
    CHECK(keys == SENTINEL_KEYS);
    CHECK_ERR(gr_graph_degree(NO_GRAPH, IK(1), &n), IA, "degree: graph is NULL");
    CHECK_ERR(gr_graph_in_degree(NO_GRAPH, IK(1), &n), IA, "in_degree: graph is NULL");
    CHECK_ERR(gr_graph_out_degree(NO_GRAPH, IK(1), &n), IA, "out_degree: graph is NULL");
    CHECK_EQ(n, SENTINEL_SIZE);
    CHECK_ERR(gr_graph_add_edge(NO_GRAPH, IK(1), IK(2), NULL, NULL, 0), IA,
              "add_edge: graph is NULL");
    CHECK_ERR(gr_graph_add_edges(NO_GRAPH, NULL, ints, NULL, 0, NULL, NULL, ints, NULL, 0, NULL,
                                 1, NULL, 0, NULL, NULL, NULL, 0),
              IA, "add_edges: graph is NULL");
    CHECK_ERR(gr_graph_remove_edge(NO_GRAPH, IK(1), IK(2)), IA, "remove_edge: graph is NULL");
    CHECK_ERR(gr_graph_has_edge(NO_GRAPH, IK(1), IK(2), &flag), IA, "has_edge: graph is NULL");
    CHECK(flag);
    CHECK_ERR(gr_graph_edges(NO_GRAPH, &keys, &keys2), IA, "edges: graph is NULL");
    CHECK(keys == SENTINEL_KEYS && keys2 == SENTINEL_KEYS);
    CHECK_ERR(gr_graph_set_node_attr(NO_GRAPH, IK(1), "w", 1, &x), IA,
              "set_node_attr: graph is NULL");
    CHECK_ERR(gr_graph_get_node_attr(NO_GRAPH, IK(1), "w", 1, &v, &flag), IA,
              "get_node_attr: graph is NULL");
    CHECK_ERR(gr_graph_set_edge_attr(NO_GRAPH, IK(1), IK(2), "w", 1, &x), IA,
              "set_edge_attr: graph is NULL");
    CHECK_ERR(gr_graph_get_edge_attr(NO_GRAPH, IK(1), IK(2), "w", 1, &v, &flag), IA,
              "get_edge_attr: graph is NULL");
    CHECK(is_sentinel_value(&v));
    CHECK(flag);
    CHECK_ERR(gr_graph_node_attrs(NO_GRAPH, IK(1), &map), IA, "node_attrs: graph is NULL");
    CHECK_ERR(gr_graph_edge_attrs(NO_GRAPH, IK(1), IK(2), &map), IA, "edge_attrs: graph is NULL");
    CHECK(map == SENTINEL_MAP);
    CHECK_ERR(gr_graph_node_attr_names(NO_GRAPH, &names), IA, "node_attr_names: graph is NULL");
    CHECK_ERR(gr_graph_edge_attr_names(NO_GRAPH, &names), IA, "edge_attr_names: graph is NULL");
    CHECK(names == SENTINEL_NAMES);
    CHECK_ERR(gr_graph_degrees(NO_GRAPH, &keys, &array), IA, "degrees: graph is NULL");
    CHECK(keys == SENTINEL_KEYS && array == SENTINEL_ARRAY);

    /* The other handles. */
    {
        size_t len = SENTINEL_SIZE;
        const int64_t *p_ints = (const int64_t *)&len;
        const uint8_t *p_kinds = (const uint8_t *)&len;
        const uint8_t *p_data = (const uint8_t *)&len;
        const size_t *p_offsets = &len;
        int64_t k = SENTINEL_I64;
        const char *ks = (const char *)&len;
        size_t kl = SENTINEL_SIZE;
        const gr_buf *bufs = (const gr_buf *)&len;
        const gr_attr_value *vals = (const gr_attr_value *)&len;
        gr_attr_tag kind = SENTINEL_TAG;
        const void *data = &len;
        CHECK_ERR(gr_keys_view((const gr_keys *)NULL, &len, &p_ints, &p_kinds, &p_data,
                               &p_offsets),
                  IA, "keys_view: keys is NULL");
        CHECK(len == SENTINEL_SIZE && p_ints == (const int64_t *)&len &&
              p_kinds == (const uint8_t *)&len && p_data == (const uint8_t *)&len &&
              p_offsets == &len);
        CHECK_ERR(gr_keys_get((const gr_keys *)NULL, 0, &k, &ks, &kl), IA,
                  "keys_get: keys is NULL");
        CHECK(k == SENTINEL_I64 && ks == (const char *)&len && kl == SENTINEL_SIZE);
        CHECK_ERR(gr_attr_map_entries((const gr_attr_map *)NULL, &len, &bufs, &vals), IA,
                  "attr_map_entries: map is NULL");
        CHECK(len == SENTINEL_SIZE && bufs == (const gr_buf *)&len &&
              vals == (const gr_attr_value *)&len);
        CHECK_ERR(gr_string_list_entries((const gr_string_list *)NULL, &len, &bufs), IA,
                  "string_list_entries: list is NULL");
        CHECK(len == SENTINEL_SIZE && bufs == (const gr_buf *)&len);
        CHECK_ERR(gr_array_info((const gr_array *)NULL, &len, &kind, &data), IA,
                  "array_info: array is NULL");
        CHECK(len == SENTINEL_SIZE && kind == SENTINEL_TAG && data == &len);
        CHECK_ERR(gr_array_get((const gr_array *)NULL, 0, &v), IA, "array_get: array is NULL");
        CHECK(is_sentinel_value(&v));
    }
}

static void test_null_outputs(void)
{
    gr_graph *g = build_graph(false);
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *array = SENTINEL_ARRAY;
    gr_attr_value v = sentinel_value();
    bool flag = true;
    static const int64_t ints[1] = {1};
    const gr_status IA = GR_STATUS_INVALID_ARGUMENT;
    CHECK(before != NULL);
    take_snapshot(g, before);

    CHECK_ERR(gr_graph_new(true, (gr_graph **)NULL), IA, "graph_new: output graph is NULL");
    CHECK_ERR(gr_graph_copy(g, (gr_graph **)NULL), IA, "copy: output graph is NULL");
    CHECK_ERR(gr_graph_subgraph(g, NULL, ints, NULL, 0, NULL, 1, (gr_graph **)NULL), IA,
              "subgraph: output graph is NULL");
    CHECK_ERR(gr_graph_is_directed(g, (bool *)NULL), IA, "is_directed: output directed is NULL");
    CHECK_ERR(gr_graph_node_count(g, (size_t *)NULL), IA, "node_count: output count is NULL");
    CHECK_ERR(gr_graph_edge_count(g, (size_t *)NULL), IA, "edge_count: output count is NULL");
    CHECK_ERR(gr_graph_has_node(g, IK(1), (bool *)NULL), IA, "has_node: output found is NULL");
    CHECK_ERR(gr_graph_has_node_int(g, 1, (bool *)NULL), IA, "has_node: output found is NULL");
    CHECK_ERR(gr_graph_nodes(g, (gr_keys **)NULL), IA, "nodes: output keys is NULL");
    CHECK_ERR(gr_graph_neighbors(g, IK(1), (gr_keys **)NULL), IA, "neighbors: output");
    CHECK_ERR(gr_graph_successors(g, IK(1), (gr_keys **)NULL), IA, "successors: output");
    CHECK_ERR(gr_graph_predecessors(g, IK(1), (gr_keys **)NULL), IA, "predecessors: output");
    CHECK_ERR(gr_graph_degree(g, IK(1), (size_t *)NULL), IA, "degree: output degree is NULL");
    CHECK_ERR(gr_graph_in_degree(g, IK(1), (size_t *)NULL), IA, "in_degree: output");
    CHECK_ERR(gr_graph_out_degree(g, IK(1), (size_t *)NULL), IA, "out_degree: output");
    CHECK_ERR(gr_graph_has_edge(g, IK(1), SK("a"), (bool *)NULL), IA, "has_edge: output");
    /* With two outputs, the one that was given stays untouched. */
    CHECK_ERR(gr_graph_edges(g, &keys, (gr_keys **)NULL), IA, "edges: output targets is NULL");
    CHECK(keys == SENTINEL_KEYS);
    CHECK_ERR(gr_graph_edges(g, (gr_keys **)NULL, &keys), IA, "edges: output sources is NULL");
    CHECK(keys == SENTINEL_KEYS);
    CHECK_ERR(gr_graph_get_node_attr(g, IK(1), "w", 1, &v, (bool *)NULL), IA,
              "get_node_attr: output found is NULL");
    CHECK(is_sentinel_value(&v));
    CHECK_ERR(gr_graph_get_node_attr(g, IK(1), "w", 1, (gr_attr_value *)NULL, &flag), IA,
              "get_node_attr: output value is NULL");
    CHECK(flag);
    CHECK_ERR(gr_graph_get_edge_attr(g, IK(1), SK("a"), "w", 1, &v, (bool *)NULL), IA,
              "get_edge_attr: output found is NULL");
    CHECK(is_sentinel_value(&v));
    CHECK_ERR(gr_graph_get_edge_attr(g, IK(1), SK("a"), "w", 1, (gr_attr_value *)NULL, &flag),
              IA, "get_edge_attr: output value is NULL");
    CHECK(flag);
    CHECK_ERR(gr_graph_node_attrs(g, IK(1), (gr_attr_map **)NULL), IA, "node_attrs: output");
    CHECK_ERR(gr_graph_edge_attrs(g, IK(1), SK("a"), (gr_attr_map **)NULL), IA,
              "edge_attrs: output");
    CHECK_ERR(gr_graph_node_attr_names(g, (gr_string_list **)NULL), IA,
              "node_attr_names: output");
    CHECK_ERR(gr_graph_edge_attr_names(g, (gr_string_list **)NULL), IA,
              "edge_attr_names: output");
    CHECK_ERR(gr_graph_degrees(g, &keys, (gr_array **)NULL), IA,
              "degrees: output degrees is NULL");
    CHECK(keys == SENTINEL_KEYS);
    CHECK_ERR(gr_graph_degrees(g, (gr_keys **)NULL, &array), IA, "degrees: output keys is NULL");
    CHECK(array == SENTINEL_ARRAY);
    CHECK_UNCHANGED(g, before);

    /* Outputs of the result handles, one NULL at a time. */
    {
        gr_keys *nodes = NULL;
        gr_attr_map *map = NULL;
        gr_string_list *names = NULL;
        gr_array *degrees = NULL;
        size_t len = SENTINEL_SIZE;
        const int64_t *p_ints = (const int64_t *)&len;
        const uint8_t *p_kinds = (const uint8_t *)&len;
        const uint8_t *p_data = (const uint8_t *)&len;
        const size_t *p_offsets = &len;
        int64_t k = SENTINEL_I64;
        const char *ks = (const char *)&len;
        size_t kl = SENTINEL_SIZE;
        const gr_buf *bufs = (const gr_buf *)&len;
        const gr_attr_value *vals = (const gr_attr_value *)&len;
        gr_attr_tag kind = SENTINEL_TAG;
        const void *data = &len;
        CHECK_OK(gr_graph_nodes(g, &nodes));
        CHECK_OK(gr_graph_node_attrs(g, IK(1), &map));
        CHECK_OK(gr_graph_node_attr_names(g, &names));
        CHECK_OK(gr_graph_degrees(g, &keys, &degrees));
        gr_keys_free(keys);

#define UNTOUCHED_                                                                       \
    (len == SENTINEL_SIZE && p_ints == (const int64_t *)&len &&                          \
     p_kinds == (const uint8_t *)&len && p_data == (const uint8_t *)&len &&              \
     p_offsets == &len && k == SENTINEL_I64 && ks == (const char *)&len &&               \
     kl == SENTINEL_SIZE && bufs == (const gr_buf *)&len &&                              \
     vals == (const gr_attr_value *)&len && kind == SENTINEL_TAG && data == &len &&      \
     is_sentinel_value(&v))
        CHECK_ERR(gr_keys_view(nodes, (size_t *)NULL, &p_ints, &p_kinds, &p_data, &p_offsets),
                  IA, "keys_view: output len is NULL");
        CHECK_ERR(gr_keys_view(nodes, &len, (const int64_t **)NULL, &p_kinds, &p_data,
                               &p_offsets),
                  IA, "keys_view: output ints is NULL");
        CHECK_ERR(gr_keys_view(nodes, &len, &p_ints, (const uint8_t **)NULL, &p_data,
                               &p_offsets),
                  IA, "keys_view: output kinds is NULL");
        CHECK_ERR(gr_keys_view(nodes, &len, &p_ints, &p_kinds, (const uint8_t **)NULL,
                               &p_offsets),
                  IA, "keys_view: output str_data is NULL");
        CHECK_ERR(gr_keys_view(nodes, &len, &p_ints, &p_kinds, &p_data, (const size_t **)NULL),
                  IA, "keys_view: output str_offsets is NULL");
        CHECK(UNTOUCHED_);
        CHECK_ERR(gr_keys_get(nodes, 0, (int64_t *)NULL, &ks, &kl), IA,
                  "keys_get: output key is NULL");
        CHECK_ERR(gr_keys_get(nodes, 0, &k, (const char **)NULL, &kl), IA,
                  "keys_get: output key_str is NULL");
        CHECK_ERR(gr_keys_get(nodes, 0, &k, &ks, (size_t *)NULL), IA,
                  "keys_get: output key_len is NULL");
        CHECK(UNTOUCHED_);
        CHECK_ERR(gr_attr_map_entries(map, (size_t *)NULL, &bufs, &vals), IA,
                  "attr_map_entries: output len is NULL");
        CHECK_ERR(gr_attr_map_entries(map, &len, (const gr_buf **)NULL, &vals), IA,
                  "attr_map_entries: output names is NULL");
        CHECK_ERR(gr_attr_map_entries(map, &len, &bufs, (const gr_attr_value **)NULL), IA,
                  "attr_map_entries: output values is NULL");
        CHECK(UNTOUCHED_);
        CHECK_ERR(gr_string_list_entries(names, (size_t *)NULL, &bufs), IA,
                  "string_list_entries: output len is NULL");
        CHECK_ERR(gr_string_list_entries(names, &len, (const gr_buf **)NULL), IA,
                  "string_list_entries: output items is NULL");
        CHECK(UNTOUCHED_);
        CHECK_ERR(gr_array_info(degrees, (size_t *)NULL, &kind, &data), IA,
                  "array_info: output len is NULL");
        CHECK_ERR(gr_array_info(degrees, &len, (gr_attr_tag *)NULL, &data), IA,
                  "array_info: output kind is NULL");
        CHECK_ERR(gr_array_info(degrees, &len, &kind, (const void **)NULL), IA,
                  "array_info: output data is NULL");
        CHECK_ERR(gr_array_get(degrees, 0, (gr_attr_value *)NULL), IA,
                  "array_get: output value is NULL");
        CHECK(UNTOUCHED_);

        /* Out-of-range indices. */
        CHECK_ERR(gr_keys_get(nodes, 3, &k, &ks, &kl), IA,
                  "keys_get: index 3 out of range for 3 keys");
        CHECK_ERR(gr_keys_get(nodes, (size_t)-1, &k, &ks, &kl), IA, "keys_get: index");
        CHECK_ERR(gr_array_get(degrees, 3, &v), IA, "array_get: index 3 out of range for 3");
        CHECK_ERR(gr_array_get(degrees, (size_t)-1, &v), IA, "array_get: index");
        CHECK(UNTOUCHED_);
#undef UNTOUCHED_
        gr_keys_free(nodes);
        gr_attr_map_free(map);
        gr_string_list_free(names);
        gr_array_free(degrees);
    }
    CHECK_UNCHANGED(g, before);
    free(before);
    gr_graph_free(g);
}

/* ----- bad keys, names and values --------------------------------------------------------- */

static void test_bad_keys(void)
{
    gr_graph *g = build_graph(true);
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    size_t d = SENTINEL_SIZE;
    bool flag = true;
    gr_keys *keys = SENTINEL_KEYS;
    int i;
    const gr_status IA = GR_STATUS_INVALID_ARGUMENT;
    CHECK(before != NULL);
    take_snapshot(g, before);

    /* key_str NULL with a non-zero key_len. */
    CHECK_ERR(gr_graph_add_node(g, 5, (const char *)NULL, 3, NULL, NULL, 0), IA,
              "add_node: key: string length 3 given without a string");
    CHECK_ERR(gr_graph_has_node(g, 1, (const char *)NULL, 1, &flag), IA,
              "has_node: key: string length 1 given without a string");
    CHECK(flag);
    CHECK_ERR(gr_graph_remove_node(g, 1, (const char *)NULL, 1), IA, "remove_node: key: string");
    CHECK_ERR(gr_graph_degree(g, 1, (const char *)NULL, 2, &d), IA, "degree: key: string");
    CHECK_EQ(d, SENTINEL_SIZE);
    CHECK_ERR(gr_graph_neighbors(g, 1, (const char *)NULL, 2, &keys), IA,
              "neighbors: key: string");
    CHECK(keys == SENTINEL_KEYS);
    CHECK_ERR(gr_graph_add_edge(g, IK(50), 1, (const char *)NULL, 1, NULL, NULL, 0), IA,
              "add_edge: target: string length 1 given without a string");
    CHECK_ERR(gr_graph_add_edge(g, 1, (const char *)NULL, 4, IK(50), NULL, NULL, 0), IA,
              "add_edge: source: string length 4 given without a string");
    CHECK_ERR(gr_graph_remove_edge(g, IK(1), 0, (const char *)NULL, 1), IA,
              "remove_edge: target: string");
    CHECK_UNCHANGED(g, before);

    /* Invalid UTF-8 keys. */
    for (i = 0; i < N_BAD_UTF8; i++) {
        const char *bad = BAD_UTF8[i];
        CHECK_ERR(gr_graph_add_node(g, SK(bad), NULL, NULL, 0), IA,
                  "add_node: key is not valid UTF-8");
        CHECK_ERR(gr_graph_has_node(g, SK(bad), &flag), IA, "has_node: key is not valid UTF-8");
        CHECK(flag);
        CHECK_ERR(gr_graph_remove_node(g, SK(bad)), IA, "remove_node: key is not valid UTF-8");
        CHECK_ERR(gr_graph_degree(g, SK(bad), &d), IA, "degree: key is not valid UTF-8");
        CHECK_ERR(gr_graph_predecessors(g, SK(bad), &keys), IA,
                  "predecessors: key is not valid UTF-8");
        /* A bad target must not leave a new source behind. */
        CHECK_ERR(gr_graph_add_edge(g, SK("fresh"), SK(bad), NULL, NULL, 0), IA,
                  "add_edge: target is not valid UTF-8");
        CHECK_ERR(gr_graph_add_edge(g, SK(bad), IK(60), NULL, NULL, 0), IA,
                  "add_edge: source is not valid UTF-8");
        CHECK_ERR(gr_graph_has_edge(g, IK(1), SK(bad), &flag), IA,
                  "has_edge: target is not valid UTF-8");
        CHECK_ERR(gr_graph_remove_edge(g, SK(bad), SK("a")), IA,
                  "remove_edge: source is not valid UTF-8");
        CHECK_UNCHANGED(g, before);
    }
    CHECK_EQ(d, SENTINEL_SIZE);
    CHECK(keys == SENTINEL_KEYS);
    CHECK(flag);
    /* The bytes after key_len are not part of the key. */
    CHECK_OK(gr_graph_add_node(g, SKN("ok\xff", 2), NULL, NULL, 0));
    CHECK_OK(gr_graph_has_node(g, SK("ok"), &flag));
    CHECK(flag);
    CHECK_OK(gr_graph_remove_node(g, SK("ok")));
    CHECK_UNCHANGED(g, before);
    free(before);
    gr_graph_free(g);
}

static void test_bad_attributes(void)
{
    gr_graph *g = build_graph(true);
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    gr_buf names[2];
    gr_attr_value values[2];
    gr_attr_value v = sentinel_value();
    bool flag = true;
    int i;
    const gr_status IA = GR_STATUS_INVALID_ARGUMENT;
    CHECK(before != NULL);
    take_snapshot(g, before);
    names[0] = buf_of("w");
    values[0] = v_i64(99);

    for (i = 0; i < N_BAD_UTF8; i++) {
        const char *bad = BAD_UTF8[i];
        gr_attr_value bad_str = v_str(bad);
        /* Attribute name: in an attribute list (after a good one), and as a single name. */
        names[1] = buf_of(bad);
        values[1] = v_i64(1);
        CHECK_ERR(gr_graph_add_node(g, IK(70), names, values, 2), IA,
                  "add_node: attribute name is not valid UTF-8");
        CHECK_ERR(gr_graph_add_node(g, IK(1), names, values, 2), IA,
                  "add_node: attribute name is not valid UTF-8");
        CHECK_ERR(gr_graph_add_edge(g, IK(1), SK("a"), names, values, 2), IA,
                  "add_edge: attribute name is not valid UTF-8");
        CHECK_ERR(gr_graph_add_edge(g, IK(70), IK(71), names, values, 2), IA,
                  "add_edge: attribute name is not valid UTF-8");
        CHECK_ERR(gr_graph_set_node_attr(g, IK(1), bad, strlen(bad), &values[0]), IA,
                  "set_node_attr: attribute name is not valid UTF-8");
        CHECK_ERR(gr_graph_get_node_attr(g, IK(1), bad, strlen(bad), &v, &flag), IA,
                  "get_node_attr: attribute name is not valid UTF-8");
        CHECK_ERR(gr_graph_set_edge_attr(g, IK(1), SK("a"), bad, strlen(bad), &values[0]), IA,
                  "set_edge_attr: attribute name is not valid UTF-8");
        CHECK_ERR(gr_graph_get_edge_attr(g, IK(1), SK("a"), bad, strlen(bad), &v, &flag), IA,
                  "get_edge_attr: attribute name is not valid UTF-8");
        /* STRING value. The message names the attribute. */
        names[1] = buf_of("label");
        values[1] = bad_str;
        CHECK_ERR(gr_graph_add_node(g, IK(70), names, values, 2), IA,
                  "add_node: label is not valid UTF-8");
        CHECK_ERR(gr_graph_add_node(g, IK(1), names, values, 2), IA,
                  "add_node: label is not valid UTF-8");
        CHECK_ERR(gr_graph_add_edge(g, IK(70), IK(71), names, values, 2), IA,
                  "add_edge: label is not valid UTF-8");
        CHECK_ERR(gr_graph_add_edge(g, IK(1), SK("a"), names, values, 2), IA,
                  "add_edge: label is not valid UTF-8");
        CHECK_ERR(gr_graph_set_node_attr(g, IK(1), "label", 5, &bad_str), IA,
                  "set_node_attr: label is not valid UTF-8");
        CHECK_ERR(gr_graph_set_edge_attr(g, IK(1), SK("a"), "label", 5, &bad_str), IA,
                  "set_edge_attr: label is not valid UTF-8");
        CHECK(is_sentinel_value(&v));
        CHECK(flag);
        CHECK_UNCHANGED(g, before);
    }

    /* Unknown tags: 99, -1, GR_ATTR_MIXED (a column kind, not a value kind). */
    {
        static const gr_attr_tag bad_tags[3] = {99, -1, GR_ATTR_MIXED};
        static const char *const messages[3] = {"unknown attribute tag 99",
                                                "unknown attribute tag -1",
                                                "unknown attribute tag 10"};
        for (i = 0; i < 3; i++) {
            gr_attr_value bad = v_i64(1);
            bad.tag = bad_tags[i];
            names[1] = buf_of("t");
            values[1] = bad;
            CHECK_ERR(gr_graph_add_node(g, IK(70), names, values, 2), IA, messages[i]);
            CHECK_ERR(gr_graph_add_node(g, IK(70), names, values, 2), IA, "add_node: t: ");
            CHECK_ERR(gr_graph_add_edge(g, IK(1), SK("a"), names, values, 2), IA, messages[i]);
            CHECK_ERR(gr_graph_add_edge(g, IK(1), SK("a"), names, values, 2), IA,
                      "add_edge: t: ");
            CHECK_ERR(gr_graph_set_node_attr(g, IK(1), "w", 1, &bad), IA, messages[i]);
            CHECK_ERR(gr_graph_set_node_attr(g, IK(1), "w", 1, &bad), IA, "set_node_attr: w: ");
            CHECK_ERR(gr_graph_set_edge_attr(g, IK(1), SK("a"), "w", 1, &bad), IA, messages[i]);
            CHECK_ERR(gr_graph_set_edge_attr(g, IK(1), SK("a"), "w", 1, &bad), IA,
                      "set_edge_attr: w: ");
        }
    }
    CHECK_UNCHANGED(g, before);

    /* NULL arrays with a non-zero length. */
    names[1] = buf_of("x");
    values[1] = v_i64(1);
    CHECK_ERR(gr_graph_add_node(g, IK(70), (const gr_buf *)NULL, values, 2), IA,
              "add_node: attribute names is NULL but its length is 2");
    CHECK_ERR(gr_graph_add_node(g, IK(70), names, (const gr_attr_value *)NULL, 2), IA,
              "add_node: attribute values is NULL but its length is 2");
    CHECK_ERR(gr_graph_add_edge(g, IK(70), IK(1), (const gr_buf *)NULL, values, 1), IA,
              "add_edge: attribute names is NULL but its length is 1");
    CHECK_ERR(gr_graph_add_edge(g, IK(70), IK(1), names, (const gr_attr_value *)NULL, 1), IA,
              "add_edge: attribute values is NULL but its length is 1");
    /* A NULL buffer with a non-zero length: name, STRING and BYTES values, set_* name. */
    names[1] = bufn((const char *)NULL, 3);
    CHECK_ERR(gr_graph_add_node(g, IK(70), names, values, 2), IA,
              "add_node: attribute name is NULL but its length is 3");
    names[1] = buf_of("x");
    values[1] = v_strn((const char *)NULL, 4);
    CHECK_ERR(gr_graph_add_node(g, IK(70), names, values, 2), IA,
              "add_node: x is NULL but its length is 4");
    values[1] = v_bytes(NULL, 5);
    CHECK_ERR(gr_graph_add_node(g, IK(1), names, values, 2), IA,
              "add_node: x is NULL but its length is 5");
    CHECK_ERR(gr_graph_set_node_attr(g, IK(1), (const char *)NULL, 2, &values[0]), IA,
              "set_node_attr: attribute name is NULL but its length is 2");
    CHECK_ERR(gr_graph_get_node_attr(g, IK(1), (const char *)NULL, 2, &v, &flag), IA,
              "get_node_attr: attribute name is NULL but its length is 2");
    CHECK_ERR(gr_graph_set_edge_attr(g, IK(1), SK("a"), (const char *)NULL, 1, &values[0]), IA,
              "set_edge_attr: attribute name is NULL but its length is 1");
    CHECK_ERR(gr_graph_get_edge_attr(g, IK(1), SK("a"), (const char *)NULL, 1, &v, &flag), IA,
              "get_edge_attr: attribute name is NULL but its length is 1");
    /* A NULL value pointer. */
    CHECK_ERR(gr_graph_set_node_attr(g, IK(1), "w", 1, (const gr_attr_value *)NULL), IA,
              "set_node_attr: value is NULL");
    CHECK_ERR(gr_graph_set_edge_attr(g, IK(1), SK("a"), "w", 1, (const gr_attr_value *)NULL), IA,
              "set_edge_attr: value is NULL");
    CHECK(is_sentinel_value(&v));
    CHECK(flag);
    CHECK_UNCHANGED(g, before);

    /* Not errors: invalid UTF-8 is fine in BYTES; a NULL name of length 0 is "". */
    {
        gr_attr_value raw = v_bytes("\xff\xfe", 2);
        gr_attr_value out = sentinel_value();
        CHECK_OK(gr_graph_set_node_attr(g, IK(2), "raw", 3, &raw));
        CHECK_OK(gr_graph_get_node_attr(g, IK(2), "raw", 3, &out, &flag));
        CHECK(flag);
        CHECK_VALUE(&out, &raw);
        gr_attr_value_release(&out);
        CHECK_OK(gr_graph_set_node_attr(g, IK(2), (const char *)NULL, 0, &raw));
        out = sentinel_value();
        CHECK_OK(gr_graph_get_node_attr(g, IK(2), "", 0, &out, &flag));
        CHECK(flag);
        CHECK_VALUE(&out, &raw);
        gr_attr_value_release(&out);
    }
    free(before);
    gr_graph_free(g);
}

/* ----- batches: all or nothing ------------------------------------------------------------ */

/*
 * Each bad batch starts with good items (new nodes, and an update of node 1's attributes)
 * so that a batch applied in part would show in the snapshot.
 */
static void test_bad_batches(void)
{
    int directed;
    const gr_status IA = GR_STATUS_INVALID_ARGUMENT;
    for (directed = 0; directed <= 1; directed++) {
        gr_graph *g = build_graph(directed != 0);
        gr_graph *out = SENTINEL_GRAPH;
        snapshot *before = (snapshot *)malloc(sizeof(snapshot));
        /* Keys: 1 (exists), "new", 300, "n\u00e9w" */
        uint8_t kinds[4];
        int64_t ints[4];
        char data[16];
        size_t offsets[5];
        gr_buf names[2];
        uint32_t items[3];
        uint32_t name_ids[3];
        gr_attr_value values[3];
        int64_t src_ints[4];
        CHECK(before != NULL);
        take_snapshot(g, before);

#define RESET_BATCH_()                                                     \
    do {                                                                   \
        kinds[0] = GR_KEY_INT;                                             \
        kinds[1] = GR_KEY_STR;                                             \
        kinds[2] = GR_KEY_INT;                                             \
        kinds[3] = GR_KEY_STR;                                             \
        ints[0] = 1;                                                       \
        ints[1] = 0;                                                       \
        ints[2] = 300;                                                     \
        ints[3] = 0;                                                       \
        memcpy(data, "newn\xc3\xa9w", 7);                                  \
        offsets[0] = 0;                                                    \
        offsets[1] = 0;                                                    \
        offsets[2] = 3;                                                    \
        offsets[3] = 3;                                                    \
        offsets[4] = 7;                                                    \
        names[0] = buf_of("w");                                            \
        names[1] = buf_of("label");                                        \
        items[0] = 0;                                                      \
        items[1] = 1;                                                      \
        items[2] = 3;                                                      \
        name_ids[0] = 0;                                                   \
        name_ids[1] = 1;                                                   \
        name_ids[2] = 0;                                                   \
        values[0] = v_i64(-1);                                             \
        values[1] = v_str("fresh");                                        \
        values[2] = v_f64(1.5);                                            \
        src_ints[0] = 1;                                                   \
        src_ints[1] = 2;                                                   \
        src_ints[2] = 400;                                                 \
        src_ints[3] = 401;                                                 \
    } while (0)
#define ADD_NODES_() \
    gr_graph_add_nodes(g, kinds, ints, (const uint8_t *)data, 7, offsets, 4, names, 2, items, \
                       name_ids, values, 3)
#define ADD_EDGES_()                                                                          \
    gr_graph_add_edges(g, NULL, src_ints, NULL, 0, NULL, kinds, ints, (const uint8_t *)data, \
                       7, offsets, 4, names, 2, items, name_ids, values, 3)

        /* The good batch really would change the graph (checked on a copy). */
        {
            gr_graph *c = NULL;
            size_t n = 0;
            CHECK_OK(gr_graph_copy(g, &c));
            RESET_BATCH_();
            CHECK_OK(gr_graph_add_nodes(c, kinds, ints, (const uint8_t *)data, 7, offsets, 4,
                                        names, 2, items, name_ids, values, 3));
            CHECK_OK(gr_graph_node_count(c, &n));
            CHECK_EQ(n, before->nodes + 3);
            CHECK_OK(gr_graph_add_edges(c, NULL, src_ints, NULL, 0, NULL, kinds, ints,
                                        (const uint8_t *)data, 7, offsets, 4, names, 2, items,
                                        name_ids, values, 3));
            CHECK_OK(gr_graph_edge_count(c, &n));
            CHECK_EQ(n, before->edges + 4);
            gr_graph_free(c);
        }

        /* Unknown key kind in the last item. */
        RESET_BATCH_();
        kinds[3] = 7;
        CHECK_ERR(ADD_NODES_(), IA, "add_nodes: keys: unknown key kind 7 at 3");
        CHECK_ERR(ADD_EDGES_(), IA, "add_edges: targets: unknown key kind 7 at 3");
        CHECK_ERR(gr_graph_subgraph(g, kinds, ints, (const uint8_t *)data, 7, offsets, 4, &out),
                  IA, "subgraph: keys: unknown key kind 7 at 3");
        CHECK(out == SENTINEL_GRAPH);
        CHECK_UNCHANGED(g, before);
        /* ... in the sources of add_edges. */
        RESET_BATCH_();
        kinds[2] = 2;
        CHECK_ERR(gr_graph_add_edges(g, kinds, ints, (const uint8_t *)data, 7, offsets, NULL,
                                     src_ints, NULL, 0, NULL, 4, names, 2, items, name_ids,
                                     values, 3),
                  IA, "add_edges: sources: unknown key kind 2 at 2");
        CHECK_UNCHANGED(g, before);

        /* String offsets past str_data_len. */
        RESET_BATCH_();
        offsets[4] = 8;
        CHECK_ERR(ADD_NODES_(), IA, "add_nodes: keys: string offsets 3..8 of key 3 are out of range");
        CHECK_ERR(ADD_EDGES_(), IA, "add_edges: targets: string offsets 3..8 of key 3");
        CHECK_ERR(gr_graph_subgraph(g, kinds, ints, (const uint8_t *)data, 7, offsets, 4, &out),
                  IA, "subgraph: keys: string offsets 3..8");
        CHECK(out == SENTINEL_GRAPH);
        CHECK_UNCHANGED(g, before);
        RESET_BATCH_();
        offsets[4] = (size_t)-1;
        CHECK_ERR(ADD_NODES_(), IA, "out of range");
        CHECK_UNCHANGED(g, before);
        /* Decreasing offsets. */
        RESET_BATCH_();
        offsets[1] = 2;
        offsets[2] = 1;
        CHECK_ERR(ADD_NODES_(), IA,
                  "add_nodes: keys: string offsets 2..1 of key 1 are out of range");
        CHECK_ERR(ADD_EDGES_(), IA, "add_edges: targets: string offsets 2..1 of key 1");
        CHECK_UNCHANGED(g, before);

        /* Invalid UTF-8 in one item's key: split the 2-byte "é" of the last key. */
        RESET_BATCH_();
        offsets[3] = 5;
        CHECK_ERR(ADD_NODES_(), IA, "add_nodes: keys is not valid UTF-8");
        CHECK_ERR(ADD_EDGES_(), IA, "add_edges: targets is not valid UTF-8");
        CHECK_UNCHANGED(g, before);
        RESET_BATCH_();
        data[1] = (char)0xff;
        CHECK_ERR(ADD_NODES_(), IA, "add_nodes: keys is not valid UTF-8");
        CHECK_ERR(ADD_EDGES_(), IA, "add_edges: targets is not valid UTF-8");
        CHECK_UNCHANGED(g, before);

        /* An entry names an item past the batch. */
        RESET_BATCH_();
        items[2] = 4;
        CHECK_ERR(ADD_NODES_(), IA, "add_nodes: attribute entry 2 names item 4 of 4");
        CHECK_ERR(ADD_EDGES_(), IA, "add_edges: attribute entry 2 names item 4 of 4");
        CHECK_UNCHANGED(g, before);
        RESET_BATCH_();
        items[1] = UINT32_MAX;
        CHECK_ERR(ADD_NODES_(), IA, "add_nodes: attribute entry 1 names item");
        CHECK_UNCHANGED(g, before);
        /* An entry names an attribute past attr_names. */
        RESET_BATCH_();
        name_ids[2] = 2;
        CHECK_ERR(ADD_NODES_(), IA, "add_nodes: attribute entry 2 names attribute 2 of 2");
        CHECK_ERR(ADD_EDGES_(), IA, "add_edges: attribute entry 2 names attribute 2 of 2");
        CHECK_UNCHANGED(g, before);

        /* Invalid UTF-8 in an attribute name, even one no entry uses. */
        RESET_BATCH_();
        names[1] = buf_of("\xc3\x28");
        CHECK_ERR(ADD_NODES_(), IA, "add_nodes: attribute name is not valid UTF-8");
        CHECK_ERR(ADD_EDGES_(), IA, "add_edges: attribute name is not valid UTF-8");
        CHECK_UNCHANGED(g, before);
        /* Invalid UTF-8 in one STRING value. */
        RESET_BATCH_();
        values[1] = v_str("\xed\xa0\x80");
        CHECK_ERR(ADD_NODES_(), IA, "add_nodes: label is not valid UTF-8");
        CHECK_ERR(ADD_EDGES_(), IA, "add_edges: label is not valid UTF-8");
        CHECK_UNCHANGED(g, before);
        /* An unknown tag in the last entry. */
        RESET_BATCH_();
        values[2].tag = 99;
        CHECK_ERR(ADD_NODES_(), IA, "add_nodes: w: unknown attribute tag 99");
        CHECK_ERR(ADD_EDGES_(), IA, "add_edges: w: unknown attribute tag 99");
        CHECK_UNCHANGED(g, before);

        /* NULL arrays with non-zero lengths. */
        RESET_BATCH_();
        CHECK_ERR(gr_graph_add_nodes(g, kinds, (const int64_t *)NULL, (const uint8_t *)data, 7,
                                     offsets, 4, names, 2, items, name_ids, values, 3),
                  IA, "add_nodes: keys: ints is NULL but its length is 4");
        CHECK_ERR(gr_graph_add_nodes(g, NULL, (const int64_t *)NULL, NULL, 0, NULL, 4, names, 2,
                                     items, name_ids, values, 3),
                  IA, "add_nodes: keys: ints is NULL but its length is 4");
        CHECK_ERR(gr_graph_add_nodes(g, kinds, ints, (const uint8_t *)data, 7,
                                     (const size_t *)NULL, 4, names, 2, items, name_ids, values,
                                     3),
                  IA, "add_nodes: keys: str_offsets is NULL but its length is 5");
        CHECK_ERR(gr_graph_add_nodes(g, kinds, ints, (const uint8_t *)NULL, 7, offsets, 4, names,
                                     2, items, name_ids, values, 3),
                  IA, "add_nodes: keys: str_data is NULL but its length is 7");
        CHECK_ERR(gr_graph_add_nodes(g, kinds, ints, (const uint8_t *)data, 7, offsets, 4,
                                     (const gr_buf *)NULL, 2, items, name_ids, values, 3),
                  IA, "add_nodes: attribute names is NULL but its length is 2");
        CHECK_ERR(gr_graph_add_nodes(g, kinds, ints, (const uint8_t *)data, 7, offsets, 4, names,
                                     2, (const uint32_t *)NULL, name_ids, values, 3),
                  IA, "add_nodes: entry_items is NULL but its length is 3");
        CHECK_ERR(gr_graph_add_nodes(g, kinds, ints, (const uint8_t *)data, 7, offsets, 4, names,
                                     2, items, (const uint32_t *)NULL, values, 3),
                  IA, "add_nodes: entry_names is NULL but its length is 3");
        CHECK_ERR(gr_graph_add_nodes(g, kinds, ints, (const uint8_t *)data, 7, offsets, 4, names,
                                     2, items, name_ids, (const gr_attr_value *)NULL, 3),
                  IA, "add_nodes: entry_values is NULL but its length is 3");
        CHECK_ERR(gr_graph_add_edges(g, NULL, (const int64_t *)NULL, NULL, 0, NULL, kinds, ints,
                                     (const uint8_t *)data, 7, offsets, 4, names, 2, items,
                                     name_ids, values, 3),
                  IA, "add_edges: sources: ints is NULL but its length is 4");
        CHECK_ERR(gr_graph_add_edges(g, NULL, src_ints, NULL, 0, NULL, kinds,
                                     (const int64_t *)NULL, (const uint8_t *)data, 7, offsets, 4,
                                     names, 2, items, name_ids, values, 3),
                  IA, "add_edges: targets: ints is NULL but its length is 4");
        CHECK_ERR(gr_graph_add_edges(g, NULL, src_ints, NULL, 0, NULL, kinds, ints,
                                     (const uint8_t *)data, 7, offsets, 4, names, 2, items,
                                     name_ids, (const gr_attr_value *)NULL, 3),
                  IA, "add_edges: entry_values is NULL but its length is 3");
        CHECK_ERR(gr_graph_subgraph(g, NULL, (const int64_t *)NULL, NULL, 0, NULL, 2, &out), IA,
                  "subgraph: keys: ints is NULL but its length is 2");
        CHECK(out == SENTINEL_GRAPH);
        CHECK_UNCHANGED(g, before);
#undef RESET_BATCH_
#undef ADD_NODES_
#undef ADD_EDGES_
        free(before);
        gr_graph_free(g);
    }
}

/* ----- free(NULL), release(NULL), message lifetime ---------------------------------------- */

static void test_free_null(void)
{
    gr_attr_value v = v_null();
    gr_graph_free((gr_graph *)NULL);
    check_pass();
    gr_keys_free((gr_keys *)NULL);
    check_pass();
    gr_attr_map_free((gr_attr_map *)NULL);
    check_pass();
    gr_string_list_free((gr_string_list *)NULL);
    check_pass();
    gr_array_free((gr_array *)NULL);
    check_pass();
    gr_attr_value_release((gr_attr_value *)NULL);
    check_pass();
    /* Releasing a NULL value does nothing. */
    gr_attr_value_release(&v);
    CHECK_EQ(v.tag, GR_ATTR_NULL);
}

static void test_message_lifetime(void)
{
    gr_graph *g = build_graph(false);
    const char *m;
    char saved[256];
    size_t n = 0;
    CHECK_ERR(gr_graph_remove_node(g, SK("gone")), GR_STATUS_NODE_NOT_FOUND,
              "remove_node: node 'gone' not found");
    m = gr_last_error_message();
    snprintf(saved, sizeof saved, "%s", m);
    /* Successful calls leave the message (and its memory) alone. */
    CHECK_OK(gr_graph_node_count(g, &n));
    CHECK_OK(gr_graph_add_node(g, IK(9), NULL, NULL, 0));
    CHECK_STREQ(m, saved);
    CHECK_STREQ(gr_last_error_message(), saved);
    /* The next failure replaces it. */
    CHECK_ERR(gr_graph_degree(g, IK(404), &n), GR_STATUS_NODE_NOT_FOUND,
              "degree: node 404 not found");
    CHECK(strstr(gr_last_error_message(), "gone") == NULL);
    /* A message with a NUL byte in the key is still one C string. */
    CHECK_ERR(gr_graph_remove_node(g, SKN("a\0b", 3)), GR_STATUS_NODE_NOT_FOUND,
              "remove_node: node 'a");
    CHECK(strstr(gr_last_error_message(), "b' not found") != NULL);
    gr_graph_free(g);
}

/* ----- threads ---------------------------------------------------------------------------- */

enum { N_WRITERS = 4, N_READERS = 2, PER_WRITER = 200, BATCH_EVERY = 40, BATCH_SIZE = 5 };

typedef struct shared_state {
    gr_graph *g;
    pthread_mutex_t lock;
    int writers_done;
} shared_state;

typedef struct worker {
    shared_state *shared;
    int id;
    int failures;
    char first_failure[256];
    long reads;
} worker;

static void worker_fail(worker *w, const char *what, gr_status s)
{
    if (w->failures++ == 0) {
        snprintf(w->first_failure, sizeof w->first_failure, "%s: status %d: %s", what, (int)s,
                 gr_last_error_message());
    }
}

#define W_OK(w, call)                      \
    do {                                   \
        gr_status w_s_ = (call);           \
        if (w_s_ != GR_STATUS_OK) {        \
            worker_fail((w), #call, w_s_); \
        }                                  \
    } while (0)

static int64_t writer_key(int writer, int i)
{
    return (int64_t)writer * 1000000 + i;
}

static void writer_str_key(int writer, int i, char *out, size_t cap)
{
    snprintf(out, cap, "w%d-%d", writer, i);
}

static void *writer_main(void *arg)
{
    worker *w = (worker *)arg;
    gr_graph *g = w->shared->g;
    int t = w->id;
    int i;
    char own_message[128];
    size_t dummy = 0;
    /* This thread's last error is its own, whatever the other threads do. */
    if (gr_graph_degree(g, IK(-1 - t), &dummy) != GR_STATUS_NODE_NOT_FOUND) {
        worker_fail(w, "degree of a missing node", GR_STATUS_OK);
    }
    snprintf(own_message, sizeof own_message, "degree: node %d not found", -1 - t);
    if (strcmp(gr_last_error_message(), own_message) != 0) {
        worker_fail(w, "own error message", GR_STATUS_OK);
    }
    for (i = 0; i < PER_WRITER; i++) {
        char skey[32];
        char sval[48];
        gr_buf names[2];
        gr_attr_value values[2];
        gr_attr_value late;
        writer_str_key(t, i, skey, sizeof skey);
        snprintf(sval, sizeof sval, "value %d/%d", t, i);
        names[0] = buf_of("writer");
        names[1] = buf_of("i");
        values[0] = v_i32(t);
        values[1] = v_i64(i);
        W_OK(w, gr_graph_add_node(g, IK(writer_key(t, i)), names, values, 2));
        names[0] = buf_of("s");
        values[0] = v_str(sval);
        W_OK(w, gr_graph_add_node(g, SK(skey), names, values, 1));
        names[0] = buf_of("w");
        values[0] = v_f64(i + 0.5);
        W_OK(w, gr_graph_add_edge(g, IK(writer_key(t, i)), SK(skey), names, values, 1));
        W_OK(w, gr_graph_add_edge(g, SK("hub"), IK(writer_key(t, i)), NULL, NULL, 0));
        late = v_i64(i * 2);
        W_OK(w, gr_graph_set_node_attr(g, SK(skey), "late", 4, &late));
        /* A node that comes and goes. */
        W_OK(w, gr_graph_add_edge(g, IK(writer_key(t, 900000 + i)), SK("hub"), NULL, NULL, 0));
        W_OK(w, gr_graph_remove_node(g, IK(writer_key(t, 900000 + i))));
        if (i % BATCH_EVERY == 0) {
            int64_t ints[BATCH_SIZE];
            uint32_t items[BATCH_SIZE];
            uint32_t name_ids[BATCH_SIZE];
            gr_attr_value vals[BATCH_SIZE];
            gr_buf name = buf_of("batch");
            int k;
            for (k = 0; k < BATCH_SIZE; k++) {
                ints[k] = writer_key(t, 500000 + i + k);
                items[k] = (uint32_t)k;
                name_ids[k] = 0;
                vals[k] = v_i64(ints[k]);
            }
            W_OK(w, gr_graph_add_nodes(g, NULL, ints, NULL, 0, NULL, BATCH_SIZE, &name, 1, items,
                                       name_ids, vals, BATCH_SIZE));
        }
    }
    if (strcmp(gr_last_error_message(), own_message) != 0) {
        worker_fail(w, "own error message after writes", GR_STATUS_OK);
    }
    return NULL;
}

static int writers_done(shared_state *s)
{
    int done;
    pthread_mutex_lock(&s->lock);
    done = s->writers_done;
    pthread_mutex_unlock(&s->lock);
    return done;
}

static void *reader_main(void *arg)
{
    worker *w = (worker *)arg;
    gr_graph *g = w->shared->g;
    size_t last_hub_degree = 0;
    unsigned seed = 12345u + (unsigned)w->id;
    /* A fresh thread has no last error. */
    if (strcmp(gr_last_error_message(), "") != 0) {
        worker_fail(w, "fresh thread has a message", GR_STATUS_OK);
    }
    for (;;) {
        int done = writers_done(w->shared);
        int t;
        int i;
        bool found = false;
        size_t deg = 0;
        gr_keys *keys = NULL;
        seed = seed * 1103515245u + 12345u;
        t = (int)((seed >> 16) % N_WRITERS);
        i = (int)((seed >> 4) % PER_WRITER);
        W_OK(w, gr_graph_has_node(g, IK(writer_key(t, i)), &found));
        if (found) {
            /* A node appears with the attributes it was added with. */
            gr_attr_value v = v_null();
            bool has = false;
            W_OK(w, gr_graph_get_node_attr(g, IK(writer_key(t, i)), "writer", 6, &v, &has));
            if (!has || v.tag != GR_ATTR_INT32 || v.data.i32 != t) {
                worker_fail(w, "node without its attributes", GR_STATUS_OK);
            }
            gr_attr_value_release(&v);
            W_OK(w, gr_graph_degree(g, IK(writer_key(t, i)), &deg));
        }
        /* Edges leaving the hub are only ever added; edges entering it come and go. */
        W_OK(w, gr_graph_degree(g, SK("hub"), &deg));
        W_OK(w, gr_graph_in_degree(g, SK("hub"), &deg));
        {
            size_t out_deg = 0;
            W_OK(w, gr_graph_out_degree(g, SK("hub"), &out_deg));
            if (out_deg < last_hub_degree) {
                worker_fail(w, "hub out-degree went down", GR_STATUS_OK);
            }
            last_hub_degree = out_deg;
        }
        W_OK(w, gr_graph_nodes(g, &keys));
        if (keys != NULL) {
            size_t len = 0;
            const int64_t *ints = NULL;
            const uint8_t *kinds = NULL;
            const uint8_t *data = NULL;
            const size_t *offsets = NULL;
            W_OK(w, gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
            if (len == 0 || kinds == NULL || kinds[0] != GR_KEY_STR) {
                worker_fail(w, "hub is not the first node", GR_STATUS_OK);
            }
            gr_keys_free(keys);
        }
        if ((w->reads++ % 16) == 0) {
            gr_keys *dk = NULL;
            gr_array *da = NULL;
            W_OK(w, gr_graph_degrees(g, &dk, &da));
            if (dk != NULL && da != NULL) {
                size_t nk = 0;
                size_t na = 0;
                const int64_t *ints = NULL;
                const uint8_t *kinds = NULL;
                const uint8_t *data = NULL;
                const size_t *offsets = NULL;
                gr_attr_tag kind = 0;
                const void *p = NULL;
                W_OK(w, gr_keys_view(dk, &nk, &ints, &kinds, &data, &offsets));
                W_OK(w, gr_array_info(da, &na, &kind, &p));
                if (nk != na) {
                    worker_fail(w, "degrees: keys and array differ in length", GR_STATUS_OK);
                }
            }
            gr_keys_free(dk);
            gr_array_free(da);
        }
        if (done) {
            break;
        }
    }
    return NULL;
}

static void test_threads(void)
{
    shared_state shared;
    worker writers[N_WRITERS];
    worker readers[N_READERS];
    pthread_t writer_threads[N_WRITERS];
    pthread_t reader_threads[N_READERS];
    int t;
    int i;
    size_t n = 0;
    size_t expected_nodes;

    memset(&shared, 0, sizeof shared);
    CHECK_OK(gr_graph_new(true, &shared.g));
    CHECK_OK(gr_graph_add_node(shared.g, SK("hub"), NULL, NULL, 0));
    CHECK_EQ(pthread_mutex_init(&shared.lock, NULL), 0);
    /* The main thread's message is not another thread's. */
    CHECK_ERR(gr_graph_remove_node(shared.g, SK("main")), GR_STATUS_NODE_NOT_FOUND,
              "remove_node: node 'main' not found");

    for (t = 0; t < N_READERS; t++) {
        memset(&readers[t], 0, sizeof readers[t]);
        readers[t].shared = &shared;
        readers[t].id = t;
        CHECK_EQ(pthread_create(&reader_threads[t], NULL, reader_main, &readers[t]), 0);
    }
    for (t = 0; t < N_WRITERS; t++) {
        memset(&writers[t], 0, sizeof writers[t]);
        writers[t].shared = &shared;
        writers[t].id = t;
        CHECK_EQ(pthread_create(&writer_threads[t], NULL, writer_main, &writers[t]), 0);
    }
    for (t = 0; t < N_WRITERS; t++) {
        CHECK_EQ(pthread_join(writer_threads[t], NULL), 0);
    }
    pthread_mutex_lock(&shared.lock);
    shared.writers_done = 1;
    pthread_mutex_unlock(&shared.lock);
    for (t = 0; t < N_READERS; t++) {
        CHECK_EQ(pthread_join(reader_threads[t], NULL), 0);
    }
    for (t = 0; t < N_WRITERS; t++) {
        if (writers[t].failures != 0) {
            check_fail(__FILE__, __LINE__, "writer %d: %d failures, first: %s", t,
                       writers[t].failures, writers[t].first_failure);
        }
        check_pass();
    }
    for (t = 0; t < N_READERS; t++) {
        if (readers[t].failures != 0) {
            check_fail(__FILE__, __LINE__, "reader %d: %d failures, first: %s", t,
                       readers[t].failures, readers[t].first_failure);
        }
        check_pass();
        CHECK(readers[t].reads > 0);
    }
    CHECK_STREQ(gr_last_error_message(), "remove_node: node 'main' not found");

    /* No lost write. */
    expected_nodes = 1 + (size_t)N_WRITERS * (2 * PER_WRITER +
                                              BATCH_SIZE * ((PER_WRITER + BATCH_EVERY - 1) /
                                                            BATCH_EVERY));
    CHECK_OK(gr_graph_node_count(shared.g, &n));
    CHECK_EQ(n, expected_nodes);
    CHECK_OK(gr_graph_edge_count(shared.g, &n));
    CHECK_EQ(n, (size_t)N_WRITERS * 2 * PER_WRITER);
    CHECK_OK(gr_graph_out_degree(shared.g, SK("hub"), &n));
    CHECK_EQ(n, (size_t)N_WRITERS * PER_WRITER);
    CHECK_OK(gr_graph_in_degree(shared.g, SK("hub"), &n));
    CHECK_EQ(n, 0);
    for (t = 0; t < N_WRITERS; t++) {
        for (i = 0; i < PER_WRITER; i++) {
            char skey[32];
            char sval[48];
            gr_attr_value v = v_null();
            gr_attr_value want;
            bool found = false;
            writer_str_key(t, i, skey, sizeof skey);
            snprintf(sval, sizeof sval, "value %d/%d", t, i);
            CHECK_OK(gr_graph_get_node_attr(shared.g, IK(writer_key(t, i)), "writer", 6, &v,
                                            &found));
            want = v_i32(t);
            CHECK(found);
            CHECK_VALUE(&v, &want);
            CHECK_OK(gr_graph_get_node_attr(shared.g, IK(writer_key(t, i)), "i", 1, &v, &found));
            want = v_i64(i);
            CHECK(found);
            CHECK_VALUE(&v, &want);
            CHECK_OK(gr_graph_get_node_attr(shared.g, SK(skey), "s", 1, &v, &found));
            want = v_str(sval);
            CHECK(found);
            CHECK_VALUE(&v, &want);
            gr_attr_value_release(&v);
            CHECK_OK(gr_graph_get_node_attr(shared.g, SK(skey), "late", 4, &v, &found));
            want = v_i64(i * 2);
            CHECK(found);
            CHECK_VALUE(&v, &want);
            CHECK_OK(gr_graph_get_edge_attr(shared.g, IK(writer_key(t, i)), SK(skey), "w", 1, &v,
                                            &found));
            want = v_f64(i + 0.5);
            CHECK(found);
            CHECK_VALUE(&v, &want);
            CHECK_OK(gr_graph_has_edge(shared.g, SK("hub"), IK(writer_key(t, i)), &found));
            CHECK(found);
            CHECK_OK(gr_graph_has_node(shared.g, IK(writer_key(t, 900000 + i)), &found));
            CHECK(!found);
            if (i % BATCH_EVERY == 0) {
                int k;
                for (k = 0; k < BATCH_SIZE; k++) {
                    CHECK_OK(gr_graph_get_node_attr(shared.g,
                                                    IK(writer_key(t, 500000 + i + k)), "batch",
                                                    5, &v, &found));
                    want = v_i64(writer_key(t, 500000 + i + k));
                    CHECK(found);
                    CHECK_VALUE(&v, &want);
                }
            }
        }
    }
    CHECK_EQ(pthread_mutex_destroy(&shared.lock), 0);
    gr_graph_free(shared.g);
}

int main(void)
{
    /* Nothing failed yet on this thread. */
    CHECK_STREQ(gr_last_error_message(), "");
    test_missing_node();
    test_missing_edge();
    test_null_graph();
    test_null_outputs();
    test_bad_keys();
    test_bad_attributes();
    test_bad_batches();
    test_free_null();
    test_message_lifetime();
    test_threads();
    return CHECK_SUMMARY();
}
