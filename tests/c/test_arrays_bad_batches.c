/*
 * test_arrays_bad_batches.c: every bad batch of gr_graph_add_edges_int / _add_edges_columns
 * / _add_nodes_columns returns the right status with a message naming the operation and
 * leaves the graph exactly as it was.
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

/* ----- bad batches: the right status, a message naming the operation, nothing changed ----- */

static void test_bad_batches(void)
{
    int directed;
    for (directed = 0; directed <= 1; directed++) {
        gr_graph *g = build_attr_graph(directed != 0);
        snapshot *before = (snapshot *)malloc(sizeof(snapshot));
        /* Every batch starts with good items: new nodes, existing nodes and edges. */
        static const int64_t src[3] = {500, 0, 6};
        static const int64_t dst[3] = {501, 1, 7};
        static const char *const keys[3] = {"s:new", "0", "s:s"};
        static const int64_t xs[3] = {1, 2, 3};
        key_batch *kb = (key_batch *)malloc(sizeof(key_batch));
        gr_array *good = array_new(GR_ATTR_INT64, xs, NULL, 3);
        gr_array *short_col = array_new(GR_ATTR_INT64, xs, NULL, 2);
        gr_array *empty_col = array_new(GR_ATTR_INT64, NULL, NULL, 0);
        gr_buf names[2];
        const gr_array *cols[2];
        CHECK(before != NULL && kb != NULL);
        key_batch_init(kb, keys, 3);
        names[0] = buf_of("w");
        names[1] = buf_of("bad");
        cols[0] = good;
        cols[1] = short_col;
        take_snapshot(g, before);

        /* The good batch would change the graph (checked on a copy). */
        {
            gr_graph *c = NULL;
            CHECK_OK(gr_graph_copy(g, &c));
            CHECK_OK(gr_graph_add_edges_int(c, src, dst, 3, names, cols, 1));
            CHECK_OK(gr_graph_add_edges_columns(c, NULL, src, NULL, 0, NULL, KB_ARGS(kb), 3,
                                                names, cols, 1));
            CHECK_OK(gr_graph_add_nodes_columns(c, KB_ARGS(kb), 3, names, cols, 1));
            gr_graph_free(c);
        }

        /* A column of the wrong length, after a good one. */
        CHECK_ERR(gr_graph_add_edges_int(g, src, dst, 3, names, cols, 2), IA,
                  "add_edges_from_arrays: column 'bad' has 2 values for 3 edges");
        CHECK_STREQ(gr_last_error_message(),
                    "add_edges_from_arrays: column 'bad' has 2 values for 3 edges");
        CHECK_ERR(gr_graph_add_edges_columns(g, NULL, src, NULL, 0, NULL, KB_ARGS(kb), 3, names,
                                             cols, 2),
                  IA, "add_edges_from_arrays: column 'bad' has 2 values for 3 edges");
        CHECK_ERR(gr_graph_add_nodes_columns(g, KB_ARGS(kb), 3, names, cols, 2), IA,
                  "add_nodes: column 'bad' has 2 values for 3 nodes");
        cols[1] = empty_col;
        CHECK_ERR(gr_graph_add_edges_int(g, src, dst, 3, names, cols, 2), IA,
                  "add_edges_from_arrays: column 'bad' has 0 values for 3 edges");
        /* ... too long for an empty batch. */
        CHECK_ERR(gr_graph_add_edges_int(g, NULL, NULL, 0, names, cols, 1), IA,
                  "add_edges_from_arrays: column 'w' has 3 values for 0 edges");
        CHECK_ERR(gr_graph_add_nodes_columns(g, NULL, NULL, NULL, 0, NULL, 0, names, cols, 1),
                  IA, "add_nodes: column 'w' has 3 values for 0 nodes");
        CHECK_UNCHANGED(g, before);

        /* A NULL column handle; NULL column lists. */
        cols[1] = NULL;
        CHECK_ERR(gr_graph_add_edges_int(g, src, dst, 3, names, cols, 2), IA,
                  "add_edges_from_arrays: array is NULL");
        CHECK_ERR(gr_graph_add_edges_columns(g, NULL, src, NULL, 0, NULL, KB_ARGS(kb), 3, names,
                                             cols, 2),
                  IA, "add_edges_from_arrays: array is NULL");
        CHECK_ERR(gr_graph_add_nodes_columns(g, KB_ARGS(kb), 3, names, cols, 2), IA,
                  "add_nodes: array is NULL");
        cols[1] = short_col;
        CHECK_ERR(gr_graph_add_edges_int(g, src, dst, 3, names, NULL, 2), IA,
                  "add_edges_from_arrays: columns is NULL but its length is 2");
        CHECK_ERR(gr_graph_add_edges_int(g, src, dst, 3, NULL, cols, 1), IA,
                  "add_edges_from_arrays: column names is NULL but its length is 1");
        CHECK_ERR(gr_graph_add_nodes_columns(g, KB_ARGS(kb), 3, names, NULL, 1), IA,
                  "add_nodes: columns is NULL but its length is 1");
        CHECK_UNCHANGED(g, before);

        /* NULL sources or targets with n > 0. */
        CHECK_ERR(gr_graph_add_edges_int(g, NULL, dst, 3, names, cols, 1), IA,
                  "add_edges_from_arrays: sources is NULL but its length is 3");
        CHECK_ERR(gr_graph_add_edges_int(g, src, NULL, 3, names, cols, 1), IA,
                  "add_edges_from_arrays: targets is NULL but its length is 3");
        CHECK_ERR(gr_graph_add_edges_columns(g, NULL, NULL, NULL, 0, NULL, KB_ARGS(kb), 3, names,
                                             cols, 1),
                  IA, "add_edges_from_arrays: sources: ints is NULL but its length is 3");
        CHECK_ERR(gr_graph_add_edges_columns(g, NULL, src, NULL, 0, NULL, kb->kinds, kb->ints,
                                             NULL, kb->data_len, kb->offsets, 3, names, cols, 1),
                  IA, "add_edges_from_arrays: targets: str_data is NULL but its length is");
        CHECK_ERR(gr_graph_add_nodes_columns(g, NULL, NULL, NULL, 0, NULL, 3, names, cols, 1), IA,
                  "add_nodes: keys: ints is NULL but its length is 3");
        CHECK_ERR(gr_graph_add_nodes_columns(g, kb->kinds, kb->ints, (const uint8_t *)kb->data,
                                             kb->data_len, NULL, 3, names, cols, 1),
                  IA, "add_nodes: keys: str_offsets is NULL but its length is 4");
        CHECK_UNCHANGED(g, before);

        /* Bad UTF-8: in a string key, in a column name; a string column cannot hold it. */
        kb->data[0] = (char)0xff; /* "new" -> "\xffew" */
        CHECK_ERR(gr_graph_add_edges_columns(g, NULL, src, NULL, 0, NULL, KB_ARGS(kb), 3, names,
                                             cols, 1),
                  IA, "add_edges_from_arrays: targets is not valid UTF-8");
        CHECK_ERR(gr_graph_add_edges_columns(g, KB_ARGS(kb), NULL, dst, NULL, 0, NULL, 3, names,
                                             cols, 1),
                  IA, "add_edges_from_arrays: sources is not valid UTF-8");
        CHECK_ERR(gr_graph_add_nodes_columns(g, KB_ARGS(kb), 3, names, cols, 1), IA,
                  "add_nodes: keys is not valid UTF-8");
        key_batch_init(kb, keys, 3);
        names[1] = buf_of("\xc3\x28");
        cols[1] = good;
        CHECK_ERR(gr_graph_add_edges_int(g, src, dst, 3, names, cols, 2), IA,
                  "add_edges_from_arrays: column name is not valid UTF-8");
        CHECK_ERR(gr_graph_add_nodes_columns(g, KB_ARGS(kb), 3, names, cols, 2), IA,
                  "add_nodes: column name is not valid UTF-8");
        names[1] = buf_of("bad");
        {
            gr_buf bufs[3];
            gr_array *a = SENTINEL_ARRAY;
            bufs[0] = buf_of("ok");
            bufs[1] = buf_of("ok");
            bufs[2] = buf_of("\xe6\x97");
            CHECK_ERR(gr_array_new(GR_ATTR_STRING, bufs, NULL, 3, &a), IA,
                      "array_new: string value is not valid UTF-8");
            CHECK(a == SENTINEL_ARRAY);
            /* An unknown column tag. */
            CHECK_ERR(gr_array_new(12, xs, NULL, 3, &a), IA, "array_new: unknown column kind 12");
            CHECK(a == SENTINEL_ARRAY);
        }
        CHECK_UNCHANGED(g, before);

        /* A bad key kind, in the last item or the first. */
        kb->kinds[2] = 7;
        CHECK_ERR(gr_graph_add_edges_columns(g, NULL, src, NULL, 0, NULL, KB_ARGS(kb), 3, names,
                                             cols, 1),
                  IA, "add_edges_from_arrays: targets: unknown key kind 7 at 2");
        CHECK_ERR(gr_graph_add_edges_columns(g, KB_ARGS(kb), NULL, dst, NULL, 0, NULL, 3, names,
                                             cols, 1),
                  IA, "add_edges_from_arrays: sources: unknown key kind 7 at 2");
        CHECK_ERR(gr_graph_add_nodes_columns(g, KB_ARGS(kb), 3, names, cols, 1), IA,
                  "add_nodes: keys: unknown key kind 7 at 2");
        kb->kinds[2] = GR_KEY_STR;
        kb->kinds[0] = 255;
        CHECK_ERR(gr_graph_add_nodes_columns(g, KB_ARGS(kb), 3, names, cols, 1), IA,
                  "add_nodes: keys: unknown key kind 255 at 0");
        kb->kinds[0] = GR_KEY_STR;
        /* String offsets out of range. */
        kb->offsets[3] = kb->data_len + 1;
        CHECK_ERR(gr_graph_add_nodes_columns(g, KB_ARGS(kb), 3, names, cols, 1), IA,
                  "add_nodes: keys: string offsets");
        CHECK_ERR(gr_graph_add_edges_columns(g, NULL, src, NULL, 0, NULL, KB_ARGS(kb), 3, names,
                                             cols, 1),
                  IA, "add_edges_from_arrays: targets: string offsets");
        key_batch_init(kb, keys, 3);
        CHECK_UNCHANGED(g, before);

        /* A NULL graph. */
        CHECK_ERR(gr_graph_add_edges_int(NULL, src, dst, 3, names, cols, 1), IA,
                  "add_edges_from_arrays: graph is NULL");
        CHECK_ERR(gr_graph_add_edges_columns(NULL, NULL, src, NULL, 0, NULL, NULL, dst, NULL, 0,
                                             NULL, 3, names, cols, 1),
                  IA, "add_edges_from_arrays: graph is NULL");
        CHECK_ERR(gr_graph_add_nodes_columns(NULL, KB_ARGS(kb), 3, names, cols, 1), IA,
                  "add_nodes: graph is NULL");
        CHECK_UNCHANGED(g, before);

        gr_array_free(good);
        gr_array_free(short_col);
        gr_array_free(empty_col);
        free(kb);
        free(before);
        gr_graph_free(g);
    }
}

int main(void)
{
    test_bad_batches();
    return CHECK_SUMMARY();
}
