/*
 * array_checks.h: the helpers shared by the test_arrays_*.c programs: making gr_array
 * columns and reading them back (info, validity, buffers, values) against what a test
 * expects. The helpers are static inline so that each program can use any subset of them
 * without unused-function warnings.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef GROGGY_TESTS_ARRAY_CHECKS_H
#define GROGGY_TESTS_ARRAY_CHECKS_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "graph_snapshot.h"

#define SENTINEL_ARRAY ((gr_array *)(uintptr_t)0x5e4b)
#define SENTINEL_SIZE ((size_t)0x5e4c)
#define SENTINEL_I64 ((int64_t)0x5e4d)
#define SENTINEL_TAG ((gr_attr_tag)77)

static const gr_status IA = GR_STATUS_INVALID_ARGUMENT;

/* "日本" and "é" as UTF-8. */
#define NIHON "\xe6\x97\xa5\xe6\x9c\xac"
#define E_ACUTE "\xc3\xa9"

/* ----- helpers ------------------------------------------------------------------------------ */

static inline gr_attr_value sentinel_value(void)
{
    gr_attr_value v = v_zero(SENTINEL_TAG);
    v.data.i64 = SENTINEL_I64;
    return v;
}

static inline int is_sentinel_value(const gr_attr_value *v)
{
    return v->tag == SENTINEL_TAG && v->data.i64 == SENTINEL_I64;
}

static inline gr_graph *new_graph(bool directed)
{
    gr_graph *g = NULL;
    CHECK_OK(gr_graph_new(directed, &g));
    CHECK(g != NULL);
    return g;
}

static inline gr_array *array_new(gr_attr_tag tag, const void *data, const uint8_t *valid, size_t n)
{
    gr_array *a = NULL;
    CHECK_OK(gr_array_new(tag, data, valid, n, &a));
    CHECK(a != NULL);
    return a;
}

static inline gr_array *node_array(const gr_graph *g, const char *name)
{
    gr_array *a = NULL;
    CHECK_OK(gr_graph_node_array(g, name, strlen(name), &a));
    return a;
}

static inline gr_array *edge_array(const gr_graph *g, const char *name)
{
    gr_array *a = NULL;
    CHECK_OK(gr_graph_edge_array(g, name, strlen(name), &a));
    return a;
}

static inline size_t array_len(const gr_array *a)
{
    size_t len = SENTINEL_SIZE;
    gr_attr_tag kind = SENTINEL_TAG;
    const void *data = NULL;
    CHECK_OK(gr_array_info(a, &len, &kind, &data));
    return len;
}

static inline gr_attr_tag array_kind(const gr_array *a)
{
    size_t len = SENTINEL_SIZE;
    gr_attr_tag kind = SENTINEL_TAG;
    const void *data = NULL;
    CHECK_OK(gr_array_info(a, &len, &kind, &data));
    return kind;
}

static inline const void *array_data(const gr_array *a)
{
    size_t len = SENTINEL_SIZE;
    gr_attr_tag kind = SENTINEL_TAG;
    const void *data = NULL;
    CHECK_OK(gr_array_info(a, &len, &kind, &data));
    return data;
}

static inline int is_fixed_width(gr_attr_tag kind)
{
    return kind >= GR_ATTR_BOOL && kind <= GR_ATTR_FLOAT64;
}

/* Whether element `i` of the fixed-width values at `data` holds `v`. */
static inline int fixed_equal(gr_attr_tag kind, const void *data, size_t i, const gr_attr_value *v)
{
    switch (kind) {
    case GR_ATTR_BOOL: return ((const uint8_t *)data)[i] == (v->data.b ? 1 : 0);
    case GR_ATTR_INT8: return ((const int8_t *)data)[i] == v->data.i8;
    case GR_ATTR_INT16: return ((const int16_t *)data)[i] == v->data.i16;
    case GR_ATTR_INT32: return ((const int32_t *)data)[i] == v->data.i32;
    case GR_ATTR_INT64: return ((const int64_t *)data)[i] == v->data.i64;
    case GR_ATTR_FLOAT32:
        return memcmp((const float *)data + i, &v->data.f32, sizeof(float)) == 0;
    case GR_ATTR_FLOAT64:
        return memcmp((const double *)data + i, &v->data.f64, sizeof(double)) == 0;
    default: return 0;
    }
}

