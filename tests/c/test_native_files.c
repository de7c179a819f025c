/*
 * test_native_files.c: gr_graph_save / gr_graph_load of every attribute kind (Float32 and
 * Float64 bit patterns with NaN payloads, Bytes with NUL, empty strings and keys, Null and
 * absent, mixed columns, int and string keys of the same text, removed nodes and edges)
 * compared with CHECK_SAME_GRAPH, column kinds that behave the same after loading,
 * byte-identical re-saves; gr_file_is_native.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "graph_snapshot.h"
#include "file_checks.h"

/* The kind of a node (or edge) column as an array, or -1 when no node (edge) has it. */
static int column_kind(const gr_graph *g, bool edges, const char *name)
{
    gr_array *a = NULL;
    size_t len = 0;
    gr_attr_tag kind = -1;
    const void *data = NULL;
    gr_status s = edges ? gr_graph_edge_array(g, name, strlen(name), &a)
                        : gr_graph_node_array(g, name, strlen(name), &a);
    if (s == GR_STATUS_ATTRIBUTE_NOT_FOUND) {
        return -1;
    }
    CHECK_OK(s);
    CHECK_OK(gr_array_info(a, &len, &kind, &data));
    gr_array_free(a);
    return (int)kind;
}

static const char *const NODE_COLUMNS[] = {"n",  "b",  "i8", "i16", "i32",   "i64",
                                           "f32", "f64", "s",  "by",  "mix", "doomed"};
static const char *const EDGE_COLUMNS[] = {"w", "tag", "weight", "gone"};

/* Same graph, and every column of the same kind. */
static void check_same_graph_and_kinds(const gr_graph *actual, const gr_graph *expected)
{
    size_t i;
    CHECK_SAME_GRAPH(actual, expected);
    CHECK_EQ(is_directed(actual), is_directed(expected));
    for (i = 0; i < sizeof NODE_COLUMNS / sizeof NODE_COLUMNS[0]; i++) {
        CHECK_EQ(column_kind(actual, false, NODE_COLUMNS[i]),
                 column_kind(expected, false, NODE_COLUMNS[i]));
    }
    for (i = 0; i < sizeof EDGE_COLUMNS / sizeof EDGE_COLUMNS[0]; i++) {
        CHECK_EQ(column_kind(actual, true, EDGE_COLUMNS[i]),
                 column_kind(expected, true, EDGE_COLUMNS[i]));
    }
}

/* The node attribute `name` of a key is exactly `expected` (bit for bit). */
static void check_node_value(const gr_graph *g, int64_t k, const char *ks, size_t kl,
                             const char *name, gr_attr_value expected)
{
    gr_attr_value got = v_null();
    bool found = false;
    CHECK_OK(gr_graph_get_node_attr(g, k, ks, kl, name, strlen(name), &got, &found));
    CHECK(found);
    CHECK_VALUE(&got, &expected);
    gr_attr_value_release(&got);
}

/* ===== native format ============================================================================ */

