/*
 * algorithm_checks.h: the helpers shared by the algorithm tests (test_pagerank*.c,
 * test_traversal.c, test_shortest_path.c, test_components.c, test_algorithm_*.c,
 * test_cancel.c): building small graphs, calling PageRank with every option, and reading
 * keys and f64 / i64 result arrays back. The helpers are static inline so that each program
 * can use any subset of them without unused-function warnings.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef GROGGY_TESTS_ALGORITHM_CHECKS_H
#define GROGGY_TESTS_ALGORITHM_CHECKS_H

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "graph_snapshot.h"

/* Sentinels preset in output variables: a failing call must leave them as they are. */
#define SENTINEL_KEYS ((gr_keys *)(uintptr_t)0x5e48)
#define SENTINEL_ARRAY ((gr_array *)(uintptr_t)0x5e4b)

static const gr_status IA = GR_STATUS_INVALID_ARGUMENT;

/* "日本" as UTF-8. */
#define NIHON "\xe6\x97\xa5\xe6\x9c\xac"

/* ----- helpers ------------------------------------------------------------------------------ */

static inline double dabs(double x)
{
    return x < 0 ? -x : x;
}

static inline gr_graph *new_graph(bool directed)
{
    gr_graph *g = NULL;
    CHECK_OK(gr_graph_new(directed, &g));
    CHECK(g != NULL);
    return g;
}

/* Adds int edges given as a flat list u0, v0, u1, v1, ... */
static inline void add_int_edges(gr_graph *g, const int64_t *pairs, size_t n_pairs)
{
    size_t i;
    for (i = 0; i < n_pairs; i++) {
        CHECK_OK(gr_graph_add_edge(g, IK(pairs[2 * i]), IK(pairs[2 * i + 1]), NULL, NULL, 0));
    }
}

static inline gr_graph *graph_of(bool directed, const int64_t *pairs, size_t n_pairs)
{
    gr_graph *g = new_graph(directed);
    add_int_edges(g, pairs, n_pairs);
    return g;
}

/* Sets the edge attribute `name` of (u, v) to `value`. */
static inline void set_w(gr_graph *g, int64_t u, int64_t v, const char *name, gr_attr_value value)
{
    CHECK_OK(gr_graph_set_edge_attr(g, IK(u), IK(v), name, strlen(name), &value));
}

/* PageRank with every field of gr_pagerank_options given: the struct from
 * gr_pagerank_options_init with each field then set, so the calls below check that each is
 * honoured. */
static inline gr_status pr_full(const gr_graph *g, double alpha, size_t max_iter, double tol,
                         const char *weight, size_t weight_len, const uint8_t *kinds,
                         const int64_t *ints, const uint8_t *str_data, size_t str_data_len,
                         const size_t *str_offsets, const double *values, size_t n,
                         const gr_cancel *cancel, gr_keys **keys, gr_array **scores)
{
    gr_pagerank_options opts;
    CHECK_OK(gr_pagerank_options_init(&opts, GR_PAGERANK_OPTIONS_VERSION));
    opts.alpha = alpha;
    opts.max_iter = max_iter;
    opts.tol = tol;
    opts.weight = weight;
    opts.weight_len = weight_len;
    opts.personal_kinds = kinds;
    opts.personal_ints = ints;
    opts.personal_str_data = str_data;
    opts.personal_str_data_len = str_data_len;
    opts.personal_str_offsets = str_offsets;
    opts.personal_values = values;
    opts.n_personal = n;
    return gr_graph_pagerank(g, &opts, cancel, keys, scores);
}

/* PageRank without personalization. */
static inline gr_status pagerank(const gr_graph *g, double alpha, size_t max_iter, double tol,
                          const char *weight, const gr_cancel *cancel, gr_keys **keys,
                          gr_array **scores)
{
    return pr_full(g, alpha, max_iter, tol, weight, weight ? strlen(weight) : 0, NULL, NULL, NULL,
                   0, NULL, NULL, 0, cancel, keys, scores);
}

