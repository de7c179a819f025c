/*
 * test_graph.c: the graph API of include/groggy.h used the way a C or C++ program would,
 * read back through every accessor.
 *
 * Covers: versions and status strings; directed and undirected graphs; int and string
 * keys (1 and "1" are different nodes; empty, non-ASCII and NUL-holding string keys;
 * INT64_MIN/MAX); every attribute kind on nodes and edges, read back through
 * gr_graph_get_*_attr (owned values, released), gr_graph_*_attrs maps (borrowed values)
 * and the attribute name lists; key lists through gr_keys_view and gr_keys_get;
 * neighbours, successors, predecessors; degree, in/out degree and gr_graph_degrees;
 * counts; removal and the order of what remains; copy; subgraph; clear; batch
 * gr_graph_add_nodes / gr_graph_add_edges with int and string keys and sparse attributes.
 *
 * Valid C99 and C++17; see run.sh.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* ----- helpers --------------------------------------------------------------------------- */

typedef gr_status (*node_list_fn)(const gr_graph *, int64_t, const char *, size_t, gr_keys **);
typedef gr_status (*node_count_fn)(const gr_graph *, int64_t, const char *, size_t, size_t *);

static gr_graph *new_graph(bool directed)
{
    gr_graph *g = NULL;
    bool d = !directed;
    CHECK_OK(gr_graph_new(directed, &g));
    CHECK(g != NULL);
    CHECK_OK(gr_graph_is_directed(g, &d));
    CHECK(d == directed);
    return g;
}

static bool has_node(const gr_graph *g, int64_t k, const char *ks, size_t kl)
{
    bool found = false;
    CHECK_OK(gr_graph_has_node(g, k, ks, kl, &found));
    return found;
}

static bool has_edge(const gr_graph *g, int64_t u, const char *us, size_t ul, int64_t v,
                     const char *vs, size_t vl)
{
    bool found = false;
    CHECK_OK(gr_graph_has_edge(g, u, us, ul, v, vs, vl, &found));
    return found;
}

static void check_nodes_at(const char *file, int line, const gr_graph *g, const char *expected)
{
    gr_keys *keys = NULL;
    char buf[4096];
    CHECK_OK(gr_graph_nodes(g, &keys));
    keys_format_at(file, line, keys, buf, sizeof buf);
    gr_keys_free(keys);
    if (strcmp(buf, expected) != 0) {
        check_fail(file, line, "nodes [%s] != [%s]", buf, expected);
    }
    check_pass();
}
#define CHECK_NODES(g, expected) check_nodes_at(__FILE__, __LINE__, (g), (expected))

static void check_edges_at(const char *file, int line, const gr_graph *g,
                           const char *expected_sources, const char *expected_targets)
{
    gr_keys *sources = NULL;
    gr_keys *targets = NULL;
    char s[4096];
    char t[4096];
    CHECK_OK(gr_graph_edges(g, &sources, &targets));
    keys_format_at(file, line, sources, s, sizeof s);
    keys_format_at(file, line, targets, t, sizeof t);
    gr_keys_free(sources);
    gr_keys_free(targets);
    if (strcmp(s, expected_sources) != 0 || strcmp(t, expected_targets) != 0) {
        check_fail(file, line, "edges [%s] -> [%s] != [%s] -> [%s]", s, t, expected_sources,
                   expected_targets);
    }
    check_pass();
}
#define CHECK_EDGES(g, sources, targets) \
    check_edges_at(__FILE__, __LINE__, (g), (sources), (targets))

static void check_list_at(const char *file, int line, node_list_fn fn, const char *fn_name,
                          const gr_graph *g, int64_t k, const char *ks, size_t kl,
                          const char *expected)
{
    gr_keys *keys = NULL;
    char buf[4096];
    gr_status s = fn(g, k, ks, kl, &keys);
    if (s != GR_STATUS_OK || keys == NULL) {
        check_fail(file, line, "%s: status %d", fn_name, (int)s);
    }
    keys_format_at(file, line, keys, buf, sizeof buf);
    gr_keys_free(keys);
    if (strcmp(buf, expected) != 0) {
        check_fail(file, line, "%s [%s] != [%s]", fn_name, buf, expected);
    }
    check_pass();
}
#define CHECK_NEIGHBORS(g, KEY, expected) \
    check_list_at(__FILE__, __LINE__, gr_graph_neighbors, "neighbors", (g), KEY, (expected))
#define CHECK_SUCCESSORS(g, KEY, expected) \
    check_list_at(__FILE__, __LINE__, gr_graph_successors, "successors", (g), KEY, (expected))
#define CHECK_PREDECESSORS(g, KEY, expected)                                                  \
    check_list_at(__FILE__, __LINE__, gr_graph_predecessors, "predecessors", (g), KEY, \
                  (expected))

static void check_count_at(const char *file, int line, node_count_fn fn, const char *fn_name,
                           const gr_graph *g, int64_t k, const char *ks, size_t kl,
                           size_t expected)
{
    size_t d = 12345;
    gr_status s = fn(g, k, ks, kl, &d);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "%s: status %d", fn_name, (int)s);
    }
    if (d != expected) {
        check_fail(file, line, "%s: %zu != %zu", fn_name, d, expected);
    }
    check_pass();
}
/* degree, in_degree, out_degree of one node. */
#define CHECK_DEGREES(g, KEY, deg, in, out)                                                    \
    do {                                                                                       \
        check_count_at(__FILE__, __LINE__, gr_graph_degree, "degree", (g), KEY, (deg));        \
        check_count_at(__FILE__, __LINE__, gr_graph_in_degree, "in_degree", (g), KEY, (in));   \
        check_count_at(__FILE__, __LINE__, gr_graph_out_degree, "out_degree", (g), KEY, (out)); \
    } while (0)

/* Reads a node attribute that must be present, compares it, releases it. */
static bool is_buffer_kind(gr_attr_tag tag)
{
    return tag == GR_ATTR_STRING || tag == GR_ATTR_BYTES;
}