static void test_save_load_round_trip(void)
{
    const char *path = at("rich.groggy");
    int directed;
    for (directed = 0; directed < 2; directed++) {
        gr_graph *g = rich_graph(directed != 0);
        gr_graph *h = SENTINEL_GRAPH;
        bool found = true;
        gr_attr_value got = v_null();
        CHECK_OK(save(g, path));
        CHECK_OK(load(path, &h));
        CHECK(h != SENTINEL_GRAPH && h != NULL);
        check_same_graph_and_kinds(h, g);
        CHECK_EQ(node_count(h), 7);
        CHECK_EQ(edge_count(h), 6);
        CHECK_NODES(h, "1,'1',2,3,'','a\\0b',-7");
        /* Bit patterns the snapshot's text cannot show. */
        check_node_value(h, SK("1"), "f32", v_f32(f32_bits(0x7FC12345u)));
        check_node_value(h, SK("1"), "f64", v_f64(f64_bits(0x7FF80000DEADBEEFull)));
        check_node_value(h, IK(1), "f64", v_f64(f64_bits(0x8000000000000000ull)));
        check_node_value(h, IK(2), "f32", v_f32(f32_bits(1)));
        check_node_value(h, IK(2), "f64", v_f64(f64_bits(1)));
        check_node_value(h, IK(1), "f32", v_f32(0.1f));
        check_node_value(h, SK("1"), "by", v_bytes(BYTES_WITH_NUL, sizeof BYTES_WITH_NUL - 1));
        check_node_value(h, SK("1"), "s", v_strn(STR_WITH_NUL, sizeof STR_WITH_NUL - 1));
        check_node_value(h, IK(1), "s", v_strn("", 0));
        check_node_value(h, IK(1), "by", v_bytes("", 0));
        check_node_value(h, IK(1), "n", v_null());
        check_node_value(h, IK(3), "mix", v_null());
        check_node_value(h, SKN("", 0), "mix", v_f32(2.5f));
        check_node_value(h, SKN("a\0b", 3), "mix", v_i16(-2));
        check_node_value(h, IK(1), "i64", v_i64(INT64_MIN));
        /* Absent stays absent. */
        CHECK_OK(gr_graph_get_node_attr(h, IK(2), "s", 1, &got, &found));
        CHECK(!found);
        CHECK_EQ(column_kind(h, false, "mix"), GR_ATTR_MIXED);
        CHECK_EQ(column_kind(h, false, "n"), GR_ATTR_NULL);
        CHECK_EQ(column_kind(h, false, "f32"), GR_ATTR_FLOAT32);
        CHECK_EQ(column_kind(h, false, "i8"), GR_ATTR_INT8);
        CHECK_EQ(column_kind(h, true, "w"), GR_ATTR_MIXED);
        {
            bool has = true;
            CHECK_OK(gr_graph_has_node(h, IK(4), &has));
            CHECK(!has);
            CHECK_OK(gr_graph_has_edge(h, IK(-7), IK(1), &has));
            CHECK(!has);
        }
        /* Saved again: the same bytes. */
        CHECK_OK(save(h, at("rich-again.groggy")));
        CHECK(same_file(path, at("rich-again.groggy")));

        /* The same later writes do the same thing to both. */
        {
            gr_graph *both[2];
            int i;
            both[0] = g;
            both[1] = h;
            for (i = 0; i < 2; i++) {
                const char *names[] = {"i8", "f32", "mix", "s", "n", "doomed"};
                gr_attr_value values[6];
                values[0] = v_i8(5);
                values[1] = v_f32(1.25f);
                values[2] = v_bool(true);
                values[3] = v_str("new");
                values[4] = v_null();
                values[5] = v_str("back");
                add_node_with(both[i], IK(100), names, values, 6);
                values[0] = v_i64(300);
                values[1] = v_i32(1);
                values[2] = v_null();
                add_node_with(both[i], IK(101), names, values, 3);
                CHECK_OK(gr_graph_add_edge(both[i], IK(100), IK(101), NULL, NULL, 0));
                set_edge(both[i], IK(100), IK(101), "w", v_f64(2.5));
                set_edge(both[i], IK(100), IK(101), "gone", v_i8(1));
                CHECK_OK(gr_graph_remove_node(both[i], IK(3)));
            }
            check_same_graph_and_kinds(h, g);
        }
        gr_graph_free(h);
        gr_graph_free(g);
    }
}

static void test_save_load_small_graphs(void)
{
    const char *path = at("small.groggy");
    int directed;
    for (directed = 0; directed < 2; directed++) {
        gr_graph *g = new_graph(directed != 0);
        gr_graph *h = NULL;
        int64_t i;
        CHECK_OK(save(g, path));
        CHECK_OK(load(path, &h));
        CHECK_EQ(node_count(h), 0);
        CHECK_EQ(is_directed(h), directed != 0);
        gr_graph_free(h);
        h = NULL;
        /* Nodes only, in a shuffled order; then a chain with removals. */
        CHECK_OK(gr_graph_add_node(g, SK("b"), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, IK(2), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, SK("a"), NULL, NULL, 0));
        CHECK_OK(save(g, path));
        CHECK_OK(load(path, &h));
        CHECK_SAME_GRAPH(h, g);
        gr_graph_free(h);
        h = NULL;
        for (i = 0; i < 60; i++) {
            CHECK_OK(gr_graph_add_edge(g, IK(i), IK(i + 1), NULL, NULL, 0));
        }
        for (i = 0; i < 60; i += 3) {
            CHECK_OK(gr_graph_remove_node(g, IK(i)));
        }
        CHECK_OK(gr_graph_remove_edge(g, IK(4), IK(5)));
        CHECK_OK(gr_graph_add_edge(g, IK(0), IK(59), NULL, NULL, 0));
        CHECK_OK(save(g, path));
        CHECK_OK(load(path, &h));
        CHECK_SAME_GRAPH(h, g);
        /* The loaded graph works like any other. */
        {
            gr_keys *order = NULL;
            CHECK_OK(gr_graph_bfs(h, IK(0), -1, NO_CANCEL, &order));
            gr_keys_free(order);
            CHECK_OK(gr_graph_add_edge(h, IK(0), SK("b"), NULL, NULL, 0));
        }
        gr_graph_free(h);
        gr_graph_free(g);
    }
}

