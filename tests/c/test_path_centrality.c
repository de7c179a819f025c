/*
 * test_path_centrality.c: gr_graph_betweenness_centrality,
 * gr_graph_edge_betweenness_centrality (with gr_betweenness_options),
 * gr_graph_closeness_centrality and gr_graph_harmonic_centrality, used the way a C or C++
 * program would.
 *
 * Covers: values on hand-checked graphs (networkx's, undirected with an isolated node,
 * directed, weighted); edges listed as networkx lists them; every option of
 * gr_betweenness_options through its init (defaults equal to NULL options); seeded
 * sampling (the same seed twice, the same values); sources chosen by the caller (version 2
 * of the options: networkx's scaling of a sample of them, keys of both kinds, a struct of
 * version 1 still read with its defaults); bad arguments (k of 0 or above the node count, a
 * weight no edge has, a negative weight, unknown options versions, k with chosen sources, a
 * chosen source not in the graph) writing no output; a triggered token.
 *
 * Valid C99 and C++17; see run.sh.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "algorithm_checks.h"

#define NO_CANCEL ((const gr_cancel *)NULL)
#define TOL 1e-12

static gr_betweenness_options defaults(void)
{
    gr_betweenness_options opts;
    CHECK_OK(gr_betweenness_options_init(&opts, GR_BETWEENNESS_OPTIONS_VERSION));
    return opts;
}

static gr_status betweenness(const gr_graph *g, bool normalized, bool endpoints,
                             const char *weight, gr_keys **keys, gr_array **values)
{
    gr_betweenness_options opts = defaults();
    opts.normalized = normalized;
    opts.endpoints = endpoints;
    opts.weight = weight;
    opts.weight_len = weight ? strlen(weight) : 0;
    return gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, keys, values);
}

/* Node keys 2, 1, 3, 4: the edges (2, 1), (2, 3) and the isolated node 4. */
static gr_graph *path_with_isolated_node(void)
{
    static const int64_t e[] = {2, 1, 2, 3};
    gr_graph *g = graph_of(false, e, 2);
    CHECK_OK(gr_graph_add_node(g, IK(4), NULL, NULL, 0));
    return g;
}

static void test_betweenness_values(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *values = SENTINEL_ARRAY;
    gr_graph *g = path_with_isolated_node();
    gr_betweenness_options opts = defaults();

    /* The defaults: every source, normalised, no weight, no endpoints, unseeded. */
    CHECK(!opts.sampled && opts.normalized && opts.weight == NULL && !opts.endpoints &&
          !opts.seeded);
    /* networkx: {2: 1/3, 1: 0, 3: 0, 4: 0}; NULL options are the defaults. */
    CHECK_OK(gr_graph_betweenness_centrality(g, NULL, NO_CANCEL, &keys, &values));
    CHECK_KEYS(keys, "2,1,3,4");
    CHECK_F64S(values, TOL, 1.0 / 3.0, 0.0, 0.0, 0.0);
    free_result(&keys, &values);
    CHECK_OK(gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &values));
    CHECK_F64S(values, TOL, 1.0 / 3.0, 0.0, 0.0, 0.0);
    free_result(&keys, &values);
    /* Unnormalised with endpoints: {2: 3, 1: 2, 3: 2, 4: 0}. */
    CHECK_OK(betweenness(g, false, true, NULL, &keys, &values));
    CHECK_F64S(values, TOL, 3.0, 2.0, 2.0, 0.0);
    free_result(&keys, &values);
    gr_graph_free(g);

    /* Directed 1 -> 2 -> 3: {1: 0, 2: 0.5, 3: 0}. */
    {
        static const int64_t e[] = {1, 2, 2, 3};
        g = graph_of(true, e, 2);
        CHECK_OK(gr_graph_betweenness_centrality(g, NULL, NO_CANCEL, &keys, &values));
        CHECK_F64S(values, TOL, 0.0, 0.5, 0.0);
        free_result(&keys, &values);
        gr_graph_free(g);
    }

    /* Weighted triangle: 1-2 (1), 2-3 (1.5), 1-3 (5): the path from 1 to 3 goes through 2. */
    {
        static const int64_t e[] = {1, 2, 2, 3, 1, 3};
        g = graph_of(false, e, 3);
        set_w(g, 1, 2, "w", v_f64(1.0));
        set_w(g, 2, 3, "w", v_f64(1.5));
        set_w(g, 1, 3, "w", v_i64(5));
        CHECK_OK(betweenness(g, false, false, "w", &keys, &values));
        CHECK_F64S(values, TOL, 0.0, 1.0, 0.0);
        free_result(&keys, &values);
        /* Unweighted, no node lies between two others. */
        CHECK_OK(betweenness(g, false, false, NULL, &keys, &values));
        CHECK_F64S(values, TOL, 0.0, 0.0, 0.0);
        free_result(&keys, &values);
        /* networkx: closeness {1: 4/7, 2: 0.8, 3: 0.5}, harmonic {1: 1.4, 2: 5/3, 3: 16/15}. */
        CHECK_OK(gr_graph_closeness_centrality(g, "w", 1, true, NO_CANCEL, &keys, &values));
        CHECK_F64S(values, TOL, 4.0 / 7.0, 0.8, 0.5);
        free_result(&keys, &values);
        CHECK_OK(gr_graph_harmonic_centrality(g, "w", 1, NO_CANCEL, &keys, &values));
        CHECK_F64S(values, TOL, 1.4, 5.0 / 3.0, 16.0 / 15.0);
        free_result(&keys, &values);
        gr_graph_free(g);
    }
}