/*
 * An array has `n` entries of kind `kind` equal to `expected` (GR_ATTR_NULL entries are
 * the nulls), read through every accessor: gr_array_info (length, kind, and the native
 * values for fixed-width kinds), gr_array_validity (null count and mask),
 * gr_array_get (owned values, released), and gr_array_buffers for strings and bytes
 * (invalid for the other kinds).
 */
static inline void check_array_at(const char *file, int line, const gr_array *a, gr_attr_tag kind,
                           const gr_attr_value *expected, size_t n)
{
    size_t len = SENTINEL_SIZE;
    gr_attr_tag k = SENTINEL_TAG;
    const void *data = &len;
    const uint8_t *valid = (const uint8_t *)&len;
    size_t nulls = SENTINEL_SIZE;
    size_t expected_nulls = 0;
    size_t i;
    gr_status s;
    char got[256];
    char want[256];

    s = gr_array_info(a, &len, &k, &data);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_array_info: status %d", (int)s);
    }
    if (len != n || k != kind) {
        check_fail(file, line, "array: length %zu kind %d, expected length %zu kind %d", len,
                   (int)k, n, (int)kind);
    }
    s = gr_array_validity(a, &valid, &nulls);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_array_validity: status %d", (int)s);
    }
    for (i = 0; i < n; i++) {
        expected_nulls += expected[i].tag == GR_ATTR_NULL;
    }
    if (nulls != expected_nulls || (valid == NULL) != (expected_nulls == 0)) {
        check_fail(file, line, "array: %zu nulls (mask %p), expected %zu", nulls,
                   (const void *)valid, expected_nulls);
    }
    for (i = 0; valid != NULL && i < n; i++) {
        if (valid[i] != (expected[i].tag == GR_ATTR_NULL ? 0 : 1)) {
            check_fail(file, line, "array: validity byte %zu is %d", i, (int)valid[i]);
        }
    }
    for (i = 0; i < n; i++) {
        gr_attr_value v = sentinel_value();
        s = gr_array_get(a, i, &v);
        if (s != GR_STATUS_OK) {
            check_fail(file, line, "gr_array_get(%zu): status %d", i, (int)s);
        }
        if (!value_equal(&v, &expected[i])) {
            value_describe(&v, got, sizeof got);
            value_describe(&expected[i], want, sizeof want);
            check_fail(file, line, "array[%zu]: got %s, expected %s", i, got, want);
        }
        gr_attr_value_release(&v);
    }
    if (is_fixed_width(kind)) {
        if ((n == 0) != (data == NULL)) {
            check_fail(file, line, "array of %zu fixed-width values: data %p", n, data);
        }
        for (i = 0; i < n; i++) {
            if (expected[i].tag != GR_ATTR_NULL && !fixed_equal(kind, data, i, &expected[i])) {
                value_describe(&expected[i], want, sizeof want);
                check_fail(file, line, "array data[%zu] is not %s", i, want);
            }
        }
    } else if (data != NULL) {
        check_fail(file, line, "array of kind %d: data is not NULL", (int)kind);
    }
    {
        const uint8_t *bytes = (const uint8_t *)&len;
        size_t bytes_len = SENTINEL_SIZE;
        const size_t *offsets = &len;
        s = gr_array_buffers(a, &bytes, &bytes_len, &offsets);
        if (kind == GR_ATTR_STRING || kind == GR_ATTR_BYTES) {
            if (s != GR_STATUS_OK) {
                check_fail(file, line, "gr_array_buffers: status %d", (int)s);
            }
            if (offsets == NULL || offsets[0] != 0 || offsets[n] != bytes_len ||
                (bytes_len > 0 && bytes == NULL)) {
                check_fail(file, line, "gr_array_buffers: bad layout");
            }
            for (i = 0; i < n; i++) {
                size_t span = offsets[i + 1] - offsets[i];
                size_t want_len = expected[i].tag == GR_ATTR_NULL ? 0 : expected[i].data.buf.len;
                if (offsets[i + 1] < offsets[i] || span != want_len ||
                    (span > 0 && memcmp(bytes + offsets[i], expected[i].data.buf.ptr, span) != 0)) {
                    check_fail(file, line, "gr_array_buffers: value %zu differs", i);
                }
            }
        } else {
            if (s != IA || strstr(gr_last_error_message(), "array_buffers: an array of kind") == NULL ||
                bytes != (const uint8_t *)&len || bytes_len != SENTINEL_SIZE || offsets != &len) {
                check_fail(file, line, "gr_array_buffers on kind %d: status %d", (int)kind, (int)s);
            }
        }
    }
    check_pass();
}

