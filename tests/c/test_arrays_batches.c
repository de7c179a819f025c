/*
 * test_arrays_batches.c: batches of columns: gr_graph_add_edges_int with and without
 * columns, duplicates within a batch (later values win, a null between values included),
 * undirected reversed pairs and edges already in the graph (each batch compared with the same
 * edges added one at a time); gr_graph_add_edges_columns with string and mixed keys;
 * gr_graph_add_nodes_columns.
 *
 * Checks that once caught library bugs (EXPECT, in check.h) run last and do not stop the
 * program: each failure is reported, and the program then exits non-zero.
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

/* ----- batches ---------------------------------------------------------------------------------- */

/* Adds the edges one at a time with gr_graph_add_edge: `n_columns` columns given as
 * `values[j * n + i]` (GR_ATTR_NULL sets Null). */
static void add_edges_one_by_one(gr_graph *g, const int64_t *src, const int64_t *dst, size_t n,
                                 const char *const *names, const gr_attr_value *values,
                                 size_t n_columns)
{
    size_t i;
    size_t j;
    for (i = 0; i < n; i++) {
        gr_buf bufs[4];
        gr_attr_value vals[4];
        for (j = 0; j < n_columns; j++) {
            bufs[j] = buf_of(names[j]);
            vals[j] = values[j * n + i];
        }
        CHECK_OK(gr_graph_add_edge(g, IK(src[i]), IK(dst[i]), bufs, vals, n_columns));
    }
}

/* The edge (u, v) has the attribute `name` equal to `want` (a NULL-tagged value: Null). */
static void check_edge_attr_at(const char *file, int line, const gr_graph *g, int64_t u,
                               int64_t v, const char *name, const gr_attr_value *want)
{
    gr_attr_value got = sentinel_value();
    bool found = false;
    gr_status s = gr_graph_get_edge_attr(g, IK(u), IK(v), name, strlen(name), &got, &found);
    if (s != GR_STATUS_OK || !found) {
        check_fail(file, line, "edge (%lld, %lld) '%s': status %d, found %d", (long long)u,
                   (long long)v, name, (int)s, (int)found);
    }
    check_value_at(file, line, name, &got, want);
    gr_attr_value_release(&got);
}
#define CHECK_EDGE_ATTR(g, u, v, name, want) \
    check_edge_attr_at(__FILE__, __LINE__, (g), (u), (v), (name), (want))