static void test_edge_betweenness(void)
{
    gr_keys *sources = SENTINEL_KEYS;
    gr_keys *targets = SENTINEL_KEYS;
    gr_array *values = SENTINEL_ARRAY;
    gr_graph *g = path_with_isolated_node();
    gr_betweenness_options opts = defaults();

    /* networkx: {(2, 1): 1/3, (2, 3): 1/3}; unnormalised {(2, 1): 2, (2, 3): 2}. */
    CHECK_OK(gr_graph_edge_betweenness_centrality(g, NULL, NO_CANCEL, &sources, &targets,
                                                  &values));
    CHECK_KEYS(sources, "2,2");
    CHECK_KEYS(targets, "1,3");
    CHECK_F64S(values, TOL, 1.0 / 3.0, 1.0 / 3.0);
    free_result(&sources, &values);
    free_result(&targets, NULL);
    opts.normalized = false;
    CHECK_OK(gr_graph_edge_betweenness_centrality(g, &opts, NO_CANCEL, &sources, &targets,
                                                  &values));
    CHECK_F64S(values, TOL, 2.0, 2.0);
    free_result(&sources, &values);
    free_result(&targets, NULL);
    gr_graph_free(g);

    /* Directed: edges as added, each once; an edge added backwards keeps its direction. */
    {
        static const int64_t e[] = {1, 2, 3, 2, 2, 3};
        g = graph_of(true, e, 3);
        CHECK_OK(gr_graph_edge_betweenness_centrality(g, &opts, NO_CANCEL, &sources, &targets,
                                                      &values));
        CHECK_KEYS(sources, "1,2,3");
        CHECK_KEYS(targets, "2,3,2");
        CHECK_F64S(values, TOL, 2.0, 2.0, 1.0);
        free_result(&sources, &values);
        free_result(&targets, NULL);
        gr_graph_free(g);
    }
}

static void test_directed_closeness_and_harmonic(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *values = SENTINEL_ARRAY;
    static const int64_t e[] = {1, 2, 2, 3};
    gr_graph *g = graph_of(true, e, 2);

    /* Distances that reach each node: networkx {1: 0, 2: 0.5, 3: 2/3}, harmonic
     * {1: 0, 2: 1, 3: 1.5}. */
    CHECK_OK(gr_graph_closeness_centrality(g, NULL, 0, true, NO_CANCEL, &keys, &values));
    CHECK_KEYS(keys, "1,2,3");
    CHECK_F64S(values, TOL, 0.0, 0.5, 2.0 / 3.0);
    free_result(&keys, &values);
    /* Without Wasserman and Faust's scaling: {1: 0, 2: 1, 3: 2/3}. */
    CHECK_OK(gr_graph_closeness_centrality(g, NULL, 0, false, NO_CANCEL, &keys, &values));
    CHECK_F64S(values, TOL, 0.0, 1.0, 2.0 / 3.0);
    free_result(&keys, &values);
    CHECK_OK(gr_graph_harmonic_centrality(g, NULL, 0, NO_CANCEL, &keys, &values));
    CHECK_F64S(values, TOL, 0.0, 1.0, 1.5);
    free_result(&keys, &values);
    gr_graph_free(g);
}

static bool same_values(const gr_array *a, const gr_array *b)
{
    size_t la = 0;
    size_t lb = 0;
    gr_attr_tag ka = -1;
    gr_attr_tag kb = -1;
    const void *da = NULL;
    const void *db = NULL;
    CHECK_OK(gr_array_info(a, &la, &ka, &da));
    CHECK_OK(gr_array_info(b, &lb, &kb, &db));
    return la == lb && (la == 0 || memcmp(da, db, la * sizeof(double)) == 0);
}

