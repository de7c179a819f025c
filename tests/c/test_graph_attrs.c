/*
 * test_graph_attrs.c: node and edge attributes of every kind, read back the way a C or C++
 * program would.
 * 
 * Covers: every attribute kind on nodes and edges, read back through gr_graph_get_*_attr
 * (owned values, released), gr_graph_*_attrs maps (borrowed values) and the attribute name
 * lists; float bit patterns kept exactly; removing attributes.
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

/* ----- the attribute kinds --------------------------------------------------------------- */

/* "héllo wörld ✓ 日本 🚀": 2-, 3- and 4-byte UTF-8 sequences. */
static const char UTF8_TEXT[] =
    "h\xc3\xa9llo w\xc3\xb6rld \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x9a\x80";
/* "日本語" */
static const char UTF8_TEXT2[] = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";
static const unsigned char ZERO_BYTE[1] = {0x00};

/* Two different value sets over every kind (variant 0 and variant 1). */
static void kind_values(int variant, gr_attr_value *v)
{
    if (variant == 0) {
        v[0] = v_null();
        v[1] = v_bool(true);
        v[2] = v_i8(INT8_MIN);
        v[3] = v_i16(INT16_MAX);
        v[4] = v_i32(INT32_MIN);
        v[5] = v_i64(INT64_MAX);
        v[6] = v_f32(1.5f);
        v[7] = v_f64(-2.25e300);
        v[8] = v_str("plain");
        v[9] = v_strn("", 0);
        v[10] = v_str(UTF8_TEXT);
        v[11] = v_bytes(BYTES_DATA, sizeof BYTES_DATA);
        v[12] = v_bytes(NULL, 0);
        v[13] = v_bytes(ZERO_BYTE, 1);
    } else {
        v[0] = v_null();
        v[1] = v_bool(false);
        v[2] = v_i8(INT8_MAX);
        v[3] = v_i16(INT16_MIN);
        v[4] = v_i32(INT32_MAX);
        v[5] = v_i64(INT64_MIN);
        v[6] = v_f32(-0.125f);
        v[7] = v_f64(1e-300);
        v[8] = v_str("other");
        v[9] = v_strn(NULL, 0);
        v[10] = v_str(UTF8_TEXT2);
        v[11] = v_bytes(BYTES_DATA + 1, 3);
        v[12] = v_bytes(BYTES_DATA, 0);
        v[13] = v_bytes(BYTES_DATA + 3, 1);
    }
}

static void kind_names(gr_buf *names)
{
    int i;
    for (i = 0; i < N_KINDS; i++) {
        names[i] = buf_of(KIND_NAMES[i]);
    }
}

static const char *const KIND_NAMES_JOINED =
    "null,bool,i8,i16,i32,i64,f32,f64,str,empty_str,utf8,bytes,empty_bytes,zero_byte";

