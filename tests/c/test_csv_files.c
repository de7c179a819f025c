/*
 * test_csv_files.c: gr_graph_read_csv and gr_graph_write_csv, used the way a C or C++
 * program would.
 *
 * Covers: gr_csv_options_init (defaults; versions 0 and newer than the library's refused,
 * writing nothing), NULL options as the defaults; an edges file and a nodes file read into
 * the graph the same adds one at a time give (types inferred per column, quoted text,
 * absent fields, isolated nodes, node order), other column names and a delimiter; a write
 * that reads back to the same graph (string keys, Unicode, every kind a table holds);
 * malformed files (GR_STATUS_IO naming FILE:LINE:COLUMN, no graph written out); writes the
 * tables cannot hold exactly (GR_STATUS_INVALID_ARGUMENT, no file written, graph
 * unchanged); NULL arguments; a progress callback that stops the read, and a cancel token.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "graph_snapshot.h"
#include "file_checks.h"

#define NO_NODES ((const char *)NULL), ((size_t)0)
#define PATH(p) (p), strlen(p)

static gr_status read_csv(const char *edges, const char *nodes, const gr_csv_options *opts,
                          gr_graph **out)
{
    return gr_graph_read_csv(edges, strlen(edges), nodes, nodes ? strlen(nodes) : 0, opts,
                             NO_CANCEL, out);
}

static void set_attr(gr_graph *g, int64_t u, int64_t v, const char *name, gr_attr_value value)
{
    gr_buf n;
    n.ptr = (const uint8_t *)name;
    n.len = strlen(name);
    CHECK_OK(gr_graph_add_edge(g, IK(u), IK(v), &n, &value, 1));
}

static void set_node(gr_graph *g, int64_t k, const char *name, gr_attr_value value)
{
    gr_buf n;
    n.ptr = (const uint8_t *)name;
    n.len = strlen(name);
    CHECK_OK(gr_graph_add_node(g, IK(k), &n, &value, 1));
}

static void test_options_init(void)
{
    gr_csv_options opts;
    memset(&opts, 0x7f, sizeof opts);
    CHECK_OK(gr_csv_options_init(&opts, GR_CSV_OPTIONS_VERSION));
    CHECK_EQ(opts.version, GR_CSV_OPTIONS_VERSION);
    CHECK(!opts.directed);
    CHECK_EQ(opts.delimiter, (uint32_t)',');
    CHECK_BYTES(opts.source, opts.source_len, "source", 6);
    CHECK_BYTES(opts.target, opts.target_len, "target", 6);
    CHECK_BYTES(opts.key, opts.key_len, "key", 3);
    CHECK(opts.progress == NULL);

    gr_csv_options untouched;
    memset(&untouched, 0x5a, sizeof untouched);
    CHECK_ERR(gr_csv_options_init(&untouched, 0), GR_STATUS_INVALID_ARGUMENT, "version");
    CHECK_ERR(gr_csv_options_init(&untouched, GR_CSV_OPTIONS_VERSION + 1),
              GR_STATUS_INVALID_ARGUMENT, "version");
    CHECK_EQ(untouched.version, 0x5a5a5a5au);
    CHECK_ERR(gr_csv_options_init(NULL, GR_CSV_OPTIONS_VERSION), GR_STATUS_INVALID_ARGUMENT,
              "NULL");
}

static void test_read(void)
{
    const char *edges = at("edges.csv");
    const char *nodes = at("nodes.csv");
    write_text(edges, "source,target,weight,label,ok\r\n"
                      "1,2,0.5,\"a, \"\"b\"\"\",true\r\n"
                      "2,3,2,,false\r\n");
    write_text(nodes, "key,age\n4,30\n1,\n");
    gr_graph *g = NULL;
    CHECK_OK(read_csv(edges, nodes, NULL, &g));

    gr_graph *want = NULL;
    CHECK_OK(gr_graph_new(false, &want));
    set_node(want, 4, "age", v_i64(30));
    CHECK_OK(gr_graph_add_node(want, IK(1), NULL, NULL, 0));
    set_attr(want, 1, 2, "weight", v_f64(0.5));
    set_attr(want, 1, 2, "label", v_str("a, \"b\""));
    set_attr(want, 1, 2, "ok", v_bool(true));
    set_attr(want, 2, 3, "weight", v_f64(2.0));
    set_attr(want, 2, 3, "ok", v_bool(false));
    CHECK_SAME_GRAPH(g, want);
    gr_graph_free(g);
    gr_graph_free(want);

    /* Other names, another delimiter, directed; NULL options read the defaults. */
    write_text(edges, "to;from\n\"b\";\"a\"\n");
    gr_csv_options opts;
    CHECK_OK(gr_csv_options_init(&opts, GR_CSV_OPTIONS_VERSION));
    opts.directed = true;
    opts.delimiter = ';';
    opts.source = "from";
    opts.source_len = 4;
    opts.target = "to";
    opts.target_len = 2;
    g = NULL;
    CHECK_OK(read_csv(edges, NULL, &opts, &g));
    bool has = false;
    CHECK_OK(gr_graph_has_edge(g, SK("a"), SK("b"), &has));
    CHECK(has);
    CHECK_OK(gr_graph_has_edge(g, SK("b"), SK("a"), &has));
    CHECK(!has);
    gr_graph_free(g);
}