static inline size_t keys_len(const gr_keys *keys)
{
    size_t len = 0;
    const int64_t *ints = NULL;
    const uint8_t *kinds = NULL;
    const uint8_t *data = NULL;
    const size_t *offsets = NULL;
    CHECK_OK(gr_keys_view(keys, &len, &ints, &kinds, &data, &offsets));
    return len;
}

/* The int keys of an all-int list (the list must be all ints). */
static inline const int64_t *keys_ints(const gr_keys *keys, size_t *len)
{
    const int64_t *ints = NULL;
    const uint8_t *kinds = NULL;
    const uint8_t *data = NULL;
    const size_t *offsets = NULL;
    CHECK_OK(gr_keys_view(keys, len, &ints, &kinds, &data, &offsets));
    CHECK(kinds == NULL);
    return ints;
}

/* A float64 array without nulls holds `n` values, each within `tol` of `expected`. */
static inline void check_f64s_at(const char *file, int line, const gr_array *a, const double *expected,
                          size_t n, double tol)
{
    size_t len = 0;
    gr_attr_tag kind = -1;
    const void *data = NULL;
    const uint8_t *valid = NULL;
    size_t nulls = 99;
    size_t i;
    gr_status s = gr_array_info(a, &len, &kind, &data);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_array_info: status %d", (int)s);
    }
    if (len != n) {
        check_fail(file, line, "array of %zu values, expected %zu", len, n);
    }
    if (n == 0) {
        check_pass();
        return;
    }
    if (kind != GR_ATTR_FLOAT64 || data == NULL) {
        check_fail(file, line, "array of kind %d, expected float64", (int)kind);
    }
    s = gr_array_validity(a, &valid, &nulls);
    if (s != GR_STATUS_OK || nulls != 0 || valid != NULL) {
        check_fail(file, line, "array has %zu nulls", nulls);
    }
    for (i = 0; i < n; i++) {
        double x = ((const double *)data)[i];
        if (!(dabs(x - expected[i]) <= tol)) {
            check_fail(file, line, "value %zu is %.17g, expected %.17g (within %g)", i, x,
                       expected[i], tol);
        }
    }
    check_pass();
}

#define CHECK_F64S(array, tol, ...)                                                         \
    do {                                                                                    \
        const double check_e_[] = {__VA_ARGS__};                                            \
        check_f64s_at(__FILE__, __LINE__, (array), check_e_, sizeof check_e_ / sizeof(double), \
                      (tol));                                                               \
    } while (0)

/* An int64 array without nulls, its values joined with "," (e.g. "4,2,1"). */
static inline void check_i64s_at(const char *file, int line, const gr_array *a, const char *expected)
{
    size_t len = 0;
    gr_attr_tag kind = -1;
    const void *data = NULL;
    const uint8_t *valid = NULL;
    size_t nulls = 99;
    size_t i;
    size_t pos = 0;
    char out[4096];
    gr_status s = gr_array_info(a, &len, &kind, &data);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_array_info: status %d", (int)s);
    }
    out[0] = '\0';
    if (len > 0) {
        if (kind != GR_ATTR_INT64 || data == NULL) {
            check_fail(file, line, "array of kind %d, expected int64", (int)kind);
        }
        s = gr_array_validity(a, &valid, &nulls);
        if (s != GR_STATUS_OK || nulls != 0 || valid != NULL) {
            check_fail(file, line, "array has %zu nulls", nulls);
        }
    }
    for (i = 0; i < len; i++) {
        int n = snprintf(out + pos, sizeof out - pos, "%s%lld", i ? "," : "",
                         (long long)((const int64_t *)data)[i]);
        if (n < 0 || (size_t)n >= sizeof out - pos) {
            check_fail(file, line, "array too long to format");
        }
        pos += (size_t)n;
    }
    if (strcmp(out, expected) != 0) {
        check_fail(file, line, "int64 array [%s] != [%s]", out, expected);
    }
    check_pass();
}

