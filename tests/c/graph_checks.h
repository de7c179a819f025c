/*
 * graph_checks.h: the helpers shared by the test_graph_*.c programs: reading a graph back
 * through every accessor (nodes, edges, neighbours, degrees, attributes, attribute maps and
 * names) and checking it against what the test expects, and one value of every attribute kind.
 * The helpers are static inline so that each program can use any subset of them without
 * unused-function warnings.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef GROGGY_TESTS_GRAPH_CHECKS_H
#define GROGGY_TESTS_GRAPH_CHECKS_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* ----- helpers --------------------------------------------------------------------------- */

typedef gr_status (*node_list_fn)(const gr_graph *, int64_t, const char *, size_t, gr_keys **);
typedef gr_status (*node_count_fn)(const gr_graph *, int64_t, const char *, size_t, size_t *);

static inline gr_graph *new_graph(bool directed)
{
    gr_graph *g = NULL;
    bool d = !directed;
    CHECK_OK(gr_graph_new(directed, &g));
    CHECK(g != NULL);
    CHECK_OK(gr_graph_is_directed(g, &d));
    CHECK(d == directed);
    return g;
}

static inline bool has_node(const gr_graph *g, int64_t k, const char *ks, size_t kl)
{
    bool found = false;
    CHECK_OK(gr_graph_has_node(g, k, ks, kl, &found));
    return found;
}

static inline bool has_edge(const gr_graph *g, int64_t u, const char *us, size_t ul, int64_t v,
                     const char *vs, size_t vl)
{
    bool found = false;
    CHECK_OK(gr_graph_has_edge(g, u, us, ul, v, vs, vl, &found));
    return found;
}

static inline void check_nodes_at(const char *file, int line, const gr_graph *g, const char *expected)
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

static inline void check_edges_at(const char *file, int line, const gr_graph *g,
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

static inline void check_list_at(const char *file, int line, node_list_fn fn, const char *fn_name,
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

static inline void check_count_at(const char *file, int line, node_count_fn fn, const char *fn_name,
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
static inline bool is_buffer_kind(gr_attr_tag tag)
{
    return tag == GR_ATTR_STRING || tag == GR_ATTR_BYTES;
}

static inline void check_node_attr_at(const char *file, int line, const gr_graph *g, int64_t k,
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

static inline void check_edge_attr_at(const char *file, int line, const gr_graph *g, int64_t u,
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
static inline void check_node_attr_absent_at(const char *file, int line, const gr_graph *g, int64_t k,
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

static inline void check_edge_attr_absent_at(const char *file, int line, const gr_graph *g, int64_t u,
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
static inline void check_map_at(const char *file, int line, const gr_attr_map *map, size_t n,
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

static inline void check_node_map_at(const char *file, int line, const gr_graph *g, int64_t k,
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

static inline void check_edge_map_at(const char *file, int line, const gr_graph *g, int64_t u,
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

static inline void check_node_attr_names_at(const char *file, int line, const gr_graph *g,
                                     const char *expected)
{
    gr_string_list *names = NULL;
    CHECK_OK(gr_graph_node_attr_names(g, &names));
    check_string_list_at(file, line, names, expected);
    gr_string_list_free(names);
}
#define CHECK_NODE_ATTR_NAMES(g, expected) \
    check_node_attr_names_at(__FILE__, __LINE__, (g), (expected))

static inline void check_edge_attr_names_at(const char *file, int line, const gr_graph *g,
                                     const char *expected)
{
    gr_string_list *names = NULL;
    CHECK_OK(gr_graph_edge_attr_names(g, &names));
    check_string_list_at(file, line, names, expected);
    gr_string_list_free(names);
}
#define CHECK_EDGE_ATTR_NAMES(g, expected) \
    check_edge_attr_names_at(__FILE__, __LINE__, (g), (expected))
/* Bytes with embedded (and leading and trailing) zero bytes. */
static const unsigned char BYTES_DATA[7] = {0x00, 0x01, 0x00, 0xff, 0x00, 0x78, 0x00};

enum { N_KINDS = 14 };
static const char *const KIND_NAMES[N_KINDS] = {
    "null", "bool", "i8", "i16", "i32", "i64", "f32", "f64",
    "str", "empty_str", "utf8", "bytes", "empty_bytes", "zero_byte",
};

#endif /* GROGGY_TESTS_GRAPH_CHECKS_H */