static void test_edge_list_to_native_and_back(void)
{
    gr_graph *g;
    gr_graph *h = NULL;
    gr_graph *back;
    write_text(at("w.txt"), "a b 1.5\nb c\nc a 2\n");
    g = must_read(at("w.txt"), false);
    CHECK_OK(save(g, at("w.groggy")));
    CHECK_OK(load(at("w.groggy"), &h));
    CHECK_SAME_GRAPH(h, g);
    CHECK_OK(write_list(h, at("w-back.txt"), ' '));
    CHECK(file_is(at("w-back.txt"), "a b 1.5\nb c\nc a 2.0\n", 20));
    back = must_read(at("w-back.txt"), false);
    CHECK_SAME_GRAPH(back, g);
    gr_graph_free(back);
    gr_graph_free(h);
    gr_graph_free(g);
}

static void test_is_native(void)
{
    bool native = false;
    gr_graph *g = new_graph(true);
    CHECK_OK(save(g, at("n.groggy")));
    gr_graph_free(g);
    CHECK_OK(gr_file_is_native(at("n.groggy"), strlen(at("n.groggy")), &native));
    CHECK(native);
    write_file(at("magic-only"), "\x89GROGGY\n", 8);
    CHECK_OK(gr_file_is_native(at("magic-only"), strlen(at("magic-only")), &native));
    CHECK(native);
    write_file(at("short"), "\x89GROGGY", 7);
    CHECK_OK(gr_file_is_native(at("short"), strlen(at("short")), &native));
    CHECK(!native);
    native = true;
    write_file(at("empty"), "", 0);
    CHECK_OK(gr_file_is_native(at("empty"), strlen(at("empty")), &native));
    CHECK(!native);
    native = true;
    write_file(at("gz"), GZ_EDGES, sizeof GZ_EDGES);
    CHECK_OK(gr_file_is_native(at("gz"), strlen(at("gz")), &native));
    CHECK(!native);
    native = true;
    write_text(at("list.groggy"), "1 2\n");
    CHECK_OK(gr_file_is_native(at("list.groggy"), strlen(at("list.groggy")), &native));
    CHECK(!native);
    native = true;
    CHECK_ERR(gr_file_is_native(at("missing"), strlen(at("missing")), &native), GR_STATUS_IO,
              "missing");
    CHECK(native);
    CHECK_ERR(gr_file_is_native(at("n.groggy"), strlen(at("n.groggy")), NULL),
              GR_STATUS_INVALID_ARGUMENT, "NULL");
    CHECK_ERR(gr_file_is_native(NULL, 2, &native), GR_STATUS_INVALID_ARGUMENT, "path");
    /* A native file named like text loads; a text file named like a native one does not. */
    g = rich_graph(false);
    CHECK_OK(save(g, at("graph.txt")));
    {
        gr_graph *h = NULL;
        CHECK_OK(load(at("graph.txt"), &h));
        CHECK_SAME_GRAPH(h, g);
        gr_graph_free(h);
        h = SENTINEL_GRAPH;
        CHECK_ERR(load(at("list.groggy"), &h), GR_STATUS_IO, "not a groggy file");
        CHECK(h == SENTINEL_GRAPH);
        /* ... and the edge-list reader refuses a native file cleanly. */
        CHECK_ERR(rd(at("graph.txt"), false, &h), GR_STATUS_IO, "graph.txt:1:");
        CHECK(h == SENTINEL_GRAPH);
    }
    gr_graph_free(g);
}

int main(void)
{
    make_work_dir();

    test_save_load_round_trip();
    test_save_load_small_graphs();
    test_edge_list_to_native_and_back();
    test_is_native();

    remove_tree(work_dir);
    return CHECK_SUMMARY();
}