static void test_sampling(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_array *first = SENTINEL_ARRAY;
    gr_array *second = SENTINEL_ARRAY;
    gr_graph *g = new_graph(false);
    gr_betweenness_options opts = defaults();
    int64_t i;

    for (i = 0; i < 40; i++) {
        CHECK_OK(gr_graph_add_edge(g, IK(i), IK((i * 7 + 3) % 40), NULL, NULL, 0));
        CHECK_OK(gr_graph_add_edge(g, IK(i), IK((i + 1) % 40), NULL, NULL, 0));
    }
    opts.sampled = true;
    opts.k = 10;
    opts.seeded = true;
    opts.seed = 12345;
    CHECK_OK(gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &first));
    free_result(&keys, NULL);
    CHECK_OK(gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &second));
    CHECK(same_values(first, second));
    free_result(&keys, &second);
    /* k equal to the node count is every node: the exact values. */
    opts.k = 40;
    CHECK_OK(gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &second));
    free_result(&keys, NULL);
    CHECK(!same_values(first, second));
    free_result(NULL, &first);
    free_result(NULL, &second);
    CHECK_OK(gr_graph_betweenness_centrality(g, NULL, NO_CANCEL, &keys, &first));
    free_result(&keys, NULL);
    CHECK_OK(gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &second));
    CHECK(same_values(first, second));
    free_result(&keys, &first);
    free_result(NULL, &second);
    gr_graph_free(g);
}

/* The options struct as a program built against version 1 of the header lays it out. */
typedef struct betweenness_options_v1 {
    uint32_t version;
    bool sampled;
    size_t k;
    bool normalized;
    const char *weight;
    size_t weight_len;
    bool endpoints;
    bool seeded;
    uint64_t seed;
} betweenness_options_v1;

static void test_chosen_sources(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_keys *targets = SENTINEL_KEYS;
    gr_array *values = SENTINEL_ARRAY;
    gr_array *exact = SENTINEL_ARRAY;
    gr_graph *g = path_with_isolated_node();
    gr_betweenness_options opts = defaults();
    static const int64_t chosen[] = {1, 4};
    static const int64_t every[] = {4, 3, 2, 1};
    static const int64_t missing[] = {1, 9};
    static const uint8_t kinds[] = {GR_KEY_INT, GR_KEY_STR};
    static const int64_t mixed_ints[] = {1, 0};
    static const uint8_t str_data[] = "x";
    static const size_t str_offsets[] = {0, 0, 1};
    struct {
        betweenness_options_v1 opts;
        unsigned char guard[64];
    } old;

    CHECK(opts.n_sources == 0 && opts.source_kinds == NULL && opts.source_ints == NULL);
    /* Sources 1 and 4 (networkx's k=2 when its seed draws them): only the path from 1 to 3
     * passes a node (2, not a source), scaled by 1 / (k (N - 1)) = 1/4. */
    opts.source_ints = chosen;
    opts.n_sources = 2;
    CHECK_OK(gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &values));
    CHECK_KEYS(keys, "2,1,3,4");
    CHECK_F64S(values, TOL, 0.25, 0.0, 0.0, 0.0);
    free_result(&keys, &values);
    /* Unnormalised: N / (k * 2) = 3/4 on the undirected graph. */
    opts.normalized = false;
    CHECK_OK(gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &values));
    CHECK_F64S(values, TOL, 0.75, 0.0, 0.0, 0.0);
    free_result(&keys, &values);
    /* Edges from every node, in any order: the exact values. */
    opts.normalized = true;
    opts.source_ints = every;
    opts.n_sources = 4;
    CHECK_OK(gr_graph_edge_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &targets, &values));
    free_result(&keys, NULL);
    free_result(&targets, NULL);
    CHECK_OK(gr_graph_edge_betweenness_centrality(g, NULL, NO_CANCEL, &keys, &targets, &exact));
    CHECK_KEYS(keys, "2,2");
    CHECK_KEYS(targets, "1,3");
    CHECK(same_values(values, exact));
    free_result(&keys, &values);
    free_result(&targets, &exact);
    /* Keys of both kinds: "x" is not in the graph. */
    opts.source_kinds = kinds;
    opts.source_ints = mixed_ints;
    opts.source_str_data = str_data;
    opts.source_str_data_len = 1;
    opts.source_str_offsets = str_offsets;
    opts.n_sources = 2;
    CHECK_ERR(gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &values),
              GR_STATUS_NODE_NOT_FOUND, "'x'");
    opts = defaults();
    opts.source_ints = missing;
    opts.n_sources = 2;
    CHECK_ERR(gr_graph_edge_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &targets, &values),
              GR_STATUS_NODE_NOT_FOUND, "9");
    /* A sample and chosen sources at once. */
    opts.source_ints = chosen;
    opts.sampled = true;
    opts.k = 1;
    CHECK_ERR(gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &values), IA,
              "exclusive");
    CHECK(keys == SENTINEL_KEYS && targets == SENTINEL_KEYS && values == SENTINEL_ARRAY);

    /* Version 1: the init fills only its fields, and the call reads only them (the chosen
     * sources keep their default: none). */
    memset(old.guard, 0xAB, sizeof old.guard);
    CHECK_OK(gr_betweenness_options_init((gr_betweenness_options *)(void *)&old.opts, 1));
    CHECK(old.opts.version == 1 && old.opts.normalized && !old.opts.sampled);
    CHECK(old.guard[0] == 0xAB && old.guard[sizeof old.guard - 1] == 0xAB);
    CHECK_OK(gr_graph_betweenness_centrality(g, (const gr_betweenness_options *)(void *)&old.opts,
                                             NO_CANCEL, &keys, &values));
    CHECK_F64S(values, TOL, 1.0 / 3.0, 0.0, 0.0, 0.0);
    free_result(&keys, &values);
    gr_graph_free(g);
}