static void check_node_attr_at(const char *file, int line, const gr_graph *g, int64_t k,
                               const char *ks, size_t kl, const char *name, size_t name_len,
                               const gr_attr_value *expected)
{
    gr_attr_value v = v_i64(0x5eed);
    bool found = false;
    gr_status s = gr_graph_get_node_attr(g, k, ks, kl, name, name_len, &v, &found);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "get_node_attr(%.*s): status %d", (int)name_len, name, (int)s);
    }
    if (!found) {
        check_fail(file, line, "get_node_attr(%.*s): not found", (int)name_len, name);
    }
    check_value_at(file, line, name, &v, expected);
    /* Releasing frees strings and bytes (resetting them to NULL) and leaves others alone. */
    gr_attr_value_release(&v);
    if (v.tag != (is_buffer_kind(expected->tag) ? GR_ATTR_NULL : expected->tag)) {
        check_fail(file, line, "gr_attr_value_release left tag %d", (int)v.tag);
    }
}
#define CHECK_NODE_ATTR(g, KEY, name, expected) \
    check_node_attr_at(__FILE__, __LINE__, (g), KEY, (name), strlen(name), (expected))

static void check_edge_attr_at(const char *file, int line, const gr_graph *g, int64_t u,
                               const char *us, size_t ul, int64_t w, const char *ws, size_t wl,
                               const char *name, const gr_attr_value *expected)
{
    gr_attr_value v = v_i64(0x5eed);
    bool found = false;
    gr_status s = gr_graph_get_edge_attr(g, u, us, ul, w, ws, wl, name, strlen(name), &v, &found);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "get_edge_attr(%s): status %d", name, (int)s);
    }
    if (!found) {
        check_fail(file, line, "get_edge_attr(%s): not found", name);
    }
    check_value_at(file, line, name, &v, expected);
    /* Releasing frees strings and bytes (resetting them to NULL) and leaves others alone. */
    gr_attr_value_release(&v);
    if (v.tag != (is_buffer_kind(expected->tag) ? GR_ATTR_NULL : expected->tag)) {
        check_fail(file, line, "gr_attr_value_release left tag %d", (int)v.tag);
    }
}
#define CHECK_EDGE_ATTR(g, U, V, name, expected) \
    check_edge_attr_at(__FILE__, __LINE__, (g), U, V, (name), (expected))

/* A node lacks an attribute: found is false and the output value is untouched. */
static void check_node_attr_absent_at(const char *file, int line, const gr_graph *g, int64_t k,
                                      const char *ks, size_t kl, const char *name)
{
    gr_attr_value v = v_i32(-777);
    gr_attr_value sentinel = v_i32(-777);
    bool found = true;
    gr_status s = gr_graph_get_node_attr(g, k, ks, kl, name, strlen(name), &v, &found);
    if (s != GR_STATUS_OK || found) {
        check_fail(file, line, "get_node_attr(%s): status %d, found %d (expected absent)", name,
                   (int)s, (int)found);
    }
    check_value_at(file, line, "untouched output", &v, &sentinel);
}
#define CHECK_NODE_ATTR_ABSENT(g, KEY, name) \
    check_node_attr_absent_at(__FILE__, __LINE__, (g), KEY, (name))

static void check_edge_attr_absent_at(const char *file, int line, const gr_graph *g, int64_t u,
                                      const char *us, size_t ul, int64_t w, const char *ws,
                                      size_t wl, const char *name)
{
    gr_attr_value v = v_i32(-777);
    gr_attr_value sentinel = v_i32(-777);
    bool found = true;
    gr_status s = gr_graph_get_edge_attr(g, u, us, ul, w, ws, wl, name, strlen(name), &v, &found);
    if (s != GR_STATUS_OK || found) {
        check_fail(file, line, "get_edge_attr(%s): status %d, found %d (expected absent)", name,
                   (int)s, (int)found);
    }
    check_value_at(file, line, "untouched output", &v, &sentinel);
}
#define CHECK_EDGE_ATTR_ABSENT(g, U, V, name) \
    check_edge_attr_absent_at(__FILE__, __LINE__, (g), U, V, (name))

/* An attribute map holds exactly `n` entries: names[i] with values[i], in this order. */
static void check_map_at(const char *file, int line, const gr_attr_map *map, size_t n,
                         const char *const *names, const gr_attr_value *values)
{
    size_t len = 999;
    const gr_buf *map_names = NULL;
    const gr_attr_value *map_values = NULL;
    size_t i;
    gr_status s = gr_attr_map_entries(map, &len, &map_names, &map_values);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_attr_map_entries: status %d", (int)s);
    }
    if (len != n) {
        check_fail(file, line, "attribute map has %zu entries, expected %zu", len, n);
    }
    if (n == 0 && (map_names != NULL || map_values != NULL)) {
        check_fail(file, line, "empty attribute map: pointers are not NULL");
    }
    for (i = 0; i < n; i++) {
        if (map_names[i].len != strlen(names[i]) ||
            memcmp(map_names[i].ptr, names[i], map_names[i].len) != 0) {
            check_fail(file, line, "attribute map entry %zu: name \"%.*s\" != \"%s\"", i,
                       (int)map_names[i].len, (const char *)map_names[i].ptr, names[i]);
        }
        check_value_at(file, line, names[i], &map_values[i], &values[i]);
    }
    check_pass();
}

static void check_node_map_at(const char *file, int line, const gr_graph *g, int64_t k,
                              const char *ks, size_t kl, size_t n, const char *const *names,
                              const gr_attr_value *values)
{
    gr_attr_map *map = NULL;
    gr_status s = gr_graph_node_attrs(g, k, ks, kl, &map);
    if (s != GR_STATUS_OK || map == NULL) {
        check_fail(file, line, "gr_graph_node_attrs: status %d", (int)s);
    }
    check_map_at(file, line, map, n, names, values);
    gr_attr_map_free(map);
}
#define CHECK_NODE_MAP(g, KEY, n, names, values) \
    check_node_map_at(__FILE__, __LINE__, (g), KEY, (n), (names), (values))

static void check_edge_map_at(const char *file, int line, const gr_graph *g, int64_t u,
                              const char *us, size_t ul, int64_t w, const char *ws, size_t wl,
                              size_t n, const char *const *names, const gr_attr_value *values)
{
    gr_attr_map *map = NULL;
    gr_status s = gr_graph_edge_attrs(g, u, us, ul, w, ws, wl, &map);
    if (s != GR_STATUS_OK || map == NULL) {
        check_fail(file, line, "gr_graph_edge_attrs: status %d", (int)s);
    }
    check_map_at(file, line, map, n, names, values);
    gr_attr_map_free(map);
}
#define CHECK_EDGE_MAP(g, U, V, n, names, values) \
    check_edge_map_at(__FILE__, __LINE__, (g), U, V, (n), (names), (values))

