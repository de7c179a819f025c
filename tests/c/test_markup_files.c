/*
 * test_markup_files.c: gr_graph_read_graphml / gr_graph_write_graphml and gr_graph_read_gml /
 * gr_graph_write_gml: round trips of typed attributes, files as networkx writes them,
 * malformed files (a GR_STATUS_IO naming file:line:column), entities never expanded,
 * refusals that leave no file, cancellation and bad arguments.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "graph_snapshot.h"
#include "file_checks.h"

static int exists_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

typedef gr_status (*reader_fn)(const char *, size_t, const gr_cancel *, gr_graph **);
typedef gr_status (*writer_fn)(const gr_graph *, const char *, size_t);

static gr_status read_with(reader_fn read, const char *path, gr_graph **out)
{
    return read(path, strlen(path), NO_CANCEL, out);
}

static gr_status write_with(writer_fn write, const gr_graph *g, const char *path)
{
    return write(g, path, strlen(path));
}

/* Every kind GraphML and GML both keep, absent values, an isolated node, Unicode. */
static gr_graph *typed_graph(bool directed)
{
    gr_graph *g = new_graph(directed);
    const char *names[] = {"b", "i8", "i16", "i32", "i64", "f32", "f64", "s"};
    gr_attr_value values[8];
    values[0] = v_bool(true);
    values[1] = v_i8(-128);
    values[2] = v_i16(-32768);
    values[3] = v_i32(2147483647);
    values[4] = v_i64(INT64_MIN);
    values[5] = v_f32(0.1f);
    values[6] = v_f64(f64_bits(0x8000000000000000ull)); /* -0.0 */
    values[7] = v_str(NIHON " <&> \"q\"");
    add_node_with(g, IK(1), names, values, 8);
    {
        const char *some[] = {"s"};
        gr_attr_value one[1];
        one[0] = v_strn("", 0);
        add_node_with(g, IK(-2), some, one, 1);
    }
    CHECK_OK(gr_graph_add_node(g, IK(3), NULL, NULL, 0)); /* isolated, no attributes */
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(-2), NULL, NULL, 0));
    set_edge(g, IK(1), IK(-2), "w", v_f64(1e300));
    CHECK_OK(gr_graph_add_edge(g, IK(-2), IK(-2), NULL, NULL, 0));
    return g;
}

static void test_round_trips(void)
{
    reader_fn readers[] = {gr_graph_read_graphml, gr_graph_read_gml};
    writer_fn writers[] = {gr_graph_write_graphml, gr_graph_write_gml};
    const char *files[] = {"rt.graphml", "rt.gml"};
    size_t f;
    int d;
    for (f = 0; f < 2; f++) {
        for (d = 0; d < 2; d++) {
            gr_graph *g = typed_graph(d == 1);
            gr_graph *back = NULL;
            CHECK_OK(write_with(writers[f], g, at(files[f])));
            CHECK_OK(read_with(readers[f], at(files[f]), &back));
            CHECK_SAME_GRAPH(back, g);
            gr_graph_free(back);
            gr_graph_free(g);
        }
    }
    {
        /* String keys that look like ints stay strings (GraphML marks them; GML quotes them). */
        gr_graph *g = new_graph(false);
        gr_graph *back = NULL;
        CHECK_OK(gr_graph_add_edge(g, SK("1"), SK(NIHON), NULL, NULL, 0));
        for (f = 0; f < 2; f++) {
            CHECK_OK(write_with(writers[f], g, at(files[f])));
            CHECK_OK(read_with(readers[f], at(files[f]), &back));
            CHECK_SAME_GRAPH(back, g);
            gr_graph_free(back);
        }
        gr_graph_free(g);
    }
}

