/*
 * test_graph_batch.c: batch gr_graph_add_nodes / gr_graph_add_edges with int and string
 * keys and sparse attributes, directed and undirected, and a batch large enough to cross the
 * library's internal chunking.
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

/* gr_graph_add_nodes: int keys, mixed keys, sparse attributes applied in entry order. */
static void test_batch_nodes(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_attr_value x;

    /* Int keys only, no attributes. */
    {
        static const int64_t ints[3] = {10, 11, 12};
        CHECK_OK(gr_graph_add_nodes(g, NULL, ints, NULL, 0, NULL, 3, NULL, 0, NULL, NULL,
                                    NULL, 0));
    }
    CHECK_NODES(g, "10,11,12");
    CHECK_NODE_ATTR_NAMES(g, "");

    /* Mixed keys: 20, "alpha", "", 10 (exists), "βeta"; sparse attributes. */
    {
        static const uint8_t kinds[5] = {GR_KEY_INT, GR_KEY_STR, GR_KEY_STR, GR_KEY_INT,
                                         GR_KEY_STR};
        static const int64_t ints[5] = {20, 0, 0, 10, 0};
        static const char data[] = "alpha\xce\xb2" "eta";
        static const size_t offsets[6] = {0, 0, 5, 5, 5, 10};
        gr_buf names[4];
        gr_attr_value values[7];
        static const uint32_t items[7] = {0, 1, 3, 4, 1, 2, 2};
        static const uint32_t name_ids[7] = {0, 1, 0, 2, 1, 0, 3};
        names[0] = buf_of("w");
        names[1] = buf_of("label");
        names[2] = buf_of("flag");
        names[3] = buf_of("blob");
        values[0] = v_i64(1);
        values[1] = v_str("A");
        values[2] = v_i64(99);
        values[3] = v_bool(true);
        values[4] = v_str("B"); /* later entry for the same item and name wins */
        values[5] = v_f64(2.5); /* another kind in column "w": mixed */
        values[6] = v_bytes(BYTES_DATA, sizeof BYTES_DATA);
        CHECK_OK(gr_graph_add_nodes(g, kinds, ints, (const uint8_t *)data, 10, offsets, 5,
                                    names, 4, items, name_ids, values, 7));
    }
    CHECK_EQ(node_count(g), 7);
    CHECK_NODES(g, "10,11,12,20,'alpha','','\xce\xb2" "eta'");
    x = v_i64(1);
    CHECK_NODE_ATTR(g, IK(20), "w", &x);
    x = v_i64(99);
    CHECK_NODE_ATTR(g, IK(10), "w", &x);
    x = v_str("B");
    CHECK_NODE_ATTR(g, SK("alpha"), "label", &x);
    x = v_bool(true);
    CHECK_NODE_ATTR(g, SK("\xce\xb2" "eta"), "flag", &x);
    x = v_f64(2.5);
    CHECK_NODE_ATTR(g, SKN("", 0), "w", &x);
    x = v_bytes(BYTES_DATA, sizeof BYTES_DATA);
    CHECK_NODE_ATTR(g, SKN("", 0), "blob", &x);
    CHECK_NODE_ATTR_ABSENT(g, IK(11), "w");
    CHECK_NODE_ATTR_ABSENT(g, IK(20), "label");
    /* Columns are created as gr_graph_add_node would create them one node at a time:
     * item 2 ("") brings "blob" before item 4 brings "flag". */
    CHECK_NODE_ATTR_NAMES(g, "w,label,blob,flag");
    {
        static const char *const names[2] = {"w", "blob"};
        gr_attr_value values[2];
        values[0] = v_f64(2.5);
        values[1] = v_bytes(BYTES_DATA, sizeof BYTES_DATA);
        CHECK_NODE_MAP(g, SKN("", 0), 2, names, values);
    }

    /* A key twice in one batch: one node, entries applied in order. */
    {
        static const int64_t ints[3] = {30, 30, 31};
        gr_buf names[2];
        gr_attr_value values[3];
        static const uint32_t items[3] = {0, 1, 0};
        static const uint32_t name_ids[3] = {0, 0, 1};
        names[0] = buf_of("w");
        names[1] = buf_of("unused_by_31");
        values[0] = v_i64(1);
        values[1] = v_i64(2);
        values[2] = v_null();
        CHECK_OK(gr_graph_add_nodes(g, NULL, ints, NULL, 0, NULL, 3, names, 2, items, name_ids,
                                    values, 3));
    }
    CHECK_EQ(node_count(g), 9);
    CHECK_NODES(g, "10,11,12,20,'alpha','','\xce\xb2" "eta',30,31");
    x = v_i64(2);
    CHECK_NODE_ATTR(g, IK(30), "w", &x);
    x = v_null();
    CHECK_NODE_ATTR(g, IK(30), "unused_by_31", &x);
    CHECK_NODE_ATTR_ABSENT(g, IK(31), "unused_by_31");

    /* String keys only: ints may be NULL. A name no entry uses makes no column. */
    {
        static const uint8_t kinds[2] = {GR_KEY_STR, GR_KEY_STR};
        static const char data[] = "12";
        static const size_t offsets[3] = {0, 1, 2};
        gr_buf names[2];
        gr_attr_value values[1];
        static const uint32_t items[1] = {1};
        static const uint32_t name_ids[1] = {1};
        names[0] = buf_of("never_used");
        names[1] = buf_of("label");
        values[0] = v_str("two");
        CHECK_OK(gr_graph_add_nodes(g, kinds, NULL, (const uint8_t *)data, 2, offsets, 2,
                                    names, 2, items, name_ids, values, 1));
    }
    CHECK_NODES(g, "10,11,12,20,'alpha','','\xce\xb2" "eta',30,31,'1','2'");
    x = v_str("two");
    CHECK_NODE_ATTR(g, SK("2"), "label", &x);
    CHECK_NODE_ATTR_NAMES(g, "w,label,blob,flag,unused_by_31");

    /* An empty batch changes nothing. */
    CHECK_OK(gr_graph_add_nodes(g, NULL, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, NULL, NULL, 0));
    CHECK_EQ(node_count(g), 11);
    CHECK_EQ(edge_count(g), 0);
    gr_graph_free(g);
}