static void check_node_attr_names_at(const char *file, int line, const gr_graph *g,
                                     const char *expected)
{
    gr_string_list *names = NULL;
    CHECK_OK(gr_graph_node_attr_names(g, &names));
    check_string_list_at(file, line, names, expected);
    gr_string_list_free(names);
}
#define CHECK_NODE_ATTR_NAMES(g, expected) \
    check_node_attr_names_at(__FILE__, __LINE__, (g), (expected))

static void check_edge_attr_names_at(const char *file, int line, const gr_graph *g,
                                     const char *expected)
{
    gr_string_list *names = NULL;
    CHECK_OK(gr_graph_edge_attr_names(g, &names));
    check_string_list_at(file, line, names, expected);
    gr_string_list_free(names);
}
#define CHECK_EDGE_ATTR_NAMES(g, expected) \
    check_edge_attr_names_at(__FILE__, __LINE__, (g), (expected))

/* ----- the attribute kinds --------------------------------------------------------------- */

/* "héllo wörld ✓ 日本 🚀": 2-, 3- and 4-byte UTF-8 sequences. */
static const char UTF8_TEXT[] =
    "h\xc3\xa9llo w\xc3\xb6rld \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x9a\x80";
/* "日本語" */
static const char UTF8_TEXT2[] = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";
/* Bytes with embedded (and leading and trailing) zero bytes. */
static const unsigned char BYTES_DATA[7] = {0x00, 0x01, 0x00, 0xff, 0x00, 0x78, 0x00};
static const unsigned char ZERO_BYTE[1] = {0x00};

enum { N_KINDS = 14 };
static const char *const KIND_NAMES[N_KINDS] = {
    "null", "bool", "i8", "i16", "i32", "i64", "f32", "f64",
    "str", "empty_str", "utf8", "bytes", "empty_bytes", "zero_byte",
};

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

/* ----- tests ------------------------------------------------------------------------------ */

static void test_versions(void)
{
    char built[64];
    const char *v = gr_version();
    CHECK(v != NULL);
    CHECK_STREQ(v, GR_VERSION_STRING);
    CHECK_EQ(GR_ABI_VERSION, 2);
    CHECK_EQ(gr_abi_version(), GR_ABI_VERSION);
    snprintf(built, sizeof built, "%d.%d.%d", GR_VERSION_MAJOR, GR_VERSION_MINOR,
             GR_VERSION_PATCH);
    CHECK_STREQ(built, GR_VERSION_STRING);
    /* Static: the same pointer every time. */
    CHECK(gr_version() == v);
}

static void test_status_strings(void)
{
    static const gr_status known[] = {
        GR_STATUS_OK, GR_STATUS_NODE_NOT_FOUND, GR_STATUS_EDGE_NOT_FOUND,
        GR_STATUS_INVALID_OPERATION, GR_STATUS_INVALID_ARGUMENT, GR_STATUS_OUT_OF_MEMORY,
        GR_STATUS_ALGORITHM, GR_STATUS_NO_PATH, GR_STATUS_IO, GR_STATUS_CANCELLED,
        GR_STATUS_INTERNAL, GR_STATUS_ATTRIBUTE_NOT_FOUND, GR_STATUS_CALLBACK,
    };
    static const gr_status unknown[] = {13, 99, 1000, -1, INT32_MIN, INT32_MAX};
    const size_t n_known = sizeof known / sizeof known[0];
    const char *unknown_text = gr_status_str(99);
    size_t i;
    size_t j;
    /* Codes are numbered explicitly and never change. */
    CHECK_EQ(GR_STATUS_OK, 0);
    CHECK_EQ(GR_STATUS_NODE_NOT_FOUND, 1);
    CHECK_EQ(GR_STATUS_EDGE_NOT_FOUND, 2);
    CHECK_EQ(GR_STATUS_INVALID_OPERATION, 3);
    CHECK_EQ(GR_STATUS_INVALID_ARGUMENT, 4);
    CHECK_EQ(GR_STATUS_OUT_OF_MEMORY, 5);
    CHECK_EQ(GR_STATUS_ALGORITHM, 6);
    CHECK_EQ(GR_STATUS_NO_PATH, 7);
    CHECK_EQ(GR_STATUS_IO, 8);
    CHECK_EQ(GR_STATUS_CANCELLED, 9);
    CHECK_EQ(GR_STATUS_INTERNAL, 10);
    CHECK_EQ(GR_STATUS_ATTRIBUTE_NOT_FOUND, 11);
    CHECK_EQ(GR_STATUS_CALLBACK, 12);
    CHECK(unknown_text != NULL && unknown_text[0] != '\0');
    for (i = 0; i < n_known; i++) {
        const char *text = gr_status_str(known[i]);
        CHECK(text != NULL);
        CHECK(text[0] != '\0');
        /* Each known code has its own description, different from the unknown one. */
        CHECK(strcmp(text, unknown_text) != 0);
        for (j = 0; j < i; j++) {
            CHECK(strcmp(text, gr_status_str(known[j])) != 0);
        }
    }
    for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        const char *text = gr_status_str(unknown[i]);
        CHECK(text != NULL);
        CHECK(text[0] != '\0');
        CHECK_STREQ(text, unknown_text);
    }
    /* The last error message is "" before any failure on a thread. */
    CHECK(gr_last_error_message() != NULL);
    CHECK_STREQ(gr_last_error_message(), "");
}

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

