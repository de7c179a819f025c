/*
 * test_arrays_graph.c: the column calls of gr_graph: arrays stay valid and unchanged after
 * their graph changes and after gr_graph_free; node and edge arrays aligned with
 * gr_graph_nodes / gr_graph_edges after removals; presence arrays tell absent from Null;
 * missing columns; gr_graph_set_node_array / _set_edge_array (wrong lengths change
 * nothing).
 *
 * Valid C99 and C++17; see run.sh.
 */

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "graph_snapshot.h"
#include "array_checks.h"

static void test_graph_arrays(void)
{
    int directed;
    for (directed = 0; directed <= 1; directed++) {
        gr_graph *g = build_attr_graph(directed != 0);
        gr_array *x;
        gr_array *px;
        gr_array *w;
        gr_array *label;
        gr_array *out = SENTINEL_ARRAY;
        gr_attr_value ex[8];
        gr_attr_value ep[8];
        gr_attr_value ew[3];
        gr_attr_value el[8];
        const void *x_data;
        size_t i;
        gr_keys *keys = NULL;
        gr_keys *targets = NULL;

        /* Nodes: 0 1 3 4 6 7 "s" 2; edges: 0->1, 6->7, "s"->0. */
        CHECK_OK(gr_graph_nodes(g, &keys));
        CHECK_KEYS(keys, "0,1,3,4,6,7,'s',2");
        gr_keys_free(keys);
        CHECK_OK(gr_graph_edges(g, &keys, &targets));
        CHECK_KEYS(keys, "0,6,'s'");
        CHECK_KEYS(targets, "1,7,0");
        gr_keys_free(keys);
        gr_keys_free(targets);

        CHECK_NODES_ALIGNED(g, "x");
        CHECK_NODES_ALIGNED(g, "label");
        CHECK_EDGES_ALIGNED(g, "w");

        x = node_array(g, "x");
        ex[0] = v_i64(0);
        ex[1] = v_null();
        ex[2] = v_null(); /* 3: Null */
        ex[3] = v_i64(40);
        ex[4] = v_i64(60);
        ex[5] = v_null();
        ex[6] = v_null(); /* "s": Null */
        ex[7] = v_null(); /* 2: added back without attributes */
        CHECK_ARRAY(x, GR_ATTR_INT64, ex, 8);
        x_data = array_data(x);
        /* Presence tells absent (1, 7, 2) from Null (3, "s"). */
        CHECK_OK(gr_graph_node_attr_presence(g, "x", 1, &px));
        for (i = 0; i < 8; i++) {
            ep[i] = v_bool(i != 1 && i != 5 && i != 7);
        }
        CHECK_ARRAY(px, GR_ATTR_BOOL, ep, 8);
        w = edge_array(g, "w");
        ew[0] = v_f64(0.0);
        ew[1] = v_f64(3.0);
        ew[2] = v_null();
        CHECK_ARRAY(w, GR_ATTR_FLOAT64, ew, 3);
        label = node_array(g, "label");
        for (i = 0; i < 8; i++) {
            el[i] = i == 6 ? v_str(NIHON) : v_null();
        }
        CHECK_ARRAY(label, GR_ATTR_STRING, el, 8);
        {
            gr_array *pw = NULL;
            CHECK_OK(gr_graph_edge_attr_presence(g, "w", 1, &pw));
            ep[0] = v_bool(true);
            ep[1] = v_bool(true);
            ep[2] = v_bool(true);
            CHECK_ARRAY(pw, GR_ATTR_BOOL, ep, 3);
            gr_array_free(pw);
        }

        /* Missing columns: never set, only ever on removed items, empty name. */
        CHECK_ERR(gr_graph_node_array(g, "nope", 4, &out), GR_STATUS_ATTRIBUTE_NOT_FOUND,
                  "node_array: no attribute 'nope' on nodes");
        CHECK_STREQ(gr_last_error_message(), "node_array: no attribute 'nope' on nodes");
        CHECK_ERR(gr_graph_edge_array(g, "x", 1, &out), GR_STATUS_ATTRIBUTE_NOT_FOUND,
                  "edge_array: no attribute 'x' on edges");
        CHECK_ERR(gr_graph_node_attr_presence(g, "w", 1, &out), GR_STATUS_ATTRIBUTE_NOT_FOUND,
                  "node_attr_presence: no attribute 'w' on nodes");
        CHECK_ERR(gr_graph_edge_attr_presence(g, "nope", 4, &out), GR_STATUS_ATTRIBUTE_NOT_FOUND,
                  "edge_attr_presence: no attribute 'nope' on edges");
        CHECK_ERR(gr_graph_node_array(g, "", 0, &out), GR_STATUS_ATTRIBUTE_NOT_FOUND,
                  "node_array: no attribute '' on nodes");
        set_node(g, IK(99), "gone", v_i64(1));
        CHECK_OK(gr_graph_remove_node(g, IK(99)));
        CHECK_ERR(gr_graph_node_array(g, "gone", 4, &out), GR_STATUS_ATTRIBUTE_NOT_FOUND,
                  "node_array: no attribute 'gone' on nodes");
        /* Bad arguments. */
        CHECK_ERR(gr_graph_node_array(NULL, "x", 1, &out), IA, "node_array: graph is NULL");
        CHECK_ERR(gr_graph_edge_attr_presence(NULL, "w", 1, &out), IA,
                  "edge_attr_presence: graph is NULL");
        CHECK_ERR(gr_graph_node_array(g, "\xff", 1, &out), IA,
                  "node_array: attribute name is not valid UTF-8");
        CHECK_ERR(gr_graph_edge_array(g, NULL, 1, &out), IA,
                  "edge_array: attribute name is NULL but its length is 1");
        CHECK_ERR(gr_graph_node_array(g, "x", 1, NULL), IA, "node_array: output array is NULL");
        CHECK(out == SENTINEL_ARRAY);

        /* The arrays are snapshots: the graph changes, they do not. */
        set_node(g, IK(0), "x", v_str("changed"));
        CHECK_OK(gr_graph_remove_node(g, IK(4)));
        CHECK_OK(gr_graph_add_node(g, IK(100), NULL, NULL, 0));
        CHECK_OK(gr_graph_remove_edge(g, IK(0), IK(1)));
        {
            size_t n = 0;
            CHECK_OK(gr_graph_node_count(g, &n));
            CHECK_EQ(n, 8);
        }
        CHECK_NODES_ALIGNED(g, "x");
        CHECK_EDGES_ALIGNED(g, "w");
        CHECK_ARRAY(x, GR_ATTR_INT64, ex, 8);
        CHECK(array_data(x) == x_data);
        CHECK_OK(gr_graph_clear(g));
        CHECK_ARRAY(w, GR_ATTR_FLOAT64, ew, 3);
        /* ... and outlive it. */
        gr_graph_free(g);
        CHECK_ARRAY(x, GR_ATTR_INT64, ex, 8);
        CHECK_ARRAY(w, GR_ATTR_FLOAT64, ew, 3);
        CHECK_ARRAY(label, GR_ATTR_STRING, el, 8);
        for (i = 0; i < 8; i++) {
            ep[i] = v_bool(i != 1 && i != 5 && i != 7);
        }
        CHECK_ARRAY(px, GR_ATTR_BOOL, ep, 8);
        gr_array_free(x);
        gr_array_free(px);
        gr_array_free(w);
        gr_array_free(label);
    }

    /* A column set only to Null: present everywhere, every value null. */
    {
        gr_graph *g = new_graph(false);
        gr_array *a;
        gr_attr_value e[2];
        set_node(g, IK(1), "z", v_null());
        CHECK_OK(gr_graph_add_node(g, IK(2), NULL, NULL, 0));
        set_node(g, IK(2), "z", v_null());
        a = node_array(g, "z");
        e[0] = v_null();
        e[1] = v_null();
        CHECK_ARRAY(a, GR_ATTR_NULL, e, 2);
        gr_array_free(a);
        CHECK_NODES_ALIGNED(g, "z");
        gr_graph_free(g);
    }
    /* A column that took values of two kinds reads as a mixed array. */
    {
        gr_graph *g = new_graph(true);
        gr_array *a;
        gr_attr_value e[3];
        CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
        set_node(g, IK(1), "m", v_i32(5));
        set_node(g, SK("two"), "m", v_bytes("\0", 1));
        CHECK_OK(gr_graph_add_node(g, IK(3), NULL, NULL, 0));
        a = node_array(g, "m");
        e[0] = v_i32(5);
        e[1] = v_bytes("\0", 1);
        e[2] = v_null();
        CHECK_ARRAY(a, GR_ATTR_MIXED, e, 3);
        gr_array_free(a);
        gr_graph_free(g);
    }
}