/* gr_graph_add_edges: int and string key arrays, sparse attributes, duplicates. */
static void test_batch_edges(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_attr_value x;

    /* Sources 1, 2, 3 (ints); targets "x", 1, "y" (mixed). */
    {
        static const int64_t src[3] = {1, 2, 3};
        static const uint8_t dst_kinds[3] = {GR_KEY_STR, GR_KEY_INT, GR_KEY_STR};
        static const int64_t dst_ints[3] = {0, 1, 0};
        static const char dst_data[] = "xy";
        static const size_t dst_offsets[4] = {0, 1, 1, 2};
        gr_buf names[2];
        gr_attr_value values[4];
        static const uint32_t items[4] = {0, 2, 0, 2};
        static const uint32_t name_ids[4] = {0, 1, 1, 0};
        names[0] = buf_of("weight");
        names[1] = buf_of("name");
        values[0] = v_f64(0.5);
        values[1] = v_str("third");
        values[2] = v_str("first");
        values[3] = v_f32(1.5f);
        CHECK_OK(gr_graph_add_edges(g, NULL, src, NULL, 0, NULL, dst_kinds, dst_ints,
                                    (const uint8_t *)dst_data, 2, dst_offsets, 3, names, 2,
                                    items, name_ids, values, 4));
    }
    CHECK_EQ(edge_count(g), 3);
    /* Endpoints are created source first, in edge order. */
    CHECK_NODES(g, "1,'x',2,3,'y'");
    CHECK_EDGES(g, "1,2,3", "'x',1,'y'");
    x = v_f64(0.5);
    CHECK_EDGE_ATTR(g, IK(1), SK("x"), "weight", &x);
    x = v_str("first");
    CHECK_EDGE_ATTR(g, IK(1), SK("x"), "name", &x);
    x = v_f32(1.5f);
    CHECK_EDGE_ATTR(g, IK(3), SK("y"), "weight", &x);
    x = v_str("third");
    CHECK_EDGE_ATTR(g, IK(3), SK("y"), "name", &x);
    CHECK_EDGE_ATTR_ABSENT(g, IK(2), IK(1), "weight");
    CHECK_EDGE_ATTR_NAMES(g, "weight,name");
    CHECK_NODE_ATTR_NAMES(g, "");

    /* The same pair twice in a batch, plus an update of an existing edge: one edge each,
     * entries applied in order, existing edges keep their place. */
    {
        static const uint8_t src_kinds[3] = {GR_KEY_STR, GR_KEY_STR, GR_KEY_INT};
        static const char src_data[] = "pp";
        static const size_t src_offsets[4] = {0, 1, 2, 2};
        static const int64_t src_ints[3] = {0, 0, 1};
        static const uint8_t dst_kinds[3] = {GR_KEY_STR, GR_KEY_STR, GR_KEY_STR};
        static const char dst_data[] = "qqx";
        static const size_t dst_offsets[4] = {0, 1, 2, 3};
        gr_buf names[1];
        gr_attr_value values[3];
        static const uint32_t items[3] = {0, 1, 2};
        static const uint32_t name_ids[3] = {0, 0, 0};
        names[0] = buf_of("weight");
        values[0] = v_i64(1);
        values[1] = v_i64(2);
        values[2] = v_i64(3);
        CHECK_OK(gr_graph_add_edges(g, src_kinds, src_ints, (const uint8_t *)src_data, 2,
                                    src_offsets, dst_kinds, NULL, (const uint8_t *)dst_data, 3,
                                    dst_offsets, 3, names, 1, items, name_ids, values, 3));
    }
    CHECK_EQ(edge_count(g), 4);
    CHECK_EDGES(g, "1,2,3,'p'", "'x',1,'y','q'");
    x = v_i64(2);
    CHECK_EDGE_ATTR(g, SK("p"), SK("q"), "weight", &x);
    x = v_i64(3);
    CHECK_EDGE_ATTR(g, IK(1), SK("x"), "weight", &x);
    x = v_str("first");
    CHECK_EDGE_ATTR(g, IK(1), SK("x"), "name", &x);

    /* Reversed pairs: two edges when directed, one when not. Self-loops too. */
    {
        static const int64_t src[3] = {7, 8, 9};
        static const int64_t dst[3] = {8, 7, 9};
        CHECK_OK(gr_graph_add_edges(g, NULL, src, NULL, 0, NULL, NULL, dst, NULL, 0, NULL, 3,
                                    NULL, 0, NULL, NULL, NULL, 0));
    }
    if (directed) {
        CHECK_EQ(edge_count(g), 7);
        CHECK_EDGES(g, "1,2,3,'p',7,8,9", "'x',1,'y','q',8,7,9");
        CHECK_DEGREES(g, IK(7), 2, 1, 1);
        CHECK_DEGREES(g, IK(9), 2, 1, 1);
    } else {
        CHECK_EQ(edge_count(g), 6);
        CHECK_EDGES(g, "1,2,3,'p',7,9", "'x',1,'y','q',8,9");
        CHECK_DEGREES(g, IK(7), 1, 1, 1);
        CHECK_DEGREES(g, IK(9), 2, 2, 2);
    }
    CHECK_NODES(g, "1,'x',2,3,'y','p','q',7,8,9");

    /* An empty batch changes nothing. */
    CHECK_OK(gr_graph_add_edges(g, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL,
                                0, NULL, NULL, NULL, 0));
    CHECK_EQ(node_count(g), 10);
    gr_graph_free(g);
}