/* Keys of every shape, topology queries, degrees. */
static void test_keys_and_topology(bool directed)
{
    gr_graph *g = new_graph(directed);
    static const char NUL_KEY[4] = {'n', '\0', 'u', 'l'};
    CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("1"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("a"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(-5), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SKN("", 0), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("\xe6\x97\xa5\xe6\x9c\xac"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(INT64_MIN), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(INT64_MAX), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SKN(NUL_KEY, 4), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(0), NULL, NULL, 0));
    /* Re-adding changes nothing. */
    CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("1"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SKN("", 0), NULL, NULL, 0));
    CHECK_EQ(node_count(g), 10);
    CHECK_EQ(edge_count(g), 0);
    CHECK_NODES(g, "1,'1','a',-5,'','\xe6\x97\xa5\xe6\x9c\xac',-9223372036854775808,"
                   "9223372036854775807,'n\\0ul',0");
    CHECK(has_node(g, IK(1)));
    CHECK(has_node(g, SK("1")));
    CHECK(has_node(g, SKN("", 0)));
    CHECK(has_node(g, SKN(NUL_KEY, 4)));
    CHECK(has_node(g, IK(INT64_MIN)));
    CHECK(has_node(g, IK(0)));
    CHECK(!has_node(g, IK(2)));
    CHECK(!has_node(g, SK("A")));
    CHECK(!has_node(g, SK("0")));
    CHECK(!has_node(g, SK("-5")));
    CHECK(!has_node(g, SKN(NUL_KEY, 1))); /* "n" is a different key from "n\0ul" */
    CHECK(!has_node(g, SK("1 ")));
    /* key is ignored for a string key. */
    CHECK(has_node(g, (int64_t)77, "a", (size_t)1));

    /* An empty list: len 0 and NULL pointers. */
    {
        gr_keys *keys = NULL;
        size_t len = 99;
        const int64_t *ints = (const int64_t *)&len;
        const uint8_t *kinds = (const uint8_t *)&len;
        const uint8_t *data = (const uint8_t *)&len;
        const size_t *offsets = &len;
        CHECK_OK(gr_graph_neighbors(g, IK(1), &keys));
        CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
        CHECK_EQ(len, 0);
        CHECK(ints == NULL && kinds == NULL && data == NULL && offsets == NULL);
        gr_keys_free(keys);
    }

    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("1"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("a"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("a"), IK(1), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("1"), SK("1"), NULL, NULL, 0)); /* self-loop */
    CHECK_OK(gr_graph_add_edge(g, IK(-5), IK(1), NULL, NULL, 0));
    /* An edge creates missing endpoints, in order. */
    CHECK_OK(gr_graph_add_edge(g, IK(100), SK("new"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(200), IK(200), NULL, NULL, 0)); /* lone self-loop */
    CHECK_EQ(node_count(g), 13);
    CHECK_NODES(g, "1,'1','a',-5,'','\xe6\x97\xa5\xe6\x9c\xac',-9223372036854775808,"
                   "9223372036854775807,'n\\0ul',0,100,'new',200");

    CHECK(has_edge(g, IK(1), SK("1")));
    CHECK(!has_edge(g, IK(1), IK(1)));
    CHECK(!has_edge(g, SK("1"), SK("a")));
    CHECK(has_edge(g, SK("1"), SK("1")));
    CHECK(!has_edge(g, IK(1), IK(404))); /* missing endpoint: false, not an error */
    CHECK(!has_edge(g, IK(404), IK(405)));
    CHECK(has_edge(g, IK(200), IK(200)));

    if (directed) {
        CHECK_EQ(edge_count(g), 7);
        CHECK_EDGES(g, "1,1,'a','1',-5,100,200", "'1','a',1,'1',1,'new',200");
        CHECK(!has_edge(g, SK("1"), IK(1)));
        CHECK(has_edge(g, SK("a"), IK(1)));
        CHECK(!has_edge(g, SK("new"), IK(100)));
        CHECK_NEIGHBORS(g, IK(1), "'1','a'");
        CHECK_SUCCESSORS(g, IK(1), "'1','a'");
        CHECK_PREDECESSORS(g, IK(1), "'a',-5");
        CHECK_DEGREES(g, IK(1), 4, 2, 2);
        CHECK_NEIGHBORS(g, SK("1"), "'1'");
        CHECK_PREDECESSORS(g, SK("1"), "1,'1'");
        CHECK_DEGREES(g, SK("1"), 3, 2, 1);
        CHECK_DEGREES(g, SK("a"), 2, 1, 1);
        CHECK_DEGREES(g, IK(-5), 1, 0, 1);
        CHECK_PREDECESSORS(g, IK(-5), "");
        /* A directed self-loop is one in-edge and one out-edge. */
        CHECK_NEIGHBORS(g, IK(200), "200");
        CHECK_PREDECESSORS(g, IK(200), "200");
        CHECK_DEGREES(g, IK(200), 2, 1, 1);
        CHECK_DEGREES(g, SK("new"), 1, 1, 0);
        CHECK_NEIGHBORS(g, SK("new"), "");
        CHECK_PREDECESSORS(g, SK("new"), "100");
    } else {
        /* "a" - 1 is the edge 1 - "a" again. */
        CHECK_EQ(edge_count(g), 6);
        CHECK_EDGES(g, "1,1,'1',-5,100,200", "'1','a','1',1,'new',200");
        CHECK(has_edge(g, SK("1"), IK(1)));
        CHECK(has_edge(g, SK("a"), IK(1)));
        CHECK(has_edge(g, SK("new"), IK(100)));
        CHECK_NEIGHBORS(g, IK(1), "'1','a',-5");
        CHECK_SUCCESSORS(g, IK(1), "'1','a',-5");
        CHECK_PREDECESSORS(g, IK(1), "'1','a',-5");
        CHECK_DEGREES(g, IK(1), 3, 3, 3);
        /* An undirected self-loop counts twice in the degree, once among neighbours. */
        CHECK_NEIGHBORS(g, SK("1"), "1,'1'");
        CHECK_DEGREES(g, SK("1"), 3, 3, 3);
        CHECK_NEIGHBORS(g, IK(200), "200");
        CHECK_DEGREES(g, IK(200), 2, 2, 2);
        CHECK_NEIGHBORS(g, SK("new"), "100");
        CHECK_DEGREES(g, SK("new"), 1, 1, 1);
        CHECK_DEGREES(g, IK(-5), 1, 1, 1);
    }
    CHECK_DEGREES(g, IK(0), 0, 0, 0);
    CHECK_DEGREES(g, SKN("", 0), 0, 0, 0);
    CHECK_NEIGHBORS(g, SKN(NUL_KEY, 4), "");

    /* degrees: node keys in order and an int64 array that agrees with gr_graph_degree. */
    {
        gr_keys *keys = NULL;
        gr_array *degrees = NULL;
        size_t len = 0;
        gr_attr_tag kind = -1;
        const void *data = NULL;
        const int64_t *d;
        size_t i;
        size_t n_keys = 0;
        const int64_t *ints = NULL;
        const uint8_t *kinds = NULL;
        const uint8_t *str_data = NULL;
        const size_t *offsets = NULL;
        int64_t saved[16];
        CHECK_OK(gr_graph_degrees(g, &keys, &degrees));
        CHECK_KEYS(keys, "1,'1','a',-5,'','\xe6\x97\xa5\xe6\x9c\xac',-9223372036854775808,"
                         "9223372036854775807,'n\\0ul',0,100,'new',200");
        CHECK_OK(gr_array_info(degrees, &len, &kind, &data));
        CHECK_EQ(len, 13);
        CHECK_EQ(kind, GR_ATTR_INT64);
        CHECK(data != NULL);
        d = (const int64_t *)data;
        CHECK_OK(gr_keys_view(keys, &n_keys, &ints, &kinds, &str_data, &offsets));
        CHECK_EQ(n_keys, len);
        CHECK(kinds != NULL);
        for (i = 0; i < len; i++) {
            int64_t k = 0;
            const char *ks = NULL;
            size_t kl = 0;
            size_t deg = 0;
            gr_attr_value v = v_null();
            gr_attr_value expected = v_i64(d[i]);
            CHECK_OK(gr_keys_get(keys, i, &k, &ks, &kl));
            CHECK_OK(gr_graph_degree(g, k, ks, kl, &deg));
            CHECK_EQ(d[i], deg);
            CHECK_OK(gr_array_get(degrees, i, &v));
            CHECK_VALUE(&v, &expected);
            gr_attr_value_release(&v);
            saved[i] = d[i];
        }
        CHECK_EQ(d[0], directed ? 4 : 3);
        CHECK_EQ(d[12], 2);
        /* The array and keys are snapshots: they survive changes and the graph's end. */
        CHECK_OK(gr_graph_add_edge(g, IK(0), IK(1), NULL, NULL, 0));
        CHECK_OK(gr_graph_remove_node(g, SK("a")));
        gr_graph_free(g);
        g = NULL;
        CHECK_OK(gr_array_info(degrees, &len, &kind, &data));
        CHECK_EQ(len, 13);
        d = (const int64_t *)data;
        for (i = 0; i < len; i++) {
            CHECK_EQ(d[i], saved[i]);
        }
        CHECK_KEYS(keys, "1,'1','a',-5,'','\xe6\x97\xa5\xe6\x9c\xac',-9223372036854775808,"
                         "9223372036854775807,'n\\0ul',0,100,'new',200");
        gr_array_free(degrees);
        gr_keys_free(keys);
    }

    /* degrees of an empty graph: empty list and array with a NULL data pointer. */
    {
        gr_graph *e = new_graph(directed);
        gr_keys *keys = NULL;
        gr_array *degrees = NULL;
        size_t len = 5;
        gr_attr_tag kind = -1;
        const void *data = &len;
        CHECK_OK(gr_graph_degrees(e, &keys, &degrees));
        CHECK_KEYS(keys, "");
        CHECK_OK(gr_array_info(degrees, &len, &kind, &data));
        CHECK_EQ(len, 0);
        CHECK_EQ(kind, GR_ATTR_INT64);
        CHECK(data == NULL);
        gr_array_free(degrees);
        gr_keys_free(keys);
        gr_graph_free(e);
    }
}

/* The int-key fast paths agree with the general calls. */
static void test_int_fast_paths(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_attr_value x = v_str("kept");
    bool found = true;
    CHECK_OK(gr_graph_add_node(g, SK("1"), NULL, NULL, 0));
    CHECK_OK(gr_graph_has_node_int(g, 1, &found));
    CHECK(!found); /* "1" is not 1 */
    CHECK_OK(gr_graph_add_node_int(g, 1));
    CHECK_OK(gr_graph_has_node_int(g, 1, &found));
    CHECK(found);
    CHECK(has_node(g, IK(1)));
    CHECK(has_node(g, SK("1")));
    CHECK_EQ(node_count(g), 2);
    /* Adding an existing node again changes nothing, attributes included. */
    CHECK_OK(gr_graph_set_node_attr(g, IK(1), "a", 1, &x));
    CHECK_OK(gr_graph_add_node_int(g, 1));
    CHECK_EQ(node_count(g), 2);
    CHECK_NODE_ATTR(g, IK(1), "a", &x);
    CHECK_OK(gr_graph_add_node_int(g, INT64_MIN));
    CHECK_OK(gr_graph_add_node_int(g, INT64_MAX));
    CHECK_OK(gr_graph_add_node_int(g, 0));
    CHECK_NODES(g, "'1',1,-9223372036854775808,9223372036854775807,0");
    CHECK_OK(gr_graph_has_node_int(g, INT64_MIN, &found));
    CHECK(found);
    CHECK_OK(gr_graph_has_node_int(g, 2, &found));
    CHECK(!found);
    CHECK_OK(gr_graph_remove_node(g, IK(1)));
    CHECK_OK(gr_graph_has_node_int(g, 1, &found));
    CHECK(!found);
    CHECK_OK(gr_graph_add_node_int(g, 1));
    CHECK_NODES(g, "'1',-9223372036854775808,9223372036854775807,0,1");
    CHECK_NODE_ATTR_ABSENT(g, IK(1), "a");
    gr_graph_free(g);
}

/* gr_keys_view layout of all-int, all-string and mixed lists. */
static void test_key_views(void)
{
    gr_graph *g = new_graph(true);
    gr_keys *keys = NULL;
    size_t len = 0;
    const int64_t *ints = NULL;
    const uint8_t *kinds = NULL;
    const uint8_t *data = NULL;
    const size_t *offsets = NULL;

    CHECK_OK(gr_graph_add_node(g, IK(5), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(-7), NULL, NULL, 0));
    CHECK_OK(gr_graph_nodes(g, &keys));
    CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
    CHECK_EQ(len, 2);
    CHECK(ints != NULL && ints[0] == 5 && ints[1] == -7);
    CHECK(kinds == NULL && data == NULL && offsets == NULL);
    gr_keys_free(keys);

    CHECK_OK(gr_graph_add_node(g, SK("ab"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SKN("", 0), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(9), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("\xc3\xa7"), NULL, NULL, 0));
    CHECK_OK(gr_graph_nodes(g, &keys));
    CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
    CHECK_EQ(len, 6);
    CHECK(ints != NULL && kinds != NULL && data != NULL && offsets != NULL);
    CHECK(kinds[0] == GR_KEY_INT && kinds[1] == GR_KEY_INT && kinds[2] == GR_KEY_STR &&
          kinds[3] == GR_KEY_STR && kinds[4] == GR_KEY_INT && kinds[5] == GR_KEY_STR);
    CHECK(ints[0] == 5 && ints[1] == -7 && ints[2] == 0 && ints[3] == 0 && ints[4] == 9 &&
          ints[5] == 0);
    CHECK(offsets[0] == 0 && offsets[1] == 0 && offsets[2] == 0 && offsets[3] == 2 &&
          offsets[4] == 2 && offsets[5] == 2 && offsets[6] == 4);
    CHECK_BYTES(data, 4, "ab\xc3\xa7", 4);
    {
        int64_t k = -1;
        const char *ks = NULL;
        size_t kl = 99;
        CHECK_OK(gr_keys_get(keys, 3, &k, &ks, &kl));
        CHECK(ks != NULL && kl == 0 && k == 0);
        CHECK_OK(gr_keys_get(keys, 5, &k, &ks, &kl));
        CHECK_BYTES(ks, kl, "\xc3\xa7", 2);
        CHECK_OK(gr_keys_get(keys, 4, &k, &ks, &kl));
        CHECK(ks == NULL && kl == 0 && k == 9);
    }
    gr_keys_free(keys);
    gr_graph_free(g);

    /* Only string keys. */
    g = new_graph(false);
    CHECK_OK(gr_graph_add_edge(g, SK("x"), SK("yz"), NULL, NULL, 0));
    CHECK_OK(gr_graph_nodes(g, &keys));
    CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
    CHECK_EQ(len, 2);
    CHECK(ints != NULL && ints[0] == 0 && ints[1] == 0);
    CHECK(kinds != NULL && kinds[0] == GR_KEY_STR && kinds[1] == GR_KEY_STR);
    CHECK(offsets != NULL && offsets[0] == 0 && offsets[1] == 1 && offsets[2] == 3);
    CHECK_BYTES(data, 3, "xyz", 3);
    gr_keys_free(keys);
    gr_graph_free(g);
}

/* A key list from gr_keys_view goes straight back in as a key array (same layout). */
static void test_view_round_trip(bool mixed)
{
    gr_graph *g = new_graph(true);
    gr_graph *s = NULL;
    gr_graph *h = new_graph(false);
    gr_keys *keys = NULL;
    size_t len = 0;
    const int64_t *ints = NULL;
    const uint8_t *kinds = NULL;
    const uint8_t *data = NULL;
    const size_t *offsets = NULL;
    size_t data_len;
    CHECK_OK(gr_graph_add_edge(g, IK(4), IK(-4), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(8), NULL, NULL, 0));
    if (mixed) {
        CHECK_OK(gr_graph_add_edge(g, SKN("", 0), IK(4), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_node(g, SK("\xc3\xa9t\xc3\xa9"), NULL, NULL, 0));
    }
    CHECK_OK(gr_graph_nodes(g, &keys));
    CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
    data_len = offsets != NULL ? offsets[len] : 0;
    CHECK_OK(gr_graph_subgraph(g, kinds, ints, data, data_len, offsets, len, &s));
    CHECK_OK(gr_graph_add_nodes(h, kinds, ints, data, data_len, offsets, len, NULL, 0, NULL,
                                NULL, NULL, 0));
    if (mixed) {
        CHECK_NODES(s, "4,-4,8,'','\xc3\xa9t\xc3\xa9'");
        CHECK_NODES(h, "4,-4,8,'','\xc3\xa9t\xc3\xa9'");
        CHECK_EQ(edge_count(s), 2);
    } else {
        CHECK_NODES(s, "4,-4,8");
        CHECK_NODES(h, "4,-4,8");
        CHECK_EQ(edge_count(s), 1);
    }
    gr_keys_free(keys);
    gr_graph_free(s);
    gr_graph_free(h);
    gr_graph_free(g);
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

/* Removal: tombstones keep the order of what remains; removed things are really gone. */
static void test_removal(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_buf w = buf_of("w");
    gr_attr_value x;
    int64_t i;
    static const int64_t ends[7][2] = {{1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 1}, {2, 5}};
    for (i = 1; i <= 6; i++) {
        x = v_i64(i * 10);
        CHECK_OK(gr_graph_add_node(g, IK(i), &w, &x, 1));
    }
    x = v_str("only on 3");
    CHECK_OK(gr_graph_set_node_attr(g, IK(3), "tag", 3, &x));
    for (i = 0; i < 7; i++) {
        x = v_i64(i);
        CHECK_OK(gr_graph_add_edge(g, IK(ends[i][0]), IK(ends[i][1]), &w, &x, 1));
    }
    x = v_str("only on 3-4");
    CHECK_OK(gr_graph_set_edge_attr(g, IK(3), IK(4), "tag", 3, &x));
    CHECK_EQ(node_count(g), 6);
    CHECK_EQ(edge_count(g), 7);
    CHECK_NODE_ATTR_NAMES(g, "w,tag");
    CHECK_EDGE_ATTR_NAMES(g, "w,tag");
    CHECK_DEGREES(g, IK(2), 3, directed ? 1 : 3, directed ? 2 : 3);

    CHECK_OK(gr_graph_remove_node(g, IK(3)));
    CHECK_EQ(node_count(g), 5);
    CHECK_EQ(edge_count(g), 5);
    CHECK(!has_node(g, IK(3)));
    CHECK(!has_edge(g, IK(2), IK(3)));
    CHECK(!has_edge(g, IK(3), IK(4)));
    CHECK_NODES(g, "1,2,4,5,6");
    CHECK_EDGES(g, "1,4,5,6,2", "2,5,6,1,5");
    CHECK_DEGREES(g, IK(2), 2, directed ? 1 : 2, directed ? 1 : 2);
    CHECK_NEIGHBORS(g, IK(2), directed ? "5" : "1,5");
    CHECK_NEIGHBORS(g, IK(4), "5");
    /* Attribute names only list what a live node or edge has. */
    CHECK_NODE_ATTR_NAMES(g, "w");
    CHECK_EDGE_ATTR_NAMES(g, "w");
    /* The remaining attributes are unchanged. */
    x = v_i64(60);
    CHECK_NODE_ATTR(g, IK(6), "w", &x);
    x = v_i64(6);
    CHECK_EDGE_ATTR(g, IK(2), IK(5), "w", &x);
    x = v_i64(3);
    CHECK_EDGE_ATTR(g, IK(4), IK(5), "w", &x);

    /* Remove an edge (reversed endpoints when undirected). */
    if (directed) {
        CHECK_OK(gr_graph_remove_edge(g, IK(5), IK(6)));
    } else {
        CHECK_OK(gr_graph_remove_edge(g, IK(6), IK(5)));
    }
    CHECK_EQ(edge_count(g), 4);
    CHECK_EQ(node_count(g), 5);
    CHECK_EDGES(g, "1,4,6,2", "2,5,1,5");
    CHECK(!has_edge(g, IK(5), IK(6)));
    CHECK(has_node(g, IK(5)) && has_node(g, IK(6)));
    x = v_i64(5);
    CHECK_EDGE_ATTR(g, IK(6), IK(1), "w", &x);

    /* A removed node added again goes to the end, with no attributes and no edges. */
    CHECK_OK(gr_graph_add_node(g, IK(3), NULL, NULL, 0));
    CHECK_NODES(g, "1,2,4,5,6,3");
    CHECK_NODE_ATTR_ABSENT(g, IK(3), "w");
    CHECK_NODE_ATTR_ABSENT(g, IK(3), "tag");
    CHECK_NODE_MAP(g, IK(3), 0, KIND_NAMES, NULL);
    CHECK_DEGREES(g, IK(3), 0, 0, 0);
    CHECK_OK(gr_graph_add_edge(g, IK(3), IK(4), NULL, NULL, 0));
    CHECK_EDGE_ATTR_ABSENT(g, IK(3), IK(4), "w");
    CHECK_EDGE_ATTR_ABSENT(g, IK(3), IK(4), "tag");
    CHECK_EDGE_MAP(g, IK(3), IK(4), 0, KIND_NAMES, NULL);
    CHECK_EDGES(g, "1,4,6,2,3", "2,5,1,5,4");
    /* A removed edge added again goes to the end too, without its old attributes. */
    CHECK_OK(gr_graph_add_edge(g, IK(5), IK(6), NULL, NULL, 0));
    CHECK_EDGES(g, "1,4,6,2,3,5", "2,5,1,5,4,6");
    CHECK_EDGE_ATTR_ABSENT(g, IK(5), IK(6), "w");

    /* Removing a node with a self-loop removes the loop once. */
    CHECK_OK(gr_graph_add_edge(g, SK("loop"), SK("loop"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("loop"), IK(1), NULL, NULL, 0));
    CHECK_EQ(edge_count(g), 8);
    CHECK_OK(gr_graph_remove_node(g, SK("loop")));
    CHECK_EQ(edge_count(g), 6);
    CHECK_EDGES(g, "1,4,6,2,3,5", "2,5,1,5,4,6");
    CHECK_DEGREES(g, IK(1), 2, directed ? 1 : 2, directed ? 1 : 2);

    /* Removing an int key leaves the string key that prints alike. */
    CHECK_OK(gr_graph_add_node(g, SK("1"), NULL, NULL, 0));
    CHECK_OK(gr_graph_remove_node(g, IK(1)));
    CHECK(has_node(g, SK("1")));
    CHECK(!has_node(g, IK(1)));
    CHECK_NODES(g, "2,4,5,6,3,'1'");
    CHECK_EDGES(g, "4,2,3,5", "5,5,4,6");

    /* Remove everything one by one. */
    CHECK_OK(gr_graph_remove_node(g, IK(2)));
    CHECK_OK(gr_graph_remove_node(g, IK(4)));
    CHECK_OK(gr_graph_remove_node(g, IK(5)));
    CHECK_OK(gr_graph_remove_node(g, IK(6)));
    CHECK_OK(gr_graph_remove_node(g, IK(3)));
    CHECK_OK(gr_graph_remove_node(g, SK("1")));
    CHECK_EQ(node_count(g), 0);
    CHECK_EQ(edge_count(g), 0);
    CHECK_NODES(g, "");
    CHECK_EDGES(g, "", "");
    CHECK_NODE_ATTR_NAMES(g, "");
    CHECK_EDGE_ATTR_NAMES(g, "");
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

/* A copy is deep and independent, in both directions, and outlives the original. */
static void test_copy(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_graph *c = NULL;
    gr_attr_value s = v_str("original");
    gr_attr_value b = v_bytes(BYTES_DATA, sizeof BYTES_DATA);
    gr_attr_value y = v_str("changed");
    gr_buf name = buf_of("s");
    bool d = !directed;
    CHECK_OK(gr_graph_add_node(g, SK("x"), &name, &s, 1));
    CHECK_OK(gr_graph_add_edge(g, SK("x"), IK(1), &name, &b, 1));
    CHECK_OK(gr_graph_add_edge(g, IK(1), IK(2), NULL, NULL, 0));

    CHECK_OK(gr_graph_copy(g, &c));
    CHECK(c != NULL && c != g);
    CHECK_OK(gr_graph_is_directed(c, &d));
    CHECK(d == directed);
    CHECK_NODES(c, "'x',1,2");
    CHECK_EDGES(c, "'x',1", "1,2");
    CHECK_NODE_ATTR(c, SK("x"), "s", &s);
    CHECK_EDGE_ATTR(c, SK("x"), IK(1), "s", &b);

    /* Change the original: the copy does not see it. */
    CHECK_OK(gr_graph_set_node_attr(g, SK("x"), "s", 1, &y));
    CHECK_OK(gr_graph_set_edge_attr(g, SK("x"), IK(1), "s", 1, &y));
    CHECK_OK(gr_graph_remove_edge(g, IK(1), IK(2)));
    CHECK_OK(gr_graph_add_node(g, IK(3), NULL, NULL, 0));
    CHECK_NODE_ATTR(c, SK("x"), "s", &s);
    CHECK_EDGE_ATTR(c, SK("x"), IK(1), "s", &b);
    CHECK_NODES(c, "'x',1,2");
    CHECK_EDGES(c, "'x',1", "1,2");
    CHECK_EQ(edge_count(c), 2);

    /* Change the copy: the original does not see it. */
    CHECK_OK(gr_graph_remove_node(c, SK("x")));
    CHECK_OK(gr_graph_add_edge(c, IK(2), IK(9), NULL, NULL, 0));
    CHECK_NODES(g, "'x',1,2,3");
    CHECK_EDGES(g, "'x'", "1");
    CHECK_NODE_ATTR(g, SK("x"), "s", &y);

    /* The copy outlives the original. */
    gr_graph_free(g);
    CHECK_NODES(c, "1,2,9");
    CHECK_EDGES(c, "1,2", "2,9");
    gr_graph_free(c);

    /* A copy of an empty graph. */
    g = new_graph(directed);
    CHECK_OK(gr_graph_copy(g, &c));
    CHECK_EQ(node_count(c), 0);
    CHECK_OK(gr_graph_is_directed(c, &d));
    CHECK(d == directed);
    gr_graph_free(g);
    gr_graph_free(c);
}

/* The induced subgraph of a key array; keys not in the graph are ignored. */
static void test_subgraph(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_graph *s = NULL;
    gr_buf w = buf_of("w");
    gr_attr_value x;
    bool d = !directed;
    CHECK_OK(gr_graph_add_node(g, IK(1), NULL, NULL, 0));
    x = v_str("node a");
    CHECK_OK(gr_graph_add_node(g, SK("a"), &w, &x, 1));
    CHECK_OK(gr_graph_add_node(g, IK(2), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, SK("b"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_node(g, IK(3), NULL, NULL, 0));
    x = v_f64(0.5);
    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("a"), &w, &x, 1));
    CHECK_OK(gr_graph_add_edge(g, SK("a"), IK(2), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(2), SK("b"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("b"), IK(3), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, IK(3), IK(1), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("a"), SK("a"), NULL, NULL, 0));
    CHECK_OK(gr_graph_add_edge(g, SK("b"), IK(1), NULL, NULL, 0));

    /* Keys 'b', 1, 'a', 99 (missing), 'zz' (missing), "1" (missing), 'a' again. */
    {
        static const uint8_t kinds[7] = {GR_KEY_STR, GR_KEY_INT, GR_KEY_STR, GR_KEY_INT,
                                         GR_KEY_STR, GR_KEY_STR, GR_KEY_STR};
        static const int64_t ints[7] = {0, 1, 0, 99, 0, 0, 0};
        static const char data[] = "bazz1a";
        static const size_t offsets[8] = {0, 1, 1, 2, 2, 4, 5, 6};
        CHECK_OK(gr_graph_subgraph(g, kinds, ints, (const uint8_t *)data, 6, offsets, 7, &s));
    }
    CHECK(s != NULL);
    CHECK_OK(gr_graph_is_directed(s, &d));
    CHECK(d == directed);
    /* This graph's order, not the key array's. */
    CHECK_NODES(s, "1,'a','b'");
    CHECK_EDGES(s, "1,'a','b'", "'a','a',1");
    x = v_str("node a");
    CHECK_NODE_ATTR(s, SK("a"), "w", &x);
    x = v_f64(0.5);
    CHECK_EDGE_ATTR(s, IK(1), SK("a"), "w", &x);
    CHECK_NODE_ATTR_NAMES(s, "w");
    CHECK_EDGE_ATTR_NAMES(s, "w");
    if (directed) {
        CHECK_DEGREES(s, IK(1), 2, 1, 1);
    } else {
        CHECK_DEGREES(s, IK(1), 2, 2, 2);
    }
    /* Independent of the original. */
    CHECK_OK(gr_graph_remove_node(s, SK("a")));
    CHECK(has_node(g, SK("a")));
    CHECK_EQ(edge_count(g), 7);
    gr_graph_free(s);

    /* Int keys only (kinds NULL). */
    {
        static const int64_t ints[3] = {3, 1, 3};
        CHECK_OK(gr_graph_subgraph(g, NULL, ints, NULL, 0, NULL, 3, &s));
    }
    CHECK_NODES(s, "1,3");
    CHECK_EDGES(s, "3", "1");
    CHECK_EDGE_ATTR_NAMES(s, "");
    gr_graph_free(s);

    /* No keys: an empty graph of the same kind. */
    CHECK_OK(gr_graph_subgraph(g, NULL, NULL, NULL, 0, NULL, 0, &s));
    CHECK_EQ(node_count(s), 0);
    CHECK_EQ(edge_count(s), 0);
    CHECK_OK(gr_graph_is_directed(s, &d));
    CHECK(d == directed);
    gr_graph_free(s);
    gr_graph_free(g);
}

/* clear removes every node, edge and attribute, keeps directedness, and the graph is
 * usable afterwards. */
static void test_clear(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_buf n = buf_of("n");
    gr_attr_value x = v_str("v");
    bool d = !directed;
    CHECK_OK(gr_graph_add_node(g, IK(1), &n, &x, 1));
    CHECK_OK(gr_graph_add_edge(g, IK(1), SK("2"), &n, &x, 1));
    CHECK_OK(gr_graph_clear(g));
    CHECK_EQ(node_count(g), 0);
    CHECK_EQ(edge_count(g), 0);
    CHECK_NODES(g, "");
    CHECK_EDGES(g, "", "");
    CHECK_NODE_ATTR_NAMES(g, "");
    CHECK_EDGE_ATTR_NAMES(g, "");
    CHECK(!has_node(g, IK(1)));
    CHECK(!has_edge(g, IK(1), SK("2")));
    CHECK_OK(gr_graph_is_directed(g, &d));
    CHECK(d == directed);
    CHECK_OK(gr_graph_clear(g)); /* clearing an empty graph is fine */
    CHECK_OK(gr_graph_add_edge(g, SK("2"), IK(1), NULL, NULL, 0));
    CHECK_NODES(g, "'2',1");
    CHECK_EDGES(g, "'2'", "1");
    CHECK_NODE_ATTR_ABSENT(g, IK(1), "n");
    CHECK_EDGE_ATTR_ABSENT(g, SK("2"), IK(1), "n");
    CHECK_NODE_ATTR_NAMES(g, "");
    gr_graph_free(g);
}

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
    test_versions();
    test_status_strings();
    test_key_views();
    test_view_round_trip(false);
    test_view_round_trip(true);
    test_float_bits();
    for (directed = 0; directed <= 1; directed++) {
        bool d = directed != 0;
        test_int_fast_paths(d);
        test_attribute_kinds(d);
        test_keys_and_topology(d);
        test_removal(d);
        test_attr_removal(d);
        test_copy(d);
        test_subgraph(d);
        test_clear(d);
        test_batch_nodes(d);
        test_batch_edges(d);
    }
    test_batch_scale();
    return CHECK_SUMMARY();
}