#define CHECK_ARRAY(a, kind, expected, n) \
    check_array_at(__FILE__, __LINE__, (a), (kind), (expected), (n))

/* Value `i` of an array (owned: release it). */
static inline gr_attr_value array_get(const gr_array *a, size_t i)
{
    gr_attr_value v = sentinel_value();
    CHECK_OK(gr_array_get(a, i, &v));
    return v;
}

/* ----- slices --------------------------------------------------------------------------------- */

static inline gr_array *slice_of(const gr_array *a, size_t start, size_t count, ptrdiff_t step)
{
    gr_array *s = NULL;
    CHECK_OK(gr_array_slice(a, start, count, step, &s));
    CHECK(s != NULL);
    return s;
}

/* ----- arrays from graphs --------------------------------------------------------------------- */

/* The node at position `i` of gr_graph_nodes. */
typedef struct key_arg {
    int64_t k;
    const char *s;
    size_t len;
} key_arg;

static inline key_arg key_at(const gr_keys *keys, size_t i)
{
    key_arg a;
    a.k = 0;
    a.s = NULL;
    a.len = 0;
    CHECK_OK(gr_keys_get(keys, i, &a.k, &a.s, &a.len));
    return a;
}

/*
 * node_array(name) and node_attr_presence(name) are aligned with gr_graph_nodes: entry i
 * is node i's attribute (absent and Null both null), and presence says whether node i has
 * it at all (Null included). Same for edges with gr_graph_edges.
 */
static inline void check_aligned_at(const char *file, int line, const gr_graph *g, const char *name,
                             int edges)
{
    gr_keys *keys = NULL;
    gr_keys *targets = NULL;
    gr_array *values = NULL;
    gr_array *present = NULL;
    size_t count = 0;
    size_t len;
    size_t i;
    gr_status s;
    if (edges) {
        CHECK_OK(gr_graph_edges(g, &keys, &targets));
        CHECK_OK(gr_graph_edge_count(g, &count));
        s = gr_graph_edge_array(g, name, strlen(name), &values);
        if (s == GR_STATUS_OK) {
            s = gr_graph_edge_attr_presence(g, name, strlen(name), &present);
        }
    } else {
        CHECK_OK(gr_graph_nodes(g, &keys));
        CHECK_OK(gr_graph_node_count(g, &count));
        s = gr_graph_node_array(g, name, strlen(name), &values);
        if (s == GR_STATUS_OK) {
            s = gr_graph_node_attr_presence(g, name, strlen(name), &present);
        }
    }
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "%s array '%s': status %d", edges ? "edge" : "node", name, (int)s);
    }
    len = array_len(values);
    if (len != count || array_len(present) != count) {
        check_fail(file, line, "array '%s': %zu values for %zu items", name, len, count);
    }
    if (array_kind(present) != GR_ATTR_BOOL) {
        check_fail(file, line, "presence '%s' is not a bool array", name);
    }
    for (i = 0; i < count; i++) {
        gr_attr_value got = array_get(values, i);
        gr_attr_value has = array_get(present, i);
        gr_attr_value attr = v_null();
        bool found = false;
        key_arg u = key_at(keys, i);
        if (edges) {
            key_arg v = key_at(targets, i);
            s = gr_graph_get_edge_attr(g, u.k, u.s, u.len, v.k, v.s, v.len, name, strlen(name),
                                       &attr, &found);
        } else {
            s = gr_graph_get_node_attr(g, u.k, u.s, u.len, name, strlen(name), &attr, &found);
        }
        if (s != GR_STATUS_OK) {
            check_fail(file, line, "get attr '%s' of item %zu: status %d", name, i, (int)s);
        }
        if (has.tag != GR_ATTR_BOOL || has.data.b != found) {
            check_fail(file, line, "presence '%s'[%zu] is not %d", name, i, (int)found);
        }
        if (!value_equal(&got, &attr)) {
            char a[256];
            char b[256];
            value_describe(&got, a, sizeof a);
            value_describe(&attr, b, sizeof b);
            check_fail(file, line, "array '%s'[%zu] is %s but the item has %s", name, i, a, b);
        }
        gr_attr_value_release(&got);
        gr_attr_value_release(&attr);
    }
    gr_array_free(values);
    gr_array_free(present);
    gr_keys_free(keys);
    gr_keys_free(targets);
    check_pass();
}
#define CHECK_NODES_ALIGNED(g, name) check_aligned_at(__FILE__, __LINE__, (g), (name), 0)
#define CHECK_EDGES_ALIGNED(g, name) check_aligned_at(__FILE__, __LINE__, (g), (name), 1)