static void test_networkx_files(void)
{
    gr_graph *g = NULL;
    gr_attr_value v;
    bool found = false;
    write_text(at("nx.graphml"),
               "<?xml version='1.0' encoding='utf-8'?>\n"
               "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
               "  <key id=\"d0\" for=\"node\" attr.name=\"age\" attr.type=\"long\" />\n"
               "  <graph edgedefault=\"directed\">\n"
               "    <node id=\"0\"><data key=\"d0\">42</data></node>\n"
               "    <node id=\"1\" />\n"
               "    <edge source=\"0\" target=\"1\" />\n"
               "  </graph>\n"
               "</graphml>\n");
    CHECK_OK(read_with(gr_graph_read_graphml, at("nx.graphml"), &g));
    CHECK(is_directed(g));
    CHECK_NODES(g, "0,1");
    CHECK_OK(gr_graph_get_node_attr(g, IK(0), "age", 3, &v, &found));
    CHECK(found);
    CHECK_EQ(v.tag, GR_ATTR_INT64);
    CHECK_EQ(v.data.i64, 42);
    gr_graph_free(g);

    write_text(at("nx.gml"),
               "graph [\n  node [\n    id 0\n    label \"a\"\n    x 1.5\n  ]\n"
               "  node [\n    id 1\n    label \"b\"\n  ]\n"
               "  edge [\n    source 0\n    target 1\n  ]\n]\n");
    CHECK_OK(read_with(gr_graph_read_gml, at("nx.gml"), &g));
    CHECK(!is_directed(g));
    CHECK_NODES(g, "'a','b'");
    CHECK_OK(gr_graph_get_node_attr(g, SK("a"), "x", 1, &v, &found));
    CHECK(found);
    CHECK_EQ(v.tag, GR_ATTR_FLOAT64);
    CHECK(v.data.f64 == 1.5);
    gr_graph_free(g);
}

static void test_malformed_files(void)
{
    gr_graph *g = SENTINEL_GRAPH;
    write_text(at("bad.graphml"), "<graphml>\n<graph>\n  <node id=\"a\">\n</graph>\n");
    CHECK_ERR(read_with(gr_graph_read_graphml, at("bad.graphml"), &g), GR_STATUS_IO, "bad.graphml:4:1:");
    CHECK(g == SENTINEL_GRAPH);
    write_text(at("laughs.graphml"),
               "<?xml version=\"1.0\"?>\n<!DOCTYPE g [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n"
               "<graphml><graph><node id=\"&b;\"/></graph></graphml>\n");
    CHECK_ERR(read_with(gr_graph_read_graphml, at("laughs.graphml"), &g), GR_STATUS_IO,
              "declares entities");
    write_text(at("bad.gml"), "graph [\n  node [ id 0 ]\n  edge [ source 0 target 7 ]\n]\n");
    CHECK_ERR(read_with(gr_graph_read_gml, at("bad.gml"), &g), GR_STATUS_IO, "bad.gml:3:3:");
    CHECK_MESSAGE("no node has");
    CHECK_ERR(read_with(gr_graph_read_gml, at("missing.gml"), &g), GR_STATUS_IO, "missing.gml");
    CHECK(g == SENTINEL_GRAPH);
}

static void test_refusals_and_arguments(void)
{
    gr_graph *g = new_graph(false);
    gr_graph *out = NULL;
    gr_cancel *cancel = NULL;
    const char *names[] = {"bad name"};
    gr_attr_value values[1];
    values[0] = v_null();
    {
        const char *null_names[] = {"x"};
        add_node_with(g, IK(1), null_names, values, 1);
    }
    CHECK_ERR(write_with(gr_graph_write_graphml, g, at("null.graphml")), GR_STATUS_INVALID_ARGUMENT,
              "no null");
    CHECK_ERR(write_with(gr_graph_write_gml, g, at("null.gml")), GR_STATUS_INVALID_ARGUMENT, "no null");
    CHECK(!exists_file(at("null.graphml")) && !exists_file(at("null.gml")));
    gr_graph_free(g);

    g = new_graph(false);
    values[0] = v_i64(1);
    add_node_with(g, IK(1), names, values, 1);
    CHECK_ERR(write_with(gr_graph_write_gml, g, at("name.gml")), GR_STATUS_INVALID_ARGUMENT,
              "not a GML key");
    CHECK_OK(write_with(gr_graph_write_graphml, g, at("name.graphml")));

    CHECK_ERR(gr_graph_write_graphml(NULL, "x", 1), GR_STATUS_INVALID_ARGUMENT, "");
    CHECK_ERR(gr_graph_read_gml(NULL, 1, NO_CANCEL, &out), GR_STATUS_INVALID_ARGUMENT, "");
    CHECK_ERR(gr_graph_read_graphml(at("name.graphml"), strlen(at("name.graphml")), NO_CANCEL, NULL),
              GR_STATUS_INVALID_ARGUMENT, "");

    CHECK_OK(gr_cancel_new(&cancel));
    CHECK_OK(gr_cancel_trigger(cancel));
    CHECK_ERR(gr_graph_read_graphml(at("name.graphml"), strlen(at("name.graphml")), cancel, &out),
              GR_STATUS_CANCELLED, "");
    gr_cancel_free(cancel);
    gr_graph_free(g);
}

int main(void)
{
    make_work_dir();

    test_round_trips();
    test_networkx_files();
    test_malformed_files();
    test_refusals_and_arguments();

    remove_tree(work_dir);
    return CHECK_SUMMARY();
}
