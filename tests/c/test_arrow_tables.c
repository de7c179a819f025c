/*
 * test_arrow_tables.c: node and edge tables as Arrow streams (schema, one record batch,
 * end of stream; valid after the graph is freed), Arrow arrays read into gr_arrays
 * (offsets, 32-bit string offsets, views, dictionaries, unsigned integers; refusals), and
 * Arrow tables loaded into graphs, all or nothing. valgrind checks that every release
 * frees what it should.
 *
 * Valid C99 and C++17; see run.sh.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_checks.h"

static void add_edge_w(gr_graph *g, int64_t u, int64_t v, double w, const char *label)
{
    gr_buf names[2];
    gr_attr_value values[2];
    names[0] = buf_of("w");
    values[0] = v_f64(w);
    names[1] = buf_of("label");
    values[1] = v_str(label);
    CHECK_OK(gr_graph_add_edge(g, IK(u), IK(v), names, values, label[0] ? 2 : 1));
}

/* A graph 1 -> 2 (w 0.5, "a"), 2 -> 3 (w 1.5, no label), node 9 alone with a color. */
static gr_graph *sample(void)
{
    gr_graph *g = new_graph(true);
    gr_attr_value red = v_str("red");
    add_edge_w(g, 1, 2, 0.5, "a");
    add_edge_w(g, 2, 3, 1.5, "");
    CHECK_OK(gr_graph_add_node(g, IK(9), NULL, NULL, 0));
    CHECK_OK(gr_graph_set_node_attr(g, IK(9), "color", 5, &red));
    return g;
}

static gr_status edge_table(const gr_graph *g, struct ArrowArrayStream *out)
{
    gr_buf attrs[2];
    gr_buf fields[4];
    attrs[0] = buf_of("w");
    attrs[1] = buf_of("label");
    fields[0] = buf_of("source");
    fields[1] = buf_of("target");
    fields[2] = buf_of("w");
    fields[3] = buf_of("label");
    return gr_graph_edge_table_arrow(g, attrs, 2, fields, 4, out);
}

/* The edge table: a struct schema of four named columns, one batch, then the end; the
 * stream and its batch outlive the graph. */
static void test_edge_table_stream(void)
{
    gr_graph *g = sample();
    struct ArrowArrayStream stream;
    struct ArrowSchema schema;
    struct ArrowArray batch;
    struct ArrowArray end;
    const int64_t *sources;
    const double *w;
    const int64_t *offsets;
    const char *data;
    CHECK_OK(edge_table(g, &stream));
    gr_graph_free(g); /* the stream holds what it hands out */
    CHECK(stream.get_schema(&stream, &schema) == 0);
    CHECK_STREQ(schema.format, "+s");
    CHECK(schema.n_children == 4);
    CHECK_STREQ(schema.children[0]->name, "source");
    CHECK_STREQ(schema.children[0]->format, "l");
    CHECK_STREQ(schema.children[2]->format, "g");
    CHECK_STREQ(schema.children[3]->name, "label");
    CHECK_STREQ(schema.children[3]->format, "U");
    schema.release(&schema);
    CHECK(stream.get_next(&stream, &batch) == 0);
    CHECK(batch.release != NULL && batch.length == 2 && batch.n_children == 4);
    sources = (const int64_t *)batch.children[0]->buffers[1];
    CHECK(sources[0] == 1 && sources[1] == 2);
    w = (const double *)batch.children[2]->buffers[1];
    CHECK(w[0] == 0.5 && w[1] == 1.5);
    CHECK(batch.children[3]->null_count == 1);
    offsets = (const int64_t *)batch.children[3]->buffers[1];
    data = (const char *)batch.children[3]->buffers[2];
    CHECK(offsets[1] - offsets[0] == 1 && data[offsets[0]] == 'a');
    CHECK(stream.get_next(&stream, &end) == 0);
    CHECK(end.release == NULL); /* the end of the stream */
    CHECK(stream.get_last_error(&stream) == NULL);
    stream.release(&stream);
    CHECK(stream.release == NULL);
    batch.release(&batch); /* after the stream: the batch keeps its values */
    CHECK(batch.release == NULL);
}

/* Node tables: string keys as large UTF-8; keys of both kinds, a mixed column, an unknown
 * attribute or a wrong field count are refused with the output untouched. */