/* Adds the node if needed and sets one attribute. */
static inline void set_node(gr_graph *g, int64_t k, const char *ks, size_t kl, const char *name,
                     gr_attr_value v)
{
    gr_buf b = buf_of(name);
    CHECK_OK(gr_graph_add_node(g, k, ks, kl, &b, &v, 1));
}

/*
 * Nodes 0..7 and "s" with x = 10 * key on even keys, Null on 3 and "s", absent otherwise;
 * then 2 and 5 removed, and 2 added back (at the end, without attributes). Edges i -> i+1
 * with w = i / 2 for even i (absent for odd), "s" -> 0 with w Null, then 3 -> 4 removed.
 */
static inline gr_graph *build_attr_graph(bool directed)
{
    gr_graph *g = new_graph(directed);
    gr_buf wname = buf_of("w");
    gr_attr_value w;
    int64_t i;
    for (i = 0; i < 8; i++) {
        CHECK_OK(gr_graph_add_node(g, IK(i), NULL, NULL, 0));
        if (i % 2 == 0) {
            set_node(g, IK(i), "x", v_i64(10 * i));
        }
    }
    CHECK_OK(gr_graph_add_node(g, SK("s"), NULL, NULL, 0));
    set_node(g, IK(3), "x", v_null());
    set_node(g, SK("s"), "x", v_null());
    set_node(g, SK("s"), "label", v_str(NIHON));
    for (i = 0; i < 7; i++) {
        w = v_f64((double)i / 2.0);
        CHECK_OK(gr_graph_add_edge(g, IK(i), IK(i + 1), &wname, &w, i % 2 == 0 ? 1 : 0));
    }
    w = v_null();
    CHECK_OK(gr_graph_add_edge(g, SK("s"), IK(0), &wname, &w, 1));
    CHECK_OK(gr_graph_remove_node(g, IK(2)));
    CHECK_OK(gr_graph_remove_node(g, IK(5)));
    CHECK_OK(gr_graph_add_node(g, IK(2), NULL, NULL, 0));
    CHECK_OK(gr_graph_remove_edge(g, IK(3), IK(4)));
    return g;
}

/* A key array of n keys ("s:text" for a string key, anything else an int) for the batch
 * calls: kinds, ints and string data with offsets. */
typedef struct key_batch {
    uint8_t kinds[16];
    int64_t ints[16];
    char data[256];
    size_t offsets[17];
    size_t data_len;
    size_t n;
} key_batch;

static inline void key_batch_init(key_batch *b, const char *const *keys, size_t n)
{
    size_t i;
    memset(b, 0, sizeof *b);
    b->n = n;
    for (i = 0; i < n; i++) {
        b->offsets[i] = b->data_len;
        if (strncmp(keys[i], "s:", 2) == 0) {
            size_t len = strlen(keys[i] + 2);
            b->kinds[i] = GR_KEY_STR;
            memcpy(b->data + b->data_len, keys[i] + 2, len);
            b->data_len += len;
        } else {
            b->kinds[i] = GR_KEY_INT;
            b->ints[i] = strtoll(keys[i], NULL, 10);
        }
    }
    b->offsets[n] = b->data_len;
}

#define KB_ARGS(b) \
    (b)->kinds, (b)->ints, (const uint8_t *)(b)->data, (b)->data_len, (b)->offsets

#endif /* GROGGY_TESTS_ARRAY_CHECKS_H */