/* Every attribute kind on nodes and edges; int and string keys that print alike. */
static void test_attribute_kinds(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_buf names[N_KINDS];
    gr_attr_value v0[N_KINDS];
    gr_attr_value v1[N_KINDS];
    gr_attr_value x;
    int i;
    kind_names(names);
    kind_values(0, v0);
    kind_values(1, v1);

    /* Node 1 gets variant 0, node "1" variant 1: different nodes, different values. */
    CHECK_OK(gr_graph_add_node(g, IK(1), names, v0, N_KINDS));
    CHECK_OK(gr_graph_add_node(g, SK("1"), names, v1, N_KINDS));
    CHECK_EQ(node_count(g), 2);
    CHECK(has_node(g, IK(1)));
    CHECK(has_node(g, SK("1")));
    CHECK_NODES(g, "1,'1'");
    for (i = 0; i < N_KINDS; i++) {
        CHECK_NODE_ATTR(g, IK(1), KIND_NAMES[i], &v0[i]);
        CHECK_NODE_ATTR(g, SK("1"), KIND_NAMES[i], &v1[i]);
    }
    CHECK_NODE_ATTR_ABSENT(g, IK(1), "missing");
    CHECK_NODE_ATTR_ABSENT(g, IK(1), "I8");
    CHECK_NODE_MAP(g, IK(1), N_KINDS, KIND_NAMES, v0);
    CHECK_NODE_MAP(g, SK("1"), N_KINDS, KIND_NAMES, v1);
    CHECK_NODE_ATTR_NAMES(g, KIND_NAMES_JOINED);
    CHECK_EDGE_ATTR_NAMES(g, "");

    /* The library copies input buffers: an owned output never points at the input. */
    {
        gr_attr_value out = v_null();
        bool found = false;
        CHECK_OK(gr_graph_get_node_attr(g, IK(1), "utf8", 4, &out, &found));
        CHECK(found);
        CHECK(out.tag == GR_ATTR_STRING);
        CHECK(out.data.buf.ptr != (const uint8_t *)UTF8_TEXT);
        CHECK_BYTES(out.data.buf.ptr, out.data.buf.len, UTF8_TEXT, strlen(UTF8_TEXT));
        /* An owned value outlives changes to the graph. */
        x = v_str("replaced");
        CHECK_OK(gr_graph_set_node_attr(g, IK(1), "utf8", 4, &x));
        CHECK_BYTES(out.data.buf.ptr, out.data.buf.len, UTF8_TEXT, strlen(UTF8_TEXT));
        gr_attr_value_release(&out);
        CHECK_EQ(out.tag, GR_ATTR_NULL);
        gr_attr_value_release(&out); /* a released value is NULL: releasing again is a no-op */
        CHECK_NODE_ATTR(g, IK(1), "utf8", &x);
        x = v_str(UTF8_TEXT);
        CHECK_OK(gr_graph_set_node_attr(g, IK(1), "utf8", 4, &x));
    }

    /* Edges: 1 -> "1" with variant 0, then "1" -> 1 with variant 1. */
    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("1"), names, v0, N_KINDS));
    CHECK_OK(gr_graph_add_edge(g, SK("1"), IK(1), names, v1, N_KINDS));
    CHECK_EQ(node_count(g), 2);
    CHECK_EDGE_ATTR_NAMES(g, KIND_NAMES_JOINED);
    if (directed) {
        CHECK_EQ(edge_count(g), 2);
        CHECK_EDGES(g, "1,'1'", "'1',1");
        for (i = 0; i < N_KINDS; i++) {
            CHECK_EDGE_ATTR(g, IK(1), SK("1"), KIND_NAMES[i], &v0[i]);
            CHECK_EDGE_ATTR(g, SK("1"), IK(1), KIND_NAMES[i], &v1[i]);
        }
        CHECK_EDGE_MAP(g, IK(1), SK("1"), N_KINDS, KIND_NAMES, v0);
        CHECK_EDGE_MAP(g, SK("1"), IK(1), N_KINDS, KIND_NAMES, v1);
    } else {
        /* The second add is the same edge: its attributes are updated, its endpoints stay
         * as first added. */
        CHECK_EQ(edge_count(g), 1);
        CHECK_EDGES(g, "1", "'1'");
        for (i = 0; i < N_KINDS; i++) {
            CHECK_EDGE_ATTR(g, IK(1), SK("1"), KIND_NAMES[i], &v1[i]);
            CHECK_EDGE_ATTR(g, SK("1"), IK(1), KIND_NAMES[i], &v1[i]);
        }
        CHECK_EDGE_MAP(g, IK(1), SK("1"), N_KINDS, KIND_NAMES, v1);
        CHECK_EDGE_MAP(g, SK("1"), IK(1), N_KINDS, KIND_NAMES, v1);
    }
    CHECK_EDGE_ATTR_ABSENT(g, IK(1), SK("1"), "missing");
    /* Node attributes are not edge attributes and vice versa. */
    CHECK_NODE_MAP(g, IK(1), N_KINDS, KIND_NAMES, v0);

    /* Updates: overwrite in place, change kind (the column becomes mixed), set NULL. */
    x = v_i64(7);
    CHECK_OK(gr_graph_set_node_attr(g, IK(1), "i64", 3, &x));
    CHECK_NODE_ATTR(g, IK(1), "i64", &x);
    CHECK_NODE_ATTR(g, SK("1"), "i64", &v1[5]);
    x = v_str("seven");
    CHECK_OK(gr_graph_set_node_attr(g, IK(1), "i64", 3, &x));
    CHECK_NODE_ATTR(g, IK(1), "i64", &x);
    CHECK_NODE_ATTR(g, SK("1"), "i64", &v1[5]);
    x = v_bytes(BYTES_DATA, sizeof BYTES_DATA);
    CHECK_OK(gr_graph_set_node_attr(g, SK("1"), "bool", 4, &x));
    CHECK_NODE_ATTR(g, SK("1"), "bool", &x);
    CHECK_NODE_ATTR(g, IK(1), "bool", &v0[1]);
    x = v_null();
    CHECK_OK(gr_graph_set_node_attr(g, IK(1), "str", 3, &x));
    CHECK_NODE_ATTR(g, IK(1), "str", &x);
    CHECK_NODE_ATTR(g, SK("1"), "str", &v1[8]);
    x = v_f32(2.5f);
    CHECK_OK(gr_graph_set_node_attr(g, IK(1), "str", 3, &x));
    CHECK_NODE_ATTR(g, IK(1), "str", &x);
    x = v_f64(3.75);
    CHECK_OK(gr_graph_set_edge_attr(g, IK(1), SK("1"), "f32", 3, &x));
    CHECK_EDGE_ATTR(g, IK(1), SK("1"), "f32", &x);
    x = v_i16(-3);
    CHECK_OK(gr_graph_set_edge_attr(g, IK(1), SK("1"), "new", 3, &x));
    CHECK_EDGE_ATTR(g, IK(1), SK("1"), "new", &x);
    CHECK_EDGE_ATTR_NAMES(g, "null,bool,i8,i16,i32,i64,f32,f64,str,empty_str,utf8,bytes,"
                             "empty_bytes,zero_byte,new");

    /* Attribute names: empty, non-ASCII, and names differing only in case. */
    x = v_i8(1);
    CHECK_OK(gr_graph_set_node_attr(g, SK("1"), "", 0, &x));
    x = v_i8(2);
    CHECK_OK(gr_graph_set_node_attr(g, SK("1"), "gr\xc3\xb6\xc3\x9f" "e", 7, &x));
    x = v_i8(3);
    CHECK_OK(gr_graph_set_node_attr(g, SK("1"), "NULL", 4, &x));
    x = v_i8(1);
    CHECK_NODE_ATTR(g, SK("1"), "", &x);
    x = v_i8(2);
    CHECK_NODE_ATTR(g, SK("1"), "gr\xc3\xb6\xc3\x9f" "e", &x);
    x = v_i8(3);
    CHECK_NODE_ATTR(g, SK("1"), "NULL", &x);
    CHECK_NODE_ATTR(g, SK("1"), "null", &v1[0]);
    CHECK_NODE_ATTR_ABSENT(g, IK(1), "");
    CHECK_NODE_ATTR_NAMES(g, "null,bool,i8,i16,i32,i64,f32,f64,str,empty_str,utf8,bytes,"
                             "empty_bytes,zero_byte,,gr\xc3\xb6\xc3\x9f" "e,NULL");

    /* add_node on an existing node updates the given attributes and keeps the others. */
    x = v_i32(42);
    {
        gr_buf one = buf_of("i32");
        CHECK_OK(gr_graph_add_node(g, IK(1), &one, &x, 1));
    }
    CHECK_EQ(node_count(g), 2);
    CHECK_NODE_ATTR(g, IK(1), "i32", &x);
    CHECK_NODE_ATTR(g, IK(1), "f64", &v0[7]);
    CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
    CHECK_NODE_ATTR(g, IK(1), "i32", &x);

    /* A map outlives its graph. */
    {
        gr_attr_map *map = NULL;
        CHECK_OK(gr_graph_node_attrs(g, SK("1"), &map));
        gr_graph_free(g);
        g = NULL;
        {
            size_t len = 0;
            const gr_buf *map_names = NULL;
            const gr_attr_value *map_values = NULL;
            CHECK_OK(gr_attr_map_entries(map, &len, &map_names, &map_values));
            CHECK_EQ(len, N_KINDS + 3);
            CHECK_BYTES(map_names[10].ptr, map_names[10].len, "utf8", 4);
            CHECK_VALUE(&map_values[10], &v1[10]);
            x = v_bytes(BYTES_DATA, sizeof BYTES_DATA);
            CHECK_VALUE(&map_values[1], &x);
        }
        gr_attr_map_free(map);
    }
}