static void test_node_table_refusals(void)
{
    gr_graph *g = new_graph(false);
    gr_buf attrs[1];
    gr_buf fields[3];
    struct ArrowArrayStream stream;
    struct ArrowSchema schema;
    gr_attr_value one = v_i64(1);
    gr_attr_value half = v_f64(0.5);
    attrs[0] = buf_of("x");
    fields[0] = buf_of("key");
    fields[1] = buf_of("x");
    fields[2] = buf_of("y");
    CHECK_OK(gr_graph_add_node(g, SK("a"), NULL, NULL, 0));
    CHECK_OK(gr_graph_set_node_attr(g, SK("a"), "x", 1, &one));
    CHECK_OK(gr_graph_node_table_arrow(g, attrs, 1, fields, 2, &stream));
    CHECK(stream.get_schema(&stream, &schema) == 0);
    CHECK_STREQ(schema.children[0]->format, "U");
    schema.release(&schema);
    stream.release(&stream);

    memset(&stream, 0xab, sizeof stream);
    CHECK_ERR(gr_graph_node_table_arrow(g, attrs, 1, fields, 1, &stream),
              GR_STATUS_INVALID_ARGUMENT, "1 field names for 2 columns");
    CHECK_ERR(gr_graph_node_table_arrow(g, fields, 2, fields, 3, &stream),
              GR_STATUS_ATTRIBUTE_NOT_FOUND, "'key'");
    CHECK_ERR(gr_graph_node_table_arrow(g, attrs, 1, fields, 2, NULL), GR_STATUS_INVALID_ARGUMENT,
              "output stream is NULL");
    CHECK_OK(gr_graph_add_node(g, SK("b"), NULL, NULL, 0));
    CHECK_OK(gr_graph_set_node_attr(g, SK("b"), "x", 1, &half));
    CHECK_ERR(gr_graph_node_table_arrow(g, attrs, 1, fields, 2, &stream),
              GR_STATUS_INVALID_OPERATION, "attribute 'x' holds values of mixed kinds");
    CHECK_OK(gr_graph_add_node(g, IK(7), NULL, NULL, 0));
    CHECK_ERR(gr_graph_node_table_arrow(g, NULL, 0, fields, 1, &stream),
              GR_STATUS_INVALID_OPERATION, "node keys are of both kinds");
    CHECK(stream.release == (void (*)(struct ArrowArrayStream *))(uintptr_t)0xabababababababab);
    gr_graph_free(g);
}

/* A hand-made Arrow array (nothing to release: the test owns the buffers). */
static struct ArrowArray arrow(int64_t length, int64_t offset, int64_t null_count,
                               const void **buffers, int64_t n_buffers)
{
    struct ArrowArray a;
    memset(&a, 0, sizeof a);
    a.length = length;
    a.offset = offset;
    a.null_count = null_count;
    a.buffers = buffers;
    a.n_buffers = n_buffers;
    return a;
}

static struct ArrowSchema schema_of(const char *format)
{
    struct ArrowSchema s;
    memset(&s, 0, sizeof s);
    s.format = format;
    return s;
}

/* Arrays read into gr_arrays: an offset, 32-bit string offsets with a null, a view (short
 * and long), a dictionary, uint8 widened, and the export read back. */