static void test_errors(void)
{
    gr_keys *keys = SENTINEL_KEYS;
    gr_keys *targets = SENTINEL_KEYS;
    gr_array *values = SENTINEL_ARRAY;
    static const int64_t e[] = {1, 2, 2, 3};
    gr_graph *g = graph_of(false, e, 2);
    gr_betweenness_options opts = defaults();
    gr_cancel *cancel = NULL;

    opts.sampled = true;
    opts.k = 0;
    CHECK_ERR(gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &values), IA,
              "k must be between 1 and the number of nodes (3), got 0");
    opts.k = 4;
    CHECK_ERR(gr_graph_edge_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &targets,
                                                   &values),
              IA, "got 4");
    CHECK(keys == SENTINEL_KEYS && targets == SENTINEL_KEYS && values == SENTINEL_ARRAY);
    CHECK_ERR(betweenness(g, true, false, "nope", &keys, &values), IA, "nope");
    CHECK_ERR(gr_graph_closeness_centrality(g, "nope", 4, true, NO_CANCEL, &keys, &values), IA,
              "nope");
    set_w(g, 1, 2, "w", v_f64(-0.5));
    CHECK_ERR(betweenness(g, true, false, "w", &keys, &values), GR_STATUS_ALGORITHM,
              "non-negative");
    CHECK_ERR(gr_graph_harmonic_centrality(g, "w", 1, NO_CANCEL, &keys, &values),
              GR_STATUS_ALGORITHM, "-0.5");
    CHECK(keys == SENTINEL_KEYS && values == SENTINEL_ARRAY);

    /* Unknown options versions: refused by the init (which writes nothing) and the call. */
    opts = defaults();
    opts.k = 77;
    CHECK_ERR(gr_betweenness_options_init(&opts, 0), IA, "options version 0");
    CHECK_ERR(gr_betweenness_options_init(&opts, GR_BETWEENNESS_OPTIONS_VERSION + 1), IA,
              "unknown");
    CHECK(opts.k == 77);
    opts.version = 0;
    CHECK_ERR(gr_graph_betweenness_centrality(g, &opts, NO_CANCEL, &keys, &values), IA,
              "gr_betweenness_options_init");
    CHECK(keys == SENTINEL_KEYS && values == SENTINEL_ARRAY);

    /* A triggered token stops every one of them. */
    CHECK_OK(gr_cancel_new(&cancel));
    CHECK_OK(gr_cancel_trigger(cancel));
    CHECK_ERR(gr_graph_betweenness_centrality(g, NULL, cancel, &keys, &values),
              GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_graph_edge_betweenness_centrality(g, NULL, cancel, &keys, &targets, &values),
              GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_graph_closeness_centrality(g, NULL, 0, true, cancel, &keys, &values),
              GR_STATUS_CANCELLED, "");
    CHECK_ERR(gr_graph_harmonic_centrality(g, NULL, 0, cancel, &keys, &values),
              GR_STATUS_CANCELLED, "");
    CHECK(keys == SENTINEL_KEYS && targets == SENTINEL_KEYS && values == SENTINEL_ARRAY);
    gr_cancel_free(cancel);
    gr_graph_free(g);
}

int main(void)
{
    test_betweenness_values();
    test_edge_betweenness();
    test_directed_closeness_and_harmonic();
    test_sampling();
    test_chosen_sources();
    test_errors();
    return CHECK_SUMMARY();
}