/* Special floating-point values come back bit for bit. */
static void test_float_bits(void)
{
    gr_graph *g = new_graph(false);
    static const char *const names[6] = {"nan", "inf", "-inf", "-0", "f32nan", "denormal"};
    gr_buf bufs[6];
    gr_attr_value values[6];
    int i;
    double nan64;
    float nan32;
    uint64_t nan_bits = 0x7ff8000000000123ull;
    uint32_t nan32_bits = 0x7fc00042u;
    memcpy(&nan64, &nan_bits, sizeof nan64);
    memcpy(&nan32, &nan32_bits, sizeof nan32);
    values[0] = v_f64(nan64);
    values[1] = v_f64(HUGE_VAL);
    values[2] = v_f32(-HUGE_VALF);
    values[3] = v_f64(-0.0);
    values[4] = v_f32(nan32);
    values[5] = v_f64(4.9406564584124654e-324);
    for (i = 0; i < 6; i++) {
        bufs[i] = buf_of(names[i]);
    }
    CHECK_OK(gr_graph_add_node(g, IK(0), bufs, values, 6));
    for (i = 0; i < 6; i++) {
        CHECK_NODE_ATTR(g, IK(0), names[i], &values[i]);
    }
    CHECK_NODE_MAP(g, IK(0), 6, names, values);
    gr_graph_free(g);
}

