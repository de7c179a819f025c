/*
 * graph_snapshot.h: everything observable about a graph, captured as text, so that a test
 * can check that a failed call changed nothing.
 *
 * A snapshot holds the node and edge counts, the node keys in order, the edges in order
 * (sources and targets), the attribute names, every node's degree, and every attribute of
 * every node and edge in column order (Null told from absent, floats to the last bit,
 * strings and bytes byte for byte). Snapshots are large: allocate them with malloc.
 *
 *     snapshot *before = (snapshot *)malloc(sizeof(snapshot));
 *     take_snapshot(g, before);
 *     ... a call that must fail ...
 *     CHECK_UNCHANGED(g, before);
 *     free(before);
 *
 * Shared by the C tests in tests/c/; valid C99 and C++17 (see run.sh).
 */

#ifndef GROGGY_TESTS_GRAPH_SNAPSHOT_H
#define GROGGY_TESTS_GRAPH_SNAPSHOT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

typedef struct snapshot {
    size_t nodes;
    size_t edges;
    char node_keys[2048];
    char edge_sources[2048];
    char edge_targets[2048];
    char node_names[512];
    char edge_names[512];
    char degrees[1024];
    /* Every node's attributes, in node order, "|"-separated. */
    char node_attrs[8192];
    /* Every edge's attributes, in edge order, "|"-separated. */
    char edge_attrs[8192];
} snapshot;

/* Appends printf-style text to out[*pos .. cap), failing the test if it does not fit. */
static inline void snapshot_append(char *out, size_t cap, size_t *pos, const char *fmt, ...)
{
    va_list args;
    int n;
    va_start(args, fmt);
    n = vsnprintf(out + *pos, cap - *pos, fmt, args);
    va_end(args);
    if (n < 0 || (size_t)n >= cap - *pos) {
        check_fail(__FILE__, __LINE__, "snapshot: buffer of %zu bytes too small", cap);
    }
    *pos += (size_t)n;
}

/* A value, exactly: floats to 17 digits, strings and bytes as hex. */
static inline void snapshot_value(const gr_attr_value *v, char *out, size_t cap, size_t *pos)
{
    size_t i;
    switch (v->tag) {
    case GR_ATTR_NULL: snapshot_append(out, cap, pos, "null"); break;
    case GR_ATTR_BOOL: snapshot_append(out, cap, pos, "bool:%d", (int)v->data.b); break;
    case GR_ATTR_INT8: snapshot_append(out, cap, pos, "i8:%d", (int)v->data.i8); break;
    case GR_ATTR_INT16: snapshot_append(out, cap, pos, "i16:%d", (int)v->data.i16); break;
    case GR_ATTR_INT32: snapshot_append(out, cap, pos, "i32:%ld", (long)v->data.i32); break;
    case GR_ATTR_INT64:
        snapshot_append(out, cap, pos, "i64:%lld", (long long)v->data.i64);
        break;
    case GR_ATTR_FLOAT32:
        snapshot_append(out, cap, pos, "f32:%.9g", (double)v->data.f32);
        break;
    case GR_ATTR_FLOAT64: snapshot_append(out, cap, pos, "f64:%.17g", v->data.f64); break;
    case GR_ATTR_STRING:
    case GR_ATTR_BYTES:
        snapshot_append(out, cap, pos, "%s:", v->tag == GR_ATTR_STRING ? "str" : "bytes");
        for (i = 0; i < v->data.buf.len; i++) {
            snapshot_append(out, cap, pos, "%02x", (unsigned)v->data.buf.ptr[i]);
        }
        break;
    default: snapshot_append(out, cap, pos, "tag%d", (int)v->tag); break;
    }
}

/* A string list's entries joined with ",". */
static inline void format_string_list(const gr_string_list *list, char *out, size_t cap)
{
    size_t len = 0;
    const gr_buf *items = NULL;
    size_t i;
    size_t pos = 0;
    CHECK_OK(gr_string_list_entries(list, &len, &items));
    out[0] = '\0';
    for (i = 0; i < len; i++) {
        snapshot_append(out, cap, &pos, "%s%.*s", i ? "," : "", (int)items[i].len,
                        (const char *)items[i].ptr);
    }
}

/* An attribute map as "name=value;name=value" (values as snapshot_value writes them). */
static inline void format_map_at(const gr_attr_map *map, char *out, size_t cap, size_t *pos)
{
    size_t len = 0;
    const gr_buf *names = NULL;
    const gr_attr_value *values = NULL;
    size_t i;
    CHECK_OK(gr_attr_map_entries(map, &len, &names, &values));
    for (i = 0; i < len; i++) {
        snapshot_append(out, cap, pos, "%s%.*s=", i ? ";" : "", (int)names[i].len,
                        (const char *)names[i].ptr);
        snapshot_value(&values[i], out, cap, pos);
    }
}

static inline void format_map(const gr_attr_map *map, char *out, size_t cap)
{
    size_t pos = 0;
    out[0] = '\0';
    format_map_at(map, out, cap, &pos);
}