/* ----- writing columns ------------------------------------------------------------------------ */

static void test_set_arrays(void)
{
    int directed;
    for (directed = 0; directed <= 1; directed++) {
        gr_graph *g = build_attr_graph(directed != 0);
        snapshot *before = (snapshot *)malloc(sizeof(snapshot));
        gr_array *a;
        gr_array *r;
        gr_attr_value e[8];
        size_t i;
        CHECK(before != NULL);

        /* A new column from an INT32 array with nulls: nulls are set to Null (present). */
        {
            static const int32_t ys[8] = {0, 1, 2, 3, 4, 5, 6, 7};
            static const uint8_t mask[8] = {1, 0, 1, 1, 1, 1, 0, 1};
            a = array_new(GR_ATTR_INT32, ys, mask, 8);
            CHECK_OK(gr_graph_set_node_array(g, "y", 1, a));
            CHECK_NODES_ALIGNED(g, "y");
            r = node_array(g, "y");
            for (i = 0; i < 8; i++) {
                e[i] = mask[i] ? v_i32((int32_t)i) : v_null();
            }
            CHECK_ARRAY(r, GR_ATTR_INT32, e, 8);
            gr_array_free(r);
            CHECK_OK(gr_graph_node_attr_presence(g, "y", 1, &r));
            for (i = 0; i < 8; i++) {
                e[i] = v_bool(true);
            }
            CHECK_ARRAY(r, GR_ATTR_BOOL, e, 8);
            gr_array_free(r);
            /* Node 1's Null is a real attribute. */
            {
                gr_attr_value v = sentinel_value();
                bool found = false;
                CHECK_OK(gr_graph_get_node_attr(g, IK(1), "y", 1, &v, &found));
                CHECK(found && v.tag == GR_ATTR_NULL);
            }
            gr_array_free(a);
        }
        /* Round trip: writing a column's own array back changes nothing... */
        take_snapshot(g, before);
        r = node_array(g, "y");
        CHECK_OK(gr_graph_set_node_array(g, "y", 1, r));
        gr_array_free(r);
        CHECK_UNCHANGED(g, before);
        /* ... except that absent entries become Null: x was absent on 1, 7 and 2. */
        r = node_array(g, "x");
        CHECK_OK(gr_graph_set_node_array(g, "x", 1, r));
        gr_array_free(r);
        CHECK_NODES_ALIGNED(g, "x");
        CHECK_OK(gr_graph_node_attr_presence(g, "x", 1, &r));
        for (i = 0; i < 8; i++) {
            e[i] = v_bool(true);
        }
        CHECK_ARRAY(r, GR_ATTR_BOOL, e, 8);
        gr_array_free(r);
        /* A reversed slice of the column, written back. */
        r = node_array(g, "y");
        a = slice_of(r, 7, 8, -1);
        CHECK_OK(gr_graph_set_node_array(g, "y", 1, a));
        gr_array_free(a);
        a = node_array(g, "y");
        {
            gr_array *twice = slice_of(a, 7, 8, -1);
            size_t k;
            for (k = 0; k < 8; k++) {
                gr_attr_value p = array_get(twice, k);
                gr_attr_value q = array_get(r, k);
                CHECK_VALUE(&p, &q);
            }
            gr_array_free(twice);
        }
        gr_array_free(a);
        gr_array_free(r);
        /* Over an existing column of another kind: values of two kinds, nothing lost. */
        {
            gr_buf bufs[8];
            static const uint8_t mask[8] = {1, 1, 1, 1, 0, 0, 0, 0};
            gr_attr_value got;
            for (i = 0; i < 8; i++) {
                bufs[i] = buf_of(i % 2 ? "odd" : E_ACUTE);
            }
            /* label: strings on "s" only; more strings. */
            a = array_new(GR_ATTR_STRING, bufs, mask, 8);
            CHECK_OK(gr_graph_set_node_array(g, "label", 5, a));
            CHECK_NODES_ALIGNED(g, "label");
            /* x: int64; strings on the first four nodes, Null on the rest. */
            CHECK_OK(gr_graph_set_node_array(g, "x", 1, a));
            gr_array_free(a);
            CHECK_NODES_ALIGNED(g, "x");
            r = node_array(g, "x");
            got = array_get(r, 3);
            e[0] = v_str("odd");
            CHECK_VALUE(&got, &e[0]);
            gr_attr_value_release(&got);
            gr_array_free(r);
        }
        /* Edges: a MIXED array, then a NULL-kind array. */
        {
            gr_attr_value in[3];
            in[0] = v_bool(true);
            in[1] = v_f32(-1.5f);
            in[2] = v_str("e");
            a = array_new(GR_ATTR_MIXED, in, NULL, 3);
            CHECK_OK(gr_graph_set_edge_array(g, "w", 1, a));
            gr_array_free(a);
            CHECK_EDGES_ALIGNED(g, "w");
            r = edge_array(g, "w");
            CHECK_ARRAY(r, GR_ATTR_MIXED, in, 3);
            gr_array_free(r);
            a = array_new(GR_ATTR_NULL, NULL, NULL, 3);
            CHECK_OK(gr_graph_set_edge_array(g, "v", 1, a));
            gr_array_free(a);
            CHECK_EDGES_ALIGNED(g, "v");
            CHECK_OK(gr_graph_edge_attr_presence(g, "v", 1, &r));
            e[0] = v_bool(true);
            e[1] = v_bool(true);
            e[2] = v_bool(true);
            CHECK_ARRAY(r, GR_ATTR_BOOL, e, 3);
            gr_array_free(r);
        }

        /* Wrong lengths, NULL arrays and bad names change nothing. */
        take_snapshot(g, before);
        {
            static const int64_t zs[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
            a = array_new(GR_ATTR_INT64, zs, NULL, 7);
            CHECK_ERR(gr_graph_set_node_array(g, "x", 1, a), IA,
                      "set_node_array: 7 values for 8 nodes");
            CHECK_STREQ(gr_last_error_message(), "set_node_array: 7 values for 8 nodes");
            CHECK_ERR(gr_graph_set_node_array(g, "new", 3, a), IA,
                      "set_node_array: 7 values for 8 nodes");
            CHECK_ERR(gr_graph_set_edge_array(g, "w", 1, a), IA,
                      "set_edge_array: 7 values for 3 edges");
            gr_array_free(a);
            a = array_new(GR_ATTR_INT64, zs, NULL, 9);
            CHECK_ERR(gr_graph_set_node_array(g, "x", 1, a), IA,
                      "set_node_array: 9 values for 8 nodes");
            gr_array_free(a);
            a = array_new(GR_ATTR_INT64, NULL, NULL, 0);
            CHECK_ERR(gr_graph_set_edge_array(g, "w", 1, a), IA,
                      "set_edge_array: 0 values for 3 edges");
            CHECK_ERR(gr_graph_set_node_array(NULL, "x", 1, a), IA,
                      "set_node_array: graph is NULL");
            gr_array_free(a);
            a = array_new(GR_ATTR_INT64, zs, NULL, 8);
            CHECK_ERR(gr_graph_set_node_array(g, "\xc3\x28", 2, a), IA,
                      "set_node_array: attribute name is not valid UTF-8");
            CHECK_ERR(gr_graph_set_node_array(g, NULL, 2, a), IA,
                      "set_node_array: attribute name is NULL but its length is 2");
            gr_array_free(a);
            CHECK_ERR(gr_graph_set_node_array(g, "x", 1, NULL), IA,
                      "set_node_array: array is NULL");
            CHECK_ERR(gr_graph_set_edge_array(g, "w", 1, NULL), IA,
                      "set_edge_array: array is NULL");
        }
        CHECK_UNCHANGED(g, before);
        free(before);
        gr_graph_free(g);
    }
    /* An empty graph takes empty arrays. */
    {
        gr_graph *g = new_graph(true);
        gr_array *a = array_new(GR_ATTR_FLOAT64, NULL, NULL, 0);
        gr_array *out = SENTINEL_ARRAY;
        size_t n = 1;
        CHECK_OK(gr_graph_set_node_array(g, "x", 1, a));
        CHECK_OK(gr_graph_set_edge_array(g, "x", 1, a));
        CHECK_OK(gr_graph_node_count(g, &n));
        CHECK_EQ(n, 0);
        CHECK_ERR(gr_graph_node_array(g, "x", 1, &out), GR_STATUS_ATTRIBUTE_NOT_FOUND,
                  "node_array: no attribute 'x' on nodes");
        gr_array_free(a);
        gr_graph_free(g);
    }
}

int main(void)
{
    test_graph_arrays();
    test_set_arrays();
    return CHECK_SUMMARY();
}