static void test_round_trip(void)
{
    gr_graph *g = NULL;
    CHECK_OK(gr_graph_new(true, &g));
    gr_buf names[3];
    gr_attr_value values[3];
    names[0].ptr = (const uint8_t *)"name";
    names[0].len = 4;
    names[1].ptr = (const uint8_t *)"w";
    names[1].len = 1;
    names[2].ptr = (const uint8_t *)"n";
    names[2].len = 1;
    values[0] = v_str(NIHON " \"x\"\n");
    values[1] = v_f64(1.0);
    values[2] = v_i64(INT64_MIN);
    CHECK_OK(gr_graph_add_node(g, SK("12"), names, values, 1));
    CHECK_OK(gr_graph_add_node(g, SK(""), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK(NIHON), SK("12"), names + 1, values + 1, 2));
    CHECK_OK(gr_graph_add_edge(g, SK("12"), SK("true"), names, values, 1));

    gr_csv_options opts;
    CHECK_OK(gr_csv_options_init(&opts, GR_CSV_OPTIONS_VERSION));
    opts.directed = true;
    const char *edges = at("rt_edges.csv");
    const char *nodes = at("rt_nodes.csv");
    CHECK_OK(gr_graph_write_csv(g, PATH(edges), PATH(nodes), &opts));
    gr_graph *back = NULL;
    CHECK_OK(read_csv(edges, nodes, &opts, &back));
    CHECK_SAME_GRAPH(back, g);
    gr_graph_free(back);

    /* The empty graph: headers only. */
    gr_graph *empty = NULL;
    CHECK_OK(gr_graph_new(false, &empty));
    CHECK_OK(gr_graph_write_csv(empty, PATH(edges), PATH(nodes), NULL));
    CHECK(file_is(edges, "source,target\n", 14));
    CHECK(file_is(nodes, "key\n", 4));
    CHECK_OK(read_csv(edges, nodes, NULL, &back));
    CHECK_SAME_GRAPH(back, empty);
    gr_graph_free(back);
    gr_graph_free(empty);
    gr_graph_free(g);
}

static void test_malformed(void)
{
    static const struct {
        const char *text;
        const char *where;
    } cases[] = {
        {"", "bad.csv:1:1: no header"},
        {"source,target\n1,2\n3\n", "bad.csv:3:2: a row of 1 fields"},
        {"source,target\n1,2,3\n", "bad.csv:2:5: a row of 3 fields"},
        {"source,target\n\"1,2\n", "bad.csv:2:1: quoted field never closed"},
        {"source,target\n1,2\"\n", "bad.csv:2:4: quote inside"},
        {"source,target\n,2\n", "bad.csv:2:1: empty node key"},
        {"source,target,w\n1,2,1\n2,3,99999999999999999999\n", "bad.csv:3:5: number"},
        {"source,target,s\n1,2,\xff\n", "bad.csv:2:5: field"},
        {"a,b\n", "bad.csv:1:1: no column named 'source'"},
    };
    const char *bad = at("bad.csv");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_text(bad, cases[i].text);
        gr_graph *g = SENTINEL_GRAPH;
        CHECK_ERR(read_csv(bad, NULL, NULL, &g), GR_STATUS_IO, cases[i].where);
        CHECK(g == SENTINEL_GRAPH);
        CHECK_STREQ(gr_last_error_operation(), "read_csv");
    }
    gr_graph *g = SENTINEL_GRAPH;
    CHECK_ERR(read_csv(at("missing.csv"), NULL, NULL, &g), GR_STATUS_IO, "missing.csv");
    CHECK_EQ(gr_last_error_os_code(), ENOENT);
    CHECK(g == SENTINEL_GRAPH);
}