/* Everything observable about `g`. */
static inline void take_snapshot(const gr_graph *g, snapshot *s)
{
    gr_keys *keys = NULL;
    gr_keys *sources = NULL;
    gr_keys *targets = NULL;
    gr_string_list *names = NULL;
    size_t i;
    size_t pos_attrs = 0;
    size_t pos_degrees = 0;
    memset(s, 0, sizeof *s);
    CHECK_OK(gr_graph_node_count(g, &s->nodes));
    CHECK_OK(gr_graph_edge_count(g, &s->edges));
    CHECK_OK(gr_graph_nodes(g, &keys));
    keys_format_at(__FILE__, __LINE__, keys, s->node_keys, sizeof s->node_keys);
    for (i = 0; i < s->nodes; i++) {
        int64_t k = 0;
        const char *ks = NULL;
        size_t kl = 0;
        size_t degree = 0;
        gr_attr_map *map = NULL;
        CHECK_OK(gr_keys_get(keys, i, &k, &ks, &kl));
        CHECK_OK(gr_graph_degree(g, k, ks, kl, &degree));
        snapshot_append(s->degrees, sizeof s->degrees, &pos_degrees, "%s%zu", i ? "," : "",
                        degree);
        CHECK_OK(gr_graph_node_attrs(g, k, ks, kl, &map));
        if (i > 0) {
            snapshot_append(s->node_attrs, sizeof s->node_attrs, &pos_attrs, "|");
        }
        format_map_at(map, s->node_attrs, sizeof s->node_attrs, &pos_attrs);
        gr_attr_map_free(map);
    }
    gr_keys_free(keys);

    CHECK_OK(gr_graph_edges(g, &sources, &targets));
    keys_format_at(__FILE__, __LINE__, sources, s->edge_sources, sizeof s->edge_sources);
    keys_format_at(__FILE__, __LINE__, targets, s->edge_targets, sizeof s->edge_targets);
    pos_attrs = 0;
    for (i = 0; i < s->edges; i++) {
        int64_t u = 0;
        const char *us = NULL;
        size_t ul = 0;
        int64_t v = 0;
        const char *vs = NULL;
        size_t vl = 0;
        gr_attr_map *map = NULL;
        CHECK_OK(gr_keys_get(sources, i, &u, &us, &ul));
        CHECK_OK(gr_keys_get(targets, i, &v, &vs, &vl));
        CHECK_OK(gr_graph_edge_attrs(g, u, us, ul, v, vs, vl, &map));
        if (i > 0) {
            snapshot_append(s->edge_attrs, sizeof s->edge_attrs, &pos_attrs, "|");
        }
        format_map_at(map, s->edge_attrs, sizeof s->edge_attrs, &pos_attrs);
        gr_attr_map_free(map);
    }
    gr_keys_free(sources);
    gr_keys_free(targets);

    CHECK_OK(gr_graph_node_attr_names(g, &names));
    format_string_list(names, s->node_names, sizeof s->node_names);
    gr_string_list_free(names);
    CHECK_OK(gr_graph_edge_attr_names(g, &names));
    format_string_list(names, s->edge_names, sizeof s->edge_names);
    gr_string_list_free(names);
}

static inline void check_unchanged_at(const char *file, int line, const gr_graph *g,
                                      const snapshot *before)
{
    snapshot *after = (snapshot *)malloc(sizeof(snapshot));
    if (after == NULL) {
        check_fail(file, line, "out of memory");
    }
    take_snapshot(g, after);
    if (after->nodes != before->nodes || after->edges != before->edges) {
        check_fail(file, line, "graph changed: %zu nodes, %zu edges (was %zu, %zu)",
                   after->nodes, after->edges, before->nodes, before->edges);
    }
#define CHECK_FIELD_(field)                                                             \
    if (strcmp(after->field, before->field) != 0) {                                     \
        check_fail(file, line, "graph changed: " #field " [%s] (was [%s])", after->field, \
                   before->field);                                                      \
    }
    CHECK_FIELD_(node_keys)
    CHECK_FIELD_(edge_sources)
    CHECK_FIELD_(edge_targets)
    CHECK_FIELD_(node_names)
    CHECK_FIELD_(edge_names)
    CHECK_FIELD_(degrees)
    CHECK_FIELD_(node_attrs)
    CHECK_FIELD_(edge_attrs)
#undef CHECK_FIELD_
    free(after);
    check_pass();
}

/* The graph is exactly as the snapshot `before` (a `const snapshot *`) recorded it. */
#define CHECK_UNCHANGED(g, before) check_unchanged_at(__FILE__, __LINE__, (g), (before))

/* Two graphs are observably identical (`expected` is typically built one call at a time). */
static inline void check_same_graph_at(const char *file, int line, const gr_graph *actual,
                                       const gr_graph *expected)
{
    snapshot *want = (snapshot *)malloc(sizeof(snapshot));
    if (want == NULL) {
        check_fail(file, line, "out of memory");
    }
    take_snapshot(expected, want);
    check_unchanged_at(file, line, actual, want);
    free(want);
}

#define CHECK_SAME_GRAPH(actual, expected) \
    check_same_graph_at(__FILE__, __LINE__, (actual), (expected))

#endif /* GROGGY_TESTS_GRAPH_SNAPSHOT_H */