static void test_add_edges_int(void)
{
    int directed;
    for (directed = 0; directed <= 1; directed++) {
        gr_graph *g = new_graph(directed != 0);
        gr_graph *ref = new_graph(directed != 0);
        gr_keys *src_keys = NULL;
        gr_keys *dst_keys = NULL;
        size_t n = 0;
        {
            gr_buf names[2];
            gr_attr_value vals[2];
            names[0] = buf_of("w");
            names[1] = buf_of("label");
            vals[0] = v_f64(1.0);
            vals[1] = v_str("old");
            CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), names, vals, 2));
            CHECK_OK(gr_graph_add_edge(ref, IK(1), IK(2), names, vals, 2));
        }

        /* No columns: duplicates, a reversed pair, an edge already in the graph. */
        {
            static const int64_t src[5] = {3, 1, 4, 3, 2};
            static const int64_t dst[5] = {4, 2, 3, 4, 1};
            CHECK_OK(gr_graph_add_edges_int(g, src, dst, 5, NULL, NULL, 0));
            add_edges_one_by_one(ref, src, dst, 5, NULL, NULL, 0);
            CHECK_SAME_GRAPH(g, ref);
            CHECK_OK(gr_graph_edges(g, &src_keys, &dst_keys));
            if (directed) {
                CHECK_KEYS(src_keys, "1,3,4,2");
                CHECK_KEYS(dst_keys, "2,4,3,1");
            } else {
                /* 4 - 3 is 3 - 4 and 2 - 1 is 1 - 2: endpoints as first added. */
                CHECK_KEYS(src_keys, "1,3");
                CHECK_KEYS(dst_keys, "2,4");
            }
            gr_keys_free(src_keys);
            gr_keys_free(dst_keys);
            {
                gr_keys *nodes = NULL;
                CHECK_OK(gr_graph_nodes(g, &nodes));
                CHECK_KEYS(nodes, "1,2,3,4");
                gr_keys_free(nodes);
            }
            /* The existing edge keeps its attributes. */
            {
                gr_attr_value want = v_f64(1.0);
                CHECK_EDGE_ATTR(g, 1, 2, "w", &want);
                want = v_str("old");
                CHECK_EDGE_ATTR(g, 1, 2, "label", &want);
            }
        }

        /* Columns: later duplicates win; an undirected reversed pair is the same edge; an
         * existing edge is updated; Null is set; a self-loop. */
        {
            static const int64_t src[6] = {5, 6, 5, 2, 6, 1};
            static const int64_t dst[6] = {6, 7, 6, 1, 5, 1};
            static const double ws[6] = {0.5, 1.5, 2.5, 9.0, 4.0, -0.0};
            static const uint8_t wmask[6] = {1, 1, 1, 1, 0, 1};
            const char *tags[6] = {"a", "b", "c", "d", "e", ""};
            const char *col_names[2] = {"w", "tag"};
            gr_buf bufs[6];
            gr_buf names[2];
            const gr_array *cols[2];
            gr_array *wcol = array_new(GR_ATTR_FLOAT64, ws, wmask, 6);
            gr_array *tcol;
            gr_attr_value values[12];
            gr_attr_value want;
            size_t i;
            for (i = 0; i < 6; i++) {
                bufs[i] = buf_of(tags[i]);
                values[i] = wmask[i] ? v_f64(ws[i]) : v_null();
                values[6 + i] = v_str(tags[i]);
            }
            tcol = array_new(GR_ATTR_STRING, bufs, NULL, 6);
            names[0] = buf_of("w");
            names[1] = buf_of("tag");
            cols[0] = wcol;
            cols[1] = tcol;
            CHECK_OK(gr_graph_add_edges_int(g, src, dst, 6, names, cols, 2));
            add_edges_one_by_one(ref, src, dst, 6, col_names, values, 2);
            CHECK_SAME_GRAPH(g, ref);
            /* The columns stay the caller's: still readable after the batch. */
            CHECK_EQ(array_len(wcol), 6);
            gr_array_free(wcol);
            gr_array_free(tcol);

            want = v_f64(2.5);
            if (directed) {
                CHECK_EDGE_ATTR(g, 5, 6, "w", &want);
                want = v_null();
                CHECK_EDGE_ATTR(g, 6, 5, "w", &want);
                want = v_str("c");
                CHECK_EDGE_ATTR(g, 5, 6, "tag", &want);
                CHECK_OK(gr_graph_edge_count(g, &n));
                CHECK_EQ(n, 8);
            } else {
                want = v_null();
                CHECK_EDGE_ATTR(g, 5, 6, "w", &want);
                want = v_str("e");
                CHECK_EDGE_ATTR(g, 6, 5, "tag", &want);
                /* The old edge 1 - 2 updated, its other attribute kept. */
                want = v_f64(9.0);
                CHECK_EDGE_ATTR(g, 1, 2, "w", &want);
                want = v_str("old");
                CHECK_EDGE_ATTR(g, 1, 2, "label", &want);
                CHECK_OK(gr_graph_edge_count(g, &n));
                CHECK_EQ(n, 5);
            }
            want = v_f64(-0.0);
            CHECK_EDGE_ATTR(g, 1, 1, "w", &want);
            want = v_str("");
            CHECK_EDGE_ATTR(g, 1, 1, "tag", &want);
            CHECK_EDGES_ALIGNED(g, "w");
            CHECK_EDGES_ALIGNED(g, "tag");
            CHECK_EDGES_ALIGNED(g, "label");
        }

        /* Keys far apart, negative, extreme. */
        {
            static const int64_t src[4] = {-5, INT64_MAX, 1000000, 0};
            static const int64_t dst[4] = {INT64_MIN, 0, -5, 1000000};
            CHECK_OK(gr_graph_add_edges_int(g, src, dst, 4, NULL, NULL, 0));
            add_edges_one_by_one(ref, src, dst, 4, NULL, NULL, 0);
            CHECK_SAME_GRAPH(g, ref);
        }
        /* Nothing at all: NULL arrays are fine for n = 0. */
        CHECK_OK(gr_graph_add_edges_int(g, NULL, NULL, 0, NULL, NULL, 0));
        CHECK_SAME_GRAPH(g, ref);

        /*
         * Bigger batches over many existing edges, twice: `w` (FLOAT64 so far) takes INT32
         * values and turns mixed; `k` is a new INT32 column, then updated in place. Most
         * edges come up several times, with values and nulls in every order.
         */
        {
            int64_t src[200];
            int64_t dst[200];
            int32_t ws[200];
            uint8_t mask[200];
            gr_attr_value values[400];
            const char *col_names[2] = {"w", "k"};
            gr_buf names[2];
            const gr_array *cols[2];
            gr_array *col;
            size_t i;
            int round;
            names[0] = buf_of("w");
            names[1] = buf_of("k");
            for (round = 0; round < 2; round++) {
                for (i = 0; i < 200; i++) {
                    mask[i] = (uint8_t)(i % 9 != 4);
                    src[i] = (int64_t)((i * 7) % 13);
                    dst[i] = (int64_t)((i * 5) % 11);
                    ws[i] = (int32_t)i - 100 + 1000 * round;
                    values[i] = mask[i] ? v_i32(ws[i]) : v_null();
                    values[200 + i] = values[i];
                }
                col = array_new(GR_ATTR_INT32, ws, mask, 200);
                cols[0] = col;
                cols[1] = col;
                CHECK_OK(gr_graph_add_edges_int(g, src, dst, 200, names, cols, 2));
                add_edges_one_by_one(ref, src, dst, 200, col_names, values, 2);
                CHECK_SAME_GRAPH(g, ref);
                CHECK_EDGES_ALIGNED(g, "w");
                CHECK_EDGES_ALIGNED(g, "k");
                gr_array_free(col);
            }
        }
        gr_graph_free(g);
        gr_graph_free(ref);
    }
}