#define CHECK_I64S(array, expected) check_i64s_at(__FILE__, __LINE__, (array), (expected))

/* Frees a result pair and resets both pointers to the sentinels. */
static inline void free_result(gr_keys **keys, gr_array **values)
{
    if (keys != NULL) {
        if (*keys != SENTINEL_KEYS) {
            gr_keys_free(*keys);
        }
        *keys = SENTINEL_KEYS;
    }
    if (values != NULL) {
        if (*values != SENTINEL_ARRAY) {
            gr_array_free(*values);
        }
        *values = SENTINEL_ARRAY;
    }
}

static inline void check_path_at(const char *file, int line, const gr_graph *g, int64_t u,
                          const char *us, size_t ul, int64_t v, const char *vs, size_t vl,
                          const char *weight, const char *expected)
{
    gr_keys *keys = NULL;
    char buf[4096];
    gr_status s = gr_graph_shortest_path(g, u, us, ul, v, vs, vl, weight,
                                         weight ? strlen(weight) : 0, NULL, &keys);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_graph_shortest_path: status %d", (int)s);
    }
    keys_format_at(file, line, keys, buf, sizeof buf);
    if (strcmp(buf, expected) != 0) {
        check_fail(file, line, "shortest path [%s] != [%s]", buf, expected);
    }
    gr_keys_free(keys);
    check_pass();
}

#define CHECK_PATH(g, u, v, weight, expected) \
    check_path_at(__FILE__, __LINE__, (g), u, v, (weight), (expected))

/* ----- BFS and DFS -------------------------------------------------------------------------- */

static inline void check_bfs_at(const char *file, int line, const gr_graph *g, int64_t k,
                         const char *ks, size_t kl, int64_t depth, const char *expected)
{
    gr_keys *keys = NULL;
    char buf[4096];
    gr_status s = gr_graph_bfs(g, k, ks, kl, depth, NULL, &keys);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "gr_graph_bfs(depth %lld): status %d", (long long)depth, (int)s);
    }
    keys_format_at(file, line, keys, buf, sizeof buf);
    if (strcmp(buf, expected) != 0) {
        check_fail(file, line, "bfs (depth %lld): [%s] != [%s]", (long long)depth, buf, expected);
    }
    gr_keys_free(keys);
    check_pass();
}

/* CHECK_BFS(g, key..., depth, "expected keys") with key as IK(...) / SK(...). */
#define CHECK_BFS(g, key, depth, expected) \
    check_bfs_at(__FILE__, __LINE__, (g), key, (depth), (expected))

/* ----- components --------------------------------------------------------------------------- */

typedef gr_status (*groups_fn)(const gr_graph *, const gr_cancel *, gr_keys **, gr_array **);

static inline void check_groups_at(const char *file, int line, groups_fn fn, const gr_graph *g,
                            const char *expected_keys, const char *expected_sizes)
{
    gr_keys *keys = NULL;
    gr_array *sizes = NULL;
    char buf[4096];
    gr_status s = fn(g, NULL, &keys, &sizes);
    if (s != GR_STATUS_OK) {
        check_fail(file, line, "components: status %d", (int)s);
    }
    keys_format_at(file, line, keys, buf, sizeof buf);
    if (strcmp(buf, expected_keys) != 0) {
        check_fail(file, line, "component keys [%s] != [%s]", buf, expected_keys);
    }
    check_i64s_at(file, line, sizes, expected_sizes);
    gr_keys_free(keys);
    gr_array_free(sizes);
}

#define CHECK_CC(g, keys, sizes) \
    check_groups_at(__FILE__, __LINE__, gr_graph_connected_components, (g), (keys), (sizes))
#define CHECK_SCC(g, keys, sizes)                                                            \
    check_groups_at(__FILE__, __LINE__, gr_graph_strongly_connected_components, (g), (keys), \
                    (sizes))

#endif /* GROGGY_TESTS_ALGORITHM_CHECKS_H */