static void test_refused_writes(void)
{
    gr_graph *g = NULL;
    CHECK_OK(gr_graph_new(false, &g));
    set_attr(g, 1, 2, "x", v_i32(7));
    char dir[1024];
    fresh_dir("refused", dir, sizeof dir);
    char edges[1100];
    char nodes[1100];
    snprintf(edges, sizeof edges, "%s/e.csv", dir);
    snprintf(nodes, sizeof nodes, "%s/n.csv", dir);
    snapshot *before = (snapshot *)malloc(sizeof(snapshot));
    CHECK(before != NULL);
    take_snapshot(g, before);
    CHECK_ERR(gr_graph_write_csv(g, PATH(edges), PATH(nodes), NULL), GR_STATUS_INVALID_ARGUMENT,
              "int32");
    gr_graph_free(g);
    CHECK_OK(gr_graph_new(false, &g));
    set_attr(g, 1, 2, "x", v_null());
    CHECK_ERR(gr_graph_write_csv(g, PATH(edges), PATH(nodes), NULL), GR_STATUS_INVALID_ARGUMENT,
              "null");
    gr_graph_free(g);
    CHECK_OK(gr_graph_new(false, &g));
    set_attr(g, 1, 2, "x", v_i64(1));
    CHECK_OK(gr_graph_add_node(g, IK(3), NULL, NULL, 0));
    take_snapshot(g, before);
    CHECK_ERR(gr_graph_write_csv(g, PATH(edges), NO_NODES, NULL), GR_STATUS_INVALID_ARGUMENT,
              "nodes file");
    CHECK_UNCHANGED(g, before);
    CHECK_EQ(count_entries(dir), 0);

    /* NULL arguments. */
    CHECK_ERR(gr_graph_write_csv(NULL, PATH(edges), NO_NODES, NULL), GR_STATUS_INVALID_ARGUMENT,
              "NULL");
    CHECK_ERR(gr_graph_write_csv(g, NULL, 3, NO_NODES, NULL), GR_STATUS_INVALID_ARGUMENT, "NULL");
    CHECK_ERR(gr_graph_write_csv(g, PATH(edges), NULL, 3, NULL), GR_STATUS_INVALID_ARGUMENT,
              "NULL");
    CHECK_ERR(gr_graph_read_csv(NULL, 3, NO_NODES, NULL, NO_CANCEL, &g), GR_STATUS_INVALID_ARGUMENT,
              "NULL");
    CHECK_ERR(gr_graph_read_csv(PATH(edges), NO_NODES, NULL, NO_CANCEL, NULL),
              GR_STATUS_INVALID_ARGUMENT, "NULL");
    gr_csv_options opts;
    CHECK_OK(gr_csv_options_init(&opts, GR_CSV_OPTIONS_VERSION));
    opts.source = NULL;
    CHECK_ERR(gr_graph_write_csv(g, PATH(edges), NO_NODES, &opts), GR_STATUS_INVALID_ARGUMENT,
              "NULL");
    CHECK_OK(gr_csv_options_init(&opts, GR_CSV_OPTIONS_VERSION));
    opts.delimiter = '"';
    CHECK_ERR(gr_graph_write_csv(g, PATH(edges), NO_NODES, &opts), GR_STATUS_INVALID_ARGUMENT,
              "delimiter");
    opts.version = 99;
    CHECK_ERR(gr_graph_write_csv(g, PATH(edges), NO_NODES, &opts), GR_STATUS_INVALID_ARGUMENT,
              "version");
    CHECK_EQ(count_entries(dir), 0);
    free(before);
    gr_graph_free(g);
}

static gr_status stop_at_once(void *user_data, uint64_t done, uint64_t total)
{
    (void)done;
    (void)total;
    (*(int *)user_data)++;
    return GR_STATUS_CALLBACK;
}

static void test_progress_and_cancel(void)
{
    const char *edges = at("long.csv");
    FILE *f = fopen(edges, "wb");
    CHECK(f != NULL);
    fputs("source,target,w\n", f);
    for (int i = 0; i < 20000; i++) {
        fprintf(f, "%d,%d,%d.25\n", i, i + 1, i);
    }
    CHECK(fclose(f) == 0);
    gr_csv_options opts;
    CHECK_OK(gr_csv_options_init(&opts, GR_CSV_OPTIONS_VERSION));
    int calls = 0;
    opts.progress = stop_at_once;
    opts.user_data = &calls;
    gr_graph *g = SENTINEL_GRAPH;
    CHECK_ERR(read_csv(edges, NULL, &opts, &g), GR_STATUS_CALLBACK, "progress callback");
    CHECK_EQ(calls, 1);
    CHECK(g == SENTINEL_GRAPH);

    gr_cancel *cancel = NULL;
    CHECK_OK(gr_cancel_new(&cancel));
    CHECK_OK(gr_cancel_trigger(cancel));
    CHECK_ERR(gr_graph_read_csv(PATH(edges), NO_NODES, NULL, cancel, &g), GR_STATUS_CANCELLED,
              "");
    CHECK(g == SENTINEL_GRAPH);
    gr_cancel_free(cancel);
}

int main(void)
{
    make_work_dir();

    test_options_init();
    test_read();
    test_round_trip();
    test_malformed();
    test_refused_writes();
    test_progress_and_cancel();

    remove_tree(work_dir);
    return CHECK_SUMMARY();
}