/* Key `i` of a batch, as the three arguments of the single-key calls. */
#define BK(b, i)                                                                 \
    ((b)->kinds[i] == GR_KEY_INT ? (b)->ints[i] : 0),                            \
        ((b)->kinds[i] == GR_KEY_INT ? (const char *)NULL : (b)->data + (b)->offsets[i]), \
        ((b)->kinds[i] == GR_KEY_INT ? (size_t)0 : (b)->offsets[(i) + 1] - (b)->offsets[i])

static void test_add_edges_columns(void)
{
    int directed;
    for (directed = 0; directed <= 1; directed++) {
        gr_graph *g = new_graph(directed != 0);
        gr_graph *ref = new_graph(directed != 0);
        static const char *const srcs[6] = {"s:a", "1", "s:" NIHON, "s:", "s:b", "s:1"};
        static const char *const dsts[6] = {"s:b", "s:1", "1", "s:a", "s:a", "1"};
        key_batch *sb = (key_batch *)malloc(sizeof(key_batch));
        key_batch *db = (key_batch *)malloc(sizeof(key_batch));
        static const int64_t ws[6] = {1, 2, 3, 4, 5, 6};
        gr_attr_value mixed[6];
        gr_buf names[2];
        const gr_array *cols[2];
        gr_array *wcol = array_new(GR_ATTR_INT64, ws, NULL, 6);
        gr_array *mcol;
        gr_keys *s_keys = NULL;
        gr_keys *t_keys = NULL;
        size_t i;
        CHECK(sb != NULL && db != NULL);
        key_batch_init(sb, srcs, 6);
        key_batch_init(db, dsts, 6);
        mixed[0] = v_i64(1);
        mixed[1] = v_str("x");
        mixed[2] = v_null();
        mixed[3] = v_bool(true);
        mixed[4] = v_f64(2.5);
        mixed[5] = v_bytes("\0\1", 2);
        mcol = array_new(GR_ATTR_MIXED, mixed, NULL, 6);
        names[0] = buf_of("w");
        names[1] = buf_of("m");
        cols[0] = wcol;
        cols[1] = mcol;
        /* An existing edge between string keys, with an attribute the batch overwrites. */
        {
            gr_attr_value old = v_str("old");
            CHECK_OK(gr_graph_add_edge(g, SK("b"), SK("a"), &names[1], &old, 1));
            CHECK_OK(gr_graph_add_edge(ref, SK("b"), SK("a"), &names[1], &old, 1));
        }
        CHECK_OK(gr_graph_add_edges_columns(g, KB_ARGS(sb), KB_ARGS(db), 6, names, cols, 2));
        for (i = 0; i < 6; i++) {
            gr_attr_value vals[2];
            vals[0] = v_i64(ws[i]);
            vals[1] = mixed[i];
            CHECK_OK(gr_graph_add_edge(ref, BK(sb, i), BK(db, i), names, vals, 2));
        }
        CHECK_SAME_GRAPH(g, ref);
        CHECK_OK(gr_graph_edges(g, &s_keys, &t_keys));
        if (directed) {
            CHECK_KEYS(s_keys, "'b','a',1,'" NIHON "','','1'");
            CHECK_KEYS(t_keys, "'a','b','1',1,'a',1");
        } else {
            /* a - b is the existing b - a; "1" - 1 is 1 - "1". */
            CHECK_KEYS(s_keys, "'b',1,'" NIHON "',''");
            CHECK_KEYS(t_keys, "'a','1',1,'a'");
        }
        gr_keys_free(s_keys);
        gr_keys_free(t_keys);
        {
            gr_attr_value got = sentinel_value();
            gr_attr_value want;
            bool found = false;
            CHECK_OK(gr_graph_get_edge_attr(g, SK("b"), SK("a"), "m", 1, &got, &found));
            /* b -> a is item 4 of the batch (and a - b item 0 when undirected). */
            want = v_f64(2.5);
            CHECK(found);
            CHECK_VALUE(&got, &want);
            gr_attr_value_release(&got);
            found = false;
            CHECK_OK(gr_graph_get_edge_attr(g, IK(1), SK("1"), "w", 1, &got, &found));
            want = v_i64(directed ? 2 : 6);
            CHECK(found);
            CHECK_VALUE(&got, &want);
            found = false;
            CHECK_OK(gr_graph_get_edge_attr(g, SK("a"), SK("b"), "m", 1, &got, &found));
            want = directed ? v_i64(1) : v_f64(2.5);
            CHECK(found);
            CHECK_VALUE(&got, &want);
            /* The Null of item 2 is present. */
            found = false;
            CHECK_OK(gr_graph_get_edge_attr(g, SK(NIHON), IK(1), "m", 1, &got, &found));
            want = v_null();
            CHECK(found);
            CHECK_VALUE(&got, &want);
        }
        CHECK_EDGES_ALIGNED(g, "w");
        CHECK_EDGES_ALIGNED(g, "m");
        {
            gr_array *m = edge_array(g, "m");
            CHECK_EQ(array_kind(m), GR_ATTR_MIXED);
            gr_array_free(m);
        }
        /* All-int key arrays: kinds may be NULL. */
        {
            static const int64_t a[3] = {7, 8, 7};
            static const int64_t b[3] = {8, 7, 8};
            CHECK_OK(gr_graph_add_edges_columns(g, NULL, a, NULL, 0, NULL, NULL, b, NULL, 0, NULL,
                                                3, NULL, NULL, 0));
            add_edges_one_by_one(ref, a, b, 3, NULL, NULL, 0);
            CHECK_SAME_GRAPH(g, ref);
        }
        /* All-string key arrays: ints may be NULL. */
        {
            static const char *const a[2] = {"s:p", "s:q"};
            key_batch_init(sb, a, 2);
            CHECK_OK(gr_graph_add_edges_columns(g, sb->kinds, NULL, (const uint8_t *)sb->data,
                                                sb->data_len, sb->offsets, sb->kinds, NULL,
                                                (const uint8_t *)sb->data, sb->data_len,
                                                sb->offsets, 2, NULL, NULL, 0));
            CHECK_OK(gr_graph_add_edge(ref, SK("p"), SK("p"), NULL, NULL, 0));
            CHECK_OK(gr_graph_add_edge(ref, SK("q"), SK("q"), NULL, NULL, 0));
            CHECK_SAME_GRAPH(g, ref);
        }
        gr_array_free(wcol);
        gr_array_free(mcol);
        free(sb);
        free(db);
        gr_graph_free(g);
        gr_graph_free(ref);
    }
}