/* Removing one attribute of one node or edge: it becomes absent (not Null); removing one
 * the element lacks is ATTRIBUTE_NOT_FOUND and changes nothing. */
static void test_attr_removal(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_attr_value x = v_i64(7);
    gr_attr_value null_value = v_zero(GR_ATTR_NULL);
    gr_attr_value s = v_str("text");
    gr_keys *keys = NULL;
    gr_keys *targets = NULL;
    CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
    CHECK_OK(gr_graph_set_node_attr(g, IK(1), "x", 1, &x));
    CHECK_OK(gr_graph_set_node_attr(g, IK(1), "n", 1, &null_value));
    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("b"), NULL, NULL, 0));
    CHECK_OK(gr_graph_set_edge_attr(g, IK(1), SK("b"), "w", 1, &s));
    CHECK_OK(gr_graph_set_node_attr(g, SK("b"), "x", 1, &x));

    /* A Null attribute is one the node has: it can be removed. */
    CHECK_OK(gr_graph_remove_node_attr(g, IK(1), "n", 1));
    CHECK_NODE_ATTR_ABSENT(g, IK(1), "n");
    CHECK_NODE_ATTR_NAMES(g, "x");
    CHECK_OK(gr_graph_remove_node_attr(g, IK(1), "x", 1));
    CHECK_NODE_ATTR_ABSENT(g, IK(1), "x");
    CHECK_NODE_ATTR(g, SK("b"), "x", &x);
    CHECK_NODE_MAP(g, IK(1), 0, KIND_NAMES, NULL);
    CHECK_ERR(gr_graph_remove_node_attr(g, IK(1), "x", 1), GR_STATUS_ATTRIBUTE_NOT_FOUND,
              "remove_node_attr: no attribute 'x' on node 1");
    CHECK_ERR(gr_graph_remove_node_attr(g, SK("b"), "nope", 4), GR_STATUS_ATTRIBUTE_NOT_FOUND,
              "remove_node_attr: no attribute 'nope' on node 'b'");
    CHECK_ERR(gr_graph_remove_node_attr(g, IK(9), "x", 1), GR_STATUS_NODE_NOT_FOUND,
              "remove_node_attr: node 9 not found");
    CHECK_NODE_ATTR(g, SK("b"), "x", &x);

    /* Edges, from either end when undirected. */
    if (directed) {
        CHECK_ERR(gr_graph_remove_edge_attr(g, SK("b"), IK(1), "w", 1),
                  GR_STATUS_EDGE_NOT_FOUND, "remove_edge_attr: edge ('b', 1) not found");
        CHECK_OK(gr_graph_remove_edge_attr(g, IK(1), SK("b"), "w", 1));
    } else {
        CHECK_OK(gr_graph_remove_edge_attr(g, SK("b"), IK(1), "w", 1));
    }
    CHECK_EDGE_ATTR_ABSENT(g, IK(1), SK("b"), "w");
    CHECK_EDGE_ATTR_NAMES(g, "");
    CHECK_ERR(gr_graph_remove_edge_attr(g, IK(1), SK("b"), "w", 1),
              GR_STATUS_ATTRIBUTE_NOT_FOUND, "remove_edge_attr: no attribute 'w' on edge");

    /* Queries see the removal. */
    CHECK_OK(gr_graph_filter_nodes_query(g, "has(x)", 6, &keys));
    CHECK_KEYS(keys, "'b'");
    gr_keys_free(keys);
    CHECK_OK(gr_graph_filter_edges_query(g, "has(w)", 6, &keys, &targets));
    CHECK_KEYS(keys, "");
    gr_keys_free(keys);
    gr_keys_free(targets);

    /* Bad arguments. */
    CHECK_ERR(gr_graph_remove_node_attr(NULL, IK(1), "x", 1), GR_STATUS_INVALID_ARGUMENT,
              "remove_node_attr");
    CHECK_ERR(gr_graph_remove_node_attr(g, IK(1), NULL, 1), GR_STATUS_INVALID_ARGUMENT,
              "attribute name");
    CHECK_ERR(gr_graph_remove_node_attr(g, IK(1), "\xff", 1), GR_STATUS_INVALID_ARGUMENT,
              "attribute name");
    CHECK_ERR(gr_graph_remove_edge_attr(g, SKN(NULL, 3), SK("b"), "w", 1),
              GR_STATUS_INVALID_ARGUMENT, "source");
    CHECK_NODE_ATTR(g, SK("b"), "x", &x);
    gr_graph_free(g);
}

int main(void)
{
    int directed;
    test_float_bits();
    for (directed = 0; directed <= 1; directed++) {
        bool d = directed != 0;
        test_attribute_kinds(d);
        test_attr_removal(d);
    }
    return CHECK_SUMMARY();
}