static void test_array_from_arrow(void)
{
    static const int32_t ints[5] = {0, 0, 7, 8, 9};
    static const uint8_t valid[1] = {0x1d}; /* rows 0, 2, 3, 4 valid: offset 2 -> all */
    static const int32_t offsets[4] = {0, 2, 2, 5};
    static const char chars[] = "hiabc";
    static const uint8_t str_valid[1] = {0x05}; /* row 1 null */
    static const uint8_t small[2] = {200, 1};
    static const int8_t indices[3] = {1, 0, 1};
    static const char long_text[] = "a string longer than twelve";
    const void *int_bufs[2];
    const void *str_bufs[3];
    const void *small_bufs[2];
    const void *index_bufs[2];
    const void *view_bufs[4];
    unsigned char views[32];
    int64_t sizes[1];
    int32_t len;
    int32_t zero = 0;
    struct ArrowArray a;
    struct ArrowArray dict;
    struct ArrowSchema s;
    struct ArrowSchema dict_schema;
    gr_array *out = NULL;
    const void *data = NULL;
    size_t n = 0;
    gr_attr_tag kind = GR_ATTR_NULL;
    gr_attr_value v;

    int_bufs[0] = valid;
    int_bufs[1] = ints;
    a = arrow(3, 2, 0, int_bufs, 2);
    s = schema_of("i");
    CHECK_OK(gr_array_from_arrow(&a, &s, &out));
    CHECK_OK(gr_array_info(out, &n, &kind, &data));
    CHECK(n == 3 && kind == GR_ATTR_INT32);
    CHECK(((const int32_t *)data)[0] == 7 && ((const int32_t *)data)[2] == 9);
    gr_array_free(out);

    str_bufs[0] = str_valid;
    str_bufs[1] = offsets;
    str_bufs[2] = chars;
    a = arrow(3, 0, 1, str_bufs, 3);
    s = schema_of("u");
    CHECK_OK(gr_array_from_arrow(&a, &s, &out));
    CHECK_OK(gr_array_get(out, 2, &v));
    CHECK(v.tag == GR_ATTR_STRING && v.data.buf.len == 3 && memcmp(v.data.buf.ptr, "abc", 3) == 0);
    gr_attr_value_release(&v);
    CHECK_OK(gr_array_get(out, 1, &v));
    CHECK(v.tag == GR_ATTR_NULL);
    gr_array_free(out);

    small_bufs[0] = NULL;
    small_bufs[1] = small;
    a = arrow(2, 0, 0, small_bufs, 2);
    s = schema_of("C");
    CHECK_OK(gr_array_from_arrow(&a, &s, &out));
    CHECK_OK(gr_array_info(out, &n, &kind, &data));
    CHECK(kind == GR_ATTR_INT16 && ((const int16_t *)data)[0] == 200);
    gr_array_free(out);

    /* A dictionary of the strings above, indexed 1, 0, 1 (row 1 of the dictionary null). */
    index_bufs[0] = NULL;
    index_bufs[1] = indices;
    a = arrow(3, 0, 0, index_bufs, 2);
    dict = arrow(3, 0, 1, str_bufs, 3);
    a.dictionary = &dict;
    s = schema_of("c");
    dict_schema = schema_of("u");
    s.dictionary = &dict_schema;
    CHECK_OK(gr_array_from_arrow(&a, &s, &out));
    CHECK_OK(gr_array_get(out, 1, &v));
    CHECK(v.tag == GR_ATTR_STRING && v.data.buf.len == 2);
    gr_attr_value_release(&v);
    CHECK_OK(gr_array_get(out, 0, &v));
    CHECK(v.tag == GR_ATTR_NULL); /* an index of a null entry is null */
    gr_array_free(out);

    /* Views: "hi" inline, the long string in data buffer 0. */
    memset(views, 0, sizeof views);
    len = 2;
    memcpy(views, &len, 4);
    memcpy(views + 4, "hi", 2);
    len = (int32_t)strlen(long_text);
    memcpy(views + 16, &len, 4);
    memcpy(views + 20, long_text, 4);
    memcpy(views + 24, &zero, 4);
    memcpy(views + 28, &zero, 4);
    sizes[0] = len;
    view_bufs[0] = NULL;
    view_bufs[1] = views;
    view_bufs[2] = long_text;
    view_bufs[3] = sizes;
    a = arrow(2, 0, 0, view_bufs, 4);
    s = schema_of("vu");
    CHECK_OK(gr_array_from_arrow(&a, &s, &out));
    CHECK_OK(gr_array_get(out, 1, &v));
    CHECK(v.tag == GR_ATTR_STRING && v.data.buf.len == strlen(long_text));
    gr_attr_value_release(&v);
    gr_array_free(out);
    sizes[0] = 3; /* a view past its buffer */
    CHECK_ERR(gr_array_from_arrow(&a, &s, &out), GR_STATUS_INVALID_ARGUMENT,
              "view points past its buffer");

    /* Refusals: an unread type, offsets going backwards, too few buffers, NULL. */
    a = arrow(3, 0, 0, int_bufs, 2);
    s = schema_of("tdD");
    out = NULL;
    CHECK_ERR(gr_array_from_arrow(&a, &s, &out), GR_STATUS_INVALID_ARGUMENT,
              "the Arrow type 'tdD' is not read");
    {
        static const int32_t backwards[3] = {0, 3, 1};
        str_bufs[1] = backwards;
        a = arrow(2, 0, 0, str_bufs, 3);
        s = schema_of("u");
        str_bufs[0] = NULL;
        CHECK_ERR(gr_array_from_arrow(&a, &s, &out), GR_STATUS_INVALID_ARGUMENT,
                  "offsets go backwards");
    }
    a = arrow(1, 0, 0, int_bufs, 1);
    s = schema_of("i");
    CHECK_ERR(gr_array_from_arrow(&a, &s, &out), GR_STATUS_INVALID_ARGUMENT, "buffer 1 is needed");
    CHECK_ERR(gr_array_from_arrow(NULL, &s, &out), GR_STATUS_INVALID_ARGUMENT, "array is NULL");
    CHECK(out == NULL);
}

/* A graph's own tables load into another graph: same nodes (in order), edges and
 * attributes; absent values stay absent. */