static void test_add_nodes_columns(void)
{
    gr_graph *g = new_graph(false);
    gr_graph *ref = new_graph(false);
    static const char *const keys[5] = {"10", "s:x", "10", "s:y", "11"};
    key_batch *kb = (key_batch *)malloc(sizeof(key_batch));
    static const int64_t xs[5] = {1, 2, 3, 4, 5};
    static const uint8_t xmask[5] = {1, 1, 1, 0, 1};
    static const char *const labels[5] = {"p", "q", "r", NIHON, ""};
    gr_buf bufs[5];
    gr_buf names[2];
    const gr_array *cols[2];
    gr_array *xcol = array_new(GR_ATTR_INT64, xs, xmask, 5);
    gr_array *ncol;
    size_t i;
    CHECK(kb != NULL);
    key_batch_init(kb, keys, 5);
    for (i = 0; i < 5; i++) {
        bufs[i] = buf_of(labels[i]);
    }
    ncol = array_new(GR_ATTR_STRING, bufs, NULL, 5);
    names[0] = buf_of("x");
    names[1] = buf_of("name");
    cols[0] = xcol;
    cols[1] = ncol;
    /* Existing nodes: "y" (with x = 100) and 10 (with name "old"). */
    {
        gr_attr_value v = v_i64(100);
        CHECK_OK(gr_graph_add_node(g, SK("y"), &names[0], &v, 1));
        CHECK_OK(gr_graph_add_node(ref, SK("y"), &names[0], &v, 1));
        v = v_str("old");
        CHECK_OK(gr_graph_add_node(g, IK(10), &names[1], &v, 1));
        CHECK_OK(gr_graph_add_node(ref, IK(10), &names[1], &v, 1));
    }
    CHECK_OK(gr_graph_add_nodes_columns(g, KB_ARGS(kb), 5, names, cols, 2));
    for (i = 0; i < 5; i++) {
        gr_attr_value vals[2];
        vals[0] = xmask[i] ? v_i64(xs[i]) : v_null();
        vals[1] = v_str(labels[i]);
        CHECK_OK(gr_graph_add_node(ref, BK(kb, i), names, vals, 2));
    }
    CHECK_SAME_GRAPH(g, ref);
    {
        gr_keys *nodes = NULL;
        gr_array *x;
        gr_attr_value e[4];
        CHECK_OK(gr_graph_nodes(g, &nodes));
        CHECK_KEYS(nodes, "'y',10,'x',11");
        gr_keys_free(nodes);
        x = node_array(g, "x");
        e[0] = v_null(); /* "y": set to Null by the batch */
        e[1] = v_i64(3); /* 10: the later duplicate wins */
        e[2] = v_i64(2);
        e[3] = v_i64(5);
        CHECK_ARRAY(x, GR_ATTR_INT64, e, 4);
        gr_array_free(x);
        CHECK_NODES_ALIGNED(g, "x");
        CHECK_NODES_ALIGNED(g, "name");
    }
    /* No columns; NULL arrays for n = 0. */
    {
        static const int64_t ints[3] = {12, 10, 13};
        CHECK_OK(gr_graph_add_nodes_columns(g, NULL, ints, NULL, 0, NULL, 3, NULL, NULL, 0));
        for (i = 0; i < 3; i++) {
            CHECK_OK(gr_graph_add_node(ref, IK(ints[i]), NULL, NULL, 0));
        }
        CHECK_OK(gr_graph_add_nodes_columns(g, NULL, NULL, NULL, 0, NULL, 0, NULL, NULL, 0));
        CHECK_SAME_GRAPH(g, ref);
    }
    /* A column of another kind turns x mixed, nothing lost. */
    {
        static const char *const more[2] = {"11", "s:z"};
        gr_buf sv[2];
        gr_array *s;
        key_batch_init(kb, more, 2);
        sv[0] = buf_of("eleven");
        sv[1] = buf_of("zed");
        s = array_new(GR_ATTR_STRING, sv, NULL, 2);
        cols[0] = s;
        CHECK_OK(gr_graph_add_nodes_columns(g, KB_ARGS(kb), 2, names, cols, 1));
        {
            gr_attr_value v = v_str("eleven");
            CHECK_OK(gr_graph_add_node(ref, IK(11), names, &v, 1));
            v = v_str("zed");
            CHECK_OK(gr_graph_add_node(ref, SK("z"), names, &v, 1));
        }
        CHECK_SAME_GRAPH(g, ref);
        CHECK_NODES_ALIGNED(g, "x");
        gr_array_free(s);
    }
    gr_array_free(xcol);
    gr_array_free(ncol);
    free(kb);
    gr_graph_free(g);
    gr_graph_free(ref);
}