/* Many nodes and edges through the batch calls, read back through the single calls. */
static void test_batch_scale(void)
{
    enum { N = 2000 };
    gr_graph *g = new_graph(false);
    int64_t *ints = (int64_t *)malloc(N * sizeof(int64_t));
    int64_t *dst = (int64_t *)malloc(N * sizeof(int64_t));
    uint32_t *items = (uint32_t *)malloc(N * sizeof(uint32_t));
    uint32_t *name_ids = (uint32_t *)malloc(N * sizeof(uint32_t));
    gr_attr_value *values = (gr_attr_value *)malloc(N * sizeof(gr_attr_value));
    gr_buf name = buf_of("i");
    gr_keys *keys = NULL;
    gr_array *degrees = NULL;
    size_t len = 0;
    gr_attr_tag kind = 0;
    const void *data = NULL;
    const int64_t *d;
    int i;
    CHECK(ints != NULL && dst != NULL && items != NULL && name_ids != NULL && values != NULL);
    for (i = 0; i < N; i++) {
        ints[i] = (int64_t)i * 3;
        dst[i] = (int64_t)((i + 1) % N) * 3;
        items[i] = (uint32_t)i;
        name_ids[i] = 0;
        values[i] = v_i32(i);
    }
    CHECK_OK(gr_graph_add_nodes(g, NULL, ints, NULL, 0, NULL, N, &name, 1, items, name_ids,
                                values, N));
    CHECK_OK(gr_graph_add_edges(g, NULL, ints, NULL, 0, NULL, NULL, dst, NULL, 0, NULL, N, &name,
                                1, items, name_ids, values, N));
    CHECK_EQ(node_count(g), N);
    CHECK_EQ(edge_count(g), N);
    CHECK_OK(gr_graph_degrees(g, &keys, &degrees));
    CHECK_OK(gr_array_info(degrees, &len, &kind, &data));
    CHECK_EQ(len, N);
    d = (const int64_t *)data;
    for (i = 0; i < N; i++) {
        if (d[i] != 2) {
            CHECK_EQ(d[i], 2);
        }
    }
    check_pass();
    for (i = 0; i < N; i += 97) {
        gr_attr_value want = v_i32(i);
        CHECK_NODE_ATTR(g, IK(ints[i]), "i", &want);
        CHECK_EDGE_ATTR(g, IK(dst[i]), IK(ints[i]), "i", &want);
    }
    gr_array_free(degrees);
    gr_keys_free(keys);
    gr_graph_free(g);
    free(ints);
    free(dst);
    free(items);
    free(name_ids);
    free(values);
}

int main(void)
{
    int directed;
    for (directed = 0; directed <= 1; directed++) {
        bool d = directed != 0;
        test_batch_nodes(d);
        test_batch_edges(d);
    }
    test_batch_scale();
    return CHECK_SUMMARY();
}