static void test_tables_round_trip(void)
{
    gr_graph *g = sample();
    gr_graph *h = new_graph(true);
    gr_buf node_attrs[1];
    gr_buf node_fields[2];
    struct ArrowArrayStream nodes;
    struct ArrowArrayStream edges;
    gr_attr_value v;
    bool found = true;
    node_attrs[0] = buf_of("color");
    node_fields[0] = buf_of("key");
    node_fields[1] = buf_of("color");
    CHECK_OK(gr_graph_node_table_arrow(g, node_attrs, 1, node_fields, 2, &nodes));
    CHECK_OK(edge_table(g, &edges));
    CHECK_OK(gr_graph_add_nodes_arrow(h, &nodes, NULL, NULL, "key", 3));
    CHECK_OK(gr_graph_add_edges_arrow(h, &edges, NULL, NULL, "source", 6, "target", 6));
    nodes.release(&nodes);
    edges.release(&edges);
    CHECK_NODES(h, "1,2,3,9");
    CHECK_EDGES(h, "1,2", "2,3");
    CHECK_OK(gr_graph_get_edge_attr(h, IK(1), IK(2), "label", 5, &v, &found));
    CHECK(found && v.tag == GR_ATTR_STRING);
    gr_attr_value_release(&v);
    CHECK_OK(gr_graph_get_edge_attr(h, IK(2), IK(3), "label", 5, &v, &found));
    CHECK(!found); /* a null in the table: no attribute */
    CHECK_OK(gr_graph_get_node_attr(h, IK(1), "color", 5, &v, &found));
    CHECK(!found);
    gr_graph_free(g);
    gr_graph_free(h);
}

/* Bad tables change nothing: a missing key column, a null key, a plain array. */
static void test_bad_tables_change_nothing(void)
{
    gr_graph *g = sample();
    gr_graph *h = new_graph(false);
    struct ArrowArrayStream edges;
    static const int64_t sources[2] = {4, 5};
    static const int64_t targets[2] = {5, 6};
    static const uint8_t one_null[1] = {0x01};
    const void *source_bufs[2];
    const void *target_bufs[2];
    struct ArrowArray columns[2];
    struct ArrowArray *children[2];
    struct ArrowArray batch;
    struct ArrowSchema fields[2];
    struct ArrowSchema *field_ptrs[2];
    struct ArrowSchema schema;
    size_t count = 1;

    CHECK_OK(gr_graph_add_node(h, IK(42), NULL, NULL, 0));
    CHECK_OK(edge_table(g, &edges));
    CHECK_ERR(gr_graph_add_edges_arrow(h, &edges, NULL, NULL, "src", 3, "target", 6),
              GR_STATUS_INVALID_ARGUMENT, "no source column 'src'");
    edges.release(&edges);

    source_bufs[0] = one_null;
    source_bufs[1] = sources;
    target_bufs[0] = NULL;
    target_bufs[1] = targets;
    columns[0] = arrow(2, 0, 1, source_bufs, 2);
    columns[1] = arrow(2, 0, 0, target_bufs, 2);
    children[0] = &columns[0];
    children[1] = &columns[1];
    batch = arrow(2, 0, 0, NULL, 0);
    batch.n_children = 2;
    batch.children = children;
    fields[0] = schema_of("l");
    fields[0].name = "source";
    fields[1] = schema_of("l");
    fields[1].name = "target";
    field_ptrs[0] = &fields[0];
    field_ptrs[1] = &fields[1];
    schema = schema_of("+s");
    schema.n_children = 2;
    schema.children = field_ptrs;
    CHECK_ERR(gr_graph_add_edges_arrow(h, NULL, &batch, &schema, "source", 6, "target", 6),
              GR_STATUS_INVALID_ARGUMENT, "the source column 'source' has a null at row 1");
    CHECK_ERR(gr_graph_add_edges_arrow(h, NULL, &columns[0], &fields[0], "source", 6, "target", 6),
              GR_STATUS_INVALID_ARGUMENT, "not a table");
    CHECK_ERR(gr_graph_add_nodes_arrow(NULL, NULL, &batch, &schema, "key", 3),
              GR_STATUS_INVALID_ARGUMENT, "graph is NULL");
    CHECK_ERR(gr_graph_add_nodes_arrow(h, NULL, NULL, &schema, "key", 3),
              GR_STATUS_INVALID_ARGUMENT, "batch is NULL");
    CHECK_OK(gr_graph_node_count(h, &count));
    CHECK(count == 1);
    CHECK_NODES(h, "42");

    columns[0].null_count = 0;
    source_bufs[0] = NULL;
    CHECK_OK(gr_graph_add_edges_arrow(h, NULL, &batch, &schema, "source", 6, "target", 6));
    CHECK_NODES(h, "42,4,5,6");
    CHECK_EDGES(h, "4,5", "5,6");
    gr_graph_free(g);
    gr_graph_free(h);
}

int main(void)
{
    test_edge_table_stream();
    test_node_table_refusals();
    test_array_from_arrow();
    test_tables_round_trip();
    test_bad_tables_change_nothing();
    return CHECK_SUMMARY();
}