/*
 * A batch that sets an item's attribute more than once (duplicate edges or nodes), with a
 * null between values, ends with the last value, as one call per item would (this once
 * stored the default value 0 instead).
 */
static void test_duplicates_null_then_value(void)
{
    int directed;
    for (directed = 0; directed <= 1; directed++) {
        gr_graph *g = new_graph(directed != 0);
        static const int64_t src[3] = {8, 8, 8};
        static const int64_t dst[3] = {9, 9, 9};
        static const int64_t ws[3] = {5, 0, 7};
        static const uint8_t mask[3] = {1, 0, 1};
        gr_buf name = buf_of("w");
        const gr_array *cols[1];
        gr_array *w = array_new(GR_ATTR_INT64, ws, mask, 3);
        gr_attr_value got = sentinel_value();
        bool found = false;
        cols[0] = w;
        /* A new edge given three times: 5, null, 7. */
        CHECK_OK(gr_graph_add_edges_int(g, src, dst, 3, &name, cols, 1));
        CHECK_OK(gr_graph_get_edge_attr(g, IK(8), IK(9), "w", 1, &got, &found));
        CHECK(found && got.tag == GR_ATTR_INT64 && got.data.i64 == 7);
        /* An existing edge given twice: null, 7 (slices of the same column). */
        {
            gr_array *tail = slice_of(w, 1, 2, 1);
            cols[0] = tail;
            CHECK_OK(gr_graph_add_edges_int(g, src, dst, 2, &name, cols, 1));
            got = sentinel_value();
            CHECK_OK(gr_graph_get_edge_attr(g, IK(8), IK(9), "w", 1, &got, &found));
            CHECK(found && got.tag == GR_ATTR_INT64 && got.data.i64 == 7);
            /* The same through gr_graph_add_edges_columns. */
            CHECK_OK(gr_graph_add_edges_columns(g, NULL, src, NULL, 0, NULL, NULL, dst, NULL, 0,
                                                NULL, 2, &name, cols, 1));
            got = sentinel_value();
            CHECK_OK(gr_graph_get_edge_attr(g, IK(8), IK(9), "w", 1, &got, &found));
            CHECK(found && got.tag == GR_ATTR_INT64 && got.data.i64 == 7);
            /* ... and through gr_graph_add_nodes_columns, on a node that has the attribute. */
            set_node(g, IK(8), "w", v_i64(1));
            CHECK_OK(gr_graph_add_nodes_columns(g, NULL, src, NULL, 0, NULL, 2, &name, cols, 1));
            got = sentinel_value();
            CHECK_OK(gr_graph_get_node_attr(g, IK(8), "w", 1, &got, &found));
            CHECK(found && got.tag == GR_ATTR_INT64 && got.data.i64 == 7);
            gr_array_free(tail);
        }
        /* 5, 7, null ends Null (present), on the edge and on the node. */
        {
            gr_array *head = slice_of(w, 2, 3, -1); /* 7, null, 5 */
            gr_array *last = slice_of(w, 0, 3, 1);  /* 5, null, 7 */
            static const int64_t xs[3] = {5, 7, 0};
            static const uint8_t m[3] = {1, 1, 0};
            gr_array *ends_null = array_new(GR_ATTR_INT64, xs, m, 3);
            cols[0] = ends_null;
            CHECK_OK(gr_graph_add_edges_int(g, src, dst, 3, &name, cols, 1));
            CHECK_OK(gr_graph_add_nodes_columns(g, NULL, src, NULL, 0, NULL, 3, &name, cols, 1));
            got = sentinel_value();
            found = false;
            CHECK_OK(gr_graph_get_edge_attr(g, IK(8), IK(9), "w", 1, &got, &found));
            CHECK(found && got.tag == GR_ATTR_NULL);
            got = sentinel_value();
            found = false;
            CHECK_OK(gr_graph_get_node_attr(g, IK(8), "w", 1, &got, &found));
            CHECK(found && got.tag == GR_ATTR_NULL);
            /* 7, null, 5 and then 5, null, 7 from Null. */
            cols[0] = head;
            CHECK_OK(gr_graph_add_edges_int(g, src, dst, 3, &name, cols, 1));
            got = sentinel_value();
            CHECK_OK(gr_graph_get_edge_attr(g, IK(8), IK(9), "w", 1, &got, &found));
            CHECK(found && got.tag == GR_ATTR_INT64 && got.data.i64 == 5);
            cols[0] = last;
            CHECK_OK(gr_graph_add_edges_int(g, src, dst, 3, &name, cols, 1));
            got = sentinel_value();
            CHECK_OK(gr_graph_get_edge_attr(g, IK(8), IK(9), "w", 1, &got, &found));
            CHECK(found && got.tag == GR_ATTR_INT64 && got.data.i64 == 7);
            CHECK_EDGES_ALIGNED(g, "w");
            CHECK_NODES_ALIGNED(g, "w");
            gr_array_free(head);
            gr_array_free(last);
            gr_array_free(ends_null);
        }
        gr_array_free(w);
        gr_graph_free(g);
    }
}

/* ----- known bugs: these checks do not stop the program ---------------------------------------- */

/*
 * A batch of no items (or a whole-column write on a graph with no nodes or edges) sets
 * nothing, so it must not fix the order of the attribute names either. The library
 * creates the column anyway, and names then come out in another order than the same
 * calls one at a time give.
 */
static void bug_empty_batch_fixes_column_order(void)
{
    gr_graph *g = new_graph(true);
    gr_array *empty = array_new(GR_ATTR_INT64, NULL, NULL, 0);
    const gr_array *cols[1];
    gr_buf name = buf_of("late");
    gr_buf names[2];
    gr_attr_value vals[2];
    gr_string_list *list = NULL;
    size_t len = 0;
    const gr_buf *items = NULL;
    cols[0] = empty;
    CHECK_OK(gr_graph_add_edges_int(g, NULL, NULL, 0, &name, cols, 1));
    CHECK_OK(gr_graph_add_nodes_columns(g, NULL, NULL, NULL, 0, NULL, 0, &name, cols, 1));
    names[0] = buf_of("early");
    names[1] = buf_of("late");
    vals[0] = v_i64(1);
    vals[1] = v_i64(2);
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), names, vals, 2));
    CHECK_OK(gr_graph_add_node(g, IK(1), names, vals, 2));
    CHECK_OK(gr_graph_edge_attr_names(g, &list));
    CHECK_OK(gr_string_list_entries(list, &len, &items));
    EXPECT(len == 2 && items[0].len == 5 && memcmp(items[0].ptr, "early", 5) == 0,
           "edge attribute names after an empty gr_graph_add_edges_int with column 'late' and "
           "then add_edge(1, 2, early, late): first name is '%.*s', expected 'early'",
           len > 0 ? (int)items[0].len : 0, len > 0 ? (const char *)items[0].ptr : "");
    gr_string_list_free(list);
    CHECK_OK(gr_graph_node_attr_names(g, &list));
    CHECK_OK(gr_string_list_entries(list, &len, &items));
    EXPECT(len == 2 && items[0].len == 5 && memcmp(items[0].ptr, "early", 5) == 0,
           "node attribute names after an empty gr_graph_add_nodes_columns with column 'late': "
           "first name is '%.*s', expected 'early'",
           len > 0 ? (int)items[0].len : 0, len > 0 ? (const char *)items[0].ptr : "");
    gr_string_list_free(list);
    gr_graph_free(g);

    /* gr_graph_set_node_array on a graph without nodes. */
    g = new_graph(false);
    CHECK_OK(gr_graph_set_node_array(g, "late", 4, empty));
    CHECK_OK(gr_graph_add_node(g, IK(1), names, vals, 2));
    CHECK_OK(gr_graph_node_attr_names(g, &list));
    CHECK_OK(gr_string_list_entries(list, &len, &items));
    EXPECT(len == 2 && items[0].len == 5 && memcmp(items[0].ptr, "early", 5) == 0,
           "node attribute names after gr_graph_set_node_array('late') on an empty graph: first "
           "name is '%.*s', expected 'early'",
           len > 0 ? (int)items[0].len : 0, len > 0 ? (const char *)items[0].ptr : "");
    gr_string_list_free(list);
    gr_graph_free(g);
    gr_array_free(empty);
}

int main(void)
{
    test_add_edges_int();
    test_add_edges_columns();
    test_add_nodes_columns();
    test_duplicates_null_then_value();

    bug_empty_batch_fixes_column_order();
    return CHECK_SUMMARY();
}
